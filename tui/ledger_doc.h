/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly ledger as it is printed (tui/ledger_doc.c): its figures
 * summed per township and for the county under translated labels
 * (referrals by each item's lead department), as a document for HTML or
 * text (core/doc.h) or as CSV rows (core/csv.h). */
#ifndef GUANAI_TUI_LEDGER_DOC_H
#define GUANAI_TUI_LEDGER_DOC_H

#include "core/csv.h"
#include "core/doc.h"
#include "core/policy.h"
#include "db/ledger.h"

/* One printed line of the ledger. */
typedef struct gu_ledger_line {
	const char *township;   /* a township of the ledger, or NULL for the total */
	enum gu_ledger_part part;
	char label[192];        /* translated */
	long n;
} gu_ledger_line;

/* The ledger's lines: each township's, then the total's. */
typedef struct gu_ledger_lines {
	gu_ledger_line *v;
	size_t n, cap;
	size_t townships;       /* how many townships have a line */
} gu_ledger_lines;

/* Sums l into out under labels, the departments named from p; returns 0
 * or -GU_ENOMEM. */
int gu_ledger_lines_make(const gu_ledger *l, const gu_policy *p, gu_ledger_lines *out);
/* Frees the lines. */
void gu_ledger_lines_free(gu_ledger_lines *x);
/* Returns the translated name of a part. */
const char *gu_ledger_part_label(enum gu_ledger_part part);

/* Builds the ledger of month as a document into d (initialised here;
 * free with gu_doc_free); township is the one asked for, or NULL. */
void gu_ledger_doc(gu_doc *d, const gu_ledger_lines *x, const char *month,
	const char *township, const char *printed_by);
/* Writes the lines as CSV rows with a header; returns 0 or < 0. */
int gu_ledger_csv(gu_csv *w, const gu_ledger_lines *x, const char *month);

#endif
