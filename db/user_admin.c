/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A supervisor's user administration: disabling a user who left (her cases
 * go to another user, her key slot is removed, her name stays in the
 * audit) and changing a role.  The last supervisor stays one. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/auth.h"
#include "db/crypt_login.h"
#include "db/exchange.h"
#include "db/internal.h"

/* Runs sql with text parameters a and b (b may be NULL) in the open
 * transaction; returns the SQLite result (SQLITE_OK when done). */
static int run2(gu_db *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 1, a);
	if (rc == SQLITE_OK && b)
		rc = gu_bind_text(st, 2, b);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Counts the supervisors who can log in, other than name; returns the
 * count or < 0. */
static int other_supervisors(gu_db *db, const char *name, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, n = 0;

	rc = sqlite3_prepare_v2(db->h, "SELECT count(*) FROM users WHERE role = 'supervisor'"
		" AND password_hash IS NOT NULL AND name <> ?1", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 1, name);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? n : gu_db_fail(db, rc, err);
}

/* Checks that the session is a supervisor's and that name may stop being a
 * supervisor; returns 0, -GU_EPERM or < 0. */
static int may_change(gu_db *db, const char *name, enum gu_role *role, gu_error *err)
{
	int ret, others;

	if (!(db->logged_in && db->role == GU_ROLE_SUPERVISOR))
		return gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("only a supervisor can change users; log in as one with --user"));
	ret = gu_user_get(db, name, role, NULL, 0, err);
	if (ret < 0 || *role != GU_ROLE_SUPERVISOR)
		return ret;
	others = other_supervisors(db, name, err);
	if (others < 0)
		return others;
	if (others == 0)
		return gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("%s is the last supervisor; make another user a supervisor first"), name);
	return 0;
}

/* Disables name, giving her cases to heir; returns how many cases or < 0. */
int gu_auth_disable_user(gu_db *db, const char *name, const char *heir, gu_error *err)
{
	char hash[GU_PASSWORD_HASH_SIZE];
	enum gu_role role, heir_role;
	char detail[200];
	int ret, rc, cases;
	GU_ERR_LOCAL(err);

	ret = may_change(db, name, &role, err);
	if (ret < 0)
		return ret;
	if (strcmp(name, heir) == 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("give %s's cases to another user"), name);
	ret = gu_user_get(db, heir, &heir_role, hash, sizeof hash, err);
	if (ret < 0)
		return ret;
	if (!hash[0])
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%s is disabled too; give the cases to a user who can log in"), heir);
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	if (gu_xchg_role(db) == GU_XROLE_OFFICE) {
		/* her cases at the office: by assignment, as guanai assign does */
		cases = gu_xchg_hand_over(db, name, heir, err);
		if (cases < 0) {
			gu_db_rollback(db);
			return cases;
		}
		rc = SQLITE_OK;
	} else {
		rc = run2(db, "UPDATE cases SET worker = ?2 WHERE worker = ?1", name, heir);
		cases = rc == SQLITE_OK ? sqlite3_changes(db->h) : 0;
	}
	if (rc == SQLITE_OK)
		rc = run2(db, "UPDATE users SET password_hash = NULL WHERE name = ?1", name, NULL);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		gu_db_rollback(db);
		return ret;
	}
	snprintf(detail, sizeof detail, "%s; %d cases to %s", name, cases, heir);
	ret = gu_audit_add_in_tx(db, "user.disable", NULL, detail, gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	ret = gu_db_commit(db, err);
	if (ret == 0 && gu_db_has_keys(db->path))
		ret = gu_db_keys_remove(db->path, name, err);
	return ret < 0 ? ret : cases;
}

/* Gives name the role; returns 0 or < 0. */
int gu_auth_set_role(gu_db *db, const char *name, enum gu_role role, gu_error *err)
{
	enum gu_role old;
	char detail[120];
	int ret, rc;
	GU_ERR_LOCAL(err);

	if (role == GU_ROLE_SUPERVISOR) {
		if (!(db->logged_in && db->role == GU_ROLE_SUPERVISOR))
			return gu_error_set(err, GU_EPERM, NULL, 0, 0,
				_("only a supervisor can change users; log in as one with --user"));
		ret = gu_user_get(db, name, &old, NULL, 0, err);
	} else {
		ret = may_change(db, name, &old, err);
	}
	if (ret < 0 || old == role)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	rc = run2(db, "UPDATE users SET role = ?2 WHERE name = ?1", name, gu_role_name(role));
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		gu_db_rollback(db);
		return ret;
	}
	snprintf(detail, sizeof detail, "%s %s", name, gu_role_name(role));
	ret = gu_audit_add_in_tx(db, "user.role", NULL, detail, gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}
