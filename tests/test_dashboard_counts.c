/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard's alerts, counties and workers (db/dashboard.c) agree with
 * plain SQL counts made on a separate connection: the alerts raised and
 * recorded (a report made or overridden, not one "not yet"), the cases by
 * the hukou county answer, and by the worker a case is assigned to, else
 * its creator. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <string.h>

#include "core/keys.h"
#include "db/dashboard.h"
#include "db/reports.h"
#include "db/search.h"
#include "tests/test_supervise_util.h"

TestSuite(dashboard_counts, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Returns the single integer sql gives on a separate connection. */
static long raw_long(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long v = -1;

	cr_assert_eq(sqlite3_open_v2(sv_path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Runs sql on a separate connection or fails the test. */
static void raw_exec(const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;

	cr_assert_eq(sqlite3_open_v2(sv_path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, &msg), SQLITE_OK, "%s", msg ? msg : "");
	sqlite3_close(h);
}

/* Stores a case of worker interviewed on date in the hukou county (NULL:
 * none) with the alerts named in alerts (NULL, or ids separated by
 * spaces); writes its id. */
static void add(gu_db *db, const char *worker, const char *date, const char *county,
	const char *alerts, char id[GU_ID_SIZE])
{
	gu_alert al[2];
	gu_results r;
	gu_error err;
	size_t n = 0;

	memset(al, 0, sizeof al);
	memset(&r, 0, sizeof r);
	sv_case(db, worker, "建平镇", "孩子", "", id);
	cr_assert_eq(gu_case_save_answer(db, id, GU_KEY_INTERVIEW_DATE, date, NULL, &err), 0,
		"%s", err.message);
	if (county)
		cr_assert_eq(gu_case_save_answer(db, id, GU_KEY_CHILD_HUKOU_COUNTY, county, NULL,
			&err), 0, "%s", err.message);
	if (alerts && strstr(alerts, GU_ALERT_MANDATORY_REPORT))
		snprintf(al[n++].id, sizeof al[0].id, "%s", GU_ALERT_MANDATORY_REPORT);
	if (alerts && strstr(alerts, GU_ALERT_DROPOUT))
		snprintf(al[n++].id, sizeof al[0].id, "%s", GU_ALERT_DROPOUT);
	r.alerts = al;
	r.nalerts = n;
	cr_assert_eq(gu_case_save_results(db, id, &r, "chaoyang-2024", "1", "abc", &err), 0, "%s", err.message);
}

/* Records a report of kind on the case: made, not yet, or overridden. */
static void report(gu_db *db, const char *id, enum gu_report_kind kind, const char *how)
{
	gu_report_new r = { .kind = kind };
	gu_error err;

	if (strcmp(how, "made") == 0)
		r.unit = "建平镇派出所";
	else if (strcmp(how, "not_yet") == 0)
		r.not_yet = "电话没人接";
	else
		r.override = "已由学校上报";
	cr_assert_eq(gu_report_add(db, id, &r, &err), 0, "%s", err.message);
}

/* Returns the count of name in v (n entries), or -1 when it is not there. */
static long count_of(const gu_dash_count *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].cases;
	return -1;
}

/* The plain SQL counts, written apart from the product's. */
#define IN_MAY " AND (SELECT value FROM answers WHERE case_id = c.id AND key = 'interview.date')" \
	" BETWEEN '2025-05-01' AND '2025-05-31'"
#define RAISED(alert) "SELECT count(*) FROM alerts a JOIN cases c ON c.id = a.case_id" \
	" WHERE a.alert = '" alert "'" IN_MAY
#define RECORDED(alert, kind) RAISED(alert) " AND a.case_id IN (SELECT case_id FROM reports" \
	" WHERE kind = '" kind "' AND (reported_on <> '' OR override <> ''))"
#define BY_COUNTY(code) "SELECT count(*) FROM cases c JOIN answers h ON h.case_id = c.id" \
	" AND h.key = 'child.hukou_county' AND h.value = '" code "' WHERE 1" IN_MAY
#define BY_WORKER(w) "SELECT count(*) FROM cases c LEFT JOIN assignments s" \
	" ON s.case_id = c.id WHERE (CASE WHEN s.assigned_worker <> '' THEN s.assigned_worker" \
	" ELSE c.worker END) = '" w "'" IN_MAY

Test(dashboard_counts, alerts_counties_and_workers_agree_with_plain_sql)
{
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE], d[GU_ID_SIZE], e[GU_ID_SIZE];
	char sql[400];
	gu_dashboard dash;
	gu_error err;

	add(db, "li", "2025-05-02", "211322", GU_ALERT_MANDATORY_REPORT " " GU_ALERT_DROPOUT, a);
	add(db, "li", "2025-05-10", "211322", GU_ALERT_MANDATORY_REPORT, b);
	add(db, "wang", "2025-05-20", "211381", GU_ALERT_DROPOUT, c);
	add(db, "wang", "2025-05-31", NULL, NULL, d);
	/* outside May: counted in no figure of May */
	add(db, "li", "2025-06-01", "211381", GU_ALERT_MANDATORY_REPORT, e);
	report(db, a, GU_REPORT_POLICE, "made");
	report(db, b, GU_REPORT_POLICE, "not_yet");
	report(db, c, GU_REPORT_EDUCATION, "override");
	report(db, e, GU_REPORT_POLICE, "made");
	/* the office assigned b to zhao and d to nobody by name */
	snprintf(sql, sizeof sql, "INSERT INTO assignments (case_id, assigned_device,"
		" assigned_worker, assigned_at, updated_at, device) VALUES"
		" ('%s', 'dev-zhao', 'zhao', 1, 1, 'office'), ('%s', 'dev-x', '', 1, 1, 'office')",
		b, d);
	raw_exec(sql);
	cr_assert_eq(gu_dashboard_load(db, "2025-05-01", "2025-05-31", NULL, &dash, &err), 0, "%s",
		err.message);
	cr_assert_eq(dash.cases, 4);
	cr_assert_eq(dash.reports[GU_REPORT_POLICE].raised, raw_long(RAISED("mandatory_report")));
	cr_assert_eq(dash.reports[GU_REPORT_POLICE].raised, 2);
	cr_assert_eq(dash.reports[GU_REPORT_POLICE].recorded,
		raw_long(RECORDED("mandatory_report", "police")));
	cr_assert_eq(dash.reports[GU_REPORT_POLICE].recorded, 1, "a report not yet made is not recorded");
	cr_assert_eq(dash.reports[GU_REPORT_EDUCATION].raised, raw_long(RAISED("dropout")));
	cr_assert_eq(dash.reports[GU_REPORT_EDUCATION].raised, 2);
	cr_assert_eq(dash.reports[GU_REPORT_EDUCATION].recorded,
		raw_long(RECORDED("dropout", "education")));
	cr_assert_eq(dash.reports[GU_REPORT_EDUCATION].recorded, 1, "an override is recorded");
	cr_assert_eq(count_of(dash.counties, dash.ncounties, "211322"), raw_long(BY_COUNTY("211322")));
	cr_assert_eq(count_of(dash.counties, dash.ncounties, "211322"), 2);
	cr_assert_eq(count_of(dash.counties, dash.ncounties, "211381"), raw_long(BY_COUNTY("211381")));
	cr_assert_eq(count_of(dash.counties, dash.ncounties, ""), 1, "a case without the answer");
	cr_assert_eq(dash.ncounties, 3);
	cr_assert_str_eq(dash.counties[0].name, "211322", "most cases first");
	cr_assert_eq(count_of(dash.workers, dash.nworkers, "li"), raw_long(BY_WORKER("li")));
	cr_assert_eq(count_of(dash.workers, dash.nworkers, "li"), 1, "b is zhao's now");
	cr_assert_eq(count_of(dash.workers, dash.nworkers, "zhao"), raw_long(BY_WORKER("zhao")));
	cr_assert_eq(count_of(dash.workers, dash.nworkers, "zhao"), 1);
	cr_assert_eq(count_of(dash.workers, dash.nworkers, "wang"), raw_long(BY_WORKER("wang")));
	cr_assert_eq(count_of(dash.workers, dash.nworkers, "wang"), 2,
		"an assignment without a worker leaves the case its creator's");
	gu_dashboard_free(&dash);
	/* all time: e counts too */
	cr_assert_eq(gu_dashboard_load(db, NULL, NULL, NULL, &dash, &err), 0, "%s", err.message);
	cr_assert_eq(dash.reports[GU_REPORT_POLICE].raised, 3);
	cr_assert_eq(dash.reports[GU_REPORT_POLICE].recorded, 2);
	cr_assert_eq(count_of(dash.workers, dash.nworkers, "li"), 2);
	gu_dashboard_free(&dash);
	gu_db_close(db);
}

/* Returns the worker the case list shows for case id in v, or NULL. */
static const char *listed_worker(const gu_case_row *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return v[i].worker;
	return NULL;
}

Test(dashboard_counts, the_case_list_shows_the_assigned_worker)
{
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], d[GU_ID_SIZE], sql[400];
	gu_case_info info;
	gu_case_row *v = NULL;
	gu_error err;
	size_t n = 0;

	/* the answers file's interviewer made the cases at the office */
	add(db, "测试社工", "2025-05-02", NULL, NULL, a);
	add(db, "测试社工", "2025-05-03", NULL, NULL, b);
	add(db, "测试社工", "2025-05-04", NULL, NULL, d);
	snprintf(sql, sizeof sql, "INSERT INTO assignments (case_id, assigned_device,"
		" assigned_worker, assigned_at, updated_at, device) VALUES"
		" ('%s', 'dev-li', '李娜', 1, 1, 'office'), ('%s', 'dev-x', '', 1, 1, 'office')",
		a, d);
	raw_exec(sql);
	cr_assert_eq(gu_case_list(db, NULL, &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(listed_worker(v, n, a), "李娜", "the assigned worker, not the interviewer");
	cr_assert_str_eq(listed_worker(v, n, b), "测试社工", "an unassigned case: who made it");
	cr_assert_str_eq(listed_worker(v, n, d), "测试社工",
		"an assignment without a worker leaves the case its creator's");
	free(v);
	cr_assert_eq(gu_case_get(db, a, &info, &err), 0, "%s", err.message);
	cr_assert_str_eq(info.worker, "李娜", "the case view's worker too");
	gu_db_close(db);
}
