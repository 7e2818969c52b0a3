/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The append-only audit log: who did what to which case, and when.
 * Triggers in the schema refuse any UPDATE or DELETE of it; the hash chain
 * (db/audit_chain.c) shows when they were got round. */

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/internal.h"

/* Appends an entry inside the caller's transaction, chained to the entry
 * before it (db/audit_chain.c); returns 0 or < 0. */
int gu_audit_add_in_tx(gu_db *db, const char *action, const char *case_id,
	const char *detail, gu_time_ms when, gu_error *err)
{
	sqlite3_stmt *st;
	char id[GU_ID_SIZE], prev[65], dh[65], hash[65];
	gu_audit_link l;
	int rc, ret;

	ret = gu_db_new_id(id, err);
	if (ret == 0)
		ret = gu_audit_head_in_tx(db, &l.seq, prev, err);
	if (ret < 0)
		return ret;
	l.seq++;
	l.prev_hash = prev;
	l.id = id;
	l.at = when;
	l.by = gu_db_user(db);
	l.action = action;
	l.case_id = case_id ? case_id : "";
	l.detail_hash = gu_audit_detail_hash(detail, dh);
	l.device = db->device;
	gu_audit_link_hash(&l, hash);
	st = gu_db_stmt(db, GU_ST_AUDIT_INSERT,
		"INSERT INTO audit (id, at, by, action, case_id, detail, updated_at, device,"
		" seq, prev_hash, detail_hash, hash)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2, ?7, ?8, ?9, ?10, ?11)", err);
	if (!st)
		return -(int)err->code;
	rc = GU_BIND(st, GU_TEXT(id), GU_INT(when), GU_TEXT(l.by), GU_TEXT(action),
		GU_TEXT(*l.case_id ? l.case_id : NULL), GU_TEXT(detail), GU_TEXT(db->device),
		GU_INT(l.seq), GU_TEXT(prev), GU_TEXT(dh), GU_TEXT(hash));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = gu_audit_head_write(db->h, l.seq, hash);
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Appends an entry in its own transaction; returns 0 or < 0. */
int gu_audit_add(gu_db *db, const char *action, const char *case_id,
	const char *detail, gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	if (!action || !*action)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("an audit entry needs an action"));
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_audit_add_in_tx(db, action, case_id, detail, gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Fills one audit entry from a row. */
static void fill_entry(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_audit_entry *e = elem;

	gu_column_copy(st, 0, e->id, sizeof e->id);
	e->when = sqlite3_column_int64(st, 1);
	gu_column_copy(st, 2, e->by, sizeof e->by);
	gu_column_copy(st, 3, e->action, sizeof e->action);
	gu_column_copy(st, 4, e->case_id, sizeof e->case_id);
	e->detail = gu_column_dup(st, 5, oom);
}

/* Frees a list of audit entries given as void *. */
static void free_entries(void *v, size_t n)
{
	gu_audit_entries_free(v, n);
}

/* Lists audit entries, newest first; returns 0 or < 0. */
int gu_audit_list(gu_db *db, const char *case_id, size_t limit,
	gu_audit_entry **out, size_t *n, gu_error *err)
{
	void *v;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_list_rows(db, GU_ST_AUDIT_LIST,
		"SELECT id, at, by, action, coalesce(case_id, ''), detail FROM audit"
		" WHERE ?1 IS NULL OR case_id = ?1 ORDER BY at DESC, rowid DESC LIMIT ?2",
		GU_VALUES(GU_TEXT(case_id), GU_INT(limit ? (sqlite3_int64)limit : -1)),
		sizeof **out, fill_entry, free_entries, &v, n, err);
	*out = v;
	return ret;
}

/* Frees audit entries. */
void gu_audit_entries_free(gu_audit_entry *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].detail);
	free(v);
}
