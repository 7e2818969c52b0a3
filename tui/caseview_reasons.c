/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The case view's forms that take a reason of a list and a note: a
 * supervisor returning a case to its worker, closing it, and reopening it
 * (a note alone).  One drawing and one key handling for the three. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/closure.h"
#include "db/exchange.h"
#include "db/review.h"
#include "tui/caseview.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

/* What one of the forms shows and does. */
typedef struct reason_form {
	enum gu_reason_kind kind;    /* its list; GU_REASON_KIND_COUNT for none */
	const char *title, *note_label, *help;   /* msgids */
} reason_form;

/* Returns the form of popup p (a return, a closing or a reopening). */
static reason_form form_of(enum cv_popup p)
{
	reason_form f = { GU_REASON_RETURN, N_("Return the case to the worker"),
		N_("Note for the worker:"),
		N_("Tab moves between the reason and the note; Enter on the note returns the case, "
		   "Esc cancels.") };

	if (p == CV_POP_CLOSE) {
		f.kind = GU_REASON_CLOSE;
		f.title = N_("Close the case");
		f.note_label = N_("Note (needed for other):");
		f.help = N_("A closed case leaves the lists of work to do. Tab moves between the "
			"reason and the note; Enter on the note closes the case, Esc cancels.");
	} else if (p == CV_POP_REOPEN) {
		f.kind = GU_REASON_KIND_COUNT;
		f.title = N_("Reopen the case");
		f.note_label = N_("Why it is reopened:");
		f.help = N_("The case gets back the status it had before it was closed. Enter "
			"reopens it, Esc cancels.");
	}
	return f;
}

/* Returns true when the session may close and reopen cases here: a
 * supervisor, on a database that is not a worker's enrolled laptop. */
bool cv_may_close(gu_app *a)
{
	return gu_scr_is_supervisor(a) && gu_xchg_role(a->db) != GU_XROLE_LAPTOP;
}

/* Draws the open reason form (return, close or reopen). */
void cv_reason_form_draw(gu_app *a, cv_state *s)
{
	reason_form f = form_of(s->pop);
	size_t n = 0, i;
	const gu_reason *why = gu_reasons(f.kind, &n);
	int list = n ? (int)n + 2 : 0;   /* the label, the rows and a blank */
	gu_rect r = gu_layout_popup(&a->lay, list + 7, 66);

	gu_scr_box(r, _(f.title));
	if (n)
		gu_put(r.y + 1, r.x + 2, r.w - 4, _("Reason:"),
			gu_attr(s->pop_focus == 0 ? GU_R_LABEL : GU_R_NORMAL));
	for (i = 0; i < n; i++) {
		attr_t at = (int)i == s->pop_cur ? (s->pop_focus == 0 ? gu_attr(GU_R_CURSOR) : A_BOLD) : A_NORMAL;

		gu_fill(r.y + 2 + (int)i, r.x + 3, r.w - 6, at);
		gu_put(r.y + 2 + (int)i, r.x + 4, r.w - 8, _(why[i].label), at);
	}
	gu_put(r.y + 1 + list, r.x + 2, r.w - 4, _(f.note_label),
		gu_attr(s->pop_focus == 1 ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&s->f[CV_F_NOTE], r.y + 2 + list, r.x + 2, r.w - 4, s->pop_focus == 1);
	if (s->pop_err[0])
		gu_put_wrapped(r.y + 3 + list, r.x + 2, r.w - 4, 3, s->pop_err, gu_attr(GU_R_ERROR));
	else
		gu_put_wrapped(r.y + 3 + list, r.x + 2, r.w - 4, 3, _(f.help), gu_attr(GU_R_DIM));
}

/* Records the decision the open form holds; returns 0, or -1 with the
 * error in the form. */
static int record(gu_app *a, cv_state *s)
{
	size_t n;
	const gu_reason *why;
	const char *note = s->f[CV_F_NOTE].buf;
	gu_error err;
	int ret;

	gu_error_clear(&err);
	if (s->pop == CV_POP_REOPEN) {
		ret = gu_case_reopen(a->db, s->id, note, &err);
	} else {
		why = gu_reasons(form_of(s->pop).kind, &n);
		ret = s->pop == CV_POP_CLOSE
			? gu_case_close(a->db, s->id, why[s->pop_cur].code, note, &err)
			: gu_review_decide(a->db, s->id, GU_REVIEW_RETURN, why[s->pop_cur].code, note, &err);
	}
	if (ret < 0) {
		snprintf(s->pop_err, sizeof s->pop_err, "%s",
			err.message[0] ? err.message : gu_code_text(err.code));
		return -1;
	}
	gu_app_message(a, GU_R_OK, s->pop == CV_POP_CLOSE ? _("The case is closed.")
		: s->pop == CV_POP_REOPEN ? _("The case is reopened.")
		: _("The case is returned to the worker."));
	s->pop = CV_POP_NONE;
	cv_reload(a, s);
	return 0;
}

/* Takes a key in the open reason form. */
void cv_reason_form_key(gu_app *a, cv_state *s, const gu_key *k)
{
	size_t n = 0;

	gu_reasons(form_of(s->pop).kind, &n);
	if (n == 0)
		s->pop_focus = 1;
	if (n && (gu_key_char(k, '\t') || gu_key_fn(k, KEY_BTAB))) {
		s->pop_focus = !s->pop_focus;
	} else if (s->pop_focus == 0) {
		if (gu_key_fn(k, KEY_ENTER))
			s->pop_focus = 1;
		else
			gu_view_key(k, &s->pop_cur, (int)n, 1);
	} else if (gu_key_fn(k, KEY_ENTER)) {
		record(a, s);
	} else if (n && gu_key_fn(k, KEY_UP)) {
		s->pop_focus = 0;
	} else if (gu_edit_key(&s->f[CV_F_NOTE], k, NULL)) {
		s->pop_err[0] = '\0';
	}
}
