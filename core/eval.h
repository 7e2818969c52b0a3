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
} gu_results;

/* Evaluates every item for the answers on interview.date.  Answers must
 * have passed gu_policy_check_answers.  Returns 0 or a negative code. */
int gu_evaluate(const gu_policy *p, const gu_answers *a, gu_results *out, gu_error *err);
/* Frees results. */
void gu_results_free(gu_results *r);
/* Returns "eligible", "verify" or "no". */
const char *gu_tv_verdict(gu_tv v);

#endif
