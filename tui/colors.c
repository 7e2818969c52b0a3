/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The colour roles: one table with a colour pair and a monochrome
 * attribute for each. */

#include <stdbool.h>
#include <stdlib.h>

#include "tui/colors.h"
#include "tui/config_files.h"

struct role_style {
	short fg, bg;       /* -1 is the terminal's default */
	attr_t color_attr;  /* added when colours are in use */
	attr_t mono_attr;   /* used alone without colours */
};

static const struct role_style styles[GU_R_COUNT] = {
	[GU_R_NORMAL]   = { -1, -1, A_NORMAL, A_NORMAL },
	[GU_R_TITLE]    = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[GU_R_KEYS]     = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[GU_R_KEYNAME]  = { COLOR_WHITE, COLOR_CYAN, A_BOLD, A_NORMAL },
	[GU_R_CURSOR]   = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	[GU_R_LABEL]    = { -1, -1, A_BOLD, A_BOLD },
	[GU_R_FIELD]    = { COLOR_WHITE, COLOR_BLACK, A_UNDERLINE, A_UNDERLINE },
	[GU_R_ERROR]    = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[GU_R_ALERT]    = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[GU_R_OK]       = { COLOR_GREEN, -1, A_BOLD, A_NORMAL },
	[GU_R_DIM]      = { COLOR_CYAN, -1, A_NORMAL, A_DIM },
	[GU_R_ELIGIBLE] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[GU_R_VERIFY]   = { COLOR_YELLOW, -1, A_BOLD, A_UNDERLINE },
};

static bool use_colors;

/* Sets up the pairs when the terminal can show colours. */
void gu_colors_init(void)
{
	const char *no_color = getenv("NO_COLOR");
	int i;

	use_colors = has_colors() && !(no_color && *no_color)
		&& gu_settings_colors(gu_config());
	if (!use_colors)
		return;
	if (start_color() == ERR) {
		use_colors = false;
		return;
	}
	use_default_colors();
	for (i = 1; i < GU_R_COUNT; i++)
		init_pair((short)i, styles[i].fg, styles[i].bg);
}

/* Returns the attributes for role r. */
attr_t gu_attr(enum gu_color_role r)
{
	if ((unsigned)r >= GU_R_COUNT)
		return A_NORMAL;
	if (!use_colors)
		return styles[r].mono_attr;
	if (r == GU_R_NORMAL)
		return A_NORMAL;
	return (attr_t)COLOR_PAIR((int)r) | styles[r].color_attr;
}

/* Returns the letter that names a cell's look in the golden screens: the
 * role's capital letter for a colour pair, else a small letter for the
 * strongest monochrome attribute (r reverse, b bold, u underline, d dim),
 * else '.'. */
char gu_role_letter(short pair, attr_t a)
{
	static const char letters[] = ".TKNCLFEAODGV";

	_Static_assert(sizeof letters == GU_R_COUNT + 1, "one letter for each colour role");

	if (pair > 0 && pair < GU_R_COUNT)
		return letters[pair];
	if (pair != 0)
		return '?';
	if (a & A_REVERSE)
		return 'r';
	if (a & A_BOLD)
		return 'b';
	if (a & A_UNDERLINE)
		return 'u';
	if (a & A_DIM)
		return 'd';
	return '.';
}
