/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy file: the shipped file loads with all 39 items and every
 * question, and each kind of mistake stops loading at file:line:column. */
#include "config.h"

#include "core/i18n.h"
#include "core/qtype.h"
#include "core/strbuf.h"
#include "tests/test_policy_util.h"

#define H TP_HEAD_LINES
/* The line of "rule:" in generated item k when extra has e lines. */
#define RULE_LINE(e, k) (H + (e) + ((k) - 1) * 15 + 15)

/* Loads a minimal policy and expects an error at where containing fragment. */
static void fails_at(const char *extra, const char *rule, int skip, int line, int col,
	const char *fragment)
{
	gu_policy *p = NULL;
	gu_error err;
	char where[64];
	int rc = tp_load_mini(extra, rule, skip, &p, &err);

	snprintf(where, sizeof where, "t.policy:%d:%d", line, col);
	cr_assert_lt(rc, 0, "loading should fail (%s)", fragment);
	cr_assert_null(p);
	cr_assert_str_eq(err.where, where, "error [%s: %s], expected at %s", err.where,
		err.message, where);
	cr_assert(strstr(err.message, fragment) != NULL, "message [%s] lacks [%s]",
		err.message, fragment);
}

TestSuite(policy, .timeout = 60);

Test(policy, shipped_file_loads_with_39_items_in_order)
{
	gu_policy *p = tp_load();
	size_t i;

	cr_assert_str_eq(gu_policy_id(p), "chaoyang-2024");
	cr_assert_str_eq(gu_policy_effective(p), "2024-01-01");
	cr_assert_eq(strlen(gu_policy_hash(p)), 64);
	cr_assert_eq(gu_policy_item_count(p), 39);
	for (i = 0; i < 39; i++) {
		const gu_item *it = gu_policy_item(p, i);

		cr_assert_eq(it->number, (int)i + 1);
		cr_assert(it->name_en[0] && it->target_en[0] && it->content_en[0] && it->depts_en[0]);
		cr_assert_eq(gu_policy_item_by_number(p, (int)i + 1), it);
	}
	cr_assert_null(gu_policy_item_by_number(p, 40));
	gu_policy_free(p);
}

Test(policy, item_texts_keep_the_citys_oddities)
{
	gu_policy *p = tp_load();
	const gu_item *it6 = gu_policy_item_by_number(p, 6);
	const gu_item *it13 = gu_policy_item_by_number(p, 13);
	const gu_item *it23 = gu_policy_item_by_number(p, 23);
	const gu_item *it29 = gu_policy_item_by_number(p, 29);
	size_t n = strlen(it6->content_zh);

	cr_assert_eq(it6->content_zh[n - 1], '.');
	cr_assert(strstr(it13->content_zh, "规范严重精神障碍患者") != NULL);
	cr_assert(strstr(it23->depts_zh, "市人力资源社会保障局") != NULL);
	cr_assert(strstr(it29->target_zh, "求助供养") != NULL);
	cr_assert(strstr(gu_policy_item_by_number(p, 7)->target_zh, "(含原建档立卡学生") != NULL);
	cr_assert_str_eq(gu_policy_item_by_number(p, 1)->group_zh, "幼有所育");
	cr_assert_str_eq(gu_policy_item_by_number(p, 39)->group_zh, "发展保障");
	gu_policy_free(p);
}

Test(policy, sections_come_in_the_interview_order)
{
	static const char *const ids[] = { "child", "hukou", "parents", "health", "school",
		"household", "housing", "employment", "sudden", "private" };
	gu_policy *p = tp_load();
	size_t i, last = 0;

	cr_assert_eq(gu_policy_section_count(p), 10);
	for (i = 0; i < 10; i++)
		cr_assert_str_eq(gu_policy_section(p, i)->id, ids[i]);
	/* only the last part, asked privately, is introduced */
	cr_assert_str_eq(gu_policy_section(p, 8)->intro_zh, "");
	cr_assert(strstr(gu_policy_section(p, 9)->intro_zh, "单独询问") != NULL);
	cr_assert(strstr(gu_policy_section(p, 9)->intro_en, "privately") != NULL);
	for (i = 0; i < gu_policy_question_count(p); i++) {
		const gu_question *q = gu_policy_question(p, i);

		cr_assert_geq(q->section, last, "%s is out of section order", q->key);
		last = q->section;
	}
	/* the questions asked privately are in that part */
	cr_assert_eq(gu_policy_find_question(p, "child.safety")->section, 9);
	cr_assert_eq(gu_policy_find_question(p, "child.hiv")->section, 9);
	cr_assert_eq(gu_policy_find_question(p, "child.mh_need")->section, 9);
	gu_policy_free(p);
}

