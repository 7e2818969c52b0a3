/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Dashboard counts for a period: status, groups, items, townships, overdue. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/i18n.h"
#include "db/access.h"
#include "db/bench.h"
#include "db/dashboard.h"
#include "db/internal.h"

/* The cases of the period, as a condition on the alias c: dated by the
 * interview (interview.date, kept in the case row: db/schema_county.c),
 * not by when the row was stored, so imported interviews count in the
 * month they were held; a draft without the date yet counts on the day it
 * was started. */
#define IN_PERIOD \
	" coalesce(nullif(c.interviewed, ''), date(c.created_at / 1000, 'unixepoch', 'localtime'))" \
	" BETWEEN :from AND :to AND (:worker IS NULL OR " \
	GU_SQL_CASE_WORKER("c") " = :worker)"

/* Without a period or a worker, the indexes alone answer. */
static const char sql_status_all[] =
	"SELECT status, count(*) FROM cases GROUP BY status";
static const char sql_groups_all[] =
	"SELECT grp, count(*) FROM case_groups GROUP BY grp";
static const char sql_townships_all[] =
	"SELECT township, count(*) AS k FROM cases GROUP BY township ORDER BY k DESC, township";
static const char sql_followups_all[] =
	"SELECT count(*),"
	" coalesce(sum(coalesce(r.next_due, '') <> '' AND r.next_due < :today), 0)"
	" FROM referrals r JOIN cases c ON c.id = r.case_id"
	" WHERE r.status IN ('referred', 'in_progress') AND c.status <> 'closed'";
static const char sql_status[] =
	"SELECT status, count(*) FROM cases c WHERE" IN_PERIOD " GROUP BY status";
static const char sql_groups[] =
	"SELECT g.grp, count(*) FROM case_groups g"
	" JOIN cases c ON c.id = g.case_id WHERE" IN_PERIOD " GROUP BY g.grp";
/* result_rows, not the results view: SQLite joins a view's numbers even
 * for a count that reads none of them, and the table's index alone
 * answers (db/schema_compact.c). */
static const char sql_items_all[] =
	"SELECT item, verdict, count(*) FROM result_rows GROUP BY item, verdict";
static const char sql_items[] =
	"SELECT r.item, r.verdict, count(*) FROM cases c"
	" JOIN case_numbers n ON n.id = c.id JOIN result_rows r ON r.case_no = n.no"
	" WHERE" IN_PERIOD " GROUP BY r.item, r.verdict";
static const char sql_townships[] =
	"SELECT township, count(*) AS k FROM cases c WHERE"
	IN_PERIOD " GROUP BY township ORDER BY k DESC, township";
static const char sql_followups[] =
	"SELECT count(*),"
	" coalesce(sum(coalesce(r.next_due, '') <> '' AND r.next_due < :today), 0)"
	" FROM referrals r JOIN cases c ON c.id = r.case_id"
	" WHERE r.status IN ('referred', 'in_progress') AND c.status <> 'closed' AND" IN_PERIOD;

/* The cases of the period by the county of the child's hukou. */
static const char sql_counties[] =
	"SELECT c.hukou_county AS k, count(*) AS n"
	" FROM cases c WHERE" IN_PERIOD " GROUP BY k ORDER BY n DESC, k";
/* The cases of the period by the worker the office assigned each to (the
 * exchange's assignments), else by the worker who made it. */
static const char sql_workers[] =
	"SELECT " GU_SQL_CASE_WORKER("c") " AS k, count(*) AS n FROM cases c"
	" WHERE" IN_PERIOD " GROUP BY k ORDER BY n DESC, k";
/* The cases of the period with each alert that asks for a report, and how
 * many of them have the report made or overridden. */
