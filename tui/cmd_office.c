/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai office init | public: make this database the office that
 * laptops send their cases to, and write its public file. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/exchange.h"
#include "tui/commands.h"
#include "tui/exchange_cli.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_NAME = GU_OPT_OWN, OPT_OUT, OPT_FORCE, OPT_END };

#define DEFAULT_PUB "guanai-office.pub"

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s office init [--name NAME] [--out FILE] [--force]\n"
		"       %s office public [--out FILE] [--force]\n"), PACKAGE, PACKAGE);
	fprintf(f, _("Make this database the office that laptops send their cases to (a\n"
		"supervisor, once): it makes the office's keys, prints their fingerprint to\n"
		"read aloud to each worker who enrols, and writes the office's public file\n"
		"(%s unless --out says otherwise) to give to the laptops.  \"office public\"\n"
		"writes that file again.  The secret keys never leave the database.\n\n"),
		DEFAULT_PUB);
	fputs(_("  --name NAME   the office's name (a township or county)\n"
		"  --out FILE    where to write the public file\n"
		"  --force       replace an existing FILE\n"), f);
}

/* Writes the office's public file to path; returns the exit status. */
static int write_public(gu_db *db, const char *path, bool force)
{
	gu_strbuf b = { 0 };
	gu_error err;
	char *text;
	int status;

	if (gu_xchg_office_public(db, &b, &err) < 0)
		return gu_cli_fail(&err);
	text = gu_sb_take(&b);
	if (!text) {
		gu_complain(_("out of memory"));
		return 1;
	}
	status = gu_cli_write_text(db, path, text, force);
	free(text);
	return status;
}

/* Runs "guanai office"; returns the exit status. */
int cmd_office(int argc, char **argv)
{
	static const struct option own[] = {
		{ "name", required_argument, NULL, OPT_NAME },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	const char *what, *out;
	gu_xchg_self self;
	gu_error err;
	gu_db *db;
	int status;

	status = gu_command_options(argc, argv, "office", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	if (optind + 1 != argc || (strcmp(argv[optind], "init") != 0
				   && strcmp(argv[optind], "public") != 0)) {
		gu_complain(_("say \"office init\" or \"office public\"; see \"%s office --help\""),
			PACKAGE);
		return 2;
	}
	what = argv[optind];
	out = o[OPT_OUT - GU_OPT_OWN] ? o[OPT_OUT - GU_OPT_OWN] : DEFAULT_PUB;
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (strcmp(what, "init") == 0) {
		if (gu_xchg_office_init(db, o[OPT_NAME - GU_OPT_OWN], &self, &err) < 0) {
			status = gu_cli_fail(&err);
			goto done;
		}
		printf(_("This database is now an office.\n"
			"Its fingerprint, to read aloud to each worker who enrols: %s\n"), self.fingerprint);
	}
	status = write_public(db, out, o[OPT_FORCE - GU_OPT_OWN] != NULL);
	if (status == 0)
		printf(_("The office's public file is %s: give it to every laptop to enrol "
			"(\"%s enroll %s\").\n"), out, PACKAGE, out);
done:
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
