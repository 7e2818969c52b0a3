/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The case list, or only the drafts: newest first, with the child's name,
 * township and progress; a page at a time, each page read after the last
 * row of the page before (keyset pagination: as cheap deep in the list as
 * at its top). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "tui/app.h"
#include "tui/list_cursor.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

#define PAGE 200

/* The list's state: the page of cases loaded, the last row of each page
 * before it (where the pages start), the cursor and the first row shown. */
typedef struct list_state {
	gu_list_cursor list;    /* first: the list keys find it there */
	bool drafts;            /* only the drafts (and returned cases) */
	gu_case_row *cases;
	gu_case_row *starts;    /* starts[i]: the last row of page i */
	size_t depth, cap;      /* pages before the one loaded; room in starts */
} list_state;

/* Loads the page after starts[depth - 1] (the first page at depth 0). */
static void load(gu_app *a, list_state *l)
{
	gu_case_filter f;
	gu_error err;

	free(l->cases);
	l->cases = NULL;
	l->list.n = 0;
	if (!a->db)
		return;
	memset(&f, 0, sizeof f);
	f.sort = GU_SORT_UPDATED;
	if (l->drafts)
		f.status_mask = (1u << GU_CASE_DRAFT) | (1u << GU_CASE_RETURNED);
	f.limit = PAGE;
	f.after = l->depth ? &l->starts[l->depth - 1] : NULL;
	if (gu_case_list(a->db, &f, &l->cases, &l->list.n, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message);
		l->cases = NULL;
		l->list.n = 0;
	}
}

/* Remembers the last row of the page loaded as the start of the next;
 * returns false (with the message shown) when memory runs out. */
static bool push_start(gu_app *a, list_state *l)
{
	if (l->depth == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		gu_case_row *grown = realloc(l->starts, cap * sizeof *grown);

		if (!grown) {
			gu_app_message(a, GU_R_ERROR, _("out of memory"));
			return false;
		}
		l->starts = grown;
		l->cap = cap;
	}
	l->starts[l->depth++] = l->cases[l->list.n - 1];
	return true;
}

/* Enters the list: its first page. */
static void enter(gu_app *a, void *st)
{
	load(a, st);
}

/* Leaves the list: frees its page. */
static void leave(gu_app *a, void *st)
{
	list_state *l = st;

	(void)a;
	free(l->cases);
	free(l->starts);
}

/* Moves up a row, at the top to the page before; returns GU_SCREEN_STAY. */
static int key_up(gu_app *a, void *st)
{
	list_state *l = st;

	if (l->list.cur > 0) {
		l->list.cur--;
	} else if (l->depth > 0) {
		l->depth--;
		load(a, l);
		l->list.cur = l->list.n ? (int)l->list.n - 1 : 0;
	}
	return GU_SCREEN_STAY;
}

/* Moves down a row, at the bottom to the page after; returns
 * GU_SCREEN_STAY. */
static int key_down(gu_app *a, void *st)
{
	list_state *l = st;

	if ((size_t)l->list.cur + 1 < l->list.n) {
		l->list.cur++;
	} else if (l->list.n == PAGE && push_start(a, l)) {
		load(a, l);
		l->list.cur = l->list.top = 0;
		if (l->list.n == 0) { /* the page was the last one after all */
			l->depth--;
			load(a, l);
			l->list.cur = l->list.n ? (int)l->list.n - 1 : 0;
		}
	}
	return GU_SCREEN_STAY;
}

/* Opens the case under the cursor in the interview or its results;
 * returns GU_SCREEN_JUMP, or GU_SCREEN_STAY when it cannot be opened. */
static int key_open(gu_app *a, void *st)
{
	list_state *l = st;
	const gu_case_row *c;
	char id[GU_ID_SIZE];
	bool editable;

	if ((size_t)l->list.cur >= l->list.n)
		return GU_SCREEN_STAY;
	c = &l->cases[l->list.cur];
	editable = c->status == GU_CASE_DRAFT || c->status == GU_CASE_RETURNED;
	snprintf(id, sizeof id, "%s", c->id);
	free(l->cases);
	l->cases = NULL;
	l->list.n = 0;
	if (gu_session_open(a, id) < 0)
		return GU_SCREEN_STAY;
	gu_flow_go(a, editable ? GU_SCR_INTERVIEW : GU_SCR_RESULT);
	return GU_SCREEN_JUMP;
}

