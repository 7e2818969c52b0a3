/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The list widgets: single choice, multiple choice and yes/no, each with
 * a last row for "not known". */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* Returns the number of real choices (without the unknown row). */
static int nreal(const gu_field *f)
{
	if (f->q->type == GU_Q_YESNO)
		return 2;
	return (int)f->q->nchoices;
}

/* Returns the rows of the list: the choices and the unknown row. */
int gu_choice_rows(const gu_field *f)
{
	return nreal(f) + 1;
}

/* Returns the answer value of a row ("unknown" for the last). */
static const char *row_value(const gu_field *f, int row)
{
	if (row >= nreal(f))
		return "unknown";
	if (f->q->type == GU_Q_YESNO)
		return row == 0 ? "yes" : "no";
	return f->q->choices[row].value;
}

/* Returns the label shown for a row, in the current language. */
const char *gu_choice_label(const gu_field *f, int row)
{
	if (row >= nreal(f))
		return _("not known");
	if (f->q->type == GU_Q_YESNO)
		return row == 0 ? _("yes") : _("no");
	return gu_pick(f->q->choices[row].label_zh, f->q->choices[row].label_en);
}

/* Sets the list from a stored value. */
void gu_choice_init(gu_field *f, const char *value)
{
	int i, n = nreal(f);

	f->cur = f->unknown ? n : 0;
	f->mask = 0;
	f->touched = value != NULL || f->unknown;
	if (!value)
		return;
	if (f->q->type == GU_Q_MULTI) {
		char buf[600];
		char *save = NULL, *tok;

		snprintf(buf, sizeof buf, "%s", value);
		for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			while (*tok == ' ')
				tok++;
			tok[strcspn(tok, " ")] = '\0';
			for (i = 0; i < n && i < 64; i++)
				if (strcmp(row_value(f, i), tok) == 0)
					f->mask |= (uint64_t)1 << i;
		}
		return;
	}
	for (i = 0; i < n; i++)
		if (strcmp(row_value(f, i), value) == 0)
			f->cur = i;
}

/* Toggles row in a multiple choice. */
static void toggle(gu_field *f, int row)
{
	if (row >= nreal(f)) {
		f->unknown = !f->unknown;
		if (f->unknown)
			f->mask = 0;
		return;
	}
	if (row < 64)
		f->mask ^= (uint64_t)1 << row;
	f->unknown = false;
}

static enum gu_field_res choice_key(gu_field *f, const gu_key *k, int rows, int d, bool multi);

/* Takes a key for a list; returns what it did. */
enum gu_field_res gu_choice_key(gu_field *f, const gu_key *k)
{
	int rows = gu_choice_rows(f), d = gu_key_digit(k);
	bool multi = f->q->type == GU_Q_MULTI;
	enum gu_field_res r = choice_key(f, k, rows, d, multi);

	if (r == GU_FIELD_CHANGED)
		f->touched = true;
	return r;
}

/* Takes a key for a list (see gu_choice_key); returns what it did. */
static enum gu_field_res choice_key(gu_field *f, const gu_key *k, int rows, int d, bool multi)
{

	if (gu_key_fn(k, KEY_UP) || gu_key_char(k, 'k')) {
		f->cur = gu_view_move(f->cur, -1, rows);
		return GU_FIELD_CHANGED;
	}
	if (gu_key_fn(k, KEY_DOWN) || gu_key_char(k, 'j')) {
		f->cur = gu_view_move(f->cur, 1, rows);
		return GU_FIELD_CHANGED;
	}
	if (gu_key_fn(k, KEY_HOME)) {
		f->cur = 0;
		return GU_FIELD_CHANGED;
	}
	if (gu_key_fn(k, KEY_END)) {
		f->cur = rows - 1;
		return GU_FIELD_CHANGED;
	}
	if (d && d <= nreal(f)) {
		f->cur = d - 1;
		if (multi)
			toggle(f, d - 1);
		else
			f->unknown = false;
		return GU_FIELD_CHANGED;
	}
	if (gu_key_char(k, '0')) {
		f->cur = rows - 1;
		if (multi)
			toggle(f, rows - 1);
		return GU_FIELD_CHANGED;
	}
	if (f->q->type == GU_Q_YESNO && (gu_key_char(k, 'y') || gu_key_char(k, 'n'))) {
		f->cur = gu_key_char(k, 'y') ? 0 : 1;
		f->unknown = false;
		return GU_FIELD_CHANGED;
	}
	if (gu_key_char(k, ' ')) {
		if (multi)
			toggle(f, f->cur);
		return GU_FIELD_CHANGED;
	}
	return GU_FIELD_IGNORED;
}

