/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The arithmetic of a list on screen: a cursor row among n rows and the
 * first row shown of h.  Every scrolled list (the cases, the drafts, the
 * results, a case in full, an item in full, the choices of a question, the
 * menus and pickers) keeps its cursor in view, moves it by lines and pages
 * and keeps its first row within the list through these; none does the
 * arithmetic itself. */
#ifndef GUANAI_TUI_LISTVIEW_H
#define GUANAI_TUI_LISTVIEW_H

#include <stdbool.h>

#include "tui/input.h"

/* Moves *top so that row cur is one of the h rows shown from *top. */
void gu_view_follow(int cur, int *top, int h);
/* Returns cur moved by delta rows (a page is h - 1), kept within 0 .. n - 1
 * (0 when there are no rows). */
int gu_view_move(int cur, int delta, int n);
/* Returns the first row top kept so that the h rows shown from it stay
 * within the n rows: between 0 and n - h (0 when all n fit). */
int gu_view_clamp(int top, int n, int h);
/* Moves a cursor among n rows for Up, Down, PgUp, PgDn (by page rows),
 * Home and End; returns true when k was one of those. */
bool gu_view_key(const gu_key *k, int *cur, int n, int page);

#endif
