/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The ID number widget: the check character verified as the number is
 * typed, and the birth date, sex and place of first registration shown. */

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/idcard.h"
#include "core/region.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* Returns true for characters an ID number may hold. */
static bool id_char(wint_t c)
{
	return (c >= '0' && c <= '9') || c == 'X' || c == 'x';
}

/* Takes a key: digits and X; n chooses "no ID number" when allowed. */
enum gu_field_res gu_idnum_key(gu_field *f, const gu_key *k)
{
	gu_key up = *k;

	if (f->q->allow_none && (gu_key_char(k, 'n') || gu_key_char(k, 'N'))) {
		f->mask = !f->mask;
		f->unknown = false;
		return GU_FIELD_CHANGED;
	}
	if (gu_key_char(k, 'x'))
		up.ch = 'X';
	if (f->hidden[0] && !k->fn && id_char(k->ch))
		memset(f->hidden, 0, sizeof f->hidden); /* typing replaces the hidden number */
	if (gu_edit_key(&f->ed, &up, id_char)) {
		f->unknown = false;
		f->mask = 0;
		return GU_FIELD_CHANGED;
	}
	return GU_FIELD_IGNORED;
}

/* Draws what a complete, valid number says; returns the rows used. */
static int draw_facts(gu_field *f, const gu_idcard *id, int y, int x, int w)
{
	char line[400], region[200], dob[16], why[400];
	const char *trap = gu_region_trap(id->region);
	gu_date on;

	if (!trap)
		trap = gu_region_id_warning(id->region, why, sizeof why);
	int y0 = y;

	gu_date_format(id->dob, dob);
	if (gu_date_parse(f->on_date, &on))
		snprintf(line, sizeof line, _("born %s (%d on the interview date), %s"), dob,
			gu_age_on(id->dob, on), id->sex == 'm' ? _("male") : _("female"));
	else
		snprintf(line, sizeof line, _("born %s, %s"), dob,
			id->sex == 'm' ? _("male") : _("female"));
	gu_put(y++, x, w, line, gu_attr(GU_R_OK));
	if (!gu_region_words(id->region, region, sizeof region))
		snprintf(region, sizeof region, "%s", _("a region this program does not know"));
	snprintf(line, sizeof line, _("first registered in %s (%s)"), region, id->region);
	y += gu_put_wrapped(y, x, w, 2, line, gu_attr(GU_R_NORMAL));
	if (trap)
		y += gu_put_wrapped(y, x, w, 3, trap, gu_attr(GU_R_ALERT));
	return y - y0;
}

/* Draws the region the first six digits name, and the trap warning;
 * returns the rows used. */
static int draw_region(gu_field *f, int y, int x, int w)
{
	char code[7], region[200];
	const char *trap;
	int y0 = y;

	memcpy(code, f->ed.buf, 6);
	code[6] = '\0';
	trap = gu_region_trap(code);
	if (gu_region_name(code, gu_lang() == GU_LANG_ZH, region, sizeof region))
		gu_put(y++, x, w, region, gu_attr(GU_R_DIM));
	if (trap)
		y += gu_put_wrapped(y, x, w, 3, trap, gu_attr(GU_R_ALERT));
	return y - y0;
}

/* Draws the number line and what it says so far; returns the rows used. */
int gu_idnum_draw(gu_field *f, const gu_rect *r)
{
	int y = r->y, x = r->x;
	char msg[300];

	if (f->hidden[0] && !f->mask) {
		gu_put(y, x, 20, gu_idcard_mask(f->hidden, msg), gu_attr(GU_R_DIM));
		gu_put(y, x + 22, 6, "18/18", gu_attr(GU_R_DIM));
		if (f->q->allow_none)
			gu_put(y, x + 30, r->w - 30, _("[ ] no ID number (n)"), gu_attr(GU_R_DIM));
		y += 2;
		y += gu_put_wrapped(y, x, r->w, 2, _("The saved number is not shown in whole: Enter "
			"keeps it, typing a number replaces it."), gu_attr(GU_R_DIM));
		y += gu_field_draw_footer(f, y, x, r->w);
		return y - r->y;
	}
	gu_edit_draw(&f->ed, y, x, 20, !f->mask);
	snprintf(msg, sizeof msg, "%zu/18", f->ed.len);
	gu_put(y, x + 22, 6, msg, gu_attr(GU_R_DIM));
	if (f->q->allow_none)
		gu_put(y, x + 30, r->w - 30,
			f->mask ? _("[x] no ID number (n)") : _("[ ] no ID number (n)"),
			gu_attr(f->mask ? GU_R_CURSOR : GU_R_DIM));
	y += 2;
	if (f->mask || f->ed.len < 6) {
		/* nothing typed says anything yet */
	} else if (f->ed.len == 18) {
		gu_idcard id;
		gu_id_status st = gu_idcard_parse(f->ed.buf, &id);

		if (st == GU_ID_OK) {
			y += draw_facts(f, &id, y, x, r->w);
		} else if (f->err[0]) {
			y += draw_region(f, y, x, r->w);   /* the error below says the rest */
		} else {
			y += gu_put_wrapped(y, x, r->w, 2, gu_id_status_text(st), gu_attr(GU_R_ERROR));
			if (st == GU_ID_CHECK && id.check) {
				snprintf(msg, sizeof msg, _("the first 17 digits need %c as the last character"),
					id.check);
				gu_put(y++, x, r->w, msg, gu_attr(GU_R_ERROR));
			}
			y += draw_region(f, y, x, r->w);
		}
	} else {
		y += draw_region(f, y, x, r->w);
		if (f->ed.len == 17) {
			char c = gu_idcard_check_char(f->ed.buf);

			if (c) {
				snprintf(msg, sizeof msg, _("the last character should be %c"), c);
				gu_put(y++, x, r->w, msg, gu_attr(GU_R_DIM));
			}
		}
	}
	y += gu_field_draw_footer(f, y, x, r->w);
	return y - r->y;
}
