/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The interview screen: one question at a time with its widget, the
 * progress line, help, jumping between sections, and leaving. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/idcard.h"
#include "core/keys.h"
#include "core/plan.h"
#include "core/region.h"
#include "core/text.h"
#include "db/auth.h"
#include "db/id_rule.h"
#include "db/prefill.h"
#include "tui/answer_checks.h"
#include "tui/interview.h"
#include "tui/config_files.h"
#include "tui/family.h"
#include "tui/harness.h"
#include "tui/listview.h"
#include "tui/options.h"
#include "tui/paint.h"
#include "tui/screen_report.h"
#include "tui/screens_util.h"

/* The interview screen's state while the program runs. */
static gu_interview interview;

/* Returns the interview date answered, else today. */
static const char *interview_date(const gu_app *a)
{
	const char *d = gu_answers_get(&a->ses->ans, GU_KEY_INTERVIEW_DATE);
	gu_date tmp;

	return d && gu_date_parse(d, &tmp) ? d : gu_today();
}

/* Copies into buf the value the configuration gives for key (setting
 * set), else the one last given to key on this laptop; returns buf, or
 * NULL when there is none. */
static const char *from_config_or_last(gu_app *a, const char *key, enum gu_setting set,
	char *buf, size_t size)
{
	const char *v = gu_config()->value[set];

	if (v && *v) {
		snprintf(buf, size, "%s", v);
		return buf;
	}
	if (a->db && gu_prefill_last(a->db, key, a->ses->id, buf, size, NULL) == 1)
		return buf;
	return NULL;
}

/* Copies into buf what the valid ID number answered gives for key (the
 * birth date or the sex); returns buf, or NULL. */
static const char *from_id(const gu_app *a, const char *key, char *buf, size_t size)
{
	return gu_plan_id_fact(&a->ses->ans, key, buf, size);
}

/* Returns true when key is the birth date or the sex and its answer is
 * what the valid ID number gives: the step is not asked again (F4 on the
 * ID number edits it). */
static bool given_by_id(const gu_app *a, const char *key)
{
	return gu_plan_given_by_id(&a->ses->ans, key);
}

/* Returns a value to offer for an unanswered question, worked out from
 * answers already given (today for the interview date; birth date, sex and
 * registration from the ID number; the county of residence from the
 * hukou county, the school's from that of residence, else the hukou's)
 * or from the configuration or the last interview on this laptop
 * (township, interviewer), or NULL.  It is saved only once the worker
 * confirms it. */
static const char *suggestion(gu_app *a, const char *key, char *buf, size_t size)
{
	const char *idn = gu_answers_get(&a->ses->ans, GU_KEY_CHILD_ID);
	const char *hukou = gu_answers_get(&a->ses->ans, GU_KEY_CHILD_HUKOU_COUNTY);
	const char *residence = gu_answers_get(&a->ses->ans, GU_KEY_CHILD_RESIDENCE_COUNTY);
	gu_idcard id;

	if (strcmp(key, GU_KEY_INTERVIEW_DATE) == 0) {
		snprintf(buf, size, "%s", gu_today());
		return buf;
	}
	if (strcmp(key, GU_KEY_CONSENT_DATE) == 0) {
		snprintf(buf, size, "%s", interview_date(a));
		return buf;
	}
	/* the interviewer's own name (her settings: a user name is an account,
	 * not a name to print on a referral sheet), else the last one given */
	if (strcmp(key, GU_KEY_INTERVIEW_WORKER) == 0)
		return from_config_or_last(a, key, GU_SET_INTERVIEWER, buf, size);
	if (strcmp(key, GU_KEY_INTERVIEW_TOWNSHIP) == 0)
		return from_config_or_last(a, key, GU_SET_TOWNSHIP, buf, size);
	/* a child goes to school where the family lives: the county of
	 * residence first (a floating child's is not the hukou's) */
	if (strcmp(key, GU_KEY_CHILD_SCHOOL_COUNTY) == 0 && residence && gu_region_county(residence)) {
		snprintf(buf, size, "%s", residence);
		return buf;
	}
	if ((strcmp(key, GU_KEY_CHILD_RESIDENCE_COUNTY) == 0
	     || strcmp(key, GU_KEY_CHILD_SCHOOL_COUNTY) == 0)
	    && hukou && gu_region_county(hukou)) {
		snprintf(buf, size, "%s", hukou);
		return buf;
	}
	if (from_id(a, key, buf, size))
		return buf;
	if (strcmp(key, GU_KEY_CHILD_HUKOU_COUNTY) == 0 && idn
	    && gu_idcard_parse(idn, &id) == GU_ID_OK && gu_region_county(id.region)) {
		snprintf(buf, size, "%s", id.region);
		return buf;
	}
	return NULL;
}

/* Applies the rule for whole ID numbers (db/id_rule.h) to the saved number
 * in the field: hidden from a session that may not see it, else shown and
 * recorded in the audit log. */
static void show_saved_id(gu_app *a, gu_interview *iv)
{
	gu_error err;
	bool may = false;

	if (!a->db || gu_id_may_reveal(a->db, &may, &err) < 0 || !may
	    || gu_id_reveal(a->db, a->ses->id, "edit", &err) < 0)
		gu_field_hide_saved_id(&iv->field);
}

/* Sets the field up for the step on screen. */
static void setup_field(gu_app *a, gu_interview *iv)
{
	gu_session *s = a->ses;
	const gu_istep *st = &s->steps[s->pos];
	const char *value;
	char buf[64];
	bool saved;

	iv->field_ready = true;
	iv->edited = false;
	iv->pass_unsaved = false;
	if (!st->q)
		return;
	value = gu_answers_get(&s->ans, st->key);
	saved = value != NULL;
	if (!value)
		value = suggestion(a, st->key, buf, sizeof buf);
	gu_field_init(&iv->field, a->pol, st->q, st->key, value, interview_date(a));
	if (saved && st->q->type == GU_Q_IDNUMBER)
		show_saved_id(a, iv);
}

