/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Applying a verified bundle's records (docs/exchange.md, "Merge rules"):
 * generic by table and primary key.  At the office a laptop's row is
 * written unless the office changed the case since the laptop last heard
 * from it, the case is closed or assigned elsewhere: then both values per
 * field are kept as conflicts.  On a laptop the office's rows are written
 * as they come.  Rows a laptop may not write refuse the bundle whole. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "db/exchange_internal.h"
#include "db/same_child.h"

/* The table the records being read belong to, with its statements. */
struct table {
	gu_xtable t;                 /* the receiver's table */
	char name[64];
	bool apart;                  /* kept in xchg_remote_rows */
	bool office_only;
	int status_col;              /* sender's column of cases.status, or -1 */
	int worker_col;              /* sender's column of cases.worker, or -1 */
	char cols[64][64];           /* the sender's columns */
	int ncols;
	sqlite3_stmt *sel, *ups, *del, *key, *obj;
};

/* The state of one bundle being applied. */
struct apply {
	gu_db *db;
	const char *sender;
	bool office;                 /* we are the office */
	long long seq, prev_upto, heard_ctr;
	gu_time_ms now;
	gu_xchg_receipt *r;
	struct table tb;
	sqlite3_stmt *why;           /* conflict_reason's statement */
	char **new_cases;
	size_t n_new;
};

/* Finalizes the statements of the current table. */
static void table_done(struct table *tb)
{
	sqlite3_finalize(tb->sel);
	sqlite3_finalize(tb->ups);
	sqlite3_finalize(tb->del);
	sqlite3_finalize(tb->key);
	sqlite3_finalize(tb->obj);
	memset(tb, 0, sizeof *tb);
}

/* Returns a refusal naming the bundle's problem; nothing is applied. */
static int refuse(gu_error *err, const char *what)
{
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("the bundle was refused whole, nothing of it was applied: %s"), what);
}

/* Appends "WHERE pk1 = json_extract(?1, '$[0]') AND ..." for t to b. */
static void where_key(gu_strbuf *b, const gu_xtable *t)
{
	int i;

	gu_sb_printf(b, " WHERE ");
	for (i = 0; i < t->npk; i++) {
		char *q = sqlite3_mprintf("%s\"%w\" = json_extract(?1, '$[%d]')", i ? " AND " : "",
			t->cols[t->pk[i]], i);

		if (!q) {
			b->failed = true;
			return;
		}
		gu_sb_printf(b, "%s", q);
		sqlite3_free(q);
	}
}

/* Prepares the SQL built in b into *st; returns the SQLite result. */
static int prepare(sqlite3 *h, gu_strbuf *b, sqlite3_stmt **st)
{
	char *sql = gu_sb_take(b);
	int rc;

	if (!sql)
		return SQLITE_NOMEM;
	rc = sqlite3_prepare_v2(h, sql, -1, st, NULL);
	free(sql);
	return rc;
}

/* Appends the sender's columns, quoted, to b. */
static void sender_cols(gu_strbuf *b, const struct table *tb, const char *prefix)
{
	int i;

	for (i = 0; i < tb->ncols; i++) {
		char *q = sqlite3_mprintf("%s%s\"%w\"", i ? ", " : "", prefix, tb->cols[i]);

		if (!q) {
			b->failed = true;
			return;
		}
		gu_sb_printf(b, "%s", q);
		sqlite3_free(q);
	}
}

/* Returns the sender's index of column name, or -1. */
static int sender_index(const struct table *tb, const char *name)
{
	int i;

	for (i = 0; i < tb->ncols; i++)
		if (strcmp(tb->cols[i], name) == 0)
			return i;
	return -1;
}