Test(policy, every_key_of_the_contract_is_a_question)
{
	static const char *const keys[] = {
		"interview.date", "interview.township", "interview.worker", "child.name",
		"child.id_number", "child.dob", "child.sex", "child.hukou_county", "child.hukou_kind",
		"child.residence_county", "child.residence_kind", "child.months_at_residence",
		"child.lives_with", "child.insured_county", "child.disability", "child.disability_types",
		"child.disability_level", "child.rehab_need", "child.smi", "child.hiv", "child.mh_need",
		"child.safety", "child.school_stage", "child.grade", "child.school_county",
		"child.school_kind", "child.formal_registration", "child.voc_major", "child.voc_public",
		"child.school_ethnic_region", "child.job_intent", "father.status", "mother.status",
		"father.migrant_months", "mother.migrant_months", "member.1.relation", "member.7.name",
		"father.name", "mother.age", "member.2.age", "father.disability", "member.3.smi",
		"mother.disability_types", "father.disability_level", "member.1.rehab_need",
		"child.employment", "father.employment", "member.4.unemployed_months", "mother.job_need",
		"father.hard_to_employ", "member.2.graduate", "child.training", "member.5.no_income_no_support",
		"household.status", "household.hardship_claimed", "household.sudden_hardship",
		"household.disaster", "household.house_damaged", "household.high_medical",
		"household.rural_house_danger", "household.rural_housing_support_received",
		"household.urban_housing_difficulty", "household.zero_employment",
		"household.acute_emergency", NULL
	};
	gu_policy *p = tp_load();
	int i;

	for (i = 0; keys[i]; i++)
		cr_assert_not_null(gu_policy_find_question(p, keys[i]), "%s is missing", keys[i]);
	cr_assert_str_eq(gu_policy_find_question(p, "member.3.age")->key, "member.*.age");
	cr_assert(gu_policy_find_question(p, "member.3.age")->is_person);
	cr_assert_null(gu_policy_find_question(p, "member.1.status"));
	cr_assert_null(gu_policy_find_question(p, "child.age"));
	cr_assert_null(gu_policy_find_question(p, "child.relation"));
	cr_assert_null(gu_policy_find_question(p, "father.job_intent"));
	gu_policy_free(p);
}

Test(policy, choices_carry_both_languages)
{
	gu_policy *p = tp_load();
	const gu_question *q = gu_policy_find_question(p, "father.status");
	size_t i;

	cr_assert_eq(q->type, GU_Q_MULTI);
	cr_assert_eq(q->nchoices, 12);
	cr_assert_str_eq(q->choices[1].value, "migrant");
	cr_assert_str_eq(q->choices[1].label_zh, "外出务工");
	for (i = 0; i < q->nchoices; i++)
		cr_assert(q->choices[i].label_en[0] && q->choices[i].label_zh[0]);
	q = gu_policy_find_question(p, "child.grade");
	cr_assert_eq(q->type, GU_Q_INTEGER);
	cr_assert_eq(q->min, 1);
	cr_assert_eq(q->max, 9);
	cr_assert(gu_policy_find_question(p, "interview.date")->required);
	cr_assert(gu_policy_find_question(p, "child.hukou_county")->allow_none);
	cr_assert_eq(gu_policy_find_question(p, "child.id_number")->type, GU_Q_IDNUMBER);
	gu_policy_free(p);
}

Test(policy, a_minimal_policy_loads)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_eq(tp_load_mini(NULL, NULL, 0, &p, &err), 0, "%s %s", err.where, err.message);
	cr_assert_eq(gu_policy_item_count(p), 39);
	cr_assert_eq(gu_policy_question_count(p), 3);
	gu_policy_free(p);
}

TestSuite(policy_errors, .timeout = 60);

Test(policy_errors, a_missing_item)
{
	fails_at(NULL, NULL, 17, 1, 1, "item 17 is missing");
}

