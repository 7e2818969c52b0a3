/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The date widget: YYYY-MM-DD checked as it is typed, with the age the
 * date gives on the interview day shown at once. */

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* Returns true for characters a date may hold. */
static bool date_char(wint_t c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

/* Takes a key; digits get their dashes put in for them. */
enum gu_field_res gu_date_key(gu_field *f, const gu_key *k)
{
	if (!k->fn && k->ch >= '0' && k->ch <= '9'
			&& (f->ed.len == 4 || f->ed.len == 7) && f->ed.cur == f->ed.len) {
		gu_key dash = { false, '-' };

		gu_edit_key(&f->ed, &dash, date_char);
	}
	if (gu_edit_key(&f->ed, k, date_char)) {
		f->unknown = false;
		return GU_FIELD_CHANGED;
	}
	return GU_FIELD_IGNORED;
}

/* Returns true when the key is a date of birth (ages make sense). */
static bool is_birth(const char *key)
{
	size_t n = strlen(key);

	return n >= 4 && strcmp(key + n - 4, ".dob") == 0;
}

/* Draws the date line and what it says; returns the rows used. */
int gu_date_draw(gu_field *f, const gu_rect *r)
{
	int y = r->y, x = r->x;
	gu_date d, on;
	char msg[200];

	gu_edit_draw(&f->ed, y, x, 12, true);
	gu_put(y, x + 14, r->w - 14, _("YYYY-MM-DD"), gu_attr(GU_R_DIM));
	y += 2;
	msg[0] = '\0';
	if (f->err[0]) {
		/* the error below says what is wrong */
	} else if (f->ed.len == 10) {
		if (!gu_date_parse(f->ed.buf, &d)) {
			gu_put_wrapped(y++, x, r->w, 1,
				_("this is not a real date: check the month and the day"),
				gu_attr(GU_R_ERROR));
		} else if (is_birth(f->key) && gu_date_parse(f->on_date, &on)) {
			int age = gu_age_on(d, on);

			if (age < 0)
				snprintf(msg, sizeof msg, "%s",
					_("this is after the interview date"));
			else
				snprintf(msg, sizeof msg, _("age %d on the interview date"), age);
			gu_put(y++, x, r->w, msg, gu_attr(age < 0 ? GU_R_ERROR : GU_R_OK));
		} else {
			gu_put(y++, x, r->w, _("a valid date"), gu_attr(GU_R_OK));
		}
	} else if (f->ed.len > 0) {
		gu_put(y++, x, r->w, _("keep typing: year, month and day"), gu_attr(GU_R_DIM));
	}
	y += gu_field_draw_footer(f, y, x, r->w);
	return y - r->y;
}
