/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Users and roles: Argon2id password hashes, adding users, logging in. */

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/auth.h"
#include "db/internal.h"
#include "db/keyslot.h"

static unsigned long long hash_ops;   /* 0: the key slots' limits (interactive) */
static size_t hash_mem;

static const char *const role_names[] = { "worker", "supervisor" };
static const char *const role_labels[] = {
	/* TRANSLATORS: user roles, at most 10 columns each */
	N_("worker"), N_("supervisor")
};

/* Returns the work limit new hashes use. */
static unsigned long long ops_limit(void)
{
	return hash_ops ? hash_ops : gu_keyslot_opslimit();
}

/* Returns the memory limit new hashes use. */
static size_t mem_limit(void)
{
	return hash_mem ? hash_mem : gu_keyslot_memlimit();
}

/* Sets the limits for new hashes. */
void gu_auth_set_limits(unsigned long long opslimit, size_t memlimit)
{
	hash_ops = opslimit;
	hash_mem = memlimit;
}

/* Returns the stored name of a role. */
const char *gu_role_name(enum gu_role r)
{
	return role_names[r == GU_ROLE_SUPERVISOR];
}

/* Returns the translated word for a role. */
const char *gu_role_label(enum gu_role r)
{
	return _(role_labels[r == GU_ROLE_SUPERVISOR]);
}

/* Sets *out from a role name; returns 0 or -GU_EINVAL. */
int gu_role_parse(const char *name, enum gu_role *out, gu_error *err)
{
	if (name && strcmp(name, "worker") == 0) {
		*out = GU_ROLE_WORKER;
		return 0;
	}
	if (name && strcmp(name, "supervisor") == 0) {
		*out = GU_ROLE_SUPERVISOR;
		return 0;
	}
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("\"%s\" is not a role; use worker or supervisor"), name ? name : "");
}

/* Starts libsodium once; returns 0 or -GU_EIO. */
static int sodium_ready(gu_error *err)
{
	if (sodium_init() < 0)
		return gu_error_set(err, GU_EIO, NULL, 0, 0,
			_("the password library could not start"));
	return 0;
}

/* Hashes password; returns 0 or < 0. */
int gu_auth_hash(const char *password, char *out, size_t size, gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	if (size < crypto_pwhash_STRBYTES)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no room for a password hash"));
	if (!password || strlen(password) < GU_PASSWORD_MIN)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the password is too short: use at least %d characters"), GU_PASSWORD_MIN);
	ret = sodium_ready(err);
	if (ret < 0)
		return ret;
	if (crypto_pwhash_str(out, password, strlen(password), ops_limit(), mem_limit()) != 0)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0,
			_("not enough memory to protect the password"));
	return 0;
}

/* Returns true when name is acceptable as a user name: 1 to 64 bytes,
 * no control characters, no space at either end. */
static bool name_ok(const char *name)
{
	size_t len = name ? strlen(name) : 0, i;

	if (len == 0 || len > 64 || name[0] == ' ' || name[len - 1] == ' ')
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return false;
	return true;
}

/* Returns 1 when users who can log in exist, 0 when none, < 0 on failure. */
int gu_auth_users_exist(gu_db *db, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;
	GU_ERR_LOCAL(err);

	rc = sqlite3_prepare_v2(db->h, "SELECT EXISTS (SELECT 1 FROM users"
		" WHERE coalesce(password_hash, '') <> '')", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ret = sqlite3_column_int(st, 0) != 0;
		rc = SQLITE_OK;
	} else {
		ret = gu_db_fail(db, rc, err);
	}
	sqlite3_finalize(st);
	return ret;
}

/* Inserts the user inside the transaction; returns 0 or < 0. */
static int insert_user(gu_db *db, const char *name, enum gu_role role,
	const char *hash, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db->h,
		"INSERT INTO users (name, role, password_hash, created_at, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?4, ?5)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = GU_BIND(st, GU_TEXT(name), GU_TEXT(gu_role_name(role)), GU_TEXT(hash), GU_INT(now),
		GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("there is already a user called %s; choose another name"), name);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Adds a user; returns 0 or < 0. */
int gu_auth_add_user(gu_db *db, const char *name, enum gu_role role,
	const char *password, gu_error *err)
{
	char hash[GU_PASSWORD_HASH_SIZE];
	char detail[160];
	gu_time_ms now = gu_time_now();
	int ret, exist;
	GU_ERR_LOCAL(err);

	if (!name_ok(name))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("a user name needs 1 to 64 bytes, without control characters or "
			  "spaces at either end"));
	ret = gu_auth_hash(password, hash, sizeof hash, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		goto cleanup;
	exist = gu_auth_users_exist(db, err);
	if (exist < 0) {
		ret = exist;
		goto fail;
	}
	if (!exist && role != GU_ROLE_SUPERVISOR) {
		ret = gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("the first user must be a supervisor: add one with --role supervisor"));
		goto fail;
	}
	if (exist && !(db->logged_in && db->role == GU_ROLE_SUPERVISOR)) {
		ret = gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("only a supervisor can add users; log in as one with --user"));
		goto fail;
	}
	ret = insert_user(db, name, role, hash, now, err);
	if (ret < 0)
		goto fail;
	snprintf(detail, sizeof detail, "%s %s", name, gu_role_name(role));
	ret = gu_audit_add_in_tx(db, "user.add", NULL, detail, now, err);
	if (ret < 0)
		goto fail;
	ret = gu_db_commit(db, err);
	goto cleanup;
