/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The policy's checks (core/checks.c, `check` blocks): each check of the
 * shipped policy is triggered by a family changed in one or two answers,
 * a plain family triggers none, an error rejects an imported file at its
 * line, and the words the checks need (today, KEY + N, child.age_months,
 * child.birth_date) compile and read as documented. */

#include "core/checks.h"
#include "core/stale.h"
#include "tests/test_policy_util.h"

TestSuite(checks, .timeout = 60);

/* A floating pupil living with both parents (tests/profiles/p01). */
#define BASE \
	"interview.date = 2024-09-10\n" \
	"child.id_number = none\n" \
	"child.dob = 2015-11-02\n" \
	"child.sex = female\n" \
	"child.hukou_county = 211322\n" \
	"child.hukou_kind = village\n" \
	"child.residence_county = 211302\n" \
	"child.residence_kind = urban\n" \
	"child.lives_with = father, mother\n" \
	"child.disability = none\n" \
	"child.safety = no\n" \
	"child.school_stage = primary\n" \
	"child.months_at_residence = 30\n" \
	"child.grade = 3\n" \
	"father.status = home\n" \
	"father.age = 38\n" \
	"father.disability = none\n" \
	"mother.status = home\n" \
	"mother.age = 36\n" \
	"mother.disability = none\n"

/* Returns true when the check id holds for BASE changed by change, as
 * of 2024-12-01. */
static bool holds(const gu_policy *p, const char *change, const char *id)
{
	char text[4096];
	gu_answers a;
	gu_check_hit hits[32];
	int n, i;
	bool found = false;

	snprintf(text, sizeof text, "%s%s", BASE, change);
	tp_answers(text, &a);
	n = gu_checks_find(p, &a, "2024-12-01", hits, 32);
	cr_assert_geq(n, 0);
	for (i = 0; i < n && i < 32; i++)
		if (strcmp(hits[i].id, id) == 0)
			found = true;
	gu_answers_free(&a);
	return found;
}

/* Returns how many checks hold for BASE changed by change. */
static int count(const gu_policy *p, const char *change)
{
	char text[4096];
	gu_answers a;
	gu_check_hit hits[32];
	int n;

	snprintf(text, sizeof text, "%s%s", BASE, change);
	tp_answers(text, &a);
	n = gu_checks_find(p, &a, "2024-12-01", hits, 32);
	gu_answers_free(&a);
	return n;
}

Test(checks, a_plain_family_triggers_none, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert_gt(gu_policy_check_count(p), 9);
	cr_assert_eq(count(p, ""), 0);
	gu_policy_free(p);
}

Test(checks, an_unknown_answer_fires_no_check, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(!holds(p, "mother.age = unknown\n", "parent_too_young"));
	cr_assert(!holds(p, "child.grade = unknown\n", "grade_outside_stage"));
	gu_policy_free(p);
}

Test(checks, birth_date_after_the_interview, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(holds(p, "child.dob = 2024-10-01\n", "birth_after_interview"));
	cr_assert(!holds(p, "child.dob = 2024-09-10\n", "birth_after_interview"));
	/* from the ID number, with no date of birth given */
	cr_assert(holds(p, "child.dob = unknown\nchild.id_number = 211322202410010026\n",
		"birth_after_interview"));
	gu_policy_free(p);
}

Test(checks, an_error_comes_before_a_warning, .timeout = 60)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_check_hit hits[8];
	int n;

	tp_answers(BASE "child.dob = 2006-01-01\ninterview.date = 2025-01-01\n", &a);
	n = gu_checks_find(p, &a, "2024-12-01", hits, 8);
	cr_assert_eq(n, 2);
	cr_assert(hits[0].error);
	cr_assert_str_eq(hits[0].id, "interview_in_future");
	cr_assert(!hits[1].error);
	cr_assert_str_eq(hits[1].id, "not_a_child");
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(checks, interview_date_in_the_future, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(holds(p, "interview.date = 2024-12-02\n", "interview_in_future"));
	cr_assert(!holds(p, "interview.date = 2024-12-01\n", "interview_in_future"));
	gu_policy_free(p);
}

Test(checks, alone_with_someone_else, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(holds(p, "child.lives_with = alone, grandparents\n", "alone_with_others"));
	cr_assert(!holds(p, "child.lives_with = alone\n", "alone_with_others"));
	gu_policy_free(p);
}

Test(checks, a_name_twice_in_lives_with, .timeout = 60)
{
	gu_policy *p = tp_load();
	gu_error err;

	cr_assert_lt(gu_policy_check_value(p, "child.lives_with", "mother, mother", &err), 0);
	cr_assert(strstr(err.message, "twice") != NULL, "%s", err.message);
	cr_assert_eq(gu_policy_check_value(p, "child.lives_with", "mother, father", &err), 0);
	gu_policy_free(p);
}

