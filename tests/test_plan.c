/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Skip logic: which questions apply, in what order, person questions per
 * member, and answers kept but ignored when a change makes them not apply. */
#include "config.h"

#include "core/plan.h"
#include "tests/test_policy_util.h"

/* Builds the plan for answers text. */
static void plan_for(const gu_policy *p, const char *text, gu_answers *a, gu_plan *plan)
{
	gu_error err;

	tp_answers(text, a);
	cr_assert_eq(gu_plan_build(p, a, plan, &err), 0);
}

TestSuite(plan, .timeout = 60);

Test(plan, an_empty_interview_starts_with_the_date_and_has_no_members)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_plan plan;
	size_t done, total;

	plan_for(p, "", &a, &plan);
	cr_assert_gt(plan.n, 40);
	cr_assert_str_eq(plan.v[0].key, "interview.date");
	cr_assert_eq(gu_plan_find(&plan, "member.1.relation"), plan.n);
	cr_assert_lt(gu_plan_find(&plan, "father.status"), gu_plan_find(&plan, "mother.status"));
	cr_assert_lt(gu_plan_find(&plan, "child.hukou_county"), gu_plan_find(&plan, "father.status"));
	cr_assert_lt(gu_plan_find(&plan, "child.disability"), gu_plan_find(&plan, "child.school_stage"));
	/* Unknown hukou and residence: the months question may apply. */
	cr_assert_lt(gu_plan_find(&plan, "child.months_at_residence"), plan.n);
	cr_assert_eq(gu_plan_next(&plan, &a, 0), 0);
	gu_plan_progress(&plan, &a, &done, &total);
	cr_assert_eq(done, 0);
	cr_assert_eq(total, plan.n);
	gu_plan_free(&plan);
	gu_answers_free(&a);
	gu_policy_free(p);
}

/* A parent's own questions come together right after the parent's
 * situation: the disability next to 重残, then work; then the other
 * parent; the child's health after both parents. */
Test(plan, a_parents_questions_are_asked_together_after_the_status)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_plan plan;
	size_t st, dis, emp, mst;

	plan_for(p, "interview.date = 2024-09-01\nchild.dob = 2014-01-01\n"
		"father.status = home, severe_disability\nfather.age = 40\n"
		"father.disability = certified\nmother.status = home\nmother.age = 38\n", &a, &plan);
	st = gu_plan_find(&plan, "father.status");
	dis = gu_plan_find(&plan, "father.disability");
	emp = gu_plan_find(&plan, "father.employment");
	mst = gu_plan_find(&plan, "mother.status");
	cr_assert_lt(emp, plan.n);
	cr_assert_eq(dis, gu_plan_find(&plan, "father.age") + 1, "the disability follows the age");
	cr_assert(st < dis && dis < gu_plan_find(&plan, "father.disability_level")
		&& gu_plan_find(&plan, "father.disability_level") < emp && emp < mst);
	cr_assert_lt(gu_plan_find(&plan, "mother.employment"), gu_plan_find(&plan, "child.disability"));
	cr_assert_eq(plan.v[dis].q->section, plan.v[st].q->section, "in the parents' part");
	gu_plan_free(&plan);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(plan, questions_follow_earlier_answers)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_plan plan;

	plan_for(p, "interview.date = 2024-09-01\nchild.hukou_county = 211321\n"
		"child.residence_county = 211321\nchild.residence_kind = rural\n"
		"father.status = migrant\nmother.status = deceased\nchild.school_stage = vocational\n", &a, &plan);
	cr_assert_eq(gu_plan_find(&plan, "child.months_at_residence"), plan.n);
	cr_assert_eq(gu_plan_find(&plan, "child.insured_county"), plan.n);
	cr_assert_lt(gu_plan_find(&plan, "father.age"), plan.n, "a migrant father's age is asked");
	cr_assert_eq(gu_plan_find(&plan, "father.migrant_months"), plan.n, "read by no rule: not asked");
	cr_assert_eq(gu_plan_find(&plan, "child.voc_public"), plan.n, "read by no rule: not asked");
	cr_assert_eq(gu_plan_find(&plan, "mother.age"), plan.n, "a dead mother's age is not asked");
	cr_assert_eq(gu_plan_find(&plan, "mother.employment"), plan.n);
	cr_assert_lt(gu_plan_find(&plan, "child.voc_major"), plan.n);
	cr_assert_lt(gu_plan_find(&plan, "household.rural_house_danger"), plan.n);
	cr_assert_eq(gu_plan_find(&plan, "household.urban_housing_difficulty"), plan.n);
	cr_assert_eq(gu_plan_next(&plan, &a, 0), 1, "the next unanswered question follows the date");
	gu_plan_free(&plan);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(plan, member_questions_are_asked_for_each_member)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_plan plan;
	size_t r1, r3, n1, a3, d3;

	plan_for(p, "interview.date = 2024-09-01\nmember.3.relation = grandparent\n"
		"member.1.relation = sibling\nmember.3.age = 70\n", &a, &plan);
	r1 = gu_plan_find(&plan, "member.1.relation");
	n1 = gu_plan_find(&plan, "member.1.name");
	r3 = gu_plan_find(&plan, "member.3.relation");
	a3 = gu_plan_find(&plan, "member.3.age");
	d3 = gu_plan_find(&plan, "member.3.disability");
	cr_assert_lt(r1, n1);
	cr_assert_lt(n1, r3);
	cr_assert_lt(r3, a3);
	cr_assert_lt(a3, d3);
	cr_assert_lt(d3, plan.n);
	cr_assert_eq(gu_plan_find(&plan, "member.2.relation"), plan.n);
	cr_assert_lt(gu_plan_find(&plan, "member.3.employment"), plan.n);
	cr_assert_str_eq(plan.v[a3].q->key, "member.*.age");
	cr_assert(gu_question_applies(p, &a, "member.3.employment"));
	cr_assert(gu_question_applies(p, &a, "member.9.relation"), "a new member's first question applies");
	gu_plan_free(&plan);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(plan, a_changed_answer_keeps_the_later_one_but_ignores_it)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_plan plan;
	char text[2048];
