/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The possible duplicates at the office (docs/exchange.md): each pair of
 * cases that may be one child, with the two children's names, dates of
 * birth and townships and why they matched; a supervisor merges the
 * second into the first (after confirming) or marks them as different
 * children, through the same functions as "guanai duplicates". */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "db/exchange.h"
#include "tui/list_cursor.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screen_exchange.h"
#include "tui/screens_util.h"

/* One child of a pair as the list shows it. */
typedef struct dup_child {
	char name[128], dob[16], township[128];
} dup_child;

/* One pair and its two children. */
typedef struct dup_row {
	gu_xchg_duplicate d;
	dup_child a, b;
} dup_row;

/* The list's state: the open pairs, the cursor, the first row shown,
 * whether a merge waits to be confirmed, and the last outcome. */
typedef struct dups_state {
	gu_list_cursor list;   /* first: the list keys find it there */
	dup_row *rows;
	bool confirming;
	char msg[700];
	bool msg_error;
} dups_state;

/* Fills c with the name, date of birth and township of case id ("-" for
 * what cannot be read). */
static void read_child(gu_app *a, const char *id, dup_child *c)
{
	gu_case_info info;
	gu_answers ans;
	gu_error err;
	const char *dob;

	snprintf(c->name, sizeof c->name, "-");
	snprintf(c->township, sizeof c->township, "-");
	snprintf(c->dob, sizeof c->dob, "-");
	if (gu_case_get(a->db, id, &info, &err) < 0)
		return;
	if (info.child_name[0])
		snprintf(c->name, sizeof c->name, "%s", info.child_name);
	if (info.township[0])
		snprintf(c->township, sizeof c->township, "%s", info.township);
	gu_answers_init(&ans);
	if (gu_case_load_answers(a->db, id, &ans, &err) == 0
	    && (dob = gu_answers_get(&ans, GU_KEY_CHILD_DOB)) && dob[0])
		snprintf(c->dob, sizeof c->dob, "%s", dob);
	gu_answers_free(&ans);
}

/* Reads the open pairs again. */
static void load(gu_app *a, dups_state *s)
{
	gu_xchg_duplicate *d = NULL;
	gu_error err;
	size_t n = 0, i;

	free(s->rows);
	s->rows = NULL;
	s->list.n = 0;
	if (gu_xchg_duplicate_list(a->db, false, &d, &n, &err) < 0) {
		snprintf(s->msg, sizeof s->msg, "%s", err.message);
		s->msg_error = true;
	} else if (n > 0 && !(s->rows = calloc(n, sizeof *s->rows))) {
		snprintf(s->msg, sizeof s->msg, "%s", _("out of memory"));
		s->msg_error = true;
	} else {
		for (i = 0; i < n; i++) {
			s->rows[i].d = d[i];
			read_child(a, d[i].case_a, &s->rows[i].a);
			read_child(a, d[i].case_b, &s->rows[i].b);
		}
		s->list.n = n;
	}
	free(d);
	gu_list_step(&s->list, 0);
}

/* Returns why a pair matched, in words. */
static const char *why_words(const char *why)
{
	return strcmp(why, "id_number") == 0 ? _("same ID number")
		: strcmp(why, "pinyin_dob_township") == 0
		? _("same name in pinyin, date of birth and township")
		: _("same name, date of birth and township");
}

/* Asks to confirm merging the pair under the cursor; returns GU_SCREEN_STAY. */
static int key_merge(gu_app *a, void *st)
{
	dups_state *s = st;

	(void)a;
	if ((size_t)s->list.cur < s->list.n) {
		s->confirming = true;
		s->msg[0] = '\0';
	}
	return GU_SCREEN_STAY;
}

/* Merges the pair under the cursor, the second case into the first;
 * returns GU_SCREEN_STAY. */
static int merge(gu_app *a, dups_state *s)
{
	const gu_xchg_duplicate *d = &s->rows[s->list.cur].d;
	char keep[GU_ID_SIZE], other[GU_ID_SIZE];
	gu_error err;

	snprintf(keep, sizeof keep, "%s", d->case_a);
	snprintf(other, sizeof other, "%s", d->case_b);
	if (gu_xchg_duplicate_merge(a->db, keep, other, &err) < 0) {
		snprintf(s->msg, sizeof s->msg, "%s", err.message);
		s->msg_error = true;
		return GU_SCREEN_STAY;
	}
	snprintf(s->msg, sizeof s->msg, _("Case %.8s is merged into case %.8s and closed."),
		other, keep);
	s->msg_error = false;
	load(a, s);
	return GU_SCREEN_STAY;
}

/* Marks the pair under the cursor as different children; returns
 * GU_SCREEN_STAY. */
static int key_different(gu_app *a, void *st)
{
	dups_state *s = st;
	char ca[GU_ID_SIZE], cb[GU_ID_SIZE];
	gu_error err;

	if ((size_t)s->list.cur >= s->list.n)
		return GU_SCREEN_STAY;
	snprintf(ca, sizeof ca, "%s", s->rows[s->list.cur].d.case_a);
	snprintf(cb, sizeof cb, "%s", s->rows[s->list.cur].d.case_b);
	if (gu_xchg_duplicate_different(a->db, ca, cb, &err) < 0) {
		snprintf(s->msg, sizeof s->msg, "%s", err.message);
		s->msg_error = true;
		return GU_SCREEN_STAY;
	}
	snprintf(s->msg, sizeof s->msg,
		_("Cases %.8s and %.8s are marked as different children."), ca, cb);
	s->msg_error = false;
	load(a, s);
	return GU_SCREEN_STAY;
}

/* The list's keys: they run it, name themselves in the key bar and make
 * its F1 help. */
