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
#include "core/region.h"
#include "core/text.h"
#include "db/auth.h"
#include "db/id_rule.h"
#include "tui/answer_checks.h"
#include "tui/app.h"
#include "tui/config_files.h"
#include "tui/harness.h"
#include "tui/options.h"
#include "tui/paint.h"
#include "tui/screen_report.h"

/* Returns the interview date answered, else today. */
static const char *interview_date(const gu_app *a)
{
	const char *d = gu_answers_get(&a->ses->ans, GU_KEY_INTERVIEW_DATE);
	gu_date tmp;

	return d && gu_date_parse(d, &tmp) ? d : gu_today();
}

/* Returns a value to offer for an unanswered question, worked out from
 * answers already given (today for the interview date; birth date, sex and
 * registration from the ID number) or from the configuration (township,
 * interviewer), or NULL.  It is saved only once the worker confirms it. */
static const char *suggestion(gu_app *a, const char *key, char *buf, size_t size)
{
	const char *idn = gu_answers_get(&a->ses->ans, GU_KEY_CHILD_ID);
	gu_idcard id;

	if (strcmp(key, GU_KEY_INTERVIEW_DATE) == 0) {
		snprintf(buf, size, "%s", gu_today());
		return buf;
	}
	if (strcmp(key, GU_KEY_CONSENT_DATE) == 0) {
		snprintf(buf, size, "%s", interview_date(a));
		return buf;
	}
	if (strcmp(key, GU_KEY_INTERVIEW_WORKER) == 0) {
		const char *who = NULL;

		/* The user who logged in, else the name given with --user, else
		 * the configuration's interviewer. */
		if (!(a->db && gu_auth_session(a->db, &who, NULL)) || !who || !*who)
			who = gu_opts.user;
		if (!who || !*who)
			who = gu_config()->value[GU_SET_INTERVIEWER];
		if (who && *who) {
			snprintf(buf, size, "%s", who);
			return buf;
		}
		return NULL;
	}
	if (strcmp(key, GU_KEY_INTERVIEW_TOWNSHIP) == 0) {
		const char *town = gu_config()->value[GU_SET_TOWNSHIP];

		if (!town)
			return NULL;
		snprintf(buf, size, "%s", town);
		return buf;
	}
	if (!idn || gu_idcard_parse(idn, &id) != GU_ID_OK)
		return NULL;
	if (strcmp(key, GU_KEY_CHILD_DOB) == 0) {
		char d[16];

		snprintf(buf, size, "%s", gu_date_format(id.dob, d));
		return buf;
	}
	if (strcmp(key, GU_KEY_CHILD_SEX) == 0) {
		snprintf(buf, size, "%s", id.sex == 'm' ? "male" : "female");
		return buf;
	}
	if (strcmp(key, GU_KEY_CHILD_HUKOU_COUNTY) == 0 && gu_region_county(id.region)) {
		snprintf(buf, size, "%s", id.region);
		return buf;
	}
	return NULL;
}

/* Applies the rule for whole ID numbers (db/id_rule.h) to the saved number
 * in the field: hidden from a session that may not see it, else shown and
 * recorded in the audit log. */
static void show_saved_id(gu_app *a)
{
	gu_error err;
	bool may = false;

	if (!a->db || gu_id_may_reveal(a->db, &may, &err) < 0 || !may
	    || gu_id_reveal(a->db, a->ses->id, "edit", &err) < 0)
		gu_field_hide_saved_id(&a->field);
}

/* Sets the field up for the step on screen. */
static void setup_field(gu_app *a)
{
	gu_session *s = a->ses;
	const gu_istep *st = &s->steps[s->pos];
	const char *value;
	char buf[64];
	bool saved;

	a->field_ready = true;
	if (!st->q)
		return;
	value = gu_answers_get(&s->ans, st->key);
	saved = value != NULL;
	if (!value)
		value = suggestion(a, st->key, buf, sizeof buf);
	gu_field_init(&a->field, a->pol, st->q, st->key, value, interview_date(a));
	if (saved && st->q->type == GU_Q_IDNUMBER)
		show_saved_id(a);
}

