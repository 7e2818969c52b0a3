/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sheets for a case (core/sheet.h draws them): the referral sheets of its
 * departments and the consent form, gathered from the stored case through
 * the consent gate and the ID number rule, and recorded once written: a
 * sheets row, the referral of each item on it (made when there was none)
 * and an audit entry holding ids and hashes only. */
#ifndef GUANAI_DB_SHEET_H
#define GUANAI_DB_SHEET_H

#include <stdbool.h>

#include "core/doc.h"
#include "core/keys.h"
#include "core/policy.h"
#include "core/sheet.h"
#include "db/store.h"

/* One department's sheet. */
typedef struct gu_sheet_part {
	char id[GU_ID_SIZE];         /* its sheets row */
	char ref[12];                /* the number printed on it and its slip */
	char dept[GU_DEPT_SIZE];     /* the department, as the policy names it in Chinese */
	int items[GU_ITEMS_MAX + 1];
	size_t nitems;
	bool id_whole;               /* the whole ID number is on it */
} gu_sheet_part;

/* The sheets about to be written: the document and what it holds.  A set
 * is written once (its sheets' ids are printed on them); printing again
 * gathers a new set. */
typedef struct gu_sheet_set {
	char case_id[GU_ID_SIZE];    /* "" for a blank consent form */
	bool consent;                /* a consent form, not referral sheets */
	gu_doc doc;
	gu_sheet_part parts[GU_ITEMS_MAX];
	size_t n;
} gu_sheet_set;

/* Gathers the referral sheets of case_id: one per lead department of its
 * eligible and verify items (only dept's when not NULL: its Chinese or
 * English name).  Passes the consent gate first (override: a supervisor's
 * reason, or NULL).  The ID number is whole only on the sheet of a
 * department the policy's sheet_id_number_depts names, and only when the
 * session may see whole numbers.  Returns 0 with *out filled (free it with
 * gu_sheet_set_free), -GU_ENOTFOUND for a department with no item,
 * -GU_EPERM from the gate, or < 0. */
int gu_sheet_referrals(gu_db *db, const gu_policy *p, const char *case_id, const char *dept,
	const char *override, gu_sheet_set *out, gu_error *err);

/* Gathers the consent form, for case_id (its child, guardian, township and
 * worker filled in) or blank (case_id NULL); returns 0 or < 0. */
int gu_sheet_consent_form(gu_db *db, const gu_policy *p, const char *case_id,
	gu_sheet_set *out, gu_error *err);

/* Records that text (the set rendered in format "html" or "text") was
 * written: a sheets row per part, a referral for each of its items that
 * had none (referred today, to the department, noting the sheet), the
 * unit and sheet on one that had, an audit entry per sheet (its id and the
 * text's SHA-256) and, for a whole ID number, the reveal.  One
 * transaction; returns 0 or < 0. */
int gu_sheet_record(gu_db *db, const gu_sheet_set *s, const char *format, const char *text,
	gu_error *err);

/* How a sheet is written. */
enum gu_sheet_format { GU_SHEET_HTML, GU_SHEET_TEXT };

/* Returns the set rendered as HTML for A4 or as plain text (malloc'd), or
 * NULL when out of memory. */
char *gu_sheet_render(const gu_sheet_set *s, enum gu_sheet_format format);
/* Returns "html" or "text". */
const char *gu_sheet_format_name(enum gu_sheet_format format);

/* Renders the set, writes it to path through the safe writer
 * (db/safe_write.h: 0600, an existing file only with GU_SAFE_REPLACE in
 * flags, else -GU_EEXIST) and records it (gu_sheet_record); returns 0 or
 * < 0 (nothing is recorded when the file was not written). */
int gu_sheet_write(gu_db *db, const gu_sheet_set *s, enum gu_sheet_format format,
	const char *path, unsigned flags, gu_error *err);

/* Frees what the set holds. */
void gu_sheet_set_free(gu_sheet_set *s);

#endif
