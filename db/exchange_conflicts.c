/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Conflicts and possible duplicates at the office (docs/exchange.md): both
 * values of a field kept until a supervisor decides; two cases of one child
 * merged or marked different.  Every decision is audited. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "db/access.h"
#include "db/exchange_internal.h"

/* Whether conflict c is about an answer's value (or its whole row): the
 * conflict a supervisor decides; every other column of the answer follows
 * it. */
#define ANSWER_VALUE(c) "(" c ".tbl = 'answers' AND " c ".col IN ('value', '*'))"
/* Whether conflict c is about a row that only follows an answer: the
 * answer's other columns (when it was answered, by whom), its history, the
 * results and their basis, the case's count of answers, its counts of
 * items and its time of change (docs/exchange.md). */
#define DERIVED(c) \
	"(" c ".tbl IN ('answer_history', 'results', 'result_basis')" \
	" OR (" c ".tbl = 'answers' AND " c ".col NOT IN ('value', '*'))" \
	" OR (" c ".tbl = 'cases' AND " c ".col IN ('answered', 'updated_at', 'n_eligible'," \
	"  'n_verify')))"
/* The key of the one answer a following row of conflict c derives from,
 * where that can be told (an answer's other columns, a history row), else
 * NULL (the results, their basis and the case's counts follow every
 * answer of the case). */
#define FOLLOWS_KEY(c) \
	"CASE WHEN " c ".tbl = 'answers' AND " c ".col NOT IN ('value', '*')" \
	" THEN json_extract(" c ".pk, '$[1]')" \
	" WHEN " c ".tbl = 'answer_history' THEN coalesce(" \
	"  (SELECT h.key FROM answer_history h WHERE h.id = json_extract(" c ".pk, '$[0]'))," \
	"  CASE WHEN " c ".col = '*' THEN coalesce(json_extract(" c ".laptop_value, '$.key')," \
	"   json_extract(" c ".office_value, '$.key')) END) END"
/* Whether the answer conflict a following row c waits for is open: the
 * one of its key, else any of its case, sender and bundle. */
#define ANSWER_OPEN(c) \
	"EXISTS (SELECT 1 FROM xchg_conflicts q WHERE q.state = 'open'" \
	" AND " ANSWER_VALUE("q") \
	" AND q.case_id = " c ".case_id AND q.sender = " c ".sender AND q.seq = " c ".seq" \
	" AND (" FOLLOWS_KEY(c) " IS NULL OR " FOLLOWS_KEY(c) " = json_extract(q.pk, '$[1]')))"
/* An answer conflict's value as typed, from the stored JSON column v. */
#define ANSWER_TEXT(v) \
	"CASE WHEN c.tbl <> 'answers' THEN NULL WHEN c.col = 'value' THEN json_extract(" v ", '$')" \
	" WHEN c.col = '*' THEN json_extract(" v ", '$.value') END"

/* Fills one conflict from a row (a gu_row_fill_fn). */
static void fill_conflict(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_xchg_conflict *c = elem;
	const char *state = (const char *)sqlite3_column_text(st, 11);

	gu_column_copy(st, 0, c->id, sizeof c->id);
	gu_column_copy(st, 1, c->sender, sizeof c->sender);
	gu_column_copy(st, 2, c->worker, sizeof c->worker);
	c->seq = sqlite3_column_int64(st, 3);
	gu_column_copy(st, 4, c->tbl, sizeof c->tbl);
	gu_column_copy(st, 5, c->case_id, sizeof c->case_id);
	gu_column_copy(st, 6, c->col, sizeof c->col);
	c->pk = gu_column_dup(st, 7, oom);
	c->office_value = gu_column_dup(st, 8, oom);
	c->laptop_value = gu_column_dup(st, 9, oom);
	gu_column_copy(st, 10, c->why, sizeof c->why);
	c->resolved = state && strcmp(state, "resolved") == 0;
	gu_column_copy(st, 12, c->decision, sizeof c->decision);
	gu_column_copy(st, 13, c->decided_by, sizeof c->decided_by);
	c->at = sqlite3_column_int64(st, 14);
	gu_column_copy(st, 15, c->key, sizeof c->key);
	c->office_answer = gu_column_dup(st, 16, oom);
	c->laptop_answer = gu_column_dup(st, 17, oom);
	c->derived = sqlite3_column_int(st, 18) != 0;
	gu_column_copy(st, 19, c->follows, sizeof c->follows);
}

/* Frees a list of conflicts given as void * (a gu_rows_free_fn). */
static void free_conflicts(void *v, size_t n)
{
	gu_xchg_conflicts_free(v, n);
}

