/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The regular visits (定期走访): the cases visited regularly, the earliest
 * next visit first (all, due this month, or overdue); Enter opens a case,
 * where v records a visit. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/visit_schedule.h"
#include "db/visits.h"
#include "tui/app.h"
#include "tui/harness.h"
#include "tui/list_cursor.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_supervise.h"
#include "tui/screens_util.h"

/* The list's state: which cases, those loaded, the cursor and the first
 * row shown. */
typedef struct visits_state {
	gu_list_cursor list;   /* first: the list keys find it there */
	enum gu_visit_which which;
	gu_visit_due *rows;
	size_t cap;
	bool failed;          /* the rows could not be read (the message says why) */
} visits_state;

/* Appends one case to the list; returns 0, or 1 when out of memory. */
static int add_row(const gu_visit_due *v, void *ctx)
{
	visits_state *s = ctx;
	gu_visit_due *grown;

	if (s->list.n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		grown = realloc(s->rows, s->cap * sizeof *grown);
		if (!grown)
			return 1;
		s->rows = grown;
	}
	s->rows[s->list.n++] = *v;
	return 0;
}

/* Loads the cases of the list chosen. */
static void load(gu_app *a, visits_state *s)
{
	gu_visit_schedule sched;
	gu_error err;
	int ret;

	s->list.n = 0;
	s->failed = false;
	if (!a->db)
		return;
	gu_error_clear(&err);
	ret = gu_visit_schedule_read(a->pol, &sched, &err);
	if (ret == 0)
		ret = gu_visits_each(a->db, &sched, s->which, NULL, gu_today(), add_row, s, &err);
	if (ret != 0) {
		s->failed = true;
		gu_app_message(a, GU_R_ERROR, ret > 0 ? _("out of memory")
			: err.message[0] ? err.message : gu_code_text(err.code));
	}
	gu_list_step(&s->list, 0);
}

/* Enters the list: loads it. */
static void enter(gu_app *a, void *st)
{
	load(a, st);
}

/* Leaves the list: frees its rows. */
static void leave(gu_app *a, void *st)
{
	visits_state *s = st;

	(void)a;
	free(s->rows);
	s->rows = NULL;
	s->list.n = s->cap = 0;
}

/* Shows the next list: all, due this month, overdue; returns
 * GU_SCREEN_STAY. */
static int key_which(gu_app *a, void *st)
{
	visits_state *s = st;

	s->which = s->which == GU_VISITS_ALL ? GU_VISITS_DUE
		: s->which == GU_VISITS_DUE ? GU_VISITS_OVERDUE : GU_VISITS_ALL;
	s->list.cur = s->list.top = 0;
	load(a, s);
	return GU_SCREEN_STAY;
}

/* Opens the case under the cursor, then reads the list again; returns
 * a gu_screen_ret of the case view, or GU_SCREEN_STAY. */
static int key_open(gu_app *a, void *st)
{
	visits_state *s = st;
	char id[GU_ID_SIZE];
	int r;

	if ((size_t)s->list.cur >= s->list.n)
		return GU_SCREEN_STAY;
	snprintf(id, sizeof id, "%s", s->rows[s->list.cur].case_id);
	r = gu_screen_caseview(a, id);
	if (r != GU_SCREEN_BACK)
		return r;
	load(a, s);
	return GU_SCREEN_STAY;
}

/* The list's keys: they run it, name themselves in the key bar and make
 * its F1 help. */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_open, "Enter", N_("open the case"), false },
	{ '\t', 0, key_which, "Tab", N_("all/due/overdue"), false },
	{ 0, KEY_UP, gu_list_key_up, "Up/Down", N_("move"), false },
	{ 0, KEY_DOWN, gu_list_key_down, NULL, NULL, false },
	{ 0, KEY_PPAGE, gu_list_key_page_up, "PgUp/PgDn", N_("page"), true },
	{ 0, KEY_NPAGE, gu_list_key_page_down, NULL, NULL, false },
	{ GU_ESC, 0, gu_scr_key_back, "Esc", N_("back"), false },
	{ 'q', 0, gu_scr_key_back, NULL, NULL, false },
};

/* Returns the title line of the list shown. */
static const char *which_label(enum gu_visit_which w)
{
	switch (w) {
	case GU_VISITS_DUE:
		return _("due from today to the end of this month");
	case GU_VISITS_OVERDUE:
		return _("overdue: the date has passed");
	default:
		return _("all, the earliest next visit first");
	}
}

/* Draws the list. */
static void draw(gu_app *a, void *st)
{
	visits_state *s = st;
	int x = a->lay.margin, w = a->lay.cols - 2 * a->lay.margin, y = a->lay.body.y;
	int h = a->lay.body.h - 1, i, col;
	const char *today = gu_today();
	char line[300];

	gu_frame_title(a, _("Regular visits"));
	/* TRANSLATORS: the list shown and how many cases it holds */
	snprintf(line, sizeof line, _("%s: %zu cases"), which_label(s->which), s->list.n);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	if (s->list.n == 0) {
		if (!s->failed)
			gu_put_wrapped(y, x, w, 3, _("No case in this list. A case is visited regularly "
				"once its interview is finished and one of its groups has a visit interval "
				"in the policy file."), A_NORMAL);
		gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
		return;
	}
	/* TRANSLATORS: column heads of the visit list: a date (10 columns), a
	 * child's name (12), a township (20), a date (10), a worker */
	col = x;
	gu_put(y, col, 10, _("Next visit"), gu_attr(GU_R_LABEL));
	col += 11;
	gu_put(y, col, 12, _("Child"), gu_attr(GU_R_LABEL));
	col += 13;
	gu_put(y, col, 20, _("Township"), gu_attr(GU_R_LABEL));
	col += 21;
	gu_put(y, col, 10, _("Last visit"), gu_attr(GU_R_LABEL));
	col += 11;
	gu_put(y, col, x + w - col, _("Worker"), gu_attr(GU_R_LABEL));
	y++;
	gu_view_follow(s->list.cur, &s->list.top, h);
	for (i = s->list.top; i < (int)s->list.n && i < s->list.top + h; i++, y++) {
		const gu_visit_due *v = &s->rows[i];
		attr_t at = i == s->list.cur ? gu_attr(GU_R_CURSOR) : A_NORMAL;

		gu_fill(y, x, w, at);
		col = x;
		gu_put(y, col, 10, v->next,
			i != s->list.cur && strcmp(v->next, today) < 0 ? gu_attr(GU_R_ALERT) : at);
		col += 11;
		gu_put(y, col, 12, v->child_name[0] ? v->child_name : _("(no name)"), at);
		col += 13;
		gu_put(y, col, 20, v->township, at);
		col += 21;
		gu_put(y, col, 10, v->last[0] ? v->last : "-", at);
		col += 11;
		gu_put(y, col, x + w - col, v->worker, at);
	}
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* The visit list. */
static const gu_screen screen = { enter, draw, NULL, leave, keys, sizeof keys / sizeof keys[0] };

/* Runs the list of visits which; returns a gu_screen_ret. */
int gu_screen_visits(gu_app *a, enum gu_visit_which which)
{
	visits_state s;

	memset(&s, 0, sizeof s);
	s.list.page_less = 2;
	s.which = which;
	return gu_screen_run(a, &screen, &s);
}