/* Shows step pos and remembers it. */
void gu_interview_goto(gu_app *a, gu_interview *iv, size_t pos)
{
	gu_session *s = a->ses;

	if (s->nsteps == 0)
		return;
	if (pos >= s->nsteps)
		pos = s->nsteps - 1;
	s->pos = pos;
	iv->field_ready = false;
	iv->pop = GU_POP_NONE;
	iv->next_after_pop = false;
	/* a member's question is always asked within that member's run, also
	 * when reached by resuming, jumping or from the results */
	iv->member_focus = strncmp(s->steps[pos].key, "member.", 7) == 0
		? atoi(s->steps[pos].key + 7) : 0;
	if (!s->steps[pos].q) {
		/* the roster: on "add" when nobody is there yet, else on "go on" */
		int nums[GU_MAX_MEMBERS];
		size_t n = gu_roster_members(a, nums, GU_MAX_MEMBERS);

		iv->roster_cur = n ? (int)n + 1 : 0;
	}
	gu_harness_where(s->steps[pos].key);
	gu_session_remember(a);
}

/* Enters the interview at the session's step. */
static void enter(gu_app *a, void *st)
{
	gu_interview *iv = st;

	iv->pop = GU_POP_NONE;
	a->msg[0] = '\0';
	gu_interview_goto(a, iv, a->ses->pos);
}

/* Leaves the interview: no question is on screen any more. */
static void leave(gu_app *a, void *st)
{
	(void)a;
	(void)st;
	gu_harness_where("");
}

/* Enters the interview for one question asked from the results. */
void gu_interview_from_results(gu_app *a)
{
	gu_flow_go(a, GU_SCR_INTERVIEW);
	interview.back_to_result = true;
}

/* Returns the section index of step i (the roster takes the next one's). */
static size_t step_section(const gu_session *s, size_t i)
{
	size_t j;

	for (j = i; j < s->nsteps; j++)
		if (s->steps[j].q)
			return s->steps[j].q->section;
	for (j = i; j-- > 0;)
		if (s->steps[j].q)
			return s->steps[j].q->section;
	return 0;
}

/* Lists the sections that have steps, in order; returns how many. */
static size_t sections_present(const gu_session *s, size_t *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < s->nsteps; i++) {
		size_t sec = step_section(s, i);

		if (n == 0 || out[n - 1] != sec) {
			size_t k;
			bool seen = false;

			for (k = 0; k < n; k++)
				seen = seen || out[k] == sec;
			if (!seen && n < max)
				out[n++] = sec;
		}
	}
	return n;
}

/* Draws the progress line: the part, how many questions are answered and
 * about how many are left of those that apply now (a count that shrinks
 * as answers rule questions out, where "question 3 of 81" jumped). */
static void draw_progress(gu_app *a)
{
	gu_session *s = a->ses;
	size_t secs[64], nsec = sections_present(s, secs, 64), k, here = 0;
	size_t sec = step_section(s, s->pos), i, done, total;
	const gu_section *sp = gu_policy_section(a->pol, sec);
	char line[400], part[400];
	const gu_rect *r = &a->lay.status;
	int right;

	for (k = 0; k < nsec; k++)
		if (secs[k] == sec)
			here = k + 1;
	gu_session_progress(a, &done, &total);
	gu_fill(r->y, r->x, r->w, A_NORMAL);
	snprintf(part, sizeof part, _("Part %zu of %zu: %s"), here, nsec,
		sp ? gu_pick(sp->title_zh, sp->title_en) : "");
	snprintf(line, sizeof line, _("%zu answered, about %zu left"), done, total - done);
	/* on a narrow screen the part's name comes first: the count is
	 * shortened (the bar below shows how much is answered) */
	if (gu_text_width(part) + 3 + gu_text_width(line) > r->w - 2)
		/* TRANSLATORS: the short form of "12 answered, about 40 left" */
		snprintf(line, sizeof line, _("%zu done, ~%zu left"), done, total - done);
	right = gu_put_right(r->y, r->x + 1, r->w - 2, line, gu_attr(GU_R_DIM));
	gu_put(r->y, r->x + 1, right - r->x - 3, part, gu_attr(GU_R_LABEL));
	/* a bar of how much is answered, under the line */
	if (total > 0) {
		int w = r->w - 2, fill = (int)((size_t)w * done / total);

		gu_fill(r->y + 1, r->x + 1, w, gu_attr(GU_R_DIM));
		for (i = 0; i < (size_t)w; i++)
			mvaddch(r->y + 1, r->x + 1 + (int)i, (i < (size_t)fill ? '=' : '.') | gu_attr(GU_R_DIM));
	}
}

/* Fills para with what F1 says of question q beyond its label: the help,
 * then what to ask, what counts and where to check, each a paragraph;
 * returns how many. */
static size_t help_paragraphs(const gu_question *q, char para[][1200], size_t max)
{
	const char *help = q ? gu_pick(q->help_zh, q->help_en) : NULL, *t;
	size_t n = 0;

	if (!q || max < 4)
		return 0;
	if (help && *help)
		snprintf(para[n++], sizeof para[0], "%s", help);
	if ((t = gu_pick(q->ask_zh, q->ask_en)) && *t)
		snprintf(para[n++], sizeof para[0], _("Ask: %s"), t);
	if ((t = gu_pick(q->counts_zh, q->counts_en)) && *t)
		snprintf(para[n++], sizeof para[0], _("What counts: %s"), t);
	if ((t = gu_pick(q->proof_zh, q->proof_en)) && *t)
		snprintf(para[n++], sizeof para[0], _("Where to check: %s"), t);
	return n;
}

