/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A printed document as one self-contained HTML page for A4 (core/doc.h):
 * no file, font or script from outside; every stored text escaped. */

#include <string.h>

#include "core/doc.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/text.h"

/* The fonts: the Noto/Source Han CJK fonts of Debian, Kylin and UOS, the
 * WenQuanYi fonts older Kylin and UOS releases carry, then Windows' and
 * WPS's SimSun and Microsoft YaHei, then the browser's own. */
static const char style[] =
	"@page { size: A4; margin: 12mm 14mm; }\n"
	"html { -webkit-print-color-adjust: exact; }\n"
	"body { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Noto Sans CJK SC\","
	" \"Source Han Sans SC\", \"WenQuanYi Zen Hei\", \"WenQuanYi Micro Hei\", SimSun, \"宋体\","
	" \"Microsoft YaHei\", \"微软雅黑\", serif; font-size: 10pt; line-height: 1.35;"
	" color: #000; background: #fff; margin: 0 auto; max-width: 180mm; }\n"
	"section.page { break-after: page; page-break-after: always; }\n"
	"section.page:last-child { break-after: auto; page-break-after: auto; }\n"
	"h1 { font-size: 16pt; text-align: center; margin: 0 0 1mm; letter-spacing: 0.1em; }\n"
	"p.sub { text-align: center; margin: 0 0 2mm; font-size: 9.5pt; }\n"
	"h2 { font-size: 11pt; margin: 2.5mm 0 1mm; }\n"
	"p { margin: 1mm 0; }\n"
	"table { width: 100%; border-collapse: collapse; margin: 1mm 0; }\n"
	"td, th { border: 1px solid #000; padding: 0.5mm 2mm; vertical-align: top; text-align: left; }\n"
	"table.fields th { width: 28%; font-weight: normal; background: #eee; }\n"
	"table.figures th { font-weight: normal; }\n"
	"table.figures td.n { width: 14%; text-align: right; white-space: nowrap; }\n"
	"table.items th { background: #eee; }\n"
	"table.items td.no { width: 8%; text-align: center; }\n"
	"table.items td.v { width: 14%; }\n"
	"tr, .sign, .line, .check { break-inside: avoid; page-break-inside: avoid; }\n"
	".check::before { content: \"\\2610\\00a0\"; }\n"
	".line span, .sign span { display: inline-block; border-bottom: 1px solid #000;"
	" min-width: 60mm; }\n"
	".sign { margin: 3mm 0 1mm; }\n"
	".sign span.d { min-width: 35mm; }\n"
	".cut { margin: 4mm 0 2mm; border-top: 1px dashed #000; text-align: center;"
	" font-size: 9pt; }\n"
	".slip { break-inside: avoid; page-break-inside: avoid; }\n"
	"@media screen { body { padding: 10mm; } }\n";

/* Appends s HTML-escaped to b: & < > \" ' as entities, a line feed as
 * <br>, other control characters and bytes that are not UTF-8 as U+FFFD. */
static void put_escaped(gu_strbuf *b, const char *s)
{
	size_t len = s ? strlen(s) : 0, pos = 0;

	while (pos < len) {
		uint32_t cp;
		char enc[4];
		size_t n = gu_utf8_decode(s + pos, len - pos, &cp);

		pos += n;
		switch (cp) {
		case '&': gu_sb_put(b, "&amp;", 5); break;
		case '<': gu_sb_put(b, "&lt;", 4); break;
		case '>': gu_sb_put(b, "&gt;", 4); break;
		case '"': gu_sb_put(b, "&quot;", 6); break;
		case '\'': gu_sb_put(b, "&#39;", 5); break;
		case '\n': gu_sb_put(b, "<br>", 4); break;
		case '\t': gu_sb_put(b, " ", 1); break;
		default:
			if (gu_char_is_control(cp))
				cp = GU_REPLACEMENT;
			gu_sb_put(b, enc, gu_utf8_encode(cp, enc));
		}
	}
}

/* Appends open, s escaped, and close. */
static void put_tag(gu_strbuf *b, const char *open, const char *s, const char *close)
{
	gu_sb_put(b, open, strlen(open));
	put_escaped(b, s);
	gu_sb_put(b, close, strlen(close));
}

/* What is open between blocks. */
enum open_table { T_NONE, T_FIELDS, T_ITEMS, T_FIGURES };

