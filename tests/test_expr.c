/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The condition language: three values, comparisons, sets, quantifiers
 * over persons, facts and parameters, on a minimal policy. */
#include "config.h"

#include "tests/test_policy_util.h"

#define EXTRA \
	"question child.m\n  type: multi\n  section: s\n  zh: 多\n  en: M\n" \
	"  choice: a | 甲 | A\n  choice: b | 乙 | B\n  choice: c | 丙 | C\n" \
	"question child.y\n  type: yesno\n  section: s\n  zh: 是\n  en: Y\n  when: child.n > 5\n" \
	"question child.dob\n  type: date\n  section: s\n  zh: 生\n  en: Born\n" \
	"question child.d\n  type: date\n  section: s\n  zh: 日\n  en: D\n" \
	"question child.c\n  type: code\n  section: s\n  zh: 码\n  en: C\n  none: yes\n" \
	"question *.w\n  type: integer\n  section: s\n  persons: father, mother, member\n" \
	"  zh: 重\n  en: W\n  min: 0\n  max: 99\n" \
	"param lim\n  value: 10\n" \
	"param codes\n  value: {211302, 211303}\n" \
	"param kinds\n  value: {a}\n" \
	"fact heavy(p)\n  is: p.w >= lim\n" \
	"fact big\n  is: child.n >= lim\n  zh: 大\n  en: big\n"

/* Returns item 1's verdict under rule for answers text. */
static gu_tv eval_rule(const char *rule, const char *answers, char *persons)
{
	gu_policy *p = NULL;
	gu_error err;
	char text[4096];
	gu_tv v;

	if (tp_load_mini(EXTRA, rule, 0, &p, &err) < 0)
		cr_assert_fail("rule [%s] does not load: %s %s", rule, err.where, err.message);
	snprintf(text, sizeof text, "interview.date = 2024-06-01\n%s", answers);
	v = tp_verdict(p, text, 1, persons);
	gu_policy_free(p);
	return v;
}

TestSuite(expr, .timeout = 60);

