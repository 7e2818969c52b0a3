/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the supervision screens share: their key loop, the key-help
 * line from msgids, hidden password fields, small pickers and dates. */
#ifndef GUANAI_TUI_SCREENS_UTIL_H
#define GUANAI_TUI_SCREENS_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "tui/app.h"
#include "tui/screen.h"
#include "tui/screens_supervise.h"

/* Shows a screen with a title and one message until any key is pressed;
 * returns a gu_screen_ret. */
int gu_scr_notice(gu_app *a, const char *title, const char *text);

/* Draws the message line and the key-help line from pairs of key names
 * (shown as they are) and msgids (translated here). */
void gu_scr_bottom(gu_app *a, const char *const *pairs, size_t npairs);
/* Draws them as gu_scr_bottom, the pairs later[i / 2] marks (NULL: none)
 * dropped first from a key bar too narrow for all. */
void gu_scr_bottom_ranked(gu_app *a, const char *const *pairs, const bool *later, size_t npairs);

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

/* Writes the local date of a time as YYYY-MM-DD into buf (11 bytes);
 * returns buf ("" for time 0). */
char *gu_scr_date(gu_time_ms t, char *buf);

/* Returns true when the session may act as a supervisor: a supervisor is
 * logged in or the database has no users. */
bool gu_scr_is_supervisor(gu_app *a);

/* Draws who is logged in ("zhang (supervisor)") at the right end of the
 * status line; nothing when nobody is. */
void gu_scr_who(gu_app *a);

/* Returns true for a key that types a character (not a control). */
bool gu_scr_typed(const gu_key *k);

#endif
