/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reports count interviews, not imports: the dashboard dates a case by its
 * interview.date, so interviews of 2024 stored today count in 2024.  Its
 * follow-up counts leave closed cases out. */
#include "config.h"

#include <criterion/criterion.h>

#include "core/date.h"
#include "db/closure.h"
#include "db/dashboard.h"
#include "tests/test_supervise_util.h"

TestSuite(dashboard_dates, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Stores a case interviewed on date (NULL: a draft without one). */
static void interviewed(gu_db *db, const char *name, const char *date)
{
	char id[GU_ID_SIZE];
	gu_error err;

	sv_case(db, "li", "大平房镇", name, "", id);
	if (date)
		cr_assert_eq(gu_case_save_answer(db, id, "interview.date", date, NULL, &err), 0,
			"%s", err.message);
}

/* Returns the cases the dashboard counts from from to to. */
static long counted(gu_db *db, const char *from, const char *to)
{
	gu_dashboard d;
	gu_error err;
	long n;

	cr_assert_eq(gu_dashboard_load(db, from, to, NULL, &d, &err), 0, "%s", err.message);
	n = d.cases;
	gu_dashboard_free(&d);
	return n;
}

Test(dashboard_dates, cases_count_in_the_month_they_were_interviewed)
{
	gu_db *db = sv_open();
	char today[16];

	gu_date_format(gu_date_today(), today);
	interviewed(db, "一", "2024-05-10");
	interviewed(db, "二", "2024-05-31");
	interviewed(db, "三", "2024-06-01");
	interviewed(db, "四", NULL);
	cr_assert_eq(counted(db, "2024-05-01", "2024-05-31"), 2, "May 2024, both ends included");
	cr_assert_eq(counted(db, "2024-06-01", "2024-06-30"), 1);
	cr_assert_eq(counted(db, "2024-01-01", "2024-12-31"), 3);
	cr_assert_eq(counted(db, today, today), 1, "the draft without a date counts today");
	cr_assert_eq(counted(db, NULL, NULL), 4);
	gu_db_close(db);
}

/* Sets *open and *overdue to the dashboard's follow-up counts from from to
 * to (NULL: all), as of 2025-05-01. */
static void follow_ups(gu_db *db, const char *from, const char *to, long *open, long *overdue)
{
	gu_dashboard d;
	gu_error err;

	cr_assert_eq(gu_dashboard_load(db, from, to, "2025-05-01", &d, &err), 0, "%s", err.message);
	*open = d.followups_open;
	*overdue = d.overdue;
	gu_dashboard_free(&d);
}

Test(dashboard_dates, follow_up_counts_leave_closed_cases_out)
{
	gu_db *db = sv_open();
	gu_result r[1] = { { .item = 3, .verdict = GU_YES, .persons = "child" } };
	gu_results res = { .v = r, .n = 1 };
	gu_followup_new f = { .status = GU_REF_REFERRED, .date = "2025-03-02",
		.next_due = "2025-04-01" };
	char id[GU_ID_SIZE];
	long open, overdue;
	gu_error err;

	sv_case(db, "li", "大平房镇", "王小明", "", id);
	cr_assert_eq(gu_case_save_answer(db, id, "interview.date", "2025-03-01", NULL, &err), 0);
	cr_assert_eq(gu_case_save_results(db, id, &res, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	follow_ups(db, NULL, NULL, &open, &overdue);
	cr_assert_eq(open, 1);
	cr_assert_eq(overdue, 1);
	follow_ups(db, "2025-01-01", "2025-12-31", &open, &overdue);
	cr_assert_eq(open, 1);
	cr_assert_eq(overdue, 1);
	cr_assert_eq(gu_case_close(db, id, "moved_out", NULL, &err), 0, "%s", err.message);
	follow_ups(db, NULL, NULL, &open, &overdue);
	cr_assert_eq(open, 0, "a closed case's referral is not open work");
	cr_assert_eq(overdue, 0);
	follow_ups(db, "2025-01-01", "2025-12-31", &open, &overdue);
	cr_assert_eq(open, 0, "nor in a period");
	cr_assert_eq(overdue, 0);
	gu_db_close(db);
}