Test(expr, and_takes_the_lowest_or_the_highest_not_swaps)
{
	cr_assert_eq(eval_rule("yes and maybe", "", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("yes and no", "", NULL), GU_NO);
	cr_assert_eq(eval_rule("maybe and maybe", "", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("no or maybe", "", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("maybe or yes", "", NULL), GU_YES);
	cr_assert_eq(eval_rule("no or no", "", NULL), GU_NO);
	cr_assert_eq(eval_rule("not yes", "", NULL), GU_NO);
	cr_assert_eq(eval_rule("not no", "", NULL), GU_YES);
	cr_assert_eq(eval_rule("not maybe", "", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("not not yes", "", NULL), GU_YES);
	cr_assert_eq(eval_rule("yes or no and no", "", NULL), GU_YES);
	cr_assert_eq(eval_rule("(yes or no) and no", "", NULL), GU_NO);
}

Test(expr, no_wins_an_and_with_maybe_on_either_side)
{
	cr_assert_eq(eval_rule("maybe and no", "", NULL), GU_NO);
	cr_assert_eq(eval_rule("no and maybe", "", NULL), GU_NO);
	cr_assert_eq(eval_rule("maybe or no", "", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("yes or maybe", "", NULL), GU_YES);
}

Test(expr, cap_lowers_yes_to_maybe)
{
	cr_assert_eq(eval_rule("cap(yes)", "", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("cap(maybe)", "", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("cap(no)", "", NULL), GU_NO);
}

Test(expr, an_unknown_answer_is_maybe)
{
	cr_assert_eq(eval_rule("child.kind = a", "child.kind = unknown\n", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("child.kind != a", "child.kind = unknown\n", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("child.n > 3", "child.n = unknown\n", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("child.kind is unknown", "child.kind = unknown\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.kind is unknown", "child.kind = a\n", NULL), GU_NO);
}

Test(expr, an_absent_answer_to_a_question_that_applies_is_maybe)
{
	cr_assert_eq(eval_rule("child.kind = a", "", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("child.y", "child.n = 7\n", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("child.y", "child.n = unknown\n", NULL), GU_MAYBE);
}

Test(expr, an_absent_answer_to_a_question_that_does_not_apply_is_no)
{
	cr_assert_eq(eval_rule("child.y", "child.n = 2\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("not child.y", "child.n = 2\n", NULL), GU_YES);
	/* An answer kept from before the change counts in no rule. */
	cr_assert_eq(eval_rule("child.y", "child.n = 2\nchild.y = yes\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.y", "child.n = 9\nchild.y = yes\n", NULL), GU_YES);
}

Test(expr, numbers_dates_and_codes_compare)
{
	cr_assert_eq(eval_rule("child.n between 3 and 6", "child.n = 3\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.n between 3 and 6", "child.n = 6\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.n between 3 and 6", "child.n = 7\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.n >= lim", "child.n = 10\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.n < lim", "child.n = 10\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.d < 2020-02-29", "child.d = 2020-02-28\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.d <= interview.date", "child.d = 2024-06-02\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.c in codes", "child.c = 211303\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.c in codes", "child.c = 211321\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.c = none", "child.c = none\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.c in {110105}", "child.c = 110105\n", NULL), GU_YES);
}

Test(expr, multi_choice_membership)
{
	cr_assert_eq(eval_rule("child.m has any of {a, c}", "child.m = b, c\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.m has any of {a}", "child.m = b, c\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.m has all of {b, c}", "child.m = c,b\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.m has all of {a, c}", "child.m = c\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.m has any of {a}", "child.m =\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.m has any of {a}", "child.m = unknown\n", NULL), GU_MAYBE);
	cr_assert_eq(eval_rule("child.kind in kinds", "child.kind = a\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.kind in kinds", "child.kind = b\n", NULL), GU_NO);
}

Test(expr, facts_are_reused_and_take_persons)
{
	cr_assert_eq(eval_rule("big", "child.n = 12\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("big and not big", "child.n = 12\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("heavy(father)", "father.w = 12\nmother.w = 1\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("heavy(mother)", "father.w = 12\nmother.w = 1\n", NULL), GU_NO);
}

Test(expr, the_twentieth_member_counts)
{
	char answers[1024] = "", who[256];
	int m;

	for (m = 1; m <= 20; m++) {
		size_t used = strlen(answers);

		snprintf(answers + used, sizeof answers - used, "member.%d.w = %d\n", m, m == 20 ? 40 : 1);
	}
	cr_assert_eq(eval_rule("any p of member (p.w >= 10)", answers, who), GU_YES);
	cr_assert_str_eq(who, "member.20");
}

Test(expr, quantifiers_name_the_persons_at_the_highest_value)
{
	char who[256];

	cr_assert_eq(eval_rule("any p of father, mother, member (p.w >= 10)",
		"father.w = 12\nmother.w = 3\nmember.1.w = 40\nmember.2.w = 1\n", who), GU_YES);
	cr_assert_str_eq(who, "father,member.1");
	cr_assert_eq(eval_rule("any p of father, mother, member (heavy(p))",
		"father.w = 2\nmother.w = unknown\nmember.3.w = 1\n", who), GU_MAYBE);
	cr_assert_str_eq(who, "mother");
	cr_assert_eq(eval_rule("any p of member (p.w > 0)", "father.w = 12\n", who), GU_NO);
	cr_assert_eq(eval_rule("yes as household", "", who), GU_YES);
	cr_assert_str_eq(who, "household");
	cr_assert_eq(eval_rule("no as household or yes", "", who), GU_YES);
	cr_assert_str_eq(who, "child");
}

Test(expr, the_child_age_counts_whole_years)
{
	cr_assert_eq(eval_rule("child.age = 5", "child.dob = 2018-06-01\n", NULL), GU_NO);
	cr_assert_eq(eval_rule("child.age = 6", "child.dob = 2018-06-01\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.age = 5", "child.dob = 2018-06-02\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.age = 5", "child.dob = unknown\n", NULL), GU_MAYBE);
}

Test(expr, a_child_under_one_year_is_0_not_unknown)
{
	cr_assert_eq(eval_rule("child.age = 0", "child.dob = 2023-06-02\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.age = 0", "child.dob = 2024-06-01\n", NULL), GU_YES,
		"born on the interview date");
	cr_assert_eq(eval_rule("child.age < 1", "child.dob = 2024-01-01\n", NULL), GU_YES);
	cr_assert_eq(eval_rule("child.age = 1", "child.dob = 2023-06-01\n", NULL), GU_YES);
}
