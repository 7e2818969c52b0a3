/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The mandatory reports of a case (db/reports.c): a report made or a
 * supervisor's override lets the case finish, a report not made yet does
 * not, and each kind counts apart. */

#include <criterion/criterion.h>

#include "db/reports.h"
#include "tests/test_db_util.h"

static char dir[64], path[128];

/* Makes a scratch folder for the test's database. */
static void setup(void)
{
	tdb_mkdir(dir);
	snprintf(path, sizeof path, "%s/reports.db", dir);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	tdb_rmdir(dir);
}

TestSuite(reports, .init = setup, .fini = teardown, .timeout = 60);

/* Opens the store and creates one case; returns the store, its id in id. */
static gu_db *open_case(char id[GU_ID_SIZE])
{
	gu_db *db = NULL;
	gu_error err;
	gu_case_new c = { .worker = "李明", .township = "建平镇", .policy_id = "chaoyang-2024",
		.policy_version = "1", .policy_hash = "abc" };

	cr_assert_eq(gu_db_open(path, &db, &err), 0, "open: %s", err.message);
	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "create: %s", err.message);
	return db;
}

Test(reports, a_report_made_counts_and_a_report_not_yet_does_not, .timeout = 60)
{
	char id[GU_ID_SIZE];
	gu_db *db = open_case(id);
	gu_error err;
	gu_report_new later = { .kind = GU_REPORT_POLICE, .not_yet = "电话没人接" };
	gu_report_new made = { .kind = GU_REPORT_POLICE, .unit = "建平镇派出所", .receipt = "42" };

	cr_assert_eq(gu_report_done(db, id, GU_REPORT_POLICE, &err), 0);
	cr_assert_eq(gu_report_add(db, id, &later, &err), 0, "%s", err.message);
	cr_assert_eq(gu_report_done(db, id, GU_REPORT_POLICE, &err), 0);
	cr_assert_eq(gu_report_add(db, id, &made, &err), 0, "%s", err.message);
	cr_assert_eq(gu_report_done(db, id, GU_REPORT_POLICE, &err), 1);
	/* the other kind is still to report */
	cr_assert_eq(gu_report_done(db, id, GU_REPORT_EDUCATION, &err), 0);
	gu_db_close(db);
}

Test(reports, an_override_counts_and_needs_a_reason, .timeout = 60)
{
	char id[GU_ID_SIZE];
	gu_db *db = open_case(id);
	gu_error err;
	gu_report_new blank = { .kind = GU_REPORT_EDUCATION, .override = " " };
	gu_report_new why = { .kind = GU_REPORT_EDUCATION, .override = "已转学到外市" };

	cr_assert_lt(gu_report_add(db, id, &blank, &err), 0);
	cr_assert_eq(gu_report_done(db, id, GU_REPORT_EDUCATION, &err), 0);
	cr_assert_eq(gu_report_add(db, id, &why, &err), 0, "%s", err.message);
	cr_assert_eq(gu_report_done(db, id, GU_REPORT_EDUCATION, &err), 1);
	gu_db_close(db);
}

Test(reports, what_is_missing_is_said, .timeout = 60)
{
	char id[GU_ID_SIZE];
	gu_db *db = open_case(id);
	gu_error err;
	gu_report_new none = { .kind = GU_REPORT_POLICE };
	gu_report_new baddate = { .kind = GU_REPORT_POLICE, .unit = "所", .date = "2026-02-30" };
	enum gu_report_kind k;

	cr_assert_lt(gu_report_add(db, id, &none, &err), 0);
	cr_assert(strstr(err.message, "unit") != NULL, "%s", err.message);
	cr_assert_lt(gu_report_add(db, id, &baddate, &err), 0);
	cr_assert_eq(gu_report_done(db, id, GU_REPORT_POLICE, &err), 0);
	cr_assert_eq(gu_report_kind_parse("education", &k, &err), 0);
	cr_assert_eq(k, GU_REPORT_EDUCATION);
	cr_assert_lt(gu_report_kind_parse("fire", &k, &err), 0);
	gu_db_close(db);
}
