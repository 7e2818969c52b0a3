#include "config.h"
/* guanai check: runs SQLite's integrity check over the whole database. */

#include <getopt.h>
#include <stdio.h>

#include "core/i18n.h"
#include "db/crypt_login.h"
#include "db/store.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

/* Prints the command's help to f; returns nothing. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s check [--db PATH]\n"), PACKAGE);
	fputs(_("Check every page of the database for damage.  Exits with 0 when it is sound,\n"
		"1 when it is damaged or cannot be read.\n"), f);
}

/* Runs "guanai check"; returns the exit status. */
int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		GU_COMMON_LONGOPTS,
		{ "help", no_argument, NULL, GU_OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	gu_db *db = NULL;
	gu_error err;
	char buf[1024];
	long count;
	int opt, status;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case GU_OPT_HELP:
			usage(stdout);
			return 0;
		case '?':
			gu_complain(_("unknown option or missing argument \"%s\"; see \"%s check --help\""),
				argv[optind - 1], PACKAGE);
			return 2;
		default:
			if (gu_common_option(opt, optarg) != 0)
				return 2;
		}
	}
	if (optind < argc) {
		gu_complain(_("\"%s check\" takes no arguments; use --db PATH to choose the database"),
			PACKAGE);
		return 2;
	}
	/* An encrypted database asks for a login (--user) before anything. */
	status = gu_cli_open_only(GU_DB_OPEN_READONLY | GU_DB_OPEN_ANY_VERSION, &db);
	if (status != 0)
		return status;
	if (gu_db_check(db, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		gu_db_close(db);
		return 1;
	}
	count = gu_case_count(db, NULL, &err);
	if (count >= 0)
		printf(_("%s: the database is sound (cases: %ld)\n"), gu_db_path(db), count);
	else
		printf(_("%s: the database is sound\n"), gu_db_path(db));
	if (!gu_db_has_keys(gu_db_path(db)))
		printf(_("%s: the database is not yet encrypted; add its first supervisor "
			"(%s users add NAME --role supervisor) to encrypt it\n"), gu_db_path(db), PACKAGE);
	gu_db_close(db);
	return 0;
}