/* Draws the help popup: the question's help, what to ask, what counts
 * and where to check, and the keys; when they cannot all be shown, the
 * keys are a second page that F1 turns to. */
static void draw_help(gu_app *a, gu_interview *iv)
{
	const gu_question *q = a->ses->steps[a->ses->pos].q;
	char label[300], para[4][1200];
	const char *keys_help = _("Enter confirms the answer and goes on; PgUp goes back, PgDn forward. "
		  "F2 answers \"not known\". F3 jumps to another part, F10 shows the "
		  "results, Esc or Ctrl-C leaves (after asking; the draft is kept). Ctrl-R retries a failed save. "
		  "In a text: typing replaces the text shown selected; Left, Right, Home, End move; "
		  "Backspace and Delete remove; Ctrl-U clears it. On the ID number, F4 changes the birth date or sex.");
	const char *more = _("F1 again: all keys");
	int w = a->lay.text_w - 4, want, y, keys_y, room = a->lay.lines - 2;
	size_t np = help_paragraphs(q, para, 4), i;
	bool cut;

	if (np == 0) {
		snprintf(para[0], sizeof para[0], "%s", _("There is no further help for this question."));
		np = 1;
	}
	label[0] = '\0';
	if (q)
		gu_key_label(a, a->ses->steps[a->ses->pos].key, label, sizeof label);
	want = 2 + (q ? gu_wrapped_rows(label, w) + 1 : 0);
	for (i = 0; i < np; i++)
		want += gu_wrapped_rows(para[i], w);
	cut = want + 1 + gu_wrapped_rows(keys_help, w) > room;
	if (iv->help_keys) {
		np = 0;
		want = 1 + (q ? gu_wrapped_rows(label, w) + 1 : 0);
	}
	if (cut && !iv->help_keys)
		keys_help = more;
	want += 1 + gu_wrapped_rows(keys_help, w);
	gu_rect r = gu_layout_popup(&a->lay, want < room ? want : room, a->lay.text_w);

	y = r.y + 1;
	gu_box(r, _("Help"));
	if (q) {
		y += gu_put_wrapped(y, r.x + 2, r.w - 4, 3, label, gu_attr(GU_R_LABEL));
		y++;
	}
	/* the keys keep their rows at the bottom; what the question needs
	 * takes the rows above them */
	keys_y = r.y + r.h - 1 - gu_wrapped_rows(keys_help, r.w - 4);
	for (i = 0; i < np && y < keys_y - 1; i++)
		y += gu_put_wrapped(y, r.x + 2, r.w - 4, keys_y - 1 - y, para[i], A_NORMAL);
	gu_put_wrapped(keys_y, r.x + 2, r.w - 4, r.y + r.h - 1 - keys_y, keys_help, gu_attr(GU_R_DIM));
}

/* Draws the section list popup. */
static void draw_sections(gu_app *a, gu_interview *iv)
{
	size_t secs[64], n = sections_present(a->ses, secs, 64), i;
	gu_rect r = gu_layout_popup(&a->lay, (int)n + 2, 50);

	gu_box(r, _("Go to part"));
	for (i = 0; i < n && (int)i < r.h - 2; i++) {
		const gu_section *sp = gu_policy_section(a->pol, secs[i]);
		char line[200];

		snprintf(line, sizeof line, "%2zu  %s", i + 1, sp ? gu_pick(sp->title_zh, sp->title_en) : "");
		gu_put_line(r.y + 1 + (int)i, r.x + 2, r.w - 4, line,
			(int)i == iv->pop_cur ? gu_attr(GU_R_CURSOR) : A_NORMAL);
	}
}

static bool changed_on_screen(gu_app *a, const gu_interview *iv);

/* Draws the leave popup: an answer changed on screen and not saved is
 * offered to be saved (s) or left (y). */
static void draw_leave(gu_app *a, const gu_interview *iv)
{
	bool changed = changed_on_screen(a, iv);
	gu_rect r = gu_layout_popup(&a->lay, changed ? 10 : 9, 56);
	int y = r.y + 2;

	gu_box(r, _("Leave the interview?"));
	y += gu_put_wrapped(y, r.x + 2, r.w - 4, 2, !a->ses->id[0]
		? _("Nothing is answered yet: no draft is kept.")
		: a->ses->status == GU_CASE_DRAFT
		? _("The draft is kept: resume it from the start screen.")
		: _("Every saved answer is kept; the case keeps its status."), A_NORMAL);
	if (a->ses->npending && a->ses->save_final)
		y += gu_put_wrapped(y, r.x + 2, r.w - 4, 2,
			_("Some answers are NOT saved and cannot be now: note them, leave, and give them again after starting guanai again."),
			gu_attr(GU_R_ERROR));
	else if (a->ses->npending)
		y += gu_put_wrapped(y, r.x + 2, r.w - 4, 2,
			_("Some answers are NOT saved yet and would be lost: press Ctrl-R to retry first."),
			gu_attr(GU_R_ERROR));
	if (changed) {
		y += gu_put_wrapped(y, r.x + 2, r.w - 4, 1,
			_("The answer on screen is not saved yet."), gu_attr(GU_R_ERROR));
		gu_put(r.y + r.h - 2, r.x + 2, r.w - 4, _("s save it and leave    y leave without it    n stay"),
			gu_attr(GU_R_LABEL));
	} else {
		gu_put(r.y + r.h - 2, r.x + 2, r.w - 4, _("y leave    n stay"), gu_attr(GU_R_LABEL));
	}
	(void)y;
}

/* Returns true when the step on screen is the roster. */
static bool st_is_roster(const gu_app *a)
{
	return a->ses->steps[a->ses->pos].q == NULL;
}

