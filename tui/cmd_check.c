/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai check: runs SQLite's integrity check over the whole database and
 * verifies the audit log's hash chain. */

#include <stdio.h>

#include "core/i18n.h"
#include "db/audit_chain.h"
#include "db/crypt_login.h"
#include "db/search.h"
#include "db/store.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s check [--db PATH]\n"), PACKAGE);
	fputs(_("Check every page of the database for damage and the audit log for changes.\n"
		"Exits with 0 when it is sound, 1 when it is damaged, altered or cannot be read.\n"), f);
}

/* Runs "guanai check"; returns the exit status. */
int cmd_check(int argc, char **argv)
{
	gu_db *db = NULL;
	gu_audit_check chain;
	gu_error err;
	char buf[1024];
	long count;
	int status, rc = gu_command_options(argc, argv, "check", usage, NULL, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (optind < argc) {
		gu_complain(_("\"%s check\" takes no arguments; use --db PATH to choose the database"),
			PACKAGE);
		return 2;
	}
	/* An encrypted database asks for a login (--user) before anything. */
	status = gu_cli_open_only(GU_DB_OPEN_READONLY | GU_DB_OPEN_ANY_VERSION, &db);
	if (status != 0)
		return status;
	if (gu_db_check(db, &err) < 0 || gu_audit_verify(db, &chain, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		gu_db_close(db);
		return 1;
	}
	if (chain.chained)
		printf(_("%s: the audit log's chain of %lld entries is unbroken\n"), gu_db_path(db),
			chain.entries);
	else
		printf(_("%s: the audit log has no chain yet; it gets one when guanai next opens "
			"the database to write\n"), gu_db_path(db));
	count = gu_case_count(db, NULL, &err);
	if (count >= 0)
		printf(_("%s: the database is sound (cases: %ld)\n"), gu_db_path(db), count);
	else
		printf(_("%s: the database is sound\n"), gu_db_path(db));
	if (!gu_db_has_keys(gu_db_path(db)))
		printf(_("%s: the database is not yet encrypted; any other command encrypts it once "
			"a supervisor logs in (or its first supervisor is named with --user NAME)\n"),
			gu_db_path(db));
	else if (!gu_db_keys_have_recovery(gu_db_path(db)))
		printf(_("%s: the database has no recovery key yet; a supervisor makes one with "
			"\"%s users recovery-key\"\n"), gu_db_path(db), PACKAGE);
	gu_db_close(db);
	return 0;
}
