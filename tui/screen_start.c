/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The start screen: new interview, resume a draft, the case list, the
 * language, quit; and the follow-ups that are due. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/exchange.h"
#include "db/review.h"
#include "tui/app.h"
#include "tui/harness.h"
#include "tui/locale.h"
#include "tui/paint.h"
#include "tui/screen_exchange.h"
#include "tui/screens_supervise.h"

enum { M_NEW, M_RESUME, M_CASES, M_LANG, M_QUIT, M_COUNT };

/* The returned cases shown, with the reason of their return. */
#define RETURNED_SHOWN 3
static gu_returned *returned;
static size_t nreturned;

/* Returns true when this database exchanges bundles (an office or an
 * enrolled laptop). */
static bool exchanges(gu_app *a)
{
	return a->db && gu_xchg_role(a->db) != GU_XROLE_NONE;
}

/* Loads the due follow-ups. */
static void load_due(gu_app *a)
{
	gu_error err;

	gu_referrals_free(a->due, a->ndue);
	a->due = NULL;
	a->ndue = 0;
	if (a->db && gu_followup_due(a->db, gu_today(), &a->due, &a->ndue, &err) < 0) {
		a->due = NULL;
		a->ndue = 0;
	}
}

/* Loads the cases a supervisor returned (the session's own for a worker). */
static void load_returned(gu_app *a)
{
	gu_error err;

	free(returned);
	returned = NULL;
	nreturned = 0;
	if (a->db && gu_review_returned(a->db, RETURNED_SHOWN, &returned, &nreturned, &err) < 0) {
		returned = NULL;
		nreturned = 0;
	}
}

/* Enters the start screen. */
void gu_start_enter(gu_app *a)
{
	a->scr = GU_SCR_START;
	a->pop = GU_POP_NONE;
	a->msg[0] = '\0';
	load_due(a);
	load_returned(a);
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

/* Draws the start screen. */
void gu_start_draw(gu_app *a)
{
	static const char *const keys[] = {
		"Enter", N_("choose"), "1-5", N_("menu"), "d", N_("dashboard"), "u", N_("users"),
		"q", N_("quit"),
	};
	const char *tkeys[sizeof keys / sizeof keys[0]];
	int x = a->lay.margin + 2, w = a->lay.text_w - 2, y = a->lay.body.y, i;
	char line[600], persons[64];
	size_t k;

	for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
		tkeys[k] = k % 2 ? _(keys[k]) : keys[k];
	gu_frame_title(a, _("care services for children"));
	gu_put(a->lay.status.y, 1, a->lay.cols - 2,
		_("Chaoyang City: floating, left-behind and difficult-situation children"), gu_attr(GU_R_DIM));
	for (i = 0; i < M_COUNT; i++, y++) {
		snprintf(line, sizeof line, " %d  %s", i + 1, menu_label(i));
		gu_put_line(y, x, 36, line, i == a->start_cur ? gu_attr(GU_R_CURSOR) : A_NORMAL);
	}
	y++;
	if (a->db_pending) {
		gu_frame_bottom(a, tkeys, sizeof keys / sizeof keys[0]);
		return;
	}
	if (!a->db) {
		y += gu_put_wrapped(y, x, w, 3, a->db_err, gu_attr(GU_R_ERROR));
		gu_frame_bottom(a, tkeys, sizeof keys / sizeof keys[0]);
		return;
	}
	if (exchanges(a))
		gu_put(y++, x, w, _("x  exchange bundles with the office (send, receive)"),
			gu_attr(GU_R_LABEL));
	if (nreturned > 0) {
		gu_put(y++, x, w, _("Returned by a supervisor (resume them as drafts):"),
			gu_attr(GU_R_VERIFY));
		for (k = 0; k < nreturned && y < a->lay.body.y + a->lay.body.h; k++, y++) {
			const gu_return_reason *why = gu_return_reason_find(returned[k].reason);

			/* TRANSLATORS: a returned case: the child, the reason, the note */
			snprintf(line, sizeof line, _("  %-8s  %s: %s"),
				returned[k].child_name[0] ? returned[k].child_name : "-",
				why ? _(why->label) : returned[k].reason, returned[k].note);
			gu_put(y, x, w, line, A_NORMAL);
		}
		y++;
	}
	snprintf(line, sizeof line, _("Follow-ups due: %zu"), a->ndue);
	gu_put(y++, x, w, line, gu_attr(a->ndue ? GU_R_VERIFY : GU_R_LABEL));
	for (k = 0; k < a->ndue && y < a->lay.body.y + a->lay.body.h; k++, y++) {
		const gu_referral *r = &a->due[k];
		const gu_item *it = gu_policy_item_by_number(a->pol, r->item);

		(void)persons;
		snprintf(line, sizeof line, "  %s  %-8s  %s  %2d %s", r->next_due,
			r->child_name[0] ? r->child_name : "-", r->township, r->item,
			it ? gu_pick(it->name_zh, it->name_en) : "");
		gu_put(y, x, w, line, A_NORMAL);
	}
	gu_frame_bottom(a, tkeys, sizeof keys / sizeof keys[0]);
}

/* Follows what a supervision screen returned. */
static void after_screen(gu_app *a, int ret)
{
	if (ret == GU_SCREEN_QUIT)
		a->quit = true;
	else if (ret == GU_SCREEN_BACK)
		gu_start_enter(a);
	/* GU_SCREEN_JUMP: the screen has set a->scr (an opened case) */
}

/* Carries out menu row i. */
static void choose(gu_app *a, int i)
{
	switch (i) {
	case M_NEW:
		if (gu_session_new(a) == 0)
			gu_interview_enter(a);
		break;
	case M_RESUME:
		gu_list_enter(a, true);
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

/* Takes a key on the start screen. */
void gu_start_key(gu_app *a, const gu_key *k)
{
	int d = gu_key_digit(k);

	a->msg[0] = '\0';
	if (gu_key_fn(k, KEY_UP) && a->start_cur > 0)
		a->start_cur--;
	else if (gu_key_fn(k, KEY_DOWN) && a->start_cur + 1 < M_COUNT)
		a->start_cur++;
	else if (d && d <= M_COUNT) {
		a->start_cur = d - 1;
		choose(a, d - 1);
	} else if (gu_key_fn(k, KEY_ENTER))
		choose(a, a->start_cur);
	else if (gu_key_char(k, 'q') || gu_key_char(k, GU_ESC))
		a->quit = true;
	else if (gu_key_char(k, 'd') && a->db)
		after_screen(a, gu_screen_dashboard(a));
	else if (gu_key_char(k, 'u') && a->db)
		after_screen(a, gu_screen_users(a));
	else if (gu_key_char(k, 'x') && exchanges(a))
		after_screen(a, gu_screen_exchange(a));
}
