/* Checking answers against the policy: keys, types, choices, ranges,
 * dates, region codes, ID numbers and their agreement with the answers. */
#include "config.h"

#include "core/idcard.h"
#include "tests/test_policy_util.h"

/* Writes a valid ID number for the first 17 characters into buf (19 bytes). */
static const char *valid_id(const char *first17, char *buf)
{
	snprintf(buf, 19, "%s%c", first17, gu_idcard_check_char(first17));
	return buf;
}

/* Checks answers text (a file t.answers); returns the code with err filled. */
static int check(const gu_policy *p, const char *text, gu_error *err)
{
	gu_answers a;
	gu_error perr;
	int rc;

	if (gu_answers_parse(text, strlen(text), "t.answers", &a, &perr) < 0)
		cr_assert_fail("syntax: %s %s", perr.where, perr.message);
	rc = gu_policy_check_answers(p, &a, "t.answers", err);
	gu_answers_free(&a);
	return rc;
}

/* Expects answers text to fail with exactly "where: message". */
static void fails(const gu_policy *p, const char *text, const char *expected)
{
	gu_error err;
	char buf[1024];

	cr_assert_lt(check(p, text, &err), 0, "[%s] should fail", text);
	cr_assert_str_eq(gu_error_text(&err, buf, sizeof buf), expected);
}

/* Expects answers text to fail at where with a message containing fragment. */
static void fails_with(const gu_policy *p, const char *text, const char *where, const char *fragment)
{
	gu_error err;

	cr_assert_lt(check(p, text, &err), 0, "[%s] should fail", text);
	cr_assert_str_eq(err.where, where);
	cr_assert(strstr(err.message, fragment) != NULL, "[%s] lacks [%s]", err.message, fragment);
}

#define DATE "interview.date = 2024-09-01\n"

TestSuite(answers_check, .timeout = 60);

Test(answers_check, a_complete_family_passes)
{
	gu_policy *p = tp_load();
	gu_error err;
	char id[19], text[1024];

	snprintf(text, sizeof text, DATE "child.id_number = %s\nchild.dob = 2016-05-03\nchild.sex = male\n"
		"child.hukou_county = 211321\nfather.status = migrant, severe_illness\nhousehold.status =\n"
		"member.2.age = 70\nmember.2.relation = grandparent\nchild.lives_with = unknown\n",
		valid_id("21132120160503123", id));
	cr_assert_eq(check(p, text, &err), 0, "%s %s", err.where, err.message);
	gu_policy_free(p);
}

Test(answers_check, the_contract_example)
{
	gu_policy *p = tp_load();

	fails(p, DATE "child.name = 张三\n\n\n\n\nchild.dob = 2025-02-30\n",
		"t.answers:7: child.dob: 2025-02-30 is not a date (write YYYY-MM-DD, a real calendar day)");
	gu_policy_free(p);
}

Test(answers_check, unknown_keys_with_a_suggestion)
{
	gu_policy *p = tp_load();

	fails(p, DATE "child.dobb = 2016-01-01\n",
		"t.answers:2: child.dobb: not a key of the answers format; did you mean child.dob?");
	fails(p, DATE "child.dob = 2016-01-01\nmember.3.agee = 7\n",
		"t.answers:3: member.3.agee: not a key of the answers format; did you mean member.3.age?");
	fails_with(p, DATE "pet.name = Wangcai\n", "t.answers:2", "pet.name: not a key of the answers format");
	fails_with(p, DATE "child.dob = 2016-01-01\nmember.41.age = 7\n", "t.answers:3",
		"members are numbered 1 to 20");
	gu_policy_free(p);
}

