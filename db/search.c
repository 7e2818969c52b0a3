/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Case search as you type: name characters, pinyin, initials and ID
 * digits, with filters and sorting, over the cases the session may see. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/pinyin.h"
#include "db/access.h"
#include "db/bench.h"
#include "db/id_rule.h"
#include "db/internal.h"
#include "db/search.h"

enum kind { Q_NONE = 0, Q_ID, Q_TEXT, Q_LETTERS, Q_FEW_DIGITS };
enum part { P_ALL = 0, P_RETURNED, P_OTHERS };
/* The filters a statement's SQL holds: bits of its shape. */
enum filter_bit {
	F_TOWNSHIP = 1u << 0, F_WORKER = 1u << 1, F_STATUS = 1u << 2,
	F_GROUP = 1u << 3, F_ITEM = 1u << 4, F_DUE = 1u << 5
};

#define CACHE_SIZE 24
#define BATCH 4000

struct gu_search {
	gu_db *db;
	struct { unsigned key; sqlite3_stmt *st; } cache[CACHE_SIZE];
	size_t ncache, next_evict;
};

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
 * number ends with); returns nothing. */
static void hide_id_query(struct query *q)
{
	snprintf(q->q, sizeof q->q, "~");
	snprintf(q->q2, sizeof q->q2, "~");
	snprintf(q->like, sizeof q->like, "%%~%%");
}

/* Opens a searcher; returns 0 or < 0. */
int gu_search_open(gu_db *db, gu_search **out, gu_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	(*out)->db = db;
	return 0;
}

/* Closes a searcher. */
void gu_search_close(gu_search *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	free(s);
}

/* Parses a sort name; returns 0 or -GU_EINVAL. */
int gu_search_sort_parse(const char *name, enum gu_search_sort *out, gu_error *err)
{
	static const char *const names[GU_SORT_COUNT] = {
		"default", "updated", "name", "township", "due"
	};
	int i;

	for (i = 0; name && i < GU_SORT_COUNT; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum gu_search_sort)i;
			return 0;
		}
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("\"%s\" is not a sort order (default, updated, name, township or due)"),
		name ? name : "");
}

/* Writes s reversed and upper-cased into out (size bytes). */
static void reverse_id(const char *s, char *out, size_t size)
{
	size_t len = strlen(s), i;

	if (len >= size)
		len = size - 1;
	for (i = 0; i < len; i++) {
		char c = s[len - 1 - i];

		out[i] = c == 'x' ? 'X' : c;
	}
	out[len] = '\0';
}

/* ---- keys ------------------------------------------------------------- */

/* One queued case read for a refresh. */
struct queued {
	char id[GU_ID_SIZE];
	char *name;
	char idnum[32];
	int returned;
	sqlite3_int64 updated;
};

