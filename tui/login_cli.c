/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Logging in from the command line: --user, --password-file or a prompt. */

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/auth.h"
#include "db/crypt_first.h"
#include "db/crypt_login.h"
#include "tui/login_cli.h"
#include "tui/options.h"

/* Removes a trailing line end from buf. */
static void chomp(char *buf)
{
	size_t len = strlen(buf);

	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
}

/* Reads the first line of file into buf; returns 0 or -1 (printed). */
static int read_file_line(const char *file, char *buf, size_t size)
{
	FILE *f = fopen(file, "r");
	int ret = 0;

	if (!f) {
		gu_complain(_("cannot open the password file %s: %s"), file, strerror(errno));
		return -1;
	}
	if (!fgets(buf, (int)size, f)) {
		gu_complain(_("the password file %s is empty; write the password on its first line"),
			file);
		ret = -1;
	}
	fclose(f);
	if (ret == 0)
		chomp(buf);
	return ret;
}

/* Reads a line from the terminal without echo into buf; returns 0 or -1 (printed). */
static int read_tty(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	bool restore = false;
	int ret = 0;

	if (!tty) {
		gu_complain(_("no terminal to ask for the password; give it with --password-file FILE"));
		return -1;
	}
	fputs(prompt, tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(fileno(tty), TCSAFLUSH, &quiet) == 0;
	}
	if (!fgets(buf, (int)size, tty)) {
		gu_complain(_("no password was typed"));
		ret = -1;
	}
	if (restore)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (ret == 0)
		chomp(buf);
	return ret;
}

/* Reads a password from file or the terminal; returns 0 or -1 (printed). */
int gu_cli_read_password(const char *file, const char *prompt, char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	if (file && *file)
		return read_file_line(file, buf, size);
	return read_tty(prompt, buf, size);
}

