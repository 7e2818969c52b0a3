/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The conflicts screen at the office (docs/exchange.md): each field a
 * laptop changed on a case the office had changed meanwhile, with both
 * values; a supervisor keeps the office's value, the laptop's, or types
 * one.  Decisions go through gu_xchg_conflict_resolve, as the command's
 * do, and are audited there. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "db/exchange.h"
#include "tui/conflict_words.h"
#include "tui/list_cursor.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screen_exchange.h"
#include "tui/screens_util.h"
#include "tui/widget.h"

/* The list's state: the open conflicts, the cursor, the first row shown,
 * the value being typed (when typing) and the last outcome. */
typedef struct conflicts_state {
	gu_list_cursor list;   /* first: the list keys find it there */
	gu_xchg_conflict *v;
	bool typing;
	gu_edit value;
	char msg[700];
	bool msg_error;
} conflicts_state;

/* Reads the open conflicts again. */
static void load(gu_app *a, conflicts_state *s)
{
	gu_error err;

	gu_xchg_conflicts_free(s->v, s->list.n);
	s->v = NULL;
	s->list.n = 0;
	if (gu_xchg_conflict_list(a->db, false, &s->v, &s->list.n, &err) < 0) {
		snprintf(s->msg, sizeof s->msg, "%s", err.message);
		s->msg_error = true;
	}
	gu_list_step(&s->list, 0);
}

/* Decides the conflict under the cursor; returns GU_SCREEN_STAY. */
static int decide(gu_app *a, conflicts_state *s, enum gu_xkeep keep, const char *value)
{
	char id[GU_ID_SIZE];
	gu_error err;

	if ((size_t)s->list.cur >= s->list.n)
		return GU_SCREEN_STAY;
	snprintf(id, sizeof id, "%s", s->v[s->list.cur].id);
	if (gu_xchg_conflict_resolve(a->db, a->pol, id, keep, value, &err) < 0) {
		snprintf(s->msg, sizeof s->msg, "%s", err.message);
		s->msg_error = true;
		return GU_SCREEN_STAY;
	}
	snprintf(s->msg, sizeof s->msg, _("Conflict %.8s is decided (%s)."), id,
		keep == GU_XKEEP_OFFICE ? _("the office's value kept")
		: keep == GU_XKEEP_LAPTOP ? _("the laptop's value kept") : _("the value given"));
	s->msg_error = false;
	load(a, s);
	return GU_SCREEN_STAY;
}

/* Keeps the office's value; returns GU_SCREEN_STAY. */
static int key_office(gu_app *a, void *st)
{
	return decide(a, st, GU_XKEEP_OFFICE, "keep-office");
}

/* Keeps the laptop's value; returns GU_SCREEN_STAY. */
static int key_laptop(gu_app *a, void *st)
{
	return decide(a, st, GU_XKEEP_LAPTOP, "keep-laptop");
}

/* Starts typing a value of one's own; returns GU_SCREEN_STAY. */
static int key_value(gu_app *a, void *st)
{
	conflicts_state *s = st;

	(void)a;
	if ((size_t)s->list.cur >= s->list.n)
		return GU_SCREEN_STAY;
	gu_edit_set(&s->value, "", sizeof s->value.buf - 1);
	s->typing = true;
	s->msg[0] = '\0';
	return GU_SCREEN_STAY;
}

/* The list's keys: they run it, name themselves in the key bar and make
 * its F1 help. */
static const gu_scr_key keys[] = {
	{ 'o', 0, key_office, "o", N_("keep the office's"), false },
	{ 'l', 0, key_laptop, "l", N_("keep the laptop's"), false },
	{ 'v', 0, key_value, "v", N_("type a value"), false },
	{ 0, KEY_UP, gu_list_key_up, "Up/Down", N_("move"), false },
	{ 0, KEY_DOWN, gu_list_key_down, NULL, NULL, false },
	{ 0, KEY_PPAGE, gu_list_key_page_up, "PgUp/PgDn", N_("page"), true },
	{ 0, KEY_NPAGE, gu_list_key_page_down, NULL, NULL, false },
	{ GU_ESC, 0, gu_scr_key_back, "Esc", N_("back"), false },
	{ 'q', 0, gu_scr_key_back, NULL, NULL, false },
};
#define NKEYS (sizeof keys / sizeof keys[0])

/* Draws a label and one side's value of c at y in w columns; returns the
 * rows used. */
static int put_value(const gu_app *a, const gu_xchg_conflict *c, bool office, int y, int x,
	int w, int rows, const char *label)
{
	char v[700];
	int used;

	gu_put(y, x, 12, label, gu_attr(GU_R_LABEL));
	used = gu_put_wrapped(y, x + 13, w - 13, rows,
		gu_conflict_value(a->pol, c, office, v, sizeof v), A_NORMAL);
	return used > 0 ? used : 1;
}

/* Draws the conflict under the cursor in full from row y. */
static void draw_detail(gu_app *a, const conflicts_state *s, int y, int x, int w)
{
	const gu_xchg_conflict *c = &s->v[s->list.cur];
	char line[600], field[300];
	char *safe;

	snprintf(line, sizeof line, _("Case %.8s, %s, from %s (bundle %lld): %s"), c->case_id,
		gu_conflict_field(a->pol, c, field, sizeof field), c->worker[0] ? c->worker : "-", c->seq,
		strcmp(c->why, "closed") == 0 ? _("the case was closed here")
		: strcmp(c->why, "assigned") == 0 ? _("the case was given to another laptop")
		: _("the office changed it first"));
	safe = gu_text_escape_controls(line, GU_ESCAPE_FIELD);
	y += gu_put_wrapped(y, x, w, 2, safe ? safe : line, gu_attr(GU_R_DIM));
	free(safe);
	y += put_value(a, c, true, y, x, w, 2, _("Office:"));
	put_value(a, c, false, y, x, w, 2, _("Laptop:"));
}

