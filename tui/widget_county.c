/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The region picker: the policy's counties first (the header's
 * "counties:"), then any six-digit code typed, named as it is typed. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/region.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* Returns how many counties the picker lists. */
static int ncounty(const gu_field *f)
{
	return f->pol ? (int)gu_policy_county_count(f->pol) : 0;
}

/* Returns the picker's county on row i. */
static const char *county(const gu_field *f, int i)
{
	return gu_policy_county(f->pol, (size_t)i);
}

/* Returns the row of "none" (-1 when not allowed) and of "unknown". */
static int none_row(const gu_field *f)
{
	return f->q->allow_none ? ncounty(f) : -1;
}

/* Returns the row that stands for "unknown". */
static int unknown_row(const gu_field *f)
{
	return f->q->allow_none ? ncounty(f) + 1 : ncounty(f);
}

/* Names a six-digit code in the current language into buf: the full name,
 * else its province with a note that the county is not in the table, else
 * NULL (a code this program cannot place at all). */
const char *gu_region_words(const char *code, char *buf, size_t size)
{
	char prov[7], name[200];
	bool zh = gu_lang() == GU_LANG_ZH;
	const gu_region_entry *p;

	if (gu_region_name(code, zh, buf, (unsigned)size))
		return buf;
	if (strlen(code) != 6)
		return NULL;
	snprintf(prov, sizeof prov, "%.2s0000", code);
	p = gu_region_lookup(prov);
	if (!p)
		return NULL;
	snprintf(name, sizeof name, "%s", zh ? p->zh : p->en);
	/* TRANSLATORS: %s is a province; the county's code is not in the table */
	snprintf(buf, size, _("a county in %s"), name);
	return buf;
}

/* Returns the words for "none" in this question: no hukou, not insured. */
static const char *none_words(const gu_field *f)
{
	if (strstr(f->key, "insured"))
		return _("none (not insured)");
	if (strstr(f->key, "hukou"))
		return _("none (no registration)");
	return _("none");
}

/* Returns true for digits. */
static bool digit(wint_t c)
{
	return c >= '0' && c <= '9';
}

/* Sets the picker from a stored value. */
void gu_county_init(gu_field *f, const char *value)
{
	int i;

	gu_edit_set(&f->ed, "", 6);
	f->cur = f->unknown ? unknown_row(f) : 0;
	f->touched = value != NULL || f->unknown;
	if (!value)
		return;
	if (strcmp(value, "none") == 0 && f->q->allow_none) {
		f->cur = none_row(f);
		return;
	}
	for (i = 0; i < ncounty(f); i++)
		if (strcmp(county(f, i), value) == 0) {
			f->cur = i;
			return;
		}
	gu_edit_set(&f->ed, value, 6);
	f->typing = true;
}

static enum gu_field_res county_key(gu_field *f, const gu_key *k);

/* Takes a key: arrows pick from the list, digits type a code. */
enum gu_field_res gu_county_key(gu_field *f, const gu_key *k)
{
	enum gu_field_res r = county_key(f, k);

	if (r == GU_FIELD_CHANGED)
		f->touched = true;
	return r;
}

/* Takes a key for the picker (see gu_county_key); returns what it did. */
static enum gu_field_res county_key(gu_field *f, const gu_key *k)
{
	int last = unknown_row(f);

	if (!k->fn && digit(k->ch)) {
		f->typing = true;
		f->unknown = false;
		gu_edit_key(&f->ed, k, digit);
		return GU_FIELD_CHANGED;
	}
	if (f->typing && (gu_key_fn(k, KEY_BACKSPACE) || gu_key_fn(k, KEY_LEFT)
			|| gu_key_fn(k, KEY_RIGHT) || gu_key_fn(k, KEY_DC)
			|| gu_key_fn(k, KEY_HOME) || gu_key_fn(k, KEY_END))) {
		gu_edit_key(&f->ed, k, digit);
		return GU_FIELD_CHANGED;
	}
	if (gu_key_fn(k, KEY_UP)) {
		if (f->typing)
			f->typing = false;
		else
			f->cur = gu_view_move(f->cur, -1, last + 1);
		f->unknown = f->cur == last && !f->typing;
		return GU_FIELD_CHANGED;
	}
	if (gu_key_fn(k, KEY_DOWN)) {
		if (!f->typing && f->cur < last)
			f->cur++;
		else if (!f->typing)
			f->typing = true;
		f->unknown = f->cur == last && !f->typing;
		return GU_FIELD_CHANGED;
	}
	if (f->q->allow_none && gu_key_char(k, 'n')) {
		f->typing = false;
		f->cur = none_row(f);
		f->unknown = false;
		return GU_FIELD_CHANGED;
	}
	return GU_FIELD_IGNORED;
}

