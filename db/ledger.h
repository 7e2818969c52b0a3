/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly ledger (台账): the figures of one month per township, dated
 * by the interview and event dates (interview.date, followups.on_date,
 * visits, reports, closures), never by when rows were stored.  A worker
 * counts their own cases, as on the dashboard. */
#ifndef GUANAI_DB_LEDGER_H
#define GUANAI_DB_LEDGER_H

#include <stddef.h>

#include "core/visit_schedule.h"
#include "db/store.h"

/* The parts of the ledger, in the order it is printed. */
enum gu_ledger_part {
	GU_LEDGER_GROUP,     /* children registered by group: key floating, left_behind, difficult,
	                        and by the kind of a difficult one: difficult_a, _b, _c */
	GU_LEDGER_NEW,       /* new cases interviewed in the month: key "cases" */
	GU_LEDGER_VISIT,     /* visits: key "due" or "done" */
	GU_LEDGER_REFERRAL,  /* referral steps: item, key referred, accepted or delivered */
	GU_LEDGER_ALERT,     /* alerts: key police or education, sub raised or recorded */
	GU_LEDGER_CLOSED,    /* cases closed: key the reason's code */
	GU_LEDGER_PART_COUNT
};

/* One figure of one township. */
typedef struct gu_ledger_figure {
	char township[128];
	enum gu_ledger_part part;
	int item;            /* GU_LEDGER_REFERRAL: the item; else 0 */
	char key[32];
	char sub[16];        /* GU_LEDGER_ALERT: "raised" or "recorded"; else "" */
	long n;
} gu_ledger_figure;

/* A month's figures, by township name then part. */
typedef struct gu_ledger {
	char month[8];       /* YYYY-MM */
	gu_ledger_figure *v;
	size_t n;
} gu_ledger;

/* Counts month (YYYY-MM) for township (NULL: every township), as the
 * session may see it; s is the visit schedule.  Registered: not a draft,
 * interviewed by the month's last day and not closed before its first.
 * New: not a draft, interviewed in the month.  Referral steps: follow-ups
 * dated in the month.  Alerts raised: the alerts of the cases interviewed
 * in the month; recorded: reports made in the month.  Closed: closings
 * dated in the month, by reason.  Figures of 0 are left out.  Fills out
 * (free with gu_ledger_free); returns 0, -GU_EINVAL for a month that is
 * not YYYY-MM (err says how to write it), -GU_EPERM, or < 0. */
int gu_ledger_load(gu_db *db, const gu_visit_schedule *s, const char *month,
	const char *township, gu_ledger *out, gu_error *err);

/* Orders two figures as a township's are printed: by part, item, then
 * key (groups floating, left_behind, difficult; steps referred, accepted,
 * delivered; police before education) and sub; returns <0, 0, >0. */
int gu_ledger_order(const gu_ledger_figure *a, const gu_ledger_figure *b);

/* Frees what a ledger holds. */
void gu_ledger_free(gu_ledger *l);

#endif
