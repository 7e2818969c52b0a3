/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retention: the personal data of cases closed longer ago than the
 * policy's retention period is removed, their anonymous counts kept. */
#ifndef GUANAI_DB_PURGE_H
#define GUANAI_DB_PURGE_H

#include <stddef.h>

#include "db/store.h"

/* One case past its retention period. */
typedef struct gu_purge_case {
	char id[GU_ID_SIZE];
	char closed_on[12];          /* YYYY-MM-DD, local time */
	char township[128];
} gu_purge_case;

/* Lists the closed cases not yet purged whose closing lies more than
 * months months before today (YYYY-MM-DD; NULL for today), oldest first.
 * Supervisors only.  *out is a malloc'd array of *n (free()).  Returns 0
 * or < 0 (-GU_EPERM, -GU_EINVAL for a bad date or period). */
int gu_purge_list(gu_db *db, long months, const char *today, gu_purge_case **out,
	size_t *n, gu_error *err);

/* Removes the personal data of the n cases listed (names, ID numbers,
 * answers and their history, notes, explanations, the details of their
 * audit entries) in one transaction, keeping each case's status, township,
 * worker, groups, verdicts and referral states for the dashboard, and
 * records a "case.purge" audit entry for each.  Supervisors only.  Returns
 * 0 or < 0 (then nothing was removed). */
int gu_purge_run(gu_db *db, const gu_purge_case *cases, size_t n, gu_error *err);

#endif
