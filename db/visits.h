/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The regular visits (定期走访) of the cases: recording one, the next visit
 * of each open case, the lists of visits due this month and overdue, and
 * the counts per township of a month that the monthly ledger prints.
 *
 * A case is visited regularly when its interview is finished (complete,
 * returned or reviewed; a draft is not yet, a closed case no longer), it
 * has an interview date and one of its groups has an interval in the
 * schedule (core/visit_schedule.h).  Its next visit is that many months
 * after its last visit, or after the interview when it has none (the 31st
 * plus a month is the last day of the shorter month). */
#ifndef GUANAI_DB_VISITS_H
#define GUANAI_DB_VISITS_H

#include <stdbool.h>
#include <stddef.h>
#include "core/visit_schedule.h"
#include "db/store.h"

/* The longest note a visit keeps, in bytes. */
#define GU_VISIT_NOTE_MAX 600

/* A visit to record. */
typedef struct gu_visit_new {
	const char *date;   /* YYYY-MM-DD; NULL or "" for today */
	const char *seen;   /* who was seen: the child, a guardian ... (needed) */
	const char *note;   /* what changed, short; NULL or "" for nothing */
	bool changed;       /* the family's circumstances changed */
} gu_visit_new;

/* Records a visit to a case, audited ("visit.add").  today is YYYY-MM-DD.
 * Returns 0; -GU_EINVAL with err saying what is wrong and how to fix it (a
 * date that is not one, after today or before the case's interview; nobody
 * seen; a note too long; a closed case); -GU_ENOTFOUND; -GU_EPERM (another
 * worker's case); or < 0. */
int gu_visit_add(gu_db *db, const char *case_id, const gu_visit_new *v, const char *today,
	gu_error *err);

/* A case's place in the visit lists. */
typedef struct gu_visit_due {
	char case_id[GU_ID_SIZE];
	char child_name[128];
	char township[128];
	char worker[128];
	char interviewed[11];  /* the interview date */
	char last[11];         /* the last visit, "" when none yet */
	char next[11];         /* the next visit is due by this date */
	int months;            /* the case's interval */
} gu_visit_due;

/* Which cases a list holds: all that are visited regularly, those due
 * from today to the end of this month, or those whose date has passed. */
enum gu_visit_which { GU_VISITS_ALL, GU_VISITS_DUE, GU_VISITS_OVERDUE };

/* Called for each case of a list; returns 0 to go on, anything else to
 * stop the list (gu_visits_each then returns it). */
typedef int (*gu_visit_fn)(const gu_visit_due *v, void *ctx);

/* Calls fn for each case of the list which (of township when not NULL;
 * a worker sees only their own cases), the earliest next date first, as
 * of today (YYYY-MM-DD).  Returns 0, fn's nonzero result, or < 0. */
int gu_visits_each(gu_db *db, const gu_visit_schedule *s, enum gu_visit_which which,
	const char *township, const char *today, gu_visit_fn fn, void *ctx, gu_error *err);

/* Sets *due to the cases due from today to the end of this month and
 * *overdue to those whose date has passed (what the start screen shows).
 * Returns 0 or < 0. */
int gu_visit_counts(gu_db *db, const gu_visit_schedule *s, const char *today, int *due,
	int *overdue, gu_error *err);

/* Fills out with one case's place in the lists; returns 1 when the case is
 * visited regularly, 0 when not (closed, a draft, no group with an
 * interval), or < 0. */
int gu_visit_case(gu_db *db, const gu_visit_schedule *s, const char *case_id,
	gu_visit_due *out, gu_error *err);

/* One township's visits in a month. */
typedef struct gu_visit_month {
	char township[128];
	int due;    /* cases whose next visit fell in the month or before it (as
	             * of its first day) and that were open during it */
	int done;   /* cases visited at least once in the month */
} gu_visit_month;

/* Counts the visits due and done in month (YYYY-MM) per township, by
 * township name (of township alone when not NULL; a worker's own cases);
 * townships with neither are left out.  Dated by the visit and interview
 * dates, not by when rows were stored; a case closed before the month is
 * not due.  Sets *out (free() it) and *n; returns 0, -GU_EINVAL for a
 * month that is not YYYY-MM, or < 0. */
int gu_visit_month_counts(gu_db *db, const gu_visit_schedule *s, const char *month,
	const char *township, gu_visit_month **out, size_t *n, gu_error *err);

#endif
