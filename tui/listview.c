/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Keeping a list's cursor in view and moving it. */

#include <curses.h>

#include "tui/listview.h"

/* Moves *top so that row cur shows among h rows. */
void gu_view_follow(int cur, int *top, int h)
{
	if (cur < *top)
		*top = cur;
	if (cur >= *top + h)
		*top = cur - h + 1;
}

/* Returns cur moved by delta rows, within the list. */
int gu_view_move(int cur, int delta, int n)
{
	cur += delta;
	if (cur >= n)
		cur = n - 1;
	return cur < 0 ? 0 : cur;
}

/* Returns top kept within 0 .. n - h. */
int gu_view_clamp(int top, int n, int h)
{
	if (top > n - h)
		top = n - h;
	return top < 0 ? 0 : top;
}

/* Moves a list cursor; returns true when k was a moving key. */
bool gu_view_key(const gu_key *k, int *cur, int n, int page)
{
	if (page < 1)
		page = 1;
	if (gu_key_fn(k, KEY_UP))
		*cur = gu_view_move(*cur, -1, n);
	else if (gu_key_fn(k, KEY_DOWN))
		*cur = gu_view_move(*cur, 1, n);
	else if (gu_key_fn(k, KEY_PPAGE))
		*cur = gu_view_move(*cur, -page, n);
	else if (gu_key_fn(k, KEY_NPAGE))
		*cur = gu_view_move(*cur, page, n);
	else if (gu_key_fn(k, KEY_HOME))
		*cur = 0;
	else if (gu_key_fn(k, KEY_END))
		*cur = gu_view_move(0, n, n);
	else
		return false;
	return true;
}