Test(checks, living_with_an_absent_parent, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(holds(p, "father.status = deceased\n", "lives_with_absent_parent"));
	cr_assert(holds(p, "mother.status = detained_6m\n", "lives_with_absent_parent"));
	/* a migrant parent the child moved with is not absent */
	cr_assert(!holds(p, "mother.status = migrant\n", "lives_with_absent_parent"));
	cr_assert(!holds(p, "father.status = deceased\nchild.lives_with = mother\n",
		"lives_with_absent_parent"));
	gu_policy_free(p);
}

Test(checks, grade_outside_the_stage, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(holds(p, "child.grade = 7\n", "grade_outside_stage"));
	cr_assert(!holds(p, "child.grade = 6\n", "grade_outside_stage"));
	cr_assert(holds(p, "child.school_stage = junior\nchild.grade = 6\n", "grade_outside_stage"));
	cr_assert(!holds(p, "child.school_stage = junior\nchild.grade = 7\n", "grade_outside_stage"));
	cr_assert(holds(p, "child.school_stage = general_high\nchild.grade = 4\n", "grade_outside_stage"));
	cr_assert(!holds(p, "child.school_stage = vocational\nchild.grade = 3\n", "grade_outside_stage"));
	gu_policy_free(p);
}

Test(checks, a_parent_younger_than_the_child_and_twelve, .timeout = 60)
{
	gu_policy *p = tp_load();

	/* the child is 8 on 2024-09-10 */
	cr_assert(holds(p, "mother.age = 19\n", "parent_too_young"));
	cr_assert(!holds(p, "mother.age = 20\n", "parent_too_young"));
	cr_assert(holds(p, "father.age = 15\n", "parent_too_young"));
	gu_policy_free(p);
}

Test(checks, months_at_the_residence_beyond_the_age, .timeout = 60)
{
	gu_policy *p = tp_load();

	/* born 2015-11-02, interviewed 2024-09-10: 106 whole months */
	cr_assert(holds(p, "child.months_at_residence = 107\n", "residence_longer_than_life"));
	cr_assert(!holds(p, "child.months_at_residence = 106\n", "residence_longer_than_life"));
	/* born 2015-11-20: the month of 20 August to 10 September is not whole */
	cr_assert(holds(p, "child.dob = 2015-11-20\nchild.months_at_residence = 106\n",
		"residence_longer_than_life"));
	cr_assert(!holds(p, "child.dob = 2015-11-20\nchild.months_at_residence = 105\n",
		"residence_longer_than_life"));
	gu_policy_free(p);
}

Test(checks, severe_disability_with_disability_none, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(holds(p, "father.status = severe_disability\n", "severe_disability_none"));
	cr_assert(!holds(p, "father.status = severe_disability\nfather.disability = certified\n",
		"severe_disability_none"));
	gu_policy_free(p);
}

Test(checks, eighteen_is_not_a_child, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(holds(p, "child.dob = 2006-09-10\n", "not_a_child"));
	cr_assert(!holds(p, "child.dob = 2006-09-11\n", "not_a_child"));
	gu_policy_free(p);
}

Test(checks, at_school_and_seeking_work, .timeout = 60)
{
	gu_policy *p = tp_load();
	const char *older = "child.dob = 2007-01-01\nchild.school_stage = general_high\nchild.grade = 3\n";
	char text[512];

	snprintf(text, sizeof text, "%schild.employment = unemployed_seeking\n", older);
	cr_assert(holds(p, text, "school_and_seeking_work"));
	snprintf(text, sizeof text, "%schild.employment = student\n", older);
	cr_assert(!holds(p, text, "school_and_seeking_work"));
	gu_policy_free(p);
}