/* Prepares the statements of the current table; returns 0 or < 0. */
static int table_prepare(struct apply *a, gu_error *err)
{
	struct table *tb = &a->tb;
	gu_strbuf b = { 0 };
	int i, rc, k, casecol;

	/* the row as the receiver has it, in the sender's column order */
	gu_sb_printf(&b, "SELECT json_array(");
	sender_cols(&b, tb, "");
	{
		char *q = sqlite3_mprintf(") FROM \"%w\"", tb->name);

		gu_sb_printf(&b, "%s", q ? q : "");
		b.failed |= !q;
		sqlite3_free(q);
	}
	where_key(&b, &tb->t);
	rc = prepare(a->db->h, &b, &tb->sel);
	/* insert or update from a JSON array ?1 */
	if (rc == SQLITE_OK) {
		/* a view takes no ON CONFLICT: its row is replaced whole */
		char *q = sqlite3_mprintf(tb->t.is_view ? "INSERT OR REPLACE INTO \"%w\" ("
			: "INSERT INTO \"%w\" (", tb->name);
		int nset = 0;

		gu_sb_printf(&b, "%s", q ? q : "");
		b.failed |= !q;
		sqlite3_free(q);
		sender_cols(&b, tb, "");
		gu_sb_printf(&b, ") SELECT ");
		for (i = 0; i < tb->ncols; i++)
			gu_sb_printf(&b, "%sjson_extract(?1, '$[%d]')", i ? ", " : "", i);
		gu_sb_printf(&b, tb->t.is_view ? " WHERE true" : " WHERE true ON CONFLICT (");
		if (!tb->t.is_view) {
			gu_xtable_cols(&b, &tb->t, "", true);
			gu_sb_printf(&b, ") DO ");
		}
		for (i = 0; i < tb->ncols && !tb->t.is_view; i++) {
			bool is_pk = false;

			for (k = 0; k < tb->t.npk; k++)
				is_pk |= strcmp(tb->t.cols[tb->t.pk[k]], tb->cols[i]) == 0;
			if (is_pk)
				continue;
			q = sqlite3_mprintf("%s\"%w\" = excluded.\"%w\"", nset++ ? ", " : "UPDATE SET ",
				tb->cols[i], tb->cols[i]);
			gu_sb_printf(&b, "%s", q ? q : "");
			b.failed |= !q;
			sqlite3_free(q);
		}
		if (nset == 0 && !tb->t.is_view)
			gu_sb_printf(&b, "NOTHING");
		rc = prepare(a->db->h, &b, &tb->ups);
	}
	if (rc == SQLITE_OK) {
		char *q = sqlite3_mprintf("DELETE FROM \"%w\"", tb->name);

		gu_sb_printf(&b, "%s", q ? q : "");
		b.failed |= !q;
		sqlite3_free(q);
		where_key(&b, &tb->t);
		rc = prepare(a->db->h, &b, &tb->del);
	}
	/* a row's key (?1 a row) as a JSON array, the row normalised, its case */
	if (rc == SQLITE_OK) {
		gu_sb_printf(&b, "SELECT json_array(");
		for (k = 0; k < tb->t.npk; k++)
			gu_sb_printf(&b, "%sjson_extract(?1, '$[%d]')", k ? ", " : "",
				sender_index(tb, tb->t.cols[tb->t.pk[k]]));
		casecol = sender_index(tb, strcmp(tb->name, "cases") == 0 ? "id" : "case_id");
		if (casecol >= 0)
			gu_sb_printf(&b, "), json(?1), json_extract(?1, '$[%d]')", casecol);
		else
			gu_sb_printf(&b, "), json(?1), NULL");
		rc = prepare(a->db->h, &b, &tb->key);
	}
	/* a row (?1, in the sender's order) as a JSON object by column name */
	if (rc == SQLITE_OK) {
		gu_sb_printf(&b, "SELECT json_object(");
		for (i = 0; i < tb->ncols; i++) {
			char *q = sqlite3_mprintf("%s%Q, json_extract(?1, '$[%d]')", i ? ", " : "",
				tb->cols[i], i);

			gu_sb_printf(&b, "%s", q ? q : "");
			b.failed |= !q;
			sqlite3_free(q);
		}
		gu_sb_printf(&b, ")");
		rc = prepare(a->db->h, &b, &tb->obj);
	}
	if (rc != SQLITE_OK)
		return gu_db_fail(a->db, rc, err);
	return 0;
}

