/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules of the shipped policy at their boundaries: ages on the day
 * before, of and after a birthday, months, places, statuses, alerts. */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <unistd.h>

#include "core/i18n.h"
#include "tests/test_policy_util.h"

/* A left-behind child: village hukou in 朝阳县, both parents away working,
 * everything else answered "nothing special".  %s is the date of birth,
 * then extra lines. */
#define LEFT_BEHIND \
	"interview.date = 2024-09-01\nchild.id_number = none\nchild.dob = %s\nchild.sex = female\n" \
	"child.hukou_county = 211321\nchild.hukou_kind = village\nchild.residence_county = 211321\n" \
	"child.residence_kind = rural\nchild.lives_with = grandparents\n" \
	"father.status = migrant\nmother.status = migrant\nfather.migrant_months = 20\n" \
	"mother.migrant_months = 20\nfather.age = 40\nmother.age = 38\n" \
	"child.disability = none\nfather.disability = none\nmother.disability = none\n" \
	"child.smi = no\nfather.smi = no\nmother.smi = no\nchild.hiv = no\nchild.mh_need = no\n" \
	"child.safety = no\nhousehold.status =\nhousehold.hardship_claimed = no\n" \
	"household.rural_house_danger = no\nfather.employment = employed\nmother.employment = employed\n" \
	"father.job_need =\nmother.job_need =\nfather.training = no\nmother.training = no\n" \
	"father.graduate = none\nmother.graduate = none\nfather.no_income_no_support = no\n" \
	"mother.no_income_no_support = no\nhousehold.zero_employment = no\n" \
	"household.sudden_hardship = no\nhousehold.disaster = no\nhousehold.high_medical = no\n" \
	"household.acute_emergency = no\n%s"

/* Returns the verdict of item n for the left-behind child born on dob. */
static gu_tv lb(const gu_policy *p, const char *dob, const char *extra, int n, char *who)
{
	char text[8192];

	snprintf(text, sizeof text, LEFT_BEHIND, dob, extra);
	return tp_verdict(p, text, n, who);
}

TestSuite(eval, .timeout = 60);

Test(eval, ages_2_3_for_preschool_item_3)
{
	gu_policy *p = tp_load();
	const char *k = "child.school_stage = kindergarten\n";

	cr_assert_eq(lb(p, "2021-09-02", k, 3, NULL), GU_NO);   /* 2 until tomorrow */
	cr_assert_eq(lb(p, "2021-09-01", k, 3, NULL), GU_YES);  /* 3 today */
	cr_assert_eq(lb(p, "2021-08-31", k, 3, NULL), GU_YES);  /* 3 since yesterday */
	cr_assert_eq(lb(p, "2021-09-02", k, 1, NULL), GU_YES);
	gu_policy_free(p);
}

Test(eval, ages_6_7_for_items_1_2_3)
{
	gu_policy *p = tp_load();
	const char *k = "child.school_stage = kindergarten\n";

	cr_assert_eq(lb(p, "2017-09-02", k, 1, NULL), GU_YES);  /* 6, the day before 7 */
	cr_assert_eq(lb(p, "2017-09-01", k, 1, NULL), GU_NO);   /* 7 today */
	cr_assert_eq(lb(p, "2017-08-31", k, 2, NULL), GU_NO);
	cr_assert_eq(lb(p, "2017-09-02", k, 3, NULL), GU_YES);
	cr_assert_eq(lb(p, "2017-09-01", k, 3, NULL), GU_NO);
	gu_policy_free(p);
}

Test(eval, ages_14_15_for_child_rehabilitation_item_18)
{
	gu_policy *p = tp_load();
	const char *k = "child.school_stage = junior\nchild.disability = suspected\n"
		"child.rehab_need = no\nchild.disability_types = speech\n";
	char who[256];

	cr_assert_eq(lb(p, "2009-09-02", k, 18, who), GU_MAYBE);
	cr_assert_str_eq(who, "child");
	cr_assert_eq(lb(p, "2009-09-01", k, 18, NULL), GU_NO);
	cr_assert_eq(lb(p, "2009-08-31", k, 18, NULL), GU_NO);
	gu_policy_free(p);
}

