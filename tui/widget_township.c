/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The township picker: the county first (Left and Right; the whole city
 * when none is chosen), then its townships and streets from the list
 * (core/township.h), narrowed by what is typed (the name or its pinyin
 * initials), picked with the arrow keys and Enter.  A name the list does
 * not have is kept as typed only on the last row, "other". */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/region.h"
#include "core/text.h"
#include "core/township.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* At most this many townships listed (the city has fewer). */
#define TOWNSHIP_ROWS 256

/* The counties of the list, in the policy's order (f->county - 1 indexes
 * them; 0 is the whole city); returns how many, filling codes. */
static int counties(const gu_field *f, const char *codes[], int max)
{
	size_t i, n = f->pol ? gu_policy_county_count(f->pol) : 0, k;
	int c = 0;

	for (i = 0; i < n && c < max; i++) {
		const char *code = gu_policy_county(f->pol, i);

		if (gu_townships_of(code, &k) && k)
			codes[c++] = code;
	}
	return c;
}

/* Returns the code of the county chosen, or NULL for the whole city. */
static const char *chosen_county(const gu_field *f)
{
	const char *codes[32];
	int n = counties(f, codes, 32);

	return f->county > 0 && f->county <= n ? codes[f->county - 1] : NULL;
}

/* Fills out with the townships of county (NULL: the whole city) that
 * match what is typed; returns how many. */
static int matches_in(const gu_field *f, const char *county, const gu_township **out)
{
	const gu_township *t;
	size_t n, i;
	int k = 0;

	t = county ? gu_townships_of(county, &n) : gu_township_table(&n);
	for (i = 0; t && i < n && k < TOWNSHIP_ROWS; i++)
		if (gu_township_matches(&t[i], f->ed.buf))
			out[k++] = &t[i];
	return k;
}

/* Returns true when the list shows the whole city: no county is chosen,
 * or none of the chosen county's townships matches what is typed. */
static bool whole_city(const gu_field *f)
{
	const gu_township *m[TOWNSHIP_ROWS];
	const char *county = chosen_county(f);

	return !county || matches_in(f, county, m) == 0;
}

/* Fills out with the townships listed: those of the chosen county that
 * match what is typed, else those of the whole city; returns how many. */
static int matches(const gu_field *f, const gu_township **out)
{
	return matches_in(f, whole_city(f) ? NULL : chosen_county(f), out);
}

/* Returns the rows of the list: the matches, then "other" once something
 * is typed. */
static int rows(const gu_field *f, const gu_township **out)
{
	return matches(f, out) + (f->ed.len ? 1 : 0);
}

/* Sets the picker from a stored value: a listed township (also written
 * with its county before it) is chosen in its county; any other name, and
 * a name two counties share written without its county, is kept typed, on
 * "other". */
void gu_township_init(gu_field *f, const char *value)
{
	const gu_township *t = value ? gu_township_canonical(value) : NULL;
	const gu_township *m[TOWNSHIP_ROWS];
	const char *codes[32];
	int n = counties(f, codes, 32), i, k;

	gu_edit_set(&f->ed, "", 40);
	f->ed.selected = false;
	f->county = 0;
	f->cur = 0;
	f->touched = value != NULL || f->unknown;
	if (!value)
		return;
	/* a name two counties share stored without its county (as written
	 * before the picker named the county) stays as it is until a county's
	 * row is picked: both are listed, "other" keeps it */
	if (!t || (gu_township_shared(t->name) && strcmp(value, t->name) == 0)) {
		gu_edit_set(&f->ed, value, 40);
		f->ed.selected = false;
		f->cur = rows(f, m) - 1;
		f->typing = true;
		return;
	}
	for (i = 0; i < n; i++)
		if (strncmp(codes[i], t->code, 6) == 0)
			f->county = i + 1;
	k = matches(f, m);
	for (i = 0; i < k; i++)
		if (m[i] == t)
			f->cur = i;
}

/* Returns true for a character that may be typed to find a township. */
static bool findable(wint_t c)
{
	return c > ' ' && c != 0x7f;
}

/* Takes a key: Left and Right the county, typing narrows the list, the
 * arrow keys move in it; returns what it did. */
enum gu_field_res gu_township_key(gu_field *f, const gu_key *k)
{
	const gu_township *m[TOWNSHIP_ROWS];
	const char *codes[32];
	int ncounty = counties(f, codes, 32);

	if (gu_key_fn(k, KEY_LEFT) || gu_key_fn(k, KEY_RIGHT)) {
		int d = gu_key_fn(k, KEY_LEFT) ? ncounty : 1;

		f->county = (f->county + d) % (ncounty + 1);
		f->cur = 0;
		f->top = 0;
		f->typing = false;
	} else if (gu_view_key(k, &f->cur, rows(f, m), f->list_rows > 1 ? f->list_rows : 2)) {
		/* "other" is taken only when moved onto with the arrow keys */
		f->typing = f->ed.len && f->cur == matches(f, m);
	} else if (gu_key_fn(k, KEY_BACKSPACE) || gu_key_fn(k, KEY_DC) || (!k->fn && findable(k->ch))) {
		if (!gu_edit_key(&f->ed, k, findable))
			return GU_FIELD_IGNORED;
		f->cur = 0;
		f->top = 0;
		f->typing = false;
	} else {
		return GU_FIELD_IGNORED;
	}
	f->unknown = false;
	f->touched = true;
	return GU_FIELD_CHANGED;
}