/* Reads a "T name cols pk" line and makes its table current; returns 0 or < 0. */
static int take_table(struct apply *a, const char *line, gu_error *err)
{
	struct table *tb = &a->tb;
	sqlite3_stmt *st = NULL;
	const char *sp = strchr(line, ' '), *cols;
	char msg[300];
	int rc, r, k;

	table_done(tb);
	if (!sp || (size_t)(sp - line) >= sizeof tb->name)
		return refuse(err, _("a table line is damaged"));
	memcpy(tb->name, line, (size_t)(sp - line));
	tb->name[sp - line] = '\0';
	cols = sp + 1;
	if (gu_xchg_table_local(tb->name)) {
		snprintf(msg, sizeof msg, _("it holds rows of table %s, which never leaves a database"),
			tb->name);
		return refuse(err, msg);
	}
	tb->apart = gu_xchg_table_apart(tb->name);
	tb->office_only = gu_xchg_table_office_only(tb->name);
	tb->status_col = tb->worker_col = -1;
	/* the sender's columns and key, read by SQLite's JSON functions */
	rc = sqlite3_prepare_v2(a->db->h,
		"SELECT j.value FROM json_each(substr(?1, 1, instr(?1, '] [') )) j",
		-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, cols, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);

		if (!c || strlen(c) >= sizeof tb->cols[0] || tb->ncols == 64) {
			rc = SQLITE_MISMATCH;
			break;
		}
		strcpy(tb->cols[tb->ncols++], c);
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK || tb->ncols == 0)
		return refuse(err, _("a table line is damaged"));
	if (tb->apart)
		return 0;
	r = gu_xtable_read(a->db->h, tb->name, &tb->t);
	if (r > 1)
		return gu_db_fail(a->db, r, err);
	if (r == 1) {
		snprintf(msg, sizeof msg, _("it holds table %s, which this guanai does not know: "
			"install the newer guanai the sender has"), tb->name);
		return refuse(err, msg);
	}
	for (k = 0; k < tb->ncols; k++) {
		int i;
		bool known = false;

		for (i = 0; i < tb->t.ncols; i++)
			known |= strcmp(tb->t.cols[i], tb->cols[k]) == 0;
		if (!known) {
			snprintf(msg, sizeof msg, _("it holds column %s of table %s, which this "
				"guanai does not know: install the newer guanai the sender has"),
				tb->cols[k], tb->name);
			return refuse(err, msg);
		}
	}
	for (k = 0; k < tb->t.npk; k++)
		if (sender_index(tb, tb->t.cols[tb->t.pk[k]]) < 0)
			return refuse(err, _("a table line lacks its key"));
	if (strcmp(tb->name, "cases") == 0) {
		tb->status_col = sender_index(tb, "status");
		tb->worker_col = sender_index(tb, "worker");
	}
	return table_prepare(a, err);
}

/* Steps a statement expecting no row; returns the SQLite result. */
static int run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Reads a row's key, normalised text and case; returns the SQLite result.
 * The strings are malloc'd (case_id may be NULL). */
