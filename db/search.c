/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The one case-list query: the typed query (name characters, pinyin,
 * initials, ID digits), the filters, the sort orders and keyset pages, over
 * the cases the session may see.  Each shape of the query (kind of typed
 * text, fresh keys or not, sort, part) has its statement slot. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/township.h"
#include "db/access.h"
#include "db/bench.h"
#include "db/id_rule.h"
#include "db/internal.h"
#include "db/search.h"

enum kind { Q_NONE = 0, Q_ID, Q_TEXT, Q_LETTERS, Q_FEW_DIGITS, Q_KIND_COUNT };
/* Which rows a statement reads: all in the sort's order, the returned
 * cases or the others (the default order reads them one after the other),
 * or only their number. */
enum part { P_ALL = 0, P_RETURNED, P_OTHERS, P_COUNT, P_PART_COUNT };

_Static_assert(Q_KIND_COUNT * 2 * GU_SORT_COUNT * P_PART_COUNT * 2 == GU_CASE_LIST_SHAPES,
	"one statement slot per shape of the list query");

/* The query, prepared for SQL. */
struct query {
	enum kind kind;
	char text[130];      /* as typed, blanks at the ends removed */
	char like[400];      /* %text% with LIKE wildcards escaped */
	char q[130];         /* letters: lower case, no blanks; ID: reversed */
	char q2[132];        /* ID: upper bound of the reversed range */
	char qu[130];        /* letters with v read as u; "" when no v */
};

/* Makes an ID number query match no case (an empty key range, a LIKE no
 * number ends with). */
static void hide_id_query(struct query *q)
{
	snprintf(q->q, sizeof q->q, "~");
	snprintf(q->q2, sizeof q->q2, "~");
	snprintf(q->like, sizeof q->like, "%%~%%");
}

/* Parses a sort name; returns 0 or -GU_EINVAL. */
int gu_case_sort_parse(const char *name, enum gu_case_sort *out, gu_error *err)
{
	static const char *const names[GU_SORT_COUNT] = {
		"default", "updated", "name", "township", "due"
	};
	int i;

	for (i = 0; name && i < GU_SORT_COUNT; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum gu_case_sort)i;
			return 0;
		}
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("\"%s\" is not a sort order (default, updated, name, township or due)"),
		name ? name : "");
}

/* Copies text into out as a LIKE pattern %text% escaped with '\'; returns false when too long. */
static bool make_like(const char *text, size_t len, char *out, size_t size)
{
	size_t o = 0, i;

	out[o++] = '%';
	for (i = 0; i < len; i++) {
		if (o + 3 >= size)
			return false;
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			out[o++] = '\\';
		out[o++] = text[i];
	}
	out[o++] = '%';
	out[o] = '\0';
	return true;
}

/* Classifies and prepares the typed query; returns 0 or -GU_EINVAL. */
static int prepare_query(const char *text, struct query *q, gu_error *err)
{
	size_t len, i, n = 0;
	bool ascii = true, digits = true;

	memset(q, 0, sizeof *q);
	if (!text)
		return 0;
	while (*text == ' ' || *text == '\t')
		text++;
	len = strlen(text);
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len == 0)
		return 0;
	if (len >= 120 || !make_like(text, len, q->like, sizeof q->like))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the search text is too long; type part of a name or ID number"));
	memcpy(q->text, text, len);
	q->text[len] = '\0';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c >= 0x80)
			ascii = false;
		if (!(c >= '0' && c <= '9') && !((c == 'x' || c == 'X') && i == len - 1 && i > 0))
			digits = false;
	}
	if (digits) {
		char plain[130];

		memcpy(plain, text, len);
		plain[len] = '\0';
		/* One or two last digits match many cases (a tenth, a
		 * hundredth): read those in list order, the first screenful
		 * comes soon.  Three or more match few (a thousandth), often
		 * none: read only those, by the key's index, and sort them;
		 * in list order the whole list would be read to find none. */
		q->kind = len < 3 ? Q_FEW_DIGITS : Q_ID;
		gu_id_reverse(plain, q->q, sizeof q->q);
		snprintf(q->q2, sizeof q->q2, "%s~", q->q);
		if (!gu_id_query_visible(len)) /* it would match hidden digits: nothing */
			hide_id_query(q);
		return 0;
	}
	if (!ascii) {
		q->kind = Q_TEXT;
		return 0;
	}
	q->kind = Q_LETTERS;
	for (i = 0; i < len; i++) {
		char c = text[i];

		if (c == ' ' || c == '\t' || c == '\'')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		q->q[n++] = c;
	}
	q->q[n] = '\0';
	if (strchr(q->q, 'v')) {
		for (i = 0; i <= n; i++)
			q->qu[i] = q->q[i] == 'v' ? 'u' : q->q[i];
	}
	return 0;
}

