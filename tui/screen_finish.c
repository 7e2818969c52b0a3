/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Finishing a case: the items marked for referral, a note, the next
 * follow-up date; then results, referrals and the status are saved. */

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "tui/app.h"
#include "tui/harness.h"
#include "tui/paint.h"
#include "tui/screen_report.h"
#include "tui/screens_util.h"

/* Set once the worker has been told how many questions are unanswered
 * and pressed Enter again to finish anyway. */
static bool unanswered_confirmed;

/* Enters the finish screen. */
void gu_finish_enter(gu_app *a)
{
	gu_date d;
	char buf[16];

	unanswered_confirmed = false;
	a->scr = GU_SCR_FINISH;
	a->fin_focus = 0;
	a->fin_err[0] = '\0';
	a->msg[0] = '\0';
	gu_edit_set(&a->note, "", 300);
	if (gu_date_parse(gu_today(), &d))
		gu_edit_set(&a->next_due, gu_date_format(gu_date_add_days(d, 30), buf), 10);
	else
		gu_edit_set(&a->next_due, "", 10);
}

/* Returns how many items are marked. */
static int marked_count(const gu_app *a)
{
	int n = 0;
	size_t i;

	for (i = 0; i < a->ses->res.n; i++)
		n += a->ses->marked[i] ? 1 : 0;
	return n;
}

/* Draws the finish screen. */
void gu_finish_draw(gu_app *a)
{
	static const char *const keys[] = {
		"Tab", N_("next field"), "Enter", N_("finish the case"), "Esc", N_("back to the results"),
	};
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y, lw;
	char line[600];
	size_t i;
	int n = marked_count(a);

	if (gu_report_form_active()) {
		gu_report_form_draw(a);
		return;
	}
	gu_frame_title(a, _("Finish the case"));
	snprintf(line, sizeof line, _("Items marked for referral: %d"), n);
	gu_put(y++, x, w, line, gu_attr(GU_R_LABEL));
	for (i = 0; i < a->ses->res.n && y < a->lay.body.y + a->lay.body.h - 9; i++) {
		const gu_item *it;

		if (!a->ses->marked[i])
			continue;
		it = gu_policy_item_by_number(a->pol, a->ses->res.v[i].item);
		snprintf(line, sizeof line, "  %2d  %s", a->ses->res.v[i].item,
			it ? gu_pick(it->name_zh, it->name_en) : "");
		gu_put(y++, x, w, line, A_NORMAL);
	}
	if (n == 0)
		gu_put(y++, x + 2, w - 2, _("(none: press Esc and Space on an item to mark it)"),
			gu_attr(GU_R_DIM));
	if (a->ses->res.nask) {
		snprintf(line, sizeof line, _("Questions that could still settle items to verify: %zu (see the results)"),
			a->ses->res.nask);
		y += gu_put_wrapped(y, x, w, 2, line, gu_attr(GU_R_VERIFY));
	}
	y++;
	lw = gu_put(y, x, w, _("Note:"), gu_attr(a->fin_focus == 0 ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&a->note, y, x + lw + 1, w - lw - 1 < 60 ? w - lw - 1 : 60, a->fin_focus == 0);
	y += 2;
	lw = gu_put(y, x, w, _("Next follow-up:"), gu_attr(a->fin_focus == 1 ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&a->next_due, y, x + lw + 1, 12, a->fin_focus == 1);
	gu_put(y, x + lw + 14, w - lw - 14, _("YYYY-MM-DD, empty for none"), gu_attr(GU_R_DIM));
	y += 2;
	if (a->fin_err[0])
		gu_put_wrapped(y, x, w, 3, a->fin_err, gu_attr(GU_R_ERROR));
	gu_scr_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Saves results, referrals and the completed status; returns 0 or -1 with
 * fin_err set.  Referrals already saved are not saved twice on a retry. */
static int finish(gu_app *a)
{
	gu_session *s = a->ses;
	gu_error err;
	gu_date d;
	size_t i;
	const char *note = a->note.len ? a->note.buf : NULL;
	const char *due = a->next_due.len ? a->next_due.buf : NULL;

	if (due && !gu_date_parse(due, &d)) {
		snprintf(a->fin_err, sizeof a->fin_err, "%s",
			_("the next follow-up is not a real date: write it as YYYY-MM-DD"));
		return -1;
	}
	/* an alert's report is recorded first: the form opens for it */
	if (gu_report_form_needed(a))
		return -1;
	/* questions left unanswered: said, and finished only on a second Enter */
	{
		size_t done = 0, total = 0;

		gu_session_progress(a, &done, &total);
		if (done < total && !unanswered_confirmed) {
			snprintf(a->fin_err, sizeof a->fin_err,
				_("Questions not answered: %zu. Press Enter again to finish anyway, or Esc to go back to them."),
				total - done);
			unanswered_confirmed = true;
			return -1;
		}
	}
	gu_error_clear(&err);
	if (gu_session_flush(a) < 0) {
		snprintf(a->fin_err, sizeof a->fin_err, "%s", s->save_err);
		return -1;
	}
	gu_session_store_progress(a);
	if (gu_case_save_results(a->db, s->id, &s->res, gu_policy_id(a->pol),
			gu_policy_version(a->pol), gu_policy_hash(a->pol), &err) < 0)
		goto failed;
	for (i = 0; i < s->res.n; i++) {
		gu_followup_new f;

		if (!s->marked[i])
			continue;
		memset(&f, 0, sizeof f);
		f.status = GU_REF_REFERRED;
		f.date = gu_today();
		f.note = note;
		f.next_due = due;
		if (gu_followup_add(a->db, s->id, s->res.v[i].item, &f, &err) < 0)
			goto failed;
		s->marked[i] = false;   /* saved: a retry must not add it again */
	}
	if (gu_case_set_status(a->db, s->id, GU_CASE_COMPLETE, note, &err) < 0)
		goto failed;
	s->status = GU_CASE_COMPLETE;
	return 0;
failed:
	snprintf(a->fin_err, sizeof a->fin_err, _("Not saved: %s. Press Enter to try again."),
		err.message[0] ? err.message : gu_code_text(err.code));
	return -1;
}

/* Accepts characters for a date line; returns true when allowed. */
static bool date_char(wint_t c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

/* Takes a key on the finish screen. */
void gu_finish_key(gu_app *a, const gu_key *k)
{
	if (gu_report_form_active()) {
		gu_report_form_key(a, k);
		return;
	}
	if (gu_key_char(k, GU_ESC)) {
		a->scr = GU_SCR_RESULT;
		return;
	}
	if (gu_key_char(k, '\t') || gu_key_fn(k, KEY_DOWN) || gu_key_fn(k, KEY_BTAB)
			|| gu_key_fn(k, KEY_UP)) {
		a->fin_focus = !a->fin_focus;
		return;
	}
	if (gu_key_fn(k, KEY_ENTER)) {
		if (finish(a) == 0) {
			gu_session_close(a);
			gu_start_enter(a);
			gu_app_message(a, GU_R_OK, _("The case is finished and saved."));
		}
		return;
	}
	a->fin_err[0] = '\0';
	if (a->fin_focus == 0)
		gu_edit_key(&a->note, k, NULL);
	else
		gu_edit_key(&a->next_due, k, date_char);
}
