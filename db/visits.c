/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The regular visits of the cases (db/visits.h): recorded and audited, the
 * next visit of each case computed in SQL from its groups' intervals, its
 * last visit and its interview date. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/township.h"
#include "db/access.h"
#include "db/internal.h"
#include "db/visits.h"

/* The date that is m months after the date a: the same day of the month,
 * or the month's last day when it has no such day. */
#define ADD_MONTHS(a, m) \
	"min(date(" a ", 'start of month', '+' || (" m ") || ' months'," \
	" '+' || (CAST(strftime('%d', " a ") AS INTEGER) - 1) || ' days')," \
	" date(" a ", 'start of month', '+' || ((" m ") + 1) || ' months', '-1 day'))"

/* The schedule as a table (?1 .. ?3: the months of the floating,
 * left-behind and difficult groups) and each case visited regularly (?4:
 * a township or NULL; ?5: a worker or NULL; ?6: one case or NULL) with
 * its interval, interview date (kept in the case row: db/schema_county.c)
 * and last visit; cols are the columns of cases it takes. */
#define SCHEDULED(cols) \
	"WITH sched (grp, months) AS" \
	" (VALUES ('floating', ?1), ('left_behind', ?2), ('difficult', ?3))," \
	" c AS (SELECT " cols "," \
	"  (SELECT min(s.months) FROM case_groups g JOIN sched s ON s.grp = g.grp" \
	"   WHERE g.case_id = cases.id AND s.months > 0) AS months," \
	"  nullif(cases.interviewed, '') AS interviewed," \
	"  (SELECT max(visited_on) FROM visits WHERE case_id = cases.id) AS last" \
	"  FROM cases WHERE cases.status IN ('complete', 'returned', 'reviewed')" \
	"  AND (?4 IS NULL OR cases.township = ?4) AND (?5 IS NULL OR " GU_SQL_CASE_WORKER("cases") " = ?5)" \
	"  AND (?6 IS NULL OR cases.id = ?6))," \
	" n AS (SELECT *, " ADD_MONTHS("coalesce(last, interviewed)", "months") " AS next" \
	"  FROM c WHERE months IS NOT NULL AND date(interviewed) IS NOT NULL) "
#define SCHEDULED_CASES \
	SCHEDULED("cases.id, cases.child_name, cases.township, "\
	GU_SQL_CASE_WORKER("cases") " AS worker")

/* Returns true when s holds more than blanks. */
static bool given(const char *s)
{
	return s && s[strspn(s, " \t")] != '\0';
}

/* Binds the schedule, the township (as the case rows count it,
 * core/township.h), the worker and the case (?1 .. ?6);
 * returns an SQLite result. */
static int bind_scope(sqlite3_stmt *st, const gu_visit_schedule *s, const char *township,
	const char *worker, const char *case_id)
{
	char counted[160];
	int rc = SQLITE_OK, g;

	for (g = 0; g < GU_VISIT_GROUP_COUNT && rc == SQLITE_OK; g++)
		rc = sqlite3_bind_int(st, g + 1, s->months[g]);
	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 4, township && *township
			? gu_township_counted_as(township, counted, sizeof counted) : NULL);
	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 5, worker);
	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 6, case_id);
	return rc;
}

/* Reads a row of the list query into out. */
static void read_due(sqlite3_stmt *st, gu_visit_due *out)
{
	memset(out, 0, sizeof *out);
	gu_column_copy(st, 0, out->case_id, sizeof out->case_id);
	gu_column_copy(st, 1, out->child_name, sizeof out->child_name);
	gu_column_copy(st, 2, out->township, sizeof out->township);
	gu_column_copy(st, 3, out->worker, sizeof out->worker);
	gu_column_copy(st, 4, out->interviewed, sizeof out->interviewed);
	gu_column_copy(st, 5, out->last, sizeof out->last);
	gu_column_copy(st, 6, out->next, sizeof out->next);
	out->months = sqlite3_column_int(st, 7);
}

/* Checks the date against today and the interview; returns 0 or
 * -GU_EINVAL. */
static int check_date(const char *on, const char *today, const char *interviewed,
	gu_error *err)
{
	gu_date d;

	if (!gu_date_parse(on, &d))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a date; write the visit's date as YYYY-MM-DD"), on);
	if (strcmp(on, today) > 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the visit's date %s is after today (%s): record a visit once it is made"),
			on, today);
	if (!interviewed[0])
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the case has no interview date: answer it in the interview before "
			  "recording visits"));
	if (strcmp(on, interviewed) < 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the visit's date %s is before the case's interview (%s): give the date "
			  "the visit was made"), on, interviewed);
	return 0;
}

/* Checks what the visit says; returns 0 or -GU_EINVAL. */
static int check_new(const gu_visit_new *v, gu_error *err)
{
	if (!given(v->seen))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("say who was seen on the visit (the child, a guardian, ...)"));
	if (v->note && strlen(v->note) > GU_VISIT_NOTE_MAX)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the note of a visit is at most %d bytes (about %d Chinese characters); "
			  "shorten it to what changed"), GU_VISIT_NOTE_MAX, GU_VISIT_NOTE_MAX / 3);
	return 0;
}