fail:
	gu_db_rollback(db);
cleanup:
	sodium_memzero(hash, sizeof hash);
	return ret;
}

/* Reads a user's role and hash; returns 1 found, 0 not found, < 0. */
static int read_user(gu_db *db, const char *name, enum gu_role *role,
	char *hash, size_t size, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	rc = sqlite3_prepare_v2(db->h,
		"SELECT role, coalesce(password_hash, '') FROM users WHERE name = ?1",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 1, name)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		*role = r && strcmp(r, "supervisor") == 0 ? GU_ROLE_SUPERVISOR : GU_ROLE_WORKER;
		gu_column_copy(st, 1, hash, size);
		ret = 1;
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Stores a new hash for name in its own transaction; returns 0 or < 0. */
static int store_hash(gu_db *db, const char *name, const char *hash, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	rc = sqlite3_prepare_v2(db->h,
		"UPDATE users SET password_hash = ?2, updated_at = ?3, device = ?4 WHERE name = ?1",
		-1, &st, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = GU_BIND(st, GU_TEXT(name), GU_TEXT(hash), GU_INT(gu_time_now()),
		GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Checks the password and starts the session; returns 0 or < 0. */
int gu_auth_login(gu_db *db, const char *name, const char *password, gu_error *err)
{
	char hash[GU_PASSWORD_HASH_SIZE];
	enum gu_role role = GU_ROLE_WORKER;
	int ret, found;
	GU_ERR_LOCAL(err);

	gu_auth_logout(db);
	ret = sodium_ready(err);
	if (ret < 0)
		return ret;
	found = read_user(db, name ? name : "", &role, hash, sizeof hash, err);
	if (found < 0)
		return found;
	if (!found || !password || !hash[0]
	    || crypto_pwhash_str_verify(hash, password, strlen(password)) != 0) {
		gu_error ignored;

		sodium_memzero(hash, sizeof hash);
		if (!db->readonly)
			(void)gu_audit_add(db, "user.login_failed", NULL, name ? name : "", &ignored);
		return gu_error_set(err, GU_EAUTH, NULL, 0, 0,
			_("wrong user name or password; check both and try again"));
	}
	if (!db->readonly && crypto_pwhash_str_needs_rehash(hash, ops_limit(), mem_limit()) != 0) {
		char fresh[GU_PASSWORD_HASH_SIZE];
		gu_error ignored;

		/* A failed rehash leaves the old, still valid hash. */
		if (gu_auth_hash(password, fresh, sizeof fresh, &ignored) == 0)
			(void)store_hash(db, name, fresh, &ignored);
		sodium_memzero(fresh, sizeof fresh);
	}
	sodium_memzero(hash, sizeof hash);
	ret = gu_db_set_user(db, name);
	if (ret < 0)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	db->logged_in = true;
	db->role = role;
	return 0;
}

/* Ends the session. */
void gu_auth_logout(gu_db *db)
{
	db->logged_in = false;
	db->role = GU_ROLE_WORKER;
	(void)gu_db_set_user(db, NULL);
}

/* Returns whether a user is logged in, and who. */
bool gu_auth_session(const gu_db *db, const char **name, enum gu_role *role)
{
	if (name)
		*name = db->logged_in ? gu_db_user(db) : NULL;
	if (role)
		*role = db->role;
	return db->logged_in;
}

/* Lists the users; returns 0 or < 0. */
int gu_auth_list_users(gu_db *db, gu_user_info **out, size_t *n, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	gu_user_info *v = NULL;
	size_t len = 0, cap = 0;
	int rc, ret = 0;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(db->h,
		"SELECT name, role, password_hash IS NOT NULL AND password_hash <> '', created_at"
		" FROM users ORDER BY name", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 1);

		if (len == cap) {
			size_t ncap = cap ? 2 * cap : 8;
			gu_user_info *nv = realloc(v, ncap * sizeof *nv);

			if (!nv) {
				ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
				goto cleanup;
			}
			v = nv;
			cap = ncap;
		}
		memset(&v[len], 0, sizeof v[len]);
		gu_column_copy(st, 0, v[len].name, sizeof v[len].name);
		v[len].role = r && strcmp(r, "supervisor") == 0 ? GU_ROLE_SUPERVISOR : GU_ROLE_WORKER;
		v[len].has_password = sqlite3_column_int(st, 2) != 0;
		v[len].created = sqlite3_column_int64(st, 3);
		len++;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_finalize(st);
	if (ret == 0 && rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret < 0) {
		free(v);
		return ret;
	}
	*out = v;
	*n = len;
	return 0;
}