/* Writes the chosen value(s); returns 0. */
int gu_choice_value(gu_field *f, char *buf, size_t size)
{
	size_t o = 0;
	int i;

	buf[0] = '\0';
	if (f->q->type != GU_Q_MULTI) {
		if (!f->touched) {
			snprintf(f->err, sizeof f->err, "%s",
				_("choose an answer with the arrow keys or its number, or press F2 if it is not known"));
			return -1;
		}
		snprintf(buf, size, "%s", row_value(f, f->cur));
		return 0;
	}
	if (f->unknown) {
		snprintf(buf, size, "unknown");
		return 0;
	}
	for (i = 0; i < nreal(f) && i < 64; i++) {
		if (!(f->mask & ((uint64_t)1 << i)))
			continue;
		o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%s%s",
			o ? ", " : "", row_value(f, i));
		if (o >= size) {
			buf[size - 1] = '\0';
			break;
		}
	}
	return 0;
}

/* Draws the list in r, scrolled to keep the highlight in view; returns the
 * rows used. */
int gu_choice_draw(gu_field *f, const gu_rect *r)
{
	bool multi = f->q->type == GU_Q_MULTI;
	/* a multiple choice keeps a row for saying how to tick */
	int rows = gu_choice_rows(f), h = r->h - (multi ? 3 : 2), i, y = r->y;

	if (h < 1)
		h = 1;
	if (h > rows)
		h = rows;
	gu_view_follow(f->cur, &f->top, h);
	f->top = gu_view_clamp(f->top, rows, h);
	f->list_rows = h;
	for (i = f->top; i < f->top + h; i++, y++) {
		char mark[32];
		bool on, last = i == rows - 1;
		attr_t a = i == f->cur ? gu_attr(GU_R_CURSOR) : gu_attr(last ? GU_R_DIM : GU_R_NORMAL);
		int x = r->x, lw;

		if (multi)
			on = last ? f->unknown : (i < 64 && (f->mask & ((uint64_t)1 << i)));
		else
			on = last ? f->unknown : (f->touched && !f->unknown && i == f->cur);
		if (last)
			snprintf(mark, sizeof mark, "F2 %s ", multi ? (on ? "[x]" : "[ ]") : (on ? "(*)" : "( )"));
		else if (i < 9)
			snprintf(mark, sizeof mark, " %d %s ", i + 1, multi ? (on ? "[x]" : "[ ]") : (on ? "(*)" : "( )"));
		else
			snprintf(mark, sizeof mark, "   %s ", multi ? (on ? "[x]" : "[ ]") : (on ? "(*)" : "( )"));
		gu_fill(y, x, r->w, gu_attr(GU_R_NORMAL));
		x += gu_put(y, x, r->w, mark, a);
		/* the highlight is at least 40 columns wide; a longer label is
		 * shown whole as far as the screen goes */
		lw = gu_text_width(gu_choice_label(f, i));
		lw = lw < 40 ? 40 : lw;
		gu_put_line(y, x, r->w - (x - r->x) < lw ? r->w - (x - r->x) : lw,
			gu_choice_label(f, i), a);
	}
	y += gu_list_more(y, r->x + 4, r->w - 4, f->top, h, rows);
	if (multi && !f->err[0])
		y += gu_put_wrapped(y, r->x + 4, r->w - 4, 1,
			_("Tick all that apply with the numbers or Space, then press Enter."),
			gu_attr(GU_R_DIM));
	y += gu_field_draw_footer(f, y, r->x, r->w);
	return y - r->y;
}
