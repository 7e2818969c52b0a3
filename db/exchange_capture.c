/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The exchange's change log (docs/exchange.md): triggers on every
 * replicated table write, in the same statement as the change, which row
 * changed, of which case, and when by the log's counter.  Generic by table
 * and primary key: a table a later migration adds gets its triggers at the
 * next open. */

#include <stdlib.h>
#include <string.h>

#include "db/exchange_internal.h"

static const char *const local_tables[] = {
	"meta", "users", "case_keys", "name_queue", "case_tally",
	"answer_rows", "case_numbers", "device_numbers", "result_rows", "policy_numbers", NULL
};

/* The views that travel as tables, with the key their rows have: their
 * INSTEAD OF triggers log their changes (db/schema_compact.c). */
static const struct {
	const char *name, *key[2];
} logical_views[] = {
	{ "answers", { "case_id", "key" } },
	{ "results", { "case_id", "item" } },
};

/* Returns true when tbl is in the NULL-ended list. */
static bool in_list(const char *const *list, const char *tbl)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strcmp(list[i], tbl) == 0)
			return true;
	return false;
}

/* Returns true when tbl never travels. */
bool gu_xchg_table_local(const char *tbl)
{
	return in_list(local_tables, tbl) || strncmp(tbl, "xchg_", 5) == 0
		|| strncmp(tbl, "sqlite_", 7) == 0;
}

/* Returns true when the receiver keeps tbl's rows apart. */
bool gu_xchg_table_apart(const char *tbl)
{
	return strcmp(tbl, "audit") == 0;
}

/* Returns true when only the office writes tbl. */
bool gu_xchg_table_office_only(const char *tbl)
{
	static const char *const office_tables[] = { "reviews", "assignments", NULL };

	return in_list(office_tables, tbl);
}

/* Gives t, read from a view that travels as a table, that view's key. */
static void view_key(gu_xtable *t)
{
	size_t v;
	int i, k;

	for (v = 0; v < sizeof logical_views / sizeof logical_views[0]; v++) {
		if (strcmp(t->name, logical_views[v].name) != 0)
			continue;
		for (k = 0; k < 2; k++)
			for (i = 0; i < t->ncols; i++)
				if (strcmp(t->cols[i], logical_views[v].key[k]) == 0)
					t->pk[t->npk++] = i;
		if (t->npk == 2)
			t->is_view = true;
		else
			t->npk = 0;
	}
}

/* Reads a table's columns and key; returns 0, 1 (no such table or no key)
 * or the SQLite result. */
int gu_xtable_read(sqlite3 *h, const char *name, gu_xtable *t)
{
	sqlite3_stmt *st = NULL;
	int rc, k;

	memset(t, 0, sizeof *t);
	if (strlen(name) >= sizeof t->name)
		return 1;
	strcpy(t->name, name);
	rc = sqlite3_prepare_v2(h, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid",
		-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);

		k = sqlite3_column_int(st, 1);
		if (!c || strlen(c) >= sizeof t->cols[0] || t->ncols == 64) {
			rc = SQLITE_TOOBIG;
			break;
		}
		strcpy(t->cols[t->ncols], c);
		if (strcmp(c, "case_id") == 0)
			t->has_case_id = true;
		if (k > 0 && k <= 8) {
			t->pk[k - 1] = t->ncols;
			if (k > t->npk)
				t->npk = k;
		}
		t->ncols++;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	if (t->npk == 0)
		view_key(t);
	return t->ncols == 0 || t->npk == 0 ? 1 : 0;
}

/* Appends the quoted column list to b. */
void gu_xtable_cols(gu_strbuf *b, const gu_xtable *t, const char *prefix, bool pk_only)
{
	int i, n = pk_only ? t->npk : t->ncols;

	for (i = 0; i < n; i++) {
		const char *c = t->cols[pk_only ? t->pk[i] : i];
		char *q = sqlite3_mprintf("%s%s\"%w\"", i ? ", " : "", prefix, c);

		if (!q) {
			b->failed = true;
			return;
		}
		gu_sb_printf(b, "%s", q);
		sqlite3_free(q);
	}
}

/* Appends the SQL of the case a row of t belongs to (prefix "new." or "old."). */
static void case_expr(gu_strbuf *b, const gu_xtable *t, const char *prefix)
{
	if (strcmp(t->name, "cases") == 0)
		gu_sb_printf(b, "%sid", prefix);
	else if (t->has_case_id)
		gu_sb_printf(b, "%scase_id", prefix);
	else
		gu_sb_printf(b, "NULL");
}