Test(eval, ages_15_16_for_left_behind_item_25)
{
	gu_policy *p = tp_load();
	const char *k = "child.school_stage = junior\n";

	cr_assert_eq(lb(p, "2008-09-02", k, 25, NULL), GU_YES);
	cr_assert_eq(lb(p, "2008-09-01", k, 25, NULL), GU_NO);
	cr_assert_eq(lb(p, "2008-08-31", k, 25, NULL), GU_NO);
	/* A dropout of 15 is still of compulsory-school age, at 16 no longer. */
	cr_assert_eq(lb(p, "2008-09-02", "child.school_stage = out_of_school\n", 4, NULL), GU_YES);
	cr_assert_eq(lb(p, "2008-09-01", "child.school_stage = out_of_school\n", 4, NULL), GU_NO);
	gu_policy_free(p);
}

Test(eval, ages_17_18_for_difficult_item_24)
{
	gu_policy *p = tp_load();
	const char *k = "child.school_stage = general_high\nchild.formal_registration = yes\n"
		"child.grade = 3\nhousehold.status = rural_dibao\n";

	cr_assert_eq(lb(p, "2006-09-02", k, 24, NULL), GU_YES);
	cr_assert_eq(lb(p, "2006-09-01", k, 24, NULL), GU_NO);
	cr_assert_eq(lb(p, "2006-08-31", k, 24, NULL), GU_NO);
	/* Item 7 is not limited to the groups: still eligible at 18. */
	cr_assert_eq(lb(p, "2006-09-01", k, 7, NULL), GU_YES);
	gu_policy_free(p);
}

Test(eval, ages_16_24_25_for_unemployed_youth_item_37)
{
	gu_policy *p = tp_load();
	char who[256];

	cr_assert_eq(lb(p, "2014-01-01", "member.1.relation = sibling\nmember.1.age = 24\n"
		"member.1.employment = unemployed_seeking\n", 37, who), GU_YES);
	cr_assert_str_eq(who, "member.1");
	cr_assert_eq(lb(p, "2014-01-01", "member.1.relation = sibling\nmember.1.age = 25\n"
		"member.1.employment = unemployed_seeking\nmember.1.graduate = none\n", 37, NULL), GU_NO);
	cr_assert_eq(lb(p, "2014-01-01", "member.1.relation = sibling\nmember.1.age = 16\n"
		"member.1.employment = unemployed_seeking\nmember.1.graduate = none\n", 37, NULL), GU_YES);
	cr_assert_eq(lb(p, "2014-01-01", "member.1.relation = sibling\nmember.1.age = 15\n", 37, NULL), GU_NO);
	gu_policy_free(p);
}

Test(eval, ages_24_25_for_an_unemployed_youth_by_date_of_birth)
{
	gu_policy *p = tp_load();
	const char *k = "child.school_stage = out_of_school\nchild.employment = unemployed_seeking\n"
		"child.unemployed_months = 5\nchild.hard_to_employ = no\nchild.job_need = job\n"
		"child.graduate = none\nchild.training = no\nchild.no_income_no_support = no\n";
	char who[256];

	cr_assert_eq(lb(p, "1999-09-02", k, 37, who), GU_YES);  /* 24, the day before 25 */
	cr_assert_str_eq(who, "child");
	cr_assert_eq(lb(p, "1999-09-01", k, 37, NULL), GU_NO);  /* 25 today */
	cr_assert_eq(lb(p, "1999-08-31", k, 37, NULL), GU_NO);
	cr_assert_eq(lb(p, "2008-09-01", k, 37, NULL), GU_YES); /* 16 today */
	cr_assert_eq(lb(p, "2008-09-02", k, 37, NULL), GU_NO);  /* 15: no employment question */
	gu_policy_free(p);
}

/* A floating child: hukou in 建平县, living in 双塔区 with both parents. */
#define FLOATING \
	"interview.date = 2024-09-01\nchild.dob = 2015-03-10\nchild.sex = male\n" \
	"child.hukou_county = %s\nchild.hukou_kind = village\nchild.residence_county = %s\n" \
	"child.residence_kind = urban\nchild.months_at_residence = %d\nchild.lives_with = father, mother\n" \
	"child.insured_county = %s\nfather.status = home\nmother.status = home\n" \
	"child.school_stage = primary\nchild.grade = 4\nchild.school_county = %s\n" \
	"child.school_kind = %s\n"

/* Returns the verdict of item n for a floating child so described. */
static gu_tv fl(const gu_policy *p, const char *hukou, const char *res, int months,
	const char *insured, const char *school, const char *kind, int n)
{
	char text[4096];

	snprintf(text, sizeof text, FLOATING, hukou, res, months, insured, school, kind);
	return tp_verdict(p, text, n, NULL);
}

