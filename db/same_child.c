/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Another case that may be the same child as this one. */

#include <string.h>

#include "db/internal.h"
#include "db/same_child.h"

/* Finds another case of the same child; returns 1, 0 or < 0. */
int gu_same_child_find(gu_db *db, const char *case_id, gu_same_child *out, gu_error *err)
{
	int rc, ret = 0;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_SAME_CHILD,
		"SELECT id, by_id, name, township, status, updated FROM ("
		" SELECT o.id AS id, 1 AS by_id, o.child_name AS name, o.township AS township,"
		"  o.status AS status, o.updated_at AS updated"
		GU_SAME_CHILD_BY_ID_SQL
		" UNION ALL SELECT o.id, 0, o.child_name, o.township, o.status, o.updated_at"
		GU_SAME_CHILD_BY_NAME_SQL
		") ORDER BY status = 'closed', by_id DESC, updated DESC LIMIT 1", &rc);
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	if (st)
		rc = sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, out->id, sizeof out->id);
		out->by_id_number = sqlite3_column_int(st, 1) != 0;
		gu_column_copy(st, 2, out->name, sizeof out->name);
		gu_column_copy(st, 3, out->township, sizeof out->township);
		if (gu_case_status_parse((const char *)sqlite3_column_text(st, 4), &out->status, NULL) < 0)
			out->status = GU_CASE_DRAFT;
		out->updated = sqlite3_column_int64(st, 5);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = gu_db_fail(db, rc, err);
	}
	if (st)
		sqlite3_reset(st);
	return ret;
}

/* Lists the pair for a supervisor; returns 0 or < 0. */
int gu_same_child_note(gu_db *db, const char *case_id, const gu_same_child *other,
	gu_error *err)
{
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_SAME_CHILD_NOTE,
		"INSERT INTO xchg_duplicates (case_a, case_b, why, at)"
		" VALUES (min(?1, ?2), max(?1, ?2), ?3, ?4)"
		" ON CONFLICT (case_a, case_b) DO NOTHING", &rc);
	GU_ERR_LOCAL(err);

	if (st)
		rc = sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, other->id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, other->by_id_number ? "id_number" : "name_dob_township",
			-1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 4, gu_time_now());
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : gu_db_fail(db, rc, err);
}
