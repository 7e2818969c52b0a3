/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Calendar dates and ages in whole years (周岁). */
#ifndef GUANAI_CORE_DATE_H
#define GUANAI_CORE_DATE_H

#include <stdbool.h>

typedef struct gu_date { int year, month, day; } gu_date;

/* Parses exactly "YYYY-MM-DD" (a real calendar day, years 1900-2199);
 * returns true on success. */
bool gu_date_parse(const char *s, gu_date *out);
/* Returns true when y-m-d is a real calendar day. */
bool gu_date_valid(int year, int month, int day);
/* Returns <0, 0, >0 as a is before, the same as, or after b. */
int gu_date_cmp(gu_date a, gu_date b);
/* Returns the age in whole years on day `on` of a person born on dob: a
 * person is n on their n-th birthday; one born on 29 February turns a
 * year older on 1 March in common years.  Negative when on < dob. */
int gu_age_on(gu_date dob, gu_date on);
/* Returns the 31 August before the school year that day `on` is in (a
 * school year starts on 1 September): 2026-08-31 for 2026-11-20,
 * 2025-08-31 for 2026-07-01 and for 2026-08-31 itself. */
gu_date gu_school_year_cutoff(gu_date on);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *gu_date_format(gu_date d, char *buf);
/* Returns today's date in local time. */
gu_date gu_date_today(void);
/* Returns d moved by n days (n may be negative). */
gu_date gu_date_add_days(gu_date d, int n);
/* Returns the number of days from a to b. */
long gu_date_diff_days(gu_date a, gu_date b);

#endif
