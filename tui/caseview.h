/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case view's state, shared by its document (screen_caseview.c) and
 * its actions: follow-ups, re-screening, review (caseview_actions.c). */
#ifndef GUANAI_TUI_CASEVIEW_H
#define GUANAI_TUI_CASEVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "db/family.h"
#include "db/rescreen.h"
#include "db/store.h"
#include "tui/app.h"

/* One row of the scrolled document. */
typedef struct cv_line {
	char *text;
	enum gu_color_role role;
	int indent;
	int item;                /* > 0: the row of a result, selectable;
	                          * CV_SIBLING_ITEM + i: sibling i's row */
	bool heading;
} cv_line;

/* The rows of the family's other cases are numbered from here, above any
 * item's number. */
#define CV_SIBLING_ITEM 10000

enum cv_popup {
	CV_POP_NONE = 0,
	CV_POP_FOLLOWUP,         /* status, reason, date, note, next due, signed by */
	CV_POP_RESCREEN,         /* date and policy file */
	CV_POP_CHANGES,          /* what the re-screen changed */
	CV_POP_APPROVE,          /* approve? y/n */
	CV_POP_RETURN,           /* reason and note */
	CV_POP_EDIT,             /* why a completed case's answers change */
	CV_POP_VISIT,            /* a regular visit: date, who was seen, note, changed */
	CV_POP_REVISIT,          /* circumstances changed: interview again? y/n */
	CV_POP_CLOSE,            /* closing reason and note */
	CV_POP_REOPEN            /* why a closed case is reopened */
};

enum { CV_F_DATE, CV_F_NOTE, CV_F_DUE, CV_F_POLICY, CV_F_SEEN, CV_F_SIGNED, CV_F_COUNT };

typedef struct cv_state {
	char id[GU_ID_SIZE];
	gu_case_info info;
	char groups[64];
	char shown_id[32];       /* the revealed ID number; "" masked */
	cv_line *lines;
	size_t nlines, cap;
	int built_w;             /* the width the document was wrapped for; 0 rebuild */
	int cur;                 /* a selectable line, or -1 */
	int top;
	enum cv_popup pop;
	int pop_focus;
	int pop_cur;             /* status (its place in the referral's life) or
	                          * reason chosen */
	int pop_reason;          /* the follow-up's reason, among its status's */
	gu_edit f[CV_F_COUNT];
	char pop_err[700];
	gu_rescreen rs;
	bool have_rs;
	int changes_top;
	unsigned char open_item[1001]; /* results whose explanation is shown */
	bool supervisor;         /* may approve or return (a supervisor, not on an
	                          * enrolled laptop): the keys line offers it */
	bool may_close;          /* may close and reopen (a supervisor at the office) */
	gu_sibling *sib;         /* the family's other cases (db/family.h) */
	size_t nsib;
} cv_state;

/* Appends a line (copied) to the document; returns 0 or -1 when out of memory. */
int cv_add(cv_state *s, const char *text, enum gu_color_role role, int indent, int item,
	bool heading);

/* Draws the open popup. */
void cv_popup_draw(gu_app *a, cv_state *s);
/* Takes a key in the open popup. */
void cv_popup_key(gu_app *a, cv_state *s, const gu_key *k);
/* Opens a popup for the case (checking who may). */
void cv_popup_open(gu_app *a, cv_state *s, enum cv_popup p);
/* Draws the visit form or the question whether to interview again
 * (tui/caseview_visit.c). */
void cv_visit_draw(gu_app *a, cv_state *s);
/* Takes a key in the visit form (tui/caseview_visit.c). */
void cv_visit_key(gu_app *a, cv_state *s, const gu_key *k);
/* Returns the reason kept with the answers a visit's re-interview changes,
 * in a static buffer. */
const char *cv_visit_reason(const cv_state *s);
/* Returns true when the session may close and reopen cases here: a
 * supervisor, not on a worker's enrolled laptop (tui/caseview_reasons.c). */
bool cv_may_close(gu_app *a);
/* Draws the open form of a reason and a note: return, close or reopen. */
void cv_reason_form_draw(gu_app *a, cv_state *s);
/* Takes a key in that form; Enter on the note records the decision. */
void cv_reason_form_key(gu_app *a, cv_state *s, const gu_key *k);
/* Reloads the case and marks the document for rebuilding; returns 0 or -1. */
int cv_reload(gu_app *a, cv_state *s);

#endif
