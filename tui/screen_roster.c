/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The roster step of the interview: the household members (member.N),
 * added, edited and removed; each member's questions follow it. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/family.h"
#include "tui/interview.h"
#include "tui/listview.h"
#include "tui/paint.h"

/* Returns the member numbers that have answers, ascending; how many. */
size_t gu_roster_members(const gu_app *a, int *nums, size_t max)
{
	const gu_answers *ans = &a->ses->ans;
	size_t i, n = 0, j;

	for (i = 0; i < ans->n; i++) {
		const char *k = ans->v[i].key;
		int num;
		bool seen = false;

		if (strncmp(k, "member.", 7) != 0)
			continue;
		num = atoi(k + 7);
		if (num <= 0)
			continue;
		for (j = 0; j < n; j++)
			seen = seen || nums[j] == num;
		if (seen || n >= max)
			continue;
		/* insert in order */
		for (j = n; j > 0 && nums[j - 1] > num; j--)
			nums[j] = nums[j - 1];
		nums[j] = num;
		n++;
	}
	return n;
}

/* Writes one member's summary line into buf; returns buf. */
static const char *member_line(const gu_app *a, int num, char *buf, size_t size)
{
	char key[64], label[120];
	const char *rel, *name, *age;
	const gu_question *q;

	snprintf(key, sizeof key, "member.%d.relation", num);
	rel = gu_answers_get(&a->ses->ans, key);
	q = gu_policy_find_question(a->pol, key);
	label[0] = '\0';
	if (rel && q) {
		size_t i;

		snprintf(label, sizeof label, "%s", strcmp(rel, "unknown") ? rel : _("not known"));
		for (i = 0; i < q->nchoices; i++)
			if (strcmp(q->choices[i].value, rel) == 0)
				snprintf(label, sizeof label, "%s",
					gu_pick(q->choices[i].label_zh, q->choices[i].label_en));
	}
	snprintf(key, sizeof key, "member.%d.name", num);
	name = gu_answers_get(&a->ses->ans, key);
	snprintf(key, sizeof key, "member.%d.age", num);
	age = gu_answers_get(&a->ses->ans, key);
	snprintf(buf, size, _("Member %d: %s  %s  %s"), num, label,
		name && strcmp(name, "unknown") ? name : "",
		age && strcmp(age, "unknown") ? age : "");
	return buf;
}

/* Returns how many of member num's questions have no answer yet. */
static size_t open_count(const gu_app *a, int num)
{
	size_t run[256], n = gu_roster_run(a, num, run, 256), i, open = 0;

	for (i = 0; i < n; i++)
		open += gu_answers_get(&a->ses->ans, a->ses->steps[run[i]].key) == NULL;
	return open;
}

/* Draws the roster in r. */
void gu_roster_draw(gu_app *a, gu_interview *iv, const gu_rect *r)
{
	int nums[GU_MAX_MEMBERS], y = r->y, i, h;
	size_t n = gu_roster_members(a, nums, GU_MAX_MEMBERS);
	int rows = (int)n + 2;
	char line[400];

	y += gu_put_wrapped(y, r->x, r->w, 2,
		_("Other household members (grandparents, brothers and sisters, and others "
		  "living with the child)"), gu_attr(GU_R_LABEL));
	y++;
	iv->roster_cur = gu_view_move(iv->roster_cur, 0, rows);
	/* the rows that fit, scrolled to keep the cursor in view */
	h = r->y + r->h - 2 - y;
	h = h < 1 ? 1 : h > rows ? rows : h;
	gu_view_follow(iv->roster_cur, &iv->roster_top, h);
	iv->roster_top = gu_view_clamp(iv->roster_top, rows, h);
	for (i = iv->roster_top; i < iv->roster_top + h; i++, y++) {
		attr_t at = i == iv->roster_cur ? gu_attr(GU_R_CURSOR) : A_NORMAL;

		if (i < (int)n) {
			size_t open = open_count(a, nums[i]), used;
			char mark[200];

			member_line(a, nums[i], line, sizeof line);
			used = strlen(line);
			/* a member whose questions are not all answered says so */
			if (open && used < sizeof line)
				used += (size_t)snprintf(line + used, sizeof line - used,
					_("  (%zu not answered)"), open);
			/* a member copied from a sibling's case, until confirmed */
			if (used < sizeof line && gu_family_member_mark(a, nums[i], mark, sizeof mark))
				/* TRANSLATORS: a roster row's mark in brackets, as in
				 * "  (3 not answered)" */
				snprintf(line + used, sizeof line - used, _("  (%s)"), mark);
		}
		else if (i == (int)n)
			snprintf(line, sizeof line, "%s", _("+ add a member (a)"));
		else
			snprintf(line, sizeof line, "%s", _("-> go on to the next part (PgDn)"));
		/* a row too long for the screen ends in "…", not mid-word */
		gu_fill(y, r->x + 2, r->w - 2, at);
		gu_put_cut(y, r->x + 2, r->w - 2, line, at);
	}
	/* a cut list says so on the row below it */
	gu_list_more(y, r->x + 4, r->w - 4, iv->roster_top, h, rows);
	y++;
	if (n == 0)
		gu_put_wrapped(y, r->x, r->w, 2, _("No other members yet."), gu_attr(GU_R_DIM));
	else
		gu_put_wrapped(y, r->x, r->w, 2,
			_("Enter edits the member's answers; d removes the member."), gu_attr(GU_R_DIM));
}