Test(answers_check, members_are_numbered_1_to_20_without_leading_zeros)
{
	gu_policy *p = tp_load();
	gu_error err;

	cr_assert_eq(check(p, DATE "child.dob = 2016-01-01\nmember.1.age = 7\n", &err), 0,
		"%s %s", err.where, err.message);
	cr_assert_eq(check(p, DATE "child.dob = 2016-01-01\nmember.20.age = 7\n", &err), 0,
		"%s %s", err.where, err.message);
	fails(p, DATE "child.dob = 2016-01-01\nmember.21.age = 7\n",
		"t.answers:3: member.21.age: members are numbered 1 to 20");
	fails_with(p, DATE "child.dob = 2016-01-01\nmember.0.age = 7\n", "t.answers:3",
		"member.0.age: not a key of the answers format");
	fails_with(p, DATE "child.dob = 2016-01-01\nmember.01.age = 7\n", "t.answers:3",
		"member.01.age: not a key of the answers format");
	fails_with(p, DATE "child.dob = 2016-01-01\nmember.007.age = 7\n", "t.answers:3",
		"member.007.age: not a key of the answers format");
	cr_assert_eq(gu_policy_check_value(p, "member.20.age", "70", &err), 0, "%s", err.message);
	cr_assert_lt(gu_policy_check_value(p, "member.21.age", "70", &err), 0);
	gu_policy_free(p);
}

Test(answers_check, integers_at_both_ends_of_their_range)
{
	gu_policy *p = tp_load();
	gu_error err;

	cr_assert_eq(gu_policy_check_value(p, "child.grade", "1", &err), 0, "%s", err.message);
	cr_assert_eq(gu_policy_check_value(p, "child.grade", "9", &err), 0, "%s", err.message);
	cr_assert_lt(gu_policy_check_value(p, "child.grade", "0", &err), 0);
	cr_assert_str_eq(err.message, "0 is out of range (1 to 9)");
	cr_assert_lt(gu_policy_check_value(p, "child.grade", "10", &err), 0);
	cr_assert_str_eq(err.message, "10 is out of range (1 to 9)");
	gu_policy_free(p);
}

Test(answers_check, a_child_born_on_the_interview_date_is_accepted)
{
	gu_policy *p = tp_load();
	gu_error err;

	cr_assert_eq(check(p, DATE "child.dob = 2024-09-01\n", &err), 0, "%s %s", err.where, err.message);
	fails(p, DATE "child.dob = 2024-09-02\n",
		"t.answers:2: child.dob: 2024-09-02 is after interview.date (2024-09-01): the child was not born yet");
	gu_policy_free(p);
}

Test(answers_check, choices_integers_and_codes)
{
	gu_policy *p = tp_load();

	fails(p, DATE "child.dob = 2016-01-01\nchild.sex = m\n",
		"t.answers:3: child.sex: \"m\" is not one of: male, female, unknown");
	fails_with(p, DATE "child.dob = 2016-01-01\nfather.status = migrant, abroad\n", "t.answers:3",
		"\"abroad\" is not one of: home, migrant");
	fails(p, DATE "child.dob = 2016-01-01\nchild.grade = 12\n",
		"t.answers:3: child.grade: 12 is out of range (1 to 9)");
	fails(p, DATE "child.dob = 2016-01-01\nchild.grade = three\n",
		"t.answers:3: child.grade: three is not a whole number");
	fails_with(p, DATE "child.dob = 2016-01-01\nchild.mh_need = maybe\n", "t.answers:3",
		"\"maybe\" is not one of: yes, no, unknown");
	fails_with(p, DATE "child.dob = 2016-01-01\nchild.hukou_county = 2113\n", "t.answers:3",
		"2113 is not a 6-digit region code");
	fails_with(p, DATE "child.dob = 2016-01-01\nchild.hukou_county = 991234\n", "t.answers:3",
		"991234 is not a known region code");
	fails_with(p, DATE "child.dob = 2016-01-01\nchild.residence_county = none\n", "t.answers:3",
		"none is not allowed here");
	gu_policy_free(p);
}

Test(answers_check, unknown_is_accepted_for_any_key)
{
	gu_policy *p = tp_load();
	gu_error err;

	cr_assert_eq(check(p, DATE "child.dob = unknown\nchild.grade = unknown\nchild.sex = unknown\n"
		"household.status = unknown\nchild.id_number = unknown\nmember.1.age = unknown\n", &err), 0,
		"%s %s", err.where, err.message);
	cr_assert_eq(gu_policy_check_value(p, "child.hukou_county", "unknown", &err), 0);
	gu_policy_free(p);
}