/* Appends one trigger's log statement for the row prefix names to b. */
static void log_row(gu_strbuf *b, const gu_xtable *t, const char *prefix, int deleted,
	const char *only_when)
{
	char *q = sqlite3_mprintf("%Q", t->name);

	if (!q) {
		b->failed = true;
		return;
	}
	gu_sb_printf(b, " INSERT INTO xchg_dirty (tbl, pk, case_id, ctr, deleted) SELECT %s,"
		" json_array(", q);
	gu_xtable_cols(b, t, prefix, true);
	gu_sb_printf(b, "), ");
	case_expr(b, t, prefix);
	gu_sb_printf(b, ", (SELECT n FROM xchg_clock), %d WHERE %s"
		" ON CONFLICT (tbl, pk) DO UPDATE SET case_id = excluded.case_id,"
		" ctr = excluded.ctr, deleted = excluded.deleted;", deleted, only_when);
	sqlite3_free(q);
}

/* Appends to b the SQL logging every row t already has, so that those
 * travel too. */
static void existing_rows(gu_strbuf *b, const gu_xtable *t)
{
	char *q = sqlite3_mprintf("UPDATE xchg_clock SET n = n + 1;"
		" INSERT INTO xchg_dirty (tbl, pk, case_id, ctr, deleted) SELECT %Q,"
		" json_array(", t->name);

	if (!q) {
		b->failed = true;
		return;
	}
	gu_sb_printf(b, "%s", q);
	sqlite3_free(q);
	gu_xtable_cols(b, t, "", true);
	gu_sb_printf(b, "), ");
	case_expr(b, t, "");
	q = sqlite3_mprintf(", (SELECT n FROM xchg_clock), 0 FROM \"%w\" WHERE true"
		" ON CONFLICT (tbl, pk) DO NOTHING;", t->name);
	if (!q) {
		b->failed = true;
		return;
	}
	gu_sb_printf(b, "%s", q);
	sqlite3_free(q);
}

/* Returns the SQL creating t's three triggers and logging its rows, or NULL. */
static char *trigger_sql(const gu_xtable *t)
{
	static const char *const ops[] = { "INSERT", "UPDATE", "DELETE" };
	static const char tag[] = "iud";
	gu_strbuf b = { 0 };
	int i;

	for (i = 0; i < 3; i++) {
		char *q = sqlite3_mprintf("CREATE TRIGGER \"xchg_%c_%w\" AFTER %s ON \"%w\""
			" WHEN NOT EXISTS (SELECT 1 FROM xchg_applying)"
			" BEGIN UPDATE xchg_clock SET n = n + 1;", tag[i], t->name, ops[i], t->name);

		if (!q) {
			free(gu_sb_take(&b));
			return NULL;
		}
		gu_sb_printf(&b, "%s", q);
		sqlite3_free(q);
		if (i == 1) {
			gu_strbuf w = { 0 };
			char *cond;

			gu_sb_printf(&w, "json_array(");
			gu_xtable_cols(&w, t, "old.", true);
			gu_sb_printf(&w, ") IS NOT json_array(");
			gu_xtable_cols(&w, t, "new.", true);
			gu_sb_printf(&w, ")");
			cond = gu_sb_take(&w);
			if (!cond) {
				free(gu_sb_take(&b));
				return NULL;
			}
			log_row(&b, t, "old.", 1, cond);
			free(cond);
		}
		log_row(&b, t, i == 2 ? "old." : "new.", i == 2, "true");
		gu_sb_printf(&b, " END;");
	}
	existing_rows(&b, t);
	return gu_sb_take(&b);
}

/* Logs the rows the views that travel as tables already have (their
 * triggers log the later changes); returns the SQLite result. */
static int log_views(sqlite3 *h)
{
	size_t v;
	int rc = SQLITE_OK;

	for (v = 0; rc == SQLITE_OK && v < sizeof logical_views / sizeof logical_views[0]; v++) {
		gu_strbuf b = { 0 };
		gu_xtable t;
		char *sql;
		int r = gu_xtable_read(h, logical_views[v].name, &t);

		if (r == 1)
			continue; /* an older layout: a table with its own triggers */
		if (r != 0)
			return r;
		if (!t.is_view)
			continue;
		existing_rows(&b, &t);
		sql = gu_sb_take(&b);
		if (!sql)
			return SQLITE_NOMEM;
		rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
		free(sql);
	}
	return rc;
}

/* Creates the missing triggers (joining: and logs the views' rows);
 * returns the SQLite result. */
