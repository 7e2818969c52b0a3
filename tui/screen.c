/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The one screen model: running a screen and its table of keys. */
#include <string.h>

#include "core/i18n.h"
#include "tui/app.h"
#include "tui/harness.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

/* Draws screen s in full (or the too-small screen) and shows it. */
void gu_screen_paint(gu_app *a, const gu_screen *s, void *st)
{
	erase();
	gu_keys_line_forget();
	if (a->lay.too_small)
		gu_small_draw(a);
	else
		s->draw(a, st);
	gu_cursor_apply();
	refresh();
}

/* Hands key k to screen s: its key function, else its table of keys;
 * returns the answer (GU_SCREEN_STAY or a gu_screen_ret). */
int gu_screen_key(gu_app *a, const gu_screen *s, void *st, const gu_key *k)
{
	if (s->key)
		return s->key(a, st, k);
	return gu_scr_keys_run(a, st, s->keys, s->nkeys, k);
}

/* Runs screen s from enter to leave; returns a gu_screen_ret. */
int gu_screen_run(gu_app *a, const gu_screen *s, void *st)
{
	int r;

	if (s->enter)
		s->enter(a, st);
	for (;;) {
		gu_key k;

		gu_screen_paint(a, s, st);
		gu_harness_key_done();
		k = gu_next_key();
		if (gu_key_fn(&k, GU_KEY_EOF)) {
			a->quit = true;
			r = GU_SCREEN_QUIT;
			break;
		}
		if (gu_key_fn(&k, KEY_RESIZE)) {
			gu_layout_compute(&a->lay, LINES, COLS);
			continue;
		}
		if (a->lay.too_small)
			continue;      /* keys wait until the screen is large enough again */
		r = gu_screen_key(a, s, st, &k);
		if (a->quit) {
			r = GU_SCREEN_QUIT;
			break;
		}
		if (r != GU_SCREEN_STAY)
			break;
	}
	if (s->leave)
		s->leave(a, st);
	return r;
}

/* Returns the row of keys that k is, or NULL. */
const gu_scr_key *gu_scr_keys_find(const gu_scr_key *keys, size_t n, const gu_key *k)
{
	for (size_t i = 0; i < n; i++)
		if ((keys[i].ch && gu_key_char(k, keys[i].ch)) || (keys[i].fn && gu_key_fn(k, keys[i].fn)))
			return &keys[i];
	return NULL;
}

/* Takes k through the table (F1: the help); returns true with *ret set
 * when the table took it. */
bool gu_scr_keys_take(gu_app *a, void *st, const gu_scr_key *keys, size_t n, const gu_key *k,
	int *ret)
{
	const gu_scr_key *row = gu_scr_keys_find(keys, n, k);

	if (row)
		*ret = row->act(a, st);
	else if (gu_key_fn(k, KEY_F(1)) && n > 0)
		*ret = gu_scr_keys_help(a, keys, n) == GU_SCREEN_QUIT ? GU_SCREEN_QUIT : GU_SCREEN_STAY;
	else
		return false;
	return *ret != GU_SCREEN_PASS;
}

/* Runs the action of the row k matches (F1: the help); returns its answer
 * or GU_SCREEN_STAY. */
int gu_scr_keys_run(gu_app *a, void *st, const gu_scr_key *keys, size_t n, const gu_key *k)
{
	int r;

	return gu_scr_keys_take(a, st, keys, n, k, &r) ? r : GU_SCREEN_STAY;
}

/* What the help screen shows: the rows of a screen's keys. */
typedef struct help_state {
	const gu_scr_key *keys;
	size_t n;
} help_state;

/* Draws the help: one named row a line, its name then what it does. */
static void help_draw(gu_app *a, void *st)
{
	static const char *const bar[] = { "Esc", N_("back") };
	const help_state *h = st;
	int x = a->lay.margin + 2, w = a->lay.text_w - 2, y = a->lay.body.y, name_w = 12;
	size_t i;

	gu_frame_title(a, _("Keys"));
	for (i = 0; i < h->n && y < a->lay.body.y + a->lay.body.h; i++) {
		if (!h->keys[i].name)
			continue;
		gu_put(y, x, name_w, h->keys[i].name, gu_attr(GU_R_LABEL));
		gu_put(y, x + name_w, w - name_w, _(h->keys[i].msgid), A_NORMAL);
		y++;
	}
	gu_scr_bottom(a, bar, sizeof bar / sizeof bar[0]);
}

/* Leaves a screen on any key; returns GU_SCREEN_BACK. */
int gu_screen_any_key_back(gu_app *a, void *st, const gu_key *k)
{
	(void)a;
	(void)st;
	(void)k;
	return GU_SCREEN_BACK;
}

/* Leaves the screen (a row of a key table: Esc, q); returns
 * GU_SCREEN_BACK. */
int gu_scr_key_back(gu_app *a, void *st)
{
	(void)a;
	(void)st;
	return GU_SCREEN_BACK;
}

/* The help made from a screen's keys. */
static const gu_screen help_screen = { NULL, help_draw, gu_screen_any_key_back, NULL, NULL, 0 };

/* Shows the help of a screen's keys until a key is pressed; returns a
 * gu_screen_ret. */
int gu_scr_keys_help(gu_app *a, const gu_scr_key *keys, size_t n)
{
	help_state h = { keys, n };

	return gu_screen_run(a, &help_screen, &h);
}

/* Draws the key bar from the named rows. */
void gu_scr_keys_bottom(gu_app *a, const gu_scr_key *keys, size_t n)
{
	const char *pairs[32];
	bool later[16] = { false };
	size_t i, np = 0;

	bool f1 = false;

	for (i = 0; i < n && np + 2 <= sizeof pairs / sizeof pairs[0]; i++)
		if (keys[i].name && !keys[i].quiet) {
			later[np / 2] = keys[i].later;
			pairs[np++] = keys[i].name;
			pairs[np++] = keys[i].msgid;
			f1 = f1 || strcmp(keys[i].name, "F1") == 0;
		}
	/* every table's screen takes F1 for its help: a bar cut short says so
	 * (an F1 without words is named only then, see gu_keys_line) */
	if (n > 0 && !f1 && np + 2 <= sizeof pairs / sizeof pairs[0]) {
		pairs[np++] = "F1";
		pairs[np++] = "";
	}
	gu_scr_bottom_ranked(a, pairs, later, np);
}
