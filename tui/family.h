/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Another child of this family, on screen: starting its interview from a
 * case, the marks of the answers copied, and the siblings of a case. */
#ifndef GUANAI_TUI_FAMILY_H
#define GUANAI_TUI_FAMILY_H

#include "tui/app.h"

/* Starts the interview of another child of the family of case from_id
 * (its shared answers copied, the cases linked) and goes to its first
 * open question; returns GU_SCREEN_JUMP, or GU_SCREEN_STAY with the
 * message line saying why not. */
int gu_family_begin(gu_app *a, const char *from_id);

/* Loads the open case's copied marks; returns 0 or -1 (message set). */
int gu_family_load_marks(gu_app *a);

/* Writes into buf the mark shown beside the answer key of the open case
 * ("copied from 王小明's case"); returns buf, or NULL when key is not
 * marked as copied. */
const char *gu_family_mark(const gu_app *a, const char *key, char *buf, size_t size);

/* Writes into buf the mark shown beside household member num on the
 * roster when any of that member's answers is still as copied (the same
 * words as beside a copied answer); returns buf, or NULL when none is. */
const char *gu_family_member_mark(const gu_app *a, int num, char *buf, size_t size);

/* The answer key of the open case was set (typed, confirmed, moved or
 * removed): its copied mark goes, in memory and in the database.  Returns
 * 0, or -1 with the message line set. */
int gu_family_unmark(gu_app *a, const char *key);

/* The worker confirmed or changed the answer key: its copied mark goes;
 * when key is the child's name and a copied member is a sibling of that
 * name (the child itself, listed in the first child's household), that
 * member is taken out.  Returns 0, or -1 with the message line set. */
int gu_family_confirmed(gu_app *a, const char *key, const char *value);

#endif
