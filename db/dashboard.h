/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The supervisor's dashboard: counts of the cases of a period by status,
 * by group, by item and by township, and the overdue follow-ups. */
#ifndef GUANAI_DB_DASHBOARD_H
#define GUANAI_DB_DASHBOARD_H

#include <stddef.h>
#include "core/keys.h"
#include "db/reports.h"
#include "db/store.h"

typedef struct gu_township_count {
	char township[128];
	long cases;
} gu_township_count;

/* The cases of one county (the 6-digit code the child's hukou county
 * answer names, "" without one) or of one worker. */
typedef struct gu_dash_count {
	char name[128];
	long cases;
} gu_dash_count;

/* An alert's cases: raised, and recorded (its report made or a
 * supervisor's override). */
typedef struct gu_dash_alert {
	long raised, recorded;
} gu_dash_alert;

typedef struct gu_dashboard {
	long cases;                               /* cases interviewed in the period */
	long by_status[GU_CASE_STATUS_COUNT];
	long floating, left_behind, difficult;    /* cases in each group */
	long eligible[GU_ITEMS_MAX + 1];          /* [item]: cases eligible */
	long verify[GU_ITEMS_MAX + 1];            /* [item]: cases to verify */
	int items;                                /* the highest item number counted */
	gu_township_count *townships;             /* most cases first */
	size_t ntownships;
	gu_dash_count *counties;                  /* by hukou county code, most first */
	size_t ncounties;
	gu_dash_count *workers;                   /* by the worker a case is assigned
	                                             to, else its creator; most first */
	size_t nworkers;
	gu_dash_alert reports[GU_REPORT_KIND_COUNT]; /* [kind]: 强制报告, 控辍保学 */
	long followups_open;                      /* referred or in progress */
	long overdue;                             /* open and due before today */
} gu_dashboard;

/* Counts the cases interviewed from the day from to the day to (their
 * interview.date, or the day a draft without one was started; dates
 * "YYYY-MM-DD", both included; NULL for no bound), as the session may see
 * them (a worker: their own).  today ("YYYY-MM-DD", NULL for today) decides
 * what is overdue.  Fills out (free with gu_dashboard_free); returns 0,
 * -GU_EINVAL for a bad date, or < 0. */
int gu_dashboard_load(gu_db *db, const char *from, const char *to, const char *today,
	gu_dashboard *out, gu_error *err);
/* Frees what a dashboard holds. */
void gu_dashboard_free(gu_dashboard *d);

#endif
