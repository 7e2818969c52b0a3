/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The open case behind the interview screens: its answers in memory, the
 * steps that apply now, saving each answer the moment it is confirmed
 * (kept in memory and retried when the save fails), and evaluation. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/plan.h"
#include "tui/app.h"
#include "tui/family.h"
#include "tui/options.h"

/* Appends a step; returns 0 or -1 when out of memory. */
static int push_step(gu_session *s, const char *key, const gu_question *q, bool sure)
{
	gu_istep *v = gu_grow(s->steps, &s->cap, s->nsteps, sizeof *v, 64);

	if (!v)
		return -1;
	s->steps = v;
	snprintf(s->steps[s->nsteps].key, sizeof s->steps[s->nsteps].key, "%s", key);
	s->steps[s->nsteps].q = q;
	s->steps[s->nsteps].sure = sure;
	s->nsteps++;
	return 0;
}

/* Rebuilds the steps from the plan, with the roster put where the
 * household members' questions go; returns 0 or -1. */
int gu_session_rebuild(gu_app *a)
{
	gu_session *s = a->ses;
	gu_plan plan = { NULL, 0, 0 };
	gu_error err;
	const gu_question *relq = gu_policy_find_question(a->pol, "member.1.relation");
	size_t i, at;
	int rc = 0;

	gu_error_clear(&err);
	if (gu_plan_build(a->pol, &s->ans, &plan, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message);
		return -1;
	}
	/* The roster opens the section where members are named (that of
	 * member.*.relation); the members' questions in other sections are
	 * asked as a run from the roster (screen_roster.c). */
	at = plan.n;
	if (relq) {
		for (i = 0; i < plan.n; i++)
			if (plan.v[i].q->section >= relq->section) {
				at = i;
				break;
			}
	}
	s->nsteps = 0;
	for (i = 0; i <= plan.n && rc == 0; i++) {
		if (relq && i == at)
			rc = push_step(s, GU_ROSTER_KEY, NULL, false);
		if (i < plan.n && rc == 0)
			rc = push_step(s, plan.v[i].key, plan.v[i].q, plan.v[i].sure);
	}
	gu_plan_free(&plan);
	if (rc < 0)
		gu_app_message(a, GU_R_ERROR, gu_code_text(GU_ENOMEM));
	if (s->pos >= s->nsteps)
		s->pos = s->nsteps ? s->nsteps - 1 : 0;
	return rc;
}

/* Returns the step index of key, or nsteps. */
size_t gu_session_find(const gu_session *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->nsteps; i++)
		if (strcmp(s->steps[i].key, key) == 0)
			return i;
	return s->nsteps;
}

/* Counts answered questions and those plus the ones surely left. */
void gu_session_progress(const gu_app *a, size_t *done, size_t *total)
{
	const gu_session *s = a->ses;
	size_t i;

	*done = *total = 0;
	for (i = 0; i < s->nsteps; i++) {
		if (!s->steps[i].q)
			continue;
		if (gu_answers_get(&s->ans, s->steps[i].key)) {
			(*done)++;
			(*total)++;
		} else if (s->steps[i].sure) {
			(*total)++;
		}
	}
}

/* Returns how many applicable questions have no answer. */
size_t gu_session_unanswered(const gu_app *a)
{
	const gu_session *s = a->ses;
	size_t i, n = 0;

	for (i = 0; i < s->nsteps; i++)
		if (s->steps[i].q && !gu_answers_get(&s->ans, s->steps[i].key))
			n++;
	return n;
}

static size_t first_open(const gu_session *s);

/* Writes the resume key and the progress. */
static void write_resume(gu_app *a, const char *key)
{
	gu_session *s = a->ses;
	size_t done, total;
	gu_error err;

	if (!s->id[0])
		return;       /* not stored yet: nothing to resume */
	gu_session_progress(a, &done, &total);
	if (gu_case_set_resume(a->db, s->id, key, (int)done, (int)total, &err) == 0)
		snprintf(s->resume_stored, sizeof s->resume_stored, "%s", key);
}

/* Writes the progress counts now, keeping the remembered step (used when
 * the case is finished, so lists show the final count). */
void gu_session_store_progress(gu_app *a)
{
	gu_session *s = a->ses;

	if (!s || !a->db || s->nsteps == 0)
		return;
	write_resume(a, s->resume_stored);
}

/* Remembers the step on screen.  Resuming goes to the
 * first unanswered question when no key is stored, so the key is written
 * only when the step on screen is another one (going back, skipping):
 * the usual step forward costs no second write to the disk.  A failure
 * here is not shown: the answers themselves are what must be saved. */