Test(checks, an_imported_file_is_rejected_at_the_line, .timeout = 60)
{
	gu_policy *p = tp_load();
	const char *text = "interview.date = 2024-09-10\nchild.dob = 2015-11-02\n"
		"child.lives_with = alone, father\n";
	gu_answers a;
	gu_error err;
	char buf[1024];

	cr_assert_eq(gu_answers_parse(text, strlen(text), "f.answers", &a, &err), 0);
	cr_assert_eq(gu_policy_check_answers(p, &a, "f.answers", &err), 0);
	cr_assert_lt(gu_checks_reject(p, &a, "f.answers", &err), 0);
	gu_error_text(&err, buf, sizeof buf);
	cr_assert(strstr(buf, "f.answers:3: child.lives_with: ") != NULL, "%s", buf);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(checks, a_warning_is_placed_at_the_last_answer_it_reads, .timeout = 60)
{
	gu_policy *p = tp_load();
	const char *text = "interview.date = 2024-09-10\nchild.dob = 2015-11-02\n"
		"mother.age = 18\n";
	gu_answers a;
	gu_error err;
	size_t from = 0;
	char buf[1024];

	cr_assert_eq(gu_answers_parse(text, strlen(text), "f.answers", &a, &err), 0);
	cr_assert_eq(gu_policy_check_answers(p, &a, "f.answers", &err), 0);
	cr_assert_eq(gu_policy_answer_warning(p, &a, "f.answers", &from, &err), 1);
	gu_error_text(&err, buf, sizeof buf);
	cr_assert(strstr(buf, "f.answers:3: mother.age: ") != NULL, "%s", buf);
	cr_assert_eq(gu_policy_answer_warning(p, &a, "f.answers", &from, &err), 0);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(checks, which_answers_a_check_reads, .timeout = 60)
{
	gu_policy *p = tp_load();

	cr_assert(gu_check_reads(p, "parent_too_young", "mother.age"));
	cr_assert(gu_check_reads(p, "parent_too_young", "child.dob"));
	cr_assert(gu_check_reads(p, "parent_too_young", "child.id_number"));
	cr_assert(!gu_check_reads(p, "parent_too_young", "child.grade"));
	cr_assert(gu_check_reads(p, "lives_with_absent_parent", "father.status"));
	cr_assert(!gu_check_reads(p, "no_such_check", "father.status"));
	gu_policy_free(p);
}

Test(checks, the_block_is_checked_when_loaded, .timeout = 60)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_lt(tp_load_mini("check c\n  zh: 甲\n  en: A\n  when: child.n > 3\n  severity: fatal\n",
		NULL, 0, &p, &err), 0);
	cr_assert(strstr(err.message, "severity") != NULL, "%s", err.message);
	{
		char where[64];

		snprintf(where, sizeof where, "t.policy:%d:", TP_HEAD_LINES + 5);
		cr_assert(strncmp(err.where, where, strlen(where)) == 0, "%s", err.where);
	}
	cr_assert_lt(tp_load_mini("check c\n  zh: 甲\n  en: A\n  severity: error\n", NULL, 0, &p, &err), 0);
	cr_assert(strstr(err.message, "when") != NULL, "%s", err.message);
	cr_assert_lt(tp_load_mini("check c\n  zh: 甲\n  en: A\n  when: child.kind + 1 > 3\n  severity: error\n",
		NULL, 0, &p, &err), 0);
	cr_assert_eq(tp_load_mini("check c\n  zh: 甲\n  en: A\n  when: child.n > child.n + 2 or interview.date > today\n"
		"  severity: warning\n", NULL, 0, &p, &err), 0, "%s", err.message);
	gu_policy_free(p);
}

Test(checks, key_plus_a_number, .timeout = 60)
{
	gu_policy *p = NULL;
	gu_error err;
	gu_answers a;
	gu_check_hit hit;

	cr_assert_eq(tp_load_mini("question child.m\n  type: integer\n  section: s\n  zh: 乙\n  en: M\n"
		"  min: 0\n  max: 99\n"
		"check c\n  zh: 甲\n  en: A\n  when: child.n < child.m - 2\n  severity: error\n",
		NULL, 0, &p, &err), 0, "%s", err.message);
	tp_answers("interview.date = 2024-01-01\nchild.n = 5\nchild.m = 8\n", &a);
	cr_assert_eq(gu_checks_find(p, &a, NULL, &hit, 1), 1);
	gu_answers_free(&a);
	tp_answers("interview.date = 2024-01-01\nchild.n = 6\nchild.m = 8\n", &a);
	cr_assert_eq(gu_checks_find(p, &a, NULL, &hit, 1), 0);
	gu_answers_free(&a);
	gu_policy_free(p);
}

TestSuite(stale, .timeout = 60);

Test(stale, a_deceased_fathers_answers_no_longer_count, .timeout = 60)
{
	gu_policy *p = tp_load();
	gu_answers a;
	const char *keys[16];
	size_t n, i;
	bool age = false, status = false;

	tp_answers(BASE "father.status = deceased\nfather.migrant_months = 10\n", &a);
	n = gu_answers_stale(p, &a, keys, 16);
	for (i = 0; i < n && i < 16; i++) {
		age = age || strcmp(keys[i], "father.age") == 0;
		status = status || strcmp(keys[i], "father.status") == 0;
	}
	cr_assert(age, "father.age should no longer count");
	cr_assert(!status, "father.status still counts");
	cr_assert_eq(gu_answers_drop_stale(p, &a), (int)n);
	cr_assert_null(gu_answers_get(&a, "father.age"));
	cr_assert_null(gu_answers_get(&a, "father.migrant_months"));
	cr_assert_str_eq(gu_answers_get(&a, "father.status"), "deceased");
	cr_assert_str_eq(gu_answers_get(&a, "mother.age"), "36");
	cr_assert_eq(gu_answers_stale(p, &a, keys, 16), 0);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(stale, a_plain_family_keeps_every_answer, .timeout = 60)
{
	gu_policy *p = tp_load();
	gu_answers a;
	const char *keys[4];

	tp_answers(BASE, &a);
	cr_assert_eq(gu_answers_stale(p, &a, keys, 4), 0);
	cr_assert_eq(gu_answers_drop_stale(p, &a), 0);
	cr_assert_eq(a.n, 20);
	gu_answers_free(&a);
	gu_policy_free(p);
}
