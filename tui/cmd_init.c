/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai init: creates a database, encrypted, with its first supervisor,
 * and shows its recovery key once. */

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/crypt_first.h"
#include "db/keyslot.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s init --user NAME [--password-file FILE] [--db PATH]\n"), PACKAGE);
	fputs(_("Create the database, encrypted, with NAME as its first supervisor, and show\n"
		"its recovery key once.  A database made before encryption that has no users\n"
		"yet is encrypted the same way.  The password is read from the first line of\n"
		"FILE, or asked twice on the terminal without echo.\n"), f);
	fputs(_("Any other command given --user and --password-file on a missing database\n"
		"creates it the same way, without a recovery key: a supervisor makes one\n"
		"later with \"users recovery-key\".\n"), f);
}

/* Runs "guanai init"; returns the exit status. */
int cmd_init(int argc, char **argv)
{
	char path[4096], password[256], buf[1024];
	char *recovery;              /* in memory of its own, wiped when freed */
	gu_db *db = NULL;
	gu_error err;
	int status, rc = gu_command_options(argc, argv, "init", usage, NULL, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (optind < argc) {
		gu_complain(_("\"%s init\" takes no arguments; name the first supervisor with --user NAME"),
			PACKAGE);
		return 2;
	}
	if (!gu_opts.user || !*gu_opts.user) {
		gu_complain(_("name the database's first supervisor with --user NAME"));
		return 2;
	}
	if (gu_db_default_path(gu_opts.db_path, path, sizeof path, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	status = gu_cli_read_new_password(password, sizeof password);
	if (status != 0)
		return status;
	recovery = gu_cli_secret_alloc(GU_KEY_RECOVERY_TEXT);
	if (!recovery) {
		explicit_bzero(password, sizeof password);
		gu_complain(_("out of memory"));
		return 1;
	}
	rc = gu_db_create_first(path, gu_opts.user, password, recovery, &db, &err);
	explicit_bzero(password, sizeof password);
	if (rc < 0) {
		sodium_free(recovery);
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return err.code == GU_EINVAL ? 2 : 1;
	}
	if (*gu_db_notice(db))
		gu_complain("%s", gu_db_notice(db));
	printf(_("Created the encrypted database %s; its first supervisor is %s.\n"), path,
		gu_opts.user);
	gu_cli_print_recovery(recovery);
	sodium_free(recovery);
	gu_db_close(db);
	return 0;
}
