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

/* The finish screen's state: the note, the next follow-up date, which of
 * them has the cursor, and why the last try did not save. */
typedef struct fin_state {
	gu_edit note, next_due;
	int focus;
	bool unanswered_confirmed; /* told how many questions are unanswered,
	                            * Enter again finishes anyway */
	char err[700];
} fin_state;

/* Enters the finish screen. */
static void enter(gu_app *a, void *st)
{
	fin_state *f = st;
	gu_date d;
	char buf[16];

	f->focus = 0;
	f->err[0] = '\0';
	f->unanswered_confirmed = false;
	a->msg[0] = '\0';
	gu_edit_set(&f->note, "", 300);
	if (gu_date_parse(gu_today(), &d))
		gu_edit_set(&f->next_due, gu_date_format(gu_date_add_days(d, 30), buf), 10);
	else
		gu_edit_set(&f->next_due, "", 10);
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

/* Saves results, referrals and the completed status; returns 0, -1 with
 * f->err set, or -2 with f->err saying which report is to be recorded
 * first.  Referrals already saved are not saved twice on a retry. */
static int finish(gu_app *a, fin_state *f)
{
	gu_session *s = a->ses;
	enum gu_report_kind kind;
	gu_error err;
	gu_date d;
	size_t i;
	const char *note = f->note.len ? f->note.buf : NULL;
	const char *due = f->next_due.len ? f->next_due.buf : NULL;

	if (due && !gu_date_parse(due, &d)) {
		snprintf(f->err, sizeof f->err, "%s",
			_("the next follow-up is not a real date: write it as YYYY-MM-DD"));
		return -1;
	}
	/* an alert's report is recorded first: the form is run for it */
	if (gu_report_missing(a, &kind, f->err, sizeof f->err))
		return -2;
	/* questions left unanswered: said, and finished only on a second Enter */
	{
		size_t open = gu_session_unanswered(a);

		if (open > 0 && !f->unanswered_confirmed) {
			snprintf(f->err, sizeof f->err,
				_("Questions not answered: %zu. Press Enter again to finish anyway, or Esc to go back to them."),
				open);
			f->unanswered_confirmed = true;
			return -1;
		}
	}
	gu_error_clear(&err);
	if (gu_session_flush(a) < 0) {
		snprintf(f->err, sizeof f->err, "%s", s->save_err);
		return -1;
	}
	gu_session_store_progress(a);
	if (gu_case_save_results(a->db, s->id, &s->res, gu_policy_id(a->pol),
			gu_policy_version(a->pol), gu_policy_hash(a->pol), &err) < 0)
		goto failed;
	for (i = 0; i < s->res.n; i++) {
		gu_followup_new ref;

		if (!s->marked[i])
			continue;
		memset(&ref, 0, sizeof ref);
		ref.status = GU_REF_REFERRED;
		ref.date = gu_today();
		ref.note = note;
		ref.next_due = due;
		/* an item referred before (a case finished again) keeps its referral */
		if (gu_followup_add(a->db, s->id, s->res.v[i].item, &ref, &err) < 0
		    && err.code != GU_EEXIST)
			goto failed;
		s->marked[i] = false;   /* saved: a retry must not add it again */
	}
	if (gu_case_set_status(a->db, s->id, GU_CASE_COMPLETE, note, &err) < 0)
		goto failed;
	s->status = GU_CASE_COMPLETE;
	return 0;
failed:
	snprintf(f->err, sizeof f->err, _("Not saved: %s. Press Enter to try again."),
		err.message[0] ? err.message : gu_code_text(err.code));
	return -1;
}

/* Accepts characters for a date line; returns true when allowed. */
static bool date_char(wint_t c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

/* Goes back to the results; returns GU_SCREEN_BACK. */
static int key_back(gu_app *a, void *st)
{
	(void)a;
	(void)st;
	return GU_SCREEN_BACK;
}

/* Moves to the other field; returns GU_SCREEN_STAY. */
static int key_field(gu_app *a, void *st)
{
	fin_state *f = st;

	(void)a;
	f->focus = !f->focus;
	return GU_SCREEN_STAY;
}

/* Runs the report form for the report the case lacks; returns the form's
 * gu_screen_ret when it quits or jumps, else GU_SCREEN_STAY. */
static int record_report(gu_app *a, fin_state *f)
{
	enum gu_report_kind kind;
	bool recorded = false;
	int r;

	if (!gu_report_missing(a, &kind, f->err, sizeof f->err))
		return GU_SCREEN_STAY;
	r = gu_screen_report_form(a, kind, f->err, &recorded);
	if (recorded)
		f->err[0] = '\0';
	return r == GU_SCREEN_BACK ? GU_SCREEN_STAY : r;
}

/* Saves the case as finished and shows the start screen; returns
 * GU_SCREEN_JUMP, GU_SCREEN_STAY when it could not be saved (or a report
 * is recorded first), or the report form's gu_screen_ret. */
static int key_finish(gu_app *a, void *st)
{
	int r = finish(a, st);

	if (r == -2)
		return record_report(a, st);
	if (r < 0)
		return GU_SCREEN_STAY;
	gu_session_close(a);
	gu_flow_go(a, GU_SCR_START);
	gu_app_message(a, GU_R_OK, _("The case is finished and saved."));
	return GU_SCREEN_JUMP;
}

/* The finish screen's keys: they run it, name themselves in the key bar
 * and make its F1 help; every other key edits the field. */
static const gu_scr_key keys[] = {
	{ '\t', 0, key_field, "Tab", N_("next field"), false },
	{ 0, KEY_DOWN, key_field, NULL, NULL, false },
	{ 0, KEY_BTAB, key_field, NULL, NULL, false },
	{ 0, KEY_UP, key_field, NULL, NULL, false },
	{ 0, KEY_ENTER, key_finish, "Enter", N_("finish the case"), false },
	{ GU_ESC, 0, key_back, "Esc", N_("back to the results"), false },
};

/* Draws the finish screen. */
static void draw(gu_app *a, void *st)
{
	fin_state *f = st;
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y, lw;
	char line[600];
	size_t i;
	int n = marked_count(a);

	gu_frame_title(a, _("Finish the case"));
	snprintf(line, sizeof line, _("Items marked for referral: %d"), n);
	gu_put(y++, x, w, line, gu_attr(GU_R_LABEL));
	for (i = 0; i < a->ses->res.n && y < a->lay.body.y + a->lay.body.h - 9; i++) {
		const gu_item *it;

		if (!a->ses->marked[i])
			continue;
		it = gu_policy_item_by_number(a->pol, a->ses->res.v[i].item);
		snprintf(line, sizeof line, "  %2d  %s", a->ses->res.v[i].item,
			gu_item_name(it));
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
	lw = gu_put(y, x, w, _("Note:"), gu_attr(f->focus == 0 ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&f->note, y, x + lw + 1, w - lw - 1 < 60 ? w - lw - 1 : 60, f->focus == 0);
	y += 2;
	lw = gu_put(y, x, w, _("Next follow-up:"), gu_attr(f->focus == 1 ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&f->next_due, y, x + lw + 1, 12, f->focus == 1);
	gu_put(y, x + lw + 14, w - lw - 14, _("YYYY-MM-DD, empty for none"), gu_attr(GU_R_DIM));
	y += 2;
	if (f->err[0])
		gu_put_wrapped(y, x, w, 3, f->err, gu_attr(GU_R_ERROR));
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Takes a key on the finish screen: a key of the table, else an edit of
 * the field; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	fin_state *f = st;
	int r;

	if (gu_scr_keys_take(a, st, keys, sizeof keys / sizeof keys[0], k, &r))
		return r;
	f->err[0] = '\0';
	if (f->focus == 0)
		gu_edit_key(&f->note, k, NULL);
	else
		gu_edit_key(&f->next_due, k, date_char);
	return GU_SCREEN_STAY;
}

/* The finish screen. */
static const gu_screen screen = { enter, draw, key, NULL, keys, sizeof keys / sizeof keys[0] };

/* Runs the finish screen; returns a gu_screen_ret. */
int gu_screen_finish(gu_app *a)
{
	fin_state f;

	memset(&f, 0, sizeof f);
	return gu_screen_run(a, &screen, &f);
}