void gu_session_remember(gu_app *a)
{
	gu_session *s = a->ses;
	const char *want;

	if (!s || !a->db || s->nsteps == 0)
		return;
	want = s->pos == first_open(s) ? "" : s->steps[s->pos].key;
	if (strcmp(want, s->resume_stored) != 0)
		write_resume(a, want);
}

/* Closes the open case and makes an empty session; returns it, or NULL
 * with the message set when memory ran out. */
static gu_session *session_alloc(gu_app *a)
{
	gu_session *s;

	gu_session_close(a);
	s = calloc(1, sizeof *s);
	if (!s) {
		gu_app_message(a, GU_R_ERROR, gu_code_text(GU_ENOMEM));
		return NULL;
	}
	gu_answers_init(&s->ans);
	gu_answers_init(&s->copied);
	return s;
}

/* Returns the first step without an answer (the roster counts as
 * answered), or the last step. */
static size_t first_open(const gu_session *s)
{
	size_t i;

	for (i = 0; i < s->nsteps; i++)
		if (s->steps[i].q && !gu_answers_get(&s->ans, s->steps[i].key))
			return i;
	return s->nsteps ? s->nsteps - 1 : 0;
}

/* Stores the new interview as a draft case when it is not stored yet
 * (the case is made with its first answer, so that an interview left
 * without one leaves no empty draft); returns 0, or -1 with save_err set. */
int gu_session_store(gu_app *a)
{
	gu_session *s = a->ses;
	gu_case_new c;
	gu_error err;
	const char *user = gu_opts.user;

	if (s->id[0])
		return 0;
	memset(&c, 0, sizeof c);
	c.worker = user && *user ? user : getenv("USER");
	c.policy_id = gu_policy_id(a->pol);
	c.policy_version = gu_policy_version(a->pol);
	c.policy_hash = gu_policy_hash(a->pol);
	gu_error_clear(&err);
	if (gu_case_create(a->db, &c, s->id, &err) < 0) {
		s->id[0] = '\0';
		snprintf(s->save_err, sizeof s->save_err, "%s", err.message[0] ? err.message
			: gu_code_text(err.code));
		return -1;
	}
	/* the lists show its progress from the start */
	write_resume(a, "");
	return 0;
}

/* Opens a new interview, stored as a draft from its first answer on;
 * returns 0 or -1. */
int gu_session_new(gu_app *a)
{
	gu_session *s;

	if (!a->db) {
		gu_app_message(a, GU_R_ERROR, a->db_err);
		return -1;
	}
	s = session_alloc(a);
	if (!s)
		return -1;
	s->status = GU_CASE_DRAFT;
	a->ses = s;
	if (gu_session_rebuild(a) < 0) {
		gu_session_close(a);
		return -1;
	}
	s->pos = 0;
	return 0;
}

/* Opens a stored case; returns 0 or -1. */
int gu_session_open(gu_app *a, const char *id)
{
	gu_case_info info;
	gu_error err;
	gu_session *s;
	char key[96];

	if (!a->db)
		return -1;
	s = session_alloc(a);
	if (!s)
		return -1;
	snprintf(s->id, sizeof s->id, "%s", id);
	gu_answers_free(&s->ans);
	if (gu_case_get(a->db, id, &info, &err) < 0
			|| gu_case_load_answers(a->db, id, &s->ans, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message);
		gu_answers_free(&s->ans);
		free(s);
		return -1;
	}
	s->status = info.status;
	a->ses = s;
	if (gu_family_load_marks(a) < 0 || gu_session_rebuild(a) < 0) {
		gu_session_close(a);
		return -1;
	}
	key[0] = '\0';
	gu_case_get_resume(a->db, id, key, sizeof key, &err);
	snprintf(s->resume_stored, sizeof s->resume_stored, "%s", key);
	s->pos = key[0] ? gu_session_find(s, key) : s->nsteps;
	if (s->pos >= s->nsteps)
		s->pos = first_open(s);
	return 0;
}

/* Closes the open case, writing where it stopped and its progress (for
 * the list of drafts). */
void gu_session_close(gu_app *a)
{
	gu_session *s = a->ses;

	if (!s)
		return;
	if (a->db && s->nsteps > 0 && s->status == GU_CASE_DRAFT)
		write_resume(a, s->pos == first_open(s) ? "" : s->steps[s->pos].key);
	gu_answers_free(&s->ans);
	gu_answers_free(&s->copied);
	free(s->steps);
	if (s->have_res)
		gu_results_free(&s->res);
	free(s->marked);
	free(s);
	a->ses = NULL;
}