Test(eval, floating_needs_6_months_in_another_county)
{
	gu_policy *p = tp_load();

	cr_assert_eq(fl(p, "211322", "211302", 6, "211322", "211302", "county_town_or_city", 5), GU_YES);
	cr_assert_eq(fl(p, "211322", "211302", 5, "211322", "211302", "county_town_or_city", 5), GU_NO);
	/* Between the two central districts a move does not count. */
	cr_assert_eq(fl(p, "211302", "211303", 30, "211302", "211303", "county_town_or_city", 5), GU_NO);
	cr_assert_eq(fl(p, "211303", "211302", 30, "211303", "211302", "county_town_or_city", 5), GU_NO);
	/* From Beijing's 朝阳区 to 朝阳县 is a move. */
	cr_assert_eq(fl(p, "110105", "211321", 30, "110105", "211321", "township_village", 5), GU_YES);
	gu_policy_free(p);
}

Test(eval, item_11_five_counties_and_county_town_schools)
{
	gu_policy *p = tp_load();

	cr_assert_eq(fl(p, "211322", "211381", 12, "211322", "211381", "township_village", 11), GU_YES);
	cr_assert_eq(fl(p, "211322", "211381", 12, "211322", "211381", "county_town_or_city", 11), GU_MAYBE);
	cr_assert_eq(fl(p, "211322", "211302", 12, "211322", "211302", "township_village", 11), GU_NO);
	cr_assert_eq(fl(p, "211322", "211324", 12, "211322", "211324", "township_village", 11), GU_YES);
	gu_policy_free(p);
}

Test(eval, item_14_insurance_outside_the_city)
{
	gu_policy *p = tp_load();

	cr_assert_eq(fl(p, "211322", "211302", 12, "211322", "211302", "township_village", 14), GU_NO);
	cr_assert_eq(fl(p, "110105", "211302", 12, "110105", "211302", "township_village", 14), GU_YES);
	/* Insured nowhere: enrol first, so verify (policy reference, item 14). */
	cr_assert_eq(fl(p, "110105", "211302", 12, "none", "211302", "township_village", 14), GU_MAYBE);
	cr_assert_eq(fl(p, "110105", "211302", 12, "unknown", "211302", "township_village", 14), GU_MAYBE);
	gu_policy_free(p);
}

Test(eval, item_17_orphans_with_and_without_the_allowance)
{
	gu_policy *p = tp_load();
	const char *orphan = "father.status = deceased\nmother.status = declared_missing\n";
	char extra[512];

	snprintf(extra, sizeof extra, "%shousehold.status = orphan_allowance\n", orphan);
	cr_assert_eq(lb(p, "2014-01-01", "father.status = deceased\nmother.status = deceased\n"
		"household.status = orphan_allowance\n", 17, NULL), GU_YES);
	cr_assert_eq(lb(p, "2014-01-01", "father.status = deceased\nmother.status = deceased\n", 17, NULL),
		GU_MAYBE);
	/* One parent dead, the other severely ill: de facto unsupported. */
	cr_assert_eq(lb(p, "2014-01-01", "father.status = deceased\nmother.status = severe_illness\n"
		"household.status = defacto_allowance\n", 17, NULL), GU_YES);
	cr_assert_eq(lb(p, "2014-01-01", "child.hiv = yes\n", 17, NULL), GU_MAYBE);
	cr_assert_eq(lb(p, "2014-01-01", "", 17, NULL), GU_NO);
	gu_policy_free(p);
}

Test(eval, an_infant_orphan_is_eligible_at_age_0)
{
	gu_policy *p = tp_load();
	const char *orphan = "father.status = deceased\nmother.status = deceased\n"
		"household.status = orphan_allowance\nchild.school_stage = not_enrolled\n";
	static const int items[] = { 1, 2, 12, 17, 24, 32 };
	size_t i;

	/* Born on the day before the interview a year ago, and half a year ago. */
	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		cr_assert_eq(lb(p, "2023-09-02", orphan, items[i], NULL), GU_YES, "item %d", items[i]);
		cr_assert_eq(lb(p, "2024-03-01", orphan, items[i], NULL), GU_YES, "item %d", items[i]);
	}
	gu_policy_free(p);
}