/* Appends text to the SQL being built (a too long SQL cannot happen with
 * the fixed pieces below). */
static void add(char *sql, size_t size, const char *text)
{
	size_t len = strlen(sql);

	snprintf(sql + len, size - len, "%s", text);
}

/* The place of a case in the name order. */
#define NAME_KEY "coalesce(nullif(k.pinyin, ''), c.child_name)"

/* A case's worker is the one the office assigned it to (the exchange's
 * assignments), else the one who made it; the interviewer is an answer. */
#define OWN_COLUMNS(groups, next_due) \
	"c.id, c.status, c.child_name, c.child_id_number, c.township," \
	" " GU_SQL_CASE_WORKER("c") "," \
	" c.n_eligible, c.n_verify, c.updated_at, c.created_at, " groups " AS groups, " \
	next_due " AS next_due, c.answered, c.progress_done, c.progress_total"
#define GROUPS \
	"(SELECT coalesce(group_concat(g.grp, ','), '') FROM case_groups g" \
	"  WHERE g.case_id = c.id)"
#define NEXT_DUE \
	"(SELECT coalesce(min(r.next_due), '') FROM referrals r WHERE r.case_id = c.id" \
	"  AND r.status IN ('referred', 'in_progress') AND coalesce(r.next_due, '') <> '')"
#define ROW_COLUMNS OWN_COLUMNS(GROUPS, NEXT_DUE)
/* A bare list's columns: the groups and the next follow-up are looked up
 * by case (random over the file) and left out. */
#define BARE_COLUMNS OWN_COLUMNS("''", "''")

/* The filters, each left out by its empty value. */
#define FILTERS \
	" AND (:township IS NULL OR c.township = :township)" \
	" AND (:worker IS NULL OR " GU_SQL_CASE_WORKER("c") " = :worker)" \
	" AND (:mask = 0 OR (:mask >> " GU_SQL_STATUS_BIT("c.status") ") & 1)" \
	" AND (:grp IS NULL OR c.id IN (SELECT case_id FROM case_groups WHERE grp = :grp))" \
	" AND (:item = 0 OR c.id IN (SELECT case_id FROM results WHERE item = :item))" \
	" AND (:due IS NULL OR c.id IN (SELECT case_id FROM referrals" \
	"  WHERE status IN ('referred', 'in_progress') AND next_due <= :due" \
	"  AND coalesce(next_due, '') <> ''))"

/* Each sort's rows after the last one shown (:a_...), and its order; the
 * first page starts after a place before every case. */
#define AFTER_LATEST " AND (c.updated_at, c.id) < (:a_upd, :a_id)"
#define BY_LATEST " ORDER BY c.updated_at DESC, c.id DESC"

/* Returns true when the statement reads the keys in the list order, so
 * that the first screenful of matches ends the reading. */
static bool reads_in_order(enum kind kind, bool fresh, enum gu_case_sort sort, enum part part)
{
	return fresh && kind != Q_NONE && kind != Q_ID && sort == GU_SORT_DEFAULT
		&& part == P_ALL;
}

/* Writes the SQL for a query shape into sql. */
static void build_sql(char *sql, size_t size, enum kind kind, bool fresh,
	enum gu_case_sort sort, enum part part, bool bare)
{
	/* the follow-up order needs its date */
	const char *cols = !bare ? ROW_COLUMNS : sort == GU_SORT_DUE
		? OWN_COLUMNS("''", NEXT_DUE) : BARE_COLUMNS;

	bool keys = kind != Q_NONE || sort == GU_SORT_NAME;
	bool in_order = reads_in_order(kind, fresh, sort, part);

