/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The interactive program's state: the policy, the database, the open
 * case, and one state per screen, each with its own draw and key
 * functions (screen_*.c).  The main loop is in tui/interactive.c. */
#ifndef GUANAI_TUI_APP_H
#define GUANAI_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/answers.h"
#include "core/eval.h"
#include "core/keys.h"
#include "core/policy.h"
#include "db/store.h"
#include "tui/colors.h"
#include "tui/input.h"
#include "tui/layout.h"
#include "tui/widget.h"

enum gu_screen_id {
	GU_SCR_START = 0,
	GU_SCR_LIST,        /* drafts or all cases */
	GU_SCR_INTERVIEW,   /* the questions, the roster among them */
	GU_SCR_RESULT,      /* items by group, alerts, questions left */
	GU_SCR_ITEM,        /* one item in full */
	GU_SCR_FINISH,      /* referral note, next follow-up, finish */
	GU_SCR_COUNT
};

/* A popup over the interview. */
enum gu_popup {
	GU_POP_NONE = 0,
	GU_POP_HELP,        /* the question's help */
	GU_POP_SECTIONS,    /* jump to a section */
	GU_POP_LEAVE,       /* leave the interview? */
	GU_POP_RELATION,    /* roster: the new member's relation */
	GU_POP_REMOVE,      /* roster: remove this member? */
	GU_POP_REPORT       /* an alert to report at once (tui/screen_report.c) */
};

/* One step of the interview: a question for a concrete key, or the roster
 * of household members. */
typedef struct gu_istep {
	char key[64];
	const gu_question *q;   /* NULL for the roster */
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
} gu_session;

typedef struct gu_app {
	gu_policy *pol;
	gu_db *db;
	char db_path[4096];
	char db_err[700];       /* the database could not be opened: why */
	bool db_pending;        /* the database is about to be opened */
	bool db_locked;         /* encrypted: opened when a user logs in */
	gu_layout lay;
	enum gu_screen_id scr;
	bool quit;
	char msg[700];          /* the message line */
	enum gu_color_role msg_role;
	gu_session *ses;

	/* start screen */
	int start_cur;
	gu_referral *due;
	size_t ndue;
	int ndrafts;

	/* case list */
	gu_case_info *cases;
	size_t ncases;
	int list_cur, list_top;
	bool list_drafts;

	/* interview */
	gu_field field;
	bool field_ready;
	enum gu_popup pop;
	int pop_cur;
	int roster_cur;
	int member_focus;       /* asking one member's questions as a run; 0 none */
	bool back_to_result;    /* came from the result screen's questions */

	/* result and item screens */
	int res_cur, res_top;
	int item_result;        /* index into ses->res.v */
	int item_scroll;

	/* finish screen */
	gu_edit note, next_due;
	int fin_focus;
	char fin_err[700];
} gu_app;

/* ---- screens ------------------------------------------------------- */
void gu_start_enter(gu_app *a);
void gu_start_draw(gu_app *a);
void gu_start_key(gu_app *a, const gu_key *k);

void gu_list_enter(gu_app *a, bool drafts);
void gu_list_draw(gu_app *a);
void gu_list_key(gu_app *a, const gu_key *k);

void gu_interview_enter(gu_app *a);
void gu_interview_draw(gu_app *a);
void gu_interview_key(gu_app *a, const gu_key *k);
/* Shows the step at pos (clamped) and remembers it as the resume point. */
void gu_interview_goto(gu_app *a, size_t pos);

void gu_roster_draw(gu_app *a, const gu_rect *r);
void gu_roster_key(gu_app *a, const gu_key *k);
void gu_roster_popup_draw(gu_app *a);
void gu_roster_popup_key(gu_app *a, const gu_key *k);
/* Lists the steps of member num in the order they are asked as a run from
 * the roster: those of the roster's section first, then the rest in plan
 * order; returns how many were written into out. */
size_t gu_roster_run(const gu_app *a, int num, size_t *out, size_t max);
/* Returns the numbers of the members that have answers, ascending; n out. */
size_t gu_roster_members(const gu_app *a, int *nums, size_t max);

void gu_result_enter(gu_app *a);
void gu_result_draw(gu_app *a);
void gu_result_key(gu_app *a, const gu_key *k);

void gu_item_draw(gu_app *a);
void gu_item_key(gu_app *a, const gu_key *k);

void gu_finish_enter(gu_app *a);
void gu_finish_draw(gu_app *a);
void gu_finish_key(gu_app *a, const gu_key *k);

/* The too-small screen. */
void gu_small_draw(gu_app *a);

/* ---- the frame every screen shares (screen_frame.c) ------------------ */
/* Draws the title line with text on the left and the saved mark on the right. */
void gu_frame_title(gu_app *a, const char *text);
/* Draws the message line (a.msg) and the key-help line from pairs. */
void gu_frame_bottom(gu_app *a, const char *const *pairs, size_t npairs);
/* Sets the message line. */
void gu_app_message(gu_app *a, enum gu_color_role role, const char *text);
/* Returns a person list ("child,member.2") in words, written into buf. */
const char *gu_persons_words(const char *persons, char *buf, size_t size);
/* Returns the label of a concrete key's question with the person named
 * ("成员 2：年龄"), written into buf. */
const char *gu_key_label(const gu_app *a, const char *key, char *buf, size_t size);

/* ---- the open case (screen_session.c) -------------------------------- */
/* Creates a new draft case and opens it; returns 0 or -1 (message set). */
int gu_session_new(gu_app *a);
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
/* Counts answered and applicable questions (the roster not counted). */
void gu_session_progress(const gu_app *a, size_t *done, size_t *total);

#endif
