/* SPDX-License-Identifier: GPL-3.0-or-later */
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
	/* A birth date after the interview is refused in an ID number as in child.dob. */
	valid_id("21132120250101123", id);
	snprintf(text, sizeof text, DATE "child.id_number = %s\n", id);
	fails(p, text, "t.answers:2: child.id_number: its date of birth (2025-01-01) is after "
		"interview.date (2024-09-01): check the ID number or the interview date");
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

/* The tables of the answers contract (answers-format.md): every key with
 * every value it names ("|" between values). */
static const char contract[][2][200] = {
	{ "interview.date", "2026-11-20" }, { "interview.township", "建平镇" },
	{ "interview.worker", "李明" },
	{ "child.name", "王小明" }, { "child.id_number", "none" }, { "child.dob", "2015-03-02" },
	{ "child.sex", "male|female" }, { "child.hukou_county", "none|211322" },
	{ "child.hukou_kind", "village|county_town|city" }, { "child.residence_county", "211302" },
	{ "child.residence_kind", "rural|urban" }, { "child.months_at_residence", "6" },
	{ "child.lives_with", "father|mother|grandparents|other_relative|other_guardian|institution|alone" },
	{ "child.insured_county", "none|211321" },
	{ "child.hiv", "yes|no|declined" }, { "child.mh_need", "yes|no" },
	{ "child.safety", "no|suspected|yes" },
	{ "child.school_stage", "not_enrolled|kindergarten|primary|junior|special_ed_compulsory|"
		"general_high|vocational|higher_ed|out_of_school" },
	{ "child.grade", "1|9" }, { "child.school_county", "211324" },
	{ "child.school_kind", "township_village|county_town_or_city" },
	{ "child.formal_registration", "yes|no" }, { "child.voc_major", "agri|xiqu|other_arts_perf|other" },
	{ "child.voc_public", "yes|no" }, { "child.school_ethnic_region", "yes|no" },
	{ "child.job_intent", "yes|no" },
	{ "father.status", "home|migrant|deceased|declared_missing|lost_contact_6m|detained_6m|"
		"severe_disability|severe_illness|guardianship_revoked|deported|no_capacity_other|never_known" },
	{ "mother.status", "home|migrant|deceased|declared_missing|lost_contact_6m|detained_6m|"
		"severe_disability|severe_illness|guardianship_revoked|deported|no_capacity_other|never_known" },
	{ "father.migrant_months", "12" }, { "mother.migrant_months", "12" },
	{ "member.1.relation", "grandparent|sibling|step_parent|other_relative|other" },
	{ "member.20.sex", "male|female" },
	{ "guardian.name", "王奶奶" },
	{ "guardian.relation", "father|mother|grandparent|other_relative|entrusted|institution|none" },
	{ "guardian.phone", "+86 138-0000 0000" },
	{ "consent.basis", "guardian_consent|statutory_duty" }, { "consent.by", "李芳" },
	{ "consent.relation", "father|mother|grandparent|other_relative|entrusted|institution|none" },
	{ "consent.how", "signed_paper|spoken" }, { "consent.date", "2026-11-20" },
	{ "consent.reason", "强制报告" },
	{ "household.address", "建平县建平镇一村三组" },
	{ "household.status", "urban_dibao|rural_dibao|tekun_central|tekun_dispersed|dibao_edge|"
		"rigid_expense|monitored|tuopin|orphan_allowance|defacto_allowance|" },
	{ "household.hardship_claimed", "yes|no" }, { "household.sudden_hardship", "yes|no" },
	{ "household.disaster", "yes|no" }, { "household.house_damaged", "yes|no" },
	{ "household.high_medical", "yes|no" },
	{ "household.rural_house_danger", "certified_cd|suspected|no" },
	{ "household.rural_housing_support_received", "yes|no" },
	{ "household.urban_housing_difficulty", "yes|no" }, { "household.zero_employment", "yes|no" },
	{ "household.acute_emergency", "yes|no" },
};

/* The person keys, which follow child., father., mother. or member.N. */
static const char person_fields[][2][200] = {
	{ "name", "王强" }, { "disability", "none|certified|diagnosed|suspected" },
	{ "disability_types", "visual|hearing|speech|physical|intellectual|mental|autism|multiple" },
	{ "disability_level", "1|4" }, { "rehab_need", "yes|no" }, { "smi", "yes|no" },
	{ "employment", "employed|unemployed_seeking|unemployed_not_seeking|student|retired|unable_to_work" },
	{ "unemployed_months", "3" }, { "job_need", "job|startup|training|" }, { "hard_to_employ", "yes|no" },
	{ "graduate", "none|graduating_year|left_within_2y" }, { "training", "yes|no" },
	{ "no_income_no_support", "yes|no" },
};

