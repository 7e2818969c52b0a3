/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Re-screening: a child who has turned 7 loses items 1 and 2; an
 * unchanged date changes nothing; every case with a summary; a worker
 * re-screens only their own cases; bad dates and answers are reported. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/eval.h"
#include "core/policy.h"
#include "db/rescreen.h"
#include "tests/test_supervise_util.h"

TestSuite(rescreen, .init = sv_setup, .fini = sv_teardown, .timeout = 120);

static const char kid[] =
	"interview.date = 2025-05-01\n"
	"child.name = 刘小宝\n"
	"child.dob = 2018-06-01\n"
	"child.hukou_county = 211321\n"
	"child.hukou_kind = village\n"
	"child.residence_county = 211321\n"
	"child.residence_kind = rural\n"
	"child.lives_with = grandparents\n"
	"father.status = migrant\n"
	"mother.status = migrant\n";

/* Loads the city's policy file or fails the test; returns it. */
static gu_policy *policy(void)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_eq(gu_policy_load_file(TOP_SRCDIR "/data/chaoyang-2024.policy", &p, &err), 0,
		"%s: %s", err.where, err.message);
	return p;
}

/* Stores the answers as a case of worker with their results; writes its id. */
static void store(gu_db *db, const gu_policy *p, const char *text, const char *worker,
	char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = worker, .policy_id = gu_policy_id(p),
		.policy_version = gu_policy_version(p), .policy_hash = gu_policy_hash(p) };
	gu_answers a;
	gu_results r;
	gu_error err;

	cr_assert_eq(gu_answers_parse(text, strlen(text), "kid.answers", &a, &err), 0);
	cr_assert_eq(gu_policy_check_answers(p, &a, "kid.answers", &err), 0, "%s", err.message);
	cr_assert_eq(gu_evaluate(p, &a, &r, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_import(db, &c, &a, &r, GU_CASE_COMPLETE, id, &err), 0,
		"%s", err.message);
	gu_results_free(&r);
	gu_answers_free(&a);
}

/* Returns the change of item in r, or NULL. */
static const gu_item_change *change_of(const gu_rescreen *r, int item)
{
	size_t i;

	for (i = 0; i < r->nchanges; i++)
		if (r->changes[i].item == item)
			return &r->changes[i];
	return NULL;
}

Test(rescreen, a_child_who_turned_7_loses_items_1_and_2)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	char id[GU_ID_SIZE];
	gu_rescreen r;
	gu_error err;
	const gu_item_change *c;

	store(db, p, kid, "li", id);
	cr_assert_eq(gu_rescreen_case(db, p, id, "2025-07-01", &r, &err), 0, "%s", err.message);
	cr_assert_str_eq(r.date, "2025-07-01");
	cr_assert_str_eq(r.child_name, "刘小宝");
	cr_assert_str_eq(r.saved_policy, gu_policy_hash(p));
	c = change_of(&r, 1);
	cr_assert_not_null(c, "item 1 changes");
	cr_assert_eq(c->kind, GU_CHANGE_LOST);
	cr_assert_eq(c->before, GU_YES);
	cr_assert_eq(c->after, GU_NO);
	c = change_of(&r, 2);
	cr_assert_not_null(c);
	cr_assert_eq(c->kind, GU_CHANGE_LOST);
	cr_assert_null(change_of(&r, 12), "item 12 does not depend on the age of 7");
	gu_rescreen_free(&r);

	/* The day before the 7th birthday nothing is lost yet. */
	cr_assert_eq(gu_rescreen_case(db, p, id, "2025-05-31", &r, &err), 0, "%s", err.message);
	cr_assert_null(change_of(&r, 1));
	cr_assert_null(change_of(&r, 2));
	gu_rescreen_free(&r);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(rescreen, the_saved_date_and_policy_change_nothing)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	char id[GU_ID_SIZE];
	gu_rescreen r;
	gu_error err;

	store(db, p, kid, "li", id);
	cr_assert_eq(gu_rescreen_case(db, p, id, NULL, &r, &err), 0, "%s", err.message);
	cr_assert_str_eq(r.date, "2025-05-01");
	cr_assert_eq(r.nchanges, 0);
	gu_rescreen_free(&r);
	gu_db_close(db);
	gu_policy_free(p);
}

/* Records the cases the callback saw. */
static void seen(const char *case_id, const gu_rescreen *r, const gu_error *case_err, void *ctx)
{
	size_t *n = ctx;

	(void)case_id;
	cr_assert(r || case_err);
	(*n)++;
}

Test(rescreen, all_cases_with_a_summary_and_a_worker_only_their_own)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE];
	gu_rescreen_summary *sum = calloc(1, sizeof *sum);
	size_t calls = 0;
	gu_error err;

	store(db, p, kid, "li", a);
	store(db, p, kid, "zhao", b);
	cr_assert_eq(gu_rescreen_all(db, p, "2025-07-01", seen, &calls, sum, &err), 0,
		"%s", err.message);
	cr_assert_eq(calls, 2);
	cr_assert_eq(sum->cases, 2);
	cr_assert_eq(sum->changed, 2);
	cr_assert_eq(sum->lost[1], 2);
	cr_assert_eq(sum->lost[2], 2);
	cr_assert_eq(sum->gained[1], 0);
	cr_assert_eq(sum->failed, 0);

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_login(db, "li");
	cr_assert_eq(gu_rescreen_all(db, p, "2025-07-01", NULL, NULL, sum, &err), 0);
	cr_assert_eq(sum->cases, 1);
	free(sum);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(rescreen, bad_dates_and_answers_are_reported)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	char id[GU_ID_SIZE];
	gu_rescreen r;
	gu_error err;

	store(db, p, kid, "li", id);
	cr_assert_eq(gu_rescreen_case(db, p, id, "2025-13-01", &r, &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "YYYY-MM-DD") != NULL, "%s", err.message);
	/* Born after the new interview date: the answers no longer agree. */
	cr_assert_eq(gu_rescreen_case(db, p, id, "2017-01-01", &r, &err), -GU_EANSWERS);
	cr_assert_eq(gu_rescreen_case(db, p, "0123456789abcdef0123456789abcdef", NULL, &r, &err),
		-GU_ENOTFOUND);
	gu_db_close(db);
	gu_policy_free(p);
}