/* Shows step pos and remembers it. */
void gu_interview_goto(gu_app *a, size_t pos)
{
	gu_session *s = a->ses;

	if (s->nsteps == 0)
		return;
	if (pos >= s->nsteps)
		pos = s->nsteps - 1;
	s->pos = pos;
	a->field_ready = false;
	a->pop = GU_POP_NONE;
	/* a member's question is always asked within that member's run, also
	 * when reached by resuming, jumping or from the results */
	a->member_focus = strncmp(s->steps[pos].key, "member.", 7) == 0
		? atoi(s->steps[pos].key + 7) : 0;
	if (!s->steps[pos].q) {
		/* the roster: on "add" when nobody is there yet, else on "go on" */
		int nums[GU_MAX_MEMBERS];
		size_t n = gu_roster_members(a, nums, GU_MAX_MEMBERS);

		a->roster_cur = n ? (int)n + 1 : 0;
	}
	gu_session_remember(a);
}

/* Enters the interview at the session's step. */
void gu_interview_enter(gu_app *a)
{
	a->scr = GU_SCR_INTERVIEW;
	a->pop = GU_POP_NONE;
	a->msg[0] = '\0';
	gu_interview_goto(a, a->ses->pos);
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

/* Draws the progress line. */
static void draw_progress(gu_app *a)
{
	gu_session *s = a->ses;
	size_t secs[64], nsec = sections_present(s, secs, 64), k, here = 0;
	size_t sec = step_section(s, s->pos), qn = 0, qt = 0, i, done, total;
	const gu_section *sp = gu_policy_section(a->pol, sec);
	char line[400], part[400];
	const gu_rect *r = &a->lay.status;
	int right;

	for (k = 0; k < nsec; k++)
		if (secs[k] == sec)
			here = k + 1;
	for (i = 0; i < s->nsteps; i++) {
		if (!s->steps[i].q)
			continue;
		qt++;
		if (i <= s->pos)
			qn = qt;
	}
	gu_session_progress(a, &done, &total);
	gu_fill(r->y, r->x, r->w, A_NORMAL);
	snprintf(part, sizeof part, _("Part %zu of %zu: %s"), here, nsec,
		sp ? gu_pick(sp->title_zh, sp->title_en) : "");
	snprintf(line, sizeof line, _("question %zu of %zu, %zu answered"), qn, qt, done);
	/* on a narrow screen the part's name comes first: the count is
	 * shortened (the bar below shows how much is answered) */
	if (gu_text_width(part) + 3 + gu_text_width(line) > r->w - 2)
		/* TRANSLATORS: the short form of "question 3 of 70" */
		snprintf(line, sizeof line, _("question %zu/%zu"), qn, qt);
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

/* Draws the help popup. */
static void draw_help(gu_app *a)
{
	const gu_question *q = a->ses->steps[a->ses->pos].q;
	const char *help = q ? gu_pick(q->help_zh, q->help_en) : "";
	char label[300];
	const char *keys_help = _("Enter confirms the answer and goes on; PgUp goes back, PgDn forward. "
		  "F2 answers \"not known\". F3 jumps to another part, F10 shows the "
		  "results, Esc leaves (the draft is kept). Ctrl-R retries a failed save.");
	int w = a->lay.text_w - 4;
	char lab[300];
	int want;

	gu_key_label(a, a->ses->steps[a->ses->pos].key, lab, sizeof lab);
	want = 2 + (q ? gu_wrapped_rows(lab, w) + 1 : 0)
		+ gu_wrapped_rows(help && *help ? help : _("There is no further help for this question."), w)
		+ 1 + gu_wrapped_rows(keys_help, w);
	gu_rect r = gu_layout_popup(&a->lay, want < a->lay.lines - 2 ? want : a->lay.lines - 2,
		a->lay.text_w);
	int y = r.y + 1;

	gu_box(r, _("Help"));
	if (q) {
		gu_key_label(a, a->ses->steps[a->ses->pos].key, label, sizeof label);
		y += gu_put_wrapped(y, r.x + 2, r.w - 4, 3, label, gu_attr(GU_R_LABEL));
		y++;
	}
	{
		int keys_y = r.y + r.h - 1 - gu_wrapped_rows(keys_help, r.w - 4);

		gu_put_wrapped(y, r.x + 2, r.w - 4, keys_y - 1 - y,
			help && *help ? help : _("There is no further help for this question."),
			A_NORMAL);
		y = keys_y;
	}
	gu_put_wrapped(y, r.x + 2, r.w - 4, 4, keys_help, gu_attr(GU_R_DIM));
}

/* Draws the section list popup. */
static void draw_sections(gu_app *a)
{
	size_t secs[64], n = sections_present(a->ses, secs, 64), i;
	gu_rect r = gu_layout_popup(&a->lay, (int)n + 2, 50);

	gu_box(r, _("Go to part"));
	for (i = 0; i < n && (int)i < r.h - 2; i++) {
		const gu_section *sp = gu_policy_section(a->pol, secs[i]);
		char line[200];

		snprintf(line, sizeof line, "%2zu  %s", i + 1, sp ? gu_pick(sp->title_zh, sp->title_en) : "");
		gu_put_line(r.y + 1 + (int)i, r.x + 2, r.w - 4, line,
			(int)i == a->pop_cur ? gu_attr(GU_R_CURSOR) : A_NORMAL);
	}
}

/* Draws the leave popup. */
static void draw_leave(gu_app *a)
{
	gu_rect r = gu_layout_popup(&a->lay, 9, 56);
	int y = r.y + 2;

	gu_box(r, _("Leave the interview?"));
	y += gu_put_wrapped(y, r.x + 2, r.w - 4, 2, a->ses->status == GU_CASE_DRAFT
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
	gu_put(r.y + r.h - 2, r.x + 2, r.w - 4, _("y leave    n stay"), gu_attr(GU_R_LABEL));
	(void)y;
}

/* Returns true when the step on screen is the roster. */
static bool st_is_roster(const gu_app *a)
{
	return a->ses->steps[a->ses->pos].q == NULL;
}

/* Draws the interview screen. */
void gu_interview_draw(gu_app *a)
{
	gu_session *s = a->ses;
	const gu_istep *st;
	const char *name;
	/* In the order they matter: those that do not fit at 80 columns are
	 * left off from the end (F1 shows them all). */
	static const char *const keys[] = {
		/* TRANSLATORS: the key-help line; all of it must fit in 80 columns */
		"Enter", N_("OK"), "F2", N_("not known"), "PgUp/PgDn", N_("back/next"),
		"F1", N_("help"), "Esc", N_("leave"), "F10", N_("results"), "F3", N_("parts"),
	};
	static const char *const roster_keys[] = {
		"a", N_("add"), "Enter", N_("edit"), "d", N_("remove"), "PgUp/PgDn", N_("back/next"),
		"Esc", N_("leave"), "F10", N_("results"), "F1", N_("help"),
	};
	const char *const *kv = st_is_roster(a) ? roster_keys : keys;
	size_t nk = st_is_roster(a) ? sizeof roster_keys / sizeof roster_keys[0]
		: sizeof keys / sizeof keys[0];
	const char *tkeys[sizeof keys / sizeof keys[0]];
	size_t i;
	int y, x = a->lay.margin, w = a->lay.text_w;
	char label[400];

	if (!a->field_ready)
		setup_field(a);
	st = &s->steps[s->pos];
	name = gu_answers_get(&s->ans, GU_KEY_CHILD_NAME);
	gu_frame_title(a, name && *name && strcmp(name, "unknown") ? name : _("new interview"));
	draw_progress(a);
	y = a->lay.body.y;
	if (!st->q) {
		gu_rect r = { y, x, a->lay.body.h, w };

		gu_roster_draw(a, &r);
	} else {
		gu_rect r;

		const char *help = gu_pick(st->q->help_zh, st->q->help_en);

		gu_key_label(a, st->key, label, sizeof label);
		y += gu_put_wrapped(y, x, w, 3, label, gu_attr(GU_R_LABEL));
		/* the question's help is read out with it: what "yes" means, who
		 * counts, ask privately; a long one ends in "..." (F1 shows it all) */
		if (help && *help)
			y += gu_put_wrapped(y, x, w, a->lay.body.h >= 16 ? 3 : 1, help,
				gu_attr(GU_R_DIM));
		y++;
		r = (gu_rect){ y, x + 2, a->lay.body.y + a->lay.body.h - y, w - 2 };
		gu_field_draw(&a->field, &r);
	}
	for (i = 0; i < nk; i++)
		tkeys[i] = i % 2 ? _(kv[i]) : kv[i];
	if (s->save_err[0] && s->save_final) {
		gu_app_message(a, GU_R_ERROR, s->save_err);
	} else if (s->save_err[0]) {
		char m[900];

		snprintf(m, sizeof m, _("Not saved: %s. The answer is kept; press Ctrl-R to try again."),
			s->save_err);
		gu_app_message(a, GU_R_ERROR, m);
	}
	gu_frame_bottom(a, tkeys, nk);
	if (a->pop != GU_POP_NONE)
		gu_cursor_at(-1, -1);
	switch (a->pop) {
	case GU_POP_HELP:
		draw_help(a);
		break;
	case GU_POP_SECTIONS:
		draw_sections(a);
		break;
	case GU_POP_LEAVE:
		draw_leave(a);
		break;
	case GU_POP_RELATION:
	case GU_POP_REMOVE:
		gu_roster_popup_draw(a);
		break;
	case GU_POP_REPORT:
		gu_report_box_draw(a);
		break;
	default:
		break;
	}
}

/* Goes to the step after the current one, or to the results after the
 * last. */
static void go_next(gu_app *a)
{
	gu_session *s = a->ses;
	size_t next;

	if (a->back_to_result) {
		/* one question asked from the results: back to them */
		a->back_to_result = false;
		gu_result_enter(a);
		return;
	}
	if (a->member_focus) {
		size_t run[256], n = gu_roster_run(a, a->member_focus, run, 256), i;

		for (i = 0; i + 1 < n; i++)
			if (run[i] == s->pos) {
				gu_interview_goto(a, run[i + 1]);
				return;
			}
		/* the member's questions are done: back to the roster */
		a->member_focus = 0;
		i = gu_session_find(s, GU_ROSTER_KEY);
		if (i < s->nsteps) {
			gu_interview_goto(a, i);
			return;
		}
	}
	next = s->pos + 1;
	while (next < s->nsteps && strncmp(s->steps[next].key, "member.", 7) == 0)
		next++;       /* the members' questions are asked from the roster */
	if (next >= s->nsteps) {
		gu_result_enter(a);
		return;
	}
	gu_interview_goto(a, next);
}

/* Goes to the step before the current one (members' questions only within
 * a member's run). */
static void go_back(gu_app *a)
{
	gu_session *s = a->ses;
	size_t prev = s->pos;

	if (a->member_focus) {
		/* within a member's run: its step before, else the roster */
		size_t run[256], n = gu_roster_run(a, a->member_focus, run, 256), i;

		for (i = 1; i < n; i++)
			if (run[i] == s->pos) {
				gu_interview_goto(a, run[i - 1]);
				return;
			}
		i = gu_session_find(s, GU_ROSTER_KEY);
		if (i < s->nsteps) {
			gu_interview_goto(a, i);
			return;
		}
	}
	while (prev > 0) {
		prev--;
		if (strncmp(s->steps[prev].key, "member.", 7) != 0)
			break;
	}
	if (prev != s->pos && strncmp(s->steps[prev].key, "member.", 7) != 0)
		gu_interview_goto(a, prev);
}

/* Checks and saves the field's answer, then goes on. */
static void confirm(gu_app *a)
{
	gu_session *s = a->ses;
	char value[700], key[64], label[400], m[600];
	gu_error err;
	size_t at;
	bool saved;

	if (gu_field_value(&a->field, value, sizeof value) < 0)
		return;
	gu_error_clear(&err);
	if (gu_policy_check_value(a->pol, a->field.key, value, &err) < 0) {
		snprintf(a->field.err, sizeof a->field.err, "%s",
			err.message[0] ? err.message : gu_code_text(err.code));
		return;
	}
	if (gu_answer_checks(a, a->field.key, value, a->field.err, sizeof a->field.err) < 0)
		return;
	snprintf(key, sizeof key, "%s", a->field.key);
	gu_report_alerts_note(a);
	gu_stale_note(a);
	saved = gu_session_set(a, key, value) == 0;
	if (saved) {
		gu_key_label(a, key, label, sizeof label);
		snprintf(m, sizeof m, _("Saved: %s"), label);
		gu_app_message(a, GU_R_OK, m);
		gu_stale_tell(a);
	}
	if (gu_session_rebuild(a) < 0)
		return;
	at = gu_session_find(s, key);
	s->pos = at < s->nsteps ? at : s->pos;
	/* A failed save keeps the answer on screen (and in memory): Enter or
	 * Ctrl-R tries again. */
	if (saved)
		go_next(a);
	/* an answer that raises 强制报告 or 控辍保学 is acknowledged at once */
	if (saved && a->scr == GU_SCR_INTERVIEW && gu_report_alert_raised(a))
		a->pop = GU_POP_REPORT;
}

/* Jumps to the first open question of section number i (0-based among
 * those present). */
static void jump_section(gu_app *a, int idx)
{
	a->member_focus = 0;
	gu_session *s = a->ses;
	size_t secs[64], n = sections_present(s, secs, 64), i, first = s->nsteps;

	if (idx < 0 || (size_t)idx >= n)
		return;
	for (i = 0; i < s->nsteps; i++) {
		if (step_section(s, i) != secs[idx])
			continue;
		if (first == s->nsteps)
			first = i;
		if (s->steps[i].q && !gu_answers_get(&s->ans, s->steps[i].key)) {
			first = i;
			break;
		}
	}
	if (first < s->nsteps)
		gu_interview_goto(a, first);
}

/* Takes a key while a popup is open. */
static void popup_key(gu_app *a, const gu_key *k)
{
	size_t secs[64], n;

	switch (a->pop) {
	case GU_POP_HELP:
		a->pop = GU_POP_NONE;
		break;
	case GU_POP_REPORT:
		if (gu_report_box_key(a, k))
			a->pop = GU_POP_NONE;
		break;
	case GU_POP_SECTIONS:
		n = sections_present(a->ses, secs, 64);
		if (gu_key_fn(k, KEY_UP) && a->pop_cur > 0)
			a->pop_cur--;
		else if (gu_key_fn(k, KEY_DOWN) && (size_t)a->pop_cur + 1 < n)
			a->pop_cur++;
		else if (gu_key_digit(k) && (size_t)gu_key_digit(k) <= n)
			jump_section(a, gu_key_digit(k) - 1);
		else if (gu_key_fn(k, KEY_ENTER))
			jump_section(a, a->pop_cur);
		else if (gu_key_char(k, GU_ESC) || gu_key_fn(k, KEY_F(3)))
			a->pop = GU_POP_NONE;
		if (gu_key_digit(k) || gu_key_fn(k, KEY_ENTER))
			a->pop = GU_POP_NONE;
		break;
	case GU_POP_LEAVE:
		if (gu_key_char(k, 'y') || gu_key_char(k, 'Y')) {
			bool draft = a->ses->status == GU_CASE_DRAFT;

			gu_session_close(a);
			gu_start_enter(a);
			gu_app_message(a, GU_R_OK, draft ? _("The draft is kept.")
				: _("Every saved answer is kept."));
		} else if (gu_key_char(k, 18)) {
			gu_session_flush(a);
		} else if (gu_key_char(k, 'n') || gu_key_char(k, 'N') || gu_key_char(k, GU_ESC)) {
			a->pop = GU_POP_NONE;
		}
		break;
	default:
		gu_roster_popup_key(a, k);
		break;
	}
}

/* Takes a key on the interview screen. */
void gu_interview_key(gu_app *a, const gu_key *k)
{
	gu_session *s = a->ses;
	const gu_istep *st = &s->steps[s->pos];
	bool letters;

	if (a->pop != GU_POP_NONE) {
		popup_key(a, k);
		return;
	}
	if (!a->field_ready)
		setup_field(a);
	letters = st->q && gu_field_takes_letters(&a->field);
	if (gu_key_char(k, GU_ESC)) {
		a->pop = GU_POP_LEAVE;
	} else if (gu_key_fn(k, KEY_F(1)) || (gu_key_char(k, '?') && !letters)) {
		a->pop = GU_POP_HELP;
	} else if (gu_key_fn(k, KEY_F(3))) {
		size_t secs[64], n = sections_present(s, secs, 64), i, here = step_section(s, s->pos);

		a->pop = GU_POP_SECTIONS;
		a->pop_cur = 0;
		for (i = 0; i < n; i++)
			if (secs[i] == here)
				a->pop_cur = (int)i;
	} else if (gu_key_fn(k, KEY_F(10))) {
		gu_result_enter(a);
	} else if (gu_key_fn(k, KEY_PPAGE)) {
		go_back(a);
	} else if (gu_key_fn(k, KEY_NPAGE)) {
		go_next(a);
	} else if (gu_key_char(k, 18)) {             /* C-r */
		if (gu_session_flush(a) == 0)
			gu_app_message(a, GU_R_OK, _("Everything is saved now."));
	} else if (!st->q) {
		gu_roster_key(a, k);
	} else {
		switch (gu_field_key(&a->field, k)) {
		case GU_FIELD_CONFIRM:
			confirm(a);
			break;
		case GU_FIELD_CHANGED:
			break;
		default:
			beep();
			break;
		}
	}
}
