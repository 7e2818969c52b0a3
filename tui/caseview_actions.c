/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The case view's actions, each in a popup: a follow-up of a result's
 * referral, re-screening on another date or policy with what changed, and
 * a supervisor's approval or return with a reason and a note. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/text.h"
#include "db/review.h"
#include "db/visits.h"
#include "tui/caseview.h"
#include "tui/harness.h"
#include "tui/listview.h"
#include "tui/options.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

/* Returns the item of the chosen result row, or 0. */
static int chosen_item(const cv_state *s)
{
	int item = s->cur >= 0 && (size_t)s->cur < s->nlines ? s->lines[s->cur].item : 0;

	return item < CV_SIBLING_ITEM ? item : 0;
}

/* Returns the place of status st in a referral's life (gu_ref_status_in_order). */
static int status_place(enum gu_ref_status st)
{
	int i;

	for (i = 0; i < GU_REF_STATUS_COUNT; i++)
		if (gu_ref_status_in_order(i) == st)
			return i;
	return 0;
}

/* Returns the next step after status st: the department's answer after
 * referred, the work after it is accepted, delivery after that, and a new
 * referral after an end. */
static enum gu_ref_status next_step(enum gu_ref_status st)
{
	switch (st) {
	case GU_REF_REFERRED:
		return GU_REF_ACCEPTED;
	case GU_REF_ACCEPTED:
		return GU_REF_IN_PROGRESS;
	case GU_REF_IN_PROGRESS:
		return GU_REF_DELIVERED;
	default:
		return GU_REF_REFERRED;
	}
}

/* Returns the place of the status a new follow-up of item starts with: the
 * referral's next step, or referred for the first one. */
static int first_status(gu_app *a, cv_state *s, int item)
{
	gu_referral *refs = NULL;
	size_t n = 0, i;
	gu_error err;
	enum gu_ref_status st = GU_REF_REFERRED;

	if (gu_referral_list(a->db, s->id, &refs, &n, &err) < 0)
		return status_place(st);
	for (i = 0; i < n; i++)
		if (refs[i].item == item)
			st = next_step(refs[i].status);
	gu_referrals_free(refs, n);
	return status_place(st);
}

/* Returns the status the follow-up form shows. */
static enum gu_ref_status form_status(const cv_state *s)
{
	return gu_ref_status_in_order(s->pop_cur);
}

/* Opens popup p when the session may use it. */
void cv_popup_open(gu_app *a, cv_state *s, enum cv_popup p)
{
	int i;

	for (i = 0; i < CV_F_COUNT; i++)
		gu_edit_set(&s->f[i], NULL, i == CV_F_POLICY ? 390 : 300);
	s->pop_err[0] = '\0';
	s->pop_focus = 0;
	s->pop_cur = 0;
	s->pop_reason = 0;
	switch (p) {
	case CV_POP_FOLLOWUP:
		if (!chosen_item(s)) {
			gu_app_message(a, GU_R_ERROR,
				_("Choose a result with Up and Down first, then press f for its follow-up."));
			return;
		}
		s->pop_cur = first_status(a, s, chosen_item(s));
		gu_edit_set(&s->f[CV_F_DATE], gu_today(), 10);
		gu_edit_set(&s->f[CV_F_DUE], NULL, 10);
		gu_edit_set(&s->f[CV_F_SIGNED], NULL, 40);
		break;
	case CV_POP_RESCREEN:
		gu_edit_set(&s->f[CV_F_DATE], gu_today(), 10);
		gu_edit_set(&s->f[CV_F_POLICY], gu_policy_path(), 390);
		break;
	case CV_POP_VISIT:
		if (s->info.status == GU_CASE_CLOSED) {
			gu_app_message(a, GU_R_ERROR,
				_("This case is closed: a closed case is not visited."));
			return;
		}
		gu_edit_set(&s->f[CV_F_DATE], gu_today(), 10);
		gu_edit_set(&s->f[CV_F_SEEN], NULL, 120);
		gu_edit_set(&s->f[CV_F_NOTE], NULL, GU_VISIT_NOTE_MAX < 390 ? GU_VISIT_NOTE_MAX : 390);
		break;
	case CV_POP_APPROVE:
	case CV_POP_RETURN:
		if (!gu_scr_is_supervisor(a)) {
			gu_app_message(a, GU_R_ERROR, _("Only a supervisor can approve or return a case."));
			return;
		}
		if (!cv_may_close(a)) {
			gu_app_message(a, GU_R_ERROR,
				_("Cases are approved or returned at the office: its decisions come "
				  "to this laptop with the office's bundle."));
			return;
		}
		break;
	case CV_POP_CLOSE:
	case CV_POP_REOPEN:
		if (!cv_may_close(a)) {
			gu_app_message(a, GU_R_ERROR,
				_("Only a supervisor closes or reopens a case, at the office (not on a "
				  "worker's laptop)."));
			return;
		}
		p = s->info.status == GU_CASE_CLOSED ? CV_POP_REOPEN : CV_POP_CLOSE;
		s->pop_focus = p == CV_POP_REOPEN;
		break;
	default:
		break;
	}
	s->pop = p;
}

