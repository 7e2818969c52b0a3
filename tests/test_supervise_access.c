/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Role enforcement inside the case store: a worker cannot read, list or
 * change another worker's case; a supervisor can; without users who can
 * log in everything is open; once they exist a login is needed. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "db/groups.h"
#include "db/search.h"
#include "tests/test_supervise_util.h"

TestSuite(access, .init = sv_setup, .fini = sv_teardown, .timeout = 120);

static char a[GU_ID_SIZE], b[GU_ID_SIZE];

/* Makes li's case a and zhao's case b, then users wang (supervisor), li
 * and zhao (workers); returns the store with nobody logged in. */
static gu_db *two_workers(void)
{
	gu_db *db = sv_open();
	gu_case_info info;
	gu_case_row *v;
	size_t n;
	gu_error err;

	sv_case(db, "li", "大平房镇", "张小红", "", a);
	sv_case(db, "zhao", "联合镇", "王小明", "", b);
	/* No users yet: everything is open. */
	cr_assert_eq(gu_case_get(db, b, &info, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_list(db, NULL, &v, &n, &err), 0);
	cr_assert_eq(n, 2);
	free(v);
	cr_assert_eq(gu_case_save_answer(db, b, "child.sex", "male", NULL, &err), 0);
	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_user(db, "zhao", GU_ROLE_WORKER);
	gu_auth_logout(db);
	return db;
}

Test(access, nobody_logged_in_sees_nothing_once_users_exist)
{
	gu_db *db = two_workers();
	gu_case_info info;
	gu_case_row *v;
	size_t n;
	gu_error err;

	cr_assert_eq(gu_case_get(db, a, &info, &err), -GU_EPERM);
	cr_assert(strstr(err.message, "--user") != NULL, "%s", err.message);
	cr_assert_eq(gu_case_list(db, NULL, &v, &n, &err), -GU_EPERM);
	cr_assert_eq(gu_case_save_answer(db, a, "child.sex", "female", NULL, &err), -GU_EPERM);
	gu_db_close(db);
}

Test(access, a_worker_reads_and_lists_only_their_own_cases)
{
	gu_db *db = two_workers();
	gu_case_filter f = { .worker = "zhao" };
	gu_case_info info;
	gu_case_row *v;
	size_t n;
	gu_error err;

	sv_login(db, "li");
	cr_assert_eq(gu_case_get(db, a, &info, &err), 0, "%s", err.message);
	cr_assert_str_eq(info.child_name, "张小红");
	cr_assert_eq(gu_case_get(db, b, &info, &err), -GU_EPERM);
	cr_assert(strstr(err.message, b) != NULL, "%s", err.message);
	cr_assert_eq(gu_case_list(db, NULL, &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].id, a);
	free(v);
	cr_assert_eq(gu_case_list(db, &f, &v, &n, &err), -GU_EPERM, "zhao's list is not li's");
	gu_db_close(db);
}

Test(access, a_worker_cannot_change_another_workers_case)
{
	gu_db *db = two_workers();
	gu_answers ans, got;
	gu_error err;

	sv_login(db, "li");
	cr_assert_eq(gu_case_save_answer(db, a, "child.sex", "female", NULL, &err), 0,
		"%s", err.message);
	cr_assert_eq(gu_case_save_answer(db, b, "child.sex", "female", NULL, &err), -GU_EPERM);
	gu_answers_init(&ans);
	cr_assert_eq(gu_answers_set(&ans, "child.sex", "female"), 0);
	cr_assert_eq(gu_case_save_answers(db, b, &ans, NULL, &err), -GU_EPERM);
	gu_answers_free(&ans);
	sv_login(db, "wang");
	cr_assert_eq(gu_case_load_answers(db, b, &got, &err), 0, "%s", err.message);
	cr_assert_str_eq(gu_answers_get(&got, "child.sex"), "male", "zhao's answer is unchanged");
	gu_answers_free(&got);
	gu_db_close(db);
}

Test(access, a_supervisor_reads_lists_and_changes_every_case)
{
	gu_db *db = two_workers();
	gu_case_filter f = { .worker = "zhao" };
	gu_case_info info;
	gu_case_row *v;
	size_t n;
	gu_error err;

	sv_login(db, "wang");
	cr_assert_eq(gu_case_get(db, b, &info, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_list(db, NULL, &v, &n, &err), 0);
	cr_assert_eq(n, 2);
	free(v);
	cr_assert_eq(gu_case_list(db, &f, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].id, b);
	free(v);
	cr_assert_eq(gu_case_save_answer(db, b, "child.sex", "female", "checked", &err), 0,
		"%s", err.message);
	gu_db_close(db);
}

Test(access, a_case_from_before_users_is_not_opened_to_a_later_worker)
{
	gu_db *db = sv_open();
	char early[GU_ID_SIZE], own[GU_ID_SIZE];
	gu_case_info info;
	gu_case_row *v;
	size_t n;
	gu_error err;

	/* Made before anyone could log in: nobody's case. */
	sv_case(db, "", "大平房镇", "孙小雨", "", early);
	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_login(db, "li");
	sv_case(db, "li", "大平房镇", "李明", "", own);
	cr_assert_eq(gu_case_get(db, own, &info, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_get(db, early, &info, &err), -GU_EPERM,
		"a worker added later read a case nobody was given");
	cr_assert_eq(gu_case_save_answer(db, early, "child.sex", "female", NULL, &err), -GU_EPERM);
	cr_assert_eq(gu_case_list(db, NULL, &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1, "the worker's list holds %zu cases", n);
	cr_assert_str_eq(v[0].id, own);
	free(v);
	sv_login(db, "wang");
	cr_assert_eq(gu_case_get(db, early, &info, &err), 0, "the supervisor reads it: %s", err.message);
	gu_db_close(db);
}

Test(access, a_case_made_without_a_worker_belongs_to_the_worker_logged_in)
{
	gu_db *db = sv_open();
	gu_case_new c = { .township = "大平房镇", .child_name = "孙小雨" };
	char id[GU_ID_SIZE];
	gu_case_info info;
	gu_error err;

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_login(db, "li");
	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0, "li cannot read her own case: %s", err.message);
	cr_assert_str_eq(info.worker, "li");
	gu_db_close(db);
}

Test(access, saved_results_keep_the_groups)
{
	gu_db *db = sv_open();
	gu_result r = { .item = 25, .verdict = GU_YES, .persons = "child" };
	gu_results rs = { .v = &r, .n = 1, .groups = "left_behind,difficult" };
	char groups[64];
	gu_error err;

	sv_case(db, "li", "大平房镇", "张小红", "", a);
	cr_assert_eq(gu_case_save_results(db, a, &rs, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_get_groups(db, a, groups, sizeof groups, &err), 0);
	cr_assert_str_eq(groups, "left_behind,difficult");
	gu_db_close(db);
}