/* Logs in when the database has users; returns 0 or an exit status. */
int gu_cli_login(gu_db *db)
{
	char password[256], prompt[200], buf[1024];
	gu_error err;
	int exist, ret;

	if (gu_auth_session(db, NULL, NULL))
		return 0; /* logged in when the encrypted database was opened */
	exist = gu_auth_users_exist(db, &err);
	if (exist < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	if (!exist)
		return 0;
	if (!gu_opts.user || !*gu_opts.user) {
		gu_complain(_("this database has users: say who is working with --user NAME"));
		return 2;
	}
	snprintf(prompt, sizeof prompt, _("Password for %s: "), gu_opts.user);
	if (gu_cli_read_password(gu_opts.password_file, prompt, password, sizeof password) < 0)
		return 1;
	ret = gu_auth_login(db, gu_opts.user, password, &err);
	explicit_bzero(password, sizeof password);
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	return 0;
}

/* Asks for --user's password and unwraps the key of the encrypted
 * database at path with it into the process, the password kept in
 * password for the login that follows the open; returns 0 or an exit
 * status (printed). */
static int unlock(const char *path, char *password, size_t size, struct gu_unlock_report *report)
{
	char prompt[200], buf[1024];
	gu_error err;
	int ret;

	if (!gu_opts.user || !*gu_opts.user) {
		gu_complain(_("this database is encrypted: say who is working with --user NAME"));
		return 2;
	}
	snprintf(prompt, sizeof prompt, _("Password for %s: "), gu_opts.user);
	if (gu_cli_read_password(gu_opts.password_file, prompt, password, size) < 0)
		return 1;
	ret = gu_db_unlock(path, gu_opts.user, password, report, &err);
	if (ret < 0) {
		explicit_bzero(password, size);
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	return 0;
}

/* Copies the failures counted before this login into the audit, with a
 * writable handle when db is read-only (a read-only disk
 * keeps them out of the audit). */
static void record_login(gu_db *db, unsigned flags, const struct gu_unlock_report *report)
{
	gu_db *w = NULL;
	gu_error err;

	if (!(flags & GU_DB_OPEN_READONLY)) {
		(void)gu_db_record_login(db, report, &err);
		return;
	}
	if (gu_db_open_path(gu_opts.db_path, 0, &w, &err) == 0) {
		/* the writable open is the one that finds an unclean close */
		if (*gu_db_notice(w))
			gu_complain("%s", gu_db_notice(w));
		if (gu_db_set_user(w, gu_opts.user) == 0)
			(void)gu_db_record_login(w, report, &err);
		gu_db_close(w);
	}
}

/* Reads the password of --user, who is to be a new database's first
 * supervisor, into buf: from --password-file, or typed twice on the
 * terminal; returns 0 or an exit status (printed). */
int gu_cli_read_new_password(char *buf, size_t size)
{
	char again[256], prompt[200];
	int ret;

	if (gu_opts.password_file)
		return gu_cli_read_password(gu_opts.password_file, "", buf, size) < 0 ? 1 : 0;
	snprintf(prompt, sizeof prompt, _("New password for %s: "), gu_opts.user);
	if (gu_cli_read_password(NULL, prompt, buf, size) < 0)
		return 1;
	if (gu_cli_read_password(NULL, _("The same password again: "), again, sizeof again) < 0)
		return 1;
	ret = strcmp(buf, again) == 0 ? 0 : 2;
	explicit_bzero(again, sizeof again);
	if (ret != 0)
		gu_complain(_("the two passwords differ; nothing was changed, try again"));
	return ret;
}

/* Returns memory of its own for a secret, or NULL. */
void *gu_cli_secret_alloc(size_t n)
{
	return sodium_init() < 0 ? NULL : sodium_malloc(n);
}

/* Prints the recovery key on standard output with what it is for. */
void gu_cli_print_recovery(const char *recovery)
{
	printf(_("The database is encrypted; each user's password opens it.\n"
		"Recovery key (shown only now): print it or write it down, and keep it locked away.\n"
		"It opens the database when every password is lost:\n\n    %.39s\n    %s\n\n"),
		recovery, recovery + 40);
}

/* Creates the database at path encrypted with --user as its first
 * supervisor, or encrypts the plain database there (made before
 * encryption) with --user's login, leaving her password in password; the
 * key is then set.  Returns 0 or an exit status (printed). */
static int first_open(const char *path, char *password, size_t size)
{
	char buf[1024], prompt[200];
	gu_db *db = NULL;
	gu_error err;
	int users = 0, ret, status;

	ret = gu_db_plain_users(path, &users, &err);
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	if (!gu_opts.user || !*gu_opts.user) {
		if (ret == 1)
			gu_complain(_("there is no database at %s yet: create it with \"%s init --user NAME\", "
				"or give --user NAME and --password-file FILE (NAME becomes its first "
				"supervisor)"), path, PACKAGE);
		else
			gu_complain(_("the database %s is not yet encrypted: say who is working with --user "
				"NAME (a supervisor, or its first user) to encrypt it"), path);
		return 2;
	}
	snprintf(prompt, sizeof prompt, _("Password for %s: "), gu_opts.user);
	status = users ? (gu_cli_read_password(gu_opts.password_file, prompt, password, size) < 0
			? 1 : 0)
		: gu_cli_read_new_password(password, size);
	if (status != 0)
		return status;
	ret = users ? gu_db_encrypt_by(path, gu_opts.user, password, &db, &err)
		: gu_db_create_first(path, gu_opts.user, password, NULL, &db, &err);
	if (ret < 0) {
		explicit_bzero(password, size);
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return err.code == GU_EINVAL ? 2 : 1;
	}
	if (*gu_db_notice(db))
		gu_complain("%s", gu_db_notice(db));
	gu_db_close(db);
	return 0;
}

/* Returns true when the database at path is to be created or encrypted
 * before it is opened with flags: it has no key slots and is plain (the
 * command is not check, which reports it as it is), or it is missing or
 * empty and the command writes (a command that only reads makes none). */
static bool needs_first_open(const char *path, unsigned flags)
{
	bool fits = false;
	int kind;

	if (flags & GU_DB_OPEN_ANY_VERSION)
		return false;
	kind = gu_crypt_probe(path, NULL, &fits);
	if (kind == GU_CRYPT_PLAIN)
		return true;
	return !(flags & GU_DB_OPEN_READONLY)
		&& (kind == GU_CRYPT_EMPTY || (kind < 0 && errno == ENOENT));
}

/* Opens the database and tells its notice: an encrypted one only with
 * --user's password, which also logs her in; a missing or plain one is
 * first created or encrypted.  Returns 0 or an exit status. */
int gu_cli_open_only(unsigned flags, gu_db **out)
{
	char buf[1024], path[4096], password[256] = "";
	struct gu_unlock_report report;
	bool encrypted;
	gu_error err;
	int status;

	*out = NULL;
	memset(&report, 0, sizeof report);
	if (gu_db_default_path(gu_opts.db_path, path, sizeof path, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	encrypted = gu_db_has_keys(path) && (gu_db_exists(path) || (flags & GU_DB_OPEN_READONLY));
	if (!encrypted && needs_first_open(path, flags)) {
		status = first_open(path, password, sizeof password);
		if (status != 0)
			return status;
		encrypted = true;
	} else if (encrypted && (status = unlock(path, password, sizeof password, &report)) != 0) {
		return status;
	}
	if (gu_db_open_path(gu_opts.db_path, flags, out, &err) < 0) {
		explicit_bzero(password, sizeof password);
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	if (*gu_db_notice(*out))
		gu_complain("%s", gu_db_notice(*out));
	if (!encrypted)
		return 0;
	status = gu_auth_login(*out, gu_opts.user, password, &err);
	explicit_bzero(password, sizeof password);
	if (status < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		gu_db_close(*out);
		*out = NULL;
		return 1;
	}
	record_login(*out, flags, &report);
	return 0;
}

/* Opens the database and logs in; returns 0 or an exit status. */
int gu_cli_open(unsigned flags, gu_db **out)
{
	int status = gu_cli_open_only(flags, out);

	if (status != 0)
		return status;
	status = gu_cli_login(*out);
	if (status != 0) {
		gu_db_close(*out);
		*out = NULL;
	}
	return status;
}