/* The list's keys: they run it, name themselves in the key bar and make
 * its F1 help. */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_open, "Enter", N_("open"), false },
	{ 0, KEY_UP, key_up, "Up/Down", N_("move"), false },
	{ 0, KEY_DOWN, key_down, NULL, NULL, false },
	{ 0, KEY_PPAGE, gu_list_key_page_up, "PgUp/PgDn", N_("page"), true },
	{ 0, KEY_NPAGE, gu_list_key_page_down, NULL, NULL, false },
	{ GU_ESC, 0, gu_scr_key_back, "Esc", N_("back"), false },
	{ 'q', 0, gu_scr_key_back, NULL, NULL, false },
};

/* Draws the list. */
static void draw(gu_app *a, void *st)
{
	list_state *l = st;
	int x = a->lay.margin, w = a->lay.cols - 2 * a->lay.margin, y = a->lay.body.y;
	int h = a->lay.body.h, i;
	char line[800];
	gu_frame_title(a, l->drafts ? _("Drafts") : _("Case list"));
	snprintf(line, sizeof line, _("%zu to %zu, newest first"),
		l->list.n ? l->depth * PAGE + 1 : 0, l->depth * PAGE + l->list.n);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	if (l->list.n == 0) {
		gu_put(y, x, w, l->drafts ? _("There are no drafts.") : _("There are no cases yet."),
			A_NORMAL);
		gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
		return;
	}
	/* the columns' names, so that "36/63" reads as questions answered */
	{
		int col = x;

		gu_put(y, col, 10, _("Status"), gu_attr(GU_R_LABEL));
		col = x + 10;
		gu_put(y, col, 14, _("Child"), gu_attr(GU_R_LABEL));
		col += 15;
		/* TRANSLATORS: column head, at most 20 columns */
		gu_put(y, col, 20, _("Township"), gu_attr(GU_R_LABEL));
		col += 21;
		/* TRANSLATORS: column head over "36/63", at most 8 columns */
		gu_put(y, col, 8, _("Answered"), gu_attr(GU_R_LABEL));
		col += 9;
		/* TRANSLATORS: column head over a date */
		gu_put(y, col, x + w - col, _("Last changed"), gu_attr(GU_R_LABEL));
		y++;
		h--;
	}
	gu_view_follow(l->list.cur, &l->list.top, h);
	for (i = l->list.top; i < (int)l->list.n && y < a->lay.body.y + 1 + h; i++, y++) {
		const gu_case_row *c = &l->cases[i];
		attr_t at = i == l->list.cur ? gu_attr(GU_R_CURSOR) : A_NORMAL;
		char when[16], progress[32];
		time_t t = (time_t)(c->updated / 1000);
		struct tm tmv;
		int col = x;

		localtime_r(&t, &tmv);
		strftime(when, sizeof when, "%Y-%m-%d", &tmv);
		/* answers saved (always current) of the questions that applied when
		 * the draft was last left; after a power cut that count can be older
		 * than the answers, and then only the answers saved are shown */
		if (c->progress_total > c->answered)
			snprintf(progress, sizeof progress, "%d/%d", c->answered, c->progress_total);
		else
			snprintf(progress, sizeof progress, "%d", c->answered);
		gu_fill(y, x, w, at);
		col += gu_put(y, col, 10, gu_case_status_label(c->status), at);
		col = x + 10;
		gu_put(y, col, 14, c->child_name[0] ? c->child_name : _("(no name)"), at);
		col += 15;
		gu_put(y, col, 20, c->township, at);
		col += 21;
		gu_put(y, col, 8, progress, at);
		col += 9;
		gu_put(y, col, x + w - col, when, at);
	}
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* The list of drafts or of all cases. */
static const gu_screen screen = { enter, draw, NULL, leave, keys, sizeof keys / sizeof keys[0] };

/* Runs the list of drafts or of all cases; returns a gu_screen_ret. */
int gu_screen_list(gu_app *a, bool drafts)
{
	list_state l;

	memset(&l, 0, sizeof l);
	l.list.page_less = 1;
	l.drafts = drafts;
	return gu_screen_run(a, &screen, &l);
}
