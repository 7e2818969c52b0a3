/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of subcommands. */
#include "config.h"

#include "core/i18n.h"
#include "tui/commands.h"

const struct gu_command gu_commands[] = {
#define GU_COMMAND(name, fn, usage, summary) { #name, fn, usage, summary },
#include "tui/commands.def"
#undef GU_COMMAND
	{ NULL, NULL, NULL, NULL }
};

const unsigned gu_command_count = sizeof gu_commands / sizeof gu_commands[0] - 1;
