/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The interview screen's own state, shared by its two files: the
 * questions (screen_interview.c) and the roster of household members
 * among them (screen_roster.c). */
#ifndef GUANAI_TUI_INTERVIEW_H
#define GUANAI_TUI_INTERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "db/same_child.h"
#include "tui/app.h"
#include "tui/widget.h"

/* A popup over the interview. */
enum gu_popup {
	GU_POP_NONE = 0,
	GU_POP_HELP,        /* the question's help */
	GU_POP_SECTIONS,    /* jump to a section */
	GU_POP_LEAVE,       /* leave the interview? */
	GU_POP_RELATION,    /* roster: the new member's relation */
	GU_POP_REMOVE,      /* roster: remove this member? */
	GU_POP_REPORT,      /* an alert to report at once (tui/screen_report.c) */
	GU_POP_SAME_CHILD,  /* a case for this child exists (tui/screen_same_child.c) */
	GU_POP_RELATIVES    /* add the relatives lived with as members? (tui/screen_relatives.c) */
};

/* What the interview screen keeps while a case is open. */
typedef struct gu_interview {
	gu_field field;         /* the answer being given */
	bool field_ready;       /* field is set up for the step on screen */
	enum gu_popup pop;
	int pop_cur;            /* the row of the sections popup; the member to remove */
	int roster_cur;
	int roster_top;         /* the roster's first row shown */
	int member_focus;       /* asking one member's questions as a run; 0 none */
	bool back_to_result;    /* came from the result screen's questions */
	bool next_after_pop;    /* go on to the next question once the popup closes */
	bool help_keys;         /* the help popup shows the keys (F1 again) */
	gu_key key;             /* the key being taken */
	gu_same_child same;     /* another case of this child, told of in a box */
	char same_for[GU_ID_SIZE];   /* the case same_shown is about */
	char same_shown[GU_ID_SIZE]; /* the other case last told of ("" none) */
	bool edited;            /* a key changed the field since it was set up */
	bool pass_unsaved;      /* an answer that could not be kept was shown refused:
	                         * the same leaving key again leaves it */
	unsigned relatives;     /* the box offers to add: 1 grandparents, 2 other relatives */
} gu_interview;

/* Shows the step at pos (clamped) and remembers it as the resume point. */
void gu_interview_goto(gu_app *a, gu_interview *iv, size_t pos);
/* Takes a key on the interview screen (the roster's PgDn goes through it);
 * returns GU_SCREEN_STAY. */
int gu_interview_key(gu_app *a, void *st, const gu_key *k);

void gu_roster_draw(gu_app *a, gu_interview *iv, const gu_rect *r);
void gu_roster_key(gu_app *a, gu_interview *iv, const gu_key *k);
void gu_roster_popup_draw(gu_app *a, gu_interview *iv);
void gu_roster_popup_key(gu_app *a, gu_interview *iv, const gu_key *k);
/* Lists the steps of member num in the order they are asked as a run from
 * the roster: those of the roster's section first, then the rest in plan
 * order; returns how many were written into out. */
size_t gu_roster_run(const gu_app *a, int num, size_t *out, size_t max);
/* Returns the numbers of the members that have answers, ascending; n out. */
size_t gu_roster_members(const gu_app *a, int *nums, size_t max);

/* Looks for another case of this child after key was saved; returns true
 * when the box is to show (a draft now matching a case not told of yet). */
bool gu_same_child_check(gu_app *a, gu_interview *iv, const char *key);
/* Draws the box. */
void gu_same_child_draw(gu_app *a, const gu_interview *iv);
/* Takes a key in the box (o opens the other case, c goes on); returns true
 * when the box closes. */
bool gu_same_child_key(gu_app *a, gu_interview *iv, const gu_key *k);

/* After key was saved: returns true when the child lives with grandparents
 * or other relatives who are no household member yet (the box is to show;
 * which, in iv). */
bool gu_relatives_check(gu_app *a, gu_interview *iv, const char *key);
/* Draws the box. */
void gu_relatives_draw(gu_app *a, const gu_interview *iv);
/* Takes a key in the box (Enter or y adds them, their relation filled in;
 * n or Esc adds nothing); returns true when the box closes. */
bool gu_relatives_key(gu_app *a, gu_interview *iv, const gu_key *k);

#endif
