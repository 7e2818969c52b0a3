/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The box over a new interview that says a case for this child exists
 * (the same ID number, or the same name, date of birth and township):
 * open that case, or go on with this one as a new case. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "tui/interview.h"
#include "tui/paint.h"

/* Returns true when saving key may make this draft match another case. */
static bool names_the_child(const char *key)
{
	return strcmp(key, GU_KEY_CHILD_ID) == 0 || strcmp(key, GU_KEY_CHILD_DOB) == 0
		|| strcmp(key, GU_KEY_CHILD_NAME) == 0 || strcmp(key, GU_KEY_INTERVIEW_TOWNSHIP) == 0;
}

/* Looks for another case of this child after key was saved; returns true
 * when the box is to show (a draft matching a case not shown before). */
bool gu_same_child_check(gu_app *a, gu_interview *iv, const char *key)
{
	gu_error err;

	if (!a->db || a->ses->status != GU_CASE_DRAFT || !names_the_child(key))
		return false;
	if (strcmp(iv->same_for, a->ses->id) != 0) {
		snprintf(iv->same_for, sizeof iv->same_for, "%s", a->ses->id);
		iv->same_shown[0] = '\0';
	}
	if (gu_same_child_find(a->db, a->ses->id, &iv->same, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message);
		return false;
	}
	if (!iv->same.id[0] || strcmp(iv->same.id, iv->same_shown) == 0)
		return false;
	snprintf(iv->same_shown, sizeof iv->same_shown, "%s", iv->same.id);
	return true;
}

/* Draws the box. */
void gu_same_child_draw(gu_app *a, const gu_interview *iv)
{
	const gu_same_child *o = &iv->same;
	const char *open = _("o: open that case and go on there; this interview is kept as a draft.");
	const char *go_on = _("c: go on with this one as a new case.");
	const char *both = _("Either way a supervisor sees the two cases as a possible duplicate.");
	char line[700];
	int w = (a->lay.text_w < 64 ? a->lay.text_w : 64) - 4, want, y;
	gu_rect r;

	snprintf(line, sizeof line, o->by_id_number
		? _("A case with the same ID number is stored: %s, %s, %s.")
		: _("A case with the same name, date of birth and township is stored: %s, %s, %s."),
		o->name[0] ? o->name : "-", o->township[0] ? o->township : "-",
		gu_case_status_label(o->status));
	want = 2 + gu_wrapped_rows(line, w) + 1 + gu_wrapped_rows(open, w)
		+ gu_wrapped_rows(go_on, w) + 1 + gu_wrapped_rows(both, w) + 1 + 2;
	r = gu_layout_popup(&a->lay, want, 64);
	w = r.w - 4;
	y = r.y + 2;
	gu_box(r, _("A case for this child exists"));
	y += gu_put_wrapped(y, r.x + 2, w, 3, line, A_NORMAL) + 1;
	y += gu_put_wrapped(y, r.x + 2, w, 3, open, A_NORMAL);
	y += gu_put_wrapped(y, r.x + 2, w, 2, go_on, A_NORMAL) + 1;
	gu_put_wrapped(y, r.x + 2, w, r.y + r.h - 3 - y, both, gu_attr(GU_R_DIM));
	gu_put(r.y + r.h - 2, r.x + 2, w, _("o open it    c continue as a new case"),
		gu_attr(GU_R_LABEL));
}

/* Lists the pair for a supervisor; says so when it cannot be. */
static void note_pair(gu_app *a, const gu_interview *iv)
{
	gu_error err;

	if (gu_same_child_note(a->db, a->ses->id, &iv->same, &err) < 0)
		gu_app_message(a, GU_R_ERROR, err.message);
}

/* Opens the other case, leaving this interview as a draft; on failure
 * this one stays open and the message says why. */
static void open_other(gu_app *a, gu_interview *iv)
{
	char other[GU_ID_SIZE];

	snprintf(other, sizeof other, "%s", iv->same.id);
	note_pair(a, iv);
	if (gu_session_flush(a) < 0)
		return;
	gu_session_close(a);
	if (gu_session_open(a, other) < 0) {
		gu_flow_go(a, GU_SCR_START);
		return;
	}
	gu_flow_go(a, a->ses->status == GU_CASE_DRAFT || a->ses->status == GU_CASE_RETURNED
		? GU_SCR_INTERVIEW : GU_SCR_RESULT);
	gu_app_message(a, GU_R_OK,
		_("The case of this child is open; the new interview is kept as a draft, listed with it for a supervisor."));
}

/* Takes a key in the box; returns true when the box closes. */
bool gu_same_child_key(gu_app *a, gu_interview *iv, const gu_key *k)
{
	if (gu_key_char(k, 'o') || gu_key_char(k, 'O')) {
		open_other(a, iv);
		return true;
	}
	if (gu_key_char(k, 'c') || gu_key_char(k, 'C') || gu_key_char(k, GU_ESC)) {
		note_pair(a, iv);
		return true;
	}
	return false;
}
