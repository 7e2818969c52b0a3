/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The papers guanai prints (core/doc.h renders them): a referral sheet
 * (转介单) for one receiving department with its return slip (回执), and
 * the guardian's consent form (知情同意书).  Pure text building: what goes
 * on a sheet (the ID number masked or not, the reasons) is decided by the
 * caller (db/sheet.c). */
#ifndef GUANAI_CORE_SHEET_H
#define GUANAI_CORE_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/doc.h"

/* One item referred to the department. */
typedef struct gu_sheet_item {
	int number;
	const char *name;          /* the item's name */
	const char *verdict;       /* the translated verdict (符合, 需核实) */
	const char *reason;        /* the reason in plain words; may be NULL */
} gu_sheet_item;

/* What a referral sheet says; every text may be NULL or "" (printed as a
 * blank to fill in by hand). */
typedef struct gu_sheet_info {
	const char *list_title;    /* the policy's title */
	const char *dept;          /* the receiving department */
	const char *ref;           /* the sheet's number, also on the slip */
	const char *child_name, *child_sex, *child_dob;
	int child_age;             /* whole years on the interview date; < 0 unknown */
	const char *id_number;     /* whole or masked, as decided */
	const char *township, *hukou_county;
	const char *guardian, *guardian_relation, *guardian_phone;
	const char *worker, *interview_date, *printed_on;
	const gu_sheet_item *items;
	size_t nitems;
} gu_sheet_info;

/* Appends one department's referral sheet and its return slip to d,
 * starting a new page. */
void gu_sheet_referral(gu_doc *d, const gu_sheet_info *s);

/* What a consent form says; the texts may be NULL or "" (a blank form). */
typedef struct gu_consent_info {
	const char *list_title;
	const char *child_name, *guardian, *township, *worker, *printed_on;
	long retention_months;     /* how long after closing a case it is kept; <= 0 unknown */
} gu_consent_info;

/* Appends the guardian's consent form to d, starting a new page. */
void gu_sheet_consent(gu_doc *d, const gu_consent_info *c);

/* The most departments one item may list. */
#define GU_DEPTS_MAX 8
/* The longest department name, in bytes with its NUL. */
#define GU_DEPT_SIZE 128

/* Splits a list of departments as the policy writes them ("市教育局、市残联"
 * or "City Education Bureau, Disabled Persons' Federation") into out,
 * trimmed; returns how many (at most max; an empty name is skipped, a
 * name too long is cut at a character boundary). */
size_t gu_dept_split(const char *list, char out[][GU_DEPT_SIZE], size_t max);

/* Returns true when the policy set text ("{a, b, c}") has word as one of
 * its members (compared whole, spaces around members ignored). */
bool gu_set_has(const char *set, const char *word);

#endif