Test(policy_errors, an_item_number_outside_1_to_39)
{
	fails_at("item 40\n", NULL, 0, H + 1, 6, "item 40: items are numbered 1 to 39");
	fails_at("item 0\n", NULL, 0, H + 1, 6, "items are numbered 1 to 39");
	fails_at("item five\n", NULL, 0, H + 1, 6, "an item is numbered");
}

Test(policy_errors, a_duplicate_item)
{
	char *extra = tp_mini("", NULL, 0);
	/* The first item block of a minimal policy, given once more before the others. */
	char *start = strstr(extra, "item 5\n"), *end = strstr(extra, "item 6\n");
	char block[2048];

	snprintf(block, sizeof block, "%.*s", (int)(end - start), start);
	free(extra);
	fails_at(block, NULL, 0, H + 15 + 4 * 15 + 1, 6, "item 5 is defined twice (first on line 29)");
}

Test(policy_errors, a_duplicate_question)
{
	fails_at("question child.n\n  type: yesno\n  section: s\n  zh: 是\n  en: Y\n", NULL, 0,
		H + 1, 10, "question child.n is defined twice (first on line 22)");
}

Test(policy_errors, a_person_pattern_duplicating_a_key)
{
	fails_at("question *.kind\n  type: yesno\n  section: s\n  persons: father, child\n"
		"  zh: 是\n  en: Y\n", NULL, 0, H + 1, 10, "question child.kind is defined twice");
}

Test(policy_errors, an_unknown_key_in_a_rule)
{
	fails_at(NULL, "child.knd = a", 0, RULE_LINE(0, 1), 9,
		"child.knd: no such key; did you mean child.kind?");
}

Test(policy_errors, a_condition_on_a_key_that_does_not_exist)
{
	fails_at("question child.y\n  type: yesno\n  section: s\n  zh: 是\n  en: Y\n"
		"  when: household.nothing_like_it\n", NULL, 0, H + 6, 9,
		"household.nothing_like_it: no such key");
}

Test(policy_errors, a_choice_compared_with_a_value_not_among_its_choices)
{
	fails_at(NULL, "child.kind = c", 0, RULE_LINE(0, 1), 22, "\"c\" is not a choice of child.kind");
	fails_at(NULL, "child.kind in {a, z}", 0, RULE_LINE(0, 1), 27, "\"z\" is not a choice of child.kind");
}

Test(policy_errors, a_date_compared_with_a_number)
{
	fails_at(NULL, "interview.date > 5", 0, RULE_LINE(0, 1), 26, "\"5\" is not a date");
	fails_at(NULL, "child.n < 2024-01-01", 0, RULE_LINE(0, 1), 19, "\"2024-01-01\" is not a number");
	fails_at(NULL, "child.n = interview.date", 0, RULE_LINE(0, 1), 19, "cannot compare a number with a date");
}

Test(policy_errors, a_choice_compared_with_an_order)
{
	fails_at(NULL, "child.kind < a", 0, RULE_LINE(0, 1), 20, "child.kind is a choice");
}

Test(policy_errors, syntax_errors_in_expressions)
{
	fails_at(NULL, "child.n >", 0, RULE_LINE(0, 1), 18, "expected a value");
	fails_at(NULL, "(yes", 0, RULE_LINE(0, 1), 13, "expected \")\"");
	fails_at(NULL, "yes yes", 0, RULE_LINE(0, 1), 13, "expected \"and\", \"or\" or the end");
	fails_at(NULL, "frobnicate", 0, RULE_LINE(0, 1), 9, "frobnicate: no such fact, key or keyword");
	fails_at(NULL, "child.n @ 3", 0, RULE_LINE(0, 1), 17, "expected a comparison");
	fails_at(NULL, "child.kind", 0, RULE_LINE(0, 1), 19, "expected a comparison");
}

Test(policy_errors, an_expression_continued_on_the_next_line_points_there)
{
	fails_at(NULL, "yes\n    and child.nn = 1", 0, RULE_LINE(0, 1) + 1, 9, "child.nn: no such key");
}

Test(policy_errors, syntax_errors_in_the_file)
{
	fails_at("Item 5\n", NULL, 0, H + 1, 1, "a line at the left margin starts a block");
	fails_at("widget w\n", NULL, 0, H + 1, 1, "\"widget\" is not a block");
	fails_at("question child.y\n  type yesno\n", NULL, 0, H + 2, 3, "expected \"name: value\"");
	fails_at("section t\n  zh: 丙\n  en: C\n  colour: red\n", NULL, 0, H + 4, 3,
		"unknown attribute \"colour\" in a section block");
	fails_at("section t\n  zh: 丙\n  zh: 丁\n  en: C\n", NULL, 0, H + 3, 3, "zh is given twice");
	fails_at("section \xff\n", NULL, 0, H + 1, 9, "not valid UTF-8");
}

