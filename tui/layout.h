/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where things go on the screen, computed from the terminal size alone
 * and recomputed on every resize; painting reads it and never decides it. */
#ifndef GUANAI_TUI_LAYOUT_H
#define GUANAI_TUI_LAYOUT_H

#include <stdbool.h>

/* Below this size only the "terminal too small" screen is shown. */
#define GU_MIN_COLS 60
#define GU_MIN_LINES 18

typedef struct gu_rect {
	int y, x, h, w;
} gu_rect;

typedef struct gu_layout {
	int lines, cols;
	bool too_small;
	gu_rect title;      /* one line at the top */
	gu_rect status;     /* progress or position, under the title */
	gu_rect body;       /* everything between */
	gu_rect message;    /* one line above the keys: saved, errors */
	gu_rect keys;       /* the key-help line at the bottom */
	int margin;         /* left indent of the body's text */
	int text_w;         /* width of body text: wider screens keep lines readable */
} gu_layout;

/* Computes the layout for a terminal of lines x cols. */
void gu_layout_compute(gu_layout *l, int lines, int cols);
/* Returns a box of the wanted size centred in the body, shrunk to fit. */
gu_rect gu_layout_popup(const gu_layout *l, int want_h, int want_w);

#endif