static const char sql_alerts[] =
	"SELECT a.alert, count(*), coalesce(sum(EXISTS (SELECT 1 FROM reports r"
	"  WHERE r.case_id = a.case_id"
	"  AND r.kind = CASE a.alert WHEN '" GU_ALERT_MANDATORY_REPORT "' THEN 'police'"
	"  ELSE 'education' END AND (r.reported_on <> '' OR r.override <> ''))), 0)"
	" FROM alerts a JOIN cases c ON c.id = a.case_id"
	" WHERE a.alert IN ('" GU_ALERT_MANDATORY_REPORT "', '" GU_ALERT_DROPOUT "') AND"
	IN_PERIOD " GROUP BY a.alert";

/* The bounds of a period without a first or a last day. */
#define NO_FROM "0000-01-01"
#define NO_TO "9999-12-31"

/* Parses an optional date into *out; returns 0 or -GU_EINVAL. */
static int parse_date(const char *s, const char *what, gu_date *out, bool *given,
	gu_error *err)
{
	*given = s && *s;
	if (!*given)
		return 0;
	if (!gu_date_parse(s, out))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%s: \"%s\" is not a date; write it as YYYY-MM-DD"), what, s);
	return 0;
}

/* The period and who, bound to every statement. */
struct period {
	char from[11], to[11];       /* first and last day, "YYYY-MM-DD" */
	const char *worker;
	char today[11];
};

/* One count: its statements for the whole database and for a period. */
struct query {
	enum gu_st slot_all, slot;
	const char *sql_all, *sql;
};

static const struct query q_status = {
	GU_ST_DASH_STATUS_ALL, GU_ST_DASH_STATUS, sql_status_all, sql_status
};
static const struct query q_groups = {
	GU_ST_DASH_GROUPS_ALL, GU_ST_DASH_GROUPS, sql_groups_all, sql_groups
};
static const struct query q_items = {
	GU_ST_DASH_ITEMS_ALL, GU_ST_DASH_ITEMS, sql_items_all, sql_items
};
static const struct query q_townships = {
	GU_ST_DASH_TOWNSHIPS_ALL, GU_ST_DASH_TOWNSHIPS, sql_townships_all, sql_townships
};
static const struct query q_followups = {
	GU_ST_DASH_FOLLOWUPS_ALL, GU_ST_DASH_FOLLOWUPS, sql_followups_all, sql_followups
};

/* Counted by the period's bounds alone, with or without one. */
static const struct query q_counties = {
	GU_ST_DASH_COUNTIES, GU_ST_DASH_COUNTIES, sql_counties, sql_counties
};
static const struct query q_workers = {
	GU_ST_DASH_WORKERS, GU_ST_DASH_WORKERS, sql_workers, sql_workers
};
static const struct query q_alerts = {
	GU_ST_DASH_ALERTS, GU_ST_DASH_ALERTS, sql_alerts, sql_alerts
};

/* Gets the statement of q (for the whole database when whole) and binds
 * the period; returns the statement or NULL with the SQLite result in *rc. */
static sqlite3_stmt *prepare(gu_db *db, const struct query *q, bool whole,
	const struct period *p, int *rc)
{
	sqlite3_stmt *st = gu_db_slot(db, whole ? q->slot_all : q->slot, whole ? q->sql_all : q->sql,
		rc);
	int i;

	if (!st)
		return NULL;
	if ((i = sqlite3_bind_parameter_index(st, ":from")) && *rc == SQLITE_OK)
		*rc = gu_bind_text(st, i, p->from);
	if ((i = sqlite3_bind_parameter_index(st, ":to")) && *rc == SQLITE_OK)
		*rc = gu_bind_text(st, i, p->to);
	if ((i = sqlite3_bind_parameter_index(st, ":worker")) && *rc == SQLITE_OK)
		*rc = gu_bind_text(st, i, p->worker);
	if ((i = sqlite3_bind_parameter_index(st, ":today")) && *rc == SQLITE_OK)
		*rc = gu_bind_text(st, i, p->today);
	if (*rc != SQLITE_OK) {
		sqlite3_reset(st);
		return NULL;
	}
	return st;
}

