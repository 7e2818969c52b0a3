/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the policy tests: the real policy file, a minimal
 * policy text to put errors into, and answers built from strings. */
#ifndef GUANAI_TESTS_TEST_POLICY_UTIL_H
#define GUANAI_TESTS_TEST_POLICY_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers.h"
#include "core/eval.h"
#include "core/policy.h"

/* Returns the path of the policy file shipped in data/. */
static inline const char *tp_policy_path(void)
{
	const char *env = getenv("GUANAI_POLICY");

	return env && *env ? env : TOP_SRCDIR "/data/chaoyang-2024.policy";
}

/* Loads the shipped policy or fails the test; returns it. */
static inline gu_policy *tp_load(void)
{
	gu_policy *p = NULL;
	gu_error err;
	char buf[1024];

	if (gu_policy_load_file(tp_policy_path(), &p, &err) < 0)
		cr_assert_fail("cannot load the policy: %s", gu_error_text(&err, buf, sizeof buf));
	return p;
}

/* The lines every minimal policy starts with (TP_HEAD_LINES of them). */
#define TP_HEAD \
	"policy t\n" \
	"  version: 1\n" \
	"  effective: 2024-01-01\n" \
	"section s\n" \
	"  zh: 甲\n" \
	"  en: A\n" \
	"group g\n" \
	"  zh: 乙\n" \
	"  en: B\n" \
	"question interview.date\n" \
	"  type: date\n" \
	"  section: s\n" \
	"  zh: 日期\n" \
	"  en: Date\n" \
	"question child.kind\n" \
	"  type: choice\n" \
	"  section: s\n" \
	"  zh: 类\n" \
	"  en: Kind\n" \
	"  choice: a | 甲 | A\n" \
	"  choice: b | 乙 | B\n" \
	"question child.n\n" \
	"  type: integer\n" \
	"  section: s\n" \
	"  zh: 数\n" \
	"  en: Number\n" \
	"  min: 0\n" \
	"  max: 99\n"
#define TP_HEAD_LINES 28

/* Returns a malloc'd minimal policy: TP_HEAD, then extra, then items 1-39
 * with rule (or "yes"); the item numbered skip is left out. */
static inline char *tp_mini(const char *extra, const char *rule, int skip)
{
	size_t cap = 200000, len = 0;
	char *s = malloc(cap);
	int n;

	len += (size_t)snprintf(s + len, cap - len, "%s%s", TP_HEAD, extra ? extra : "");
	for (n = 1; n <= 39; n++) {
		if (n == skip)
			continue;
		len += (size_t)snprintf(s + len, cap - len,
			"item %d\n  group: g\n  target_zh: 对象\n  target_en: target\n"
			"  name_zh: 名%d\n  name_en: name %d\n  content_zh: 内容\n  content_en: content\n"
			"  depts_zh: 部门\n  depts_en: dept\n  source: src\n  attach: child\n"
			"  reason_zh: 因\n  reason_en: why\n  rule: %s\n", n, n, n, rule ? rule : "yes");
	}
	return s;
}

/* Loads a minimal policy; returns the load's code with err filled. */
static inline int tp_load_mini(const char *extra, const char *rule, int skip,
	gu_policy **p, gu_error *err)
{
	char *s = tp_mini(extra, rule, skip);
	int rc = gu_policy_load_text("t.policy", s, strlen(s), p, err);

	free(s);
	return rc;
}

/* Reads answers text (a later line replaces an earlier one with the same
 * key, so a test can change a base family) or fails the test. */
static inline void tp_answers(const char *text, gu_answers *a)
{
	const char *s = text;

	gu_answers_init(a);
	while (*s) {
		const char *nl = strchr(s, '\n'), *eq;
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char line[512], *k, *v, *e;

		snprintf(line, sizeof line, "%.*s", (int)n, s);
		s += n + (nl ? 1 : 0);
		eq = strchr(line, '=');
		if (!eq)
			continue;
		k = line;
		v = line + (eq - line) + 1;
		line[eq - line] = '\0';
		for (e = k + strlen(k); e > k && e[-1] == ' '; e--)
			e[-1] = '\0';
		while (*v == ' ')
			v++;
		if (gu_answers_set(a, k, v) < 0)
			cr_assert_fail("out of memory");
	}
}

/* Evaluates answers text under p and returns the verdict of item n;
 * persons (if not NULL, 256 bytes) receives its persons. */
static inline gu_tv tp_verdict(const gu_policy *p, const char *text, int n, char *persons)
{
	gu_answers a;
	gu_results r;
	gu_error err;
	gu_tv v = GU_NO;
	size_t i;

	tp_answers(text, &a);
	if (gu_evaluate(p, &a, &r, &err) < 0)
		cr_assert_fail("evaluation failed: %s", err.message);
	for (i = 0; i < r.n; i++)
		if (r.v[i].item == n) {
			v = r.v[i].verdict;
			if (persons)
				snprintf(persons, 256, "%s", r.v[i].persons);
		}
	gu_results_free(&r);
	gu_answers_free(&a);
	return v;
}

#endif
