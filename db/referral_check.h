/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules a follow-up of a referral must keep (db/referral_check.c):
 * what is refused, with a message saying what is wrong and how to fix it. */
#ifndef GUANAI_DB_REFERRAL_CHECK_H
#define GUANAI_DB_REFERRAL_CHECK_H

#include <stdbool.h>

#include "db/store.h"

/* What is known when a follow-up is about to be recorded. */
typedef struct gu_referral_facts {
	int item;
	const char *today;           /* "YYYY-MM-DD" */
	const char *interview_date;  /* the case's interview.date, or NULL/"" */
	const char *verdict;         /* the item's saved verdict ("eligible",
	                              * "verify"), or NULL/"" when it does not apply */
	bool referred;               /* the item has a referral already ... */
	enum gu_ref_status current;  /* ... with this status */
	const char *last_on;         /* ... and its latest entry's date */
	enum gu_ref_status status;   /* the new entry: its status, */
	const char *on;              /* its date ("YYYY-MM-DD") */
	const char *next_due;        /* and the next due date, or NULL/"" */
	const char *referred_on;     /* the referral's date, or NULL/"" when none */
	const char *reason;          /* the new entry's reason code, or NULL/"" */
	const char *note;            /* its note, or NULL/"" */
	const char *signed_by;       /* who signed its return slip, or NULL/"" */
} gu_referral_facts;

/* Checks a new follow-up against the referral's life: no date after today
 * or before the interview or the referral, no due date before the entry's
 * date, no entry dated before the last one, no item that is not eligible or
 * verify referred, nothing but "referred" first, no second "referred"
 * while one is open, the department's answer (accepted or not) only to a
 * referral it has not answered, a reason of the list for not accepted and
 * declined (and a note for "other") and none for anything else, and a
 * return slip's signer only on what a slip reports.  Returns 0, -GU_EEXIST for an item already referred and
 * open, or -GU_EINVAL, with the message in err. */
int gu_referral_check(const gu_referral_facts *f, gu_error *err);

#endif
