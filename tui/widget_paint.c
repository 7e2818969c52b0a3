/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Painting primitives every widget and screen uses: clipped, wrapped and
 * right-aligned text, boxes and the key-help line. */

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/paint.h"

/* Draws the first len bytes of s at y, x in at most w columns; returns the
 * columns drawn. */
int gu_putn(int y, int x, int w, const char *s, size_t len, attr_t a)
{
	size_t pos = 0;
	int col = 0;

	if (!s || w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	move(y, x);
	while (pos < len) {
		uint32_t cp;
		size_t n = gu_utf8_decode(s + pos, len - pos, &cp);
		int cw = gu_char_width(cp);
		wchar_t wc[2] = { (wchar_t)cp, 0 };
		cchar_t cc;

		pos += n;
		if (gu_char_is_control(cp))
			continue;
		if (col + cw > w)
			break;
		if (cw == 0 && col == 0)
			continue;
		setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
		add_wch(&cc);
		col += cw;
	}
	return col;
}

/* Draws s at y, x in at most w columns; returns the columns drawn. */
int gu_put(int y, int x, int w, const char *s, attr_t a)
{
	return s ? gu_putn(y, x, w, s, strlen(s), a) : 0;
}

/* Draws s within w columns, "…" at its end when cut; returns the columns drawn. */
int gu_put_cut(int y, int x, int w, const char *s, attr_t a)
{
	int cut, cols;
	size_t n;

	if (!s || w <= 0)
		return 0;
	n = gu_text_cut(s, w, &cut);
	cols = gu_putn(y, x, w, s, n, a);
	if (cut)
		cols += gu_put(y, x + cols, w - cols, "…", a);
	return cols;
}

/* Fills w columns with blanks in a. */
void gu_fill(int y, int x, int w, attr_t a)
{
	int i;

	if (y < 0 || y >= LINES)
		return;
	if (x + w > COLS)
		w = COLS - x;
	move(y, x);
	for (i = 0; i < w; i++)
		addch(' ' | a);
}

/* Draws s and blanks up to w columns. */
void gu_put_line(int y, int x, int w, const char *s, attr_t a)
{
	int used = gu_put(y, x, w, s, a);

	gu_fill(y, x + used, w - used, a);
}

/* Draws s ending at x + w; returns where it starts. */
int gu_put_right(int y, int x, int w, const char *s, attr_t a)
{
	int sw = gu_text_width(s);
	int start = x + w - sw;

	if (start < x)
		start = x;
	gu_put(y, start, x + w - start, s, a);
	return start;
}

/* Returns the rows s needs in w columns. */
int gu_wrapped_rows(const char *s, int w)
{
	return (int)gu_text_wrap(s, w, NULL, 0);
}

/* Draws s wrapped; returns the rows used. */
int gu_put_wrapped(int y, int x, int w, int maxrows, const char *s, attr_t a)
{
	gu_text_line lines[64];
	size_t n, i, shown;

	if (!s || maxrows <= 0 || w < 2)
		return 0;
	n = gu_text_wrap(s, w, lines, 64);
	shown = n < (size_t)maxrows ? n : (size_t)maxrows;
	if (shown > 64)
		shown = 64;
	for (i = 0; i < shown; i++) {
		if (i + 1 == shown && shown < n) {
			int used = gu_putn(y + (int)i, x, w - 3, s + lines[i].start,
				lines[i].len, a);

			gu_put(y + (int)i, x + used, 3, "...", a);
		} else {
			gu_putn(y + (int)i, x, w, s + lines[i].start, lines[i].len, a);
		}
	}
	return (int)shown;
}

/* Draws a box with a title, its inside cleared.  ASCII only: box-drawing
 * characters have an ambiguous width that CJK terminals draw double. */
void gu_box(gu_rect r, const char *title)
{
	int i;

	for (i = 0; i < r.h; i++)
		gu_fill(r.y + i, r.x, r.w, A_NORMAL);
	mvaddch(r.y, r.x, '+');
	mvhline(r.y, r.x + 1, '-', r.w - 2);
	mvaddch(r.y, r.x + r.w - 1, '+');
	for (i = 1; i < r.h - 1; i++) {
		mvaddch(r.y + i, r.x, '|');
		mvaddch(r.y + i, r.x + r.w - 1, '|');
	}
	mvaddch(r.y + r.h - 1, r.x, '+');
	mvhline(r.y + r.h - 1, r.x + 1, '-', r.w - 2);
	mvaddch(r.y + r.h - 1, r.x + r.w - 1, '+');
	if (title && *title) {
		int used = gu_put(r.y, r.x + 2, r.w - 4, " ", A_BOLD);

		used += gu_put(r.y, r.x + 2 + used, r.w - 4 - used, title, A_BOLD);
		gu_put(r.y, r.x + 2 + used, r.w - 4 - used, " ", A_BOLD);
	}
}

/* Draws at y, x in w columns, when rows of a list of n are off screen (h
 * shown from row first), how many are above and below them; returns the
 * rows drawn: 1, or 0 when the whole list is shown.  Every list that can
 * be cut says so through this, in the same words. */
int gu_list_more(int y, int x, int w, int first, int h, int n)
{
	int above = first, below = n - first - h;
	char line[160];

	if (above < 0)
		above = 0;
	if (below < 0)
		below = 0;
	if (above && below)
		snprintf(line, sizeof line, _("(%d more above, %d below: use the arrow keys)"),
			above, below);
	else if (above)
		snprintf(line, sizeof line, _("(%d more above: use the arrow keys)"), above);
	else if (below)
		snprintf(line, sizeof line, _("(%d more below: use the arrow keys)"), below);
	else
		return 0;
	gu_put(y, x, w, line, gu_attr(GU_R_DIM));
	return 1;
}

/* What the last key bar drawn showed, for the test harness's dumps: its
 * width, whether it was cut, and its first-priority keys ("name what"
 * lines). */
static struct {
	bool drawn, cut;
	int width;
	char first[1024];
} last_bar;

/* Forgets the last key bar drawn (a new screen is being drawn). */
void gu_keys_line_forget(void)
{
	last_bar.drawn = false;
}

/* Returns true when a key bar was drawn since the last forget, with its
 * width, whether it was cut and its first-priority keys, one "name what"
 * a line (F1 aside: a cut bar names it at its end). */
bool gu_keys_line_last(int *width, bool *cut, const char **first)
{
	*width = last_bar.width;
	*cut = last_bar.cut;
	*first = last_bar.first;
	return last_bar.drawn;
}

/* Notes the keys the bar about to be drawn must show. */
static void note_bar(const gu_rect *r, const char *const *pairs, const bool *later, size_t npairs,
	bool cut)
{
	size_t i, len = 0;

	last_bar.drawn = true;
	last_bar.cut = cut;
	last_bar.width = r->w;
	last_bar.first[0] = '\0';
	for (i = 0; i + 1 < npairs; i += 2) {
		int n;

		if ((later && later[i / 2]) || !pairs[i + 1][0] || strcmp(pairs[i], "F1") == 0)
			continue;
		n = snprintf(last_bar.first + len, sizeof last_bar.first - len, "%s %s\n",
			pairs[i], pairs[i + 1]);
		if (n < 0 || (size_t)n >= sizeof last_bar.first - len)
			break;
		len += (size_t)n;
	}
}

/* Returns the columns pair i takes in the key bar ("name what"). */
static int pair_width(const char *const *pairs, size_t i)
{
	return gu_text_width(pairs[i]) + 1 + gu_text_width(pairs[i + 1]);
}

/* Draws the key-help line from name/action pairs; when they do not all
 * fit and F1 is among them, the line ends in "F1 all keys" (the F1 help
 * names every key), and the first-priority pairs are kept before those
 * later[i / 2] marks, which fill what room is left; each kind in order
 * until one does not fit.  later may be NULL: all first.  The pairs are
 * drawn in their order.  A pair with no words ("F1", "") is drawn only
 * as the end of a cut line. */
void gu_keys_line_ranked(const gu_rect *r, const char *const *pairs, const bool *later,
	size_t npairs)
{
	int x = r->x, end = r->x + r->w, total = 0, reserve = 0, used = 0, pass;
	size_t i, f1 = npairs;
	bool shown[32] = { false };
	/* TRANSLATORS: the end of a key bar too narrow for all its keys: F1 shows them */
	const char *all = _("all keys");

	if (npairs > 2 * (sizeof shown / sizeof shown[0]))
		npairs = 2 * (sizeof shown / sizeof shown[0]);
	for (i = 0; i + 1 < npairs; i += 2) {
		if (strcmp(pairs[i], "F1") == 0)
			f1 = i;
		/* an F1 without words is named only when the bar is cut */
		if (!pairs[i + 1][0])
			continue;
		total += (total ? 2 : 0) + pair_width(pairs, i);
	}
	if (total > r->w && f1 < npairs)
		reserve = 2 + gu_text_width("F1") + 1 + gu_text_width(all);
	/* the first-priority pairs, then the later ones, while they fit */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i + 1 < npairs; i += 2) {
			bool is_later = later && later[i / 2];

			if ((pass == 0) == is_later || (reserve && i == f1) || !pairs[i + 1][0])
				continue;
			if (x + used + pair_width(pairs, i) + reserve > end)
				break;
			used += pair_width(pairs, i) + 2;
			shown[i / 2] = true;
		}
	note_bar(r, pairs, later, npairs, total > r->w);
	gu_fill(r->y, r->x, r->w, gu_attr(GU_R_KEYS));
	for (i = 0; i + 1 < npairs; i += 2) {
		if (!shown[i / 2])
			continue;
		x += gu_put(r->y, x, r->w, pairs[i], gu_attr(GU_R_KEYNAME));
		x += 1;
		x += gu_put(r->y, x, r->w, pairs[i + 1], gu_attr(GU_R_KEYS));
		x += 2;
	}
	if (reserve) {
		x += gu_put(r->y, x, end - x, "F1", gu_attr(GU_R_KEYNAME));
		gu_put(r->y, x + 1, end - x - 1, all, gu_attr(GU_R_KEYS));
	}
}

/* Draws the key-help line from name/action pairs, all of the first
 * priority (see gu_keys_line_ranked). */
void gu_keys_line(const gu_rect *r, const char *const *pairs, size_t npairs)
{
	gu_keys_line_ranked(r, pairs, NULL, npairs);
}

static int cursor_y = -1, cursor_x = -1;

/* Remembers where the cursor should go. */
void gu_cursor_at(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

/* Puts the cursor where asked, or hides it. */
void gu_cursor_apply(void)
{
	if (cursor_y >= 0) {
		move(cursor_y, cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	cursor_y = cursor_x = -1;
}
