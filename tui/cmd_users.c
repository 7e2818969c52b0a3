#include "config.h"
/* guanai users: adding users (a supervisor adds workers) and listing them. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "db/auth.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_ROLE = 0x2000, OPT_NEW_PASSWORD_FILE };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s users add NAME --role worker|supervisor [OPTION]...\n"
		"       %s users list\n"), PACKAGE, PACKAGE);
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

/* Adds a user; returns the exit status. */
static int add_user(const char *name, const char *role_name, const char *pw_file)
{
	char password[256], buf[1024];
	enum gu_role role;
	gu_error err;
	gu_db *db;
	int status, exist;

	if (!role_name) {
		gu_complain(_("say the new user's role with --role worker or --role supervisor"));
		return 2;
	}
	if (gu_role_parse(role_name, &role, &err) < 0) {
		gu_complain("%s", err.message);
		return 2;
	}
	if (gu_cli_open_only(0, &db) != 0)
		return 1;
	exist = gu_auth_users_exist(db, &err);
	if (exist < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		gu_db_close(db);
		return 1;
	}
	if (exist) {
		status = gu_cli_login(db);
		if (status != 0) {
			gu_db_close(db);
			return status;
		}
	} else if (!pw_file) {
		pw_file = gu_opts.password_file;
	}
	status = new_password(pw_file, password, sizeof password) < 0 ? 1 : 0;
	if (status == 0 && gu_auth_add_user(db, name, role, password, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	}
	explicit_bzero(password, sizeof password);
	if (status == 0)
		printf(_("Added %s (%s).\n"), name, gu_role_label(role));
	gu_db_close(db);
	return status;
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
	static const struct option longopts[] = {
		GU_COMMON_LONGOPTS,
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "new-password-file", required_argument, NULL, OPT_NEW_PASSWORD_FILE },
		{ "help", no_argument, NULL, GU_OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	const char *role = NULL, *pw_file = NULL;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case GU_OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_ROLE:
			role = optarg;
			break;
		case OPT_NEW_PASSWORD_FILE:
			pw_file = optarg;
			break;
		case '?':
			gu_complain(_("unknown option or missing argument \"%s\"; see \"%s users --help\""),
				argv[optind - 1], PACKAGE);
			return 2;
		default:
			if (gu_common_option(opt, optarg) != 0)
				return 2;
		}
	}
	if (optind < argc && strcmp(argv[optind], "add") == 0 && optind + 2 == argc)
		return add_user(argv[optind + 1], role, pw_file);
	if (optind < argc && strcmp(argv[optind], "list") == 0 && optind + 1 == argc)
		return list_users();
	gu_complain(_("say \"users add NAME --role ROLE\" or \"users list\"; see \"%s users --help\""),
		PACKAGE);
	return 2;
}
