/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai users: adding users (a supervisor adds workers) and listing them. */

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "db/auth.h"
#include "db/crypt_first.h"
#include "db/crypt_login.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_ROLE = GU_OPT_OWN, OPT_NEW_PASSWORD_FILE, OPT_RECOVERY_FILE, OPT_TO, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s users add NAME --role worker|supervisor [OPTION]...\n"
		"       %s users list\n"), PACKAGE, PACKAGE);
	fprintf(f, _("       %s users passwd [NAME] [OPTION]...\n"), PACKAGE);
	fprintf(f, _("       %s users disable NAME --to OTHER [OPTION]...\n"
		"       %s users role NAME --role worker|supervisor [OPTION]...\n"), PACKAGE, PACKAGE);
	fputs(_("A supervisor disables a user who left (her cases go to OTHER) or changes a\n"
		"role; the last supervisor stays one.\n"), f);
	fputs(_("\"users passwd\" changes --user's own password, or, for a supervisor, NAME's.\n"), f);
	fprintf(f, _("       %s users recovery-key [OPTION]...\n"), PACKAGE);
	fputs(_("\"users recovery-key\" (a supervisor) makes a new recovery key and shows it\n"
		"once; the old one no longer opens the database.\n"), f);
	fputs(_("When every password is lost, --recovery-file FILE (the recovery key shown\n"
		"when the first supervisor was added) resets NAME's password.\n"), f);
	fputs(_("Add a user, or list the users.  The first user must be a supervisor; after\n"
		"that a supervisor adds the others (give --user and the supervisor's password).\n"
		"The new user's password is asked twice on the terminal without echo, or read\n"
		"from the first line of a file.\n\n"), f);
	fputs(_("  --role ROLE               worker or supervisor\n"
		"  --new-password-file FILE  read the new user's password from FILE (for the\n"
		"                            first user, --password-file also works)\n"
		"  --user NAME               the supervisor who adds the user\n"
		"  --password-file FILE      read the supervisor's password from FILE\n"
		"  --db PATH                 the database to use\n"), f);
}

/* Reads the new user's password into buf; returns 0 or -1 (printed). */
static int new_password(const char *file, char *buf, size_t size)
{
	char again[256];
	int ret;

	if (file)
		return gu_cli_read_password(file, "", buf, size);
	if (gu_cli_read_password(NULL, _("New user's password: "), buf, size) < 0)
		return -1;
	if (gu_cli_read_password(NULL, _("The same password again: "), again, sizeof again) < 0)
		return -1;
	ret = strcmp(buf, again) == 0 ? 0 : -1;
	explicit_bzero(again, sizeof again);
	if (ret < 0)
		gu_complain(_("the two passwords differ; nothing was changed, try again"));
	return ret;
}

/* Gives the new user name a key slot beside the encrypted database;
 * returns the exit status (printed). */
