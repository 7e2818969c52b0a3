#include "config.h"
/* The screen shown while the terminal is smaller than the minimum. */

#include <stdio.h>

#include "core/i18n.h"
#include "tui/app.h"
#include "tui/paint.h"

/* Draws the too-small message in whatever room there is; returns nothing. */
void gu_small_draw(gu_app *a)
{
	char line[300];
	int y = a->lay.lines / 2 - 2, w = a->lay.cols - 2;

	if (y < 0)
		y = 0;
	snprintf(line, sizeof line,
		_("The terminal is too small: it needs at least %d x %d, it is %d x %d now. "
		  "Make the window larger; nothing is lost."),
		GU_MIN_COLS, GU_MIN_LINES, a->lay.cols, a->lay.lines);
	gu_put_wrapped(y, 1, w, a->lay.lines - y, line, gu_attr(GU_R_ERROR));
}