	sql[0] = '\0';
	if (part == P_COUNT)
		add(sql, size, "SELECT count(*) FROM ");
	else {
		add(sql, size, "SELECT ");
		add(sql, size, cols);
		add(sql, size, sort == GU_SORT_NAME ? ", " NAME_KEY " FROM " : ", '' FROM ");
	}
	if (in_order)
		add(sql, size, "case_keys k INDEXED BY case_keys_in_list_order"
			" CROSS JOIN cases c ON c.id = k.case_id WHERE 1");
	else if (kind != Q_NONE && fresh)
		add(sql, size, "case_keys k CROSS JOIN cases c ON c.id = k.case_id WHERE 1");
	else if (keys)
		add(sql, size, "cases c LEFT JOIN case_keys k ON k.case_id = c.id WHERE 1");
	else
		add(sql, size, "cases c WHERE 1");
	switch (kind) {
	case Q_ID:
		add(sql, size, fresh ? " AND k.id_reversed >= :q AND k.id_reversed < :q2"
			: " AND c.child_id_number LIKE :idlike");
		break;
	case Q_FEW_DIGITS:
		add(sql, size, fresh ? " AND substr(k.id_reversed, 1, :n) = :q"
			: " AND c.child_id_number LIKE :idlike");
		break;
	case Q_TEXT:
		add(sql, size, fresh ? " AND instr(k.name, :text) > 0"
			: " AND c.child_name LIKE :like ESCAPE '\\'");
		break;
	case Q_LETTERS:
		/* The pinyin key also holds the Latin letters of a name. */
		add(sql, size, fresh ? " AND (0" : " AND (c.child_name LIKE :like ESCAPE '\\'");
		add(sql, size, " OR instr(k.pinyin, :q) > 0 OR substr(k.initials, 1, :n) = :q"
			" OR (:qu <> '' AND (instr(k.pinyin, :qu) > 0"
			" OR substr(k.initials, 1, :n) = :qu)))");
		break;
	default:
		break;
	}
	add(sql, size, FILTERS);
	if (part == P_COUNT)
		return;
	if (part == P_RETURNED)
		add(sql, size, " AND c.status = 'returned'" AFTER_LATEST BY_LATEST);
	else if (part == P_OTHERS)
		add(sql, size, " AND c.status <> 'returned'" AFTER_LATEST BY_LATEST);
	else if (in_order)
		add(sql, size, " AND (k.returned, k.case_updated, k.case_id) < (:a_ret, :a_upd, :a_id)"
			" ORDER BY k.returned DESC, k.case_updated DESC, k.case_id DESC");
	else if (sort == GU_SORT_NAME)
		add(sql, size, " AND (" NAME_KEY ", c.child_name, c.id) > (:a_key, :a_name, :a_id)"
			" ORDER BY " NAME_KEY ", c.child_name, c.id");
	else if (sort == GU_SORT_TOWNSHIP)
		add(sql, size, " AND (c.township > :a_key OR (c.township = :a_key"
			AFTER_LATEST ")) ORDER BY c.township, c.updated_at DESC, c.id DESC");
	else if (sort == GU_SORT_DUE)
		add(sql, size, " AND ((next_due = '') > :a_none OR ((next_due = '') = :a_none"
			" AND (next_due > :a_key OR (next_due = :a_key" AFTER_LATEST "))))"
			" ORDER BY next_due = '', next_due, c.updated_at DESC, c.id DESC");
	else
		add(sql, size, AFTER_LATEST BY_LATEST);
	add(sql, size, " LIMIT :limit OFFSET :offset");
}

/* Returns the statement for a shape, from its slot, or NULL with err set. */
static sqlite3_stmt *shape_stmt(gu_db *db, enum kind kind, bool fresh,
	enum gu_case_sort sort, enum part part, bool bare, gu_error *err)
{
	int shape = ((((int)kind * 2 + fresh) * GU_SORT_COUNT + (int)sort) * P_PART_COUNT
		+ (int)part) * 2 + bare;
	sqlite3_stmt *st = db->st[GU_ST_CASE_LIST + shape];
	char sql[3072];