Test(eval, item_26_tekun_and_the_allowance_alternative)
{
	gu_policy *p = tp_load();

	cr_assert_eq(lb(p, "2014-01-01", "household.status = tekun_dispersed\n", 26, NULL), GU_YES);
	cr_assert_eq(lb(p, "2014-01-01", "father.status = deceased\nmother.status = deceased\n", 26, NULL),
		GU_MAYBE);
	cr_assert_eq(lb(p, "2014-01-01", "father.status = deceased\nmother.status = deceased\n"
		"household.status = orphan_allowance\n", 26, NULL), GU_NO);
	gu_policy_free(p);
}

Test(eval, persons_are_named)
{
	gu_policy *p = tp_load();
	char who[256];

	cr_assert_eq(lb(p, "2014-01-01", "mother.smi = yes\nmember.2.relation = grandparent\n"
		"member.2.smi = yes\nmember.2.age = 70\n", 13, who), GU_YES);
	cr_assert_str_eq(who, "mother,member.2");
	cr_assert_eq(lb(p, "2014-01-01", "", 30, who), GU_YES);
	cr_assert_str_eq(who, "father,mother");
	cr_assert_eq(lb(p, "2014-01-01", "household.zero_employment = yes\n", 38, who), GU_YES);
	cr_assert_str_eq(who, "household");
	gu_policy_free(p);
}

/* Evaluates the left-behind child with extra answers into r. */
static void lb_results(const gu_policy *p, const char *dob, const char *extra, gu_results *r)
{
	char text[8192];
	gu_answers a;
	gu_error err;

	snprintf(text, sizeof text, LEFT_BEHIND, dob, extra);
	tp_answers(text, &a);
	cr_assert_eq(gu_evaluate(p, &a, r, &err), 0);
	gu_answers_free(&a);
}

Test(eval, alerts_for_safety_and_dropout)
{
	gu_policy *p = tp_load();
	gu_results r;

	lb_results(p, "2014-01-01", "child.safety = suspected\nchild.school_stage = out_of_school\n", &r);
	cr_assert_eq(r.nalerts, 2);
	cr_assert_str_eq(r.alerts[0].id, "mandatory_report");
	cr_assert_str_eq(r.alerts[1].id, "dropout");
	cr_assert(strstr(r.alerts[0].text, "report") != NULL);
	gu_results_free(&r);
	lb_results(p, "2008-09-01", "child.school_stage = out_of_school\n", &r);
	cr_assert_eq(r.nalerts, 0, "a 16-year-old out of school is no dropout alert");
	gu_results_free(&r);
	lb_results(p, "2014-01-01", "child.safety = yes\nchild.school_stage = primary\n", &r);
	cr_assert_eq(r.nalerts, 1);
	cr_assert_str_eq(r.alerts[0].id, "mandatory_report");
	gu_results_free(&r);
	gu_policy_free(p);
}

Test(eval, groups_reasons_explanations_and_what_to_ask_next)
{
	gu_policy *p = tp_load();
	gu_results r;

	lb_results(p, "2014-01-01", "child.school_stage = primary\nchild.grade = 4\n"
		"child.school_county = 211321\nchild.school_kind = township_village\n"
		"household.hardship_claimed = yes\nchild.mh_need = unknown\n", &r);
	cr_assert_str_eq(r.groups, "left_behind,difficult");
	cr_assert_eq(r.n, 39);
	cr_assert_eq(r.v[24].item, 25);
	cr_assert_eq(r.v[24].verdict, GU_YES);
	cr_assert_str_eq(r.v[24].reason, "a rural left-behind child");
	cr_assert(strstr(r.v[24].explanation, "[yes] rural left-behind child") != NULL, "%s", r.v[24].explanation);
	cr_assert(strstr(r.v[24].explanation, "Father's situation: working away") != NULL, "%s",
		r.v[24].explanation);
	/* Item 31 waits for child.mh_need, which would settle it. */
	cr_assert_eq(r.v[30].verdict, GU_MAYBE);
	cr_assert_eq(r.v[30].nsettle, 1);
	cr_assert_str_eq(r.v[30].settle[0], "child.mh_need");
	cr_assert(strstr(r.v[30].reason, "verify: answer child.mh_need") != NULL, "%s", r.v[30].reason);
	cr_assert_geq(r.nask, 1);
	cr_assert_str_eq(r.ask_next[0], "child.mh_need");
	/* Item 6 is for the department to decide: no answer settles it. */
	cr_assert_eq(r.v[5].verdict, GU_MAYBE);
	cr_assert_eq(r.v[5].nsettle, 0);
	cr_assert(strstr(r.v[5].reason, "verify with City Education Bureau") != NULL, "%s", r.v[5].reason);
	cr_assert(strstr(r.v[5].explanation, "Decided by: City Education Bureau") != NULL);
	cr_assert_eq(r.v[10].verdict, GU_YES, "item 11 in 朝阳县 at a township school");
	gu_results_free(&r);
	gu_policy_free(p);
}

