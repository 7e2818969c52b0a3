/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The integer widget: digits only, with its range shown and checked as
 * it is typed. */

#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* Returns true for characters an integer may hold. */
static bool int_char(wint_t c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

/* Takes a key for the integer line; returns what it did. */
enum gu_field_res gu_int_key(gu_field *f, const gu_key *k)
{
	if (gu_edit_key(&f->ed, k, int_char)) {
		f->unknown = false;
		return GU_FIELD_CHANGED;
	}
	return GU_FIELD_IGNORED;
}

/* Draws the number line and its range; returns the rows used. */
int gu_int_draw(gu_field *f, const gu_rect *r)
{
	char hint[128];
	int y = r->y;

	gu_edit_draw(&f->ed, y, r->x, 10, true);
	snprintf(hint, sizeof hint, _("a whole number from %ld to %ld"), f->q->min, f->q->max);
	gu_put(y, r->x + 12, r->w - 12, hint, gu_attr(GU_R_DIM));
	y += 2;
	if (f->ed.len > 0 && !f->err[0]) {
		char *end;
		long v = strtol(f->ed.buf, &end, 10);

		if (*end != '\0' || end == f->ed.buf)
			gu_put(y++, r->x, r->w, _("this is not a whole number"), gu_attr(GU_R_ERROR));
		else if (v < f->q->min || v > f->q->max)
			gu_put(y++, r->x, r->w, _("this is outside the allowed range"), gu_attr(GU_R_ERROR));
	}
	y += gu_field_draw_footer(f, y, r->x, r->w);
	return y - r->y;
}
