/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The one place keys come from: the terminal, or the test script. */

#include <curses.h>
#include <time.h>

#include "tui/harness.h"
#include "tui/input.h"

/* Returns k with Enter, Backspace and Delete made the same whatever the
 * terminal sends. */
static gu_key normalise(gu_key k)
{
	if (!k.fn) {
		if (k.ch == '\r' || k.ch == '\n') {
			k.fn = true;
			k.ch = KEY_ENTER;
		} else if (k.ch == 127 || k.ch == 8) {
			k.fn = true;
			k.ch = KEY_BACKSPACE;
		} else if (k.ch == 3) {
			/* Ctrl-C (the terminal is raw: no signal) asks before
			 * leaving, as Esc does */
			k.ch = GU_ESC;
		}
	}
	return k;
}

static int idle_minutes;
static gu_idle_fn idle_fn;
static void *idle_ctx;
static bool idling;   /* idle_fn is running: it reads keys of its own */

/* Sets the idle lock. */
void gu_input_set_idle(int minutes, gu_idle_fn fn, void *ctx)
{
	idle_minutes = minutes > 0 && fn ? minutes : 0;
	idle_fn = fn;
	idle_ctx = ctx;
	/* Wake once a second to count the idle time; else wait for a key. */
	if (!gu_harness_active())
		timeout(idle_minutes ? 1000 : -1);
}

/* Returns the seconds of the monotonic clock. */
static time_t now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

/* Reads one key from the script or the terminal into k; returns false
 * when none came (the terminal's one-second wait ran out). */
static bool read_key(gu_key *k)
{
	int r;

	if (gu_harness_active()) {
		if (!gu_harness_next(k)) {
			k->fn = true;
			k->ch = GU_KEY_EOF;
		}
		return true;
	}
	r = get_wch(&k->ch);
	if (r == ERR)
		return false;
	k->fn = r == KEY_CODE_YES;
	return true;
}

/* Returns the next key from the script or the terminal; runs the idle
 * lock when the idle time passes first. */
gu_key gu_next_key(void)
{
	static time_t last_key;
	gu_key k = { false, 0 };

	if (!last_key)
		last_key = now_seconds();
	for (;;) {
		bool got = read_key(&k);
		bool idle = got ? gu_key_fn(&k, GU_KEY_IDLE)
			: idle_minutes && now_seconds() - last_key >= (time_t)idle_minutes * 60;

		if (idle && idle_minutes && !idling) {
			bool go_on;

			idling = true;
			go_on = idle_fn(idle_ctx);
			idling = false;
			last_key = now_seconds();
			k.fn = true;
			k.ch = go_on ? KEY_RESIZE : GU_KEY_EOF;
			return k;
		}
		if (!got || idle)
			continue;
		last_key = now_seconds();
		return normalise(k);
	}
}

/* Returns true when k is the function key code. */
bool gu_key_fn(const gu_key *k, int code)
{
	return k->fn && k->ch == (wint_t)code;
}

/* Returns true when k is the character c. */
bool gu_key_char(const gu_key *k, wint_t c)
{
	return !k->fn && k->ch == c;
}

/* Returns the digit 1-9 k is, or 0. */
int gu_key_digit(const gu_key *k)
{
	if (!k->fn && k->ch >= '1' && k->ch <= '9')
		return (int)(k->ch - '0');
	return 0;
}
