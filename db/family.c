/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The cases of one family: starting a sibling's case from another, the
 * links between them, and the marks of the answers copied. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/family.h"
#include "core/i18n.h"
#include "db/access.h"
#include "db/family.h"
#include "db/internal.h"

/* Records that the answer key of case_id was copied from from_case: its
 * history row (the reason naming the case) and its mark; returns 0 or < 0. */
static int mark_copied(gu_db *db, const char *case_id, const char *key, const char *value,
	const char *from_case, const char *reason, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st;
	char hid[GU_ID_SIZE];
	int rc, ret = gu_db_new_id(hid, err);

	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_FAMILY_HISTORY,
		"INSERT INTO answer_history (id, case_id, key, old_value, new_value, reason,"
		" changed_at, changed_by, updated_at, device)"
		" VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?6, ?8)", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, hid)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 2, case_id)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 3, key)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 4, value)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 5, reason)) != SQLITE_OK
			|| (rc = sqlite3_bind_int64(st, 6, now)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 7, gu_db_user(db))) != SQLITE_OK
			|| (rc = gu_bind_text(st, 8, db->device)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gu_db_fail(db, rc, err);
	st = gu_db_stmt(db, GU_ST_FAMILY_COPIED,
		"INSERT OR REPLACE INTO copied_answers (case_id, key, from_case, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 2, key)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 3, from_case)) != SQLITE_OK
			|| (rc = sqlite3_bind_int64(st, 4, now)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 5, db->device)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Links case_id to the case it was started from; returns 0 or < 0. */
static int put_link(gu_db *db, const char *case_id, const char *sibling_id, gu_time_ms now,
	gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_FAMILY_LINK,
		"INSERT INTO family_links (case_id, sibling_id, created_at, created_by, updated_at,"
		" device) VALUES (?1, ?2, ?3, ?4, ?3, ?5)", err);
	int rc;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 2, sibling_id)) != SQLITE_OK
			|| (rc = sqlite3_bind_int64(st, 3, now)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 4, gu_db_user(db))) != SQLITE_OK
			|| (rc = gu_bind_text(st, 5, db->device)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Writes the copied answers of the new case id, each marked, and the link;
 * returns 0 or < 0. */
static int copy_in_tx(gu_db *db, const char *from_id, const gu_case_info *from,
	const gu_answers *copy, const char *id, gu_time_ms now, gu_error *err)
{
	char reason[300];
	int ret = 0;

	/* the history says where each value came from, in words the audit
	 * keeps whatever language reads it later */
	snprintf(reason, sizeof reason, "copied from case %.8s (%s)", from_id, from->child_name);
	for (size_t i = 0; i < copy->n && ret == 0; i++) {
		ret = gu_answer_put_in_tx(db, id, false, copy->v[i].key, copy->v[i].value, NULL,
			now, err);
		if (ret == 0)
			ret = mark_copied(db, id, copy->v[i].key, copy->v[i].value, from_id, reason,
				now, err);
	}
	if (ret == 0)
		ret = put_link(db, id, from_id, now, err);
	if (ret == 0) {
		snprintf(reason, sizeof reason, "another child of the family of case %.8s; %zu answers copied",
			from_id, copy->n);
		ret = gu_audit_add_in_tx(db, "case.sibling", id, reason, now, err);
	}
	return ret;
}

/* Creates the sibling's case; returns 0 or < 0. */
int gu_family_start(gu_db *db, const char *from_id, const gu_case_new *c, gu_date today,
	char id[GU_ID_SIZE], gu_error *err)
{
	gu_answers from, copy;
	gu_case_info info;
	gu_case_new nc = *c;
	int ret;
	GU_ERR_LOCAL(err);

	id[0] = '\0';
	gu_answers_init(&copy);
	ret = gu_case_get(db, from_id, &info, err);
	if (ret < 0)
		return ret;
	ret = gu_case_load_answers(db, from_id, &from, err);
	if (ret < 0)
		return ret;
	ret = gu_family_answers(&from, today, &copy);
	gu_answers_free(&from);
	if (ret < 0) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto cleanup;
	}
	if (!nc.township || !*nc.township)
		nc.township = info.township;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		goto cleanup;
	ret = gu_case_create_in_tx(db, &nc, id, gu_time_now(), err);
	if (ret == 0)
		ret = copy_in_tx(db, from_id, &info, &copy, id, gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		id[0] = '\0';
		goto cleanup;
	}
	ret = gu_db_commit(db, err);
	if (ret < 0)
		id[0] = '\0';
cleanup:
	gu_answers_free(&copy);
	return ret;
}

/* Fills one sibling from a row (id, name, status, interview date). */
static void fill_sibling(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_sibling *s = elem;
	gu_error e;

	(void)oom;
	gu_column_copy(st, 0, s->id, sizeof s->id);
	gu_column_copy(st, 1, s->child_name, sizeof s->child_name);
	if (gu_case_status_parse((const char *)sqlite3_column_text(st, 2), &s->status, &e) < 0)
		s->status = GU_CASE_DRAFT;
	gu_column_copy(st, 3, s->interviewed, sizeof s->interviewed);
}

/* Frees a list of siblings. */
static void free_siblings(void *v, size_t n)
{
	(void)n;
	free(v);
}

/* Lists the family's other cases; returns 0 or < 0. */
int gu_family_siblings(gu_db *db, const char *case_id, gu_sibling **out, size_t *n,
	gu_error *err)
{
	GU_ERR_LOCAL(err);
	return gu_db_case_rows(db, GU_ST_FAMILY_LIST,
		"WITH RECURSIVE fam (id) AS (SELECT ?1 UNION"
		" SELECT CASE WHEN l.case_id = fam.id THEN l.sibling_id ELSE l.case_id END"
		"  FROM family_links l JOIN fam ON l.case_id = fam.id OR l.sibling_id = fam.id)"
		" SELECT c.id, c.child_name, c.status, c.interviewed FROM fam JOIN cases c ON c.id = fam.id"
		" WHERE fam.id <> ?1 ORDER BY c.created_at, c.id",
		case_id, sizeof **out, fill_sibling, free_siblings, (void **)out, n, err);
}

/* Fills out with the copied marks of a case; returns 0 or < 0. */
int gu_family_copied(gu_db *db, const char *case_id, gu_answers *out, gu_error *err)
{
	sqlite3_stmt *st;
	int rc;
	GU_ERR_LOCAL(err);

	gu_answers_init(out);
	rc = gu_access_check_case(db, case_id, err);
	if (rc < 0)
		return rc;
	st = gu_db_stmt(db, GU_ST_FAMILY_COPIED_LIST,
		"SELECT key, from_case FROM copied_answers WHERE case_id = ?1", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (gu_answers_set(out, (const char *)sqlite3_column_text(st, 0),
				(const char *)sqlite3_column_text(st, 1)) < 0) {
			sqlite3_reset(st);
			gu_answers_free(out);
			return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		gu_answers_free(out);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Unmarks a copied answer; returns 0 or < 0. */
int gu_family_copied_clear(gu_db *db, const char *case_id, const char *key, gu_error *err)
{
	sqlite3_stmt *st;
	int rc;
	GU_ERR_LOCAL(err);

	rc = gu_access_check_case(db, case_id, err);
	if (rc < 0)
		return rc;
	st = gu_db_stmt(db, GU_ST_FAMILY_COPIED_CLEAR,
		"DELETE FROM copied_answers WHERE case_id = ?1 AND key = ?2", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) == SQLITE_OK
			&& (rc = gu_bind_text(st, 2, key)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}