#define BASE "interview.date = 2024-09-01\nchild.dob = 2014-01-01\n" \
		"child.hukou_county = 211321\nchild.residence_county = 211321\nchild.hukou_kind = city\n" \
		"child.lives_with = father, mother\nfather.status = home\nmother.status = home\n" \
		"father.age = 45\nmother.age = 40\nchild.disability = none\nmother.disability = none\n" \
		"child.smi = no\nfather.smi = no\nmother.smi = no\nhousehold.status =\n" \
		"father.disability = %s\nfather.disability_level = 1\nfather.rehab_need = no\n" \
		"father.disability_types = physical\n"

	snprintf(text, sizeof text, BASE, "certified");
	plan_for(p, text, &a, &plan);
	cr_assert_lt(gu_plan_find(&plan, "father.disability_level"), plan.n);
	cr_assert_eq(tp_verdict(p, text, 18, NULL), GU_MAYBE);
	gu_plan_free(&plan);
	gu_answers_free(&a);

	snprintf(text, sizeof text, BASE, "none");
	plan_for(p, text, &a, &plan);
	cr_assert_eq(gu_plan_find(&plan, "father.disability_level"), plan.n);
	cr_assert_str_eq(gu_answers_get(&a, "father.disability_level"), "1", "the answer is kept");
	cr_assert(!gu_question_applies(p, &a, "father.disability_level"));
	cr_assert_eq(tp_verdict(p, text, 18, NULL), GU_NO, "but counts in no rule");
	gu_plan_free(&plan);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(plan, progress_counts_answered_steps)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_plan plan;
	size_t done, total;

	plan_for(p, "interview.date = 2024-09-01\nchild.name = 王芳\nchild.dob = unknown\n", &a, &plan);
	gu_plan_progress(&plan, &a, &done, &total);
	cr_assert_eq(done, 3);
	cr_assert_eq(total, plan.n);
	cr_assert_eq(gu_plan_next(&plan, &a, 0), gu_plan_find(&plan, "interview.township"));
	gu_plan_free(&plan);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(plan, answers_are_written_in_question_order)
{
	gu_policy *p = tp_load();
	gu_answers a;
	char *s;

	tp_answers("x.custom = 1\nmember.2.age = 9\nhousehold.status = tuopin\nmember.1.relation = sibling\n"
		"member.2.relation = sibling\nfather.status = migrant\ninterview.date = 2024-09-01\n", &a);
	s = gu_policy_format_answers(p, &a);
	cr_assert_str_eq(s, "interview.date = 2024-09-01\nfather.status = migrant\n"
		"member.1.relation = sibling\nmember.2.relation = sibling\nmember.2.age = 9\n"
		"household.status = tuopin\nx.custom = 1\n");
	free(s);
	gu_answers_free(&a);
	gu_policy_free(p);
}

/* Returns the unanswered steps that surely apply for answers text. */
static size_t left_for(const gu_policy *p, const char *text)
{
	gu_answers a;
	gu_plan plan;
	size_t left;

	plan_for(p, text, &a, &plan);
	left = gu_plan_left(&plan, &a);
	gu_plan_free(&plan);
	gu_answers_free(&a);
	return left;
}

/* The questions left are those that surely apply: a new member adds a few
 * (not every question an age not yet given might open), an 8-year-old
 * sibling is asked no adult question, and an adult's age adds only the
 * work questions it opens; nine members do not make the count jump. */
Test(plan, the_questions_left_count_what_surely_applies_per_member)
{
	gu_policy *p = tp_load();
	const char *base = "interview.date = 2024-09-01\nchild.name = 王芳\nchild.dob = 2014-01-01\n";
	char text[4000];
	size_t none, one, child8, adult, nine, len;
	gu_answers a;
	gu_plan plan;

	none = left_for(p, base);
	snprintf(text, sizeof text, "%smember.1.relation = sibling\n", base);
	one = left_for(p, text);
	cr_assert_gt(one, none, "a member adds questions");
	cr_assert_leq(one - none, 7, "a member adds %zu questions, not every maybe", one - none);
	snprintf(text, sizeof text, "%smember.1.relation = sibling\nmember.1.age = 8\n", base);
	child8 = left_for(p, text);
	cr_assert_eq(child8, one - 1, "the age answered; no adult question opens");
	plan_for(p, text, &a, &plan);
	cr_assert_eq(gu_plan_find(&plan, "member.1.employment"), plan.n);
	cr_assert_eq(gu_plan_find(&plan, "member.1.job_need"), plan.n);
	gu_plan_free(&plan);
	gu_answers_free(&a);
	snprintf(text, sizeof text, "%smember.1.relation = grandparent\nmember.1.age = 68\n", base);
	adult = left_for(p, text);
	cr_assert_gt(adult, child8, "an adult is asked about work");
	cr_assert_leq(adult - child8, 4, "only the work questions open");
	len = (size_t)snprintf(text, sizeof text, "%s", base);
	for (int m = 1; m <= 9; m++)
		len += (size_t)snprintf(text + len, sizeof text - len, "member.%d.relation = sibling\n", m);
	nine = left_for(p, text);
	cr_assert_leq(nine - none, 9 * (one - none), "nine members: %zu more left", nine - none);
	cr_assert_lt(nine, 130, "nine members leave %zu, not 222", nine);
	gu_policy_free(p);
}