Test(eval, verdict_names)
{
	cr_assert_str_eq(gu_tv_verdict(GU_YES), "eligible");
	cr_assert_str_eq(gu_tv_verdict(GU_MAYBE), "verify");
	cr_assert_str_eq(gu_tv_verdict(GU_NO), "no");
}

/* A left-behind pupil of 10 with a grandmother, member 1, who holds a
 * grade-2 disability certificate and needs rehabilitation. */
#define WITH_MEMBER \
	"child.school_stage = primary\nchild.grade = 4\nchild.school_county = 211321\n" \
	"child.school_kind = township_village\nmember.1.relation = grandparent\n" \
	"member.1.name = 张福\nmember.1.age = 66\nmember.1.disability = certified\n" \
	"member.1.disability_types = physical\nmember.1.disability_level = 2\n" \
	"member.1.rehab_need = yes\n"

/* Fails the test when an explanation shows a raw key, expression syntax,
 * a parameter name or an English choice value. */
static void assert_plain(const char *e)
{
	static const char *const raw[] = {
		"child.", "father.", "mother.", "member.", "household.", "p.", "has any of",
		"has all of", "cap(", "cap:", " in {", "<=", ">=", "!=", " = ", "_", "left_behind",
		"in_groups", "= village", "rural_dibao", "{", "[maybe]", "待核",
	};
	size_t i;

	for (i = 0; i < sizeof raw / sizeof raw[0]; i++)
		cr_assert(strstr(e, raw[i]) == NULL, "\"%s\" in:\n%s", raw[i], e);
}

Test(eval, explanations_in_plain_english)
{
	gu_policy *p = tp_load();
	gu_results r;
	const char *e4, *e18;

	lb_results(p, "2014-01-01", WITH_MEMBER, &r);
	e4 = r.v[3].explanation;
	e18 = r.v[17].explanation;
	cr_assert_eq(r.v[3].verdict, GU_YES);
	cr_assert(strstr(e4, "For: child\n") != NULL, "%s", e4);
	cr_assert(strstr(e4, "[yes] rural left-behind child") != NULL, "%s", e4);
	cr_assert(strstr(e4, "[yes] Age: 10 years, under 16") != NULL, "%s", e4);
	cr_assert(strstr(e4, "[yes] Kind of hukou: village (rural)") != NULL, "%s", e4);
	cr_assert(strstr(e4, "[yes] Father's situation: working away") != NULL, "%s", e4);
	cr_assert(strstr(e4, "[yes] School stage: primary school") != NULL, "%s", e4);
	/* the grandmother's certificate, grade and needs go to a department */
	cr_assert_eq(r.v[17].verdict, GU_MAYBE);
	cr_assert_str_eq(r.v[17].persons, "member.1", "the public persons stay ids");
	cr_assert(strstr(e18, "For: member 1 张福\n") != NULL, "%s", e18);
	cr_assert(strstr(e18, "[verify] any of: child, father, mother, other members") != NULL, "%s", e18);
	cr_assert(strstr(e18, "[verify] member 1 张福") != NULL, "%s", e18);
	cr_assert(strstr(e18, "[verify] a department must decide") != NULL, "%s", e18);
	cr_assert(strstr(e18, "member 1's Disability grade: 2, from 1 to 2") != NULL, "%s", e18);
	cr_assert(strstr(e18, "member 1's Needs rehabilitation: yes") != NULL, "%s", e18);
	cr_assert(strstr(r.v[17].reason, "; verify with ") != NULL, "%s", r.v[17].reason);
	/* item 11 names the counties it lists, by name */
	cr_assert(strstr(r.v[10].explanation,
		"County of the school: Chaoyang County 211321 (one of the 5 places listed)") != NULL,
		"%s", r.v[10].explanation);
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].verdict != GU_NO)
			assert_plain(r.v[i].explanation);
	gu_results_free(&r);
	gu_policy_free(p);
}