/* Returns true when key is one of the facts an ID number gives. */
static bool is_id_fact(const char *key)
{
	return strcmp(key, GU_KEY_CHILD_DOB) == 0 || strcmp(key, GU_KEY_CHILD_SEX) == 0;
}

/* Returns true when moving on or back passes step i by: it is what the ID
 * number gives and the step on screen is not one of those facts (F4 on the
 * ID number shows both). */
static bool skipped_by_id(gu_app *a, size_t i)
{
	const gu_session *s = a->ses;

	return s->steps[i].q && given_by_id(a, s->steps[i].key)
		&& !is_id_fact(s->steps[s->pos].key);
}

/* Goes to the step after the current one, or to the results after the
 * last. */
static void go_next(gu_app *a, gu_interview *iv)
{
	gu_session *s = a->ses;
	size_t next;

	if (iv->back_to_result) {
		/* one question asked from the results: back to them */
		iv->back_to_result = false;
		gu_flow_go(a, GU_SCR_RESULT);
		return;
	}
	if (iv->member_focus) {
		size_t run[256], n = gu_roster_run(a, iv->member_focus, run, 256), i;

		for (i = 0; i + 1 < n; i++)
			if (run[i] == s->pos) {
				gu_interview_goto(a, iv, run[i + 1]);
				return;
			}
		/* the member's questions are done: back to the roster */
		iv->member_focus = 0;
		i = gu_session_find(s, GU_ROSTER_KEY);
		if (i < s->nsteps) {
			gu_interview_goto(a, iv, i);
			return;
		}
	}
	next = s->pos + 1;
	/* the members' questions are asked from the roster; what the ID
	 * number gives, only when asked for (F4) */
	while (next < s->nsteps && (strncmp(s->steps[next].key, "member.", 7) == 0
			|| skipped_by_id(a, next)))
		next++;
	if (next >= s->nsteps) {
		gu_flow_go(a, GU_SCR_RESULT);
		return;
	}
	gu_interview_goto(a, iv, next);
}

/* Goes to the step before the current one (members' questions only within
 * a member's run). */
static void go_back(gu_app *a, gu_interview *iv)
{
	gu_session *s = a->ses;
	size_t prev = s->pos;

	if (iv->member_focus) {
		/* within a member's run: its step before, else the roster */
		size_t run[256], n = gu_roster_run(a, iv->member_focus, run, 256), i;

		for (i = 1; i < n; i++)
			if (run[i] == s->pos) {
				gu_interview_goto(a, iv, run[i - 1]);
				return;
			}
		i = gu_session_find(s, GU_ROSTER_KEY);
		if (i < s->nsteps) {
			gu_interview_goto(a, iv, i);
			return;
		}
	}
	while (prev > 0) {
		prev--;
		if (strncmp(s->steps[prev].key, "member.", 7) != 0 && !skipped_by_id(a, prev))
			break;
	}
	if (prev != s->pos && strncmp(s->steps[prev].key, "member.", 7) != 0)
		gu_interview_goto(a, iv, prev);
}

/* The facts an ID number gives, in the order they are asked. */
static const char *const id_facts[2] = { GU_KEY_CHILD_DOB, GU_KEY_CHILD_SEX };

/* Marks in follow which of the ID number's facts follow a new number:
 * those not answered and those that are what the number before gave (not
 * a value the worker typed); returns true when any does. */
static bool id_facts_to_follow(const gu_app *a, bool follow[2])
{
	bool any = false;

	for (size_t i = 0; i < 2; i++) {
		follow[i] = !gu_answers_get(&a->ses->ans, id_facts[i]) || given_by_id(a, id_facts[i]);
		any = any || follow[i];
	}
	return any;
}

/* Saves what the (new) ID number gives into the facts marked in follow;
 * returns 0, or < 0 when a save failed (the session says why). */
static int set_id_facts(gu_app *a, const bool follow[2])
{
	char buf[32];

	for (size_t i = 0; i < 2; i++)
		if (follow[i] && from_id(a, id_facts[i], buf, sizeof buf)
		    && gu_session_set(a, id_facts[i], buf) < 0)
			return -1;
	return 0;
}

/* Checks and saves the field's answer (its key into key); returns true
 * when it is saved, false when it is refused (the field says why) or not
 * saved (the session says why, and keeps it to try again). */
static bool save_field(gu_app *a, gu_interview *iv, char *key, size_t key_size)
{
	gu_session *s = a->ses;
	char value[700], label[400], m[600];
	gu_error err;
	size_t at;
	bool saved, follow = false, follow_v[2];

	if (gu_field_value(&iv->field, value, sizeof value) < 0)
		return false;
	gu_error_clear(&err);
	if (gu_policy_check_value(a->pol, iv->field.key, value, &err) < 0) {
		snprintf(iv->field.err, sizeof iv->field.err, "%s",
			err.message[0] ? err.message : gu_code_text(err.code));
		return false;
	}
	if (gu_answer_checks(a, iv->field.key, value, iv->field.err, sizeof iv->field.err) < 0)
		return false;
	snprintf(key, key_size, "%s", iv->field.key);
	gu_report_alerts_note(a);
	gu_stale_note(a);
	if (strcmp(key, GU_KEY_CHILD_ID) == 0)
		follow = id_facts_to_follow(a, follow_v);
	saved = gu_session_set(a, key, value) == 0;
	if (saved && follow)
		saved = set_id_facts(a, follow_v) == 0;
	if (saved) {
		gu_key_label(a, key, label, sizeof label);
		snprintf(m, sizeof m, _("Saved: %s"), label);
		gu_app_message(a, GU_R_OK, m);
		gu_stale_tell(a);
	}
	/* confirmed with Enter: a copied answer is the worker's own now */
	if (saved)
		saved = gu_family_confirmed(a, key, value) == 0;
	if (gu_session_rebuild(a) < 0)
		return false;
	at = gu_session_find(s, key);
	s->pos = at < s->nsteps ? at : s->pos;
	return saved;
}