/* Lists the conflicts; returns 0 or < 0. */
int gu_xchg_conflict_list(gu_db *db, bool all, gu_xchg_conflict **out, size_t *n,
	gu_error *err)
{
	void *v = NULL;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_list_rows(db, GU_ST_XCHG_CONFLICTS,
		"SELECT c.id, c.sender, coalesce(d.worker, ''), c.seq, c.tbl, coalesce(c.case_id, ''),"
		" c.col, c.pk, c.office_value, c.laptop_value, c.why, c.state,"
		" coalesce(c.decision, ''), coalesce(c.decided_by, ''), c.at,"
		" CASE WHEN c.tbl = 'answers' THEN json_extract(c.pk, '$[1]') END,"
		" " ANSWER_TEXT("c.office_value") ", " ANSWER_TEXT("c.laptop_value") ","
		" " DERIVED("c") ", coalesce(" FOLLOWS_KEY("c") ", '')"
		" FROM xchg_conflicts c LEFT JOIN xchg_devices d ON d.id = c.sender"
		" WHERE ?1 OR (c.state = 'open' AND NOT (" DERIVED("c") " AND " ANSWER_OPEN("c") "))"
		" ORDER BY c.at, c.case_id, c.tbl, c.col", GU_VALUES(GU_INT(all)),
		sizeof **out, fill_conflict, free_conflicts, &v, n, err);
	*out = v;
	return ret;
}

/* Frees a conflict list. */
void gu_xchg_conflicts_free(gu_xchg_conflict *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].pk);
		free(v[i].office_value);
		free(v[i].laptop_value);
		free(v[i].office_answer);
		free(v[i].laptop_answer);
	}
	free(v);
}

/* Appends the key condition of t (?1 the key as a JSON array) to b. */
static void where_key(gu_strbuf *b, const gu_xtable *t)
{
	int i;

	gu_sb_printf(b, " WHERE ");
	for (i = 0; i < t->npk; i++) {
		char *q = sqlite3_mprintf("%s\"%w\" = json_extract(?1, '$[%d]')", i ? " AND " : "",
			t->cols[t->pk[i]], i);

		gu_sb_printf(b, "%s", q ? q : "");
		b->failed |= !q;
		sqlite3_free(q);
	}
}

/* Runs sql built in b with ?1 = pk and ?2 = value; returns the SQLite result. */
static int run_built(gu_db *db, gu_strbuf *b, const char *pk, const char *value)
{
	sqlite3_stmt *st = NULL;
	char *sql = gu_sb_take(b);
	int rc;

	if (!sql)
		return SQLITE_NOMEM;
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	free(sql);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, pk)) == SQLITE_OK
	    && (sqlite3_bind_parameter_count(st) < 2
		|| (rc = gu_bind_text(st, 2, value)) == SQLITE_OK)) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Writes the laptop's whole row (a JSON object, NULL: delete); returns the
 * SQLite result. */
static int write_object(gu_db *db, const gu_xtable *t, const char *pk, const char *obj)
{
	gu_strbuf b = { 0 };
	char *q;
	int i, n = 0, k;

	if (!obj) {
		q = sqlite3_mprintf("DELETE FROM \"%w\"", t->name);
		gu_sb_printf(&b, "%s", q ? q : "");
		b.failed |= !q;
		sqlite3_free(q);
		where_key(&b, t);
		return run_built(db, &b, pk, NULL);
	}
	/* a view takes no ON CONFLICT: its row is replaced whole */
	q = sqlite3_mprintf(t->is_view ? "INSERT OR REPLACE INTO \"%w\" (" : "INSERT INTO \"%w\" (",
		t->name);
	gu_sb_printf(&b, "%s", q ? q : "");
	b.failed |= !q;
	sqlite3_free(q);
	gu_xtable_cols(&b, t, "", false);
	gu_sb_printf(&b, ") SELECT ");
	for (i = 0; i < t->ncols; i++) {
		q = sqlite3_mprintf("%sjson_extract(?2, '$.\"%w\"')", i ? ", " : "", t->cols[i]);
		gu_sb_printf(&b, "%s", q ? q : "");
		b.failed |= !q;
		sqlite3_free(q);
	}
	gu_sb_printf(&b, t->is_view ? " WHERE ?1 IS NOT NULL" : " WHERE ?1 IS NOT NULL ON CONFLICT (");
	if (!t->is_view) {
		gu_xtable_cols(&b, t, "", true);
		gu_sb_printf(&b, ") DO ");
	}
	for (i = 0; i < t->ncols && !t->is_view; i++) {
		bool is_pk = false;

		for (k = 0; k < t->npk; k++)
			is_pk |= t->pk[k] == i;
		if (is_pk)
			continue;
		q = sqlite3_mprintf("%s\"%w\" = excluded.\"%w\"", n++ ? ", " : "UPDATE SET ",
			t->cols[i], t->cols[i]);
		gu_sb_printf(&b, "%s", q ? q : "");
		b.failed |= !q;
		sqlite3_free(q);
	}
	if (n == 0 && !t->is_view)
		gu_sb_printf(&b, "NOTHING");
	return run_built(db, &b, pk, obj);
}