/* Writes the picked or typed code; returns 0 or -1 with f->err set. */
int gu_county_value(gu_field *f, char *buf, size_t size)
{
	if (f->typing) {
		if (f->ed.len != 6) {
			snprintf(f->err, sizeof f->err, "%s",
				_("a region code has six digits; or pick a county with the arrow keys"));
			return -1;
		}
		if (gu_region_problem(f->ed.buf, f->err, sizeof f->err))
			return -1;
		snprintf(buf, size, "%s", f->ed.buf);
		return 0;
	}
	if (!f->touched) {
		snprintf(f->err, sizeof f->err, "%s",
			_("choose a county with the arrow keys, or type its code, or press F2 if it is not known"));
		return -1;
	}
	if (f->cur == unknown_row(f))
		snprintf(buf, size, "unknown");
	else if (f->cur == none_row(f))
		snprintf(buf, size, "none");
	else
		snprintf(buf, size, "%s", county(f, f->cur));
	return 0;
}

/* The rows under the code line: what the code typed is (a problem, or its
 * name) and a trap's warning, or how to type one. */
typedef struct code_notes {
	const char *problem, *trap, *hint;
	char why[400], name[200];
} code_notes;

/* Fills n for the code being typed; returns the rows it takes at width w. */
static int notes_rows(const gu_field *f, code_notes *n, int w)
{
	int rows = 0;

	n->problem = n->trap = n->hint = NULL;
	n->name[0] = '\0';
	if (f->typing && f->ed.len == 6) {
		n->trap = gu_region_trap(f->ed.buf);
		if (gu_region_problem(f->ed.buf, n->why, sizeof n->why)) {
			/* Once Enter was pressed the same words are the field's error, below. */
			if (!f->err[0])
				n->problem = n->why;
		} else if (!gu_region_words(f->ed.buf, n->name, sizeof n->name)) {
			n->name[0] = '\0';
		}
	} else if (f->typing) {
		n->hint = _("type the six digits of the region code");
	}
	if (n->problem) {
		rows += gu_wrapped_rows(n->problem, w) < 3 ? gu_wrapped_rows(n->problem, w) : 3;
	}
	rows += n->name[0] != '\0';
	if (n->trap)
		rows += gu_wrapped_rows(n->trap, w) < 3 ? gu_wrapped_rows(n->trap, w) : 3;
	rows += n->hint != NULL;
	if (f->err[0])
		rows += gu_wrapped_rows(f->err, w) < 3 ? gu_wrapped_rows(f->err, w) : 3;
	else if (f->unknown)
		rows++;
	return rows;
}

/* Draws the list and the code line; returns the rows used.  On a short
 * screen the list shows only the rows around the choice, so that the code
 * line and what it says of the code stay on screen, and says how many
 * rows are above and below. */
int gu_county_draw(gu_field *f, const gu_rect *r)
{
	int y = r->y, i, last = unknown_row(f), top = 0, shown;
	bool zh = gu_lang() == GU_LANG_ZH;
	char name[200], line[260];
	code_notes notes;

	shown = r->h - 2 - notes_rows(f, &notes, r->w);
	if (shown > last + 1)
		shown = last + 1;
	if (shown < 1)
		shown = 1;
	gu_view_follow(f->typing ? 0 : f->cur, &top, shown);
	for (i = top; i <= last && i < top + shown; i++, y++) {
		bool here = !f->typing && i == f->cur;
		bool mark = here && f->touched;
		attr_t a = here ? gu_attr(GU_R_CURSOR) : gu_attr(i == last ? GU_R_DIM : GU_R_NORMAL);

		if (i < ncounty(f)) {
			if (!gu_region_name(county(f, i), zh, name, sizeof name))
				snprintf(name, sizeof name, "%s", county(f, i));
			snprintf(line, sizeof line, " %s %s  %s", mark ? "(*)" : "( )",
				county(f, i), name);
		} else if (i == none_row(f)) {
			snprintf(line, sizeof line, " %s n       %s", mark ? "(*)" : "( )",
				none_words(f));
		} else {
			snprintf(line, sizeof line, " %s F2      %s", mark ? "(*)" : "( )",
				_("not known"));
		}
		gu_put_line(y, r->x, r->w < 70 ? r->w : 70, line, a);
	}
	/* a cut list says so on the row between it and the code line */
	gu_list_more(y, r->x + 4, r->w - 4, top, shown, last + 1);
	y++;
	i = gu_put(y, r->x, r->w, _("Another code:"), gu_attr(f->typing ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&f->ed, y, r->x + i + 1, 8, f->typing);
	y++;
	if (notes.problem)
		y += gu_put_wrapped(y, r->x, r->w, 3, notes.problem, gu_attr(GU_R_ERROR));
	if (notes.name[0])
		gu_put(y++, r->x, r->w, notes.name, gu_attr(GU_R_OK));
	if (notes.trap)
		y += gu_put_wrapped(y, r->x, r->w, 3, notes.trap, gu_attr(GU_R_ALERT));
	if (notes.hint)
		gu_put(y++, r->x, r->w, notes.hint, gu_attr(GU_R_DIM));
	y += gu_field_draw_footer(f, y, r->x, r->w);
	return y - r->y;
}