/* Expects key to accept each "|"-separated value of values, and unknown. */
static void accepts_all(const gu_policy *p, const char *key, const char *values)
{
	char one[200];
	const char *v = values;
	gu_error err;

	for (;;) {
		size_t n = strcspn(v, "|");

		snprintf(one, sizeof one, "%.*s", (int)n, v);
		cr_expect_eq(gu_policy_check_value(p, key, one, &err), 0, "%s = %s: %s", key, one, err.message);
		if (!v[n])
			break;
		v += n + 1;
	}
	cr_expect_eq(gu_policy_check_value(p, key, "unknown", &err), 0, "%s = unknown", key);
}

Test(answers_check, every_key_and_value_of_the_contract_is_accepted)
{
	gu_policy *p = tp_load();
	static const char persons[][12] = { "child", "father", "mother", "member.3" };
	char key[256];
	gu_error err;

	for (size_t i = 0; i < sizeof contract / sizeof contract[0]; i++)
		accepts_all(p, contract[i][0], contract[i][1]);
	for (size_t k = 0; k < sizeof persons / sizeof persons[0]; k++)
		for (size_t i = 0; i < sizeof person_fields / sizeof person_fields[0]; i++) {
			snprintf(key, sizeof key, "%.12s.%.60s", persons[k], person_fields[i][0]);
			accepts_all(p, key, person_fields[i][1]);
		}
	/* age: members and parents; the child's comes from the date of birth. */
	accepts_all(p, "father.age", "40");
	accepts_all(p, "member.20.age", "70");
	cr_expect_lt(gu_policy_check_value(p, "child.age", "9", &err), 0);
	/* The bounds the contract sets: members 1 to 20 without leading zeros. */
	cr_expect_lt(gu_policy_check_value(p, "member.21.age", "70", &err), 0);
	cr_expect_lt(gu_policy_check_value(p, "member.01.age", "70", &err), 0);
	cr_expect_lt(gu_policy_check_value(p, "member.0.age", "70", &err), 0);
	cr_expect_lt(gu_policy_check_value(p, "guardian.phone", "138 abc", &err), 0);
	cr_expect(strstr(err.message, "digits, spaces, + and -") != NULL, "%s", err.message);
	cr_expect_lt(gu_policy_check_value(p, "guardian.phone", "+ -", &err), 0, "a phone needs digits");
	gu_policy_free(p);
}

Test(answers_check, a_key_is_at_most_63_characters)
{
	char text[256];
	gu_answers a;
	gu_error err;
	char key63[64];

	memset(key63, 'a', 63);
	key63[63] = '\0';
	memcpy(key63, "household.", 10);
	snprintf(text, sizeof text, "%s = x\n", key63);
	cr_assert_eq(gu_answers_parse(text, strlen(text), "t.answers", &a, &err), 0, "%s", err.message);
	gu_answers_free(&a);
	snprintf(text, sizeof text, "%sa = x\n", key63);
	cr_assert_lt(gu_answers_parse(text, strlen(text), "t.answers", &a, &err), 0, "64 characters");
}

Test(answers_check, county_codes_are_checked_against_the_national_list)
{
	gu_policy *p = tp_load();
	gu_answers a;
	gu_error err, warn;
	size_t from = 0;
	char id[19], text[1024];

	/* 211304 and 211399 do not exist: refused with codes of the same prefecture. */
	fails_with(p, DATE "child.dob = 2016-01-01\nchild.hukou_county = 211304\n", "t.answers:3",
		"child.hukou_county: 211304 is not a county in the national list of region codes "
		"(GB/T 2260); did you mean 211303");
	fails_with(p, DATE "child.dob = 2016-01-01\nchild.insured_county = 211399\n", "t.answers:3",
		"did you mean 211382");
	fails_with(p, DATE "child.dob = 2016-01-01\nchild.school_county = 210122\n", "t.answers:3",
		"withdrawn code: the county's code is now 210115");
	/* A withdrawn code in an ID number is its place of first registration: a warning. */
	snprintf(text, sizeof text, DATE "child.id_number = %s\n", valid_id("21012220160503123", id));
	cr_assert_eq(gu_answers_parse(text, strlen(text), "t.answers", &a, &err), 0);
	cr_assert_eq(gu_policy_check_answers(p, &a, "t.answers", &err), 0, "%s", err.message);
	cr_assert_eq(gu_policy_answer_warning(p, &a, "t.answers", &from, &warn), 1);
	cr_assert_str_eq(warn.where, "t.answers:2");
	cr_assert(strstr(warn.message, "child.id_number: the region code 210122 (Liaozhong County) "
		"of the ID number was withdrawn") == warn.message, "%s", warn.message);
	cr_assert_eq(gu_policy_answer_warning(p, &a, "t.answers", &from, &warn), 0);
	gu_answers_free(&a);
	gu_policy_free(p);
}
