/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one screen model: every screen is a gu_screen (how it enters,
 * draws, takes a key and leaves) over a state of its own, with its keys in
 * one table that runs them and names them in the key bar.  A screen is run
 * by gu_screen_run until its key function leaves it; the interview's
 * screens (start, questions, results) are run one after another by the
 * program's main loop (tui/interactive.c) and switch with gu_flow_go. */
#ifndef GUANAI_TUI_SCREEN_H
#define GUANAI_TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "tui/input.h"

typedef struct gu_app gu_app;

/* What a screen's key function or run returns. */
enum gu_screen_ret {
	GU_SCREEN_BACK = 0,   /* the user left: show the screen that called */
	GU_SCREEN_QUIT,       /* the program is to end (a->quit is set) */
	GU_SCREEN_JUMP        /* gu_flow_go has chosen the main loop's next screen */
};

/* A key function's answer meaning "stay on this screen". */
#define GU_SCREEN_STAY (-1)
/* A key action's answer meaning "not now": the key goes on to the
 * screen's field as typing (see gu_scr_keys_take). */
#define GU_SCREEN_PASS (-2)

/* One key of a screen: the key, what it does, and how the key bar and
 * the F1 help name it, so that dispatch, key bar and help come from one
 * table and cannot drift. */
typedef struct gu_scr_key {
	wint_t ch;              /* a character, or 0 */
	int fn;                 /* a function key (KEY_*), or 0 */
	int (*act)(gu_app *a, void *st); /* returns GU_SCREEN_STAY or a gu_screen_ret */
	const char *name;       /* its name in the key bar and the help ("Left/Right");
	                         * NULL for a key the row of another names */
	const char *msgid;      /* what it does, translated when drawn */
	bool quiet;             /* named in the F1 help only, not in the key bar */
	bool later;             /* in the key bar only when the others leave room:
	                         * the first dropped from a bar too narrow for all */
} gu_scr_key;

/* One screen.  st is the screen's own state, given to every function. */
typedef struct gu_screen {
	void (*enter)(gu_app *a, void *st);     /* sets the state up; may be NULL */
	void (*draw)(gu_app *a, void *st);      /* draws the whole screen */
	/* takes a key: GU_SCREEN_STAY or a gu_screen_ret; NULL: the keys run */
	int (*key)(gu_app *a, void *st, const gu_key *k);
	void (*leave)(gu_app *a, void *st);     /* frees what enter took; may be NULL */
	const gu_scr_key *keys;                 /* the screen's keys */
	size_t nkeys;
} gu_screen;

/* Runs a screen: enters it, draws it (or the too-small screen), reads keys
 * through gu_next_key, follows resizes, and hands every other key to its
 * key function until that returns something other than GU_SCREEN_STAY;
 * then leaves it.  Returns that gu_screen_ret (GU_SCREEN_QUIT with a->quit
 * set when the keys run out). */
int gu_screen_run(gu_app *a, const gu_screen *s, void *st);
/* Draws screen s in full (or the too-small screen) and shows it. */
void gu_screen_paint(gu_app *a, const gu_screen *s, void *st);
/* Hands key k to screen s: its key function, else its table of keys;
 * returns the answer (GU_SCREEN_STAY or a gu_screen_ret). */
int gu_screen_key(gu_app *a, const gu_screen *s, void *st, const gu_key *k);

/* A key function for a screen that any key leaves (a notice, the help);
 * returns GU_SCREEN_BACK. */
int gu_screen_any_key_back(gu_app *a, void *st, const gu_key *k);

/* A key table's action that leaves the screen (Esc, q); returns
 * GU_SCREEN_BACK. */
int gu_scr_key_back(gu_app *a, void *st);

/* Runs the action of the first row of keys that k is and returns its
 * answer; F1, when no row is F1, shows the help made from the rows; any
 * other key does nothing.  Returns GU_SCREEN_STAY for those. */
int gu_scr_keys_run(gu_app *a, void *st, const gu_scr_key *keys, size_t n, const gu_key *k);
/* Takes k through the table of keys: runs its row, or on F1 (when no row
 * is F1) shows the help.  Returns true with *ret the answer when the table
 * took k; false when k is for the screen's field (no row is k, or its
 * action answered GU_SCREEN_PASS). */
bool gu_scr_keys_take(gu_app *a, void *st, const gu_scr_key *keys, size_t n, const gu_key *k,
	int *ret);
/* Draws the message line and the key bar from the named rows of keys
 * that are not quiet. */
void gu_scr_keys_bottom(gu_app *a, const gu_scr_key *keys, size_t n);
/* Shows the help made from the named rows of keys (every key's name and
 * what it does) until a key is pressed; returns a gu_screen_ret. */
int gu_scr_keys_help(gu_app *a, const gu_scr_key *keys, size_t n);
/* Returns the row of keys that k is, or NULL. */
const gu_scr_key *gu_scr_keys_find(const gu_scr_key *keys, size_t n, const gu_key *k);

/* A screen of the interview's flow: its functions and the state it keeps
 * while the program runs. */
typedef struct gu_flow_screen {
	const gu_screen *screen;
	void *st;
} gu_flow_screen;

extern const gu_flow_screen gu_start_flow, gu_interview_flow, gu_result_flow;

#endif
