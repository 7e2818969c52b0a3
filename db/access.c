/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Role enforcement in the data layer: which cases the session may see. */

#include <string.h>

#include "core/i18n.h"
#include "db/access.h"
#include "db/auth.h"
#include "db/internal.h"

/* Sets *mode from the session and whether users exist; returns 0 or < 0. */
int gu_access_mode(gu_db *db, enum gu_access *mode, gu_error *err)
{
	int exist;
	GU_ERR_LOCAL(err);

	if (db->logged_in) {
		*mode = db->role == GU_ROLE_SUPERVISOR ? GU_ACCESS_ALL : GU_ACCESS_OWN;
		return 0;
	}
	exist = gu_auth_users_exist(db, err);
	if (exist < 0)
		return exist;
	*mode = exist ? GU_ACCESS_NONE : GU_ACCESS_ALL;
	return 0;
}

/* Returns -GU_EPERM saying that a login is needed. */
static int need_login(gu_error *err)
{
	return gu_error_set(err, GU_EPERM, NULL, 0, 0,
		_("this database has users: log in first (give --user NAME)"));
}

/* Checks access to a case of worker; returns 0 or < 0. */
int gu_access_check_worker(gu_db *db, const char *case_id, const char *worker,
	gu_error *err)
{
	enum gu_access mode;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_access_mode(db, &mode, err);
	if (ret < 0)
		return ret;
	if (mode == GU_ACCESS_ALL)
		return 0;
	if (mode == GU_ACCESS_NONE)
		return need_login(err);
	if (worker && strcmp(worker, gu_db_user(db)) == 0)
		return 0;
	return gu_error_set(err, GU_EPERM, NULL, 0, 0,
		_("case %s belongs to another worker; only its worker or a supervisor may open it"),
		case_id ? case_id : "");
}

/* Checks access to a stored case; returns 0 or < 0. */
int gu_access_check_case(gu_db *db, const char *case_id, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	enum gu_access mode;
	char worker[128] = "";
	bool found = false;
	int rc, ret;
	GU_ERR_LOCAL(err);

	ret = gu_access_mode(db, &mode, err);
	if (ret < 0 || mode == GU_ACCESS_ALL)
		return ret;
	if (mode == GU_ACCESS_NONE)
		return need_login(err);
	st = gu_db_slot(db, GU_ST_ACCESS_WORKER, "SELECT " GU_SQL_CASE_WORKER("cases")
		" FROM cases WHERE id = ?1", &rc);
	if (!st)
		goto cleanup;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, worker, sizeof worker);
		found = true;
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	if (!found)
		return 0;
	return gu_access_check_worker(db, case_id, worker, err);
}

/* Sets *worker to the list limit; returns 0 or < 0. */
int gu_access_list_worker(gu_db *db, const char *requested, const char **worker,
	gu_error *err)
{
	enum gu_access mode;
	int ret;
	GU_ERR_LOCAL(err);

	*worker = requested;
	ret = gu_access_mode(db, &mode, err);
	if (ret < 0 || mode == GU_ACCESS_ALL)
		return ret;
	if (mode == GU_ACCESS_NONE)
		return need_login(err);
	if (requested && strcmp(requested, gu_db_user(db)) != 0)
		return gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("a worker sees only their own cases; a supervisor can list %s's"), requested);
	*worker = gu_db_user(db);
	return 0;
}

/* Requires a supervisor; returns 0 or -GU_EPERM. */
int gu_access_require_supervisor(gu_db *db, bool allow_without_users, gu_error *err)
{
	enum gu_access mode;
	int ret;
	GU_ERR_LOCAL(err);

	if (db->logged_in && db->role == GU_ROLE_SUPERVISOR)
		return 0;
	ret = gu_access_mode(db, &mode, err);
	if (ret < 0)
		return ret;
	if (mode == GU_ACCESS_ALL && allow_without_users)
		return 0;
	if (mode == GU_ACCESS_NONE)
		return need_login(err);
	return gu_error_set(err, GU_EPERM, NULL, 0, 0,
		_("only a supervisor may do this; log in as a supervisor with --user"));
}
