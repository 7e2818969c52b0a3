/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evaluation: the verdict of every item for one family, with the persons
 * it attaches to and an explanation a social worker can repeat. */
#ifndef GUANAI_CORE_EVAL_H
#define GUANAI_CORE_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include "core/policy.h"

/* The three values; `and` takes the lowest, `or` the highest. */
typedef enum gu_tv { GU_NO = 0, GU_MAYBE = 1, GU_YES = 2 } gu_tv;

typedef struct gu_result {
	int item;              /* item number */
	gu_tv verdict;         /* yes = eligible, maybe = verify, no = not shown */
	char persons[256];     /* "child", "father,mother", "member.2,household" */
	char *reason;          /* one line in the current language */
	char *explanation;     /* several lines: conditions that held, answers read,
	                          for verify who decides or which answers would settle it */
	char **settle;         /* keys whose answer could change a verify verdict */
	size_t nsettle;
} gu_result;

typedef struct gu_alert {
	char id[32];           /* "mandatory_report", "dropout" */
	char *text;            /* one line in the current language */
} gu_alert;

typedef struct gu_results {
	gu_result *v;          /* one per item, ascending */
	size_t n;
	gu_alert *alerts;      /* shown above everything */
	size_t nalerts;
	char **ask_next;       /* unanswered or unknown keys settling the most verify items, best first */
	size_t nask;
	char groups[64];       /* "floating,left_behind,difficult" as held (yes or maybe) */
	unsigned difficult_kinds; /* bits 0, 1, 2: the kinds (a), (b), (c) held (yes or
	                             maybe) by a child the group difficult holds */
} gu_results;

/* Evaluates every item for the answers on interview.date.  Answers must
 * have passed gu_policy_check_answers.  Returns 0 or a negative code. */
int gu_evaluate(const gu_policy *p, const gu_answers *a, gu_results *out, gu_error *err);
/* What gu_evaluate_ex builds beyond verdicts, persons, reasons of the items
 * that are not no, settle keys, alerts and groups. */
enum {
	GU_EVAL_EXPLAIN = 1,   /* explanations, and reasons of the items that are no */
	GU_EVAL_ASK_NEXT = 2,  /* ask_next */
	GU_EVAL_LABELS = 4     /* reasons name the answers to give by their short
	                          labels in the current language, not by keys
	                          (for people: screens, saved results); settle keys
	                          are then all gathered */
};
/* As gu_evaluate with flags (gu_evaluate is both flags); what a flag leaves
 * out stays NULL, and without GU_EVAL_ASK_NEXT an item's settle keys stop at
 * the first five, as many as its reason line shows (batch screening). */
int gu_evaluate_ex(const gu_policy *p, const gu_answers *a, gu_results *out, unsigned flags,
	gu_error *err);

/* An evaluator keeps its working memory between evaluations of many
 * answers under one policy (batch screening). */
typedef struct gu_evaluator gu_evaluator;
/* Returns a new evaluator for p, or NULL when out of memory. */
gu_evaluator *gu_evaluator_new(const gu_policy *p);
/* As gu_evaluate_ex with the evaluator's memory; returns 0 or a negative code. */
int gu_evaluator_run(gu_evaluator *ev, const gu_answers *a, gu_results *out, unsigned flags,
	gu_error *err);
/* Frees an evaluator; NULL is allowed. */
void gu_evaluator_free(gu_evaluator *ev);
/* Frees results. */
void gu_results_free(gu_results *r);
/* Returns "eligible", "verify" or "no". */
const char *gu_tv_verdict(gu_tv v);

#endif
