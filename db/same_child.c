/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Another case that may be the same child as this one. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/keys.h"
#include "db/duplicates.h"
#include "db/internal.h"
#include "db/same_child.h"

/* Reads what case_id says of its child into the strings given (each
 * GU_SAME_FIELD long); returns SQLITE_ROW, SQLITE_DONE or an error. */
static int read_child(gu_db *db, const char *case_id, char *id_number, char *name,
	char *township, char *dob)
{
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_SAME_CHILD,
		"SELECT child_id_number, child_name, township, (SELECT value FROM answers"
		" WHERE case_id = cases.id AND key = '" GU_KEY_CHILD_DOB "')"
		" FROM cases WHERE id = ?1", &rc);

	if (st)
		rc = sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		gu_column_copy(st, 0, id_number, GU_SAME_FIELD);
		gu_column_copy(st, 1, name, GU_SAME_FIELD);
		gu_column_copy(st, 2, township, GU_SAME_FIELD);
		gu_column_copy(st, 3, dob, GU_SAME_FIELD);
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* Fills *o with what the list shows of stored case id; returns the
 * SQLite result (SQLITE_ROW when found). */
static int read_other(gu_db *db, const char *id, gu_same_child *o)
{
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_SAME_CHILD_ONE,
		"SELECT child_name, township, status, updated_at FROM cases WHERE id = ?1", &rc);

	if (st)
		rc = sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(o->id, sizeof o->id, "%s", id);
		gu_column_copy(st, 0, o->name, sizeof o->name);
		gu_column_copy(st, 1, o->township, sizeof o->township);
		if (gu_case_status_parse((const char *)sqlite3_column_text(st, 2), &o->status,
			NULL) < 0)
			o->status = GU_CASE_DRAFT;
		o->updated = sqlite3_column_int64(st, 3);
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* Returns true when a is to be shown before b: one not closed first, then
 * one of the same ID number, then the last changed. */
static bool shown_before(const gu_same_child *a, const gu_same_child *b)
{
	if ((a->status == GU_CASE_CLOSED) != (b->status == GU_CASE_CLOSED))
		return b->status == GU_CASE_CLOSED;
	if (a->by_id_number != b->by_id_number)
		return a->by_id_number;
	return a->updated > b->updated;
}

/* Finds another case of the same child through the one duplicate lookup
 * (db/duplicates.h: the ID number, the name or its pinyin with the date of
 * birth and township); returns 1, 0 or < 0. */
int gu_same_child_find(gu_db *db, const char *case_id, gu_same_child *out, gu_error *err)
{
	char id_number[GU_SAME_FIELD] = "", name[GU_SAME_FIELD] = "";
	char township[GU_SAME_FIELD] = "", dob[GU_SAME_FIELD] = "";
	gu_dup_match *m = NULL;
	gu_same_child cand;
	size_t n = 0, i;
	int rc, ret = 0;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	rc = read_child(db, case_id, id_number, name, township, dob);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return gu_db_fail(db, rc, err);
	ret = gu_case_find_duplicates(db, &(gu_dup_child){ .id_number = id_number,
		.name = name, .dob = dob, .township = township }, case_id, &m, &n, err);
	for (i = 0; ret == 0 && i < n; i++) {
		memset(&cand, 0, sizeof cand);
		rc = read_other(db, m[i].case_id, &cand);
		if (rc == SQLITE_DONE)
			continue;
		if (rc != SQLITE_ROW) {
			ret = gu_db_fail(db, rc, err);
			break;
		}
		cand.by_id_number = strcmp(m[i].why, "id_number") == 0;
		snprintf(cand.why, sizeof cand.why, "%s", m[i].why);
		if (!out->id[0] || shown_before(&cand, out))
			*out = cand;
	}
	free(m);
	if (ret < 0) {
		memset(out, 0, sizeof *out);
		return ret;
	}
	return out->id[0] ? 1 : 0;
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
		rc = sqlite3_bind_text(st, 3, other->why[0] ? other->why
			: other->by_id_number ? "id_number" : "name_dob_township",
			-1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 4, gu_time_now());
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : gu_db_fail(db, rc, err);
}
