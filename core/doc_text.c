/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A printed document as plain text (core/doc.h): wrapped by columns, with
 * control characters in stored texts written visibly. */

#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/strbuf.h"
#include "core/text.h"

/* The columns a label takes before its value. */
#define LABEL_COLS 22

/* Appends n spaces. */
static void put_spaces(gu_strbuf *b, int n)
{
	while (n-- > 0)
		gu_sb_put(b, " ", 1);
}

/* Appends n copies of the character c (one byte). */
static void put_rule(gu_strbuf *b, char c, int n)
{
	while (n-- > 0)
		gu_sb_put(b, &c, 1);
}

/* Appends s wrapped to lines of cols columns, every line after the first
 * indented by indent spaces (the first continues where the caller is);
 * ends with a line feed.  Control characters are escaped first. */
static void put_wrapped(gu_strbuf *b, const char *s, int cols, int indent)
{
	char *safe = gu_text_escape_controls(s, GU_ESCAPE_KEEP_LINES);
	gu_text_line lines[256];
	size_t n, i;

	if (!safe) {
		b->failed = true;
		return;
	}
	n = gu_text_wrap(safe, cols > 8 ? cols : 8, lines, sizeof lines / sizeof lines[0]);
	if (n > sizeof lines / sizeof lines[0])
		n = sizeof lines / sizeof lines[0];
	for (i = 0; i < n; i++) {
		if (i > 0)
			put_spaces(b, indent);
		gu_sb_put(b, safe + lines[i].start, lines[i].len);
		gu_sb_put(b, "\n", 1);
	}
	if (n == 0)
		gu_sb_put(b, "\n", 1);
	free(safe);
}

/* Appends s centred in width columns (its controls escaped). */
static void put_centred(gu_strbuf *b, const char *s, int width)
{
	char *safe = gu_text_escape_controls(s, GU_ESCAPE_FIELD);
	int w;

	if (!safe) {
		b->failed = true;
		return;
	}
	w = gu_text_width(safe);
	put_spaces(b, w < width ? (width - w) / 2 : 0);
	gu_sb_printf(b, "%s\n", safe);
	free(safe);
}

/* Appends a label padded to LABEL_COLS columns (its controls escaped). */
static void put_label(gu_strbuf *b, const char *label)
{
	char *safe = gu_text_escape_controls(label, GU_ESCAPE_FIELD);
	int w;

	if (!safe) {
		b->failed = true;
		return;
	}
	w = gu_text_width(safe);
	gu_sb_printf(b, "%s", safe);
	put_spaces(b, w < LABEL_COLS ? LABEL_COLS - w : 1);
	free(safe);
}

/* Appends a figure: its label (wrapped when long) and its count at the
 * right edge of width columns, on the label's line when there is room. */
static void put_figure(gu_strbuf *b, const char *label, const char *count, int width)
{
	char *safe = gu_text_escape_controls(label, GU_ESCAPE_FIELD);
	char *n = gu_text_escape_controls(count && *count ? count : "-", GU_ESCAPE_FIELD);
	int w, cw;

	if (!safe || !n) {
		b->failed = true;
		goto cleanup;
	}
	w = gu_text_width(safe);
	cw = gu_text_width(n);
	if (w + 2 + cw <= width) {
		gu_sb_printf(b, "%s", safe);
		put_spaces(b, width - w - cw);
	} else {
		put_wrapped(b, safe, width - 2, 2);
		put_spaces(b, width > cw ? width - cw : 0);
	}
	gu_sb_printf(b, "%s\n", n);
cleanup:
	free(safe);
	free(n);
}

/* Appends one block as text lines. */
static void put_block(gu_strbuf *b, const gu_doc_block *k, int width)
{
	gu_strbuf row = { 0 };
	char *line;

	switch (k->kind) {
	case GU_DOC_TITLE:
		put_centred(b, k->cell[0], width);
		put_rule(b, '=', width);
		gu_sb_put(b, "\n", 1);
		break;
	case GU_DOC_SUBTITLE:
		put_centred(b, k->cell[0], width);
		break;
	case GU_DOC_HEADING:
		line = gu_text_escape_controls(k->cell[0], GU_ESCAPE_FIELD);
		if (!line)
			b->failed = true;
		gu_sb_printf(b, "\n【%s】\n", line ? line : "");
		free(line);
		break;
	case GU_DOC_PARA:
		put_wrapped(b, k->cell[0], width, 0);
		break;
	case GU_DOC_FIELD:
		put_label(b, k->cell[0]);
		put_wrapped(b, k->cell[1] && *k->cell[1] ? k->cell[1] : "-", width - LABEL_COLS,
			LABEL_COLS);
		break;
	case GU_DOC_FIGURE:
		put_figure(b, k->cell[0], k->cell[1], width);
		break;
	case GU_DOC_HEAD:
		put_rule(b, '-', width);
		gu_sb_put(b, "\n", 1);
		break;
	case GU_DOC_ROW:
		gu_sb_printf(&row, "%s  %s  [%s]", k->cell[0] ? k->cell[0] : "",
			k->cell[1] ? k->cell[1] : "", k->cell[2] ? k->cell[2] : "");
		line = gu_sb_take(&row);
		if (!line) {
			b->failed = true;
			break;
		}
		put_wrapped(b, line, width - 4, 4);
		free(line);
		if (k->cell[3] && *k->cell[3]) {
			put_spaces(b, 4);
			put_wrapped(b, k->cell[3], width - 4, 4);
		}
		break;
	case GU_DOC_CHECK:
		gu_sb_printf(b, "%s ", "□");
		put_wrapped(b, k->cell[0], width - 3, 3);
		break;
	case GU_DOC_LINE:
		put_label(b, k->cell[0]);
		put_rule(b, '_', width - LABEL_COLS > 8 ? width - LABEL_COLS : 8);
		gu_sb_put(b, "\n", 1);
		break;
	case GU_DOC_SIGN:
		gu_sb_put(b, "\n", 1);
		put_label(b, k->cell[0]);
		put_rule(b, '_', 24);
		gu_sb_printf(b, "  %s ", k->cell[1] ? k->cell[1] : "");
		put_rule(b, '_', 14);
		gu_sb_put(b, "\n", 1);
		break;
	case GU_DOC_CUT:
		gu_sb_put(b, "\n", 1);
		put_rule(b, '-', 4);
		gu_sb_printf(b, " %s ", k->cell[0] ? k->cell[0] : "");
		put_rule(b, '-', 4);
		gu_sb_put(b, "\n\n", 2);
		break;
	default:
		break;
	}
}

/* Builds the text, a form feed between two titles' pages; returns it or NULL. */
char *gu_doc_text(const gu_doc *d, int width)
{
	gu_strbuf b = { 0 };
	size_t i;

	if (d->failed)
		return NULL;
	if (width < 40)
		width = 40;
	for (i = 0; i < d->n; i++) {
		if (d->v[i].kind == GU_DOC_TITLE && i > 0)
			gu_sb_put(&b, "\n\f\n", 3);
		put_block(&b, &d->v[i], width);
	}
	return gu_sb_take(&b);
}