int gu_xchg_capture_install(sqlite3 *h, bool joining)
{
	sqlite3_stmt *st = NULL;
	char **names = NULL;
	size_t n = 0, i;
	int rc;

	rc = sqlite3_prepare_v2(h,
		"SELECT name FROM sqlite_master m WHERE type = 'table'"
		" AND sql NOT LIKE 'CREATE VIRTUAL%'"
		" AND NOT EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'trigger'"
		"  AND t.name = 'xchg_i_' || m.name)"
		" ORDER BY rowid", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char **nv;

		if (!name || gu_xchg_table_local(name)) {
			rc = SQLITE_OK;
			continue;
		}
		nv = realloc(names, (n + 1) * sizeof *nv);
		if (!nv || !(nv[n] = strdup(name))) {
			names = nv ? nv : names;
			rc = SQLITE_NOMEM;
			break;
		}
		names = nv;
		n++;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		gu_xtable t;
		char *sql;
		int r = gu_xtable_read(h, names[i], &t);

		if (r == 1)
			continue; /* no declared key: cannot travel */
		if (r != 0) {
			rc = r;
			break;
		}
		sql = trigger_sql(&t);
		if (!sql) {
			rc = SQLITE_NOMEM;
			break;
		}
		rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
		free(sql);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == SQLITE_OK && joining)
		rc = log_views(h);
	return rc;
}

/* Returns 1 when a replicated table lacks its triggers, 0 when none does,
 * or < 0 with the SQLite result negated. */
static int missing_triggers(sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	int rc, found = 0;

	rc = sqlite3_prepare_v2(h,
		"SELECT m.name, EXISTS (SELECT 1 FROM xchg_self) FROM sqlite_master m"
		" WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
		" AND NOT EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'trigger'"
		"  AND t.name = 'xchg_i_' || m.name)", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		gu_xtable t;

		rc = SQLITE_OK;
		if (!sqlite3_column_int(st, 1))
			break; /* neither office nor laptop: no log */
		if (name && !gu_xchg_table_local(name) && gu_xtable_read(h, name, &t) == 0) {
			found = 1;
			break;
		}
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? found : -rc;
}

/* Gives the tables a later migration added their triggers when this
 * database is an office or a laptop; returns 0 or < 0. */
int gu_xchg_capture_refresh(gu_db *db, gu_error *err)
{
	int rc = missing_triggers(db->h);

	if (rc <= 0)
		return rc == 0 ? 0 : gu_db_fail(db, -rc, err);
	rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	/* not the views' rows: logged since the database joined, they would
	 * all be sent again (an office's received answers back to every
	 * laptop, over the worker's later edits) */
	if (rc == SQLITE_OK)
		rc = gu_xchg_capture_install(db->h, false);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int ret = gu_db_fail(db, rc, err);

		if (!sqlite3_get_autocommit(db->h))
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return ret;
	}
	return 0;
}

/* Logs every row of case_id again; returns the SQLite result. */
int gu_xchg_log_case(sqlite3 *h, const char *case_id)
{
	sqlite3_stmt *st = NULL;
	char **names = NULL;
	size_t n = 0, i;
	int rc;

	rc = sqlite3_exec(h, "UPDATE xchg_clock SET n = n + 1", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "SELECT substr(name, 8) FROM sqlite_master"
			" WHERE type = 'trigger' AND name LIKE 'xchg_i_%'"
			" UNION SELECT name FROM sqlite_master WHERE type = 'view'"
			" AND name IN ('answers', 'results')", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char **nv = realloc(names, (n + 1) * sizeof *nv);

		if (!nv || !name || !(nv[n] = strdup(name))) {
			names = nv ? nv : names;
			rc = SQLITE_NOMEM;
			break;
		}
		names = nv;
		n++;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		gu_strbuf b = { 0 };
		gu_xtable t;
		char *sql, *q;
		int r = gu_xtable_read(h, names[i], &t);

		if (r == 1 || (r == 0 && !t.has_case_id && strcmp(t.name, "cases") != 0)
		    || strcmp(names[i], "audit") == 0)
			continue;
		if (r != 0) {
			rc = r;
			break;
		}
		q = sqlite3_mprintf("INSERT INTO xchg_dirty (tbl, pk, case_id, ctr, deleted)"
			" SELECT %Q, json_array(", t.name);
		gu_sb_printf(&b, "%s", q ? q : "");
		b.failed |= !q;
		sqlite3_free(q);
		gu_xtable_cols(&b, &t, "", true);
		q = sqlite3_mprintf("), ?1, (SELECT n FROM xchg_clock), 0 FROM \"%w\" WHERE %s = ?1"
			" ON CONFLICT (tbl, pk) DO UPDATE SET ctr = excluded.ctr, deleted = 0", t.name,
			strcmp(t.name, "cases") == 0 ? "id" : "case_id");
		gu_sb_printf(&b, "%s", q ? q : "");
		b.failed |= !q;
		sqlite3_free(q);
		sql = gu_sb_take(&b);
		if (!sql) {
			rc = SQLITE_NOMEM;
			break;
		}
		rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
		free(sql);
		if (rc == SQLITE_OK && (rc = sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC))
				== SQLITE_OK) {
			rc = sqlite3_step(st);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
