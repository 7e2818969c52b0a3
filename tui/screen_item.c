/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* One item in full: who it is for, the service content, the lead
 * departments and the whole explanation of the verdict. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/app.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

/* The item screen's state: which result it shows and how far it is
 * scrolled. */
typedef struct item_state {
	int result;             /* index into ses->res.v */
	int scroll;
} item_state;

/* Appends "heading\ntext\n\n" to buf at *o. */
static void add_part(char *buf, size_t size, size_t *o, const char *heading, const char *text)
{
	int n;

	if (*o >= size || !text || !*text)
		return;
	n = snprintf(buf + *o, size - *o, "%s\n%s\n\n", heading, text);
	if (n > 0)
		*o += (size_t)n;
	if (*o >= size)
		*o = size - 1;
}

/* Returns the columns a continuation of this line is indented by: its
 * leading blanks and a "[yes] " mark after them, so that a condition of the
 * explanation that wraps stays under its own text (0 for plain text). */
static int hanging_indent(const char *para, int w)
{
	size_t lead = strspn(para, " ");
	const char *close;
	int ind = (int)lead;

	if (para[lead] == '[' && (close = strchr(para + lead, ']')) != NULL
			&& close - (para + lead) < 16 && close[1] == ' ')
		ind += gu_text_nwidth(para + lead, (size_t)(close - (para + lead)) + 2);
	return ind > w / 2 ? 0 : ind;
}

/* Returns the rows the whole text takes in w columns, paragraph by paragraph. */
static int text_rows(const char *text, int w)
{
	int total = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char para[8192];

		if (len >= sizeof para)
			len = sizeof para - 1;
		memcpy(para, text, len);
		para[len] = '\0';
		total += len ? (int)gu_text_wrap_hanging(para, w, hanging_indent(para, w), NULL, 0) : 1;
		if (!nl)
			break;
		text = nl + 1;
	}
	return total;
}

/* Writes the item's whole text into buf; returns buf. */
static const char *item_text(gu_app *a, const item_state *is, char *buf, size_t size)
{
	const gu_result *res = &a->ses->res.v[is->result];
	const gu_item *it = gu_policy_item_by_number(a->pol, res->item);
	char persons[300], line[600];
	size_t o = 0;

	buf[0] = '\0';
	if (!it)
		return buf;
	snprintf(line, sizeof line, "%s  %s", res->verdict == GU_YES ? _("eligible") : _("verify"),
		gu_persons_words(res->persons, persons, sizeof persons));
	add_part(buf, size, &o, _("Verdict and persons:"), line);
	add_part(buf, size, &o, _("Reason:"), res->reason);
	add_part(buf, size, &o, _("Who it is for:"), gu_pick(it->target_zh, it->target_en));
	add_part(buf, size, &o, _("Service content:"), gu_pick(it->content_zh, it->content_en));
	add_part(buf, size, &o, _("Lead departments:"), gu_pick(it->depts_zh, it->depts_en));
	add_part(buf, size, &o, _("Explanation:"), res->explanation);
	/* the explanation may end with the source already: not twice */
	if (!res->explanation || !it->source || !strstr(res->explanation, it->source))
		add_part(buf, size, &o, _("Source text:"), it->source);
	return buf;
}

/* Scrolls by delta rows; returns GU_SCREEN_STAY. */
static int scroll_by(item_state *is, int delta)
{
	is->scroll += delta;
	return GU_SCREEN_STAY;
}

/* Scrolls one row up; returns GU_SCREEN_STAY. */
static int key_up(gu_app *a, void *st)
{
	(void)a;
	return scroll_by(st, -1);
}

/* Scrolls one row down; returns GU_SCREEN_STAY. */
static int key_down(gu_app *a, void *st)
{
	(void)a;
	return scroll_by(st, 1);
}

/* Scrolls a page up; returns GU_SCREEN_STAY. */
static int key_page_up(gu_app *a, void *st)
{
	return scroll_by(st, -(a->lay.body.h - 1));
}

