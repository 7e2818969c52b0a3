/* SPDX-License-Identifier: GPL-3.0-or-later */
/* guanai's entry point: locale first, then the options every entry point
 * shares, then a subcommand or the interactive program. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/commands.h"
#include "tui/config_files.h"
#include "tui/locale.h"
#include "tui/options.h"

/* Prints the usage text to f. */
static void print_help(FILE *f)
{
	unsigned i;

	fprintf(f, _("Usage: %s [OPTION]... [COMMAND [ARGUMENT]...]\n"), PACKAGE);
	fputs(_("Interview a family about a child and find the care services of "
		"the city's list\nthat the child and family may receive.  Without "
		"a command, the interview\nscreens start.\n"), f);
	fputs("\n", f);
	fputs(_("Options:\n"), f);
	fputs(_("  --lang zh|en          show messages in Chinese or English\n"), f);
	fputs(_("  --db PATH             use this database (default: $GUANAI_DB, or\n"
		"                        $XDG_DATA_HOME/guanai/guanai.db)\n"), f);
	fputs(_("  --policy FILE         use this policy file instead of the installed one\n"), f);
	fputs(_("  --user NAME           the user who is working (default: $GUANAI_USER)\n"), f);
	fputs(_("  --password-file FILE  read the user's password from FILE (default:\n"
		"                        $GUANAI_PASSWORD_FILE)\n"), f);
	fputs(_("  --help                show this help and exit\n"), f);
	fputs(_("  --version             show the version and exit\n"), f);
	if (gu_command_count > 0) {
		fputs("\n", f);
		fputs(_("Commands:\n"), f);
		for (i = 0; i < gu_command_count; i++) {
			char head[160];
			int w;

			/* An empty usage stays empty: _("") is the catalogue's header. */
			snprintf(head, sizeof head, "%s %s", gu_commands[i].name,
				gu_commands[i].usage[0] ? _(gu_commands[i].usage) : "");
			/* Pad by columns, not bytes: translations may be Chinese. */
			w = gu_text_width(head);
			if (w < 30)
				fprintf(f, "  %s%*s %s\n", head, 30 - w, "", _(gu_commands[i].summary));
			else
				fprintf(f, "  %s\n  %30s %s\n", head, "", _(gu_commands[i].summary));
		}
	}
	fputs("\n", f);
	fprintf(f, _("Run \"%s COMMAND --help\" for the options of a command.\n"), PACKAGE);
}

/* Prints the version text in the GNU format. */
static void print_version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	fputs(_("Copyright (C) 2026 the guanai authors.\n"), stdout);
	fputs(_("License GPLv3+: GNU GPL version 3 or later.\n"
		"This is free software: you are free to change and redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

/* Takes the program's own option, --version: prints the version; returns
 * GU_OPTION_DONE. */
static int take_option(int opt, const char *arg, void *ctx)
{
	(void)opt;
	(void)arg;
	(void)ctx;
	print_version();
	return GU_OPTION_DONE;
}

/* Returns the command named name, or NULL. */
static const struct gu_command *find_command(const char *name)
{
	unsigned i;

	for (i = 0; i < gu_command_count; i++)
		if (strcmp(gu_commands[i].name, name) == 0)
			return &gu_commands[i];
	return NULL;
}

/* Runs guanai; returns the exit status. */
int main(int argc, char **argv)
{
	static const struct option own[] = {
		{ "version", no_argument, NULL, GU_OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const struct gu_command *cmd;
	int first, status;

	gu_locale_init();
	if (gu_config_load() < 0)
		return 2;
	gu_options_from_env();
	status = gu_program_options(argc, argv, print_help, own, take_option, NULL);
	if (status >= 0)
		return status;
	if (optind >= argc)
		return gu_tui_main(argc, argv);
	cmd = find_command(argv[optind]);
	if (!cmd) {
		gu_complain(_("unknown command \"%s\"; see \"%s --help\""), argv[optind], PACKAGE);
		return 2;
	}
	first = optind;
	optind = 0; /* the command parses its own options from scratch */
	return cmd->run(argc - first, argv + first);
}
