/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The result screen: alerts on top, the questions that would settle the
 * most "verify" items (after the answers the policy's checks question),
 * then the items grouped by the six groups with
 * verdict, persons and reason; items are marked here for referral. */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "core/text.h"
#include "tui/answer_checks.h"
#include "tui/app.h"
#include "tui/family.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_util.h"
#include "tui/sheet_print.h"

enum row_kind { ROW_ALERT, ROW_CHECK_HEAD, ROW_CHECK, ROW_ASK_HEAD, ROW_ASK, ROW_GROUP, ROW_ITEM,
	ROW_BLANK, ROW_NONE };

typedef struct rrow {
	enum row_kind kind;
	int idx;     /* alert, ask_next or result index */
} rrow;

#define MAX_ASK 3
/* Checks listed under "answers to check", each on up to 2 rows. */
#define MAX_CHECKS 8

/* The result screen's state: the cursor row and the first row shown. */
typedef struct result_state {
	int cur, top;
} result_state;

static result_state results;

/* Returns the width alerts are wrapped to. */
static int alert_width(const gu_app *a)
{
	return a->lay.cols - 2 * a->lay.margin - 2;
}

/* Fills rows (at most max) for the results; returns how many. */
static size_t build_rows(const gu_app *a, rrow *rows, size_t max)
{
	const gu_results *r = &a->ses->res;
	size_t n = 0, i, g;
	const char *groups[16];
	size_t ngroups = 0, shown = 0, nchecks;
	gu_check_hit checks[MAX_CHECKS];

#define ADD(k, ix) do { if (n < max) { rows[n].kind = (k); rows[n].idx = (int)(ix); n++; } } while (0)
	/* an alert takes as many rows as it needs (up to 4): idx is alert * 4 + row */
	for (i = 0; i < r->nalerts; i++) {
		int nrows = gu_wrapped_rows(r->alerts[i].text, alert_width(a)), k;

		for (k = 0; k < nrows && k < 4; k++)
			ADD(ROW_ALERT, i * 4 + (size_t)k);
	}
	if (r->nalerts)
		ADD(ROW_BLANK, 0);
	nchecks = gu_case_checks(a, checks, MAX_CHECKS);
	if (nchecks) {
		ADD(ROW_CHECK_HEAD, 0);
		for (i = 0; i < nchecks; i++) {
			int nrows = gu_wrapped_rows(checks[i].text, alert_width(a) - 4), k;

			for (k = 0; k < nrows && k < 2; k++)
				ADD(ROW_CHECK, i * 2 + (size_t)k);
		}
		ADD(ROW_BLANK, 0);
	}
	if (r->nask) {
		ADD(ROW_ASK_HEAD, 0);
		for (i = 0; i < r->nask && i < MAX_ASK; i++)
			ADD(ROW_ASK, i);
		ADD(ROW_BLANK, 0);
	}
	/* the groups in the order their first items come */
	for (i = 0; i < r->n; i++) {
		const gu_item *it = gu_policy_item_by_number(a->pol, r->v[i].item);
		bool seen = false;

		if (!it)
			continue;
		for (g = 0; g < ngroups; g++)
			seen = seen || strcmp(groups[g], it->group_id) == 0;
		if (!seen && ngroups < 16)
			groups[ngroups++] = it->group_id;
	}
	for (g = 0; g < ngroups; g++) {
		bool head = false;

		for (i = 0; i < r->n; i++) {
			const gu_item *it = gu_policy_item_by_number(a->pol, r->v[i].item);

			if (!it || r->v[i].verdict == GU_NO || strcmp(it->group_id, groups[g]) != 0)
				continue;
			if (!head) {
				ADD(ROW_GROUP, i);
				head = true;
			}
			ADD(ROW_ITEM, i);
			shown++;
		}
	}
	if (shown == 0)
		ADD(ROW_NONE, 0);
#undef ADD
	return n;
}

/* Returns true for rows the cursor can rest on. */
static bool selectable(const rrow *r)
{
	return r->kind == ROW_ITEM || r->kind == ROW_ASK;
}

/* The items of the case on screen that have a referral already, with its
 * status now and the day it was made (marking one again keeps that
 * referral). */
static bool referred[GU_ITEMS_MAX + 1];
static enum gu_ref_status ref_now[GU_ITEMS_MAX + 1];
static char ref_on[GU_ITEMS_MAX + 1][12];

/* Reads which items of the session's case are referred; none on failure. */
static void load_referred(gu_app *a)
{
	gu_referral *r = NULL;
	size_t n = 0, i;
	gu_error err;

	memset(referred, 0, sizeof referred);
	if (!a->db || !a->ses || gu_referral_list(a->db, a->ses->id, &r, &n, &err) < 0)
		return;
	for (i = 0; i < n; i++)
		if (r[i].item >= 1 && r[i].item <= GU_ITEMS_MAX) {
			referred[r[i].item] = true;
			ref_now[r[i].item] = r[i].status;
			snprintf(ref_on[r[i].item], sizeof ref_on[0], "%s", r[i].referred_on);
		}
	gu_referrals_free(r, n);
}

/* Returns true when item has a referral that has not ended. */
static bool referral_open(int item)
{
	return item >= 1 && item <= GU_ITEMS_MAX && referred[item] && !gu_ref_status_ends(ref_now[item]);
}

/* Enters the result screen, evaluating the answers. */
static void enter(gu_app *a, void *st)
{
	result_state *rs = st;
	rrow rows[128];
	size_t n, i;

	load_referred(a);
	rs->top = 0;
	rs->cur = 0;
	a->msg[0] = '\0';
	if (gu_session_evaluate(a) < 0)
		return;
	n = build_rows(a, rows, 128);
	for (i = 0; i < n; i++)
		if (selectable(&rows[i])) {
			rs->cur = (int)i;
			break;
		}
}

/* Returns the translated verdict word. */
static const char *verdict_word(gu_tv v)
{
	/* TRANSLATORS: verdict, at most 8 columns */
	return v == GU_YES ? _("eligible") : _("verify");
}

/* The fewest columns a reason is shown in beside its item; narrower, the
 * name takes them and the message line shows the highlighted one's. */
#define MIN_REASON_W 24

/* Returns true when the first n bytes of s end inside a word of letters
 * or digits. */
static bool mid_word(const char *s, size_t n)
{
	return isalnum((unsigned char)s[n - 1]) && isalnum((unsigned char)s[n]);
}

/* Draws item it's name within w columns at y, x; returns the columns
 * drawn.  A name too long whose item has a short form keeps the short
 * form whole (it tells apart the items of one service) and cuts the
 * service's name after a word, "Compulsory education… · free tuition";
 * when not even a word of it fits, the short form alone. */
static int draw_name(int y, int x, int w, const gu_item *it, attr_t at)
{
	const char *name = gu_item_name(it), *head, *tail;
	char line[600];
	int room, cut;
	size_t n;

	if (!it || gu_text_width(name) <= w)
		return gu_put(y, x, w, name, at);
	head = gu_pick(it->name_zh, it->name_en);
	tail = gu_pick(it->short_zh, it->short_en);
	if (!tail || !tail[0])
		return gu_put_cut(y, x, w, name, at);
	room = w - gu_text_width(" · ") - gu_text_width(tail);
	n = room >= 8 ? gu_text_cut(head, room, &cut) : 0;
	if (n > 0 && cut && mid_word(head, n))
		n = 0;
	if (n == 0)
		return gu_put_cut(y, x, w, tail, at);
	snprintf(line, sizeof line, "%.*s%s · %s", (int)n, head, cut ? "…" : "", tail);
	return gu_put(y, x, w, line, at);
}

/* Writes into buf an item's reason, after its referral's status when it
 * is referred; returns buf. */
static const char *item_why(const gu_result *res, char *buf, size_t size)
{
	if (res->item >= 1 && res->item <= GU_ITEMS_MAX && referred[res->item])
		/* TRANSLATORS: a referred item's status now, then the item's reason */
		snprintf(buf, size, _("%s: %s"), gu_ref_status_label(ref_now[res->item]),
			res->reason ? res->reason : "");
	else
		snprintf(buf, size, "%s", res->reason ? res->reason : "");
	return buf;
}

/* Returns the columns of the widest name of the items listed (eligible
 * or to verify). */
static int widest_name(gu_app *a)
{
	const gu_results *r = &a->ses->res;
	size_t i;
	int widest = 0;

	for (i = 0; i < r->n; i++) {
		int cols;

		if (r->v[i].verdict != GU_YES && r->v[i].verdict != GU_MAYBE)
			continue;
		cols = gu_text_width(gu_item_name(gu_policy_item_by_number(a->pol, r->v[i].item)));
		if (cols > widest)
			widest = cols;
	}
	return widest;
}

/* Draws one item row at y: the names are given the columns of a reason
 * too narrow to read when one of the names listed would be cut. */
static void draw_item(gu_app *a, int y, int x, int w, int idx, bool here)
{
	const gu_result *res = &a->ses->res.v[idx];
	const gu_item *it = gu_policy_item_by_number(a->pol, res->item);
	int name_w = w >= 100 ? 38 : w >= 76 ? 30 : 22, pers_w = w >= 100 ? 18 : 10, col = x;
	int reason_w = w - (5 + 4 + name_w + 1 + 9 + pers_w + 1);
	bool names_take_reason = reason_w < MIN_REASON_W && widest_name(a) > name_w;
	attr_t base = here ? gu_attr(GU_R_CURSOR) : A_NORMAL;
	char num[16], persons[300], why[600];

	gu_fill(y, x, w, base);
	/* The mark has a cell of 4 columns and a space, so "[转]" keeps the columns of "[ ]". */
	gu_put(y, col, 4, a->ses->marked[idx] ? "[x]"
		/* TRANSLATORS: an item referred already, in place of "[ ]", at most 4 columns */
		: res->item >= 1 && res->item <= GU_ITEMS_MAX && referred[res->item] ? _("[R]")
		: "[ ]", base);
	col += 5;
	snprintf(num, sizeof num, "%2d", res->item);
	col += gu_put(y, col, 3, num, base) + 1;
	if (names_take_reason)
		name_w += reason_w > 0 ? reason_w : 0;
	draw_name(y, col, name_w, it, base);
	col += name_w + 1;
	gu_put(y, col, 8, verdict_word(res->verdict),
		here ? base : gu_attr(res->verdict == GU_YES ? GU_R_ELIGIBLE : GU_R_VERIFY));
	col += 9;
	gu_put_cut(y, col, pers_w, gu_persons_words(res->persons, persons, sizeof persons), base);
	col += pers_w + 1;
	item_why(res, why, sizeof why);
	if (!names_take_reason && col < x + w)
		gu_put_cut(y, col, x + w - col, why, here ? base : gu_attr(GU_R_DIM));
}

/* Moves the cursor to the next selectable row in direction dir. */
static void move_cursor(result_state *rs, const rrow *rows, size_t n, int dir, int steps)
{
	int i = rs->cur, k;

	for (k = 0; k < steps; k++) {
		int j = i + dir;

		while (j >= 0 && j < (int)n && !selectable(&rows[j]))
			j += dir;
		if (j < 0 || j >= (int)n)
			break;
		i = j;
	}
	rs->cur = i;
	if (dir < 0 && rs->cur <= 3)
		rs->top = 0;       /* show the alerts above again */
}

/* Goes back to the questions; returns GU_SCREEN_STAY. */
static int key_back(gu_app *a, void *st)
{
	(void)st;
	gu_flow_go(a, GU_SCR_INTERVIEW);
	return GU_SCREEN_STAY;
}

/* Moves the cursor steps selectable rows in direction dir (nothing while
 * there are no results); returns GU_SCREEN_STAY. */
static int move_by(gu_app *a, result_state *rs, int dir, int steps)
{
	rrow rows[128];
	size_t n;

	if (!a->ses->have_res)
		return GU_SCREEN_STAY;
	n = build_rows(a, rows, 128);
	move_cursor(rs, rows, n, dir, steps);
	return GU_SCREEN_STAY;
}

/* Moves up a row; returns GU_SCREEN_STAY. */
static int key_up(gu_app *a, void *st)
{
	return move_by(a, st, -1, 1);
}

/* Moves down a row; returns GU_SCREEN_STAY. */
static int key_down(gu_app *a, void *st)
{
	return move_by(a, st, 1, 1);
}

/* Moves up a screen; returns GU_SCREEN_STAY. */
static int key_page_up(gu_app *a, void *st)
{
	return move_by(a, st, -1, a->lay.body.h - 1);
}

/* Moves down a screen; returns GU_SCREEN_STAY. */
static int key_page_down(gu_app *a, void *st)
{
	return move_by(a, st, 1, a->lay.body.h - 1);
}

/* Marks the item under the cursor for referral, or unmarks it; returns
 * GU_SCREEN_STAY. */
static int key_refer(gu_app *a, void *st)
{
	result_state *rs = st;
	rrow rows[128];
	size_t n;

	if (!a->ses->have_res)
		return GU_SCREEN_STAY;
	n = build_rows(a, rows, 128);
	if (rs->cur < (int)n && rows[rs->cur].kind == ROW_ITEM) {
		bool *m = &a->ses->marked[rows[rs->cur].idx];
		int item = a->ses->res.v[rows[rs->cur].idx].item;

		if (referral_open(item)) {
			char msg[400];

			snprintf(msg, sizeof msg,
				_("Item %d is referred already (on %s, now %s): record what happened "
				  "since with f on the case screen."), item, ref_on[item],
				gu_ref_status_label(ref_now[item]));
			gu_app_message(a, GU_R_ERROR, msg);
			return GU_SCREEN_STAY;
		}
		a->msg[0] = '\0';
		*m = !*m;
	}
	return GU_SCREEN_STAY;
}

/* Opens the item under the cursor in full, or asks the question under it;
 * without results, goes to the question to fix.  Returns a gu_screen_ret
 * or GU_SCREEN_STAY. */
static int key_enter(gu_app *a, void *st)
{
	result_state *rs = st;
	gu_session *s = a->ses;
	rrow rows[128];
	size_t n, at;

	if (!s->have_res) {
		if (s->eval_key[0]) {
			at = gu_session_find(s, s->eval_key);
			if (at < s->nsteps) {
				s->pos = at;
				gu_flow_go(a, GU_SCR_INTERVIEW);
			}
		}
		return GU_SCREEN_STAY;
	}
	n = build_rows(a, rows, 128);
	if (rs->cur >= (int)n)
		return GU_SCREEN_STAY;
	if (rows[rs->cur].kind == ROW_ITEM)
		return gu_screen_item(a, rows[rs->cur].idx);
	if (rows[rs->cur].kind == ROW_ASK) {
		at = gu_session_find(s, s->res.ask_next[rows[rs->cur].idx]);
		if (at < s->nsteps) {
			s->pos = at;
			gu_interview_from_results(a);
		} else {
			gu_app_message(a, GU_R_ERROR, _("That question is not asked for this family."));
		}
	}
	return GU_SCREEN_STAY;
}

/* Goes on to finish the case; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key_finish(gu_app *a, void *st)
{
	(void)st;
	if (!a->ses->have_res)
		return GU_SCREEN_STAY;
	return gu_screen_finish(a);
}

/* Saves the results on screen, then prints the case's referral sheets;
 * returns GU_SCREEN_STAY. */
static int key_print(gu_app *a, void *st)
{
	gu_session *s = a->ses;
	gu_error err;

	(void)st;
	if (!s->have_res)
		return GU_SCREEN_STAY;
	if (gu_session_store(a) < 0) {
		gu_app_message(a, GU_R_ERROR, s->save_err);
		return GU_SCREEN_STAY;
	}
	if (gu_case_save_results(a->db, s->id, &s->res, gu_policy_id(a->pol),
			gu_policy_version(a->pol), gu_policy_hash(a->pol), &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message[0] ? err.message : gu_code_text(err.code));
		return GU_SCREEN_STAY;
	}
	gu_sheet_print(a, s->id);
	load_referred(a);
	return GU_SCREEN_STAY;
}

/* Starts the interview of another child of this family, from this case
 * (stored first); returns GU_SCREEN_JUMP or GU_SCREEN_STAY. */
static int key_sibling(gu_app *a, void *st)
{
	gu_session *s = a->ses;

	(void)st;
	if (gu_session_store(a) < 0) {
		gu_app_message(a, GU_R_ERROR, s->save_err);
		return GU_SCREEN_STAY;
	}
	return gu_family_begin(a, s->id);
}

/* The result screen's keys: they run it, name themselves in the key bar
 * and make its F1 help. */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_enter, "Enter", N_("details"), false },
	{ ' ', 0, key_refer, "Space", N_("refer"), false },
	{ 'r', 0, key_refer, NULL, NULL, false },
	{ 'f', 0, key_finish, "f", N_("finish"), false },
	{ 0, KEY_F(10), key_finish, NULL, NULL, false },
	{ GU_ESC, 0, key_back, "Esc", N_("back to questions"), false },
	{ 'b', 0, key_back, NULL, NULL, false },
	{ 'p', 0, key_print, "p", N_("print sheets"), false },
	{ 'n', 0, key_sibling, "n", N_("another child of this family"), true },
	{ 0, KEY_UP, key_up, "Up/Down", N_("move"), true },
	{ 0, KEY_DOWN, key_down, NULL, NULL, false },
	{ 0, KEY_PPAGE, key_page_up, "PgUp/PgDn", N_("page"), true },
	{ 0, KEY_NPAGE, key_page_down, NULL, NULL, false },
};