/* Reads a case's status and interview date inside the transaction;
 * returns 0, -GU_ENOTFOUND or < 0. */
static int read_case(gu_db *db, const char *case_id, enum gu_case_status *status,
	char interviewed[11], gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_VISIT_CASE,
		"SELECT status, coalesce((SELECT value FROM answers WHERE case_id = ?1"
		" AND key = 'interview.date'), '') FROM cases WHERE id = ?1", err);
	char name[16];
	int rc, ret = 0;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		ret = gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0, _("no case %s"), case_id);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, name, sizeof name);
		gu_column_copy(st, 1, interviewed, 11);
		ret = gu_case_status_parse(name, status, err);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Inserts the visit row; returns 0 or < 0. */
static int put_visit(gu_db *db, const char *case_id, const gu_visit_new *v, const char *on,
	gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st;
	char id[GU_ID_SIZE];
	int rc, ret = gu_db_new_id(id, err);

	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_VISIT_INSERT,
		"INSERT INTO visits (id, case_id, visited_on, seen, note, changed, by,"
		" created_at, updated_at, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
		err);
	if (!st)
		return -(int)err->code;
	rc = GU_BIND(st, GU_TEXT(id), GU_TEXT(case_id), GU_TEXT(on), GU_TEXT(v->seen),
		GU_TEXT(v->note ? v->note : ""), GU_INT(v->changed ? 1 : 0), GU_TEXT(gu_db_user(db)),
		GU_INT(now), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Records a visit; returns 0 or < 0. */
int gu_visit_add(gu_db *db, const char *case_id, const gu_visit_new *v, const char *today,
	gu_error *err)
{
	gu_time_ms now = gu_time_now();
	enum gu_case_status status;
	char interviewed[11] = "", detail[64];
	const char *on = v->date && *v->date ? v->date : today;
	int ret;
	GU_ERR_LOCAL(err);

	ret = check_new(v, err);
	if (ret < 0)
		return ret;
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = read_case(db, case_id, &status, interviewed, err);
	if (ret == 0 && status == GU_CASE_CLOSED)
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("case %s is closed: a closed case is not visited (a supervisor can "
			  "reopen it)"), case_id);
	if (ret == 0)
		ret = check_date(on, today, interviewed, err);
	if (ret == 0)
		ret = put_visit(db, case_id, v, on, now, err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "%s%s", on, v->changed ? ": changed" : "");
		ret = gu_audit_add_in_tx(db, "visit.add", case_id, detail, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Calls fn for each case of the list; returns 0, fn's result or < 0. */
int gu_visits_each(gu_db *db, const gu_visit_schedule *s, enum gu_visit_which which,
	const char *township, const char *today, gu_visit_fn fn, void *ctx, gu_error *err)
{
	sqlite3_stmt *st;
	const char *worker;
	gu_visit_due row;
	int rc, ret;
	GU_ERR_LOCAL(err);

	ret = gu_access_list_worker(db, NULL, &worker, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_VISIT_LIST, SCHEDULED_CASES
		"SELECT id, child_name, township, worker, interviewed, last, next, months FROM n"
		" WHERE ?7 = 0 OR (?7 = 1 AND next >= ?8"
		"  AND next <= date(?8, 'start of month', '+1 month', '-1 day'))"
		" OR (?7 = 2 AND next < ?8)"
		" ORDER BY next, township, id", err);
	if (!st)
		return -(int)err->code;
	if ((rc = bind_scope(st, s, township, worker, NULL)) != SQLITE_OK
	    || (rc = sqlite3_bind_int(st, 7, (int)which)) != SQLITE_OK
	    || (rc = gu_bind_text(st, 8, today)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_due(st, &row);
		ret = fn(&row, ctx);
		if (ret != 0)
			break;
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Counts the cases due this month and overdue, from the index of the
 * case rows (db/schema_county.c) and the cases' groups and visits;
 * returns 0 or < 0. */
int gu_visit_counts(gu_db *db, const gu_visit_schedule *s, const char *today, int *due,
	int *overdue, gu_error *err)
{
	sqlite3_stmt *st;
	const char *worker;
	char end[11];
	gu_date d;
	int rc, ret;
	GU_ERR_LOCAL(err);

	*due = *overdue = 0;
	if (!gu_date_parse(today, &d))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a date; write it as YYYY-MM-DD"), today);
	d.day = 1;
	d.month = d.month % 12 + 1;
	d.year += d.month == 1;
	gu_date_format(gu_date_add_days(d, -1), end);
	ret = gu_access_list_worker(db, NULL, &worker, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_VISIT_COUNTS, SCHEDULED("cases.id")
		"SELECT coalesce(sum(next >= ?7 AND next <= ?8), 0), coalesce(sum(next < ?7), 0)"
		" FROM n", err);
	if (!st)
		return -(int)err->code;
	if ((rc = bind_scope(st, s, NULL, worker, NULL)) != SQLITE_OK
	    || (rc = gu_bind_text(st, 7, today)) != SQLITE_OK
	    || (rc = gu_bind_text(st, 8, end)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*due = sqlite3_column_int(st, 0);
		*overdue = sqlite3_column_int(st, 1);
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Fills out with one case's place in the lists; returns 1, 0 or < 0. */
int gu_visit_case(gu_db *db, const gu_visit_schedule *s, const char *case_id,
	gu_visit_due *out, gu_error *err)
{
	sqlite3_stmt *st;
	int rc, found = 0;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	rc = gu_access_check_case(db, case_id, err);
	if (rc < 0)
		return rc;
	st = gu_db_stmt(db, GU_ST_VISIT_ONE, SCHEDULED_CASES
		"SELECT id, child_name, township, worker, interviewed, last, next, months FROM n",
		err);
	if (!st)
		return -(int)err->code;
	if ((rc = bind_scope(st, s, NULL, NULL, case_id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_due(st, out);
		found = 1;
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? found : gu_db_fail(db, rc, err);
}

/* Counts the visits due and done in a month per township; returns 0 or
 * < 0. */
int gu_visit_month_counts(gu_db *db, const gu_visit_schedule *s, const char *month,
	const char *township, gu_visit_month **out, size_t *n, gu_error *err)
{
	sqlite3_stmt *st;
	gu_visit_month *v = NULL, *grown;
	size_t cap = 0;
	const char *worker;
	char first[11];
	gu_date d;
	int rc, ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	snprintf(first, sizeof first, "%.7s-01", month ? month : "");
	if (!month || strlen(month) != 7 || !gu_date_parse(first, &d))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a month; write it as YYYY-MM"), month ? month : "");
	ret = gu_access_list_worker(db, NULL, &worker, err);
	if (ret < 0)
		return ret;
	/* ?7: the month's first day; its last is L.  A case is due in the
	 * month when the date its last visit before the month (or its
	 * interview) calls for is no later than L, it was interviewed by L
	 * and it was not closed before the month began. */
	st = gu_db_stmt(db, GU_ST_VISIT_MONTH,
		"WITH sched (grp, months) AS"
		" (VALUES ('floating', ?1), ('left_behind', ?2), ('difficult', ?3)),"
		" c AS (SELECT cases.id, cases.township, cases.status,"
		"  (SELECT min(s.months) FROM case_groups g JOIN sched s ON s.grp = g.grp"
		"   WHERE g.case_id = cases.id AND s.months > 0) AS months,"
		"  nullif(cases.interviewed, '') AS interviewed,"
		"  (SELECT max(visited_on) FROM visits WHERE case_id = cases.id"
		"   AND visited_on < ?7) AS before,"
		"  EXISTS (SELECT 1 FROM visits WHERE case_id = cases.id AND visited_on >= ?7"
		"   AND visited_on <= date(?7, '+1 month', '-1 day')) AS visited,"
		"  cases.status = 'closed' AND coalesce((SELECT on_date FROM closures"
		"   WHERE case_id = cases.id AND action = 'close' ORDER BY at DESC LIMIT 1), '')"
		"   < ?7 AS gone"
		"  FROM cases WHERE cases.status != 'draft'"
		"  AND (?4 IS NULL OR cases.township = ?4) AND (?5 IS NULL OR " GU_SQL_CASE_WORKER("cases") " = ?5)"
		"  AND (?6 IS NULL OR cases.id = ?6)),"
		" n AS (SELECT *, " ADD_MONTHS("coalesce(before, interviewed)", "months")
		"  AS next FROM c)"
		" SELECT township, coalesce(sum(months IS NOT NULL AND NOT gone"
		"  AND date(interviewed) <= date(?7, '+1 month', '-1 day')"
		"  AND next <= date(?7, '+1 month', '-1 day')), 0), sum(visited)"
		" FROM n GROUP BY township ORDER BY township", err);
	if (!st)
		return -(int)err->code;
	if ((rc = bind_scope(st, s, township, worker, NULL)) != SQLITE_OK
	    || (rc = gu_bind_text(st, 7, first)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int due = sqlite3_column_int(st, 1), done = sqlite3_column_int(st, 2);

		if (due == 0 && done == 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			grown = realloc(v, cap * sizeof *v);
			if (!grown) {
				ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
				break;
			}
			v = grown;
		}
		memset(&v[*n], 0, sizeof v[*n]);
		gu_column_copy(st, 0, v[*n].township, sizeof v[*n].township);
		v[*n].due = due;
		v[*n].done = done;
		(*n)++;
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret < 0) {
		free(v);
		*n = 0;
		return ret;
	}
	*out = v;
	return 0;
}