/* Draws one row of the list. */
static void draw_row(const gu_app *a, const gu_xchg_conflict *c, int y, int x, int w, attr_t at)
{
	char field[300], office[700], laptop[700];
	int vw = (w - 8 - 1 - 18 - 2) / 2;

	gu_fill(y, x, w, at);
	gu_put(y, x, 8, c->case_id, at);
	gu_put(y, x + 9, 18, gu_conflict_field(a->pol, c, field, sizeof field), at);
	gu_put(y, x + 28, vw, gu_conflict_value(a->pol, c, true, office, sizeof office), at);
	gu_put(y, x + 29 + vw, w - 29 - vw, gu_conflict_value(a->pol, c, false, laptop,
		sizeof laptop), at);
}

/* Draws the screen. */
static void draw(gu_app *a, void *st)
{
	conflicts_state *s = st;
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y;
	int h = a->lay.body.h - 9, vw = (w - 8 - 1 - 18 - 2) / 2, i;
	char line[200];

	gu_frame_title(a, _("conflicts"));
	gu_scr_who(a);
	snprintf(line, sizeof line, _("Conflicts to decide: %zu"), s->list.n);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	if (s->list.n == 0) {
		gu_put_wrapped(y, x, w, 3, _("Nothing to resolve: no change from a laptop met a "
			"change made here first."), A_NORMAL);
	} else {
		/* TRANSLATORS: column heads of the conflicts: a case (8 columns), a
		 * field (18), the office's value, the laptop's value */
		gu_put(y, x, 8, _("Case"), gu_attr(GU_R_LABEL));
		gu_put(y, x + 9, 18, _("Field"), gu_attr(GU_R_LABEL));
		gu_put(y, x + 28, vw, _("Office's value"), gu_attr(GU_R_LABEL));
		gu_put(y, x + 29 + vw, w - 29 - vw, _("Laptop's value"), gu_attr(GU_R_LABEL));
		y++;
		gu_view_follow(s->list.cur, &s->list.top, h);
		for (i = s->list.top; i < (int)s->list.n && i < s->list.top + h; i++, y++)
			draw_row(a, &s->v[i], y, x, w, i == s->list.cur ? gu_attr(GU_R_CURSOR) : A_NORMAL);
		draw_detail(a, s, a->lay.body.y + a->lay.body.h - 8, x, w);
	}
	y = a->lay.body.y + a->lay.body.h - 2;
	if (s->typing) {
		gu_put(y, x, 12, _("Value:"), gu_attr(GU_R_LABEL));
		gu_edit_draw(&s->value, y, x + 13, w - 13, true);
		if (s->msg[0] && s->msg_error)
			gu_put(y + 1, x, w, s->msg, gu_attr(GU_R_ERROR));
		else
			gu_put(y + 1, x, w, _("Enter: keep this value    Esc: cancel"), gu_attr(GU_R_DIM));
	} else if (s->msg[0]) {
		gu_put_wrapped(y, x, w, 2, s->msg, gu_attr(s->msg_error ? GU_R_ERROR : GU_R_OK));
	}
	gu_scr_keys_bottom(a, keys, NKEYS);
}

/* Takes a key: while a value is typed, the typing; else the table's. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	conflicts_state *s = st;

	if (!s->typing)
		return gu_scr_keys_run(a, st, keys, NKEYS, k);
	if (gu_key_char(k, GU_ESC)) {
		s->typing = false;
		return GU_SCREEN_STAY;
	}
	if (gu_key_fn(k, KEY_ENTER)) {
		if (!s->value.buf[0]) {
			snprintf(s->msg, sizeof s->msg, "%s",
				_("Type the value to keep, or press Esc and keep one of the two."));
			s->msg_error = true;
			return GU_SCREEN_STAY;
		}
		s->typing = false;
		decide(a, s, GU_XKEEP_VALUE, s->value.buf);
		/* a value refused stays to be mended: nothing typed is lost */
		s->typing = s->msg_error;
		return GU_SCREEN_STAY;
	}
	gu_edit_key(&s->value, k, NULL);
	return GU_SCREEN_STAY;
}

/* Frees the list. */
static void leave(gu_app *a, void *st)
{
	conflicts_state *s = st;

	(void)a;
	gu_xchg_conflicts_free(s->v, s->list.n);
	s->v = NULL;
	s->list.n = 0;
}

/* The conflicts screen. */
static const gu_screen screen = { NULL, draw, key, leave, keys, NKEYS };

/* Shows the conflicts to a supervisor at the office; returns a gu_screen_ret. */
int gu_screen_conflicts(gu_app *a)
{
	conflicts_state s;

	if (!gu_scr_is_supervisor(a))
		return gu_scr_notice(a, _("conflicts"),
			_("Only a supervisor decides conflicts at the office."));
	memset(&s, 0, sizeof s);
	s.list.page_less = 9;
	load(a, &s);
	return gu_screen_run(a, &screen, &s);
}