/* Draws the result screen. */
static void draw(gu_app *a, void *st)
{
	result_state *rs = st;
	gu_session *s = a->ses;
	rrow rows[128];
	size_t n, i;
	int x = a->lay.margin, w = a->lay.cols - 2 * a->lay.margin, y, h;
	char line[800], title[300];
	const char *name = gu_answers_get(&s->ans, GU_KEY_CHILD_NAME);
	int neli = 0, nver = 0;

	snprintf(title, sizeof title, "%s  %s", _("Results"),
		name && strcmp(name, "unknown") ? name : "");
	gu_frame_title(a, title);
	if (!s->have_res) {
		y = a->lay.body.y;
		y += gu_put_wrapped(y, x, w, 2, _("The answers do not agree, so there are no results yet:"),
			gu_attr(GU_R_LABEL));
		y += gu_put_wrapped(y, x, w, 4, s->eval_err, gu_attr(GU_R_ERROR));
		y++;
		gu_put_wrapped(y, x, w, 2, _("Press Enter to go to that question, or Esc to go back."),
			A_NORMAL);
		gu_scr_keys_bottom(a, keys, 0);
		return;
	}
	for (i = 0; i < s->res.n; i++) {
		neli += s->res.v[i].verdict == GU_YES;
		nver += s->res.v[i].verdict == GU_MAYBE;
	}
	snprintf(line, sizeof line, _("%d eligible, %d to verify    list version %s"), neli, nver,
		gu_policy_version(a->pol));
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_LABEL));
	n = build_rows(a, rows, 128);
	y = a->lay.body.y - 1;
	h = a->lay.body.h + 1;
	gu_view_follow(rs->cur, &rs->top, h);
	for (i = (size_t)rs->top; i < n && y < a->lay.body.y + a->lay.body.h; i++, y++) {
		const rrow *r = &rows[i];
		bool here = (int)i == rs->cur;

		switch (r->kind) {
		case ROW_ALERT: {
			gu_text_line lines[4];
			const char *t = s->res.alerts[r->idx / 4].text;
			size_t nl = gu_text_wrap(t, alert_width(a), lines, 4);
			size_t k = (size_t)(r->idx % 4);

			gu_fill(y, x, w, gu_attr(GU_R_ALERT));
			if (k < nl && k < 4)
				gu_putn(y, x + 1, w - 1, t + lines[k].start, lines[k].len, gu_attr(GU_R_ALERT));
			break;
		}
		case ROW_CHECK_HEAD:
			gu_put(y, x, w, _("Answers to check:"), gu_attr(GU_R_LABEL));
			break;
		case ROW_CHECK: {
			gu_check_hit checks[MAX_CHECKS];
			size_t nc = gu_case_checks(a, checks, MAX_CHECKS), k = (size_t)(r->idx % 2);
			gu_text_line lines[2];
			const gu_check_hit *hit = (size_t)(r->idx / 2) < nc ? &checks[r->idx / 2] : NULL;
			size_t nl = hit ? gu_text_wrap(hit->text, alert_width(a) - 4, lines, 2) : 0;
			attr_t at = gu_attr(hit && hit->error ? GU_R_ERROR : GU_R_VERIFY);

			if (hit && k == 0)
				gu_put(y, x + 1, 2, hit->error ? "!" : "?", at);
			if (k < nl)
				gu_putn(y, x + 4, w - 4, hit->text + lines[k].start, lines[k].len, at);
			break;
		}
		case ROW_ASK_HEAD:
			gu_put(y, x, w, _("Asking these would settle items to verify:"), gu_attr(GU_R_LABEL));
			break;
		case ROW_ASK:
			gu_key_label(a, s->res.ask_next[r->idx], title, sizeof title);
			snprintf(line, sizeof line, "  ? %s", title);
			gu_put_line(y, x, w, line, here ? gu_attr(GU_R_CURSOR) : gu_attr(GU_R_VERIFY));
			break;
		case ROW_GROUP: {
			const gu_item *it = gu_policy_item_by_number(a->pol, s->res.v[r->idx].item);

			gu_put(y, x, w, it ? gu_pick(it->group_zh, it->group_en) : "", gu_attr(GU_R_LABEL));
			break;
		}
		case ROW_ITEM:
			draw_item(a, y, x, w, r->idx, here);
			break;
		case ROW_NONE:
			gu_put(y, x, w, _("No item of the list applies to these answers."), A_NORMAL);
			break;
		default:
			break;
		}
	}
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
	/* several items share a service name: the highlighted one's whole
	 * reason (after its referral's status) is shown on the message line
	 * when it is free */
	if (!a->msg[0] && rs->cur >= 0 && (size_t)rs->cur < n
			&& rows[rs->cur].kind == ROW_ITEM) {
		const gu_result *res = &s->res.v[rows[rs->cur].idx];
		char why[600];

		if (item_why(res, why, sizeof why)[0])
			gu_put_wrapped(a->lay.message.y, 1, a->lay.cols - 2, 1, why, gu_attr(GU_R_DIM));
	}
}

/* The result screen. */
static const gu_screen screen = { enter, draw, NULL, NULL, keys, sizeof keys / sizeof keys[0] };
const gu_flow_screen gu_result_flow = { &screen, &results };