/* Checks and saves the field's answer, then goes on. */
static void confirm(gu_app *a, gu_interview *iv)
{
	char key[64];
	bool saved = save_field(a, iv, key, sizeof key);

	/* A failed save keeps the answer on screen (and in memory): Enter or
	 * Ctrl-R tries again.  An answer that raises 强制报告 or 控辍保学 is
	 * acknowledged at once, over its question (also the last one), and
	 * the interview goes on after; one that names a child who has a case
	 * already says so over the next question. */
	if (saved && gu_report_alert_raised(a)) {
		iv->pop = GU_POP_REPORT;
		iv->next_after_pop = true;
		return;
	}
	/* living with grandparents or other relatives: add them as members? */
	if (saved && gu_relatives_check(a, iv, key)) {
		iv->pop = GU_POP_RELATIVES;
		iv->next_after_pop = true;
		return;
	}
	if (saved)
		go_next(a, iv);
	if (saved && a->scr == GU_SCR_INTERVIEW && gu_same_child_check(a, iv, key))
		iv->pop = GU_POP_SAME_CHILD;
}

/* Returns true when the question on screen holds an answer the worker
 * changed and did not confirm: a choice marked, text typed, that differs
 * from the saved answer (a suggestion left as offered is not one). */
static bool changed_on_screen(gu_app *a, const gu_interview *iv)
{
	gu_field f;
	char value[700];
	const char *saved;

	if (!iv->field_ready || !iv->edited || st_is_roster(a))
		return false;
	f = iv->field;
	if (gu_field_value(&f, value, sizeof value) < 0)
		return f.ed.len > 0;       /* typed, not yet an answer */
	saved = gu_answers_get(&a->ses->ans, iv->field.key);
	/* nothing ticked on a question not answered is no answer yet */
	if (!saved)
		return value[0] != '\0';
	return strcmp(saved, value) != 0;
}

/* Before a key leaves the question (back, next, a part, the results):
 * saves the answer the worker changed on screen, as Enter would.  Returns
 * true when the key may leave: nothing changed, it is saved, or a leaving
 * key comes again after the answer was refused (then it is left unsaved);
 * false when it stays, the refusal shown on the field and the message
 * line, or the alert the answer raised shown first. */
static bool keep_changed(gu_app *a, gu_interview *iv)
{
	char key[64];

	if (!changed_on_screen(a, iv))
		return true;
	if (iv->pass_unsaved)
		return true;
	if (!save_field(a, iv, key, sizeof key)) {
		iv->pass_unsaved = true;
		gu_app_message(a, GU_R_ERROR,
			_("The answer on screen is not saved: mend it and press Enter, or press the key again to leave it unsaved."));
		return false;
	}
	iv->edited = false;
	if (gu_report_alert_raised(a)) {
		/* acknowledged first, on its question; the key again then leaves */
		iv->pop = GU_POP_REPORT;
		iv->next_after_pop = false;
		return false;
	}
	return true;
}

/* Returns true when step i is a household member's question (asked
 * from the roster, as a run per member). */
static bool is_member_step(const gu_session *s, size_t i)
{
	return strncmp(s->steps[i].key, "member.", 7) == 0;
}

/* Jumps to section number idx (0-based among those present): to the
 * roster when the section holds it or holds only members' questions (the
 * members still missing answers are marked there), else to the section's
 * first open question that is not a member's, else to its first one. */
static void jump_section(gu_app *a, gu_interview *iv, int idx)
{
	gu_session *s = a->ses;
	size_t secs[64], n = sections_present(s, secs, 64), i, first = s->nsteps;
	size_t roster = gu_session_find(s, GU_ROSTER_KEY);
	bool members_only = true;

	if (idx < 0 || (size_t)idx >= n || !keep_changed(a, iv))
		return;
	iv->member_focus = 0;
	for (i = 0; i < s->nsteps; i++) {
		if (step_section(s, i) != secs[idx] || is_member_step(s, i))
			continue;
		if (!s->steps[i].q) {
			first = i;      /* the roster */
			break;
		}
		members_only = false;
		if (first == s->nsteps)
			first = i;
		if (!gu_answers_get(&s->ans, s->steps[i].key)) {
			first = i;
			break;
		}
	}
	if (first == s->nsteps && members_only && roster < s->nsteps)
		first = roster;
	if (first < s->nsteps)
		gu_interview_goto(a, iv, first);
}

/* Leaves the interview for the start screen, saying what is kept. */
static void leave_now(gu_app *a)
{
	bool draft = a->ses->status == GU_CASE_DRAFT, stored = a->ses->id[0] != '\0';

	gu_session_close(a);
	gu_flow_go(a, GU_SCR_START);
	gu_app_message(a, GU_R_OK, !stored ? _("Nothing was answered: no draft is kept.")
		: draft ? _("The draft is kept.") : _("Every saved answer is kept."));
}