Test(policy_errors, a_question_without_its_type_or_with_a_bad_one)
{
	fails_at("question child.y\n  section: s\n  zh: 是\n  en: Y\n", NULL, 0, H + 1, 1,
		"the attribute \"type:\" is missing");
	fails_at("question child.y\n  type: colour\n  section: s\n  zh: 是\n  en: Y\n", NULL, 0, H + 2, 3,
		"\"colour\" is not a type");
	fails_at("question child.y\n  type: yesno\n  section: nowhere\n  zh: 是\n  en: Y\n", NULL, 0, H + 3, 3,
		"no section called \"nowhere\"");
	fails_at("question child.y\n  type: choice\n  section: s\n  zh: 是\n  en: Y\n", NULL, 0, H + 1, 1,
		"needs \"choice: value | 中文 | English\" lines");
	fails_at("question child.y\n  type: choice\n  section: s\n  zh: 是\n  en: Y\n  choice: a | 甲\n",
		NULL, 0, H + 6, 3, "a choice is written");
	fails_at("question kid.y\n  type: yesno\n  section: s\n  zh: 是\n  en: Y\n", NULL, 0, H + 1, 10,
		"a key starts with interview, guardian, consent, child");
}

Test(policy_errors, a_fact_that_refers_to_itself)
{
	fails_at("fact loop\n  is: child.n > 1 and loop\n", "loop", 0, H + 2, 23, "fact loop refers to itself");
}

Test(policy_errors, ask_when_conditions_in_a_circle)
{
	fails_at("question child.y\n  type: yesno\n  section: s\n  zh: 是\n  en: Y\n  when: child.z\n"
		"question child.z\n  type: yesno\n  section: s\n  zh: 是\n  en: Y\n  when: child.y\n",
		NULL, 0, H + 6, 1, "depends on itself");
}

Test(policy_errors, a_multi_choice_compared_with_equals)
{
	fails_at("question child.m\n  type: multi\n  section: s\n  zh: 多\n  en: M\n"
		"  choice: a | 甲 | A\n", "child.m = a", 0, RULE_LINE(6, 1), 17, "use \"has any of");
}

Test(policy_errors, an_item_without_a_rule)
{
	char *s = tp_mini(NULL, NULL, 0);
	char *r = strstr(s, "  rule: yes\n");
	gu_policy *p = NULL;
	gu_error err;

	memcpy(r, "  note: yes\n", 12);
	cr_assert_lt(gu_policy_load_text("t.policy", s, strlen(s), &p, &err), 0);
	cr_assert_str_eq(err.where, "t.policy:29:1");
	cr_assert(strstr(err.message, "the attribute \"rule:\" is missing") != NULL, "%s", err.message);
	free(s);
}

Test(policy_errors, a_missing_file)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_lt(gu_policy_load_file("/nonexistent/x.policy", &p, &err), 0);
	cr_assert_eq(err.code, GU_EIO);
	cr_assert_str_eq(err.where, "/nonexistent/x.policy");
}

/* Loads the minimal policy with header lines added after its effective
 * date; returns the load's code with err filled. */
static int load_with_header(const char *lines, gu_policy **p, gu_error *err)
{
	static const char at[] = "  effective: 2024-01-01\n";
	char *mini = tp_mini(NULL, NULL, 0), *s, *cut = strstr(mini, at) + strlen(at);
	size_t head = (size_t)(cut - mini);
	int rc;

	s = malloc(strlen(mini) + strlen(lines) + 1);
	cr_assert_not_null(s);
	memcpy(s, mini, head);
	strcpy(s + head, lines);
	strcat(s, cut);
	rc = gu_policy_load_text("t.policy", s, strlen(s), p, err);
	free(s);
	free(mini);
	return rc;
}

Test(policy, shipped_counties_are_chaoyangs_seven_in_picker_order)
{
	static const char want[7][7] = {
		"211302", "211303", "211321", "211322", "211324", "211381", "211382"
	};
	gu_policy *p = tp_load();

	cr_assert_eq(gu_policy_county_count(p), 7);
	for (size_t i = 0; i < 7; i++)
		cr_assert_str_eq(gu_policy_county(p, i), want[i]);
	cr_assert_null(gu_policy_county(p, 7));
	gu_policy_free(p);
}