/* Draws a labelled field row inside a popup. */
static void field_row(const gu_rect *r, int row, int lw, const char *label, gu_edit *e,
	bool focus)
{
	int w = r->w - 4;

	gu_put(r->y + row, r->x + 2, lw - 1, label, gu_attr(focus ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(e, r->y + row, r->x + 2 + lw, w - lw, focus);
}

/* Returns the widest of n labels plus 2. */
static int label_width(const char *const *labels, int n)
{
	int i, w = 0;

	for (i = 0; i < n; i++)
		if (gu_text_width(labels[i]) + 2 > w)
			w = gu_text_width(labels[i]) + 2;
	return w;
}

/* Draws a chooser row ("< word >") inside a popup. */
static void choice_row(const gu_rect *r, int row, int lw, const char *label, const char *word,
	bool focus)
{
	char line[300];

	snprintf(line, sizeof line, word[0] ? "< %s >" : "%s", word);
	gu_put(r->y + row, r->x + 2, lw - 1, label, gu_attr(focus ? GU_R_LABEL : GU_R_NORMAL));
	gu_put(r->y + row, r->x + 2 + lw, r->w - 4 - lw, line,
		focus && word[0] ? gu_attr(GU_R_CURSOR) : A_NORMAL);
}

/* Returns the translated label of the form's reason, or "" when its status
 * takes none. */
static const char *form_reason_label(const cv_state *s)
{
	size_t n;
	const gu_ref_reason *why = gu_ref_reasons(form_status(s), &n);

	return why && (size_t)s->pop_reason < n ? _(why[s->pop_reason].label) : "";
}

/* Draws the follow-up form, which also takes a department's return slip. */
static void draw_followup(gu_app *a, cv_state *s)
{
	const gu_item *it = gu_policy_item_by_number(a->pol, chosen_item(s));
	const char *labels[6];
	char title[300];
	gu_rect r = gu_layout_popup(&a->lay, 14, 72);
	int lw;

	labels[0] = _("Status:");
	labels[1] = _("Reason:");
	labels[2] = _("Date:");
	labels[3] = _("Note:");
	labels[4] = _("Next due:");
	labels[5] = _("Slip signed by:");
	lw = label_width(labels, 6);
	snprintf(title, sizeof title, _("Follow-up of item %d %s"), chosen_item(s),
		gu_item_name(it));
	gu_scr_box(r, title);
	choice_row(&r, 2, lw, labels[0], gu_ref_status_label(form_status(s)), s->pop_focus == 0);
	choice_row(&r, 3, lw, labels[1], form_reason_label(s), s->pop_focus == 1);
	field_row(&r, 4, lw, labels[2], &s->f[CV_F_DATE], s->pop_focus == 2);
	field_row(&r, 5, lw, labels[3], &s->f[CV_F_NOTE], s->pop_focus == 3);
	field_row(&r, 6, lw, labels[4], &s->f[CV_F_DUE], s->pop_focus == 4);
	field_row(&r, 7, lw, labels[5], &s->f[CV_F_SIGNED], s->pop_focus == 5);
	if (s->pop_err[0])
		gu_put_wrapped(r.y + 9, r.x + 2, r.w - 4, 4, s->pop_err, gu_attr(GU_R_ERROR));
	else
		gu_put_wrapped(r.y + 9, r.x + 2, r.w - 4, 4,
			_("Left/Right change the status and the reason. Dates are YYYY-MM-DD; leave the "
			  "next due date empty for none. A department's return slip: its answer, date, "
			  "note and who signed it. Enter on the last field saves, Esc cancels."),
			gu_attr(GU_R_DIM));
}

/* Draws the re-screen form. */
static void draw_rescreen(gu_app *a, cv_state *s)
{
	const char *labels[2];
	gu_rect r = gu_layout_popup(&a->lay, 10, 72);
	int lw;

	labels[0] = _("Date:");
	labels[1] = _("Policy file:");
	lw = label_width(labels, 2);
	gu_scr_box(r, _("Re-screen the case"));
	gu_put_wrapped(r.y + 1, r.x + 2, r.w - 4, 2,
		_("The saved answers are judged again as on this date, under this policy file; "
		  "nothing is changed in the case."), A_NORMAL);
	field_row(&r, 4, lw, labels[0], &s->f[CV_F_DATE], s->pop_focus == 0);
	field_row(&r, 5, lw, labels[1], &s->f[CV_F_POLICY], s->pop_focus == 1);
	if (s->pop_err[0])
		gu_put_wrapped(r.y + 7, r.x + 2, r.w - 4, 2, s->pop_err, gu_attr(GU_R_ERROR));
	else
		gu_put(r.y + 7, r.x + 2, r.w - 4, _("Enter on the last field re-screens, Esc cancels."),
			gu_attr(GU_R_DIM));
}

/* Returns the translated verdict word. */
static const char *tv_word(gu_tv v)
{
	return v == GU_YES ? _("eligible") : v == GU_MAYBE ? _("verify") : _("not shown");
}

/* Draws what the re-screen changed. */
static void draw_changes(gu_app *a, cv_state *s)
{
	gu_rect r = gu_layout_popup(&a->lay, a->lay.body.h + 2, 76);
	char line[600], title[200];
	int rows = r.h - 4, i;

	snprintf(title, sizeof title, _("Re-screened as on %s"), s->rs.date);
	gu_scr_box(r, title);
	if (s->rs.nchanges == 0)
		gu_put_wrapped(r.y + 1, r.x + 2, r.w - 4, 2,
			_("Nothing changes: the results are the same as the saved ones."), A_NORMAL);
	else {
		snprintf(line, sizeof line, _("Items that change: %zu"), s->rs.nchanges);
		gu_put(r.y + 1, r.x + 2, r.w - 4, line, gu_attr(GU_R_LABEL));
	}
	s->changes_top = gu_view_clamp(s->changes_top, (int)s->rs.nchanges, rows);
	for (i = 0; i < rows && (size_t)(s->changes_top + i) < s->rs.nchanges; i++) {
		const gu_item_change *c = &s->rs.changes[s->changes_top + i];
		const gu_item *it = gu_policy_item_by_number(a->pol, c->item);
		const char *name = gu_item_name(it);
		enum gu_color_role role = GU_R_NORMAL;

		if (c->kind == GU_CHANGE_GAINED) {
			snprintf(line, sizeof line, _("+ %2d %s: now %s"), c->item, name, tv_word(c->after));
			role = GU_R_ELIGIBLE;
		} else if (c->kind == GU_CHANGE_LOST) {
			snprintf(line, sizeof line, _("- %2d %s: no longer shown (was %s)"), c->item, name,
				tv_word(c->before));
			role = GU_R_ERROR;
		} else {
			snprintf(line, sizeof line, _("~ %2d %s: %s, was %s"), c->item, name,
				tv_word(c->after), tv_word(c->before));
			role = GU_R_VERIFY;
		}
		gu_put_cut(r.y + 2 + i, r.x + 2, r.w - 4, line, gu_attr(role));
	}
	gu_put(r.y + r.h - 2, r.x + 2, r.w - 4, _("Up/Down scroll, Esc closes."), gu_attr(GU_R_DIM));
}

/* Draws the review popups. */
static void draw_review(gu_app *a, cv_state *s)
{
	gu_rect r;

	if (s->pop == CV_POP_APPROVE) {
		r = gu_layout_popup(&a->lay, 6, 60);
		gu_scr_box(r, _("Approve the case"));
		gu_put_wrapped(r.y + 1, r.x + 2, r.w - 4, 2,
			_("Approve this case? It is then marked as reviewed."), A_NORMAL);
		if (s->pop_err[0])
			gu_put_wrapped(r.y + 3, r.x + 2, r.w - 4, 2, s->pop_err, gu_attr(GU_R_ERROR));
		else
			gu_put(r.y + 4, r.x + 2, r.w - 4, _("y approve    n cancel"), gu_attr(GU_R_LABEL));
		return;
	}
	cv_reason_form_draw(a, s);
}

/* Draws the form asking why a completed case's answers change. */
static void draw_edit(gu_app *a, cv_state *s)
{
	gu_rect r = gu_layout_popup(&a->lay, 9, 66);

	gu_scr_box(r, _("Change the answers"));
	gu_put_wrapped(r.y + 1, r.x + 2, r.w - 4, 2,
		_("This case is no longer a draft: write why its answers change. The reason is kept "
		  "with each changed answer."), A_NORMAL);
	gu_put(r.y + 3, r.x + 2, r.w - 4, _("Reason for the change:"), gu_attr(GU_R_LABEL));
	gu_edit_draw(&s->f[CV_F_NOTE], r.y + 4, r.x + 2, r.w - 4, true);
	if (s->pop_err[0])
		gu_put_wrapped(r.y + 5, r.x + 2, r.w - 4, 2, s->pop_err, gu_attr(GU_R_ERROR));
	else
		gu_put(r.y + 6, r.x + 2, r.w - 4, _("Enter opens the answers, Esc cancels."),
			gu_attr(GU_R_DIM));
}

/* Draws the open popup. */
void cv_popup_draw(gu_app *a, cv_state *s)
{
	switch (s->pop) {
	case CV_POP_FOLLOWUP:
		draw_followup(a, s);
		break;
	case CV_POP_RESCREEN:
		draw_rescreen(a, s);
		break;
	case CV_POP_CHANGES:
		draw_changes(a, s);
		break;
	case CV_POP_APPROVE:
	case CV_POP_RETURN:
		draw_review(a, s);
		break;
	case CV_POP_CLOSE:
	case CV_POP_REOPEN:
		cv_reason_form_draw(a, s);
		break;
	case CV_POP_EDIT:
		draw_edit(a, s);
		break;
	case CV_POP_VISIT:
	case CV_POP_REVISIT:
		cv_visit_draw(a, s);
		break;
	default:
		break;
	}
}

/* Sets the popup's error from err. */
static void pop_error(cv_state *s, const gu_error *err)
{
	snprintf(s->pop_err, sizeof s->pop_err, "%s",
		err->message[0] ? err->message : gu_code_text(err->code));
}

/* Saves the follow-up the form holds. */
static void save_followup(gu_app *a, cv_state *s)
{
	const gu_ref_reason *why;
	gu_followup_new f;
	size_t n;
	gu_date d;
	gu_error err;

	if (!gu_date_parse(s->f[CV_F_DATE].buf, &d)) {
		snprintf(s->pop_err, sizeof s->pop_err, "%s",
			_("The date is not a real date: write it as YYYY-MM-DD."));
		s->pop_focus = 2;
		return;
	}
	if (s->f[CV_F_DUE].len && !gu_date_parse(s->f[CV_F_DUE].buf, &d)) {
		snprintf(s->pop_err, sizeof s->pop_err, "%s",
			_("The next due date is not a real date: write it as YYYY-MM-DD, or leave it empty."));
		s->pop_focus = 4;
		return;
	}
	memset(&f, 0, sizeof f);
	f.status = form_status(s);
	why = gu_ref_reasons(f.status, &n);
	f.reason = why && (size_t)s->pop_reason < n ? why[s->pop_reason].code : NULL;
	f.signed_by = s->f[CV_F_SIGNED].len ? s->f[CV_F_SIGNED].buf : NULL;
	f.date = s->f[CV_F_DATE].buf;
	f.note = s->f[CV_F_NOTE].len ? s->f[CV_F_NOTE].buf : NULL;
	f.next_due = s->f[CV_F_DUE].len ? s->f[CV_F_DUE].buf : NULL;
	gu_error_clear(&err);
	if (gu_followup_add(a->db, s->id, chosen_item(s), &f, &err) < 0) {
		pop_error(s, &err);
		return;
	}
	s->pop = CV_POP_NONE;
	gu_app_message(a, GU_R_OK, _("The follow-up is saved."));
	cv_reload(a, s);
}

/* Re-screens the case as the form says. */
static void rescreen(gu_app *a, cv_state *s)
{
	gu_policy *other = NULL;
	const gu_policy *p = a->pol;
	gu_error err;
	gu_date d;
	char buf[1200];

	if (!gu_date_parse(s->f[CV_F_DATE].buf, &d)) {
		snprintf(s->pop_err, sizeof s->pop_err, "%s",
			_("The date is not a real date: write it as YYYY-MM-DD."));
		s->pop_focus = 0;
		return;
	}
	gu_error_clear(&err);
	if (strcmp(s->f[CV_F_POLICY].buf, gu_policy_path()) != 0) {
		if (gu_policy_load_file(s->f[CV_F_POLICY].buf, &other, &err) < 0) {
			snprintf(s->pop_err, sizeof s->pop_err, "%s", gu_error_text(&err, buf, sizeof buf));
			s->pop_focus = 1;
			return;
		}
		p = other;
	}
	if (s->have_rs)
		gu_rescreen_free(&s->rs);
	s->have_rs = false;
	if (gu_rescreen_case(a->db, p, s->id, s->f[CV_F_DATE].buf, &s->rs, &err) < 0) {
		snprintf(s->pop_err, sizeof s->pop_err, "%s", gu_error_text(&err, buf, sizeof buf));
		gu_policy_free(other);
		return;
	}
	gu_policy_free(other);
	s->have_rs = true;
	s->changes_top = 0;
	s->pop = CV_POP_CHANGES;
}

/* Records the approval. */
static void approve(gu_app *a, cv_state *s)
{
	gu_error err;

	gu_error_clear(&err);
	if (gu_review_decide(a->db, s->id, GU_REVIEW_APPROVE, NULL, NULL, &err) < 0) {
		pop_error(s, &err);
		return;
	}
	s->pop = CV_POP_NONE;
	gu_app_message(a, GU_R_OK, _("The case is approved."));
	cv_reload(a, s);
}

/* Moves the focus of a form with n rows; returns true when k moved it. */
static bool focus_key(cv_state *s, const gu_key *k, int n)
{
	if (gu_key_char(k, '\t') || gu_key_fn(k, KEY_DOWN)) {
		s->pop_focus = (s->pop_focus + 1) % n;
		return true;
	}
	if (gu_key_fn(k, KEY_BTAB) || gu_key_fn(k, KEY_UP)) {
		s->pop_focus = (s->pop_focus + n - 1) % n;
		return true;
	}
	return false;
}

/* Returns the step of a chooser key: +1 for Right or Space, -1 for Left, 0
 * for any other. */
static int choice_step(const gu_key *k)
{
	if (gu_key_fn(k, KEY_RIGHT) || gu_key_char(k, ' '))
		return 1;
	return gu_key_fn(k, KEY_LEFT) ? -1 : 0;
}

/* Takes a key in the follow-up form. */
static void followup_key(gu_app *a, cv_state *s, const gu_key *k)
{
	static const int fields[6] = { -1, -1, CV_F_DATE, CV_F_NOTE, CV_F_DUE, CV_F_SIGNED };
	size_t n;
	int step;

	if (focus_key(s, k, 6))
		return;
	if (gu_key_fn(k, KEY_ENTER)) {
		if (s->pop_focus < 5)
			s->pop_focus++;
		else
			save_followup(a, s);
		return;
	}
	if (s->pop_focus <= 1) {
		step = choice_step(k);
		if (step == 0)
			return;
		s->pop_err[0] = '\0';
		if (s->pop_focus == 0) {
			s->pop_cur = (s->pop_cur + GU_REF_STATUS_COUNT + step) % GU_REF_STATUS_COUNT;
			s->pop_reason = 0;
		} else if (gu_ref_reasons(form_status(s), &n) && n > 0) {
			s->pop_reason = (s->pop_reason + (int)n + step) % (int)n;
		}
		return;
	}
	if (gu_edit_key(&s->f[fields[s->pop_focus]], k, NULL))
		s->pop_err[0] = '\0';
}

/* Takes a key in the open popup. */
void cv_popup_key(gu_app *a, cv_state *s, const gu_key *k)
{
	if (gu_key_char(k, GU_ESC)) {
		s->pop = CV_POP_NONE;
		return;
	}
	switch (s->pop) {
	case CV_POP_FOLLOWUP:
		followup_key(a, s, k);
		break;
	case CV_POP_RESCREEN:
		if (focus_key(s, k, 2))
			break;
		if (gu_key_fn(k, KEY_ENTER)) {
			if (s->pop_focus == 0)
				s->pop_focus = 1;
			else
				rescreen(a, s);
		} else if (gu_edit_key(&s->f[s->pop_focus ? CV_F_POLICY : CV_F_DATE], k, NULL)) {
			s->pop_err[0] = '\0';
		}
		break;
	case CV_POP_CHANGES:
		if (gu_key_fn(k, KEY_DOWN) || gu_key_fn(k, KEY_UP))
			s->changes_top = gu_view_move(s->changes_top, gu_key_fn(k, KEY_UP) ? -1 : 1,
				(int)s->rs.nchanges);
		else if (gu_key_fn(k, KEY_ENTER))
			s->pop = CV_POP_NONE;
		break;
	case CV_POP_APPROVE:
		if (gu_key_char(k, 'y') || gu_key_char(k, 'Y'))
			approve(a, s);
		else if (gu_key_char(k, 'n') || gu_key_char(k, 'N'))
			s->pop = CV_POP_NONE;
		break;
	case CV_POP_RETURN:
	case CV_POP_CLOSE:
	case CV_POP_REOPEN:
		cv_reason_form_key(a, s, k);
		break;
	case CV_POP_EDIT:
		if (gu_edit_key(&s->f[CV_F_NOTE], k, NULL))
			s->pop_err[0] = '\0';
		break;
	case CV_POP_VISIT:
	case CV_POP_REVISIT:
		cv_visit_key(a, s, k);
		break;
	default:
		s->pop = CV_POP_NONE;
		break;
	}
}
