/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The one screen model: running a screen and its table of keys. */

#include "core/i18n.h"
#include "tui/app.h"
#include "tui/harness.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

/* Draws screen s in full (or the too-small screen) and shows it. */
void gu_screen_paint(gu_app *a, const gu_screen *s, void *st)
{
	erase();
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

/* Runs the action of the row k matches; returns its answer or GU_SCREEN_STAY. */
int gu_scr_keys_run(gu_app *a, void *st, const gu_scr_key *keys, size_t n, const gu_key *k)
{
	for (size_t i = 0; i < n; i++)
		if ((keys[i].ch && gu_key_char(k, keys[i].ch)) || (keys[i].fn && gu_key_fn(k, keys[i].fn)))
			return keys[i].act(a, st);
	return GU_SCREEN_STAY;
}

/* Draws the key bar from the named rows. */
void gu_scr_keys_bottom(gu_app *a, const gu_scr_key *keys, size_t n)
{
	const char *pairs[32];
	size_t i, np = 0;

	for (i = 0; i < n && np + 2 <= sizeof pairs / sizeof pairs[0]; i++)
		if (keys[i].name) {
			pairs[np++] = keys[i].name;
			pairs[np++] = keys[i].msgid;
		}
	gu_scr_bottom(a, pairs, np);
}