static const gu_scr_key keys[] = {
	{ 'm', 0, key_merge, "m", N_("merge"), false },
	{ 'd', 0, key_different, "d", N_("different children"), false },
	{ 0, KEY_UP, gu_list_key_up, "Up/Down", N_("move"), false },
	{ 0, KEY_DOWN, gu_list_key_down, NULL, NULL, false },
	{ 0, KEY_PPAGE, gu_list_key_page_up, "PgUp/PgDn", N_("page"), true },
	{ 0, KEY_NPAGE, gu_list_key_page_down, NULL, NULL, false },
	{ GU_ESC, 0, gu_scr_key_back, "Esc", N_("back"), false },
	{ 'q', 0, gu_scr_key_back, NULL, NULL, false },
};
#define NKEYS (sizeof keys / sizeof keys[0])

/* Draws one child's three columns from x; returns the column after them. */
static int put_child(int y, int x, const dup_child *c, attr_t at)
{
	gu_put(y, x, 10, c->name, at);
	gu_put(y, x + 11, 10, c->dob, at);
	gu_put(y, x + 22, 14, c->township, at);
	return x + 37;
}

/* Draws the confirmation of a merge over the list. */
static void draw_confirm(gu_app *a, const dups_state *s)
{
	const gu_xchg_duplicate *d = &s->rows[s->list.cur].d;
	char line[700];
	int w;
	gu_rect r = gu_layout_popup(&a->lay, 10, 64);

	w = r.w - 4;
	snprintf(line, sizeof line, _("Merge case %.8s (%s) into case %.8s (%s)?  The answers "
		"case %.8s lacks are copied from case %.8s, both histories stay, and case %.8s "
		"is closed with a note naming case %.8s."), d->case_b, s->rows[s->list.cur].b.name,
		d->case_a, s->rows[s->list.cur].a.name, d->case_a, d->case_b, d->case_b, d->case_a);
	gu_scr_box(r, _("Merge two cases"));
	gu_put_wrapped(r.y + 2, r.x + 2, w, r.h - 5, line, A_NORMAL);
	gu_put(r.y + r.h - 2, r.x + 2, w, _("y merge    n or Esc cancel"), gu_attr(GU_R_LABEL));
}

/* Draws the screen. */
static void draw(gu_app *a, void *st)
{
	dups_state *s = st;
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y;
	int h = a->lay.body.h - 7, i, col;
	char line[300];

	gu_frame_title(a, _("possible duplicates"));
	gu_scr_who(a);
	snprintf(line, sizeof line, _("Possible duplicates: %zu"), s->list.n);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	if (s->list.n == 0) {
		gu_put_wrapped(y, x, w, 3, _("Nothing to decide: no two cases look like the same "
			"child."), A_NORMAL);
	} else {
		/* TRANSLATORS: column heads of the possible duplicates, twice: a
		 * child's name (10 columns), a date of birth (10), a township (14) */
		for (col = x, i = 0; i < 2; i++) {
			gu_put(y, col, 10, _("Child"), gu_attr(GU_R_LABEL));
			gu_put(y, col + 11, 10, _("Born"), gu_attr(GU_R_LABEL));
			gu_put(y, col + 22, 14, _("Township"), gu_attr(GU_R_LABEL));
			col += 37;
		}
		y++;
		gu_view_follow(s->list.cur, &s->list.top, h);
		for (i = s->list.top; i < (int)s->list.n && i < s->list.top + h; i++, y++) {
			attr_t at = i == s->list.cur ? gu_attr(GU_R_CURSOR) : A_NORMAL;

			gu_fill(y, x, w, at);
			put_child(y, put_child(y, x, &s->rows[i].a, at), &s->rows[i].b, at);
		}
		y = a->lay.body.y + a->lay.body.h - 5;
		snprintf(line, sizeof line, _("Cases %.8s and %.8s: %s"), s->rows[s->list.cur].d.case_a,
			s->rows[s->list.cur].d.case_b, why_words(s->rows[s->list.cur].d.why));
		gu_put_wrapped(y, x, w, 2, line, gu_attr(GU_R_DIM));
	}
	if (s->msg[0])
		gu_put_wrapped(a->lay.body.y + a->lay.body.h - 2, x, w, 2, s->msg,
			gu_attr(s->msg_error ? GU_R_ERROR : GU_R_OK));
	gu_scr_keys_bottom(a, keys, NKEYS);
	if (s->confirming && (size_t)s->list.cur < s->list.n)
		draw_confirm(a, s);
}

/* Takes a key: while a merge waits, y or n; else the table's. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	dups_state *s = st;

	if (!s->confirming)
		return gu_scr_keys_run(a, st, keys, NKEYS, k);
	if (gu_key_char(k, 'y') || gu_key_char(k, 'Y')) {
		s->confirming = false;
		return merge(a, s);
	}
	if (gu_key_char(k, 'n') || gu_key_char(k, 'N') || gu_key_char(k, GU_ESC))
		s->confirming = false;
	return GU_SCREEN_STAY;
}

/* Frees the list. */
static void leave(gu_app *a, void *st)
{
	dups_state *s = st;

	(void)a;
	free(s->rows);
	s->rows = NULL;
	s->list.n = 0;
}

/* The duplicates screen. */
static const gu_screen screen = { NULL, draw, key, leave, keys, NKEYS };

/* Shows the possible duplicates to a supervisor at the office; returns a
 * gu_screen_ret. */
int gu_screen_duplicates(gu_app *a)
{
	dups_state s;

	if (!gu_scr_is_supervisor(a))
		return gu_scr_notice(a, _("possible duplicates"),
			_("Only a supervisor decides possible duplicates at the office."));
	memset(&s, 0, sizeof s);
	s.list.page_less = 7;
	load(a, &s);
	return gu_screen_run(a, &screen, &s);
}
