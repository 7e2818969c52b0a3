/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The mandatory reports of a case: 强制报告 (the child's safety, to the
 * public security organ) and 控辍保学 (a school-age child not in school, to
 * the school or the township's education office). */
#ifndef GUANAI_DB_REPORTS_H
#define GUANAI_DB_REPORTS_H

#include "db/store.h"

enum gu_report_kind { GU_REPORT_POLICE, GU_REPORT_EDUCATION, GU_REPORT_KIND_COUNT };

/* A report to record.  Either it was made (date, unit, receipt if any) or
 * it is not made yet (not_yet says why), or a supervisor lets the case
 * finish without it (override says why). */
typedef struct gu_report_new {
	enum gu_report_kind kind;
	const char *date;      /* YYYY-MM-DD; NULL or "" for today */
	const char *unit;      /* the police station, school or office reported to */
	const char *by;        /* who reported; NULL or "" for the user working */
	const char *receipt;   /* the receipt number, or NULL */
	const char *not_yet;   /* why it is not made yet, or NULL when made */
	const char *override;  /* a supervisor's reason to finish without it, or NULL */
} gu_report_new;

/* Returns the stored name of a kind ("police", "education"). */
const char *gu_report_kind_name(enum gu_report_kind k);
/* Sets *k from its stored name; returns 0, or -GU_EINVAL with err saying
 * which names there are. */
int gu_report_kind_parse(const char *s, enum gu_report_kind *k, gu_error *err);
/* Records a report on the case, audited; returns 0 or < 0 with err saying
 * what is missing (a unit, or why not yet; an override needs a supervisor
 * and a reason). */
int gu_report_add(gu_db *db, const char *case_id, const gu_report_new *r, gu_error *err);
/* Returns 1 when the case has a report of kind made or overridden, 0 when
 * not, or < 0. */
int gu_report_done(gu_db *db, const char *case_id, enum gu_report_kind k, gu_error *err);

/* A report recorded on a case: made (on, unit, by, receipt), not made
 * yet (not_yet says why), or overridden by a supervisor (override says
 * why; by is the supervisor). */
typedef struct gu_report_row {
	enum gu_report_kind kind;
	char on[16], unit[256], by[128], receipt[128], not_yet[512], override[512];
} gu_report_row;

/* Calls each(r, ctx) for every report recorded on the case, the earliest
 * first, until it returns non-zero; returns 0, what each returned, or < 0
 * with err set. */
int gu_report_each(gu_db *db, const char *case_id,
	int (*each)(const gu_report_row *r, void *ctx), void *ctx, gu_error *err);

/* A case whose alert asks for a report that is not made yet. */
typedef struct gu_unreported {
	char case_id[GU_ID_SIZE];
	char child_name[128];
	char township[128];
	enum gu_case_status status;
	enum gu_report_kind kind;
} gu_unreported;

/* Lists the cases that are not closed and have an alert (强制报告 or
 * 控辍保学) without a report of its kind made or overridden, the latest
 * changed first, at most max (a worker's own cases).  Sets *out (free()
 * it) and *n; returns 0 or < 0. */
int gu_report_unreported(gu_db *db, size_t max, gu_unreported **out, size_t *n,
	gu_error *err);

#endif
