/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the screens share: the policy, the database, the layout, the
 * message line and the open case (the session).  Every screen is a
 * gu_screen (tui/screen.h) with its own state; the main loop is in
 * tui/interactive.c. */
#ifndef GUANAI_TUI_APP_H
#define GUANAI_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/answers.h"
#include "core/eval.h"
#include "core/keys.h"
#include "core/policy.h"
#include "db/search.h"
#include "db/store.h"
#include "tui/colors.h"
#include "tui/input.h"
#include "tui/layout.h"
#include "tui/screen.h"
#include "tui/widget.h"

/* The screens of the interview's flow, which the main loop shows one
 * after another (every other screen is run from one of these). */
enum gu_screen_id {
	GU_SCR_START = 0,
	GU_SCR_INTERVIEW,   /* the questions, the roster among them */
	GU_SCR_RESULT,      /* items by group, alerts, questions left */
	GU_SCR_COUNT
};

/* One step of the interview: a question for a concrete key, or the roster
 * of household members. */
typedef struct gu_istep {
	char key[64];
	const gu_question *q;   /* NULL for the roster */
	bool sure;              /* applies for certain, not only maybe */
} gu_istep;

#define GU_ROSTER_KEY "@roster"

/* The case being worked on. */
typedef struct gu_session {
	char id[GU_ID_SIZE];
	enum gu_case_status status;
	gu_answers ans;
	gu_istep *steps;
	size_t nsteps, cap;
	size_t pos;             /* the step on screen */
	char pending[256][64];  /* keys whose value is not saved yet */
	size_t npending;
	char save_err[700];     /* why the last save failed; "" when saved */
	bool save_final;        /* no retry can save: the program must start again */
	bool saved_once;        /* something has been saved in this session */
	char resume_stored[96]; /* the resume key the database holds ("" none) */
	gu_results res;
	bool have_res;
	char eval_err[700];     /* the answers do not agree: why */
	char eval_key[64];      /* and the key to fix */
	bool *marked;           /* per result: refer it */
	char change_reason[400]; /* why a completed case's answers change; "" none given */
	gu_answers copied;      /* answers still as copied from a sibling's case
	                         * (key: that case's id; tui/family.c) */
	char copied_from[128];  /* the name of the child of that case */
} gu_session;

/* What every screen shares; each screen keeps the rest in its own state. */
struct gu_app {
	gu_policy *pol;
	gu_db *db;
	char db_path[4096];
	char db_err[700];       /* the database could not be opened: why */
	bool db_pending;        /* the database is about to be opened */
	bool db_locked;         /* encrypted: opened when a user logs in */
	gu_layout lay;
	enum gu_screen_id scr;  /* the screen of the flow on show */
	bool quit;
	char msg[700];          /* the message line */
	enum gu_color_role msg_role;
	gu_session *ses;        /* the open case, or NULL */
};

/* ---- the interview's flow (tui/interactive.c) ----------------------- */
/* Leaves the flow's screen on show and enters screen id. */
void gu_flow_go(gu_app *a, enum gu_screen_id id);

/* ---- entering screens with what they need --------------------------- */
/* Enters the interview at the session's step, to go back to the results
 * after the one question on screen is answered. */
void gu_interview_from_results(gu_app *a);
/* Runs the list of drafts (or of all cases) until the user leaves it or
 * opens a case; returns a gu_screen_ret (GU_SCREEN_JUMP: a case is open). */
int gu_screen_list(gu_app *a, bool drafts);
/* Runs the screen of result idx of the open case in full; returns a
 * gu_screen_ret. */
int gu_screen_item(gu_app *a, int idx);
/* Runs the finish screen of the open case; returns a gu_screen_ret
 * (GU_SCREEN_JUMP: the case is finished and the start screen shows). */
int gu_screen_finish(gu_app *a);

/* The too-small screen. */
void gu_small_draw(gu_app *a);

/* ---- the frame every screen shares (screen_frame.c) ------------------ */
/* Draws the title line with text on the left and the saved mark on the right. */
void gu_frame_title(gu_app *a, const char *text);
/* Draws the message line (a.msg) and the key-help line from pairs. */
void gu_frame_bottom(gu_app *a, const char *const *pairs, size_t npairs);
/* Draws the message and key-help lines, the pairs later[i / 2] marks
 * (NULL: none) dropped first from a key bar too narrow for all. */
void gu_frame_bottom_ranked(gu_app *a, const char *const *pairs, const bool *later, size_t npairs);
/* Sets the message line. */
void gu_app_message(gu_app *a, enum gu_color_role role, const char *text);
/* Returns a person list ("child,member.2") in words, written into buf. */
const char *gu_persons_words(const char *persons, char *buf, size_t size);
/* Returns the label of a concrete key's question with the person named
 * ("成员 2：年龄"), written into buf. */
const char *gu_key_label(const gu_app *a, const char *key, char *buf, size_t size);
/* gu_key_label with policy p (the key itself when p does not know it). */
const char *gu_policy_key_label(const gu_policy *p, const char *key, char *buf, size_t size);

/* ---- the open case (screen_session.c) -------------------------------- */
/* Opens a new interview (stored as a draft case from its first answer);
 * returns 0 or -1 (message set). */
int gu_session_new(gu_app *a);
/* Stores the new interview as a draft case when it is not stored yet (it
 * is made with the first answer saved); returns 0, or -1 with save_err. */
int gu_session_store(gu_app *a);
/* Opens a stored case at its remembered question; returns 0 or -1. */
int gu_session_open(gu_app *a, const char *id);
/* Closes the open case (unsaved answers are lost only if never saved). */
void gu_session_close(gu_app *a);
/* Sets key to value (NULL removes) in memory, then saves what is pending;
 * returns 0 when saved, -1 when kept unsaved (save_err says why). */
int gu_session_set(gu_app *a, const char *key, const char *value);
/* Tries again to save the answers not saved yet; returns 0 or -1. */
int gu_session_flush(gu_app *a);
/* Rebuilds the steps from the answers; returns 0 or -1 (message set). */
int gu_session_rebuild(gu_app *a);
/* Returns the index of key among the steps, or nsteps. */
size_t gu_session_find(const gu_session *s, const char *key);
/* Remembers the step on screen in the database. */
void gu_session_remember(gu_app *a);
/* Writes the progress counts to the database now. */
void gu_session_store_progress(gu_app *a);
/* Evaluates the answers into ses->res; returns 0, or -1 with eval_err. */
int gu_session_evaluate(gu_app *a);
/* Counts the questions answered and, in total, those answered and those
 * left that surely apply (a total that answers to come do not shrink:
 * only the follow-ups they open add to it; the roster not counted). */
void gu_session_progress(const gu_app *a, size_t *done, size_t *total);
/* Returns how many questions that apply now, surely or maybe, have no
 * answer. */
size_t gu_session_unanswered(const gu_app *a);

#endif