/* Sets one field (value: JSON when json, else text); returns the SQLite result. */
static int write_field(gu_db *db, const gu_xtable *t, const char *pk, const char *col,
	const char *value, bool json)
{
	gu_strbuf b = { 0 };
	char *q = sqlite3_mprintf(json ? "UPDATE \"%w\" SET \"%w\" = json_extract(?2, '$')"
		: "UPDATE \"%w\" SET \"%w\" = ?2", t->name, col);

	gu_sb_printf(&b, "%s", q ? q : "");
	b.failed |= !q;
	sqlite3_free(q);
	where_key(&b, t);
	return run_built(db, &b, pk, value);
}

/* Logs the office's row again so that it travels to the laptops; returns
 * the SQLite result. */
static int log_again(gu_db *db, const gu_xchg_conflict *c, bool gone)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(db->h, "UPDATE xchg_clock SET n = n + 1", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->h,
			"INSERT INTO xchg_dirty (tbl, pk, case_id, ctr, deleted)"
			" VALUES (?1, ?2, ?3, (SELECT n FROM xchg_clock), ?4)"
			" ON CONFLICT (tbl, pk) DO UPDATE SET ctr = excluded.ctr,"
			" deleted = excluded.deleted", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, c->tbl)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 2, c->pk)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 3, c->case_id[0] ? c->case_id : NULL)) == SQLITE_OK
	    && (rc = sqlite3_bind_int(st, 4, gone)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Finds the open conflict id (or a prefix of it) in the list; returns it or NULL. */
static gu_xchg_conflict *find(gu_xchg_conflict *v, size_t n, const char *id, int *count)
{
	gu_xchg_conflict *found = NULL;
	size_t i, len = strlen(id);

	*count = 0;
	for (i = 0; len >= 4 && i < n; i++)
		if (!v[i].resolved && strncmp(v[i].id, id, len) == 0) {
			found = &v[i];
			(*count)++;
		}
	return found;
}

static const char *const keep_words[] = { "keep-office", "keep-laptop", "value" };

/* Writes the decision on c (value: the typed one) and marks it decided,
 * audited, naming the answer conflict it followed (NULL: none), in the
 * open transaction; returns 0 or < 0. */
static int decide_one(gu_db *db, const gu_xchg_conflict *c, enum gu_xkeep keep,
	const char *value, const char *following, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	char detail[400];
	gu_xtable t;
	int rc;

	rc = gu_xtable_read(db->h, c->tbl, &t);
	if (rc == 1)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("table %s is gone"), c->tbl);
	if (rc == SQLITE_OK) {
		if (keep == GU_XKEEP_OFFICE)
			rc = log_again(db, c, !c->office_value);
		else if (strcmp(c->col, "*") == 0)
			rc = write_object(db, &t, c->pk, c->laptop_value);
		else if (keep == GU_XKEEP_LAPTOP)
			rc = write_field(db, &t, c->pk, c->col, c->laptop_value, true);
		else
			rc = write_field(db, &t, c->pk, c->col, value ? value : "", false);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->h, "UPDATE xchg_conflicts SET state = 'resolved',"
			" decision = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, c->id)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 2, keep_words[keep])) == SQLITE_OK
	    && (rc = gu_bind_text(st, 3, gu_db_user(db))) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 4, now)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	if (following)
		snprintf(detail, sizeof detail, "conflict %s %s.%s %s following %s", c->id, c->tbl,
			c->col, keep_words[keep], following);
	else
		snprintf(detail, sizeof detail, "conflict %s %s.%s %s", c->id, c->tbl, c->col,
			keep_words[keep]);
	return gu_audit_add_in_tx(db, "exchange.conflict", c->case_id[0] ? c->case_id : NULL,
		detail, now, err);
}

