/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The case list, or only the drafts: newest first, with the child's name,
 * township and progress; a page at a time. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "tui/app.h"
#include "tui/listview.h"
#include "tui/paint.h"

#define PAGE 200

static size_t list_offset;

/* Loads one page of cases. */
static void load(gu_app *a)
{
	gu_case_filter f;
	gu_error err;

	free(a->cases);
	a->cases = NULL;
	a->ncases = 0;
	if (!a->db)
		return;
	memset(&f, 0, sizeof f);
	f.sort = GU_SORT_UPDATED;
	if (a->list_drafts)
		f.status_mask = (1u << GU_CASE_DRAFT) | (1u << GU_CASE_RETURNED);
	f.limit = PAGE;
	f.offset = list_offset;
	if (gu_case_list(a->db, &f, &a->cases, &a->ncases, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message);
		a->cases = NULL;
		a->ncases = 0;
	}
}

/* Enters the list of drafts or of all cases. */
void gu_list_enter(gu_app *a, bool drafts)
{
	a->scr = GU_SCR_LIST;
	a->list_drafts = drafts;
	a->list_cur = a->list_top = 0;
	list_offset = 0;
	if (!a->db) {
		gu_app_message(a, GU_R_ERROR, a->db_err);
		a->scr = GU_SCR_START;
		return;
	}
	load(a);
}

/* Draws the list. */
void gu_list_draw(gu_app *a)
{
	static const char *const keys[] = {
		"Enter", N_("open"), "Up/Down", N_("move"), "Esc", N_("back"),
	};
	const char *tkeys[sizeof keys / sizeof keys[0]];
	int x = a->lay.margin, w = a->lay.cols - 2 * a->lay.margin, y = a->lay.body.y;
	int h = a->lay.body.h, i;
	char line[800];
	size_t k;

	for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
		tkeys[k] = k % 2 ? _(keys[k]) : keys[k];
	gu_frame_title(a, a->list_drafts ? _("Drafts") : _("Case list"));
	snprintf(line, sizeof line, _("%zu to %zu, newest first"), a->ncases ? list_offset + 1 : 0,
		list_offset + a->ncases);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	if (a->ncases == 0) {
		gu_put(y, x, w, a->list_drafts ? _("There are no drafts.") : _("There are no cases yet."),
			A_NORMAL);
		gu_frame_bottom(a, tkeys, sizeof keys / sizeof keys[0]);
		return;
	}
	/* the columns' names, so that "36/63" reads as questions answered */
	{
		int col = x;

		gu_put(y, col, 10, _("Status"), gu_attr(GU_R_LABEL));
		col = x + 10;
		gu_put(y, col, 14, _("Child"), gu_attr(GU_R_LABEL));
		col += 15;
		/* TRANSLATORS: column head, at most 20 columns */
		gu_put(y, col, 20, _("Township"), gu_attr(GU_R_LABEL));
		col += 21;
		/* TRANSLATORS: column head over "36/63", at most 8 columns */
		gu_put(y, col, 8, _("Answered"), gu_attr(GU_R_LABEL));
		col += 9;
		/* TRANSLATORS: column head over a date */
		gu_put(y, col, x + w - col, _("Last changed"), gu_attr(GU_R_LABEL));
		y++;
		h--;
	}
	gu_view_follow(a->list_cur, &a->list_top, h);
	for (i = a->list_top; i < (int)a->ncases && y < a->lay.body.y + 1 + h; i++, y++) {
		const gu_case_row *c = &a->cases[i];
		attr_t at = i == a->list_cur ? gu_attr(GU_R_CURSOR) : A_NORMAL;
		char when[16], progress[32];
		time_t t = (time_t)(c->updated / 1000);
		struct tm tmv;
		int col = x;

		localtime_r(&t, &tmv);
		strftime(when, sizeof when, "%Y-%m-%d", &tmv);
		/* answers saved (always current) of the questions that applied when
		 * the draft was last left; after a power cut that count can be older
		 * than the answers, and then only the answers saved are shown */
		if (c->progress_total > c->answered)
			snprintf(progress, sizeof progress, "%d/%d", c->answered, c->progress_total);
		else
			snprintf(progress, sizeof progress, "%d", c->answered);
		gu_fill(y, x, w, at);
		col += gu_put(y, col, 10, gu_case_status_label(c->status), at);
		col = x + 10;
		gu_put(y, col, 14, c->child_name[0] ? c->child_name : _("(no name)"), at);
		col += 15;
		gu_put(y, col, 20, c->township, at);
		col += 21;
		gu_put(y, col, 8, progress, at);
		col += 9;
		gu_put(y, col, x + w - col, when, at);
	}
	gu_frame_bottom(a, tkeys, sizeof keys / sizeof keys[0]);
}

/* Takes a key on the list. */
void gu_list_key(gu_app *a, const gu_key *k)
{
	if (gu_key_char(k, GU_ESC) || gu_key_char(k, 'q')) {
		gu_start_enter(a);
		return;
	}
	if (gu_key_fn(k, KEY_UP)) {
		if (a->list_cur > 0) {
			a->list_cur--;
		} else if (list_offset > 0) {
			list_offset = list_offset > PAGE ? list_offset - PAGE : 0;
			load(a);
			a->list_cur = a->ncases ? (int)a->ncases - 1 : 0;
		}
	} else if (gu_key_fn(k, KEY_DOWN)) {
		if ((size_t)a->list_cur + 1 < a->ncases) {
			a->list_cur++;
		} else if (a->ncases == PAGE) {
			list_offset += PAGE;
			load(a);
			a->list_cur = a->list_top = 0;
		}
	} else if (gu_key_fn(k, KEY_NPAGE)) {
		a->list_cur = gu_view_move(a->list_cur, a->lay.body.h - 1, (int)a->ncases);
	} else if (gu_key_fn(k, KEY_PPAGE)) {
		a->list_cur = gu_view_move(a->list_cur, -(a->lay.body.h - 1), (int)a->ncases);
	} else if (gu_key_fn(k, KEY_ENTER) && (size_t)a->list_cur < a->ncases) {
		const gu_case_row *c = &a->cases[a->list_cur];
		char id[GU_ID_SIZE];
		bool editable = c->status == GU_CASE_DRAFT || c->status == GU_CASE_RETURNED;

		snprintf(id, sizeof id, "%s", c->id);
		free(a->cases);
		a->cases = NULL;
		a->ncases = 0;
		if (gu_session_open(a, id) < 0)
			return;
		if (editable)
			gu_interview_enter(a);
		else
			gu_result_enter(a);
	}
}
