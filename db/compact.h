/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Making an existing database smaller (guanai compact): the explanations
 * its results stored before they were rebuilt on demand are left out
 * where the policy in use gives them back identical, then the file is
 * rewritten without the space they took. */
#ifndef GUANAI_DB_COMPACT_H
#define GUANAI_DB_COMPACT_H

#include <stdbool.h>
#include "db/store.h"

/* What a compaction did. */
typedef struct gu_compact_report {
	long cases;          /* cases with stored explanations under the policy in use */
	long left_out;       /* explanations emptied: they rebuild identical */
	long kept;           /* explanations kept: they would not */
	long long before;    /* bytes of the database and its log before VACUUM */
	long long after;     /* and after */
} gu_compact_report;

/* Told the progress of gu_compact_explanations: done of total cases;
 * returns false to stop (what is done stays done). */
typedef bool (*gu_compact_progress_fn)(void *ctx, long done, long total);

/* Empties each stored explanation of a result computed under the policy
 * in use (gu_db_use_policy) that evaluating the case's answers again gives
 * back byte for byte; keeps the others.  Batches of cases, one transaction
 * each; the emptied rows are not sent to other devices (theirs keep their
 * own copies, which stay right).  Calls progress (may be NULL) before the
 * first batch and after each.  Fills rep->cases, left_out and kept.
 * Returns 0 or < 0. */
int gu_compact_explanations(gu_db *db, gu_compact_progress_fn progress, void *ctx,
	gu_compact_report *rep, gu_error *err);

/* Rewrites the database without its free pages (VACUUM), then empties its
 * log.  It needs free space on the database's disk of twice the file's
 * size; with less it refuses (-GU_EDB_FULL, saying how much is needed)
 * and changes nothing.  Fills rep->before and rep->after.  Returns 0 or
 * < 0. */
int gu_compact_vacuum(gu_db *db, gu_compact_report *rep, gu_error *err);

#endif
