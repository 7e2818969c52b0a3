/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The start screen: new interview, resume a draft, the case list, the
 * language, quit; and the follow-ups that are due. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/exchange.h"
#include "db/reports.h"
#include "db/search.h"
#include "db/review.h"
#include "db/visits.h"
#include "tui/app.h"
#include "tui/harness.h"
#include "tui/listview.h"
#include "tui/locale.h"
#include "tui/paint.h"
#include "tui/screen_exchange.h"
#include "tui/screens_supervise.h"
#include "tui/screens_util.h"

enum { M_NEW, M_RESUME, M_CASES, M_LANG, M_QUIT, M_COUNT };

/* The returned cases shown, with the reason of their return. */
#define RETURNED_SHOWN 3
/* The cases shown whose alert waits for its report. */
#define UNREPORTED_SHOWN 3

/* The start screen's state: the menu row chosen, the follow-ups due and
 * the cases a supervisor returned. */
typedef struct start_state {
	int cur;
	gu_referral *due;
	size_t ndue;
	gu_returned *returned;
	size_t nreturned;
	gu_unreported *unreported; /* alerts waiting for their report */
	size_t nunreported;
	bool visits;             /* the policy schedules visits: the counts are shown */
	int visits_due, visits_overdue;
	gu_db *role_of;          /* the database whose role was read (NULL: none yet) */
	bool exchanges;          /* its role: it exchanges bundles */
	long ndrafts;            /* unfinished drafts the drafts list shows (from the tally) */
} start_state;

static start_state start;

/* Returns true when this database exchanges bundles (an office or an
 * enrolled laptop): read once a visit of the screen, not at every key's
 * drawing (the role changes only on the exchange screen, and the start
 * screen is entered again after it). */
static bool exchanges(gu_app *a)
{
	if (start.role_of != a->db) {
		start.exchanges = a->db && gu_xchg_role(a->db) != GU_XROLE_NONE;
		start.role_of = a->db;
	}
	return start.exchanges;
}

/* Counts the visits due this month and overdue (none shown when the
 * policy schedules no visits or they cannot be counted). */
static void count_visits(gu_app *a, start_state *s)
{
	gu_visit_schedule sched;
	gu_error err;

	s->visits = a->db && gu_visit_schedule_read(a->pol, &sched, &err) == 0
		&& gu_visit_schedule_any(&sched)
		&& gu_visit_counts(a->db, &sched, gu_today(), &s->visits_due, &s->visits_overdue,
			&err) == 0;
}

/* Counts the drafts the session may resume (none when they cannot be
 * counted), from the case tally: no case is read. */
static void count_drafts(gu_app *a, start_state *s)
{
	gu_case_filter f;
	gu_error err;

	memset(&f, 0, sizeof f);
	f.status_mask = 1u << GU_CASE_DRAFT;
	s->ndrafts = a->db ? gu_case_count(a->db, &f, &err) : 0;
	if (s->ndrafts < 0)
		s->ndrafts = 0;
}

/* Enters the start screen: loads the due follow-ups and the cases a
 * supervisor returned (the session's own for a worker). */
static void enter(gu_app *a, void *st)
{
	start_state *s = st;
	gu_error err;

	a->msg[0] = '\0';
	s->role_of = NULL;
	/* cold, a county's counts take a moment: say so before them */
	if (a->db) {
		gu_fill(a->lay.status.y, 0, a->lay.cols, A_NORMAL);
		gu_put(a->lay.status.y, 1, a->lay.cols - 2,
			/* TRANSLATORS: on the status line before the start screen, at most 78 columns */
			_("Counting the follow-ups and visits due..."), gu_attr(GU_R_LABEL));
		refresh();
	}
	if (a->db && gu_followup_due(a->db, gu_today(), &s->due, &s->ndue, &err) < 0) {
		s->due = NULL;
		s->ndue = 0;
	}	if (a->db && gu_review_returned(a->db, RETURNED_SHOWN, &s->returned, &s->nreturned, &err) < 0) {
		s->returned = NULL;
		s->nreturned = 0;
	}
	if (a->db && gu_report_unreported(a->db, UNREPORTED_SHOWN, &s->unreported,
			&s->nunreported, &err) < 0) {
		s->unreported = NULL;
		s->nunreported = 0;
	}
	count_visits(a, s);
	count_drafts(a, s);
}