	if (st)
		return gu_db_stmt(db, (enum gu_st)(GU_ST_CASE_LIST + shape), NULL, err);
	build_sql(sql, sizeof sql, kind, fresh, sort, part, bare);
	return gu_db_stmt(db, (enum gu_st)(GU_ST_CASE_LIST + shape), sql, err);
}

/* Binds text to a named parameter when the statement has it; returns the SQLite result. */
static int bind_name(sqlite3_stmt *st, const char *name, const char *text)
{
	int i = sqlite3_bind_parameter_index(st, name);

	return i ? gu_bind_text(st, i, text) : SQLITE_OK;
}

/* Binds an integer to a named parameter when present; returns the SQLite result. */
static int bind_int(sqlite3_stmt *st, const char *name, sqlite3_int64 v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	return i ? sqlite3_bind_int64(st, i, v) : SQLITE_OK;
}

/* Returns text, or NULL when it is NULL or "". */
static const char *given(const char *text)
{
	return text && *text ? text : NULL;
}

/* Returns the township the filter names, as the case rows hold it (a
 * township written with its county counted under its listed name,
 * core/township.h), or NULL when it names none. */
static const char *township_of(const gu_case_filter *f, char *buf, size_t size)
{
	return gu_township_counted_as(given(f->township), buf, size);
}

/* Writes the ID number pattern of a query (digits at the end) into idlike. */
static void make_idlike(const struct query *q, char *idlike, size_t size)
{
	snprintf(idlike, size, "%%%s", q->like[0] ? q->like + 1 : "");
	if (q->kind == Q_ID || q->kind == Q_FEW_DIGITS) {
		/* like is %digits%: the ID must end with the digits. */
		idlike[strlen(idlike) - 1] = '\0';
	}
}

/* Binds the query, the filters and the place to start after (NULL: the
 * first case); returns the SQLite result. */
static int bind_all(sqlite3_stmt *st, const struct query *q, const gu_case_filter *f,
	const char *worker, const gu_case_row *after)
{
	char idlike[132], counted[160];
	int rc;

	make_idlike(q, idlike, sizeof idlike);
	if ((rc = bind_name(st, ":q", q->q)) != SQLITE_OK
	    || (rc = bind_name(st, ":q2", q->q2)) != SQLITE_OK
	    || (rc = bind_name(st, ":qu", q->qu)) != SQLITE_OK
	    || (rc = bind_int(st, ":n", (sqlite3_int64)strlen(q->q))) != SQLITE_OK
	    || (rc = bind_name(st, ":like", q->like)) != SQLITE_OK
	    || (rc = bind_name(st, ":text", q->text)) != SQLITE_OK
	    || (rc = bind_name(st, ":idlike", idlike)) != SQLITE_OK
	    || (rc = bind_name(st, ":township", township_of(f, counted, sizeof counted))) != SQLITE_OK
	    || (rc = bind_name(st, ":worker", given(worker))) != SQLITE_OK
	    || (rc = bind_int(st, ":mask", f->status_mask)) != SQLITE_OK
	    || (rc = bind_name(st, ":grp", given(f->group))) != SQLITE_OK
	    || (rc = bind_int(st, ":item", f->item)) != SQLITE_OK
	    || (rc = bind_name(st, ":due", given(f->due_by))) != SQLITE_OK)
		return rc;
	if (!after) {
		/* A place before every case in each order. */
		if ((rc = bind_int(st, ":a_ret", 2)) != SQLITE_OK
		    || (rc = bind_int(st, ":a_upd", INT64_MAX)) != SQLITE_OK
		    || (rc = bind_name(st, ":a_id", "")) != SQLITE_OK
		    || (rc = bind_name(st, ":a_key", "")) != SQLITE_OK
		    || (rc = bind_name(st, ":a_name", "")) != SQLITE_OK)
			return rc;
		return bind_int(st, ":a_none", -1);
	}
	if ((rc = bind_int(st, ":a_ret", after->status == GU_CASE_RETURNED)) != SQLITE_OK
	    || (rc = bind_int(st, ":a_upd", after->updated)) != SQLITE_OK
	    || (rc = bind_name(st, ":a_id", after->id)) != SQLITE_OK
	    || (rc = bind_name(st, ":a_key", after->sort_key)) != SQLITE_OK
	    || (rc = bind_name(st, ":a_name", after->child_name)) != SQLITE_OK)
		return rc;
	return bind_int(st, ":a_none", after->sort_key[0] == '\0');
}