/* Returns true when conflict c is about an answer's value or whole row. */
static bool is_answer(const gu_xchg_conflict *c)
{
	return strcmp(c->tbl, "answers") == 0
		&& (strcmp(c->col, "value") == 0 || strcmp(c->col, "*") == 0);
}

/* Returns true when d is open and in answer conflict c's case, sender and
 * bundle. */
static bool same_bundle(const gu_xchg_conflict *c, const gu_xchg_conflict *d)
{
	return d != c && !d->resolved && d->seq == c->seq && strcmp(d->sender, c->sender) == 0
		&& strcmp(d->case_id, c->case_id) == 0;
}

/* Decides, after answer conflict c (v[0..n) every conflict), the rows
 * that follow it: at once those that derive from its answer alone (its
 * other columns, its history); those that follow every answer of the case
 * (the results, their basis, the case's counts) when no other answer
 * conflict of the case and bundle is open, so they follow the answer
 * decided last.  Each follows the laptop when the laptop's answer was
 * kept, else the office; returns 0 or < 0. */
static int decide_following(gu_db *db, const gu_xchg_conflict *c, gu_xchg_conflict *v,
	size_t n, enum gu_xkeep keep, gu_time_ms now, gu_error *err)
{
	enum gu_xkeep follow = keep == GU_XKEEP_LAPTOP ? GU_XKEEP_LAPTOP : GU_XKEEP_OFFICE;
	bool last = true;
	size_t i;
	int ret = 0;

	if (!is_answer(c))
		return 0;
	for (i = 0; i < n; i++)
		if (same_bundle(c, &v[i]) && is_answer(&v[i]))
			last = false;
	for (i = 0; i < n && ret == 0; i++) {
		gu_xchg_conflict *d = &v[i];

		if (!same_bundle(c, d) || !d->derived)
			continue;
		if (d->follows[0] ? strcmp(d->follows, c->key) != 0 : !last)
			continue;
		ret = decide_one(db, d, follow, NULL, c->id, now, err);
		if (ret == 0)
			d->resolved = true;
	}
	return ret;
}

/* Decides one conflict; returns 0 or < 0. */
int gu_xchg_conflict_resolve(gu_db *db, const gu_policy *pol, const char *id,
	enum gu_xkeep keep, const char *value, gu_error *err)
{
	gu_xchg_conflict *v = NULL, *c;
	gu_time_ms now = gu_time_now();
	gu_error why;
	size_t n = 0;
	int ret, count;
	GU_ERR_LOCAL(err);

	ret = gu_xchg_conflict_list(db, true, &v, &n, err);
	if (ret < 0)
		return ret;
	c = find(v, n, id, &count);
	if (!c) {
		ret = gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("no open conflict %s: \"%s conflicts\" lists them"), id, PACKAGE);
		goto cleanup;
	}
	if (count > 1) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%s names %d conflicts: give more digits"), id, count);
		goto cleanup;
	}
	if (keep == GU_XKEEP_VALUE && strcmp(c->col, "*") == 0) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("conflict %.8s is about a whole row: keep the office's or the laptop's"),
			c->id);
		goto cleanup;
	}
	if (keep == GU_XKEEP_VALUE && pol && c->key[0] && strcmp(c->col, "value") == 0
	    && gu_policy_check_value(pol, c->key, value ? value : "", &why) < 0) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%s; nothing was changed"), why.message);
		goto cleanup;
	}
	ret = gu_db_begin(db, err);
	if (ret < 0)
		goto cleanup;
	ret = decide_one(db, c, keep, value, NULL, now, err);
	if (ret == 0) {
		c->resolved = true;
		ret = decide_following(db, c, v, n, keep, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		goto cleanup;
	}
	ret = gu_db_commit(db, err);
cleanup:
	gu_xchg_conflicts_free(v, n);
	return ret;
}

/* When case c was interviewed and made, as a row value that orders cases
 * from the first interviewed: the interview date (or, without one yet, the
 * day the case was started, as the dashboard dates it), then when it was
 * made, then the order it was stored in. */
#define FIRST_SEEN(c) \
	"(SELECT coalesce((SELECT value FROM answers WHERE case_id = x.id" \
	"   AND key = '" GU_KEY_INTERVIEW_DATE "')," \
	"  date(x.created_at / 1000, 'unixepoch', 'localtime')), x.created_at, x.rowid" \
	" FROM cases x WHERE x.id = " c ")"
/* The pair's two cases, the older one (interviewed first) first: the one a
 * merge keeps. */
