/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The keys that move a list screen's cursor (tui/list_cursor.h). */

#include "tui/list_cursor.h"
#include "tui/listview.h"
#include "tui/screen.h"

/* Moves the cursor by delta rows, within the list. */
void gu_list_step(gu_list_cursor *c, int delta)
{
	c->cur = gu_view_move(c->cur, delta, (int)c->n);
}

/* Returns the rows a page of the list screen moves in a. */
static int page(const gu_app *a, const gu_list_cursor *c)
{
	return a->lay.body.h - c->page_less;
}

/* Moves up a row; returns GU_SCREEN_STAY. */
int gu_list_key_up(gu_app *a, void *st)
{
	(void)a;
	gu_list_step(st, -1);
	return GU_SCREEN_STAY;
}

/* Moves down a row; returns GU_SCREEN_STAY. */
int gu_list_key_down(gu_app *a, void *st)
{
	(void)a;
	gu_list_step(st, 1);
	return GU_SCREEN_STAY;
}

/* Moves a page up; returns GU_SCREEN_STAY. */
int gu_list_key_page_up(gu_app *a, void *st)
{
	gu_list_step(st, -page(a, st));
	return GU_SCREEN_STAY;
}

/* Moves a page down; returns GU_SCREEN_STAY. */
int gu_list_key_page_down(gu_app *a, void *st)
{
	gu_list_step(st, page(a, st));
	return GU_SCREEN_STAY;
}