/* Fills a row from the statement; its sort key is the sort's. */
static void read_row(sqlite3_stmt *st, enum gu_case_sort sort, gu_case_row *r)
{
	char status[16];

	memset(r, 0, sizeof *r);
	gu_column_copy(st, 0, r->id, sizeof r->id);
	gu_column_copy(st, 1, status, sizeof status);
	if (gu_case_status_parse(status, &r->status, NULL) < 0)
		r->status = GU_CASE_DRAFT;
	gu_column_copy(st, 2, r->child_name, sizeof r->child_name);
	gu_column_copy(st, 3, r->child_id_number, sizeof r->child_id_number);
	gu_column_copy(st, 4, r->township, sizeof r->township);
	gu_column_copy(st, 5, r->worker, sizeof r->worker);
	r->n_eligible = sqlite3_column_int(st, 6);
	r->n_verify = sqlite3_column_int(st, 7);
	r->updated = sqlite3_column_int64(st, 8);
	r->created = sqlite3_column_int64(st, 9);
	gu_column_copy(st, 10, r->groups, sizeof r->groups);
	gu_column_copy(st, 11, r->next_due, sizeof r->next_due);
	r->answered = sqlite3_column_int(st, 12);
	r->progress_done = sqlite3_column_int(st, 13);
	r->progress_total = sqlite3_column_int(st, 14);
	if (sort == GU_SORT_TOWNSHIP)
		snprintf(r->sort_key, sizeof r->sort_key, "%s", r->township);
	else if (sort == GU_SORT_DUE)
		snprintf(r->sort_key, sizeof r->sort_key, "%s", r->next_due);
	else
		gu_column_copy(st, 15, r->sort_key, sizeof r->sort_key);
}

/* A growing list of rows. */
struct rows {
	gu_case_row *v;
	size_t n, cap;
};

/* What one run of the list query needs. */
struct run {
	gu_db *db;
	const struct query *q;
	const gu_case_filter *f;
	const char *worker;
	bool fresh;
};