#define OLDER_FIRST \
	"CASE WHEN " FIRST_SEEN("case_b") " < " FIRST_SEEN("case_a") \
	" THEN case_b ELSE case_a END," \
	" CASE WHEN " FIRST_SEEN("case_b") " < " FIRST_SEEN("case_a") \
	" THEN case_a ELSE case_b END"

/* Fills one pair of possible duplicates from a row (a gu_row_fill_fn). */
static void fill_duplicate(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_xchg_duplicate *d = elem;

	(void)oom;
	gu_column_copy(st, 0, d->case_a, sizeof d->case_a);
	gu_column_copy(st, 1, d->case_b, sizeof d->case_b);
	gu_column_copy(st, 2, d->why, sizeof d->why);
	gu_column_copy(st, 3, d->state, sizeof d->state);
	d->at = sqlite3_column_int64(st, 4);
}

/* Lists the possible duplicates, each pair's older case first; returns 0
 * or < 0. */
int gu_xchg_duplicate_list(gu_db *db, bool all, gu_xchg_duplicate **out, size_t *n,
	gu_error *err)
{
	void *v = NULL;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_list_rows(db, GU_ST_XCHG_DUPLICATES, "SELECT " OLDER_FIRST ", why, state, at"
		" FROM xchg_duplicates WHERE ?1 OR state = 'open' ORDER BY at, case_a",
		GU_VALUES(GU_INT(all)), sizeof **out, fill_duplicate, gu_rows_free_flat, &v, n, err);
	*out = v;
	return ret;
}

/* Marks the open pair (a, b) as decided: state "merged" or "different";
 * returns 0 or < 0 (-GU_ENOTFOUND when no such open pair). */
static int decide_pair(gu_db *db, const char *a, const char *b, const char *state,
	gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db->h, "UPDATE xchg_duplicates SET state = ?3, decided_by = ?4,"
		" decided_at = ?5 WHERE state = 'open' AND ((case_a = ?1 AND case_b = ?2)"
		" OR (case_a = ?2 AND case_b = ?1))", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, a)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 2, b)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 3, state)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 4, gu_db_user(db))) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 5, now)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	if (sqlite3_changes(db->h) == 0)
		return gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("cases %.8s and %.8s are not an open possible duplicate: \"%s duplicates\" "
			  "lists them"), a, b, PACKAGE);
	return 0;
}

/* Marks two cases as different children; returns 0 or < 0. */
int gu_xchg_duplicate_different(gu_db *db, const char *a, const char *b, gu_error *err)
{
	gu_time_ms now = gu_time_now();
	char detail[100];
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_access_require_supervisor(db, true, err);
	if (ret == 0)
		ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = decide_pair(db, a, b, "different", now, err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "different from %s", b);
		ret = gu_audit_add_in_tx(db, "case.not_duplicate", a, detail, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Merges other into keep; returns 0 or < 0. */
int gu_xchg_duplicate_merge(gu_db *db, const char *keep, const char *other, gu_error *err)
{
	gu_time_ms now = gu_time_now();
	sqlite3_stmt *st = NULL;
	char detail[200];
	long long copied = 0;
	int ret, rc;
	GU_ERR_LOCAL(err);

	ret = gu_access_require_supervisor(db, true, err);
	if (ret == 0)
		ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = decide_pair(db, keep, other, "merged", now, err);
	if (ret < 0)
		goto fail;
	/* counted first: a write through the answers view counts no changes */
	rc = sqlite3_prepare_v2(db->h,
		"SELECT count(*) FROM answers WHERE case_id = ?2"
		" AND key NOT IN (SELECT key FROM answers WHERE case_id = ?1)", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, keep)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 2, other)) == SQLITE_OK
	    && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		copied = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->h,
			"INSERT INTO answers (case_id, key, value, seq, answered_at, answered_by,"
			" updated_at, device) SELECT ?1, key, value, seq, answered_at, answered_by, ?3, ?4"
			" FROM answers WHERE case_id = ?2"
			" AND key NOT IN (SELECT key FROM answers WHERE case_id = ?1)", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, keep)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 2, other)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 3, now)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 4, db->device)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		goto fail;
	}
	snprintf(detail, sizeof detail, "merged into %s", keep);
	ret = gu_case_set_status_in_tx(db, other, GU_CASE_CLOSED, detail, now, err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "merged %s: %lld answers copied", other, copied);
		ret = gu_audit_add_in_tx(db, "case.merge", keep, detail, now, err);
	}
	if (ret < 0)
		goto fail;
	return gu_db_commit(db, err);
fail:
	gu_db_rollback(db);
	return ret;
}
