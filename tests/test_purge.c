/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention: closed cases past the period are listed, a purge removes
 * their personal data and keeps their counts, only a supervisor purges,
 * and the audit chain stays whole. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/audit_chain.h"
#include "db/dashboard.h"
#include "db/purge.h"
#include "tests/test_supervise_util.h"

TestSuite(purge, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Writes the local date months months after today into buf; returns buf. */
static char *months_ahead(int months, char buf[12])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_mon += months;
	tm.tm_mday = 28; /* a day every month has */
	mktime(&tm);
	strftime(buf, 12, "%Y-%m-%d", &tm);
	return buf;
}

/* Counts the rows sql finds on a separate connection; returns the count. */
static long count(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long n = -1;

	cr_assert_eq(sqlite3_open(sv_path, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* Makes a closed case and an open one, both with a name, ID number and
 * answers; writes their ids. */
static gu_db *two_cases(char closed[GU_ID_SIZE], char open[GU_ID_SIZE])
{
	gu_db *db = sv_open();
	gu_error err;

	sv_case(db, "li", "大平房镇", "刘小宝", "211321201504180025", closed);
	sv_case(db, "li", "大平房镇", "张小红", "211302201501010021", open);
	cr_assert_eq(gu_case_save_answer(db, closed, "child.name", "刘小宝", NULL, &err), 0);
	cr_assert_eq(gu_case_save_answer(db, closed, "child.name", "刘小保", NULL, &err), 0);
	cr_assert_eq(gu_case_save_answer(db, open, "child.name", "张小红", NULL, &err), 0);
	sv_status(db, closed, GU_CASE_COMPLETE);
	cr_assert_eq(gu_case_set_status(db, closed, GU_CASE_CLOSED, "family moved to 沈阳", &err), 0,
		"%s", err.message);
	return db;
}

Test(purge, lists_only_closed_cases_past_the_period)
{
	char closed[GU_ID_SIZE], open[GU_ID_SIZE], day[12];
	gu_purge_case *v;
	gu_error err;
	size_t n;
	gu_db *db = two_cases(closed, open);

	cr_assert_eq(gu_purge_list(db, 36, months_ahead(35, day), &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 0, "within the period nothing is listed");
	free(v);
	cr_assert_eq(gu_purge_list(db, 36, months_ahead(37, day), &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].id, closed);
	cr_assert_str_eq(v[0].township, "大平房镇");
	free(v);
	cr_assert_eq(gu_purge_list(db, 36, "2024-02-30", &v, &n, &err), -GU_EINVAL);
	gu_db_close(db);
}

Test(purge, removes_personal_data_keeps_counts_and_the_chain)
{
	char closed[GU_ID_SIZE], open[GU_ID_SIZE], day[12], sql[300];
	gu_purge_case *v;
	gu_audit_check chk;
	gu_dashboard d;
	gu_error err;
	size_t n;
	gu_db *db = two_cases(closed, open);

	/* Free text a report and a closure can hold (the report not yet made
	 * and why, the closing note). */
	snprintf(sql, sizeof sql, "INSERT INTO reports (id, case_id, kind, not_yet, created_at,"
		" updated_at, device) VALUES ('r1', '%s', 'police', '母亲在沈阳，下周报告', 1, 1, 'd')",
		closed);
	count(sql);
	snprintf(sql, sizeof sql, "INSERT INTO closures (id, case_id, action, reason, note, on_date,"
		" at, updated_at, device) VALUES ('%032d', '%s', 'close', 'moved_out', '搬到沈阳',"
		" '2024-01-02', 1, 1, 'd')", 7, closed);
	count(sql);
	cr_assert_eq(count("SELECT count(*) FROM reports WHERE not_yet LIKE '%沈阳%'")
		+ count("SELECT count(*) FROM closures WHERE note LIKE '%沈阳%'"), 2);
	cr_assert_eq(gu_purge_list(db, 36, months_ahead(40, day), &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_eq(gu_purge_run(db, v, n, &err), 0, "%s", err.message);
	free(v);
	cr_assert_eq(count("SELECT count(*) FROM reports WHERE not_yet LIKE '%沈阳%'"), 0,
		"why a report was not yet made is gone");
	cr_assert_eq(count("SELECT count(*) FROM closures WHERE note LIKE '%沈阳%'"), 0,
		"the closing note is gone");
	cr_assert_eq(count("SELECT count(*) FROM closures WHERE reason = 'moved_out'"), 1,
		"the closing reason is kept for the counts");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = '%s' AND child_name = ''"
		" AND child_id_number = '' AND purged_at IS NOT NULL", closed);
	cr_assert_eq(count(sql), 1, "name and ID number are gone");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM answers WHERE case_id = '%s'", closed);
	cr_assert_eq(count(sql), 0, "the answers are gone");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM answer_history WHERE case_id = '%s'", closed);
	cr_assert_eq(count(sql), 0, "so is their history");
	cr_assert_eq(count("SELECT count(*) FROM audit WHERE detail LIKE '%沈阳%'"), 0,
		"the status note is gone from the audit");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM answers WHERE case_id = '%s'", open);
	cr_assert_eq(count(sql), 1, "the open case keeps its answers");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'case.purge'"
		" AND case_id = '%s'", closed);
	cr_assert_eq(count(sql), 1, "the purge is audited");

	cr_assert_eq(gu_dashboard_load(db, NULL, NULL, NULL, &d, &err), 0, "%s", err.message);
	cr_assert_eq(d.cases, 2, "the purged case is still counted");
	cr_assert_eq(d.by_status[GU_CASE_CLOSED], 1);
	gu_dashboard_free(&d);
	cr_assert_eq(gu_audit_verify(db, &chk, &err), 0, "%s", err.message);
	cr_assert(chk.chained);

	cr_assert_eq(gu_purge_list(db, 36, months_ahead(40, day), &v, &n, &err), 0);
	cr_assert_eq(n, 0, "a purged case is not listed again");
	free(v);
	gu_db_close(db);
}

Test(purge, a_detail_is_cleared_only_for_a_purged_case)
{
	char closed[GU_ID_SIZE], open[GU_ID_SIZE];
	sqlite3 *h;
	gu_db *db = two_cases(closed, open);

	gu_db_close(db);
	cr_assert_eq(sqlite3_open(sv_path, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, "UPDATE audit SET detail = NULL WHERE action = 'case.status'",
		NULL, NULL, NULL), SQLITE_CONSTRAINT, "the guard refuses it for a case not purged");
	sqlite3_close(h);
}

Test(purge, only_a_supervisor_purges)
{
	char closed[GU_ID_SIZE], open[GU_ID_SIZE], day[12];
	gu_purge_case *v = NULL, one;
	gu_error err;
	size_t n;
	gu_db *db = two_cases(closed, open);

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_login(db, "li");
	cr_assert_eq(gu_purge_list(db, 36, months_ahead(40, day), &v, &n, &err), -GU_EPERM);
	memset(&one, 0, sizeof one);
	memcpy(one.id, closed, sizeof one.id);
	cr_assert_eq(gu_purge_run(db, &one, 1, &err), -GU_EPERM);
	gu_db_close(db);
}