/* Takes a key while a popup is open. */
static void popup_key(gu_app *a, gu_interview *iv, const gu_key *k)
{
	size_t secs[64], n;

	switch (iv->pop) {
	case GU_POP_HELP:
		/* F1 again turns to the keys (all of them, when they did not fit
		 * beside the help); any other key closes the help */
		if (gu_key_fn(k, KEY_F(1)) && !iv->help_keys)
			iv->help_keys = true;
		else
			iv->pop = GU_POP_NONE;
		break;
	case GU_POP_REPORT:
		if (gu_report_box_key(a, k)) {
			iv->pop = GU_POP_NONE;
			if (iv->next_after_pop && a->scr == GU_SCR_INTERVIEW) {
				iv->next_after_pop = false;
				go_next(a, iv);
			}
		}
		break;
	case GU_POP_SAME_CHILD:
		if (gu_same_child_key(a, iv, k))
			iv->pop = GU_POP_NONE;
		break;
	case GU_POP_RELATIVES:
		if (gu_relatives_key(a, iv, k)) {
			iv->pop = GU_POP_NONE;
			iv->next_after_pop = false;
			go_next(a, iv);
		}
		break;
	case GU_POP_SECTIONS:
		n = sections_present(a->ses, secs, 64);
		if (gu_key_fn(k, KEY_UP) || gu_key_fn(k, KEY_DOWN))
			iv->pop_cur = gu_view_move(iv->pop_cur, gu_key_fn(k, KEY_UP) ? -1 : 1, (int)n);
		else if (gu_key_digit(k) && (size_t)gu_key_digit(k) <= n)
			jump_section(a, iv, gu_key_digit(k) - 1);
		else if (gu_key_fn(k, KEY_ENTER))
			jump_section(a, iv, iv->pop_cur);
		else if (gu_key_char(k, GU_ESC) || gu_key_fn(k, KEY_F(3)))
			iv->pop = GU_POP_NONE;
		if (gu_key_digit(k) || gu_key_fn(k, KEY_ENTER))
			iv->pop = GU_POP_NONE;
		break;
	case GU_POP_LEAVE:
		if ((gu_key_char(k, 's') || gu_key_char(k, 'S')) && changed_on_screen(a, iv)) {
			char key[64];

			/* refused: stays on the question, saying why; an alert it
			 * raises is acknowledged first */
			iv->pop = GU_POP_NONE;
			if (!save_field(a, iv, key, sizeof key))
				gu_app_message(a, GU_R_ERROR, _("The answer on screen is not saved: mend it and press Enter."));
			else if (gu_report_alert_raised(a))
				iv->pop = GU_POP_REPORT;
			else
				leave_now(a);
		} else if (gu_key_char(k, 'y') || gu_key_char(k, 'Y')) {
			leave_now(a);
		} else if (gu_key_char(k, 18)) {
			gu_session_flush(a);
		} else if (gu_key_char(k, 'n') || gu_key_char(k, 'N') || gu_key_char(k, GU_ESC)) {
			iv->pop = GU_POP_NONE;
		}
		break;
	default:
		gu_roster_popup_key(a, iv, k);
		break;
	}
}

/* Leaves, after asking; returns GU_SCREEN_STAY. */
static int key_leave(gu_app *a, void *st)
{
	gu_interview *iv = st;

	(void)a;
	iv->pop = GU_POP_LEAVE;
	return GU_SCREEN_STAY;
}

/* Shows the question's help with the keys; returns GU_SCREEN_STAY. */
static int key_help(gu_app *a, void *st)
{
	gu_interview *iv = st;

	(void)a;
	iv->pop = GU_POP_HELP;
	iv->help_keys = false;
	return GU_SCREEN_STAY;
}

/* Shows the parts to jump to, the part on screen chosen; returns
 * GU_SCREEN_STAY. */
static int key_parts(gu_app *a, void *st)
{
	gu_interview *iv = st;
	gu_session *s = a->ses;
	size_t secs[64], n = sections_present(s, secs, 64), i, here = step_section(s, s->pos);

	iv->pop = GU_POP_SECTIONS;
	iv->pop_cur = 0;
	for (i = 0; i < n; i++)
		if (secs[i] == here)
			iv->pop_cur = (int)i;
	return GU_SCREEN_STAY;
}

/* Shows the results; returns GU_SCREEN_STAY. */
static int key_results(gu_app *a, void *st)
{
	if (keep_changed(a, st))
		gu_flow_go(a, GU_SCR_RESULT);
	return GU_SCREEN_STAY;
}

/* Goes to the question before (the answer changed on screen saved first);
 * returns GU_SCREEN_STAY. */
static int key_back(gu_app *a, void *st)
{
	if (keep_changed(a, st))
		go_back(a, st);
	return GU_SCREEN_STAY;
}

/* Goes to the question after (the answer changed on screen saved first);
 * returns GU_SCREEN_STAY. */
static int key_next(gu_app *a, void *st)
{
	gu_interview *iv = st;
	char key[64];
	bool saves = changed_on_screen(a, iv) && !iv->pass_unsaved;

	snprintf(key, sizeof key, "%s", a->ses->steps[a->ses->pos].key);
	if (!keep_changed(a, iv))
		return GU_SCREEN_STAY;
	go_next(a, iv);
	/* a saved answer that names the child: as Enter would, say so */
	if (saves && a->scr == GU_SCR_INTERVIEW && iv->pop == GU_POP_NONE
	    && gu_same_child_check(a, iv, key))
		iv->pop = GU_POP_SAME_CHILD;
	return GU_SCREEN_STAY;
}

/* Tries again to save what is not saved; returns GU_SCREEN_STAY. */
static int key_retry(gu_app *a, void *st)
{
	(void)st;
	if (gu_session_flush(a) == 0)
		gu_app_message(a, GU_R_OK, _("Everything is saved now."));
	return GU_SCREEN_STAY;
}

/* Hands the key being taken to the roster or to the question's field
 * (which confirms the answer on Enter); returns GU_SCREEN_STAY. */
static int key_field(gu_app *a, void *st)
{
	gu_interview *iv = st;

	if (st_is_roster(a)) {
		gu_roster_key(a, iv, &iv->key);
		return GU_SCREEN_STAY;
	}
	switch (gu_field_key(&iv->field, &iv->key)) {
	case GU_FIELD_CONFIRM:
		confirm(a, iv);
		break;
	case GU_FIELD_CHANGED:
		iv->edited = true;
		iv->pass_unsaved = false;
		break;
	default:
		beep();
		break;
	}
	return GU_SCREEN_STAY;
}