/* Reads up to BATCH queued cases into v; returns the count or < 0. */
static int read_queue(gu_db *db, struct queued *v, gu_error *err)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc, n = 0;

	st = gu_db_slot(db, GU_ST_NAME_QUEUE_READ,
		"SELECT q.case_id, c.child_name, c.child_id_number, c.status = 'returned',"
		" c.updated_at FROM name_queue q"
		" JOIN cases c ON c.id = q.case_id LIMIT ?1", &rc);
	if (!st)
		goto cleanup;
	if ((rc = sqlite3_bind_int(st, 1, BATCH)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < BATCH) {
		gu_column_copy(st, 0, v[n].id, sizeof v[n].id);
		v[n].name = gu_column_dup(st, 1, &oom);
		gu_column_copy(st, 2, v[n].idnum, sizeof v[n].idnum);
		v[n].returned = sqlite3_column_int(st, 3);
		v[n].updated = sqlite3_column_int64(st, 4);
		if (oom)
			break;
		n++;
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (oom) {
		while (n > 0)
			free(v[--n].name);
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	}
	return rc == SQLITE_OK ? n : gu_db_fail(db, rc, err);
}

/* Stores the keys of one case and takes it off the queue; returns the SQLite result. */
static int store_keys(gu_db *db, sqlite3_stmt *put, sqlite3_stmt *unqueue,
	const struct queued *c, gu_time_ms now)
{
	gu_pinyin keys = { NULL, NULL };
	char rev[32];
	int rc;

	/* A name ICU cannot read is still found by its characters. */
	if (gu_pinyin_keys(c->name ? c->name : "", &keys, NULL) < 0)
		keys.full = keys.initials = NULL;
	reverse_id(c->idnum, rev, sizeof rev);
	sqlite3_reset(put);
	if ((rc = gu_bind_text(put, 1, c->id)) != SQLITE_OK
	    || (rc = gu_bind_text(put, 2, c->name ? c->name : "")) != SQLITE_OK
	    || (rc = gu_bind_text(put, 3, keys.full ? keys.full : "")) != SQLITE_OK
	    || (rc = gu_bind_text(put, 4, keys.initials ? keys.initials : "")) != SQLITE_OK
	    || (rc = gu_bind_text(put, 5, rev)) != SQLITE_OK
	    || (rc = sqlite3_bind_int(put, 6, c->returned)) != SQLITE_OK
	    || (rc = sqlite3_bind_int64(put, 7, c->updated)) != SQLITE_OK
	    || (rc = sqlite3_bind_int64(put, 8, now)) != SQLITE_OK
	    || (rc = gu_bind_text(put, 9, db->device)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(put);
	if (rc != SQLITE_DONE)
		goto cleanup;
	sqlite3_reset(unqueue);
	if ((rc = gu_bind_text(unqueue, 1, c->id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(unqueue);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	gu_pinyin_free(&keys);
	return rc;
}

/* Returns 1 when names wait in the queue, 0 when none, < 0 on failure. */
static int queue_waiting(gu_db *db, gu_error *err)
{
	int rc, ret = 0;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_NAME_QUEUE_WAITING,
		"SELECT EXISTS (SELECT 1 FROM name_queue)", &rc);

	if (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ret = sqlite3_column_int(st, 0) != 0;
		rc = SQLITE_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Computes one batch of queued keys in one transaction; returns the count or < 0. */
static int refresh_batch(gu_db *db, struct queued *v, gu_error *err)
{
	sqlite3_stmt *put = NULL, *unqueue = NULL;
	gu_time_ms now = gu_time_now();
	int n, i, rc = SQLITE_OK, ret;

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	/* Queued cases that no longer exist need no keys. */
	rc = sqlite3_exec(db->h, "DELETE FROM name_queue WHERE case_id NOT IN"
		" (SELECT id FROM cases)", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail_rc;
	n = read_queue(db, v, err);
	if (n < 0) {
		ret = n;
		goto fail;
	}
	put = gu_db_slot(db, GU_ST_CASE_KEYS_PUT,
		"INSERT OR REPLACE INTO case_keys (case_id, name, pinyin, initials, id_reversed,"
		" returned, case_updated, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &rc);
	if (put)
		unqueue = gu_db_slot(db, GU_ST_NAME_QUEUE_DELETE,
			"DELETE FROM name_queue WHERE case_id = ?1", &rc);
	for (i = 0; rc == SQLITE_OK && i < n; i++)
		rc = store_keys(db, put, unqueue, &v[i], now);
	for (i = 0; i < n; i++)
		free(v[i].name);
	sqlite3_reset(put);
	sqlite3_reset(unqueue);
	if (rc != SQLITE_OK)
		goto fail_rc;
	ret = gu_db_commit(db, err);
	return ret < 0 ? ret : n;
fail_rc:
	ret = gu_db_fail(db, rc, err);
fail:
	gu_db_rollback(db);
	return ret;
}

/* Computes the queued keys; returns the number done or < 0. */
int gu_search_refresh(gu_db *db, gu_error *err)
{
	struct queued *v;
	int total = 0, n, waiting;
	GU_ERR_LOCAL(err);

	if (db->readonly)
		return 0;
	waiting = queue_waiting(db, err);
	if (waiting <= 0)
		return waiting;
	v = malloc(BATCH * sizeof *v);
	if (!v)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	do {
		n = refresh_batch(db, v, err);
		if (n > 0)
			total += n;
	} while (n == BATCH);
	free(v);
	return n < 0 ? n : total;
}

/* ---- queries ---------------------------------------------------------- */

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
		/* A few last digits match many cases: read those in list order. */
		q->kind = len < 5 ? Q_FEW_DIGITS : Q_ID;
		reverse_id(plain, q->q, sizeof q->q);
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

#define ROW_COLUMNS \
	"c.id, c.status, c.child_name, c.child_id_number, c.township, c.worker," \
	" c.n_eligible, c.n_verify, c.updated_at, c.created_at," \
	" (SELECT coalesce(group_concat(g.grp, ','), '') FROM case_groups g" \
	"  WHERE g.case_id = c.id) AS groups," \
	" (SELECT coalesce(min(r.next_due), '') FROM referrals r WHERE r.case_id = c.id" \
	"  AND r.status IN ('referred', 'in_progress') AND coalesce(r.next_due, '') <> '')" \
	"  AS next_due"

/* Writes the SQL for a query shape into sql. */
static void build_sql(char *sql, size_t size, enum kind kind, bool fresh, unsigned filters,
	enum gu_search_sort sort, enum part part)
{
	bool keys = kind != Q_NONE || sort == GU_SORT_NAME;
	/* Names and pinyin are matched while reading the keys in list order,
	 * so the first screenful ends the reading. */
	bool in_order = fresh && kind != Q_NONE && kind != Q_ID && sort == GU_SORT_DEFAULT
		&& part == P_ALL;

	sql[0] = '\0';
	add(sql, size, "SELECT " ROW_COLUMNS " FROM ");
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
	case Q_NONE:
		break;
	}
	if (filters & F_TOWNSHIP)
		add(sql, size, " AND c.township = :township");
	if (filters & F_WORKER)
		add(sql, size, " AND c.worker = :worker");
	if (filters & F_STATUS)
		add(sql, size, " AND (:mask >> " GU_SQL_STATUS_BIT("c.status") ") & 1");
	if (filters & F_GROUP)
		add(sql, size, " AND c.id IN (SELECT case_id FROM case_groups WHERE grp = :grp)");
	if (filters & F_ITEM)
		add(sql, size, " AND c.id IN (SELECT case_id FROM results WHERE item = :item)");
	if (filters & F_DUE)
		add(sql, size, " AND c.id IN (SELECT case_id FROM referrals"
			" WHERE status IN ('referred', 'in_progress') AND next_due <= :due"
			" AND coalesce(next_due, '') <> '')");
	if (part == P_RETURNED)
		add(sql, size, " AND c.status = 'returned' ORDER BY c.updated_at DESC, c.rowid DESC");
	else if (part == P_OTHERS)
		add(sql, size, " AND c.status <> 'returned' ORDER BY c.updated_at DESC, c.rowid DESC");
	else if (in_order)
		add(sql, size, " ORDER BY k.returned DESC, k.case_updated DESC");
	else if (sort == GU_SORT_UPDATED)
		add(sql, size, " ORDER BY c.updated_at DESC, c.id");
	else if (sort == GU_SORT_NAME)
		add(sql, size, " ORDER BY coalesce(nullif(k.pinyin, ''), c.child_name),"
			" c.child_name, c.id");
	else if (sort == GU_SORT_TOWNSHIP)
		add(sql, size, " ORDER BY c.township, c.updated_at DESC, c.id");
	else if (sort == GU_SORT_DUE)
		add(sql, size, " ORDER BY next_due = '', next_due, c.updated_at DESC, c.id");
	else
		add(sql, size, " ORDER BY c.status = 'returned' DESC, c.updated_at DESC, c.id");
	add(sql, size, " LIMIT :limit OFFSET :offset");
}

/* Returns the statement for a shape, prepared once per searcher, or NULL. */
static sqlite3_stmt *shape_stmt(gu_search *s, enum kind kind, bool fresh, unsigned filters,
	enum gu_search_sort sort, enum part part, gu_error *err)
{
	unsigned key = (unsigned)kind | (fresh ? 8u : 0u) | filters << 4
		| (unsigned)sort << 10 | (unsigned)part << 13;
	char sql[2048];
	sqlite3_stmt *st = NULL;
	size_t i, slot;
	int rc;

	for (i = 0; i < s->ncache; i++)
		if (s->cache[i].key == key) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	build_sql(sql, sizeof sql, kind, fresh, filters, sort, part);
	rc = sqlite3_prepare_v3(s->db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		gu_db_fail(s->db, rc, err);
		return NULL;
	}
	if (s->ncache < CACHE_SIZE) {
		slot = s->ncache++;
	} else {
		slot = s->next_evict;
		s->next_evict = (s->next_evict + 1) % CACHE_SIZE;
		sqlite3_finalize(s->cache[slot].st);
	}
	s->cache[slot].key = key;
	s->cache[slot].st = st;
	return st;
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

/* Fills a row from the statement. */
static void read_row(sqlite3_stmt *st, gu_case_row *r)
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
}

/* A growing list of rows. */
struct rows {
	gu_case_row *v;
	size_t n, cap;
};

/* Runs one statement shape and appends its rows; returns 0 or < 0. */
static int run_shape(gu_search *s, const struct query *q, bool fresh, unsigned filters,
	const gu_search_filter *f, const char *worker, enum part part,
	sqlite3_int64 limit, sqlite3_int64 offset, struct rows *out, size_t *added,
	gu_error *err)
{
	sqlite3_stmt *st = shape_stmt(s, q->kind, fresh, filters, f->sort, part, err);
	char idlike[132];
	int rc;

	*added = 0;
	if (!st)
		return -(int)err->code;
	snprintf(idlike, sizeof idlike, "%%%s", q->like[0] ? q->like + 1 : "");
	if (q->kind == Q_ID || q->kind == Q_FEW_DIGITS) {
		/* like is %digits%: the ID must end with the digits. */
		idlike[strlen(idlike) - 1] = '\0';
	}
	if ((rc = bind_name(st, ":q", q->q)) != SQLITE_OK
	    || (rc = bind_name(st, ":q2", q->q2)) != SQLITE_OK
	    || (rc = bind_name(st, ":qu", q->qu)) != SQLITE_OK
	    || (rc = bind_int(st, ":n", (sqlite3_int64)strlen(q->q))) != SQLITE_OK
	    || (rc = bind_name(st, ":like", q->like)) != SQLITE_OK
	    || (rc = bind_name(st, ":text", q->text)) != SQLITE_OK
	    || (rc = bind_name(st, ":idlike", idlike)) != SQLITE_OK
	    || (rc = bind_name(st, ":township", f->township)) != SQLITE_OK
	    || (rc = bind_name(st, ":worker", worker)) != SQLITE_OK
	    || (rc = bind_int(st, ":mask", f->status_mask)) != SQLITE_OK
	    || (rc = bind_name(st, ":grp", f->group)) != SQLITE_OK
	    || (rc = bind_int(st, ":item", f->item)) != SQLITE_OK
	    || (rc = bind_name(st, ":due", f->due_by)) != SQLITE_OK
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
		read_row(st, &out->v[out->n++]);
		(*added)++;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(s->db, rc, err);
}

/* Checks a filter's values; returns 0 or -GU_EINVAL. */
static int check_filter(const gu_search_filter *f, gu_error *err)
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

/* Lists matching cases; returns 0 or < 0. */
int gu_search_run(gu_search *s, const gu_search_filter *fin, gu_case_row **out,
	size_t *n, gu_error *err)
{
	static const gu_search_filter all = { 0 };
	const gu_search_filter *f = fin ? fin : &all;
	struct rows rows = { NULL, 0, 0 };
	struct query q;
	const char *worker = NULL;
	unsigned filters = 0;
	bool fresh = true;
	size_t added;
	sqlite3_int64 limit = f->limit ? (sqlite3_int64)f->limit : -1;
	int ret;
	gu_error local;

	if (!err)
		err = &local;
	*out = NULL;
	*n = 0;
	ret = check_filter(f, err);
	if (ret == 0)
		ret = prepare_query(f->query, &q, err);
	if (ret == 0)
		ret = gu_access_list_worker(s->db, f->worker && *f->worker ? f->worker : NULL,
			&worker, err);
	if (ret < 0)
		return ret;
	if (q.kind != Q_NONE || f->sort == GU_SORT_NAME) {
		gu_error ignored;

		/* Keys left stale (a read-only store, another program's lock) are
		 * searched by the slower plain way. */
		(void)gu_search_refresh(s->db, &ignored);
		fresh = queue_waiting(s->db, &ignored) == 0;
	}
	filters |= f->township && *f->township ? F_TOWNSHIP : 0u;
	filters |= worker && *worker ? F_WORKER : 0u;
	filters |= f->status_mask ? F_STATUS : 0u;
	filters |= f->group && *f->group ? F_GROUP : 0u;
	filters |= f->item ? F_ITEM : 0u;
	filters |= f->due_by && *f->due_by ? F_DUE : 0u;
	if (q.kind == Q_NONE && f->sort == GU_SORT_DEFAULT) {
		/* Returned cases first, each part read in index order: the
		 * returned ones up to the end of the page, then the others. */
		ret = run_shape(s, &q, fresh, filters, f, worker, P_RETURNED,
			f->limit ? (sqlite3_int64)(f->offset + f->limit) : -1, 0, &rows, &added, err);
		if (ret == 0) {
			bool all_returned = f->limit && rows.n == f->offset + f->limit;
			size_t skip = f->offset < rows.n ? f->offset : rows.n;
			sqlite3_int64 rest_offset = (sqlite3_int64)(f->offset - skip);

			if (skip > 0) {
				memmove(rows.v, rows.v + skip, (rows.n - skip) * sizeof *rows.v);
				rows.n -= skip;
			}
			if (!all_returned)
				ret = run_shape(s, &q, fresh, filters, f, worker, P_OTHERS,
					f->limit ? (sqlite3_int64)(f->limit - rows.n) : -1,
					rest_offset, &rows, &added, err);
		}
	} else {
		ret = run_shape(s, &q, fresh, filters, f, worker, P_ALL, limit,
			(sqlite3_int64)f->offset, &rows, &added, err);
	}
	if (ret < 0) {
		free(rows.v);
		return ret;
	}
	*out = rows.v;
	*n = rows.n;
	return 0;
}

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

/* Appends ".parameter set NAME 'text'" (or NULL) to buf when sql uses
 * name. */
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

/* Appends one shape's parameters and SQL to buf. */
static void script_shape(char *buf, size_t size, const struct query *q,
	const gu_search_filter *f, unsigned filters, enum part part, long long limit)
{
	char sql[2048], idlike[132];

	build_sql(sql, sizeof sql, q->kind, true, filters, f->sort, part);
	snprintf(idlike, sizeof idlike, "%%%s", q->like[0] ? q->like + 1 : "");
	if (q->kind == Q_ID || q->kind == Q_FEW_DIGITS)
		idlike[strlen(idlike) - 1] = '\0';
	add(buf, size, ".parameter clear\n");
	script_text(buf, size, sql, ":q2", q->q2);
	script_text(buf, size, sql, ":qu", q->qu);
	script_text(buf, size, sql, ":q", q->q);
	script_int(buf, size, sql, ":n", (long long)strlen(q->q));
	script_text(buf, size, sql, ":like", q->like);
	script_text(buf, size, sql, ":text", q->text);
	script_text(buf, size, sql, ":idlike", idlike);
	script_text(buf, size, sql, ":township", f->township);
	script_int(buf, size, sql, ":mask", f->status_mask);
	script_text(buf, size, sql, ":grp", f->group);
	script_int(buf, size, sql, ":item", f->item);
	script_text(buf, size, sql, ":due", f->due_by);
	script_int(buf, size, sql, ":limit", limit);
	script_int(buf, size, sql, ":offset", (long long)f->offset);
	add(buf, size, sql);
	add(buf, size, ";\n");
}

/* Writes the SQL of a search as sqlite3 shell input; returns 0 or < 0. */
int gu_search_script(const gu_search_filter *f, char *buf, size_t size, gu_error *err)
{
	struct query q;
	unsigned filters = 0;
	int ret;

	buf[0] = '\0';
	ret = check_filter(f, err);
	if (ret == 0)
		ret = prepare_query(f->query, &q, err);
	if (ret < 0)
		return ret;
	if (f->worker && *f->worker)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no worker for the shell"));
	filters |= f->township && *f->township ? F_TOWNSHIP : 0u;
	filters |= f->status_mask ? F_STATUS : 0u;
	filters |= f->group && *f->group ? F_GROUP : 0u;
	filters |= f->item ? F_ITEM : 0u;
	filters |= f->due_by && *f->due_by ? F_DUE : 0u;
	if (q.kind == Q_NONE && f->sort == GU_SORT_DEFAULT) {
		script_shape(buf, size, &q, f, filters, P_RETURNED,
			f->limit ? (long long)(f->offset + f->limit) : -1);
		script_shape(buf, size, &q, f, filters, P_OTHERS,
			f->limit ? (long long)f->limit : -1);
	} else {
		script_shape(buf, size, &q, f, filters, P_ALL, f->limit ? (long long)f->limit : -1);
	}
	if (strlen(buf) + 1 >= size)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no room for the queries"));
	return 0;
}