Test(policy_errors, the_header_sets_the_item_count)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_lt(load_with_header("  items: 40\n", &p, &err), 0);
	cr_assert(strstr(err.message, "item 40 is missing: the list has 40 items"), "%s", err.message);
	cr_assert_lt(load_with_header("  items: 38\n", &p, &err), 0);
	cr_assert(strstr(err.message, "item 39: items are numbered 1 to 38"), "%s", err.message);
	cr_assert_lt(load_with_header("  items: many\n", &p, &err), 0);
	cr_assert_str_eq(err.where, "t.policy:4:10");
	cr_assert(strstr(err.message, "is not a number of items"), "%s", err.message);
	cr_assert_lt(load_with_header("  items: 100\n", &p, &err), 0);
	cr_assert_null(p);
}

Test(policy_errors, the_header_lists_the_pickers_counties)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_eq(load_with_header("  counties: 211302, 130102\n", &p, &err), 0, "%s", err.message);
	cr_assert_eq(gu_policy_county_count(p), 2);
	cr_assert_str_eq(gu_policy_county(p, 1), "130102");
	gu_policy_free(p);
	p = NULL;
	cr_assert_eq(load_with_header("", &p, &err), 0);
	cr_assert_eq(gu_policy_county_count(p), 0);
	gu_policy_free(p);
	p = NULL;
	cr_assert_lt(load_with_header("  counties: 211302 211300\n", &p, &err), 0);
	cr_assert_str_eq(err.where, "t.policy:4:20");
	cr_assert(strstr(err.message, "\"211300\" is not a current county-level code"), "%s",
		err.message);
	cr_assert_null(p);
}

TestSuite(qtype, .timeout = 60);

Test(qtype, every_type_has_one_row_found_by_its_name)
{
	static const char names[][10] = {
		"text", "date", "choice", "multi", "yesno", "integer", "code", "idnumber", "phone",
		"township"
	};
	char all[200];

	for (int t = 0; t < GU_Q_COUNT; t++) {
		const gu_qtype_ops *ops = gu_qtype((enum gu_qtype)t);

		cr_assert_eq((int)ops->type, t);
		cr_assert_str_eq(ops->name, names[t]);
		cr_assert_eq(gu_qtype_by_name(names[t]), ops);
		cr_assert(ops->check && ops->read && ops->words);
	}
	cr_assert_null(gu_qtype_by_name("number"));
	cr_assert_str_eq(gu_qtype_names(all, sizeof all),
		"text, date, choice, multi, yesno, integer, code, idnumber, phone, township");
}

Test(qtype, a_list_is_read_item_by_item_without_spaces)
{
	const char *s = " a , bc,,d ", *t;
	size_t n;

	t = gu_list_next(&s, &n);
	cr_assert(t && n == 1 && t[0] == 'a');
	t = gu_list_next(&s, &n);
	cr_assert(t && n == 2 && strncmp(t, "bc", 2) == 0);
	t = gu_list_next(&s, &n);
	cr_assert(t && n == 1 && t[0] == 'd');
	cr_assert_null(gu_list_next(&s, &n));
}

Test(qtype, values_read_and_said_in_words)
{
	gu_policy *p = tp_load();
	const gu_question *dob = gu_policy_find_question(p, "child.dob");
	const gu_question *county = gu_policy_find_question(p, "child.hukou_county");
	char buf[200];
	int64_t v;

	cr_assert(gu_qtype(dob->type)->read(dob, "2015-03-02", &v));
	cr_assert_eq(v, 20150302);
	cr_assert_not(gu_qtype(dob->type)->read(dob, "2015-02-30", &v));
	cr_assert_str_eq(gu_qtype(dob->type)->words(dob, v = 20150302, buf, sizeof buf), "2015-03-02");
	cr_assert(gu_qtype(county->type)->read(county, "211322", &v));
	cr_assert_eq(v, 211322);
	cr_assert(strstr(gu_qtype(county->type)->words(county, v, buf, sizeof buf), "211322"));
	cr_assert_neq(gu_qtype(county->type)->check(county, "211399", &(gu_error){ 0 }), 0);
	gu_policy_free(p);
}

