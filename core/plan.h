/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Skip logic: which questions apply to this family now, in order. */
#ifndef GUANAI_CORE_PLAN_H
#define GUANAI_CORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include "core/policy.h"

typedef struct gu_step {
	char key[64];             /* concrete key: "member.2.age" */
	const gu_question *q;
} gu_step;

typedef struct gu_plan {
	gu_step *v;               /* applicable questions in asking order */
	size_t n, cap;
} gu_plan;

/* Builds the ordered list of questions that apply given the answers so
 * far (a question applies when its ask-when condition is yes or maybe);
 * person questions are expanded for father, mother and each member.N that
 * has any answer.  Returns 0 or a negative code. */
int gu_plan_build(const gu_policy *p, const gu_answers *a, gu_plan *out, gu_error *err);
/* Frees the plan. */
void gu_plan_free(gu_plan *plan);
/* Returns the index of the first step at or after from that has no answer,
 * or plan->n when every applicable question is answered. */
size_t gu_plan_next(const gu_plan *plan, const gu_answers *a, size_t from);
/* Returns the index of key in the plan, or plan->n when it does not apply. */
size_t gu_plan_find(const gu_plan *plan, const char *key);
/* Counts the applicable questions and how many of them have an answer. */
void gu_plan_progress(const gu_plan *plan, const gu_answers *a,
	size_t *answered, size_t *total);
/* Returns true when the question for this concrete key applies now.  An
 * answer to a question that no longer applies is kept but counts in no rule. */
bool gu_question_applies(const gu_policy *p, const gu_answers *a, const char *key);

#endif
