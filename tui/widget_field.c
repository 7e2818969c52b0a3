#include "config.h"
/* One field for every question type: sets up, dispatches keys and drawing
 * to the widget of the type, and gives the answer text. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/paint.h"
#include "tui/widget.h"

/* Returns the most bytes a typed answer of this type may have. */
static size_t max_bytes(enum gu_qtype t)
{
	switch (t) {
	case GU_Q_DATE:
		return 10;
	case GU_Q_IDNUMBER:
		return 18;
	case GU_Q_INTEGER:
		return 11;
	case GU_Q_CODE:
		return 6;
	case GU_Q_PHONE:
		return 40;
	default:
		return 300;
	}
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
	switch (q->type) {
	case GU_Q_CHOICE:
	case GU_Q_MULTI:
	case GU_Q_YESNO:
		gu_choice_init(f, value);
		break;
	case GU_Q_CODE:
		gu_county_init(f, value);
		break;
	case GU_Q_IDNUMBER:
		if (value && strcmp(value, "none") == 0)
			f->mask = 1;     /* "none" chosen */
		gu_edit_set(&f->ed, value && !f->mask ? value : "", max_bytes(q->type));
		break;
	default:
		gu_edit_set(&f->ed, value, max_bytes(q->type));
		break;
	}
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
	return f->q->type == GU_Q_TEXT || f->q->type == GU_Q_PHONE;
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
	switch (f->q->type) {
	case GU_Q_CHOICE:
	case GU_Q_MULTI:
	case GU_Q_YESNO:
		r = gu_choice_key(f, k);
		break;
	case GU_Q_DATE:
		r = gu_date_key(f, k);
		break;
	case GU_Q_IDNUMBER:
		r = gu_idnum_key(f, k);
		break;
	case GU_Q_CODE:
		r = gu_county_key(f, k);
		break;
	case GU_Q_INTEGER:
		r = gu_int_key(f, k);
		break;
	default:
		r = gu_text_key(f, k);
		break;
	}
	if (r == GU_FIELD_CHANGED)
		f->err[0] = '\0';
	return r;
}

/* Draws the field; returns the rows used. */
int gu_field_draw(gu_field *f, const gu_rect *r)
{
	switch (f->q->type) {
	case GU_Q_CHOICE:
	case GU_Q_MULTI:
	case GU_Q_YESNO:
		return gu_choice_draw(f, r);
	case GU_Q_DATE:
		return gu_date_draw(f, r);
	case GU_Q_IDNUMBER:
		return gu_idnum_draw(f, r);
	case GU_Q_CODE:
		return gu_county_draw(f, r);
	case GU_Q_INTEGER:
		return gu_int_draw(f, r);
	default:
		return gu_text_draw(f, r);
	}
}

/* Writes the answer into buf; returns 0 or -1 with f->err set. */
int gu_field_value(gu_field *f, char *buf, size_t size)
{
	if (f->unknown) {
		snprintf(buf, size, "unknown");
		return 0;
	}
	switch (f->q->type) {
	case GU_Q_CHOICE:
	case GU_Q_MULTI:
	case GU_Q_YESNO:
		return gu_choice_value(f, buf, size);
	case GU_Q_CODE:
		return gu_county_value(f, buf, size);
	case GU_Q_IDNUMBER:
		if (f->mask) {
			snprintf(buf, size, "none");
			return 0;
		}
		break;
	default:
		break;
	}
	if (f->ed.len == 0) {
		snprintf(f->err, sizeof f->err, "%s",
			_("nothing is entered yet: type the answer, or press F2 if it is not known"));
		return -1;
	}
	snprintf(buf, size, "%s", f->ed.buf);
	return 0;
}

/* Draws the unknown mark or the error at row y; returns the rows used. */
int gu_field_draw_footer(gu_field *f, int y, int x, int w)
{
	if (f->err[0])
		return gu_put_wrapped(y, x, w, 3, f->err, gu_attr(GU_R_ERROR));
	if (f->unknown)
		return gu_put_wrapped(y, x, w, 1, _("Answer: not known"), gu_attr(GU_R_VERIFY));
	return 0;
}