TestSuite(strbuf, .timeout = 60);

Test(strbuf, pieces_join_and_the_text_is_handed_over)
{
	gu_strbuf b = { 0 };
	char *s;
	int i;

	gu_sb_put(&b, "ab", 2);
	gu_sb_printf(&b, "-%d-", 42);
	for (i = 0; i < 200; i++)
		gu_sb_put(&b, "xy", 2);
	cr_assert_eq(b.len, 6 + 400);
	s = gu_sb_take(&b);
	cr_assert(strncmp(s, "ab-42-xyxy", 10) == 0);
	cr_assert_eq(strlen(s), 406);
	cr_assert_null(b.s);
	free(s);
	s = gu_sb_take(&b);
	cr_assert_str_eq(s, "");
	free(s);
}

Test(strbuf, an_array_grows_by_doubling_only_when_full, .timeout = 60)
{
	int *v = NULL, *w;
	size_t cap = 0, n;

	for (n = 0; n < 100; n++) {
		size_t want = 4;

		while (want < n + 1)
			want *= 2;
		w = gu_grow(v, &cap, n, sizeof *v, 4);
		cr_assert_not_null(w);
		cr_assert_eq(cap, want, "room for %zu elements is %zu, not %zu", n + 1, want, cap);
		v = w;
		v[n] = (int)n;
	}
	cr_assert_eq(cap, 128, "4 doubled to hold 100 is 128, not %zu", cap);
	for (n = 0; n < 100; n++)
		cr_assert_eq(v[n], (int)n);
	cr_assert_eq(gu_grow(v, &cap, 50, sizeof *v, 4), v, "room left: the array stays");
	cr_assert_eq(cap, 128);
	free(v);
}

TestSuite(item_names, .timeout = 60);

Test(item_names, shared_names_are_told_apart_by_their_short_form)
{
	gu_policy *p = tp_load();
	const gu_item *four = gu_policy_item_by_number(p, 4), *five = gu_policy_item_by_number(p, 5);
	size_t i, j;

	cr_assert_str_eq(four->name_zh, five->name_zh, "the city's list gives 4 and 5 one name");
	cr_assert_str_eq(five->shown_zh, "义务教育服务 · 流动儿童入学");
	cr_assert_str_eq(five->shown_en, "Compulsory education services · floating children's places");
	cr_assert_str_eq(gu_item_name(five), gu_lang() == GU_LANG_ZH ? five->shown_zh : five->shown_en);
	cr_assert_str_eq(gu_item_name(NULL), "");
	for (i = 0; i < gu_policy_item_count(p); i++)
		for (j = i + 1; j < gu_policy_item_count(p); j++) {
			const gu_item *a = gu_policy_item(p, i), *b = gu_policy_item(p, j);

			cr_assert_str_neq(a->shown_zh, b->shown_zh, "items %d and %d", a->number, b->number);
			cr_assert_str_neq(a->shown_en, b->shown_en, "items %d and %d", a->number, b->number);
		}
	gu_policy_free(p);
}

Test(item_names, a_unique_name_is_shown_as_it_is)
{
	gu_policy *p = tp_load();
	const gu_item *three = gu_policy_item_by_number(p, 3);

	cr_assert_str_eq(three->short_zh, "");
	cr_assert_str_eq(three->shown_zh, three->name_zh);
	cr_assert_str_eq(three->shown_en, three->name_en);
	gu_policy_free(p);
}

/* Loads a minimal policy with text from replaced by to (once); returns the load's code. */
static int load_replaced(const char *from, const char *to, gu_policy **p, gu_error *err)
{
	char *mini = tp_mini(NULL, NULL, 0), *s, *at = strstr(mini, from);
	int rc;

	cr_assert_not_null(at, "%s", from);
	s = malloc(strlen(mini) + strlen(to) + 1);
	cr_assert_not_null(s);
	memcpy(s, mini, (size_t)(at - mini));
	strcpy(s + (at - mini), to);
	strcat(s, at + strlen(from));
	rc = gu_policy_load_text("t.policy", s, strlen(s), p, err);
	free(s);
	free(mini);
	return rc;
}