/* Counts cases by status; returns the SQLite result. */
static int count_status(gu_db *db, const struct period *p, bool whole, gu_dashboard *d)
{
	int rc;
	sqlite3_stmt *st = prepare(db, &q_status, whole, p, &rc);

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum gu_case_status s;
		long k = (long)sqlite3_column_int64(st, 1);

		if (gu_case_status_parse((const char *)sqlite3_column_text(st, 0), &s, NULL) == 0)
			d->by_status[s] += k;
		d->cases += k;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Counts cases by group; returns the SQLite result. */
static int count_groups(gu_db *db, const struct period *p, bool whole, gu_dashboard *d)
{
	int rc;
	sqlite3_stmt *st = prepare(db, &q_groups, whole, p, &rc);

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *g = (const char *)sqlite3_column_text(st, 0);
		long k = (long)sqlite3_column_int64(st, 1);

		if (!g)
			continue;
		if (strcmp(g, "floating") == 0)
			d->floating = k;
		else if (strcmp(g, "left_behind") == 0)
			d->left_behind = k;
		else if (strcmp(g, "difficult") == 0)
			d->difficult = k;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Counts results by item and verdict; returns the SQLite result. */
static int count_items(gu_db *db, const struct period *p, bool whole, gu_dashboard *d)
{
	int rc;
	sqlite3_stmt *st = prepare(db, &q_items, whole, p, &rc);

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int item = sqlite3_column_int(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		long k = (long)sqlite3_column_int64(st, 2);

		if (item < 1 || item > GU_ITEMS_MAX || !v)
			continue;
		if (item > d->items)
			d->items = item;
		if (strcmp(v, "eligible") == 0)
			d->eligible[item] = k;
		else
			d->verify[item] = k;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Counts cases by township, most first; returns the SQLite result. */
static int count_townships(gu_db *db, const struct period *p, bool whole, gu_dashboard *d,
	bool *oom)
{
	size_t cap = 0;
	int rc;
	sqlite3_stmt *st = prepare(db, &q_townships, whole, p, &rc);

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->ntownships == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			gu_township_count *nv = realloc(d->townships, ncap * sizeof *nv);

			if (!nv) {
				*oom = true;
				rc = SQLITE_DONE;
				break;
			}
			d->townships = nv;
			cap = ncap;
		}
		gu_column_copy(st, 0, d->townships[d->ntownships].township,
			sizeof d->townships[0].township);
		d->townships[d->ntownships++].cases = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Reads the rows (a name, a count) of q into *v and *n, most first;
 * returns the SQLite result, with *oom set when memory ran out. */
static int count_named(gu_db *db, const struct query *q, const struct period *p,
	gu_dash_count **v, size_t *n, bool *oom)
{
	size_t cap = 0;
	int rc;
	sqlite3_stmt *st = prepare(db, q, false, p, &rc);

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			gu_dash_count *nv = realloc(*v, ncap * sizeof *nv);

			if (!nv) {
				*oom = true;
				rc = SQLITE_DONE;
				break;
			}
			*v = nv;
			cap = ncap;
		}
		gu_column_copy(st, 0, (*v)[*n].name, sizeof (*v)[0].name);
		(*v)[(*n)++].cases = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Counts the alerts raised and recorded; returns the SQLite result. */
static int count_alerts(gu_db *db, const struct period *p, gu_dashboard *d)
{
	int rc;
	sqlite3_stmt *st = prepare(db, &q_alerts, false, p, &rc);

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *alert = (const char *)sqlite3_column_text(st, 0);
		gu_dash_alert *k;

		if (!alert)
			continue;
		k = &d->reports[strcmp(alert, GU_ALERT_DROPOUT) == 0 ? GU_REPORT_EDUCATION
			: GU_REPORT_POLICE];
		k->raised = (long)sqlite3_column_int64(st, 1);
		k->recorded = (long)sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Counts open and overdue follow-ups; returns the SQLite result. */
static int count_followups(gu_db *db, const struct period *p, bool whole, gu_dashboard *d)
{
	int rc;
	sqlite3_stmt *st = prepare(db, &q_followups, whole, p, &rc);

	if (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->followups_open = (long)sqlite3_column_int64(st, 0);
		d->overdue = (long)sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Loads the dashboard; returns 0 or < 0. */
int gu_dashboard_load(gu_db *db, const char *from, const char *to, const char *today,
	gu_dashboard *out, gu_error *err)
{
	struct period p;
	gu_date df, dt, dn;
	bool has_from, has_to, has_today, whole, oom = false;
	int ret, rc;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	if ((ret = parse_date(from, "--from", &df, &has_from, err)) < 0
	    || (ret = parse_date(to, "--to", &dt, &has_to, err)) < 0
	    || (ret = parse_date(today, "today", &dn, &has_today, err)) < 0)
		return ret;
	if (has_from && has_to && gu_date_cmp(df, dt) > 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the period ends (%s) before it starts (%s)"), to, from);
	ret = gu_access_list_worker(db, NULL, &p.worker, err);
	if (ret < 0)
		return ret;
	snprintf(p.from, sizeof p.from, "%s", NO_FROM);
	snprintf(p.to, sizeof p.to, "%s", NO_TO);
	if (has_from)
		gu_date_format(df, p.from);
	if (has_to)
		gu_date_format(dt, p.to);
	gu_date_format(has_today ? dn : gu_date_today(), p.today);
	whole = !has_from && !has_to && !p.worker;
	rc = count_status(db, &p, whole, out);
	if (rc == SQLITE_OK)
		rc = count_groups(db, &p, whole, out);
	if (rc == SQLITE_OK)
		rc = count_items(db, &p, whole, out);
	if (rc == SQLITE_OK)
		rc = count_townships(db, &p, whole, out, &oom);
	if (rc == SQLITE_OK)
		rc = count_followups(db, &p, whole, out);
	if (rc == SQLITE_OK)
		rc = count_named(db, &q_counties, &p, &out->counties, &out->ncounties, &oom);
	if (rc == SQLITE_OK)
		rc = count_named(db, &q_workers, &p, &out->workers, &out->nworkers, &oom);
	if (rc == SQLITE_OK)
		rc = count_alerts(db, &p, out);
	if (oom)
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	else if (rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret < 0)
		gu_dashboard_free(out);
	return ret;
}

/* Frees the dashboard's lists. */
void gu_dashboard_free(gu_dashboard *d)
{
	free(d->townships);
	d->townships = NULL;
	d->ntownships = 0;
	free(d->counties);
	d->counties = NULL;
	d->ncounties = 0;
	free(d->workers);
	d->workers = NULL;
	d->nworkers = 0;
}

/* Writes the dashboard's queries for the sqlite3 shell into buf; returns 0
 * or -GU_EINVAL. */
int gu_dashboard_script(const char *from, const char *to, const char *today, char *buf,
	size_t size, gu_error *err)
{
	gu_date df, dt, dn;
	bool has_from, has_to, has_today;
	char day[11], first[11] = NO_FROM, last[11] = NO_TO;
	bool whole;
	int ret, n;

	if ((ret = parse_date(from, "--from", &df, &has_from, err)) < 0
	    || (ret = parse_date(to, "--to", &dt, &has_to, err)) < 0
	    || (ret = parse_date(today, "today", &dn, &has_today, err)) < 0)
		return ret;
	gu_date_format(has_today ? dn : gu_date_today(), day);
	if (has_from)
		gu_date_format(df, first);
	if (has_to)
		gu_date_format(dt, last);
	whole = !has_from && !has_to;
	n = snprintf(buf, size, ".parameter clear\n"
		".parameter set :from '%s'\n.parameter set :to '%s'\n"
		".parameter set :worker NULL\n.parameter set :today '%s'\n"
		"%s;\n%s;\n%s;\n%s;\n%s;\n%s;\n%s;\n%s;\n",
		first, last, day,
		whole ? sql_status_all : sql_status, whole ? sql_groups_all : sql_groups,
		whole ? sql_items_all : sql_items, whole ? sql_townships_all : sql_townships,
		whole ? sql_followups_all : sql_followups, sql_counties, sql_workers, sql_alerts);
	if (n < 0 || (size_t)n >= size)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no room for the queries"));
	return 0;
}
