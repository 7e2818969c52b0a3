/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the supervision screens share: their key loop, the key-help
 * line from msgids, hidden password fields, small pickers and dates. */
#ifndef GUANAI_TUI_SCREENS_UTIL_H
#define GUANAI_TUI_SCREENS_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "tui/app.h"
#include "tui/screens_supervise.h"

/* A key function's answer meaning "stay on this screen". */
#define GU_SCREEN_STAY (-1)

typedef void (*gu_scr_draw_fn)(gu_app *a, void *st);
typedef int (*gu_scr_key_fn)(gu_app *a, void *st, const gu_key *k);

/* Runs a screen: draws it (or the too-small screen), reads keys through
 * gu_next_key, follows resizes, and hands every other key to key until it
 * returns something other than GU_SCREEN_STAY.  Returns that gu_screen_ret
 * (GU_SCREEN_QUIT with a->quit set when the keys run out). */
int gu_scr_loop(gu_app *a, gu_scr_draw_fn draw, gu_scr_key_fn key, void *st);

/* Shows a screen with a title and one message until any key is pressed;
 * returns a gu_screen_ret. */
int gu_scr_notice(gu_app *a, const char *title, const char *text);

/* Draws the message line and the key-help line from pairs of key names
 * (shown as they are) and msgids (translated here). */
void gu_scr_bottom(gu_app *a, const char *const *pairs, size_t npairs);

/* One key of a screen: the key, what it does, and how the key bar names
 * it, so that dispatch and key bar come from one table and cannot drift. */
typedef struct gu_scr_key {
	wint_t ch;              /* a character, or 0 */
	int fn;                 /* a function key (KEY_*), or 0 */
	int (*act)(gu_app *a, void *st); /* returns GU_SCREEN_STAY or a gu_screen_ret */
	const char *name;       /* its name in the key bar ("Left/Right"); NULL for a
	                         * key the row of another names */
	const char *msgid;      /* what it does, translated when drawn */
} gu_scr_key;

/* Runs the action of the first row of keys that k is; returns its answer,
 * or GU_SCREEN_STAY when k is none of them. */
int gu_scr_keys_run(gu_app *a, void *st, const gu_scr_key *keys, size_t n, const gu_key *k);
/* Draws the message line and the key bar from the named rows of keys. */
void gu_scr_keys_bottom(gu_app *a, const gu_scr_key *keys, size_t n);

/* Draws an edit field whose text is hidden behind one '*' per character,
 * with the cursor there when focus. */
void gu_scr_hidden_draw(const gu_edit *e, int y, int x, int w, bool focus);

/* Draws a label and, after it, an edit field (hidden when secret) in one
 * row: the label in label_w columns. */
void gu_scr_form_row(int y, int x, int label_w, int w, const char *label,
	gu_edit *e, bool secret, bool focus);

/* Blanks the whole rows the box r covers, so that no wide character is
 * cut at its edges, then draws the box with its title. */
void gu_scr_box(gu_rect r, const char *title);

/* Draws a box listing labels with the row cur highlighted, scrolled so
 * that cur shows. */
void gu_scr_menu(const gu_layout *l, const char *title, const char *const *labels,
	size_t n, int cur);
/* Moves a menu cursor for Up, Down, PgUp, PgDn, Home and End over n rows;
 * returns true when the key was one of those. */
bool gu_scr_menu_key(const gu_key *k, int *cur, size_t n, int page);

/* Writes the local date of a time as YYYY-MM-DD into buf (11 bytes);
 * returns buf ("" for time 0). */
char *gu_scr_date(gu_time_ms t, char *buf);

/* Returns true when the session may act as a supervisor: a supervisor is
 * logged in or the database has no users. */
bool gu_scr_is_supervisor(gu_app *a);

/* Draws who is logged in ("zhang (supervisor)") at the right end of the
 * status line; nothing when nobody is.  Returns nothing. */
void gu_scr_who(gu_app *a);

/* Returns true for a key that types a character (not a control). */
bool gu_scr_typed(const gu_key *k);

#endif