/* Leaves the start screen: frees the follow-ups it showed. */
static void leave(gu_app *a, void *st)
{
	start_state *s = st;

	(void)a;
	gu_referrals_free(s->due, s->ndue);
	s->due = NULL;
	s->ndue = 0;
	free(s->returned);
	s->returned = NULL;
	s->nreturned = 0;
	free(s->unreported);
	s->unreported = NULL;
	s->nunreported = 0;
}

/* Returns the label of menu row i. */
static const char *menu_label(int i)
{
	switch (i) {
	case M_NEW:
		return _("New interview");
	case M_RESUME:
		return _("Resume a draft");
	case M_CASES:
		return _("Case list");
	case M_LANG:
		/* TRANSLATORS: the menu row that switches to the other language; name
		 * that language in its own words (the Chinese catalogue says English) */
		return _("Language: switch to Chinese");
	default:
		return _("Quit");
	}
}

/* Follows what a supervision screen returned. */
static void after_screen(gu_app *a, int ret)
{
	if (ret == GU_SCREEN_QUIT)
		a->quit = true;
	else if (ret == GU_SCREEN_BACK)
		gu_flow_go(a, GU_SCR_START);
	/* GU_SCREEN_JUMP: the screen has gone on (an opened case) */
}

/* Carries out menu row i. */
static void choose(gu_app *a, int i)
{
	switch (i) {
	case M_NEW:
		if (gu_session_new(a) == 0)
			gu_flow_go(a, GU_SCR_INTERVIEW);
		break;
	case M_RESUME:
		if (a->db)
			after_screen(a, gu_screen_list(a, true));
		else
			gu_app_message(a, GU_R_ERROR, a->db_err);
		break;
	case M_CASES:
		after_screen(a, gu_screen_cases(a));
		break;
	case M_LANG:
		gu_locale_set_lang(gu_lang() == GU_LANG_ZH ? "en" : "zh");
		break;
	default:
		a->quit = true;
		break;
	}
}

/* Chooses menu row i: moves the cursor there and carries it out; returns
 * GU_SCREEN_STAY. */
static int pick(gu_app *a, start_state *s, int i)
{
	s->cur = i;
	choose(a, i);
	return GU_SCREEN_STAY;
}

/* Starts a new interview (menu row 1); returns GU_SCREEN_STAY. */
static int key_new(gu_app *a, void *st)
{
	return pick(a, st, M_NEW);
}

/* Shows the drafts (menu row 2); returns GU_SCREEN_STAY. */
static int key_resume(gu_app *a, void *st)
{
	return pick(a, st, M_RESUME);
}

/* Shows the case list (menu row 3); returns GU_SCREEN_STAY. */
static int key_cases(gu_app *a, void *st)
{
	return pick(a, st, M_CASES);
}

/* Switches the language (menu row 4); returns GU_SCREEN_STAY. */
static int key_lang(gu_app *a, void *st)
{
	return pick(a, st, M_LANG);
}

/* Quits from menu row 5; returns GU_SCREEN_STAY (a->quit is set). */
static int key_menu_quit(gu_app *a, void *st)
{
	return pick(a, st, M_QUIT);
}

/* Carries out the row under the cursor; returns GU_SCREEN_STAY. */
static int key_enter(gu_app *a, void *st)
{
	start_state *s = st;

	choose(a, s->cur);
	return GU_SCREEN_STAY;
}

/* Moves the cursor one row up; returns GU_SCREEN_STAY. */
static int key_up(gu_app *a, void *st)
{
	start_state *s = st;

	(void)a;
	s->cur = gu_view_move(s->cur, -1, M_COUNT);
	return GU_SCREEN_STAY;
}