static size_t first_open_of(const gu_app *a, int num);

/* Goes to member num's first question without an answer (else to the
 * first of all). */
static void edit_member(gu_app *a, gu_interview *iv, int num)
{
	size_t at = first_open_of(a, num);

	if (at < a->ses->nsteps) {
		gu_interview_goto(a, iv, at);
		iv->member_focus = num;
	}
}

/* Starts adding a member: the relation popup. */
static void start_add(gu_app *a, gu_interview *iv)
{
	int nums[GU_MAX_MEMBERS], next;
	size_t n = gu_roster_members(a, nums, GU_MAX_MEMBERS);
	const gu_question *q;
	char key[64];

	if (n >= GU_MAX_MEMBERS) {
		gu_app_message(a, GU_R_ERROR, _("No more members can be added."));
		return;
	}
	next = n ? nums[n - 1] + 1 : 1;
	snprintf(key, sizeof key, "member.%d.relation", next);
	q = gu_policy_find_question(a->pol, key);
	if (!q)
		return;
	gu_field_init(&iv->field, a->pol, q, key, NULL, "");
	iv->pop = GU_POP_RELATION;
}

/* Takes a key on the roster. */
void gu_roster_key(gu_app *a, gu_interview *iv, const gu_key *k)
{
	int nums[GU_MAX_MEMBERS];
	size_t n = gu_roster_members(a, nums, GU_MAX_MEMBERS);
	int rows = (int)n + 2;

	if (gu_key_fn(k, KEY_UP) || gu_key_fn(k, KEY_DOWN)) {
		iv->roster_cur = gu_view_move(iv->roster_cur, gu_key_fn(k, KEY_UP) ? -1 : 1, rows);
	} else if (gu_key_char(k, 'a') || gu_key_char(k, '+')
			|| (gu_key_fn(k, KEY_ENTER) && iv->roster_cur == (int)n)) {
		start_add(a, iv);
	} else if (gu_key_fn(k, KEY_ENTER) && iv->roster_cur < (int)n) {
		edit_member(a, iv, nums[iv->roster_cur]);
	} else if (gu_key_fn(k, KEY_ENTER) || gu_key_fn(k, KEY_F(2))) {
		gu_key next = { true, KEY_NPAGE };

		gu_interview_key(a, iv, &next);
	} else if ((gu_key_char(k, 'd') || gu_key_fn(k, KEY_DC)) && iv->roster_cur < (int)n) {
		iv->pop = GU_POP_REMOVE;
		iv->pop_cur = nums[iv->roster_cur];
	}
}

/* Renames every answer of member from to member to (NULL to: removes). */
static void move_member(gu_app *a, int from, int to)
{
	gu_session *s = a->ses;
	char prefix[32], key[96];
	size_t plen, i;

	snprintf(prefix, sizeof prefix, "member.%d.", from);
	plen = strlen(prefix);
	i = 0;
	while (i < s->ans.n) {
		char old[96], value[700];

		if (strncmp(s->ans.v[i].key, prefix, plen) != 0) {
			i++;
			continue;
		}
		snprintf(old, sizeof old, "%s", s->ans.v[i].key);
		snprintf(value, sizeof value, "%s", s->ans.v[i].value);
		gu_session_set(a, old, NULL);
		if (to > 0) {
			snprintf(key, sizeof key, "member.%d.%s", to, old + plen);
			gu_session_set(a, key, value);
		}
		i = 0;   /* the set changed: look again from the start */
	}
}

