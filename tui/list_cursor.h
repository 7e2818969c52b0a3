/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The keys that move the cursor of a list screen (the conflicts, the
 * possible duplicates, the regular visits, the drafts): one set of key
 * functions for every screen whose state starts with a gu_list_cursor. */
#ifndef GUANAI_TUI_LIST_CURSOR_H
#define GUANAI_TUI_LIST_CURSOR_H

#include <stddef.h>

#include "tui/app.h"

/* The cursor of a list screen; the first member of the screen's state, so
 * that the key functions below find it there. */
typedef struct gu_list_cursor {
	int cur;        /* the row under the cursor */
	int top;        /* the first row shown */
	size_t n;       /* the rows listed */
	int page_less;  /* a page is the body's height less these rows */
} gu_list_cursor;

/* Moves the cursor by delta rows, kept within the list. */
void gu_list_step(gu_list_cursor *c, int delta);

/* Key functions for a gu_scr_key table, st a state that starts with a
 * gu_list_cursor; each moves the cursor and returns GU_SCREEN_STAY. */
int gu_list_key_up(gu_app *a, void *st);
int gu_list_key_down(gu_app *a, void *st);
int gu_list_key_page_up(gu_app *a, void *st);
int gu_list_key_page_down(gu_app *a, void *st);

#endif