Test(item_names, a_shared_name_without_a_short_form_is_refused)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_lt(load_replaced("  name_zh: 名5\n", "  name_zh: 名4\n", &p, &err), 0);
	cr_assert_null(p);
	cr_assert(strstr(err.message, "item 4: item 5 has the same name"), "%s", err.message);
	cr_assert(strstr(err.message, "short_zh and short_en"), "%s", err.message);
	cr_assert_lt(load_replaced("  name_en: name 5\n", "  name_en: name 4\n  short_zh: 甲\n"
		"  short_en: a\n", &p, &err), 0);
	cr_assert(strstr(err.message, "item 4: item 5 has the same name"), "%s", err.message);
	cr_assert_str_eq(err.where, "t.policy:74:1", "%s", err.where);
	cr_assert_lt(load_replaced("  name_zh: 名5\n", "  name_zh: 名5\n  short_zh: 甲\n", &p, &err), 0);
	cr_assert(strstr(err.message, "item 5: give both short_zh and short_en, or neither"), "%s",
		err.message);
}

Test(policy, the_shipped_file_lists_report_units_of_both_kinds_by_township)
{
	gu_policy *p = tp_load();
	size_t i, police = 0, education = 0;

	cr_assert_gt(gu_policy_unit_count(p), 0);
	for (i = 0; i < gu_policy_unit_count(p); i++) {
		const gu_report_unit *u = gu_policy_unit(p, i);

		cr_assert(u->township[0] && u->zh[0] && u->en[0], "unit %s is incomplete", u->id);
		police += strcmp(u->kind, "police") == 0 && strcmp(u->township, "建平镇") == 0;
		education += strcmp(u->kind, "education") == 0 && strcmp(u->township, "建平镇") == 0;
	}
	cr_assert_geq(police, 1, "建平镇 has no police station listed");
	cr_assert_geq(education, 2, "建平镇 lacks its school or its education office");
	cr_assert_null(gu_policy_unit(p, gu_policy_unit_count(p)));
	gu_policy_free(p);
}

Test(policy_errors, a_unit_of_an_unknown_kind_or_without_its_township)
{
	fails_at("unit u\n  kind: fire\n  township: 甲镇\n  zh: 甲\n  en: A\n", NULL, 0, H + 2, 3,
		"\"fire\" is not police or education");
	fails_at("unit u\n  kind: police\n  zh: 甲\n  en: A\n", NULL, 0, H + 1, 1,
		"the attribute \"township:\" is missing");
	fails_at("unit u\n  kind: police\n  township: 甲镇\n  zh: 甲\n  en: A\n  phone: 110\n", NULL, 0,
		H + 6, 3, "unknown attribute \"phone\" in a unit block");
}

Test(policy_errors, a_parent_section_that_is_not_defined)
{
	fails_at("question *.y\n  type: yesno\n  section: s\n  parent_section: nowhere\n"
		"  persons: father, member\n  zh: 是\n  en: Y\n", NULL, 0, H + 4, 3,
		"parent_section: no section called \"nowhere\"");
}

/* The questions a worker hesitates over say in F1 what to ask aloud, what
 * counts and where it can be checked, in both languages. */
Test(policy, hesitant_questions_say_what_to_ask_what_counts_and_where_to_check)
{
	static const char keys[][40] = {
		"child.hukou_county", "child.hukou_kind", "child.months_at_residence",
		"father.status", "mother.status", "father.migrant_months", "mother.migrant_months",
		"child.disability", "father.disability", "member.1.disability_level",
		"household.status", "child.safety", "child.school_stage", "child.grade",
	};
	gu_policy *p = tp_load();
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const gu_question *q = gu_policy_find_question(p, keys[i]);

		cr_assert_not_null(q, "%s", keys[i]);
		cr_assert(q->ask_zh && *q->ask_zh && q->ask_en && *q->ask_en, "%s: ask", keys[i]);
		cr_assert(q->counts_zh && *q->counts_zh && q->counts_en && *q->counts_en,
			"%s: counts", keys[i]);
		cr_assert(q->proof_zh && *q->proof_zh && q->proof_en && *q->proof_en,
			"%s: proof", keys[i]);
		/* the help speaks to the worker, never of the answers file */
		cr_assert_null(strstr(q->counts_en, "answers file"), "%s", keys[i]);
		cr_assert_null(strstr(q->counts_zh, "答案文件"), "%s", keys[i]);
	}
	cr_assert(!gu_policy_find_question(p, "child.name")->ask_zh
		|| !*gu_policy_find_question(p, "child.name")->ask_zh);
	gu_policy_free(p);
}
