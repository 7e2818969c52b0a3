/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A supervisor's decisions on completed cases: approve, or return to the
 * worker with a reason code and a note; and revealing a masked ID number.
 * Every decision and every reveal goes to the audit log. */
#ifndef GUANAI_DB_REVIEW_H
#define GUANAI_DB_REVIEW_H

#include <stddef.h>
#include "db/store.h"

enum gu_review_decision { GU_REVIEW_APPROVE = 0, GU_REVIEW_RETURN };

/* The reasons a case can be returned for. */
typedef gu_reason gu_return_reason; /* a row of the one table, db/reasons.h */

/* Returns the table of return reasons; *n is its length. */
const gu_return_reason *gu_return_reasons(size_t *n);
/* Returns the reason with that code, or NULL. */
const gu_return_reason *gu_return_reason_find(const char *code);

/* Records a decision on a case in one transaction: approving moves a
 * complete case to reviewed; returning moves a complete or reviewed case
 * to returned and needs a reason code and a note.  Only a supervisor may
 * decide (or anyone while the database has no users).  Returns 0,
 * -GU_EPERM, -GU_EINVAL (wrong status, unknown reason, no note),
 * -GU_ENOTFOUND or < 0. */
int gu_review_decide(gu_db *db, const char *case_id, enum gu_review_decision d,
	const char *reason, const char *note, gu_error *err);

/* One recorded decision. */
typedef struct gu_review {
	char id[GU_ID_SIZE];
	enum gu_review_decision decision;
	char reason[32];
	char *note;          /* "" when none */
	char by[128];
	gu_time_ms at;
} gu_review;
/* Lists a case's decisions, newest first; returns 0 or < 0. */
int gu_review_list(gu_db *db, const char *case_id, gu_review **out, size_t *n,
	gu_error *err);
/* Frees what gu_review_list returned. */
void gu_reviews_free(gu_review *v, size_t n);

/* A returned case, as its worker's start screen shows it. */
typedef struct gu_returned {
	char id[GU_ID_SIZE];
	char child_name[128];
	char reason[32];     /* the reason code of the latest return */
	char note[256];
} gu_returned;
/* Lists the returned cases the session may see (a worker: her own), newest
 * return first, at most max; returns 0 with a malloc'd array or < 0. */
int gu_review_returned(gu_db *db, size_t max, gu_returned **out, size_t *n, gu_error *err);

/* Writes a case's full ID number into out (size bytes) for a supervisor
 * (or anyone while the database has no users) and records the reveal in
 * the audit log.  Returns 0, -GU_EPERM, -GU_ENOTFOUND or < 0. */
int gu_case_reveal_id(gu_db *db, const char *case_id, char *out, size_t size,
	gu_error *err);

#endif
