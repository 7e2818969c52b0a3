/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The arithmetic of a list on screen: a cursor row among n rows and the
 * first row shown of h.  Every list (the cases, the drafts, the results,
 * a case in full, the choices of a question) keeps its cursor in view and
 * moves it by lines and pages through these. */
#ifndef GUANAI_TUI_LISTVIEW_H
#define GUANAI_TUI_LISTVIEW_H

/* Moves *top so that row cur is one of the h rows shown from *top. */
void gu_view_follow(int cur, int *top, int h);
/* Returns cur moved by delta rows (a page is h - 1), kept within 0 .. n - 1
 * (0 when there are no rows). */
int gu_view_move(int cur, int delta, int n);

#endif
