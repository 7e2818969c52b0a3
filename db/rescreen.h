/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Re-screening stored cases on another date or under another policy file:
 * the saved answers are evaluated again (interview.date replaced in a copy)
 * and the new verdicts compared with the saved results.  A child who has
 * turned 3, 7 or 16 since the interview gains or loses items.  Nothing is
 * stored: the comparison is a report. */
#ifndef GUANAI_DB_RESCREEN_H
#define GUANAI_DB_RESCREEN_H

#include <stddef.h>
#include "core/eval.h"
#include "core/policy.h"
#include "db/store.h"

enum gu_change_kind {
	GU_CHANGE_GAINED = 0, /* not in the saved results, now eligible or verify */
	GU_CHANGE_LOST,       /* in the saved results, now no */
	GU_CHANGE_VERDICT     /* eligible became verify or the other way */
};

typedef struct gu_item_change {
	int item;
	enum gu_change_kind kind;
	gu_tv before, after;
} gu_item_change;

/* One case re-screened. */
typedef struct gu_rescreen {
	char case_id[GU_ID_SIZE];
	char child_name[128];
	char date[11];              /* the interview date the rules used */
	char saved_policy[72];      /* the hash of the saved results' policy ("" none) */
	gu_item_change *changes;    /* ascending by item */
	size_t nchanges;
	gu_results results;         /* the new results */
} gu_rescreen;

/* Re-screens one case under p: its answers with interview.date set to date
 * (NULL keeps the saved one), checked and evaluated, compared with its
 * saved results.  Fills out (free with gu_rescreen_free).  Returns 0,
 * -GU_EINVAL (bad date), -GU_EANSWERS (the answers do not pass the policy's
 * checks: err says which), -GU_EPERM, -GU_ENOTFOUND or < 0. */
int gu_rescreen_case(gu_db *db, const gu_policy *p, const char *case_id, const char *date,
	gu_rescreen *out, gu_error *err);
/* Frees what a re-screen holds. */
void gu_rescreen_free(gu_rescreen *r);

/* The summary of re-screening many cases. */
typedef struct gu_rescreen_summary {
	size_t cases;              /* re-screened */
	size_t changed;            /* with at least one change */
	size_t failed;             /* whose answers could not be evaluated */
	size_t gained[1000], lost[1000], verdict[1000]; /* by item */
} gu_rescreen_summary;

/* Called for each case: r is NULL when it failed (case_err says why). */
typedef void (*gu_rescreen_fn)(const char *case_id, const gu_rescreen *r,
	const gu_error *case_err, void *ctx);

/* Re-screens every case the session may see (as gu_rescreen_case), calling
 * each (may be NULL) for every case and filling sum.  A case that fails is
 * counted and skipped.  Returns 0, or < 0 when the cases cannot be read. */
int gu_rescreen_all(gu_db *db, const gu_policy *p, const char *date, gu_rescreen_fn each,
	void *ctx, gu_rescreen_summary *sum, gu_error *err);

/* As gu_rescreen_all, on the interview dates, for the open drafts only
 * (being interviewed, or returned by a supervisor): what a new policy
 * changes for the work in hand. */
int gu_rescreen_drafts(gu_db *db, const gu_policy *p, gu_rescreen_fn each, void *ctx,
	gu_rescreen_summary *sum, gu_error *err);

#endif