/* Moves the cursor one row down; returns GU_SCREEN_STAY. */
static int key_down(gu_app *a, void *st)
{
	start_state *s = st;

	(void)a;
	s->cur = gu_view_move(s->cur, 1, M_COUNT);
	return GU_SCREEN_STAY;
}

/* Quits; returns GU_SCREEN_STAY (a->quit is set). */
static int key_quit(gu_app *a, void *st)
{
	(void)st;
	a->quit = true;
	return GU_SCREEN_STAY;
}

/* Shows the dashboard; returns GU_SCREEN_STAY. */
static int key_dashboard(gu_app *a, void *st)
{
	(void)st;
	if (a->db)
		after_screen(a, gu_screen_dashboard(a));
	return GU_SCREEN_STAY;
}

/* Shows the regular visits, overdue first when there are any; returns
 * GU_SCREEN_STAY. */
static int key_visits(gu_app *a, void *st)
{
	start_state *s = st;

	if (a->db && s->visits)
		after_screen(a, gu_screen_visits(a, s->visits_overdue ? GU_VISITS_OVERDUE
			: GU_VISITS_DUE));
	return GU_SCREEN_STAY;
}

/* Opens the first case whose alert waits for its report, where the
 * report is recorded before the case is finished; returns GU_SCREEN_STAY. */
static int key_unreported(gu_app *a, void *st)
{
	start_state *s = st;
	const gu_unreported *u;
	char id[GU_ID_SIZE];

	if (!a->db || s->nunreported == 0)
		return GU_SCREEN_STAY;
	u = &s->unreported[0];
	snprintf(id, sizeof id, "%s", u->case_id);
	if (gu_session_open(a, id) == 0)
		gu_flow_go(a, u->status == GU_CASE_DRAFT || u->status == GU_CASE_RETURNED
			? GU_SCR_INTERVIEW : GU_SCR_RESULT);
	return GU_SCREEN_STAY;
}

/* Shows the users; returns GU_SCREEN_STAY. */
static int key_users(gu_app *a, void *st)
{
	(void)st;
	if (a->db)
		after_screen(a, gu_screen_users(a));
	return GU_SCREEN_STAY;
}

/* Shows the exchange screen where this database exchanges bundles;
 * returns GU_SCREEN_STAY. */
static int key_exchange(gu_app *a, void *st)
{
	(void)st;
	if (exchanges(a))
		after_screen(a, gu_screen_exchange(a));
	return GU_SCREEN_STAY;
}

/* The start screen's keys: they run it, name themselves in the key bar
 * and make its F1 help. */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_enter, "Enter", N_("choose"), false },
	{ '1', 0, key_new, "1-5", N_("menu"), false },
	{ '2', 0, key_resume, NULL, NULL, false },
	{ '3', 0, key_cases, NULL, NULL, false },
	{ '4', 0, key_lang, NULL, NULL, false },
	{ '5', 0, key_menu_quit, NULL, NULL, false },
	{ 'd', 0, key_dashboard, "d", N_("dashboard"), false },
	{ 'v', 0, key_visits, "v", N_("visits"), false },
	{ 'r', 0, key_unreported, "r", N_("open an unreported alert"), true },
	{ 'u', 0, key_users, "u", N_("users"), false },
	{ 'x', 0, key_exchange, "x", N_("exchange bundles"), true },
	{ 'q', 0, key_quit, "q", N_("quit"), false },
	{ GU_ESC, 0, key_quit, NULL, NULL, false },
	{ 0, KEY_UP, key_up, "Up/Down", N_("move"), true },
	{ 0, KEY_DOWN, key_down, NULL, NULL, false },
};

