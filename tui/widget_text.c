/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The free-text widget: any characters, Chinese typed through the input
 * method included, edited by characters. */

#include "core/i18n.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* Takes a key for the text line; returns what it did. */
enum gu_field_res gu_text_key(gu_field *f, const gu_key *k)
{
	if (gu_edit_key(&f->ed, k, NULL)) {
		f->unknown = false;
		return GU_FIELD_CHANGED;
	}
	return GU_FIELD_IGNORED;
}

/* Draws the text line; returns the rows used. */
int gu_text_draw(gu_field *f, const gu_rect *r)
{
	int y = r->y, w = r->w < 60 ? r->w : 60;

	gu_edit_draw(&f->ed, y, r->x, w, true);
	y += 2;
	y += gu_field_draw_footer(f, y, r->x, r->w);
	return y - r->y;
}
