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
	bool sure;                /* applies for certain, not only maybe */
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
/* Counts the unanswered steps that surely apply (their condition is yes,
 * not maybe): an estimate of the questions left that answers to come do
 * not shrink, only follow-ups they open add to. */
size_t gu_plan_left(const gu_plan *plan, const gu_answers *a);
/* Returns true when key is the child's birth date or sex and its answer is
 * what the valid ID number answered gives: the interview does not ask it
 * again (the worker may still change it). */
bool gu_plan_given_by_id(const gu_answers *a, const char *key);
/* Writes into buf what the valid ID number answered gives for key (the
 * birth date or the sex); returns buf, or NULL when there is no valid ID
 * number or key is neither. */
const char *gu_plan_id_fact(const gu_answers *a, const char *key, char *buf, size_t size);
/* Counts the screens of questions a full interview shows with these
 * answers: a step each, but for the birth date and sex the ID number gives
 * unless id_facts_asked (as the interview did before it took them from
 * the number). */
size_t gu_plan_screens(const gu_plan *plan, const gu_answers *a, bool id_facts_asked);
/* Returns true when the question for this concrete key applies now.  An
 * answer to a question that no longer applies is kept but counts in no rule. */
bool gu_question_applies(const gu_policy *p, const gu_answers *a, const char *key);

#endif
