/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cases whose alert waits for its report, as the start screen lists
 * them: a report made or overridden takes the case off, a report not made
 * yet does not, a closed case leaves, and a worker sees their own. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "db/closure.h"
#include "db/reports.h"
#include "tests/test_supervise_util.h"

TestSuite(reports_open, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Makes a complete case of worker with the alerts ids (comma-free names,
 * up to two); writes its id. */
static void alerted(gu_db *db, const char *worker, const char *name, const char *a1,
	const char *a2, char id[GU_ID_SIZE])
{
	gu_result r[1] = { { .item = 3, .verdict = GU_YES, .persons = "child" } };
	gu_alert al[2];
	gu_results res = { .v = r, .n = 1, .alerts = al, .nalerts = 0 };
	gu_error err;

	memset(al, 0, sizeof al);
	if (a1) {
		snprintf(al[res.nalerts].id, sizeof al[0].id, "%s", a1);
		al[res.nalerts++].text = (char *)"alert";
	}
	if (a2) {
		snprintf(al[res.nalerts].id, sizeof al[0].id, "%s", a2);
		al[res.nalerts++].text = (char *)"alert";
	}
	sv_case(db, worker, "大平房镇", name, "", id);
	cr_assert_eq(gu_case_save_answer(db, id, "interview.date", "2026-10-05", NULL, &err), 0);
	cr_assert_eq(gu_case_save_results(db, id, &res, "p", "1", "h", &err), 0, "%s", err.message);
	sv_status(db, id, GU_CASE_COMPLETE);
}

/* Compares two entries for qsort. */
static int by_text(const void *x, const void *y)
{
	return strcmp(x, y);
}

/* Returns the names listed, each with P for 强制报告 or E for 控辍保学,
 * sorted and comma-separated (cases changed in the same millisecond have
 * no order), in a static buffer. */
static const char *listed(gu_db *db)
{
	static char buf[1400];
	char rows[10][136];
	gu_unreported *v;
	size_t n, i;
	gu_error err;

	cr_assert_eq(gu_report_unreported(db, 10, &v, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++)
		snprintf(rows[i], sizeof rows[i], "%s%s", v[i].child_name,
			v[i].kind == GU_REPORT_POLICE ? "P" : "E");
	free(v);
	qsort(rows, n, sizeof rows[0], by_text);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, rows[i]);
	}
	return buf;
}

Test(reports_open, an_alert_waits_until_its_report_is_made)
{
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE];
	gu_report_new made = { .kind = GU_REPORT_POLICE, .unit = "双塔派出所" };
	gu_report_new later = { .kind = GU_REPORT_EDUCATION, .not_yet = "学校放假" };
	gu_error err;

	alerted(db, "li", "甲", "mandatory_report", "dropout", a);
	alerted(db, "li", "乙", "dropout", NULL, b);
	alerted(db, "li", "丙", NULL, NULL, c);
	cr_assert_str_eq(listed(db), "乙E,甲E,甲P", "丙 has no alert");
	cr_assert_eq(gu_report_add(db, a, &made, &err), 0, "%s", err.message);
	cr_assert_eq(gu_report_add(db, b, &later, &err), 0, "%s", err.message);
	cr_assert_str_eq(listed(db), "乙E,甲E", "made: off the list; not made yet: still on it");
	cr_assert_eq(gu_case_close(db, b, "moved_out", NULL, &err), 0, "%s", err.message);
	cr_assert_str_eq(listed(db), "甲E", "a closed case leaves");
	gu_db_close(db);
}

Test(reports_open, a_worker_sees_their_own)
{
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE];

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	alerted(db, "li", "李的", "mandatory_report", NULL, a);
	alerted(db, "zhao", "赵的", "mandatory_report", NULL, b);
	cr_assert_str_eq(listed(db), "李的P,赵的P", "a supervisor sees all");
	gu_db_close(db);
	db = sv_open();
	sv_login(db, "li");
	cr_assert_str_eq(listed(db), "李的P");
	gu_db_close(db);
}
