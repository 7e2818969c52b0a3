/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The filtered case list and its services as a CSV file for Excel. */
#ifndef GUANAI_DB_EXPORT_H
#define GUANAI_DB_EXPORT_H

#include "core/csv.h"
#include "db/safe_write.h"
#include "db/search.h"

/* Writes a header and one row per case matching f (as the session may see
 * them; at most f->limit cases when it is not 0; f->offset and f->after are ignored) to
 * w: case id, child's name, masked ID number, township, worker, groups,
 * status, date made, next follow-up due, interview date, the child's age
 * on it, sex, hukou county and guardian, then for each item 1 .. f->items
 * (or the highest item number saved, if higher; named by number and, with
 * f->policy, the item's name) its verdict and referral status.  A case
 * that records no legal basis (db/release.h) has its name replaced by a
 * note saying what to record, and no ID number or guardian, unless a
 * supervisor gives override (a reason; NULL or "" for none; a worker's is
 * refused with -GU_EPERM before anything is written): then it is written
 * whole and each such case gets a consent.override audit entry with the
 * reason.  Does not call gu_csv_finish.  *rows (may be NULL) gets the
 * number of cases written.  The export is recorded in the audit (action
 * cases.export, detail "csv; rows: N; withheld: M" and "; overridden: K"
 * after an override: counts, never names), through a writable handle of its
 * own when db is read-only; an export that cannot be recorded fails.
 * Returns 0 or < 0. */
int gu_export_cases_csv(gu_db *db, const gu_case_filter *f, const char *override,
	gu_csv *w, size_t *rows, gu_error *err);

/* Writes that CSV (with override as above) in encoding enc to path through the safe writer
 * (db/safe_write.h: mode 0600, never the database, an existing file only
 * with GU_SAFE_REPLACE in flags, else -GU_EEXIST).  When a row cannot be
 * written in the encoding (a name GB18030 cannot hold, text that is not
 * UTF-8), nothing is written and -GU_EENCODING names the rows.  Returns 0
 * or < 0. */
int gu_export_cases_file(gu_db *db, const gu_case_filter *f, const char *override,
	const char *path, enum gu_csv_encoding enc, unsigned flags, size_t *rows, gu_error *err);

#endif
