/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The screen shown while the terminal is smaller than the minimum. */

#include <stdio.h>

#include "core/i18n.h"
#include "tui/app.h"
#include "tui/paint.h"

/* Draws the too-small message in whatever room there is, sizes written
 * without spaces so that a line never breaks inside one. */
void gu_small_draw(gu_app *a)
{
	char line[300];
	int y = a->lay.lines / 2 - 3, w = a->lay.cols - 2, rows = a->lay.lines;

	if (y < 0)
		y = 0;
	y += gu_put_wrapped(y, 1, w, rows - y, _("The terminal window is too small."),
		gu_attr(GU_R_ERROR));
	snprintf(line, sizeof line,
		/* TRANSLATORS: columns x lines, e.g. 60x18; keep each size without spaces */
		_("It needs at least %dx%d (columns x lines); it is %dx%d now."),
		GU_MIN_COLS, GU_MIN_LINES, a->lay.cols, a->lay.lines);
	y += gu_put_wrapped(y, 1, w, rows - y, line, A_NORMAL);
	gu_put_wrapped(y, 1, w, rows - y, _("Make the window larger; nothing is lost."), A_NORMAL);
}