static int row_key(struct table *tb, const char *json, char **pk, char **row, char **case_id)
{
	bool oom = false;
	int rc;

	*pk = *row = *case_id = NULL;
	rc = sqlite3_bind_text(tb->key, 1, json, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(tb->key);
	if (rc == SQLITE_ROW) {
		*pk = gu_column_dup(tb->key, 0, &oom);
		*row = gu_column_dup(tb->key, 1, &oom);
		*case_id = gu_column_dup(tb->key, 2, &oom);
		rc = oom || !*pk || !*row ? SQLITE_NOMEM : SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_MISMATCH;
	}
	sqlite3_reset(tb->key);
	sqlite3_clear_bindings(tb->key);
	return rc;
}

/* Reads the receiver's row with key pk into *cur (NULL when absent);
 * returns the SQLite result. */
static int current_row(struct table *tb, const char *pk, char **cur)
{
	bool oom = false;
	int rc;

	*cur = NULL;
	rc = sqlite3_bind_text(tb->sel, 1, pk, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(tb->sel);
	if (rc == SQLITE_ROW) {
		*cur = gu_column_dup(tb->sel, 0, &oom);
		rc = oom ? SQLITE_NOMEM : SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_reset(tb->sel);
	return rc;
}

/* Returns why a laptop's change to case_id is a conflict ("closed",
 * "assigned", "office-changed") or NULL when it may be written; *rc gets
 * the SQLite result. */
static const char *conflict_reason(struct apply *a, const char *case_id, int *rc)
{
	sqlite3_stmt *st = a->why;
	const char *why = NULL;

	*rc = st ? SQLITE_OK : sqlite3_prepare_v2(a->db->h,
		"SELECT (SELECT status FROM cases WHERE id = ?1) = 'closed',"
		" EXISTS (SELECT 1 FROM assignments WHERE case_id = ?1 AND assigned_device <> ?2),"
		" EXISTS (SELECT 1 FROM xchg_dirty WHERE case_id = ?1 AND ctr > ?3)", -1, &st, NULL);
	a->why = st;
	if (*rc == SQLITE_OK && (*rc = gu_bind_text(st, 1, case_id)) == SQLITE_OK
	    && (*rc = gu_bind_text(st, 2, a->sender)) == SQLITE_OK
	    && (*rc = sqlite3_bind_int64(st, 3, a->heard_ctr)) == SQLITE_OK
	    && (*rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rc = SQLITE_OK;
		if (sqlite3_column_int(st, 0))
			why = "closed";
		else if (sqlite3_column_int(st, 1))
			why = "assigned";
		else if (sqlite3_column_int(st, 2))
			why = "office-changed";
	}
	if (st)
		sqlite3_reset(st);
	return why;
}

/* Records one conflict; returns the SQLite result. */
static int add_conflict(struct apply *a, const char *pk, const char *case_id, const char *col,
	const char *office_value, const char *laptop_value, const char *why)
{
	sqlite3_stmt *st = NULL;
	char id[GU_ID_SIZE];
	int rc;

	if (gu_db_new_id(id, NULL) < 0)
		return SQLITE_IOERR;
	rc = sqlite3_prepare_v2(a->db->h,
		"INSERT INTO xchg_conflicts (id, sender, seq, tbl, pk, case_id, col, office_value,"
		" laptop_value, why, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
		-1, &st, NULL);
	if (rc == SQLITE_OK
	    && (rc = GU_BIND(st, GU_TEXT(id), GU_TEXT(a->sender), GU_INT(a->seq),
		GU_TEXT(a->tb.name), GU_TEXT(pk), GU_TEXT(case_id), GU_TEXT(col),
		GU_TEXT(office_value), GU_TEXT(laptop_value), GU_TEXT(why),
		GU_INT(a->now))) == SQLITE_OK)
		rc = run(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		a->r->conflicts++;
	return rc;
}

/* Records a conflict per differing field of the office's row cur and the
 * laptop's row (updated_at and device aside); sets *any when one was.
 * Returns the SQLite result. */
static int field_conflicts(struct apply *a, const char *pk, const char *case_id,
	const char *cur, const char *row, const char *why, bool *any)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*any = false;
	rc = sqlite3_prepare_v2(a->db->h,
		"SELECT b.key, json_quote(o.value), json_quote(b.value)"
		" FROM json_each(?2) b JOIN json_each(?1) o ON o.key = b.key"
		" WHERE o.value IS NOT b.value OR o.type IS NOT b.type ORDER BY b.key", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC)) == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, row, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = sqlite3_column_int(st, 0);
		const char *col = i >= 0 && i < a->tb.ncols ? a->tb.cols[i] : "?";

		rc = SQLITE_OK;
		if (strcmp(col, "updated_at") == 0 || strcmp(col, "device") == 0)
			continue;
		*any = true;
		rc = add_conflict(a, pk, case_id, col, (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), why);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Checks that a laptop's row may be sent by a laptop at all; returns 0 or
 * a refusal. */
static int check_authority(struct apply *a, const char *cur, const char *row, gu_error *err)
{
	char msg[300];

	if (a->tb.office_only && (!cur || !row || strcmp(cur, row) != 0)) {
		snprintf(msg, sizeof msg, _("it writes %s, which only the office may write"),
			a->tb.name);
		return refuse(err, msg);
	}
	if (a->tb.status_col >= 0 && row) {
		char path[16];
		sqlite3_stmt *st = NULL;
		int rc, bad = 0;

		snprintf(path, sizeof path, "$[%d]", a->tb.status_col);
		rc = sqlite3_prepare_v2(a->db->h,
			"SELECT json_extract(?1, ?3) IN ('reviewed', 'closed')"
			" AND json_extract(?1, ?3) IS NOT json_extract(?2, ?3)", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, row, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, cur, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, path, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				bad = sqlite3_column_int(st, 0);
		}
		sqlite3_finalize(st);
		if (bad)
			return refuse(err, _("it makes a case reviewed or closed, which only the "
				"office decides"));
	}
	if (a->tb.worker_col >= 0 && row && cur) {
		char path[16];
		sqlite3_stmt *st = NULL;
		int bad = 0;

		snprintf(path, sizeof path, "$[%d]", a->tb.worker_col);
		if (sqlite3_prepare_v2(a->db->h, "SELECT json_extract(?1, ?3) IS NOT json_extract(?2, ?3)",
				-1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, row, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, cur, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, path, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				bad = sqlite3_column_int(st, 0);
		}
		sqlite3_finalize(st);
		if (bad)
			return refuse(err, _("it gives a case to another worker, which only the "
				"office decides"));
	}
	return 0;
}

/* Writes (or deletes, row NULL) a row; returns the SQLite result. */
static int write_row(struct apply *a, const char *pk, const char *row)
{
	int rc;

	if (row) {
		rc = sqlite3_bind_text(a->tb.ups, 1, row, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = run(a->tb.ups);
		sqlite3_clear_bindings(a->tb.ups);
	} else {
		rc = sqlite3_bind_text(a->tb.del, 1, pk, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = run(a->tb.del);
		sqlite3_clear_bindings(a->tb.del);
	}
	if (rc == SQLITE_OK)
		a->r->rows++;
	return rc;
}

/* Keeps a row of a table kept apart; returns the SQLite result. */
static int keep_apart(struct apply *a, const char *json, bool deleted)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(a->db->h,
		"INSERT INTO xchg_remote_rows (sender, tbl, pk, row, received_at)"
		" VALUES (?1, ?2, CASE WHEN ?5 THEN ?3 ELSE json_extract(?3, '$[0]') END,"
		"  CASE WHEN ?5 THEN 'null' ELSE ?3 END, ?4)"
		" ON CONFLICT (sender, tbl, pk) DO UPDATE SET row = excluded.row,"
		" received_at = excluded.received_at", -1, &st, NULL);
	if (rc == SQLITE_OK
	    && (rc = gu_bind_text(st, 1, a->sender)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 2, a->tb.name)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 3, json)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 4, a->now)) == SQLITE_OK
	    && (rc = sqlite3_bind_int(st, 5, deleted)) == SQLITE_OK)
		rc = run(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		a->r->rows++;
	return rc;
}

/* Remembers a case new at the office; returns the SQLite result. */
static int note_new_case(struct apply *a, const char *case_id)
{
	char **nv = realloc(a->new_cases, (a->n_new + 1) * sizeof *nv);

	if (!nv)
		return SQLITE_NOMEM;
	a->new_cases = nv;
	if (!(nv[a->n_new] = strdup(case_id)))
		return SQLITE_NOMEM;
	a->n_new++;
	return SQLITE_OK;
}

/* Sets *out to a malloc'd JSON object of row (NULL for NULL); returns the
 * SQLite result. */
static int as_object(struct table *tb, const char *row, char **out)
{
	bool oom = false;
	int rc;

	*out = NULL;
	if (!row)
		return SQLITE_OK;
	rc = sqlite3_bind_text(tb->obj, 1, row, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (rc = sqlite3_step(tb->obj)) == SQLITE_ROW) {
		*out = gu_column_dup(tb->obj, 0, &oom);
		rc = oom ? SQLITE_NOMEM : SQLITE_OK;
	}
	sqlite3_reset(tb->obj);
	sqlite3_clear_bindings(tb->obj);
	return rc;
}

/* Applies one "R" (json a row) or "D" (json a key) record; returns 0 or < 0. */
static int take_record(struct apply *a, const char *json, bool deleted, gu_error *err)
{
	char *pk = NULL, *row = NULL, *case_id = NULL, *cur = NULL;
	const char *why = NULL;
	bool any;
	int rc, ret = 0;

	if (a->tb.apart) {
		rc = keep_apart(a, json, deleted);
		return rc == SQLITE_OK ? 0 : gu_db_fail(a->db, rc, err);
	}
	if (deleted) {
		pk = strdup(json);
		rc = pk ? SQLITE_OK : SQLITE_NOMEM;
	} else {
		rc = row_key(&a->tb, json, &pk, &row, &case_id);
	}
	if (rc == SQLITE_MISMATCH) {
		ret = refuse(err, _("a row is damaged"));
		goto cleanup;
	}
	if (rc == SQLITE_OK)
		rc = current_row(&a->tb, pk, &cur);
	if (rc != SQLITE_OK)
		goto cleanup;
	if (deleted ? !cur : cur && strcmp(cur, row) == 0) {
		a->r->skipped++;
		goto cleanup;
	}
	if (!a->office) {
		rc = write_row(a, pk, row);
		goto cleanup;
	}
	ret = check_authority(a, cur, row, err);
	if (ret < 0)
		goto cleanup;
	if (deleted && !case_id && cur && a->tb.t.has_case_id) {
		/* the case of a deleted row: from the office's copy */
		char *k2 = NULL, *r2 = NULL;

		rc = row_key(&a->tb, cur, &k2, &r2, &case_id);
		free(k2);
		free(r2);
		if (rc != SQLITE_OK)
			goto cleanup;
	}
	if (case_id)
		why = conflict_reason(a, case_id, &rc);
	if (rc != SQLITE_OK)
		goto cleanup;
	if (!why) {
		if (!cur && strcmp(a->tb.name, "cases") == 0 && case_id)
			rc = note_new_case(a, case_id);
		if (rc == SQLITE_OK)
			rc = write_row(a, pk, row);
		goto cleanup;
	}
	if (cur && row) {
		rc = field_conflicts(a, pk, case_id, cur, row, why, &any);
		if (rc == SQLITE_OK && !any)
			a->r->skipped++; /* only its time stamps differ */
	} else {
		char *ocur = NULL, *orow = NULL;

		rc = as_object(&a->tb, cur, &ocur);
		if (rc == SQLITE_OK)
			rc = as_object(&a->tb, row, &orow);
		if (rc == SQLITE_OK)
			rc = add_conflict(a, pk, case_id, "*", ocur, orow, why);
		free(ocur);
		free(orow);
	}
cleanup:
	free(pk);
	free(row);
	free(case_id);
	free(cur);
	if (ret == 0 && rc != SQLITE_OK)
		ret = gu_db_fail(a->db, rc, err);
	return ret;
}

/* Computes the pinyin of a new case's name inside the transaction (the
 * library loaded if need be), so that a name of the same sound written
 * with other characters is found; without the library the name waits in
 * the queue and only its characters are compared.  Returns the SQLite
 * result. */
static int name_keys(struct apply *a, const char *case_id)
{
	gu_error err;
	int ret = gu_search_keys_in_tx(a->db, case_id, true, &err);

	if (ret == -GU_ENOTFOUND || ret == -GU_EINVAL)
		return SQLITE_OK;
	return ret < 0 ? SQLITE_ERROR : SQLITE_OK;
}

/* Assigns the cases new at the office to the sender and flags possible
 * duplicates; returns the SQLite result. */
static int after_new_cases(struct apply *a)
{
	sqlite3_stmt *as = NULL, *dup[3] = { NULL, NULL, NULL };
	size_t i;
	int rc, k;

	rc = sqlite3_prepare_v2(a->db->h,
		"INSERT INTO assignments (case_id, assigned_device, assigned_worker, assigned_by,"
		" assigned_at, updated_at, device)"
		" SELECT ?1, ?2, (SELECT worker FROM xchg_devices WHERE id = ?2), '', ?3, ?3, ?4"
		" WHERE true ON CONFLICT (case_id) DO NOTHING", -1, &as, NULL);
	/* three statements, so that each finds its pairs through an index */
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(a->db->h,
			"INSERT INTO xchg_duplicates (case_a, case_b, why, at)"
			" SELECT min(c.id, o.id), max(c.id, o.id), 'id_number', ?2"
			GU_SAME_CHILD_BY_ID_SQL
			" ON CONFLICT (case_a, case_b) DO NOTHING", -1, &dup[0], NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(a->db->h,
			"INSERT INTO xchg_duplicates (case_a, case_b, why, at)"
			" SELECT min(c.id, o.id), max(c.id, o.id), 'name_dob_township', ?2"
			GU_SAME_CHILD_BY_NAME_SQL
			" ON CONFLICT (case_a, case_b) DO NOTHING", -1, &dup[1], NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(a->db->h,
			"INSERT INTO xchg_duplicates (case_a, case_b, why, at)"
			" SELECT min(c.id, o.id), max(c.id, o.id), 'pinyin_dob_township', ?2"
			" FROM case_keys ck JOIN case_keys ok ON ok.pinyin = ck.pinyin"
			"  AND ok.pinyin <> '' AND ok.case_id <> ck.case_id"
			" JOIN cases c ON c.id = ck.case_id"
			" JOIN cases o ON o.id = ok.case_id AND o.township = c.township"
			" WHERE ck.case_id = ?1"
			"  AND (SELECT value FROM answers WHERE case_id = o.id AND key = '"
			GU_KEY_CHILD_DOB "')"
			"   = (SELECT value FROM answers WHERE case_id = c.id AND key = '"
			GU_KEY_CHILD_DOB "')"
			" ON CONFLICT (case_a, case_b) DO NOTHING", -1, &dup[2], NULL);
	for (i = 0; rc == SQLITE_OK && i < a->n_new; i++)
		rc = name_keys(a, a->new_cases[i]);
	for (i = 0; rc == SQLITE_OK && i < a->n_new; i++) {
		if ((rc = gu_bind_text(as, 1, a->new_cases[i])) != SQLITE_OK
		    || (rc = gu_bind_text(as, 2, a->sender)) != SQLITE_OK
		    || (rc = sqlite3_bind_int64(as, 3, a->now)) != SQLITE_OK
		    || (rc = gu_bind_text(as, 4, a->db->device)) != SQLITE_OK
		    || (rc = run(as)) != SQLITE_OK)
			break;
		for (k = 0; k < 3 && rc == SQLITE_OK; k++) {
			if ((rc = gu_bind_text(dup[k], 1, a->new_cases[i])) != SQLITE_OK
			    || (rc = sqlite3_bind_int64(dup[k], 2, a->now)) != SQLITE_OK
			    || (rc = run(dup[k])) != SQLITE_OK)
				break;
			a->r->duplicates += sqlite3_changes(a->db->h);
		}
	}
	sqlite3_finalize(as);
	sqlite3_finalize(dup[0]);
	sqlite3_finalize(dup[1]);
	sqlite3_finalize(dup[2]);
	return rc;
}

/* Reads "<ctr> <json>" after a record's letter; returns the JSON or NULL. */
static const char *record_json(const char *s, long long *ctr)
{
	char *end;

	*ctr = strtoll(s, &end, 10);
	if (end == s || *end != ' ')
		return NULL;
	return end + 1;
}

/* Applies the records of one bundle; returns 0 or < 0. */
int gu_xchg_apply_records(gu_db *db, const gu_xchg_keys *k, const char *sender,
	const char *records, long long seq, long long prev_upto, long long heard_ctr,
	gu_xchg_receipt *r, gu_error *err)
{
	struct apply a;
	const char *p = records;
	char *line = NULL;
	size_t i;
	int ret = 0, rc;

	memset(&a, 0, sizeof a);
	a.db = db;
	a.sender = sender;
	a.office = k->self.role == GU_XROLE_OFFICE;
	a.seq = seq;
	a.prev_upto = prev_upto;
	a.heard_ctr = heard_ctr;
	a.now = gu_time_now();
	a.r = r;
	while (*p && ret == 0) {
		const char *nl = strchr(p, '\n'), *json;
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		long long ctr;
		char *nline;

		if (!nl) {
			ret = refuse(err, _("its last line is cut short"));
			break;
		}
		nline = realloc(line, len + 1);
		if (!nline) {
			ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
			break;
		}
		line = nline;
		memcpy(line, p, len);
		line[len] = '\0';
		p = nl + 1;
		if (len > 2 && line[0] == 'T' && line[1] == ' ') {
			ret = take_table(&a, line + 2, err);
		} else if (len > 2 && (line[0] == 'R' || line[0] == 'D') && line[1] == ' ') {
			if (!a.tb.name[0] || !(json = record_json(line + 2, &ctr)))
				ret = refuse(err, _("a row is damaged"));
			else if (ctr <= a.prev_upto)
				r->skipped++; /* applied with an earlier bundle */
			else
				ret = take_record(&a, json, line[0] == 'D', err);
		} else {
			ret = refuse(err, _("a line is not one guanai writes"));
		}
	}
	if (ret == 0 && a.office && a.n_new > 0 && (rc = after_new_cases(&a)) != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	table_done(&a.tb);
	sqlite3_finalize(a.why);
	for (i = 0; i < a.n_new; i++)
		free(a.new_cases[i]);
	free(a.new_cases);
	free(line);
	return ret;
}
