/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Users: workers and supervisors, with a column for a password hash. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/internal.h"

/* Adds a user; returns 0, -GU_EINVAL when the name is taken, or < 0. */
int gu_user_add(gu_db *db, const char *name, enum gu_role role,
	const char *password_hash, gu_error *err)
{
	gu_time_ms now = gu_time_now();
	sqlite3_stmt *st;
	int rc, ret;
	GU_ERR_LOCAL(err);

	if (!name || !*name)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("a user needs a name"));
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_USER_INSERT,
		"INSERT INTO users (name, role, password_hash, created_at, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?4, ?5)", err);
	if (!st) {
		gu_db_rollback(db);
		return -(int)err->code;
	}
	rc = GU_BIND(st, GU_TEXT(name),
		GU_TEXT(role == GU_ROLE_SUPERVISOR ? "supervisor" : "worker"),
		GU_TEXT(password_hash), GU_INT(now), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
		gu_db_rollback(db);
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("there is already a user called %s; choose another name"), name);
	}
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		gu_db_rollback(db);
		return ret;
	}
	ret = gu_audit_add_in_tx(db, "user.add", NULL, name, now, err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Reads a user's role and hash; returns 0, -GU_ENOTFOUND or < 0. */
int gu_user_get(gu_db *db, const char *name, enum gu_role *role,
	char *hash, size_t hash_size, gu_error *err)
{
	sqlite3_stmt *st;
	int rc, ret = 0;
	GU_ERR_LOCAL(err);

	st = gu_db_stmt(db, GU_ST_USER_GET,
		"SELECT role, password_hash FROM users WHERE name = ?1", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, name)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (role)
			*role = r && strcmp(r, "supervisor") == 0 ? GU_ROLE_SUPERVISOR : GU_ROLE_WORKER;
		if (hash && hash_size)
			gu_column_copy(st, 1, hash, hash_size);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		ret = gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0, _("there is no user called %s"),
			name ? name : "");
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Replaces a user's password hash; returns 0, -GU_ENOTFOUND or < 0. */
int gu_user_set_password_hash(gu_db *db, const char *name, const char *password_hash,
	gu_error *err)
{
	gu_time_ms now = gu_time_now();
	sqlite3_stmt *st;
	int rc, ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_USER_PASSWORD,
		"UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE name = ?1", err);
	if (!st) {
		gu_db_rollback(db);
		return -(int)err->code;
	}
	rc = GU_BIND(st, GU_TEXT(name), GU_TEXT(password_hash), GU_INT(now));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		gu_db_rollback(db);
		return ret;
	}
	if (sqlite3_changes(db->h) == 0) {
		gu_db_rollback(db);
		return gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0, _("there is no user called %s"),
			name ? name : "");
	}
	ret = gu_audit_add_in_tx(db, "user.password", NULL, name, now, err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Returns the number of users, or < 0. */
int gu_user_count(gu_db *db, gu_error *err)
{
	sqlite3_stmt *st;
	int rc, count = 0;
	GU_ERR_LOCAL(err);

	st = gu_db_stmt(db, GU_ST_USER_COUNT, "SELECT count(*) FROM users", err);
	if (!st)
		return -(int)err->code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		count = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_OK ? count : gu_db_fail(db, rc, err);
}