/* Closes an open table (*t) before a block of another kind. */
static void close_table(gu_strbuf *b, enum open_table *t, enum open_table want)
{
	if (*t == want)
		return;
	if (*t != T_NONE)
		gu_sb_printf(b, "</table>\n");
	*t = T_NONE;
	if (want == T_FIELDS)
		gu_sb_printf(b, "<table class=\"fields\">\n");
	else if (want == T_ITEMS)
		gu_sb_printf(b, "<table class=\"items\">\n");
	else if (want == T_FIGURES)
		gu_sb_printf(b, "<table class=\"figures\">\n");
	*t = want;
}

/* Appends one block (its table opened or closed as needed). */
static void put_block(gu_strbuf *b, const gu_doc_block *k, enum open_table *t, bool *slip)
{
	switch (k->kind) {
	case GU_DOC_FIELD:
		close_table(b, t, T_FIELDS);
		put_tag(b, "<tr><th>", k->cell[0], "</th>");
		put_tag(b, "<td>", k->cell[1], "</td></tr>\n");
		return;
	case GU_DOC_FIGURE:
		close_table(b, t, T_FIGURES);
		put_tag(b, "<tr><th>", k->cell[0], "</th>");
		put_tag(b, "<td class=\"n\">", k->cell[1], "</td></tr>\n");
		return;
	case GU_DOC_HEAD:
		close_table(b, t, T_ITEMS);
		put_tag(b, "<tr><th>", k->cell[0], "</th>");
		put_tag(b, "<th>", k->cell[1], "</th>");
		put_tag(b, "<th>", k->cell[2], "</th>");
		put_tag(b, "<th>", k->cell[3], "</th></tr>\n");
		return;
	case GU_DOC_ROW:
		close_table(b, t, T_ITEMS);
		put_tag(b, "<tr><td class=\"no\">", k->cell[0], "</td>");
		put_tag(b, "<td>", k->cell[1], "</td>");
		put_tag(b, "<td class=\"v\">", k->cell[2], "</td>");
		put_tag(b, "<td>", k->cell[3], "</td></tr>\n");
		return;
	default:
		break;
	}
	close_table(b, t, T_NONE);
	switch (k->kind) {
	case GU_DOC_TITLE:
		put_tag(b, "<h1>", k->cell[0], "</h1>\n");
		break;
	case GU_DOC_SUBTITLE:
		put_tag(b, "<p class=\"sub\">", k->cell[0], "</p>\n");
		break;
	case GU_DOC_HEADING:
		put_tag(b, "<h2>", k->cell[0], "</h2>\n");
		break;
	case GU_DOC_PARA:
		put_tag(b, "<p>", k->cell[0], "</p>\n");
		break;
	case GU_DOC_CHECK:
		put_tag(b, "<p class=\"check\">", k->cell[0], "</p>\n");
		break;
	case GU_DOC_LINE:
		put_tag(b, "<p class=\"line\">", k->cell[0], "<span>&nbsp;</span></p>\n");
		break;
	case GU_DOC_SIGN:
		put_tag(b, "<p class=\"sign\">", k->cell[0], "<span>&nbsp;</span>&nbsp;&nbsp;");
		put_tag(b, "", k->cell[1], "<span class=\"d\">&nbsp;</span></p>\n");
		break;
	case GU_DOC_CUT:
		if (*slip)
			gu_sb_printf(b, "</div>\n");
		put_tag(b, "<div class=\"cut\">&#9986; ", k->cell[0], "</div>\n<div class=\"slip\">\n");
		*slip = true;
		break;
	default:
		break;
	}
}

/* Builds the page: head, style, one section per title; returns it or NULL. */
char *gu_doc_html(const gu_doc *d)
{
	gu_strbuf b = { 0 };
	enum open_table t = T_NONE;
	bool slip = false, section = false;
	size_t i;

	if (d->failed)
		return NULL;
	gu_sb_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		gu_lang() == GU_LANG_ZH ? "zh-CN" : "en");
	put_tag(&b, "<title>", d->title, "</title>\n");
	gu_sb_printf(&b, "<style>\n%s</style>\n</head>\n<body>\n", style);
	for (i = 0; i < d->n; i++) {
		if (d->v[i].kind == GU_DOC_TITLE) {
			close_table(&b, &t, T_NONE);
			if (slip)
				gu_sb_printf(&b, "</div>\n");
			slip = false;
			if (section)
				gu_sb_printf(&b, "</section>\n");
			gu_sb_printf(&b, "<section class=\"page\">\n");
			section = true;
		}
		put_block(&b, &d->v[i], &t, &slip);
	}
	close_table(&b, &t, T_NONE);
	if (slip)
		gu_sb_printf(&b, "</div>\n");
	if (section)
		gu_sb_printf(&b, "</section>\n");
	gu_sb_printf(&b, "</body>\n</html>\n");
	return gu_sb_take(&b);
}