/* Writes the township picked, or the name typed on "other"; returns 0, or
 * -1 with f->err set. */
int gu_township_value(gu_field *f, char *buf, size_t size)
{
	const gu_township *m[TOWNSHIP_ROWS];
	int n = matches(f, m);

	if (f->touched && f->cur < n) {
		/* a name two counties share is written with its county */
		gu_township_written(m[f->cur], buf, size);
		return 0;
	}
	if (f->touched && f->ed.len && f->typing) {
		snprintf(buf, size, "%s", f->ed.buf);
		return 0;
	}
	if (f->touched && f->ed.len) {
		snprintf(f->err, sizeof f->err, "%s",
			_("no township of the list is named so: check the county and the name; to keep the name as typed, move to \"other\" with the arrow keys and press Enter"));
		return -1;
	}
	snprintf(f->err, sizeof f->err, "%s",
		_("choose the county with Left and Right, then the township with the arrow keys (type to find it), or press F2 if it is not known"));
	return -1;
}

/* Writes the county chosen in words into buf; returns buf. */
static const char *county_words(const gu_field *f, char *buf, size_t size)
{
	const char *county = chosen_county(f);
	const gu_region_entry *e = county ? gu_region_lookup(county) : NULL;

	if (!e)
		snprintf(buf, size, "%s", _("the whole city"));
	else
		snprintf(buf, size, "%s", gu_lang() == GU_LANG_ZH ? e->zh : e->en);
	return buf;
}

/* Draws the county, the line typed and the list; returns the rows used. */
int gu_township_draw(gu_field *f, const gu_rect *r)
{
	const gu_township *m[TOWNSHIP_ROWS];
	int n = matches(f, m), total = n + (f->ed.len ? 1 : 0), h, i, x, y = r->y;
	int w = r->w < 70 ? r->w : 70;
	char name[200], line[300];
	bool whole = whole_city(f);

	x = r->x + gu_put(y, r->x, w, _("County:"), gu_attr(GU_R_LABEL));
	snprintf(line, sizeof line, "< %s >", county_words(f, name, sizeof name));
	x += gu_put(y, x + 1, w - (x - r->x) - 1, line, gu_attr(GU_R_CURSOR)) + 2;
	if (gu_text_width(_("Left/Right: county")) <= w - (x - r->x) - 1)
		gu_put(y, x + 1, w - (x - r->x) - 1, _("Left/Right: county"), gu_attr(GU_R_DIM));
	y++;
	x = r->x + gu_put(y, r->x, w, _("Find:"), gu_attr(GU_R_LABEL));
	gu_edit_draw(&f->ed, y, x + 1, 20, true);
	if (gu_text_width(_("name or pinyin initials")) <= w - (x - r->x) - 23)
		gu_put(y, x + 23, w - (x - r->x) - 23, _("name or pinyin initials"), gu_attr(GU_R_DIM));
	y++;
	h = r->h - 4;
	if (h < 1)
		h = 1;
	if (h > total)
		h = total;
	gu_view_follow(f->cur, &f->top, h);
	f->top = gu_view_clamp(f->top, total, h);
	f->list_rows = h;
	for (i = f->top; i < f->top + h; i++, y++) {
		bool here = i == f->cur;
		attr_t a = here ? gu_attr(GU_R_CURSOR) : gu_attr(i == n ? GU_R_DIM : GU_R_NORMAL);
		bool on = here && f->touched && !f->unknown && (i < n || f->typing);
		const char *mark = on ? "(*)" : "( )";

		if (i < n && whole) {
			const gu_region_entry *e;
			char county[7];

			snprintf(county, sizeof county, "%.6s", m[i]->code);
			e = gu_region_lookup(county);
			snprintf(line, sizeof line, " %s %s  %s", mark, m[i]->name,
				e ? (gu_lang() == GU_LANG_ZH ? e->zh : e->en) : county);
		} else if (i < n) {
			snprintf(line, sizeof line, " %s %s", mark, m[i]->name);
		} else {
			/* TRANSLATORS: %s is the name typed, kept as it is */
			snprintf(name, sizeof name, _("other, as typed: %s"), f->ed.buf);
			snprintf(line, sizeof line, " %s %s", mark, name);
		}
		gu_put_line(y, r->x, w, line, a);
	}
	if (total > h) {
		y += gu_list_more(y, r->x + 4, r->w - 4, f->top, h, total);
	} else if (n == 0) {
		gu_put(y++, r->x + 4, r->w - 4, _("no township of the city matches what is typed"),
			gu_attr(GU_R_DIM));
	} else if (whole && chosen_county(f)) {
		county_words(f, name, sizeof name);
		/* TRANSLATORS: %s is a county */
		snprintf(line, sizeof line, _("none in %s: the whole city's are shown"), name);
		gu_put(y++, r->x + 4, r->w - 4, line, gu_attr(GU_R_DIM));
	}
	y += gu_field_draw_footer(f, y, r->x, r->w);
	return y - r->y;
}
