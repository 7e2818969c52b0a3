/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The one-line text editor: insert at a cursor that moves by characters,
 * scroll sideways by columns, never split a character. */

#include <string.h>

#include "core/text.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* Sets e to s, cut at a character boundary to max bytes. */
void gu_edit_set(gu_edit *e, const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (max == 0 || max >= sizeof e->buf)
		max = sizeof e->buf - 1;
	e->max = max;
	if (n > max) {
		size_t keep = 0;

		while (keep < n) {
			size_t nx = gu_text_next(s, n, keep);

			if (nx > max)
				break;
			keep = nx;
		}
		n = keep;
	}
	if (n)
		memcpy(e->buf, s, n);
	e->buf[n] = '\0';
	e->len = n;
	e->cur = n;
	e->scroll = 0;
	e->selected = n > 0;
}

/* Takes a key while the whole text is selected: a moving key ends the
 * selection where it points, a deleting key removes the text, a typed
 * character replaces it; returns true when the key is done with (else it
 * goes on to the usual editing). */
static bool key_on_selection(gu_edit *e, const gu_key *k)
{
	bool typed = !k->fn && k->ch >= 0x20 && k->ch != 0x7F && !(k->ch >= 0x80 && k->ch < 0xA0);

	if (k->fn) {
		switch (k->ch) {
		case KEY_LEFT:
		case KEY_HOME:
			e->selected = false;
			e->cur = 0;
			return true;
		case KEY_RIGHT:
		case KEY_END:
			e->selected = false;
			return true;
		case KEY_BACKSPACE:
		case KEY_DC:
			break;
		default:
			return false;      /* not an editing key: the selection stays */
		}
	} else if (k->ch == 1 || k->ch == 5) {
		e->selected = false;
		return false;          /* C-a, C-e: moved as usual */
	} else if (k->ch != 21 && !typed) {
		return false;
	}
	e->selected = false;
	e->buf[0] = '\0';
	e->len = e->cur = 0;
	return !typed;
}

/* Inserts the character c at the cursor; returns true when it fitted. */
static bool insert(gu_edit *e, wint_t c)
{
	char u[4];
	size_t n = gu_utf8_encode((uint32_t)c, u);

	if (n == 0 || e->len + n > e->max)
		return false;
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, u, n);
	e->len += n;
	e->cur += n;
	return true;
}

/* Removes bytes [from, to). */
static void cut(gu_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
}

/* Takes an editing key; returns true when used. */
bool gu_edit_key(gu_edit *e, const gu_key *k, bool (*accept)(wint_t c))
{
	if (e->selected && (!accept || k->fn || k->ch < 0x20 || accept(k->ch))
	    && key_on_selection(e, k))
		return true;
	if (k->fn) {
		switch (k->ch) {
		case KEY_LEFT:
			e->cur = gu_text_prev(e->buf, e->len, e->cur);
			return true;
		case KEY_RIGHT:
			e->cur = gu_text_next(e->buf, e->len, e->cur);
			return true;
		case KEY_HOME:
			e->cur = 0;
			return true;
		case KEY_END:
			e->cur = e->len;
			return true;
		case KEY_BACKSPACE:
			if (e->cur > 0)
				cut(e, gu_text_prev(e->buf, e->len, e->cur), e->cur);
			return true;
		case KEY_DC:
			if (e->cur < e->len)
				cut(e, e->cur, gu_text_next(e->buf, e->len, e->cur));
			return true;
		default:
			return false;
		}
	}
	if (k->ch == 1) {           /* C-a */
		e->cur = 0;
		return true;
	}
	if (k->ch == 5) {           /* C-e */
		e->cur = e->len;
		return true;
	}
	if (k->ch == 21) {          /* C-u: clear */
		cut(e, 0, e->len);
		return true;
	}
	if (k->ch < 0x20 || k->ch == 0x7F || (k->ch >= 0x80 && k->ch < 0xA0))
		return false;
	if (accept && !accept(k->ch))
		return true;         /* refused, but it was meant for the field */
	if (!insert(e, k->ch))
		beep();
	return true;
}

/* Draws e in w columns at y, x; with focus the cursor goes there. */
void gu_edit_draw(gu_edit *e, int y, int x, int w, bool focus)
{
	int curcol = gu_text_nwidth(e->buf, e->cur);
	size_t startb;
	int startcol;
	attr_t a = gu_attr(GU_R_FIELD);

	if (w < 2)
		return;
	gu_view_follow(curcol, &e->scroll, w);
	if (e->scroll < 0)
		e->scroll = 0;
	startb = gu_text_col_to_byte(e->buf, e->len, e->scroll);
	startcol = gu_text_nwidth(e->buf, startb);
	if (startcol < e->scroll) {
		/* the first character shown would be cut in half: skip it */
		startb = gu_text_next(e->buf, e->len, startb);
		startcol = gu_text_nwidth(e->buf, startb);
	}
	gu_fill(y, x, w, a);
	/* selected text shows reversed: typing replaces it */
	gu_putn(y, x + (startcol - e->scroll), w - (startcol - e->scroll),
		e->buf + startb, e->len - startb, e->selected ? gu_attr(GU_R_CURSOR) : a);
	if (focus)
		gu_cursor_at(y, x + curcol - e->scroll);
}