/* Shows the help, or types '?' into a field that takes letters; returns
 * GU_SCREEN_STAY. */
static int key_question_mark(gu_app *a, void *st)
{
	gu_interview *iv = st;

	if (!st_is_roster(a) && gu_field_takes_letters(&iv->field))
		return key_field(a, st);
	return key_help(a, st);
}

/* The keys while a question is asked, in the order they matter: the
 * parts key (later) is the first left off a key bar too narrow for all
 * (F1 shows them all).  Every key not here goes to the field. */
static const gu_scr_key question_keys[] = {
	/* TRANSLATORS: the key-help line; all of it must fit in 80 columns */
	{ 0, KEY_ENTER, key_field, "Enter", N_("OK"), false },
	{ 0, KEY_F(2), key_field, "F2", N_("not known"), false },
	{ 0, KEY_PPAGE, key_back, "PgUp/PgDn", N_("back/next"), false },
	{ 0, KEY_NPAGE, key_next, NULL, NULL, false },
	{ 0, KEY_F(1), key_help, "F1", N_("help"), false },
	{ '?', 0, key_question_mark, NULL, NULL, false },
	{ GU_ESC, 0, key_leave, "Esc", N_("leave"), false },
	{ 0, KEY_F(10), key_results, "F10", N_("results"), false },
	{ 0, KEY_F(3), key_parts, "F3", N_("parts"), false, true },
	{ 18, 0, key_retry, "Ctrl-R", N_("retry saving"), true },
};

/* Goes to the birth date the ID number gave, to change it or the sex
 * (a number typed and not yet confirmed is confirmed first); returns
 * GU_SCREEN_STAY. */
static int key_id_facts(gu_app *a, void *st)
{
	gu_interview *iv = st;
	gu_session *s = a->ses;
	const char *saved = gu_answers_get(&s->ans, GU_KEY_CHILD_ID);
	char value[64], buf[32];
	size_t at;

	if (gu_field_value(&iv->field, value, sizeof value) < 0)
		return GU_SCREEN_STAY;
	if (!saved || strcmp(saved, value) != 0) {
		confirm(a, iv);
		saved = gu_answers_get(&s->ans, GU_KEY_CHILD_ID);
		if (!saved || strcmp(saved, value) != 0 || iv->pop != GU_POP_NONE)
			return GU_SCREEN_STAY;
	}
	at = gu_session_find(s, GU_KEY_CHILD_DOB);
	if (!from_id(a, GU_KEY_CHILD_DOB, buf, sizeof buf) || at >= s->nsteps) {
		gu_app_message(a, GU_R_ERROR,
			_("No birth date or sex comes from this ID number: they are asked next."));
		return GU_SCREEN_STAY;
	}
	gu_interview_goto(a, iv, at);
	return GU_SCREEN_STAY;
}

/* The keys on the ID number's question: those of every question, and F4
 * to change the birth date or sex the number gives. */
static const gu_scr_key idnum_keys[] = {
	{ 0, KEY_ENTER, key_field, "Enter", N_("OK"), false },
	/* TRANSLATORS: F4 on the ID number: change the birth date or sex it gives */
	{ 0, KEY_F(4), key_id_facts, "F4", N_("birth/sex"), false },
	{ 0, KEY_PPAGE, key_back, "PgUp/PgDn", N_("back/next"), false },
	{ 0, KEY_NPAGE, key_next, NULL, NULL, false },
	{ 0, KEY_F(1), key_help, "F1", N_("help"), false },
	{ '?', 0, key_question_mark, NULL, NULL, false },
	{ GU_ESC, 0, key_leave, "Esc", N_("leave"), false },
	{ 0, KEY_F(10), key_results, "F10", N_("results"), false },
	/* TRANSLATORS: F2 on the ID number: the number is not at hand, to be added later */
	{ 0, KEY_F(2), key_field, "F2", N_("not at hand"), false, true },
	{ 0, KEY_F(3), key_parts, "F3", N_("parts"), false, true },
	{ 18, 0, key_retry, "Ctrl-R", N_("retry saving"), true },
};

/* The keys on the roster of household members.  Every key not here goes
 * to the roster. */
static const gu_scr_key roster_keys[] = {
	{ 'a', 0, key_field, "a", N_("add"), false },
	{ '+', 0, key_field, NULL, NULL, false },
	{ 0, KEY_ENTER, key_field, "Enter", N_("edit"), false },
	{ 'd', 0, key_field, "d", N_("remove"), true },
	{ 0, KEY_DC, key_field, NULL, NULL, false },
	{ 0, KEY_PPAGE, key_back, "PgUp/PgDn", N_("back/next"), false },
	{ 0, KEY_NPAGE, key_next, NULL, NULL, false },
	{ 0, KEY_F(2), key_field, NULL, NULL, false },
	{ GU_ESC, 0, key_leave, "Esc", N_("leave"), false },
	{ 0, KEY_F(10), key_results, "F10", N_("results"), false },
	{ 0, KEY_F(1), key_help, "F1", N_("help"), false },
	{ '?', 0, key_question_mark, NULL, NULL, false },
	{ 0, KEY_F(3), key_parts, "F3", N_("parts"), true },
	{ 0, KEY_UP, key_field, "Up/Down", N_("move"), true },
	{ 0, KEY_DOWN, key_field, NULL, NULL, false },
	{ 18, 0, key_retry, "Ctrl-R", N_("retry saving"), true },
};

