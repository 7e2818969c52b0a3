/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Who owns a case (docs/exchange.md, "Authority"): an assignment made by
 * the office to a device and its worker, audited; the whole case then
 * travels to that device. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/access.h"
#include "db/exchange_internal.h"

/* Assigns case_id to device inside the transaction; returns 0 or < 0. */
static int assign_in_tx(gu_db *db, const char *case_id, const char *device, gu_time_ms now,
	gu_error *err)
{
	sqlite3_stmt *st = NULL;
	char worker[160] = "", detail[300];
	bool found = false;
	int rc;

	rc = sqlite3_prepare_v2(db->h, "SELECT worker FROM xchg_devices WHERE id = ?1"
		" AND state = 'active'", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, device)) == SQLITE_OK
	    && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		gu_column_copy(st, 0, worker, sizeof worker);
		found = true;
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	if (!found)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("device %.8s is not an active device of this office"), device);
	rc = sqlite3_prepare_v2(db->h,
		"INSERT INTO assignments (case_id, assigned_device, assigned_worker, assigned_by,"
		" assigned_at, updated_at, device) SELECT id, ?2, ?3, ?4, ?5, ?5, ?6 FROM cases"
		" WHERE id = ?1 ON CONFLICT (case_id) DO UPDATE SET"
		" assigned_device = excluded.assigned_device, assigned_worker = excluded.assigned_worker,"
		" assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at,"
		" updated_at = excluded.updated_at, device = excluded.device", -1, &st, NULL);
	if (rc == SQLITE_OK
	    && (rc = GU_BIND(st, GU_TEXT(case_id), GU_TEXT(device), GU_TEXT(worker),
		GU_TEXT(gu_db_user(db)), GU_INT(now), GU_TEXT(db->device))) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = sqlite3_changes(db->h) == 0 ? SQLITE_NOTFOUND : SQLITE_OK;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == SQLITE_NOTFOUND)
		return gu_db_no_case(db, case_id, err);
	if (rc == SQLITE_OK)
		/* the case's worker is the assignment (GU_SQL_CASE_WORKER):
		 * cases.worker keeps its maker, as on every laptop that has it */
		rc = sqlite3_prepare_v2(db->h, "UPDATE cases SET updated_at = ?2"
			" WHERE id = ?1", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, case_id)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 2, now)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = gu_xchg_log_case(db->h, case_id);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	snprintf(detail, sizeof detail, "to device %s worker %s", device, worker);
	return gu_audit_add_in_tx(db, "case.assign", case_id, detail, now, err);
}

/* Checks that this is an office and a supervisor works; returns 0 or < 0. */
static int office_supervisor(gu_db *db, gu_error *err)
{
	int ret = gu_access_require_supervisor(db, true, err);

	if (ret == 0 && gu_xchg_role(db) != GU_XROLE_OFFICE)
		ret = gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("only an office assigns cases to devices"));
	return ret;
}

/* Assigns one case; returns 0 or < 0. */
int gu_xchg_assign(gu_db *db, const char *case_id, const char *device, gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	ret = office_supervisor(db, err);
	if (ret == 0)
		ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = assign_in_tx(db, case_id, device, gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Assigns every open case of device from to device to; returns the count or < 0. */
int gu_xchg_assign_all(gu_db *db, const char *from, const char *to, gu_error *err)
{
	char (*ids)[GU_ID_SIZE] = NULL;
	gu_time_ms now = gu_time_now();
	size_t n = 0, i;
	int ret;
	GU_ERR_LOCAL(err);

	ret = office_supervisor(db, err);
	if (ret == 0)
		ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_db_list_ids(db, GU_ST_XCHG_ASSIGNED, "SELECT a.case_id FROM assignments a"
		" JOIN cases c ON c.id = a.case_id WHERE a.assigned_device = ?1"
		" AND c.status NOT IN ('reviewed', 'closed')", GU_VALUES(GU_TEXT(from)), &ids, &n, err);
	for (i = 0; ret == 0 && i < n; i++)
		ret = assign_in_tx(db, ids[i], to, now, err);
	free(ids);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	ret = gu_db_commit(db, err);
	return ret < 0 ? ret : (int)n;
}

/* Writes into device the newest active device of worker ("" when she has
 * none); returns the SQLite result. */
static int device_of(gu_db *db, const char *worker, char device[GU_ID_SIZE])
{
	sqlite3_stmt *st = NULL;
	int rc;

	device[0] = '\0';
	rc = sqlite3_prepare_v2(db->h, "SELECT id FROM xchg_devices WHERE worker = ?1"
		" AND state = 'active' ORDER BY added_at DESC, id LIMIT 1", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, worker)) == SQLITE_OK
	    && (rc = sqlite3_step(st)) == SQLITE_ROW)
		gu_column_copy(st, 0, device, GU_ID_SIZE);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Makes heir the maker of name's cases that nobody was assigned (the
 * office's own); returns the count or < 0. */
static int hand_over_made(gu_db *db, const char *name, const char *heir, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db->h, "UPDATE cases SET worker = ?2 WHERE worker = ?1"
		" AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = cases.id"
		"  AND a.assigned_worker <> '')", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = GU_BIND(st, GU_TEXT(name), GU_TEXT(heir))) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? sqlite3_changes(db->h) : gu_db_fail(db, rc, err);
}

/* Hands every case whose worker is name (her assignment, else she made it)
 * to heir inside the caller's transaction; returns the count or < 0. */
int gu_xchg_hand_over(gu_db *db, const char *name, const char *heir, gu_error *err)
{
	char (*ids)[GU_ID_SIZE] = NULL, device[GU_ID_SIZE];
	gu_time_ms now = gu_time_now();
	size_t n = 0, i;
	int ret, rc;

	rc = device_of(db, heir, device);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	ret = gu_db_list_ids(db, GU_ST_XCHG_WORKER_CASES, "SELECT c.id FROM cases c WHERE "
		GU_SQL_CASE_WORKER("c") " = ?1 ORDER BY c.id", GU_VALUES(GU_TEXT(name)), &ids, &n,
		err);
	if (ret < 0)
		return ret;
	if (!device[0]) {
		/* no laptop to hand them to: only the office's own cases move */
		ret = hand_over_made(db, name, heir, err);
		if (ret >= 0 && (size_t)ret < n)
			ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
				_("%s has cases assigned through the exchange and %s has no laptop"
				  " registered at this office: register %s's laptop first (guanai"
				  " devices add), or give the cases to a worker who has one"),
				name, heir, heir);
		free(ids);
		return ret;
	}
	for (i = 0; ret == 0 && i < n; i++)
		ret = assign_in_tx(db, ids[i], device, now, err);
	free(ids);
	return ret < 0 ? ret : (int)n;
}