Test(answers_check, id_numbers_are_checked_and_must_agree)
{
	gu_policy *p = tp_load();
	char id[19], text[512];

	valid_id("21132120160503123", id);
	id[17] = id[17] == '0' ? '1' : '0';
	snprintf(text, sizeof text, DATE "child.id_number = %s\n", id);
	fails_with(p, text, "t.answers:2", "child.id_number: ");
	valid_id("21132120160503123", id);
	snprintf(text, sizeof text, DATE "child.id_number = %s\nchild.dob = 2016-05-04\n", id);
	fails(p, text, "t.answers:3: child.dob: 2016-05-04 does not agree with the date of birth in "
		"child.id_number (2016-05-03); correct one of them");
	snprintf(text, sizeof text, DATE "child.id_number = %s\nchild.sex = female\n", id);
	fails(p, text, "t.answers:3: child.sex: female does not agree with child.id_number, whose 17th "
		"digit (odd) says male");
	valid_id("21132120160503124", id);
	snprintf(text, sizeof text, DATE "child.id_number = %s\nchild.sex = male\n", id);
	fails_with(p, text, "t.answers:3", "(even) says female");
	fails_with(p, DATE "child.id_number = 2113212016050312\n", "t.answers:2", "child.id_number: ");
	gu_policy_free(p);
}

Test(answers_check, required_answers)
{
	gu_policy *p = tp_load();

	fails(p, "child.dob = 2016-01-01\n", "t.answers: interview.date: missing: this answer is required");
	fails(p, DATE "child.id_number = none\n", "t.answers: child.dob: missing: give the date of birth "
		"(YYYY-MM-DD) or a valid child.id_number");
	fails_with(p, DATE "child.dob = 2025-01-01\n", "t.answers:2", "after interview.date");
	gu_policy_free(p);
}

Test(answers_check, one_value_alone)
{
	gu_policy *p = tp_load();
	gu_error err;

	cr_assert_eq(gu_policy_check_value(p, "member.12.disability_level", "2", &err), 0);
	cr_assert_lt(gu_policy_check_value(p, "member.12.disability_level", "5", &err), 0);
	cr_assert_str_eq(err.where, "");
	cr_assert_str_eq(err.message, "5 is out of range (1 to 4)");
	cr_assert_eq(gu_policy_check_value(p, "household.status", "", &err), 0);
	cr_assert_eq(gu_policy_check_value(p, "household.status", "rural_dibao, tuopin", &err), 0);
	cr_assert_eq(gu_policy_check_value(p, "child.insured_county", "none", &err), 0);
	cr_assert_eq(gu_policy_check_value(p, "child.insured_county", "110105", &err), 0);
	gu_policy_free(p);
}

Test(answers_check, the_beijing_chaoyang_trap_is_a_warning_not_an_error)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_error err, warn;
	size_t from = 0;
	char id[19], text[1024];

	snprintf(text, sizeof text, DATE "child.id_number = %s\nchild.hukou_county = 110105\n"
		"child.residence_county = 211322\n", valid_id("11010520160503123", id));
	cr_assert_eq(gu_answers_parse(text, strlen(text), "t.answers", &a, &err), 0);
	cr_assert_eq(gu_policy_check_answers(p, &a, "t.answers", &err), 0, "%s", err.message);
	/* The ID number's region first (line 2), then the hukou county (line 3). */
	cr_assert_eq(gu_policy_answer_warning(p, &a, "t.answers", &from, &warn), 1);
	cr_assert_str_eq(warn.where, "t.answers:2");
	cr_assert(strstr(warn.message, "child.id_number: 110105") == warn.message, "%s", warn.message);
	cr_assert_eq(gu_policy_answer_warning(p, &a, "t.answers", &from, &warn), 1);
	cr_assert_str_eq(warn.where, "t.answers:3");
	cr_assert(strstr(warn.message, "child.hukou_county: 110105") == warn.message, "%s", warn.message);
	/* 211322 is Chaoyang City's own: no further warning. */
	cr_assert_eq(gu_policy_answer_warning(p, &a, "t.answers", &from, &warn), 0);
	gu_answers_free(&a);
	gu_policy_free(p);
}