/* Runs one statement shape from after and appends its rows; returns 0 or < 0. */
static int run_shape(const struct run *r, enum part part, const gu_case_row *after,
	sqlite3_int64 limit, sqlite3_int64 offset, struct rows *out, gu_error *err)
{
	sqlite3_stmt *st = shape_stmt(r->db, r->q->kind, r->fresh, r->f->sort, part, r->f->bare,
		err);
	int rc;

	if (!st)
		return -(int)err->code;
	if ((rc = bind_all(st, r->q, r->f, r->worker, after)) != SQLITE_OK
	    || (rc = bind_int(st, ":limit", limit)) != SQLITE_OK
	    || (rc = bind_int(st, ":offset", offset)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == out->cap) {
			size_t ncap = out->cap ? 2 * out->cap : 64;
			gu_case_row *nv = realloc(out->v, ncap * sizeof *nv);

			if (!nv) {
				sqlite3_reset(st);
				return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
			}
			out->v = nv;
			out->cap = ncap;
		}
		read_row(st, r->f->sort, &out->v[out->n++]);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(r->db, rc, err);
}

/* Checks a filter's values; returns 0 or -GU_EINVAL. */
static int check_filter(const gu_case_filter *f, gu_error *err)
{
	if (f->group && *f->group && strcmp(f->group, "floating") != 0
	    && strcmp(f->group, "left_behind") != 0 && strcmp(f->group, "difficult") != 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a group (floating, left_behind or difficult)"), f->group);
	if (f->item < 0 || f->item > 999)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%d is not an item number"), f->item);
	if ((unsigned)f->sort >= GU_SORT_COUNT)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("not a sort order"));
	return 0;
}

/* Prepares a run of f: checks it, classifies the query, limits a worker
 * to their own cases and sees whether every name has its keys; returns 0
 * or < 0. */
static int start_run(gu_db *db, const gu_case_filter *f, struct query *q, struct run *r,
	gu_error *err)
{
	int ret = check_filter(f, err);

	if (ret == 0)
		ret = prepare_query(f->query, q, err);
	if (ret == 0)
		ret = gu_access_list_worker(db, given(f->worker), &r->worker, err);
	if (ret < 0)
		return ret;
	r->db = db;
	r->q = q;
	r->f = f;
	r->fresh = true;
	if (q->kind != Q_NONE || f->sort == GU_SORT_NAME) {
		gu_error ignored;

		/* Names written without keys (plain SQL, an upgrade not yet
		 * through gu_search_refresh) are searched by the slower plain way;
		 * the list never computes keys itself. */
		r->fresh = gu_search_queue_waiting(db, &ignored) == 0;
	}
	return 0;
}

/* Lists the default order: the returned cases up to the end of the page,
 * then the others, each part read in index order from where the page
 * starts; returns 0 or < 0. */
static int run_default(const struct run *r, struct rows *rows, gu_error *err)
{
	const gu_case_filter *f = r->f;
	const gu_case_row *after = f->after;
	size_t skip = 0;
	int ret = 0;

	if (!after || after->status == GU_CASE_RETURNED) {
		ret = run_shape(r, P_RETURNED, after,
			f->limit ? (sqlite3_int64)(f->offset + f->limit) : -1, 0, rows, err);
		if (ret < 0 || (f->limit && rows->n == f->offset + f->limit)) {
			skip = f->offset;
			goto done;
		}
		after = NULL;
	}
	skip = f->offset < rows->n ? f->offset : rows->n;
	ret = run_shape(r, P_OTHERS, after,
		f->limit ? (sqlite3_int64)(f->limit + skip - rows->n) : -1,
		(sqlite3_int64)(f->offset - skip), rows, err);
done:
	if (ret == 0 && skip > 0) {
		memmove(rows->v, rows->v + skip, (rows->n - skip) * sizeof *rows->v);
		rows->n -= skip;
	}
	return ret;
}

/* Lists matching cases; returns 0 or < 0. */
int gu_case_list(gu_db *db, const gu_case_filter *fin, gu_case_row **out, size_t *n,
	gu_error *err)
{
	static const gu_case_filter all = { 0 };
	const gu_case_filter *f = fin ? fin : &all;
	struct rows rows = { NULL, 0, 0 };
	struct query q;
	struct run r;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = start_run(db, f, &q, &r, err);
	if (ret < 0)
		return ret;
	if (f->sort == GU_SORT_DEFAULT && !reads_in_order(q.kind, r.fresh, f->sort, P_ALL))
		ret = run_default(&r, &rows, err);
	else
		ret = run_shape(&r, P_ALL, f->after, f->limit ? (sqlite3_int64)f->limit : -1,
			(sqlite3_int64)f->offset, &rows, err);
	if (ret < 0) {
		free(rows.v);
		return ret;
	}
	*out = rows.v;
	*n = rows.n;
	return 0;
}

/* Counts the cases a filter selects; returns the count or < 0. */
long gu_case_count(gu_db *db, const gu_case_filter *fin, gu_error *err)
{
	static const gu_case_filter all = { 0 };
	const gu_case_filter *f = fin ? fin : &all;
	struct query q;
	const char *worker = NULL;
	char counted[160];
	sqlite3_stmt *st;
	long count = 0;
	int rc, ret;
	GU_ERR_LOCAL(err);

	ret = check_filter(f, err);
	if (ret == 0)
		ret = prepare_query(f->query, &q, err);
	if (ret == 0)
		ret = gu_access_list_worker(db, given(f->worker), &worker, err);
	if (ret < 0)
		return ret;
	worker = given(worker);
	if (q.kind == Q_NONE && !given(f->group) && !f->item && !given(f->due_by))
		return gu_case_tally_count(db, township_of(f, counted, sizeof counted), worker,
			f->status_mask, err);
	st = shape_stmt(db, q.kind, false, GU_SORT_DEFAULT, P_COUNT, false, err);
	if (!st)
		return -(long)err->code;
	if ((rc = bind_all(st, &q, f, worker, NULL)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		count = (long)sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? count : gu_db_fail(db, rc, err);
}

/* ---- the same SQL for the sqlite3 shell (db/bench.h) ------------------ */

/* Returns true when sql has the parameter name (not just a longer one
 * starting with it). */
static bool uses(const char *sql, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = strstr(sql, name); p; p = strstr(p + 1, name)) {
		char c = p[n];

		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return true;
	}
	return false;
}

/* Appends ".parameter set NAME 'text'" (or NULL) to buf when sql uses name. */
static void script_text(char *buf, size_t size, const char *sql, const char *name,
	const char *text)
{
	size_t len = strlen(buf);
	const char *s;

	if (!uses(sql, name))
		return;
	if (!text) {
		snprintf(buf + len, size - len, ".parameter set %s NULL\n", name);
		return;
	}
	snprintf(buf + len, size - len, ".parameter set %s '", name);
	for (s = text; *s && strlen(buf) + 4 < size; s++) {
		len = strlen(buf);
		if (*s == '\'')
			snprintf(buf + len, size - len, "''");
		else
			snprintf(buf + len, size - len, "%c", *s);
	}
	add(buf, size, "'\n");
}

/* Appends ".parameter set NAME value" when sql uses name. */
static void script_int(char *buf, size_t size, const char *sql, const char *name,
	long long value)
{
	size_t len = strlen(buf);

	if (uses(sql, name))
		snprintf(buf + len, size - len, ".parameter set %s %lld\n", name, value);
}

/* Appends one shape's parameters (the first page) and SQL to buf. */
static void script_shape(char *buf, size_t size, const struct query *q,
	const gu_case_filter *f, enum part part, long long limit)
{
	char sql[3072], idlike[132], counted[160];

	build_sql(sql, sizeof sql, q->kind, true, f->sort, part, f->bare);
	make_idlike(q, idlike, sizeof idlike);
	add(buf, size, ".parameter clear\n");
	script_text(buf, size, sql, ":q2", q->q2);
	script_text(buf, size, sql, ":qu", q->qu);
	script_text(buf, size, sql, ":q", q->q);
	script_int(buf, size, sql, ":n", (long long)strlen(q->q));
	script_text(buf, size, sql, ":like", q->like);
	script_text(buf, size, sql, ":text", q->text);
	script_text(buf, size, sql, ":idlike", idlike);
	script_text(buf, size, sql, ":township", township_of(f, counted, sizeof counted));
	script_text(buf, size, sql, ":worker", NULL);
	script_int(buf, size, sql, ":mask", f->status_mask);
	script_text(buf, size, sql, ":grp", given(f->group));
	script_int(buf, size, sql, ":item", f->item);
	script_text(buf, size, sql, ":due", given(f->due_by));
	script_int(buf, size, sql, ":a_ret", 2);
	script_int(buf, size, sql, ":a_upd", INT64_MAX);
	script_text(buf, size, sql, ":a_id", "");
	script_text(buf, size, sql, ":a_key", "");
	script_text(buf, size, sql, ":a_name", "");
	script_int(buf, size, sql, ":a_none", -1);
	script_int(buf, size, sql, ":limit", limit);
	script_int(buf, size, sql, ":offset", (long long)f->offset);
	add(buf, size, sql);
	add(buf, size, ";\n");
}

/* Writes the SQL of a first page as sqlite3 shell input; returns 0 or < 0. */
int gu_case_list_script(const gu_case_filter *f, char *buf, size_t size, gu_error *err)
{
	struct query q;
	int ret;

	buf[0] = '\0';
	ret = check_filter(f, err);
	if (ret == 0)
		ret = prepare_query(f->query, &q, err);
	if (ret < 0)
		return ret;
	if (f->worker && *f->worker)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no worker for the shell"));
	if (f->sort == GU_SORT_DEFAULT && !reads_in_order(q.kind, true, f->sort, P_ALL)) {
		script_shape(buf, size, &q, f, P_RETURNED,
			f->limit ? (long long)(f->offset + f->limit) : -1);
		script_shape(buf, size, &q, f, P_OTHERS, f->limit ? (long long)f->limit : -1);
	} else {
		script_shape(buf, size, &q, f, P_ALL, f->limit ? (long long)f->limit : -1);
	}
	if (strlen(buf) + 1 >= size)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no room for the queries"));
	return 0;
}
