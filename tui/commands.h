/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The subcommands of guanai.  Each lives in its own tui/cmd_NAME.c and
 * is listed once in tui/commands.def. */
#ifndef GUANAI_TUI_COMMANDS_H
#define GUANAI_TUI_COMMANDS_H

/* A command gets its own arguments (argv[0] is the command name) and
 * returns the process exit status. */
typedef int (*gu_command_fn)(int argc, char **argv);

struct gu_command {
	const char *name;
	gu_command_fn run;
	const char *usage;    /* msgid: the argument synopsis */
	const char *summary;  /* msgid: one line */
};

#define GU_COMMAND(name, fn, usage, summary) int fn(int argc, char **argv);
#include "tui/commands.def"
#undef GU_COMMAND

/* The interactive program: start screen, interviews, case review. */
int gu_tui_main(int argc, char **argv);

extern const struct gu_command gu_commands[];
extern const unsigned gu_command_count;

#endif
