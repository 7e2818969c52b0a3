/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The frame every screen shares: the title line with the saved mark, the
 * message line and the key-help line; and naming persons and keys. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "db/auth.h"
#include "tui/app.h"
#include "tui/paint.h"

/* Sets the message line. */
void gu_app_message(gu_app *a, enum gu_color_role role, const char *text)
{
	snprintf(a->msg, sizeof a->msg, "%s", text ? text : "");
	a->msg_role = role;
}

/* Draws the title line: the screen's name, who is logged in, and on the
 * interview the saved mark. */
void gu_frame_title(gu_app *a, const char *text)
{
	const gu_rect *r = &a->lay.title;
	const char *mark = NULL, *who = NULL;
	attr_t mark_attr = gu_attr(GU_R_TITLE);
	char left[300];
	int end = r->x + r->w - 1, w;

	snprintf(left, sizeof left, " %s  %s", _("guanai"), text ? text : "");
	gu_fill(r->y, r->x, r->w, gu_attr(GU_R_TITLE));
	if (a->ses && a->scr == GU_SCR_INTERVIEW) {
		if (a->ses->save_err[0] || a->ses->npending) {
			/* TRANSLATORS: at most 10 columns */
			mark = _("NOT SAVED");
			mark_attr = gu_attr(GU_R_ALERT);
		} else if (a->ses->saved_once || a->ses->ans.n > 0) {
			/* TRANSLATORS: at most 10 columns */
			mark = _("saved");
		}
	}
	if (mark) {
		gu_put_right(r->y, r->x, end - r->x, mark, mark_attr);
		end -= gu_text_width(mark) + 2;
	}
	if (a->db && gu_auth_session(a->db, &who, NULL) && who && *who && end - r->x > 40) {
		w = gu_text_width(who) < 16 ? gu_text_width(who) : 16;
		gu_put_right(r->y, end - 16, 16, who, gu_attr(GU_R_TITLE));
		end -= w + 2;
	}
	gu_put(r->y, r->x, end - r->x < r->w - 12 ? end - r->x : r->w - 12, left, gu_attr(GU_R_TITLE));
}

/* Draws the message and key-help lines. */
void gu_frame_bottom(gu_app *a, const char *const *pairs, size_t npairs)
{
	gu_frame_bottom_ranked(a, pairs, NULL, npairs);
}

/* Draws the message and key-help lines, the pairs later marks (NULL:
 * none) dropped first from a key bar too narrow for all. */
void gu_frame_bottom_ranked(gu_app *a, const char *const *pairs, const bool *later, size_t npairs)
{
	const gu_rect *m = &a->lay.message;

	gu_fill(m->y, m->x, m->w, A_NORMAL);
	if (a->msg[0]) {
		/* a long message (a save error says what to do) takes the row above too */
		int rows = gu_wrapped_rows(a->msg, m->w - 2);

		if (rows > 1) {
			gu_fill(m->y - 1, m->x, m->w, A_NORMAL);
			gu_put_wrapped(m->y - 1, m->x + 1, m->w - 2, 2, a->msg, gu_attr(a->msg_role));
		} else {
			gu_put(m->y, m->x + 1, m->w - 2, a->msg, gu_attr(a->msg_role));
		}
	}
	gu_keys_line_ranked(&a->lay.keys, pairs, later, npairs);
}

/* Returns the name of a person as it heads a question ("Father", "Member 2"). */
static const char *person_head(const char *p, char *buf, size_t size)
{
	if (strcmp(p, "father") == 0)
		return _("Father");
	if (strcmp(p, "mother") == 0)
		return _("Mother");
	if (strncmp(p, "member.", 7) == 0) {
		snprintf(buf, size, _("Member %d"), atoi(p + 7));
		return buf;
	}
	return p;
}

/* Returns the name of one person ("child", "member.2") in words. */
static const char *person_word(const char *p, char *buf, size_t size)
{
	if (strcmp(p, "child") == 0)
		return _("child");
	if (strcmp(p, "father") == 0)
		return _("father");
	if (strcmp(p, "mother") == 0)
		return _("mother");
	if (strcmp(p, "household") == 0)
		return _("household");
	if (strncmp(p, "member.", 7) == 0) {
		snprintf(buf, size, _("member %d"), atoi(p + 7));
		return buf;
	}
	return p;
}

/* Writes a comma-separated person list in words into buf; returns buf. */
const char *gu_persons_words(const char *persons, char *buf, size_t size)
{
	char copy[256], word[64];
	char *save = NULL, *tok;
	size_t o = 0;

	snprintf(copy, sizeof copy, "%s", persons ? persons : "");
	buf[0] = '\0';
	for (tok = strtok_r(copy, ",", &save); tok && o < size; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		/* TRANSLATORS: the separator between persons in a list */
		o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? _(", ") : "",
			person_word(tok, word, sizeof word));
	}
	return buf;
}

/* Writes the label of a key's question, with its person, into buf. */
const char *gu_key_label(const gu_app *a, const char *key, char *buf, size_t size)
{
	return gu_policy_key_label(a->pol, key, buf, size);
}

/* Writes the translated name of the question key answers in policy p (the
 * key itself when p does not know it) into buf; returns buf. */
const char *gu_policy_key_label(const gu_policy *p, const char *key, char *buf, size_t size)
{
	const gu_question *q = gu_policy_find_question(p, key);
	const char *label;
	char person[64], word[64];
	const char *dot;

	if (!q) {
		snprintf(buf, size, "%s", key);
		return buf;
	}
	label = gu_pick(q->label_zh, q->label_en);
	dot = strchr(key, '.');
	if (q->is_person && strncmp(key, "child.", 6) == 0) {
		/* a question also asked of the parents is named for the child too,
		 * so that "Disability" after the parents' questions is clear */
		snprintf(buf, size, _("%s: %s"), _("Child"), label);
	} else if (q->is_person && dot) {
		if (strncmp(key, "member.", 7) == 0)
			dot = strchr(key + 7, '.');
		snprintf(person, sizeof person, "%.*s", dot ? (int)(dot - key) : 0, key);
		/* TRANSLATORS: a person and a question: "Member 2: age" */
		snprintf(buf, size, _("%s: %s"), person_head(person, word, sizeof word), label);
	} else {
		snprintf(buf, size, "%s", label);
	}
	return buf;
}
