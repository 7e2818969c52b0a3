/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A printed document (a referral sheet, its return slip, the consent
 * form) as a list of blocks, built once and rendered as HTML for A4
 * printing (core/doc_html.c) or as plain text (core/doc_text.c).  Every
 * text is copied into the document; building never fails half-way: a
 * failed allocation sets failed, and the renderers then return NULL. */
#ifndef GUANAI_CORE_DOC_H
#define GUANAI_CORE_DOC_H

#include <stdbool.h>
#include <stddef.h>

enum gu_doc_kind {
	GU_DOC_TITLE,     /* the document's title: cell 0 */
	GU_DOC_SUBTITLE,  /* a line under the title: cell 0 */
	GU_DOC_HEADING,   /* a part's heading: cell 0 */
	GU_DOC_PARA,      /* a paragraph: cell 0 */
	GU_DOC_FIELD,     /* a label (cell 0) and its value (cell 1) */
	GU_DOC_HEAD,      /* a table's column names: cells 0-3 */
	GU_DOC_ROW,       /* a table row: number, name, verdict (cells 0-2) and a
	                   * longer text under them (cell 3) */
	GU_DOC_CHECK,     /* a box to tick, with its words: cell 0 */
	GU_DOC_LINE,      /* a line to write on, after its label: cell 0 */
	GU_DOC_SIGN,      /* signature and date lines, after a label: cell 0 */
	GU_DOC_CUT,       /* the line to cut along before a slip: cell 0 */
	GU_DOC_FIGURE,    /* a count (cell 1) and what it counts (cell 0), the count
	                   * in a narrow column of its own (a ledger's lines) */
	GU_DOC_KIND_COUNT
};

#define GU_DOC_CELLS 4

typedef struct gu_doc_block {
	enum gu_doc_kind kind;
	char *cell[GU_DOC_CELLS];   /* malloc'd copies; NULL where unused */
} gu_doc_block;

typedef struct gu_doc {
	char *title;                /* the HTML page's title */
	gu_doc_block *v;
	size_t n, cap;
	bool failed;                /* memory ran out while building */
} gu_doc;

/* Starts an empty document titled title (copied). */
void gu_doc_init(gu_doc *d, const char *title);
/* Appends a block of kind with up to GU_DOC_CELLS texts (NULL ends them
 * early; each is copied). */
void gu_doc_add(gu_doc *d, enum gu_doc_kind kind, const char *c0, const char *c1,
	const char *c2, const char *c3);
/* Frees what the document holds (it may be initialised again). */
void gu_doc_free(gu_doc *d);

/* Returns the document as a self-contained HTML page laid out for A4 (print
 * CSS, CJK fonts with fallbacks, slips kept whole on a page), every text
 * escaped; malloc'd, or NULL when memory ran out. */
char *gu_doc_html(const gu_doc *d);
/* Returns the document as plain text of at most width columns (lines of
 * CJK text wrapped by columns, not bytes); malloc'd, or NULL. */
char *gu_doc_text(const gu_doc *d, int width);

#endif
