/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Keeping a list's cursor in view and moving it. */

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