static int add_slot(gu_db *db, const char *name, const char *password)
{
	char buf[1024];
	gu_error err;

	if (gu_db_keys_set(gu_db_path(db), name, password, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	return 0;
}

/* Adds name as the first user (a supervisor) of the database at path,
 * which has none: the database is created or encrypted with her, and its
 * recovery key shown once; returns the exit status (printed). */
static int add_first(const char *path, const char *name, enum gu_role role, const char *pw_file)
{
	char password[256], buf[1024];
	char *recovery;              /* in memory of its own, wiped when freed */
	gu_db *db = NULL;
	gu_error err;
	int status;

	if (role != GU_ROLE_SUPERVISOR) {
		gu_complain(_("the first user must be a supervisor: add one with --role supervisor"));
		return 2;
	}
	recovery = gu_cli_secret_alloc(GU_KEY_RECOVERY_TEXT);
	if (!recovery) {
		gu_complain(_("out of memory"));
		return 1;
	}
	status = new_password(pw_file ? pw_file : gu_opts.password_file, password, sizeof password)
		< 0 ? 1 : 0;
	if (status == 0 && gu_db_create_first(path, name, password, recovery, &db, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	}
	explicit_bzero(password, sizeof password);
	if (status != 0) {
		sodium_free(recovery);
		return status;
	}
	if (*gu_db_notice(db))
		gu_complain("%s", gu_db_notice(db));
	gu_cli_print_recovery(recovery);
	sodium_free(recovery);
	printf(_("Added %s (%s).\n"), name, gu_role_label(role));
	gu_db_close(db);
	return 0;
}

/* Adds a user; returns the exit status. */
static int add_user(const char *name, const char *role_name, const char *pw_file)
{
	char password[256], buf[1024], path[4096];
	enum gu_role role;
	gu_error err;
	gu_db *db;
	int status, users = 0;

	if (!role_name) {
		gu_complain(_("say the new user's role with --role worker or --role supervisor"));
		return 2;
	}
	if (gu_role_parse(role_name, &role, &err) < 0) {
		gu_complain("%s", err.message);
		return 2;
	}
	if (gu_db_default_path(gu_opts.db_path, path, sizeof path, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	if (!gu_db_has_keys(path) && gu_db_plain_users(path, &users, &err) >= 0 && users == 0)
		return add_first(path, name, role, pw_file);
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	status = new_password(pw_file, password, sizeof password) < 0 ? 1 : 0;
	if (status == 0 && gu_password_check(name, password, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 2;
	}
	if (status == 0 && gu_auth_add_user(db, name, role, password, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	}
	if (status == 0)
		status = add_slot(db, name, password);
	explicit_bzero(password, sizeof password);
	if (status == 0)
		printf(_("Added %s (%s).\n"), name, gu_role_label(role));
	gu_db_close(db);
	return status;
}

/* Reads the recovery key (as printed: one or two lines) from the file at
 * path into buf; returns 0 or -1 (printed). */
static int read_recovery(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, size - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	if (n == 0)
		gu_complain(_("cannot read the recovery key from %s"), path);
	return n > 0 ? 0 : -1;
}

/* Opens the encrypted database with the recovery key in the file
 * recovery_file, when every password is lost; returns 0 with *db open, or
 * the exit status (printed). */
static int open_recovered(const char *recovery_file, gu_db **db)
{
	enum { RECOVERY_MAX = 256 };
	char *recovery = gu_cli_secret_alloc(RECOVERY_MAX); /* wiped when freed */
	char path[4096], buf[1024];
	gu_error err;
	int ret;

	*db = NULL;
	if (!recovery) {
		gu_complain(_("out of memory"));
		return 1;
	}
	if (read_recovery(recovery_file, recovery, RECOVERY_MAX) < 0) {
		sodium_free(recovery);
		return 1;
	}
	ret = gu_db_default_path(gu_opts.db_path, path, sizeof path, &err);
	if (ret == 0)
		ret = gu_db_recover(path, recovery, &err);
	sodium_free(recovery);
	if (ret == 1)
		ret = gu_error_set(&err, GU_EINVAL, path, 0, 0,
			_("the database is not encrypted: it has no recovery key"));
	if (ret == 0)
		ret = gu_db_open(path, db, &err);
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	return 0;
}

/* Sets the password of name (NULL: --user's own), as --user or with the
 * recovery key in recovery_file (not NULL); returns the exit status. */
static int set_password(const char *name, const char *pw_file, const char *recovery_file)
{
	char password[256], buf[1024];
	gu_error err;
	gu_db *db;
	int status;

	if (recovery_file && !name) {
		gu_complain(_("say whose password the recovery key resets: users passwd NAME"));
		return 2;
	}
	status = recovery_file ? open_recovered(recovery_file, &db) : gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (!name)
		name = gu_opts.user;
	status = new_password(pw_file, password, sizeof password) < 0 ? 1 : 0;
	if (status == 0 && (recovery_file ? gu_auth_recover_password(db, name, password, &err)
			: gu_auth_set_password(db, name, password, &err)) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	}
	explicit_bzero(password, sizeof password);
	if (status == 0)
		printf(_("The password of %s is changed.\n"), name);
	gu_db_close(db);
	return status;
}

/* Disables name, giving her cases to heir (role NULL), or gives name the
 * role; returns the exit status. */
static int change_user(const char *name, const char *heir, const char *role_name)
{
	char buf[1024];
	enum gu_role role = GU_ROLE_WORKER;
	gu_error err;
	gu_db *db;
	int status, ret;

	if (role_name && gu_role_parse(role_name, &role, &err) < 0) {
		gu_complain("%s", err.message);
		return 2;
	}
	if (!role_name && (!heir || !*heir)) {
		gu_complain(_("say who takes over the cases: --to NAME"));
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	ret = role_name ? gu_auth_set_role(db, name, role, &err)
		: gu_auth_disable_user(db, name, heir, &err);
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	} else if (role_name) {
		printf(_("%s is now a %s.\n"), name, gu_role_label(role));
	} else {
		/* TRANSLATORS: "li is disabled; her cases handed over to zhao: 3." */
		printf(_("%s is disabled; her cases handed over to %s: %d.\n"), name, heir, ret);
	}
	gu_db_close(db);
	return status;
}

/* Gives the database a new recovery key, shown once, for a supervisor;
 * returns the exit status. */
static int new_recovery(void)
{
	char *recovery, buf[1024];
	enum gu_role role = GU_ROLE_WORKER;
	gu_error err;
	gu_db *db;
	int status = gu_cli_open(0, &db);

	if (status != 0)
		return status;
	if (!gu_auth_session(db, NULL, &role) || role != GU_ROLE_SUPERVISOR) {
		gu_complain(_("only a supervisor can make a new recovery key"));
		gu_db_close(db);
		return 1;
	}
	recovery = gu_cli_secret_alloc(GU_KEY_RECOVERY_TEXT); /* wiped when freed */
	if (!recovery || gu_db_keys_new_recovery(gu_db_path(db), recovery, &err) < 0
			|| gu_audit_add(db, "keys.recovery", NULL, NULL, &err) < 0) {
		sodium_free(recovery);
		gu_complain("%s", recovery ? gu_error_text(&err, buf, sizeof buf) : _("out of memory"));
		gu_db_close(db);
		return 1;
	}
	fputs(_("A new recovery key is made; the old one no longer opens the database.\n"), stdout);
	gu_cli_print_recovery(recovery);
	sodium_free(recovery);
	gu_db_close(db);
	return 0;
}

/* Lists the users; returns the exit status. */
static int list_users(void)
{
	gu_user_info *v;
	size_t n, i;
	char buf[1024];
	gu_error err;
	gu_db *db;
	int status;

	status = gu_cli_open(GU_DB_OPEN_READONLY, &db);
	if (status != 0)
		return status;
	if (gu_auth_list_users(db, &v, &n, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		gu_db_close(db);
		return 1;
	}
	for (i = 0; i < n; i++) {
		char when[32] = "";
		time_t t = (time_t)(v[i].created / 1000);
		struct tm tm;

		if (localtime_r(&t, &tm))
			strftime(when, sizeof when, "%Y-%m-%d", &tm);
		printf("%s\t%s\t%s\n", v[i].name, gu_role_name(v[i].role), when);
	}
	free(v);
	gu_db_close(db);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* Runs "guanai users"; returns the exit status. */
int cmd_users(int argc, char **argv)
{
	static const struct option own[] = {
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "new-password-file", required_argument, NULL, OPT_NEW_PASSWORD_FILE },
		{ "recovery-file", required_argument, NULL, OPT_RECOVERY_FILE },
		{ "to", required_argument, NULL, OPT_TO },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	const char *role, *pw_file, *recovery_file, *heir;
	int status = gu_command_options(argc, argv, "users", usage, own, gu_option_keep, o);

	if (status >= 0)
		return status;
	role = o[OPT_ROLE - GU_OPT_OWN];
	pw_file = o[OPT_NEW_PASSWORD_FILE - GU_OPT_OWN];
	recovery_file = o[OPT_RECOVERY_FILE - GU_OPT_OWN];
	heir = o[OPT_TO - GU_OPT_OWN];
	if (optind < argc && strcmp(argv[optind], "add") == 0 && optind + 2 == argc)
		return add_user(argv[optind + 1], role, pw_file);
	if (optind < argc && strcmp(argv[optind], "list") == 0 && optind + 1 == argc)
		return list_users();
	if (optind < argc && strcmp(argv[optind], "recovery-key") == 0 && optind + 1 == argc)
		return new_recovery();
	if (optind < argc && strcmp(argv[optind], "disable") == 0 && optind + 2 == argc)
		return change_user(argv[optind + 1], heir, NULL);
	if (optind < argc && strcmp(argv[optind], "role") == 0 && optind + 2 == argc && role)
		return change_user(argv[optind + 1], NULL, role);
	if (optind < argc && strcmp(argv[optind], "passwd") == 0 && optind + 2 >= argc)
		return set_password(optind + 2 == argc ? argv[optind + 1] : NULL, pw_file,
			recovery_file);
	gu_complain(_("say \"users add NAME --role ROLE\" or \"users list\"; see \"%s users --help\""),
		PACKAGE);
	return 2;
}
