/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The screen's regions, from the terminal size. */

#include "tui/layout.h"

/* Fills l for a terminal of lines x cols. */
void gu_layout_compute(gu_layout *l, int lines, int cols)
{
	l->lines = lines;
	l->cols = cols;
	l->too_small = lines < GU_MIN_LINES || cols < GU_MIN_COLS;
	l->title = (gu_rect){ 0, 0, 1, cols };
	l->status = (gu_rect){ 1, 0, 1, cols };
	l->keys = (gu_rect){ lines - 1, 0, 1, cols };
	l->message = (gu_rect){ lines - 2, 0, 1, cols };
	l->body = (gu_rect){ 3, 0, lines - 5, cols };
	if (l->body.h < 1)
		l->body.h = 1;
	l->margin = cols >= 100 ? 4 : 2;
	l->text_w = cols - 2 * l->margin;
	/* Lines much wider than 100 columns are hard to read: keep them short. */
	if (l->text_w > 100)
		l->text_w = 100;
}

/* Returns a centred box of at most want_h x want_w inside the body. */
gu_rect gu_layout_popup(const gu_layout *l, int want_h, int want_w)
{
	gu_rect r;

	r.h = want_h < l->lines - 2 ? want_h : l->lines - 2;
	r.w = want_w < l->cols - 2 ? want_w : l->cols - 2;
	if (r.h < 3)
		r.h = 3;
	if (r.w < 10)
		r.w = 10;
	r.y = (l->lines - r.h) / 2;
	r.x = (l->cols - r.w) / 2;
	return r;
}