/* Saves every pending answer; returns 0 or -1 (save_err set). */
int gu_session_flush(gu_app *a)
{
	gu_session *s = a->ses;
	const char *reason = s->status == GU_CASE_DRAFT ? NULL
		: s->change_reason[0] ? s->change_reason : _("changed in the interview screens");

	if (gu_session_store(a) < 0)
		return -1;
	while (s->npending > 0) {
		const char *key = s->pending[0];
		gu_error err;

		gu_error_clear(&err);
		if (gu_case_save_answer(a->db, s->id, key, gu_answers_get(&s->ans, key),
				reason, &err) < 0) {
			snprintf(s->save_err, sizeof s->save_err, "%s", err.message[0] ? err.message
				: gu_code_text(err.code));
			s->save_final = err.code == GU_EDB_WAL_LOST;
			return -1;
		}
		memmove(s->pending[0], s->pending[1], (s->npending - 1) * sizeof s->pending[0]);
		s->npending--;
		s->saved_once = true;
	}
	s->save_err[0] = '\0';
	return 0;
}

/* Sets an answer in memory and saves; returns 0 or -1. */
int gu_session_set(gu_app *a, const char *key, const char *value)
{
	gu_session *s = a->ses;
	size_t i;

	if (value) {
		if (gu_answers_set(&s->ans, key, value) < 0) {
			snprintf(s->save_err, sizeof s->save_err, "%s", gu_code_text(GU_ENOMEM));
			return -1;
		}
	} else {
		gu_answers_remove(&s->ans, key);
	}
	for (i = 0; i < s->npending; i++)
		if (strcmp(s->pending[i], key) == 0)
			break;
	if (i == s->npending) {
		if (s->npending == sizeof s->pending / sizeof s->pending[0]) {
			snprintf(s->save_err, sizeof s->save_err, "%s", gu_code_text(GU_ENOMEM));
			return -1;
		}
		snprintf(s->pending[s->npending++], sizeof s->pending[0], "%s", key);
	}
	if (gu_session_flush(a) < 0)
		return -1;
	/* a value set here is the worker's: a copied mark on it goes (the
	 * answer is saved even when the mark cannot go: the line says why) */
	gu_family_unmark(a, key);
	return 0;
}

/* Evaluates the answers; returns 0 or -1 with eval_err and eval_key. */
int gu_session_evaluate(gu_app *a)
{
	gu_session *s = a->ses;
	gu_error err;
	const char *colon;

	bool was_marked[128] = { false };
	size_t i;

	s->eval_err[0] = s->eval_key[0] = '\0';
	if (s->have_res) {
		/* keep the worker's marks across a new evaluation, by item */
		for (i = 0; i < s->res.n && s->marked; i++)
			if (s->marked[i] && s->res.v[i].item >= 0 && s->res.v[i].item < 128)
				was_marked[s->res.v[i].item] = true;
		gu_results_free(&s->res);
		s->have_res = false;
	}
	free(s->marked);
	s->marked = NULL;
	gu_error_clear(&err);
	if (gu_policy_check_answers(a->pol, &s->ans, NULL, &err) < 0) {
		snprintf(s->eval_err, sizeof s->eval_err, "%s", err.message);
		colon = strstr(err.message, ": ");
		if (colon && (size_t)(colon - err.message) < sizeof s->eval_key)
			snprintf(s->eval_key, sizeof s->eval_key, "%.*s",
				(int)(colon - err.message), err.message);
		return -1;
	}
	memset(&s->res, 0, sizeof s->res);
	if (gu_evaluate_ex(a->pol, &s->ans, &s->res, GU_EVAL_EXPLAIN | GU_EVAL_ASK_NEXT | GU_EVAL_LABELS,
			&err) < 0) {
		snprintf(s->eval_err, sizeof s->eval_err, "%s", err.message);
		return -1;
	}
	s->have_res = true;
	s->marked = calloc(s->res.n ? s->res.n : 1, sizeof *s->marked);
	if (!s->marked) {
		gu_results_free(&s->res);
		s->have_res = false;
		snprintf(s->eval_err, sizeof s->eval_err, "%s", gu_code_text(GU_ENOMEM));
		return -1;
	}
	for (i = 0; i < s->res.n; i++)
		if (s->res.v[i].item >= 0 && s->res.v[i].item < 128 && s->res.v[i].verdict != GU_NO)
			s->marked[i] = was_marked[s->res.v[i].item];
	return 0;
}