Test(eval, explanations_say_which_answers_would_settle_them)
{
	gu_policy *p = tp_load();
	gu_results r;

	lb_results(p, "2014-01-01", "child.school_stage = primary\nchild.mh_need = unknown\n", &r);
	cr_assert_eq(r.v[30].verdict, GU_MAYBE);
	cr_assert_str_eq(r.v[30].settle[0], "child.mh_need", "settle keys stay keys");
	cr_assert(strstr(r.v[30].explanation, "[verify] Psychological needs: not known") != NULL,
		"%s", r.v[30].explanation);
	cr_assert(strstr(r.v[30].explanation, "Would settle it: Psychological needs\n") != NULL,
		"%s", r.v[30].explanation);
	assert_plain(r.v[30].explanation);
	gu_results_free(&r);
	gu_policy_free(p);
}

/* Switches messages to the build tree's Chinese catalogue, or fails:
 * Chinese is the product, so a missing catalogue or locale is an error. */
static void use_chinese(void)
{
	const char *top = getenv("top_builddir");
	char dir[1024], mo[1200];

	if (!top)
		cr_assert_fail("top_builddir is not set (run through make check)");
	snprintf(dir, sizeof dir, "%s/locale", top);
	snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/%s.mo", dir, PACKAGE);
	if (access(mo, R_OK) != 0)
		cr_assert_fail("the Chinese catalogue is not built (make builds it in locale/)");
	if (!setlocale(LC_ALL, "zh_CN.UTF-8") && !setlocale(LC_ALL, "zh_CN.utf8"))
		cr_assert_fail("the zh_CN.UTF-8 locale is not generated on this machine (./bootstrap generates it)");
	setenv("LANGUAGE", "zh_CN", 1);
	cr_assert_not_null(bindtextdomain(PACKAGE, dir));
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	cr_assert_not_null(textdomain(PACKAGE));
	if (gu_lang() != GU_LANG_ZH)
		cr_assert_fail("the Chinese catalogue is not in effect");
	if (strcmp(gettext("[verify]"), "[verify]") == 0 || strcmp(gettext(": "), ": ") == 0)
		cr_assert_fail("the Chinese catalogue does not translate the explanations");
}

Test(eval, explanations_in_plain_chinese)
{
	gu_policy *p;
	gu_results r;
	const char *e4, *e18;

	use_chinese();
	p = tp_load();
	lb_results(p, "2014-01-01", WITH_MEMBER, &r);
	e4 = r.v[3].explanation;
	e18 = r.v[17].explanation;
	cr_assert(strstr(e4, "对象：儿童\n") != NULL, "%s", e4);
	cr_assert(strstr(e4, "[是] 农村留守儿童") != NULL, "%s", e4);
	/* labels and answers come from the policy in Chinese */
	cr_assert(strstr(e4, "户口类别") != NULL && strstr(e4, "村（农村）") != NULL, "%s", e4);
	cr_assert(strstr(e4, "父亲情况") != NULL && strstr(e4, "外出务工") != NULL, "%s", e4);
	cr_assert(strstr(e4, "就学情况") != NULL && strstr(e4, "小学") != NULL, "%s", e4);
	cr_assert(strstr(e18, "张福") != NULL && strstr(e18, "残疾等级") != NULL, "%s", e18);
	cr_assert(strstr(e18, "需要康复") != NULL, "%s", e18);
	/* the marks and the wording follow the verdict 需核实 */
	cr_assert(strstr(e18, gettext("[verify]")) != NULL, "%s", e18);
	cr_assert(strstr(e18, gettext("a department must decide")) != NULL, "%s", e18);
	cr_assert(strstr(r.v[17].reason, "待") == NULL, "%s", r.v[17].reason);
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].verdict != GU_NO) {
			const char *e = r.v[i].explanation;

			assert_plain(e);
			/* no English choice value or word: no lower-case Latin letter */
			for (const char *c = e; *c; c++)
				cr_assert(*c < 'a' || *c > 'z', "a Latin letter in:\n%s", e);
		}
	gu_results_free(&r);
	gu_policy_free(p);
}

/* Answers that leave most questions open, a grandmother among the members:
 * many verify items, some settled by the answers of a person. */
#define SPARSE \
	"interview.date = 2024-09-01\nchild.id_number = none\nchild.dob = 2014-01-01\n" \
	"child.hukou_kind = village\nfather.status = unknown\nmother.status = migrant\n" \
	"member.1.relation = grandparent\nmember.1.name = 张福\nmember.1.disability = unknown\n"

