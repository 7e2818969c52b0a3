/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the policy-file reader and the expression compiler.  The
 * first byte chooses: odd, the input is a whole policy file; even, it is
 * the rule of every item of a small valid policy. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers.h"
#include "core/eval.h"
#include "core/plan.h"
#include "core/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The start of a small valid policy whose items take the fuzzed rule. */
static const char head[] =
	"policy f\n  version: 1\n  effective: 2024-01-01\n"
	"section s\n  zh: 甲\n  en: A\n"
	"group g\n  zh: 乙\n  en: B\n"
	"param lim\n  value: 10\n"
	"param set\n  value: {a, b}\n"
	"question interview.date\n  type: date\n  section: s\n  zh: 日\n  en: D\n"
	"question child.dob\n  type: date\n  section: s\n  zh: 生\n  en: B\n"
	"question child.kind\n  type: choice\n  section: s\n  zh: 类\n  en: K\n"
	"  choice: a | 甲 | A\n  choice: b | 乙 | B\n"
	"question *.m\n  type: multi\n  section: s\n  persons: child, father, member\n"
	"  zh: 多\n  en: M\n  choice: a | 甲 | A\n  choice: b | 乙 | B\n  when: not this.n > 3\n"
	"question *.n\n  type: integer\n  section: s\n  persons: father, mother, member\n"
	"  zh: 数\n  en: N\n  min: 0\n  max: 99\n"
	"fact f(p)\n  is: p.n >= lim or p.m has any of {a}\n"
	"fact g\n  is: child.kind in set and child.age between 1 and 5\n";

static const char *const answers[][2] = {
	{ "interview.date", "2024-06-01" }, { "child.dob", "2020-01-01" }, { "child.kind", "a" },
	{ "child.m", "a, b" }, { "father.n", "12" }, { "mother.n", "unknown" }, { "member.2.n", "4" },
	{ "member.2.m", "b" }, { "father.m", "a" }, { "member.1.zz", "1" }
};

/* Evaluates and plans a loaded policy once. */
static void exercise(const gu_policy *p)
{
	gu_answers a;
	gu_results r;
	gu_plan plan;
	gu_error err;
	char *s;

	size_t i;

	gu_answers_init(&a);
	for (i = 0; i < sizeof answers / sizeof answers[0]; i++)
		if (gu_answers_set(&a, answers[i][0], answers[i][1]) < 0)
			goto cleanup;
	if (gu_evaluate(p, &a, &r, &err) == 0)
		gu_results_free(&r);
	if (gu_plan_build(p, &a, &plan, &err) == 0)
		gu_plan_free(&plan);
	gu_policy_check_answers(p, &a, "f.answers", &err);
	s = gu_policy_format_answers(p, &a);
	free(s);
cleanup:
	gu_answers_free(&a);
}

/* Loads the input as a policy or as rules; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gu_policy *p = NULL;
	gu_error err;

	if (size == 0)
		return 0;
	if (data[0] & 1) {
		if (gu_policy_load_text("f.policy", (const char *)data + 1, size - 1, &p, &err) == 0) {
			exercise(p);
			gu_policy_free(p);
		}
		return 0;
	}
	{
		size_t cap = sizeof head + 39 * (4 * size + 512) + 16, len;
		char *text = malloc(cap);
		char *rule = malloc(size);
		size_t i, n = 0;
		int k;

		if (!text || !rule) {
			free(text);
			free(rule);
			return 0;
		}
		/* Lines of the rule become indented continuation lines. */
		for (i = 1; i < size; i++)
			if (data[i] != '\r')
				rule[n++] = (char)data[i];
		len = (size_t)snprintf(text, cap, "%s", head);
		for (k = 1; k <= 39; k++) {
			len += (size_t)snprintf(text + len, cap - len,
				"item %d\n  group: g\n  target_zh: 对\n  target_en: t\n  name_zh: 名%d\n"
				"  name_en: n%d\n  content_zh: 内\n  content_en: c\n  depts_zh: 部\n  depts_en: d\n"
				"  source: s\n  attach: child\n  reason_zh: 因\n  reason_en: r\n  rule: ", k, k, k);
			for (i = 0; i < n && len + 8 < cap; i++) {
				text[len++] = rule[i];
				if (rule[i] == '\n') {
					text[len++] = ' ';
					text[len++] = ' ';
					text[len++] = ' ';
				}
			}
			text[len++] = '\n';
		}
		if (gu_policy_load_text("f.policy", text, len, &p, &err) == 0) {
			exercise(p);
			gu_policy_free(p);
		}
		free(text);
		free(rule);
	}
	return 0;
}
