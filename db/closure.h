/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Closing a case with a reason, and reopening it: a supervisor's decision,
 * kept in the closures table and the audit log. */
#ifndef GUANAI_DB_CLOSURE_H
#define GUANAI_DB_CLOSURE_H

#include <stddef.h>
#include "db/store.h"

/* A reason a case can be closed for. */
typedef gu_reason gu_close_reason; /* a row of the one table, db/reasons.h */

/* Returns the table of closing reasons; *n is its length. */
const gu_close_reason *gu_close_reasons(size_t *n);
/* Returns the reason with that code, or NULL. */
const gu_close_reason *gu_close_reason_find(const char *code);

/* Closes a case that is not closed, for a reason code; the reason "other"
 * needs a note saying what it is.  Only a supervisor may close (or anyone
 * while the database has no users), and not on a worker's enrolled laptop.  Returns 0, -GU_EPERM, -GU_EINVAL
 * (closed already, unknown reason, no note for other), -GU_ENOTFOUND or
 * < 0. */
int gu_case_close(gu_db *db, const char *case_id, const char *reason, const char *note,
	gu_error *err);

/* Reopens a closed case, giving it back the status it had before it was
 * closed; note says why and is needed.  Same rights and results as
 * gu_case_close. */
int gu_case_reopen(gu_db *db, const char *case_id, const char *note, gu_error *err);

/* The last closing of a case. */
typedef struct gu_closure {
	char reason[32];     /* a code of gu_close_reasons, "" when never closed */
	char note[512];
	char on[11];         /* YYYY-MM-DD */
	char by[128];
} gu_closure;
/* Writes the last closing of a case into out (reason "" when the case was
 * never closed with a reason); returns 0 or < 0. */
int gu_case_closure(gu_db *db, const char *case_id, gu_closure *out, gu_error *err);

#endif
