/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Painting text on stdscr: always clipped to a width in columns, never
 * splitting a character (widths from core/text). */
#ifndef GUANAI_TUI_PAINT_H
#define GUANAI_TUI_PAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <curses.h>

#include "tui/colors.h"
#include "tui/layout.h"

/* Draws the first len bytes of s at y, x within w columns (control
 * characters skipped); returns the columns drawn. */
int gu_putn(int y, int x, int w, const char *s, size_t len, attr_t a);
/* Draws s at y, x within w columns; returns the columns drawn. */
int gu_put(int y, int x, int w, const char *s, attr_t a);
/* Draws s at y, x within w columns, ending in "…" where it is cut
 * (gu_text_cut); returns the columns drawn. */
int gu_put_cut(int y, int x, int w, const char *s, attr_t a);
/* Draws s and fills the rest of the w columns with blanks in a. */
void gu_put_line(int y, int x, int w, const char *s, attr_t a);
/* Draws s right-aligned so that it ends at column x + w; returns its start column. */
int gu_put_right(int y, int x, int w, const char *s, attr_t a);
/* Fills w columns at y, x with blanks drawn in a. */
void gu_fill(int y, int x, int w, attr_t a);
/* Draws s wrapped into w columns from row y, at most maxrows rows; returns
 * the rows used (the last row ends in "..." when text was left over). */
int gu_put_wrapped(int y, int x, int w, int maxrows, const char *s, attr_t a);
/* Returns the rows s needs when wrapped into w columns. */
int gu_wrapped_rows(const char *s, int w);
/* Draws a box with a title and clears its inside. */
void gu_box(gu_rect r, const char *title);
/* Draws the key-help line: pairs of key name and action, as many as fit. */
void gu_keys_line(const gu_rect *r, const char *const *pairs, size_t npairs);
/* Draws the key-help line as gu_keys_line, keeping the first-priority
 * pairs before those later[i / 2] marks (NULL: all first) when not all fit. */
void gu_keys_line_ranked(const gu_rect *r, const char *const *pairs, const bool *later,
	size_t npairs);
/* Draws, when rows of a list of n are off screen (h shown from row
 * first), the line saying how many are above and below; returns the rows
 * drawn (0 when the whole list is shown). */
int gu_list_more(int y, int x, int w, int first, int h, int n);
/* Forgets the last key bar drawn (a screen is drawn anew). */
void gu_keys_line_forget(void);
/* Returns true when a key bar was drawn since the last forget, with its
 * width, whether not all its keys fitted, and its first-priority keys
 * ("name what" lines, F1 aside). */
bool gu_keys_line_last(int *width, bool *cut, const char **first);

/* Asks for the text cursor at y, x once the screen is drawn. */
void gu_cursor_at(int y, int x);
/* Shows the cursor where asked since the last call, or hides it. */
void gu_cursor_apply(void);

#endif