/* Removes member num and renumbers those after it. */
static void remove_member(gu_app *a, gu_interview *iv, int num)
{
	int nums[GU_MAX_MEMBERS];
	size_t n = gu_roster_members(a, nums, GU_MAX_MEMBERS), i;
	int to = num;

	move_member(a, num, 0);
	for (i = 0; i < n; i++) {
		if (nums[i] <= num)
			continue;
		move_member(a, nums[i], to);
		to++;
	}
	gu_session_rebuild(a);
	a->ses->pos = gu_session_find(a->ses, GU_ROSTER_KEY);
	if (a->ses->pos >= a->ses->nsteps)
		a->ses->pos = 0;
	gu_interview_goto(a, iv, a->ses->pos);
	if (a->ses->save_err[0] == '\0')
		gu_app_message(a, GU_R_OK, _("The member is removed."));
}

/* Lists member num's steps as a run (see interview.h); returns how many. */
size_t gu_roster_run(const gu_app *a, int num, size_t *out, size_t max)
{
	const gu_session *s = a->ses;
	size_t roster = gu_session_find(s, GU_ROSTER_KEY), i, n = 0;
	size_t sec = roster + 1 < s->nsteps && s->steps[roster + 1].q
		? s->steps[roster + 1].q->section : (size_t)-1;
	char prefix[32];
	int pass;

	snprintf(prefix, sizeof prefix, "member.%d.", num);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < s->nsteps && n < max; i++) {
			bool here = s->steps[i].q && s->steps[i].q->section == sec;

			if (strncmp(s->steps[i].key, prefix, strlen(prefix)) != 0)
				continue;
			if (here == (pass == 0))
				out[n++] = i;
		}
	return n;
}

/* Returns the first step of member num's run without an answer (else the
 * run's first step), or nsteps. */
static size_t first_open_of(const gu_app *a, int num)
{
	size_t run[256], n = gu_roster_run(a, num, run, 256), i;

	for (i = 0; i < n; i++)
		if (!gu_answers_get(&a->ses->ans, a->ses->steps[run[i]].key))
			return run[i];
	return n ? run[0] : a->ses->nsteps;
}

/* Draws the roster's popups. */
void gu_roster_popup_draw(gu_app *a, gu_interview *iv)
{
	if (iv->pop == GU_POP_RELATION) {
		int rows = gu_choice_rows(&iv->field);
		gu_rect r = gu_layout_popup(&a->lay, rows + 7, 50);
		gu_rect in = { r.y + 2, r.x + 2, r.h - 3, r.w - 4 };

		gu_box(r, _("New member: relation to the child"));
		gu_field_draw(&iv->field, &in);
		gu_cursor_at(-1, -1);
	} else if (iv->pop == GU_POP_REMOVE) {
		gu_rect r = gu_layout_popup(&a->lay, 7, 50);
		char line[400];

		gu_box(r, _("Remove this member?"));
		member_line(a, iv->pop_cur, line, sizeof line);
		gu_put(r.y + 2, r.x + 2, r.w - 4, line, A_NORMAL);
		gu_put(r.y + r.h - 2, r.x + 2, r.w - 4, _("y remove    n keep"), gu_attr(GU_R_LABEL));
	}
}

/* Takes a key in a roster popup. */
void gu_roster_popup_key(gu_app *a, gu_interview *iv, const gu_key *k)
{
	if (iv->pop == GU_POP_REMOVE) {
		if (gu_key_char(k, 'y') || gu_key_char(k, 'Y')) {
			iv->pop = GU_POP_NONE;
			remove_member(a, iv, iv->pop_cur);
		} else if (gu_key_char(k, 'n') || gu_key_char(k, GU_ESC)) {
			iv->pop = GU_POP_NONE;
		}
		return;
	}
	if (gu_key_char(k, GU_ESC)) {
		iv->pop = GU_POP_NONE;
		iv->field_ready = false;
		return;
	}
	if (gu_field_key(&iv->field, k) == GU_FIELD_CONFIRM) {
		char value[200], key[64];
		gu_error err;
		size_t at;

		if (gu_field_value(&iv->field, value, sizeof value) < 0)
			return;
		if (gu_policy_check_value(a->pol, iv->field.key, value, &err) < 0) {
			snprintf(iv->field.err, sizeof iv->field.err, "%s", err.message);
			return;
		}
		snprintf(key, sizeof key, "%s", iv->field.key);
		if (gu_session_set(a, key, value) == 0) {
			char label[300], m[400];

			gu_key_label(a, key, label, sizeof label);
			snprintf(m, sizeof m, _("Saved: %s"), label);
			gu_app_message(a, GU_R_OK, m);
		}
		iv->pop = GU_POP_NONE;
		gu_session_rebuild(a);
		iv->member_focus = atoi(key + 7);
		at = first_open_of(a, iv->member_focus);
		gu_interview_goto(a, iv, at < a->ses->nsteps ? at : a->ses->pos);
	}
}