/* Fails when a reason names an answer key or spans lines. */
static void assert_no_keys(const char *reason, const char *where)
{
	static const char *const raw[] = {
		"interview.", "child.", "father.", "mother.", "member.", "household.", "\n",
	};

	cr_assert_not_null(reason, "%s: no reason", where);
	for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++)
		cr_assert(strstr(reason, raw[i]) == NULL, "%s: \"%s\" in: %s", where, raw[i], reason);
}

/* Evaluates a with and without GU_EVAL_LABELS: the results agree but for
 * the reasons of verify items that answers would settle, which name no key
 * with the flag; without it they are as gu_evaluate makes them.  Returns
 * how many reasons name questions by their labels. */
static int check_labels(const gu_policy *p, const gu_answers *a, const char *where)
{
	const unsigned all = GU_EVAL_EXPLAIN | GU_EVAL_ASK_NEXT;
	gu_results plain, keys, labels;
	gu_error err;
	int named = 0;

	cr_assert_eq(gu_evaluate(p, a, &plain, &err), 0, "%s: %s", where, err.message);
	cr_assert_eq(gu_evaluate_ex(p, a, &keys, all, &err), 0, "%s: %s", where, err.message);
	cr_assert_eq(gu_evaluate_ex(p, a, &labels, all | GU_EVAL_LABELS, &err), 0, "%s: %s", where,
		err.message);
	cr_assert_eq(labels.n, plain.n);
	cr_assert_eq(labels.nask, plain.nask);
	for (size_t i = 0; i < plain.n; i++) {
		const gu_result *x = &plain.v[i], *k = &keys.v[i], *l = &labels.v[i];

		cr_assert_str_eq(k->reason, x->reason, "%s: item %d", where, x->item);
		cr_assert_eq(l->verdict, x->verdict);
		cr_assert_str_eq(l->persons, x->persons);
		cr_assert_str_eq(l->explanation, x->explanation);
		cr_assert_eq(l->nsettle, x->nsettle, "%s: item %d", where, x->item);
		for (size_t j = 0; j < x->nsettle; j++)
			cr_assert_str_eq(l->settle[j], x->settle[j], "settle keys stay keys");
		assert_no_keys(l->reason, where);
		if (x->verdict == GU_MAYBE && x->nsettle) {
			cr_assert_str_neq(l->reason, x->reason, "%s: item %d", where, x->item);
			named++;
		} else
			cr_assert_str_eq(l->reason, x->reason, "%s: item %d", where, x->item);
	}
	gu_results_free(&plain);
	gu_results_free(&keys);
	gu_results_free(&labels);
	return named;
}

Test(eval, reasons_name_questions_by_label_with_the_flag)
{
	gu_policy *p = tp_load();
	gu_results r;
	gu_answers a;
	gu_error err;
	const char *why;

	tp_answers(SPARSE, &a);
	cr_assert_gt(check_labels(p, &a, "sparse answers"), 3);
	cr_assert_eq(gu_evaluate_ex(p, &a, &r, GU_EVAL_LABELS, &err), 0, "%s", err.message);
	for (size_t i = 0; i < r.n; i++) {
		why = r.v[i].reason;
		if (r.v[i].verdict != GU_MAYBE || r.v[i].nsettle == 0)
			continue;
		assert_no_keys(why, "labels alone");
		cr_assert(strstr(why, "; verify: ") != NULL, "%s", why);
		cr_assert(strstr(why, "answer ") == NULL, "%s", why);
		/* two labels at most, then how many in all */
		if (r.v[i].nsettle > 2) {
			char tail[64];

			snprintf(tail, sizeof tail, " and others (%zu in all)", r.v[i].nsettle);
			cr_assert(strstr(why, tail) != NULL, "%s", why);
			cr_assert(strchr(strstr(why, "; verify: "), ',') != NULL, "%s", why);
		} else
			cr_assert(strstr(why, " in all)") == NULL, "%s", why);
	}
	gu_results_free(&r);
	gu_answers_free(&a);
	/* one answer to give: its label, as in the explanation */
	lb_results(p, "2014-01-01", "child.school_stage = primary\nchild.mh_need = unknown\n", &r);
	cr_assert(strstr(r.v[30].reason, "verify: answer child.mh_need") != NULL, "%s", r.v[30].reason);
	gu_results_free(&r);
	{
		char text[8192];

		snprintf(text, sizeof text, LEFT_BEHIND, "2014-01-01",
			"child.school_stage = primary\nchild.mh_need = unknown\n");
		tp_answers(text, &a);
	}
	cr_assert_eq(gu_evaluate_ex(p, &a, &r, GU_EVAL_LABELS, &err), 0, "%s", err.message);
	cr_assert_eq(r.v[30].verdict, GU_MAYBE);
	why = r.v[30].reason;
	cr_assert(strstr(why, "; verify: Psychological needs") != NULL, "%s", why);
	cr_assert_eq(r.v[30].nsettle, 1);
	gu_results_free(&r);
	gu_answers_free(&a);
	gu_policy_free(p);
}

