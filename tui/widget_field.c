/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* One field for every question type: the table of widgets, one per type
 * (init, key, draw, value), and the field that dispatches to them. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/paint.h"
#include "tui/widget.h"

static void edit_init(gu_field *f, const char *value);
static void idnum_init(gu_field *f, const char *value);
static int edit_value(gu_field *f, char *buf, size_t size);
static int idnum_value(gu_field *f, char *buf, size_t size);

/* One widget per question type, in enum gu_qtype order: how it is set up
 * from a stored value, takes a key, is drawn and gives its answer, how
 * many bytes may be typed and whether letters typed go into it. */
static const struct widget {
	enum gu_qtype type;
	void (*init)(gu_field *f, const char *value);
	enum gu_field_res (*key)(gu_field *f, const gu_key *k);
	int (*draw)(gu_field *f, const gu_rect *r);
	int (*value)(gu_field *f, char *buf, size_t size);
	size_t max_bytes;
	bool letters;
} widgets[] = {
	{ GU_Q_TEXT, edit_init, gu_text_key, gu_text_draw, edit_value, 300, true },
	{ GU_Q_DATE, edit_init, gu_date_key, gu_date_draw, edit_value, 10, false },
	{ GU_Q_CHOICE, gu_choice_init, gu_choice_key, gu_choice_draw, gu_choice_value, 0, false },
	{ GU_Q_MULTI, gu_choice_init, gu_choice_key, gu_choice_draw, gu_choice_value, 0, false },
	{ GU_Q_YESNO, gu_choice_init, gu_choice_key, gu_choice_draw, gu_choice_value, 0, false },
	{ GU_Q_INTEGER, edit_init, gu_int_key, gu_int_draw, edit_value, 11, false },
	{ GU_Q_CODE, gu_county_init, gu_county_key, gu_county_draw, gu_county_value, 6, false },
	{ GU_Q_IDNUMBER, idnum_init, gu_idnum_key, gu_idnum_draw, idnum_value, 18, false },
	{ GU_Q_PHONE, edit_init, gu_text_key, gu_text_draw, edit_value, 40, true },
	{ GU_Q_TOWNSHIP, gu_township_init, gu_township_key, gu_township_draw, gu_township_value, 40, true },
};

_Static_assert(sizeof widgets / sizeof widgets[0] == GU_Q_COUNT,
	"one widget per question type");

/* Returns the widget of f's question type. */
static const struct widget *widget(const gu_field *f)
{
	return &widgets[f->q->type];
}

/* Sets up a typed answer (date, number, text, phone) from a stored value. */
static void edit_init(gu_field *f, const char *value)
{
	gu_edit_set(&f->ed, value, widget(f)->max_bytes);
}

/* Sets up an ID number: typed, or "none" chosen. */
static void idnum_init(gu_field *f, const char *value)
{
	if (value && strcmp(value, "none") == 0)
		f->mask = 1;     /* "none" chosen */
	gu_edit_set(&f->ed, value && !f->mask ? value : "", widget(f)->max_bytes);
}

/* Writes a typed answer; returns 0 or -1 with f->err set. */
static int edit_value(gu_field *f, char *buf, size_t size)
{
	if (f->ed.len == 0) {
		snprintf(f->err, sizeof f->err, "%s",
			_("nothing is entered yet: type the answer, or press F2 if it is not known"));
		return -1;
	}
	snprintf(buf, size, "%s", f->ed.buf);
	return 0;
}

/* Writes an ID number, "none", or the saved number kept hidden; returns 0
 * or -1 with f->err set. */
static int idnum_value(gu_field *f, char *buf, size_t size)
{
	if (f->mask) {
		snprintf(buf, size, "none");
		return 0;
	}
	if (f->hidden[0]) {
		snprintf(buf, size, "%s", f->hidden);
		return 0;
	}
	return edit_value(f, buf, size);
}

/* Sets up f for a question; see widget.h. */
void gu_field_init(gu_field *f, const gu_policy *pol, const gu_question *q,
	const char *key, const char *value, const char *on_date)
{
	memset(f, 0, sizeof *f);
	f->pol = pol;
	f->q = q;
	snprintf(f->key, sizeof f->key, "%s", key);
	snprintf(f->on_date, sizeof f->on_date, "%s", on_date ? on_date : "");
	f->unknown = value && strcmp(value, "unknown") == 0;
	if (f->unknown)
		value = NULL;
	widget(f)->init(f, value);
}

/* Moves a saved 18-character number out of the edit line. */
void gu_field_hide_saved_id(gu_field *f)
{
	if (f->q->type != GU_Q_IDNUMBER || f->mask || f->ed.len != 18)
		return;
	memcpy(f->hidden, f->ed.buf, 18);
	f->hidden[18] = '\0';
	gu_edit_set(&f->ed, "", widget(f)->max_bytes);
}

/* Sets the field to unknown. */
void gu_field_set_unknown(gu_field *f)
{
	f->unknown = true;
	f->err[0] = '\0';
}

/* Returns true when letters typed go into the field. */
bool gu_field_takes_letters(const gu_field *f)
{
	return widget(f)->letters;
}

/* Takes a key; returns what it did. */
enum gu_field_res gu_field_key(gu_field *f, const gu_key *k)
{
	enum gu_field_res r;

	if (gu_key_fn(k, KEY_F(2))) {
		gu_field_set_unknown(f);
		return GU_FIELD_CONFIRM;
	}
	if (gu_key_fn(k, KEY_ENTER))
		return GU_FIELD_CONFIRM;
	r = widget(f)->key(f, k);
	if (r == GU_FIELD_CHANGED)
		f->err[0] = '\0';
	return r;
}

/* Draws the field; returns the rows used. */
int gu_field_draw(gu_field *f, const gu_rect *r)
{
	return widget(f)->draw(f, r);
}

/* Writes the answer into buf; returns 0 or -1 with f->err set. */
int gu_field_value(gu_field *f, char *buf, size_t size)
{
	if (f->unknown) {
		snprintf(buf, size, "unknown");
		return 0;
	}
	return widget(f)->value(f, buf, size);
}

/* Draws the unknown mark or the error at row y; returns the rows used. */
int gu_field_draw_footer(gu_field *f, int y, int x, int w)
{
	if (f->err[0])
		return gu_put_wrapped(y, x, w, 3, f->err, gu_attr(GU_R_ERROR));
	if (f->unknown && f->q && f->q->type == GU_Q_IDNUMBER)
		/* an ID number not known is one not at hand: asked for later */
		return gu_put_wrapped(y, x, w, 2,
			_("Answer: not at hand. The birth date and sex are asked instead; add the number later."),
			gu_attr(GU_R_VERIFY));
	if (f->unknown)
		return gu_put_wrapped(y, x, w, 1, _("Answer: not known"), gu_attr(GU_R_VERIFY));
	return 0;
}
