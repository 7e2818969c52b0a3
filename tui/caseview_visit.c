/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The case view's visit form: a regular visit (定期走访) recorded in a few
 * keys (date, who was seen, what changed), and when the family's
 * circumstances changed, the offer to interview again from the current
 * answers. */

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/text.h"
#include "db/visits.h"
#include "tui/caseview.h"
#include "tui/harness.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

/* The form's rows, in focus order. */
enum { VR_DATE, VR_SEEN, VR_NOTE, VR_CHANGED, VR_COUNT };

/* Draws a labelled field row inside the popup. */
static void field_row(const gu_rect *r, int row, int lw, const char *label, gu_edit *e,
	bool focus)
{
	gu_put(r->y + row, r->x + 2, lw - 1, label, gu_attr(focus ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(e, r->y + row, r->x + 2 + lw, r->w - 4 - lw, focus);
}

/* Draws the question whether to interview again. */
static void draw_revisit(gu_app *a)
{
	gu_rect r = gu_layout_popup(&a->lay, 7, 64);

	gu_scr_box(r, _("Circumstances changed"));
	gu_put_wrapped(r.y + 1, r.x + 2, r.w - 4, 3,
		_("Interview again from the current answers? Only the answers that changed need to "
		  "be typed; the visit is kept as the reason for each change."), A_NORMAL);
	gu_put(r.y + 5, r.x + 2, r.w - 4, _("y interview again    n not now"), gu_attr(GU_R_LABEL));
}

/* Draws the visit form or the question after it. */
void cv_visit_draw(gu_app *a, cv_state *s)
{
	const char *labels[VR_COUNT];
	char line[120];
	gu_rect r;
	int lw = 0, i;

	if (s->pop == CV_POP_REVISIT) {
		draw_revisit(a);
		return;
	}
	r = gu_layout_popup(&a->lay, 14, 72);
	labels[VR_DATE] = _("Date:");
	labels[VR_SEEN] = _("Who was seen:");
	labels[VR_NOTE] = _("What changed:");
	labels[VR_CHANGED] = _("Circumstances changed:");
	for (i = 0; i < VR_COUNT; i++)
		if (gu_text_width(labels[i]) + 2 > lw)
			lw = gu_text_width(labels[i]) + 2;
	gu_scr_box(r, _("Record a regular visit"));
	field_row(&r, 2, lw, labels[VR_DATE], &s->f[CV_F_DATE], s->pop_focus == VR_DATE);
	field_row(&r, 4, lw, labels[VR_SEEN], &s->f[CV_F_SEEN], s->pop_focus == VR_SEEN);
	field_row(&r, 6, lw, labels[VR_NOTE], &s->f[CV_F_NOTE], s->pop_focus == VR_NOTE);
	gu_put(r.y + 8, r.x + 2, lw - 1, labels[VR_CHANGED],
		gu_attr(s->pop_focus == VR_CHANGED ? GU_R_LABEL : GU_R_NORMAL));
	snprintf(line, sizeof line, "< %s >", s->pop_cur ? _("yes") : _("no"));
	gu_put(r.y + 8, r.x + 2 + lw, r.w - 4 - lw, line,
		s->pop_focus == VR_CHANGED ? gu_attr(GU_R_CURSOR) : A_NORMAL);
	if (s->pop_err[0])
		gu_put_wrapped(r.y + 10, r.x + 2, r.w - 4, 3, s->pop_err, gu_attr(GU_R_ERROR));
	else
		gu_put_wrapped(r.y + 10, r.x + 2, r.w - 4, 3,
			_("The date is YYYY-MM-DD. Left/Right say whether the circumstances changed. "
			  "Enter on the last row saves, Esc cancels."), gu_attr(GU_R_DIM));
}

/* Returns the reason kept with a re-interview's changed answers. */
const char *cv_visit_reason(const cv_state *s)
{
	static char reason[460];

	/* TRANSLATORS: the reason kept with answers changed after a visit:
	 * the visit's date and the note */
	snprintf(reason, sizeof reason, _("regular visit %s: %s"), s->f[CV_F_DATE].buf,
		s->f[CV_F_NOTE].len ? s->f[CV_F_NOTE].buf : _("circumstances changed"));
	return reason;
}

/* Saves the visit the form holds; asks whether to interview again when
 * the circumstances changed. */
static void save(gu_app *a, cv_state *s)
{
	gu_visit_new v = { 0 };
	gu_error err;

	v.date = s->f[CV_F_DATE].buf;
	v.seen = s->f[CV_F_SEEN].buf;
	v.note = s->f[CV_F_NOTE].buf;
	v.changed = s->pop_cur != 0;
	gu_error_clear(&err);
	if (gu_visit_add(a->db, s->id, &v, gu_today(), &err) < 0) {
		snprintf(s->pop_err, sizeof s->pop_err, "%s",
			err.message[0] ? err.message : gu_code_text(err.code));
		s->pop_focus = s->f[CV_F_SEEN].len ? VR_DATE : VR_SEEN;
		return;
	}
	gu_app_message(a, GU_R_OK, _("The visit is recorded."));
	cv_reload(a, s);
	s->pop = v.changed ? CV_POP_REVISIT : CV_POP_NONE;
}

/* Takes a key in the visit form. */
void cv_visit_key(gu_app *a, cv_state *s, const gu_key *k)
{
	static const int fields[VR_COUNT] = { CV_F_DATE, CV_F_SEEN, CV_F_NOTE, -1 };

	if (s->pop == CV_POP_REVISIT) {
		if (gu_key_char(k, 'n') || gu_key_char(k, 'N'))
			s->pop = CV_POP_NONE;
		return;
	}
	if (gu_key_char(k, '\t') || gu_key_fn(k, KEY_DOWN)) {
		s->pop_focus = (s->pop_focus + 1) % VR_COUNT;
		return;
	}
	if (gu_key_fn(k, KEY_BTAB) || gu_key_fn(k, KEY_UP)) {
		s->pop_focus = (s->pop_focus + VR_COUNT - 1) % VR_COUNT;
		return;
	}
	if (gu_key_fn(k, KEY_ENTER)) {
		if (s->pop_focus < VR_CHANGED)
			s->pop_focus++;
		else
			save(a, s);
		return;
	}
	if (s->pop_focus == VR_CHANGED) {
		if (gu_key_fn(k, KEY_RIGHT) || gu_key_fn(k, KEY_LEFT) || gu_key_char(k, ' '))
			s->pop_cur = !s->pop_cur;
		return;
	}
	if (gu_edit_key(&s->f[fields[s->pop_focus]], k, NULL))
		s->pop_err[0] = '\0';
}