/* Returns the key table of the step on screen; its length in *n. */
static const gu_scr_key *step_keys(const gu_app *a, size_t *n)
{
	if (st_is_roster(a)) {
		*n = sizeof roster_keys / sizeof roster_keys[0];
		return roster_keys;
	}
	if (a->ses->steps[a->ses->pos].q->type == GU_Q_IDNUMBER) {
		*n = sizeof idnum_keys / sizeof idnum_keys[0];
		return idnum_keys;
	}
	*n = sizeof question_keys / sizeof question_keys[0];
	return question_keys;
}

/* Draws the message line and the key bar of the step on screen. */
static void keys_bottom(gu_app *a)
{
	size_t n;
	const gu_scr_key *keys = step_keys(a, &n);

	gu_scr_keys_bottom(a, keys, n);
}

/* Draws, above the first question of a part that has one, what the
 * policy says to do before its questions (ask them privately); returns
 * the rows used. */
static int draw_part_intro(gu_app *a, int y, int x, int w)
{
	const gu_session *s = a->ses;
	size_t sec = step_section(s, s->pos), i;
	const gu_section *sp = gu_policy_section(a->pol, sec);
	const char *intro = sp ? gu_pick(sp->intro_zh, sp->intro_en) : NULL;
	int rows;

	if (!intro || !*intro)
		return 0;
	for (i = 0; i < s->pos; i++)
		if (s->steps[i].q && s->steps[i].q->section == sec)
			return 0;
	rows = gu_put_wrapped(y, x, w, 3, intro, gu_attr(GU_R_ALERT));
	return rows + 1;
}

/* Draws the interview screen. */
static void draw(gu_app *a, void *stp)
{
	gu_interview *iv = stp;
	gu_session *s = a->ses;
	const gu_istep *st;
	const char *name;
	int y, x = a->lay.margin, w = a->lay.text_w;
	char label[400], mark[300];

	if (!iv->field_ready)
		setup_field(a, iv);
	st = &s->steps[s->pos];
	gu_harness_where(st->key);
	name = gu_answers_get(&s->ans, GU_KEY_CHILD_NAME);
	if (name && *name && strcmp(name, "unknown")) {
		gu_frame_title(a, name);
	} else if (s->copied_from[0]) {
		char title[200];

		/* TRANSLATORS: the title of another child's interview before the
		 * child's name is given; %s is the name of the first child */
		snprintf(title, sizeof title, _("sibling of %s"), s->copied_from);
		gu_frame_title(a, title);
	} else {
		gu_frame_title(a, _("new interview"));
	}
	draw_progress(a);
	y = a->lay.body.y;
	if (!st->q) {
		gu_rect r = { y, x, a->lay.body.h, w };

		gu_roster_draw(a, iv, &r);
	} else {
		gu_rect r;

		const char *help = gu_pick(st->q->help_zh, st->q->help_en);

		y += draw_part_intro(a, y, x, w);
		gu_key_label(a, st->key, label, sizeof label);
		y += gu_put_wrapped(y, x, w, 3, label, gu_attr(GU_R_LABEL));
		/* an answer copied from a sibling's case says so until confirmed */
		if (gu_family_mark(a, st->key, mark, sizeof mark))
			y += gu_put_wrapped(y, x, w, 1, mark, gu_attr(GU_R_VERIFY));
		/* the question's help is read out with it: what "yes" means, who
		 * counts, ask privately; a long one ends in "..." (F1 shows it all) */
		if (help && *help)
			y += gu_put_wrapped(y, x, w, a->lay.body.h >= 16 ? 3 : 1, help,
				gu_attr(GU_R_DIM));
		y++;
		r = (gu_rect){ y, x + 2, a->lay.body.y + a->lay.body.h - y, w - 2 };
		gu_field_draw(&iv->field, &r);
	}
	if (s->save_err[0] && s->save_final) {
		gu_app_message(a, GU_R_ERROR, s->save_err);
	} else if (s->save_err[0]) {
		char m[900];

		snprintf(m, sizeof m, _("Not saved: %s. The answer is kept; press Ctrl-R to try again."),
			s->save_err);
		gu_app_message(a, GU_R_ERROR, m);
	}
	keys_bottom(a);
	if (iv->pop != GU_POP_NONE)
		gu_cursor_at(-1, -1);
	switch (iv->pop) {
	case GU_POP_HELP:
		draw_help(a, iv);
		break;
	case GU_POP_SECTIONS:
		draw_sections(a, iv);
		break;
	case GU_POP_LEAVE:
		draw_leave(a, iv);
		break;
	case GU_POP_RELATION:
	case GU_POP_REMOVE:
		gu_roster_popup_draw(a, iv);
		break;
	case GU_POP_REPORT:
		gu_report_box_draw(a);
		break;
	case GU_POP_SAME_CHILD:
		gu_same_child_draw(a, iv);
		break;
	case GU_POP_RELATIVES:
		gu_relatives_draw(a, iv);
		break;
	default:
		break;
	}
}

/* Takes a key on the interview screen: a popup's, else one of the step's
 * keys, else the field's or the roster's; returns GU_SCREEN_STAY. */
int gu_interview_key(gu_app *a, void *stp, const gu_key *k)
{
	gu_interview *iv = stp;
	size_t n;
	const gu_scr_key *keys = step_keys(a, &n);
	const gu_scr_key *row;

	if (iv->pop != GU_POP_NONE) {
		popup_key(a, iv, k);
		return GU_SCREEN_STAY;
	}
	if (!iv->field_ready)
		setup_field(a, iv);
	iv->key = *k;
	row = gu_scr_keys_find(keys, n, k);
	return row ? row->act(a, iv) : key_field(a, iv);
}

/* The interview screen. */
static const gu_screen screen = { enter, draw, gu_interview_key, leave, NULL, 0 };
const gu_flow_screen gu_interview_flow = { &screen, &interview };
