/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A database's first user and its encryption (docs/privacy.md, "Logins"):
 * a new database is created encrypted with its first supervisor; a plain
 * database of before is encrypted by its first supervisor, or by the
 * first supervisor of its users who logs in. */

#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "core/i18n.h"
#include "db/auth.h"
#include "db/crypt_first.h"
#include "db/crypt_login.h"
#include "db/keyslot.h"

/* Returns true when the file at path holds a database (or anything but
 * nothing): it exists and is not empty. */
bool gu_db_exists(const char *path)
{
	bool fits = false;
	int kind = gu_crypt_probe(path, NULL, &fits);

	return kind >= 0 && kind != GU_CRYPT_EMPTY;
}

/* Counts the users of the plain (or missing) database at path; returns 0,
 * 1 when there is no database yet, or < 0. */
int gu_db_plain_users(const char *path, int *users, gu_error *err)
{
	bool fits = false;
	gu_db *db = NULL;
	int kind = gu_crypt_probe(path, NULL, &fits), ret;

	*users = 0;
	if (kind < 0 || kind == GU_CRYPT_EMPTY)
		return 1;
	if (kind != GU_CRYPT_PLAIN)
		return gu_error_set(err, GU_EEXIST, path, 0, 0,
			_("the database is already encrypted; log in to it"));
	gu_crypt_forget_key();
	ret = gu_db_open(path, &db, err);
	if (ret == 0) {
		ret = gu_auth_users_exist(db, err);
		if (ret >= 0) {
			*users = ret;
			ret = 0;
		}
	}
	gu_db_close(db);
	return ret;
}

/* Opens the database at path with the key set (encrypting a plain one),
 * adds name as a supervisor when add is true, and logs her in; returns 0
 * with *out open, or < 0. */
static int open_logged_in(const char *path, const char *name, const char *password, bool add,
	gu_db **out, gu_error *err)
{
	int ret = gu_db_open(path, out, err);

	if (ret == 0 && add)
		ret = gu_auth_add_user(*out, name, GU_ROLE_SUPERVISOR, password, err);
	if (ret == 0)
		ret = gu_auth_login(*out, name, password, err);
	if (ret < 0) {
		gu_db_close(*out);
		*out = NULL;
	}
	return ret;
}

/* Makes the key slots with name and opens the database through them, name
 * added (add) and logged in; on failure leaves no key slots behind when the
 * database was not yet encrypted.  Returns 0 or < 0. */
static int encrypt_with(const char *path, const char *name, const char *password, bool add,
	char *recovery, gu_db **out, gu_error *err)
{
	bool fits = false;
	gu_error ignored;
	int ret = gu_db_keys_create(path, name, password, recovery, err);

	if (ret < 0)
		return ret;
	ret = open_logged_in(path, name, password, add, out, err);
	if (ret < 0) {
		if (gu_crypt_probe(path, NULL, &fits) != GU_CRYPT_ENCRYPTED)
			(void)gu_db_keys_discard(path, &ignored);
		gu_crypt_forget_key();
		if (recovery)
			sodium_memzero(recovery, GU_KEY_RECOVERY_TEXT);
	}
	return ret;
}

/* Creates the database at path encrypted with name as its first
 * supervisor; returns 0 or < 0. */
int gu_db_create_first(const char *path, const char *name, const char *password,
	char *recovery, gu_db **out, gu_error *err)
{
	int users = 0, ret;

	*out = NULL;
	if (gu_db_has_keys(path) && gu_db_exists(path))
		return gu_error_set(err, GU_EEXIST, path, 0, 0,
			_("the database already has users; log in to add more"));
	/* Key slots whose database was removed open nothing: a new one takes their place. */
	if (gu_db_has_keys(path) && gu_db_keys_discard(path, err) < 0)
		return -(int)err->code;
	ret = gu_password_check(name, password, err);
	if (ret < 0)
		return ret;
	ret = gu_db_plain_users(path, &users, err);
	if (ret < 0)
		return ret;
	if (users > 0)
		return gu_error_set(err, GU_EEXIST, path, 0, 0,
			_("the database already has users; a supervisor logs in to encrypt it"));
	if (ret == 1 && gu_db_make_folder(path, err) < 0)
		return -(int)err->code;
	return encrypt_with(path, name, password, true, recovery, out, err);
}

/* Encrypts the plain database with users at path by the supervisor name;
 * returns 0 or < 0. */
int gu_db_encrypt_by(const char *path, const char *name, const char *password,
	gu_db **out, gu_error *err)
{
	enum gu_role role = GU_ROLE_WORKER;
	gu_db *db = NULL;
	int ret;

	*out = NULL;
	gu_crypt_forget_key();
	ret = gu_db_open(path, &db, err);
	if (ret == 0)
		ret = gu_auth_login(db, name, password, err);
	if (ret == 0 && (!gu_auth_session(db, NULL, &role) || role != GU_ROLE_SUPERVISOR))
		ret = gu_error_set(err, GU_EPERM, path, 0, 0,
			_("the database is not yet encrypted: a supervisor logs in once first to "
			  "encrypt it"));
	gu_db_close(db);
	if (ret < 0)
		return ret;
	return encrypt_with(path, name, password, false, NULL, out, err);
}