/* Scrolls a page down; returns GU_SCREEN_STAY. */
static int key_page_down(gu_app *a, void *st)
{
	return scroll_by(st, a->lay.body.h - 1);
}

/* Marks the item for referral, or unmarks it; returns GU_SCREEN_STAY. */
static int key_refer(gu_app *a, void *st)
{
	item_state *is = st;

	a->ses->marked[is->result] = !a->ses->marked[is->result];
	return GU_SCREEN_STAY;
}

/* Goes back to the results; returns GU_SCREEN_BACK. */
static int key_back(gu_app *a, void *st)
{
	(void)a;
	(void)st;
	return GU_SCREEN_BACK;
}

/* The item screen's keys: they run it and name themselves in the key bar. */
static const gu_scr_key keys[] = {
	{ 0, KEY_UP, key_up, "Up/Down", N_("scroll") },
	{ 0, KEY_DOWN, key_down, NULL, NULL },
	{ 0, KEY_PPAGE, key_page_up, NULL, NULL },
	{ 0, KEY_NPAGE, key_page_down, NULL, NULL },
	{ ' ', 0, key_refer, "Space", N_("refer") },
	{ 'r', 0, key_refer, NULL, NULL },
	{ GU_ESC, 0, key_back, "Esc", N_("back to the results") },
	{ 0, KEY_ENTER, key_back, NULL, NULL },
	{ 'q', 0, key_back, NULL, NULL },
};

/* Draws the item screen. */
static void draw(gu_app *a, void *st)
{
	item_state *is = st;
	const gu_result *res = &a->ses->res.v[is->result];
	const gu_item *it = gu_policy_item_by_number(a->pol, res->item);
	static char text[16384];
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y - 1, h = a->lay.body.h + 1;
	char title[400];
	int total;

	snprintf(title, sizeof title, "%d  %s  %s", res->item,
		gu_item_name(it), it ? gu_pick(it->group_zh, it->group_en) : "");
	gu_frame_title(a, title);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2,
		a->ses->marked[is->result] ? _("[x] to be referred") : _("[ ] not marked for referral"),
		gu_attr(GU_R_LABEL));
	item_text(a, is, text, sizeof text);
	total = text_rows(text, w);
	is->scroll = gu_view_clamp(is->scroll, total, h);
	{
		/* draw the wrapped lines from item_scroll */
		int skip = is->scroll, row = 0;
		const char *p = text;

		while (*p && row < h) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			char para[8192];
			int rows, bold, ind;

			if (len >= sizeof para)
				len = sizeof para - 1;
			memcpy(para, p, len);
			para[len] = '\0';
			bold = len > 0 && para[len - 1] == ':' ? 1 : 0;
			if (!bold && len >= 3 && strcmp(para + len - 3, "\xEF\xBC\x9A") == 0)
				bold = 1;
			ind = hanging_indent(para, w);
			rows = len ? (int)gu_text_wrap_hanging(para, w, ind, NULL, 0) : 1;
			if (skip >= rows) {
				skip -= rows;
			} else {
				gu_text_line lines[128];
				size_t nl2 = len ? gu_text_wrap_hanging(para, w, ind, lines, 128) : 0, j;

				for (j = (size_t)skip; j < nl2 && j < 128 && row < h; j++, row++)
					gu_putn(y + row, x + (j ? ind : 0), w - (j ? ind : 0),
						para + lines[j].start, lines[j].len,
						bold ? gu_attr(GU_R_LABEL) : A_NORMAL);
				if (!len)
					row++;
				skip = 0;
			}
			if (!nl)
				break;
			p = nl + 1;
		}
	}
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* The item screen. */
static const gu_screen screen = { NULL, draw, NULL, NULL, keys, sizeof keys / sizeof keys[0] };

/* Shows result idx in full until the user goes back; returns a gu_screen_ret. */
int gu_screen_item(gu_app *a, int idx)
{
	item_state is = { idx, 0 };

	return gu_screen_run(a, &screen, &is);
}
