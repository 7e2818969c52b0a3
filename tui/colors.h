/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Colour roles: what a piece of the screen is, mapped to a colour pair or,
 * on a monochrome terminal (or with NO_COLOR set), to an attribute. */
#ifndef GUANAI_TUI_COLORS_H
#define GUANAI_TUI_COLORS_H

#include <curses.h>

enum gu_color_role {
	GU_R_NORMAL = 0,
	GU_R_TITLE,      /* the top line */
	GU_R_KEYS,       /* the key-help line */
	GU_R_KEYNAME,    /* a key's name in the key-help line */
	GU_R_CURSOR,     /* the highlighted row */
	GU_R_LABEL,      /* a question or heading */
	GU_R_FIELD,      /* a text field being edited */
	GU_R_ERROR,      /* a validation or save error */
	GU_R_ALERT,      /* mandatory report, dropout */
	GU_R_OK,         /* saved, valid */
	GU_R_DIM,        /* hints, secondary text */
	GU_R_ELIGIBLE,   /* verdict: eligible */
	GU_R_VERIFY,     /* verdict: verify */
	GU_R_COUNT
};

/* Sets up the colour pairs when the terminal has colours. */
void gu_colors_init(void);
/* Returns the attributes to draw a role with. */
attr_t gu_attr(enum gu_color_role r);
/* Returns the letter the golden screens use for a cell drawn with colour
 * pair and attributes a: T title, K keys, N key name, C cursor, L label,
 * F field, E error, A alert, O ok, D dim, G eligible, V verify; without a
 * pair r reverse, b bold, u underline, d dim, '.' plain. */
char gu_role_letter(short pair, attr_t a);

#endif