Test(eval, every_profile_reads_the_same_without_the_flag_and_names_no_key_with_it)
{
	gu_policy *p = tp_load();
	const char *dir = TOP_SRCDIR "/tests/profiles";
	DIR *d = opendir(dir);
	struct dirent *e;
	int profiles = 0, named = 0;

	cr_assert_not_null(d, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char path[1024], buf[1024];
		gu_answers a;
		gu_error err;

		if (n < 9 || strcmp(e->d_name + n - 8, ".answers") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		cr_assert_eq(gu_answers_read_file(path, &a, &err), 0, "%s",
			gu_error_text(&err, buf, sizeof buf));
		if (gu_policy_check_answers(p, &a, path, &err) == 0) {
			named += check_labels(p, &a, e->d_name);
			profiles++;
		}
		gu_answers_free(&a);
	}
	closedir(d);
	cr_assert_geq(profiles, 10);
	cr_assert_gt(named, 0, "some profile has a verify item that answers would settle");
	gu_policy_free(p);
}

Test(eval, reasons_with_labels_in_chinese)
{
	gu_policy *p;
	gu_results r;
	gu_answers a;
	gu_error err;
	int named = 0;

	use_chinese();
	if (strcmp(gettext("%s; verify: %s"), "%s; verify: %s") == 0)
		cr_assert_fail("the Chinese catalogue does not translate the reasons by label");
	p = tp_load();
	tp_answers(SPARSE, &a);
	cr_assert_eq(gu_evaluate_ex(p, &a, &r, GU_EVAL_LABELS, &err), 0, "%s", err.message);
	for (size_t i = 0; i < r.n; i++) {
		const char *why = r.v[i].reason;

		if (r.v[i].verdict != GU_MAYBE || r.v[i].nsettle == 0)
			continue;
		named++;
		assert_no_keys(why, "zh");
		cr_assert(strstr(why, "；需核实：") != NULL, "%s", why);
		cr_assert(strstr(why, "请回答") == NULL, "%s", why);
		/* no English word: no lower-case Latin letter */
		for (const char *c = why; *c; c++)
			cr_assert(*c < 'a' || *c > 'z', "a Latin letter in: %s", why);
		if (r.v[i].nsettle > 2) {
			char tail[64];

			snprintf(tail, sizeof tail, "等 %zu 项", r.v[i].nsettle);
			cr_assert(strstr(why, tail) != NULL, "%s", why);
		}
	}
	cr_assert_gt(named, 3);
	gu_results_free(&r);
	/* without the flag the keys stay, for scripts */
	cr_assert_eq(gu_evaluate_ex(p, &a, &r, 0, &err), 0, "%s", err.message);
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].verdict == GU_MAYBE && r.v[i].nsettle)
			cr_assert(strstr(r.v[i].reason, "请回答 ") != NULL, "%s", r.v[i].reason);
	gu_results_free(&r);
	gu_answers_free(&a);
	gu_policy_free(p);
}

/* Returns how many times needle occurs in s. */
static int occurrences(const char *s, const char *needle)
{
	int n = 0;

	for (s = strstr(s, needle); s; s = strstr(s + 1, needle))
		n++;
	return n;
}

Test(eval, a_department_must_decide_is_said_once)
{
	gu_policy *p = tp_load();
	gu_results r;

	/* Item 16: a house suspected unsafe and a family with high medical costs, two parts
	 * of its rule a department decides. */
	lb_results(p, "2014-01-01", "household.rural_house_danger = suspected\n"
		"household.high_medical = yes\n", &r);
	cr_assert_eq(r.v[15].item, 16);
	cr_assert_eq(r.v[15].verdict, GU_MAYBE);
	cr_assert_eq(occurrences(r.v[15].explanation, "a department must decide"), 1, "%s",
		r.v[15].explanation);
	cr_assert(strstr(r.v[15].explanation, "medical") != NULL, "both parts are still shown: %s",
		r.v[15].explanation);
	gu_results_free(&r);
	gu_policy_free(p);
}