/* Draws the start screen. */
static void draw(gu_app *a, void *st)
{
	const start_state *s = st;
	int x = a->lay.margin + 2, w = a->lay.text_w - 2, y = a->lay.body.y, i;
	char line[600], persons[64];
	size_t k;

	gu_frame_title(a, _("care services for children"));
	gu_put(a->lay.status.y, 1, a->lay.cols - 2,
		_("Chaoyang City: floating, left-behind and difficult-situation children"), gu_attr(GU_R_DIM));
	for (i = 0; i < M_COUNT; i++, y++) {
		snprintf(line, sizeof line, " %d  %s", i + 1, menu_label(i));
		gu_put_line(y, x, 36, line, i == s->cur ? gu_attr(GU_R_CURSOR) : A_NORMAL);
	}
	y++;
	if (a->db_pending) {
		gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
		return;
	}
	if (!a->db) {
		y += gu_put_wrapped(y, x, w, 3, a->db_err, gu_attr(GU_R_ERROR));
		gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
		return;
	}
	if (exchanges(a))
		gu_put(y++, x, w, _("x  exchange bundles with the office (send, receive)"),
			gu_attr(GU_R_LABEL));
	if (s->nunreported > 0) {
		gu_put(y++, x, w, _("Alerts not yet reported (r opens the first):"),
			gu_attr(GU_R_ALERT));
		for (k = 0; k < s->nunreported && y < a->lay.body.y + a->lay.body.h; k++, y++) {
			const gu_unreported *u = &s->unreported[k];

			/* TRANSLATORS: a case waiting for its report: the child, the
			 * township, which report */
			snprintf(line, sizeof line, _("  %-8s  %s  %s"),
				u->child_name[0] ? u->child_name : "-", u->township,
				u->kind == GU_REPORT_POLICE ? _("强制报告 (to the police)")
				: _("控辍保学 (to the school or education office)"));
			gu_put(y, x, w, line, A_NORMAL);
		}
		y++;
	}
	if (s->ndrafts > 0) {
		/* TRANSLATORS: on the start screen when interviews were left
		 * unfinished; 2 is the menu row that resumes them */
		snprintf(line, sizeof line, _("Drafts not finished: %ld (2: resume one)"), s->ndrafts);
		gu_put(y++, x, w, line, gu_attr(GU_R_VERIFY));
		y++;
	}
	if (s->nreturned > 0) {
		gu_put(y++, x, w, _("Returned by a supervisor (resume them as drafts):"),
			gu_attr(GU_R_VERIFY));
		for (k = 0; k < s->nreturned && y < a->lay.body.y + a->lay.body.h; k++, y++) {
			const gu_return_reason *why = gu_return_reason_find(s->returned[k].reason);

			/* TRANSLATORS: a returned case: the child, the reason, the note */
			snprintf(line, sizeof line, _("  %-8s  %s: %s"),
				s->returned[k].child_name[0] ? s->returned[k].child_name : "-",
				why ? _(why->label) : s->returned[k].reason, s->returned[k].note);
			gu_put(y, x, w, line, A_NORMAL);
		}
		y++;
	}
	if (s->visits) {
		/* TRANSLATORS: the regular visits on the start screen */
		snprintf(line, sizeof line, _("%d visits due this month, %d overdue (v: the list)"),
			s->visits_due, s->visits_overdue);
		gu_put(y++, x, w, line, gu_attr(s->visits_overdue ? GU_R_ALERT
			: s->visits_due ? GU_R_VERIFY : GU_R_LABEL));
	}
	snprintf(line, sizeof line, _("Follow-ups due: %zu"), s->ndue);
	gu_put(y++, x, w, line, gu_attr(s->ndue ? GU_R_VERIFY : GU_R_LABEL));
	for (k = 0; k < s->ndue && y < a->lay.body.y + a->lay.body.h; k++, y++) {
		const gu_referral *r = &s->due[k];
		const gu_item *it = gu_policy_item_by_number(a->pol, r->item);

		(void)persons;
		snprintf(line, sizeof line, "  %s  %-8s  %s  %2d %s", r->next_due,
			r->child_name[0] ? r->child_name : "-", r->township, r->item,
			gu_item_name(it));
		gu_put(y, x, w, line, A_NORMAL);
	}
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Takes a key on the start screen; returns GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	a->msg[0] = '\0';
	return gu_scr_keys_run(a, st, keys, sizeof keys / sizeof keys[0], k);
}

/* The start screen. */
static const gu_screen screen = { enter, draw, key, leave, keys, sizeof keys / sizeof keys[0] };
const gu_flow_screen gu_start_flow = { &screen, &start };
