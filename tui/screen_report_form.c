/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The report form (强制报告, 控辍保学): records on the open case to whom
 * the report was made, when, its receipt, or why it is not made yet.  The
 * finish screen runs it when a case's alert has no report. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "core/policy.h"
#include "db/reports.h"
#include "tui/app.h"
#include "tui/config_files.h"
#include "tui/harness.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screen_report.h"
#include "tui/screens_util.h"

/* The form's fields, in the order Tab visits them. */
enum { F_UNIT, F_DATE, F_RECEIPT, F_NOT_YET, F_COUNT };

/* The rows the fields under the unit list take: date, receipt and "not
 * yet", each with its hint. */
#define ROWS_BELOW_UNITS 6

/* The form's state: which kind of report, why it is asked, the units of
 * the case's township offered (choice == nunits: another, written in the
 * unit field) and the first of them shown, its fields, the field with the
 * focus, why the last try was not recorded, and whether a report was
 * recorded. */
typedef struct form_state {
	enum gu_report_kind kind;
	const char *why;
	const gu_report_unit **units;
	size_t nunits, choice;
	int top;
	gu_edit f[F_COUNT];
	int focus;
	const gu_scr_key *keys;   /* a supervisor's keys (with the override) or a worker's */
	size_t nkeys;
	bool overriding;          /* a supervisor writes why the case may finish without it */
	gu_edit reason;
	char err[700];
	bool recorded;
} form_state;

/* Adds unit u to the units offered when it is of the report's kind, for
 * township, and not offered already under its Chinese name (room for it
 * is made by find_units). */
static void offer_unit(form_state *s, const gu_report_unit *u, const char *township)
{
	size_t i;

	if (strcmp(u->kind, gu_report_kind_name(s->kind)) != 0 || strcmp(u->township, township) != 0)
		return;
	for (i = 0; i < s->nunits; i++)
		if (strcmp(s->units[i]->zh, u->zh) == 0)
			return;
	s->units[s->nunits++] = u;
}

/* Sets the units offered: those of the report's kind for the case's
 * township, the configuration's first, then the policy's, each once.
 * Without memory for them the form offers only a unit written by hand. */
static void find_units(gu_app *a, form_state *s)
{
	const char *township = gu_answers_get(&a->ses->ans, GU_KEY_INTERVIEW_TOWNSHIP);
	const gu_settings *conf = gu_config();
	size_t i, nconf = gu_settings_unit_count(conf), npol = gu_policy_unit_count(a->pol);

	free(s->units);
	s->nunits = 0;
	s->choice = 0;
	s->top = 0;
	s->units = township ? malloc((nconf + npol + 1) * sizeof *s->units) : NULL;
	if (!s->units)
		return;
	for (i = 0; i < nconf; i++)
		offer_unit(s, gu_settings_unit(conf, i), township);
	for (i = 0; i < npol; i++)
		offer_unit(s, gu_policy_unit(a->pol, i), township);
}

/* Enters the form: the township's units, empty fields, today's date. */
static void enter(gu_app *a, void *st)
{
	form_state *s = st;
	int i;

	find_units(a, s);
	s->focus = F_UNIT;
	s->err[0] = '\0';
	s->overriding = false;
	gu_edit_set(&s->reason, "", 200);
	for (i = 0; i < F_COUNT; i++)
		gu_edit_set(&s->f[i], "", 200);
	gu_edit_set(&s->f[F_DATE], gu_today(), 10);
}

/* Accepts characters for a date; returns true when allowed. */
static bool date_char(wint_t c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

/* Draws one labelled field of the form at y; returns the next row. */
static int draw_field(gu_app *a, form_state *s, int y, int which, const char *label,
	const char *hint)
{
	int x = a->lay.margin, w = a->lay.text_w, lw;

	lw = gu_put(y, x, w, label, gu_attr(s->focus == which ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&s->f[which], y, x + lw + 1, w - lw - 1 < 40 ? w - lw - 1 : 40,
		s->focus == which);
	if (hint)
		gu_put_wrapped(y + 1, x + 2, w - 2, 1, hint, gu_attr(GU_R_DIM));
	return y + 2;
}

/* Returns how many rows of the unit list show from row y (the choices
 * and "another", or fewer with a line saying how many more), leaving room
 * for the fields below and the line saying why a try was not recorded;
 * at least one, the chosen. */
static int unit_rows(gu_app *a, const form_state *s, int y)
{
	int room = a->lay.body.y + a->lay.body.h - y - ROWS_BELOW_UNITS - (s->err[0] ? 2 : 0);
	int n = (int)s->nunits + 1;

	if (n + 1 <= room)  /* the list, then a blank row */
		return n;
	return room - 2 < 1 ? 1 : room - 2;  /* and the line saying how many more */
}

/* Draws the unit field at y: the township's units, one chosen, and
 * another written by hand, scrolled to the chosen one; returns the next
 * row. */
static int draw_unit(gu_app *a, form_state *s, int y)
{
	int x = a->lay.margin, w = a->lay.text_w, lw, h, n = (int)s->nunits + 1, row;
	bool other = s->choice == s->nunits, here = s->focus == F_UNIT;
	char line[300];

	if (s->nunits == 0)
		return draw_field(a, s, y, F_UNIT, _("Reported to:"), s->kind == GU_REPORT_POLICE
			? _("the police station or public security unit")
			: _("the school, or the township's education office"));
	lw = gu_put(y, x, w, _("Reported to:"), gu_attr(here ? GU_R_LABEL : GU_R_NORMAL));
	gu_put(y++, x + lw + 1, w - lw - 1, _("Left/Right chooses; the last is another unit, written here"),
		gu_attr(GU_R_DIM));
	h = unit_rows(a, s, y);
	gu_view_follow((int)s->choice, &s->top, h);
	s->top = gu_view_clamp(s->top, n, h);
	for (row = s->top; row < s->top + h && row < n; row++, y++) {
		size_t i = (size_t)row;

		if (i == s->nunits)
			break;
		snprintf(line, sizeof line, "%s %s", i == s->choice ? "(*)" : "( )",
			gu_pick(s->units[i]->zh, s->units[i]->en));
		gu_put(y, x + 2, w - 2, line,
			i == s->choice && here ? gu_attr(GU_R_CURSOR) : A_NORMAL);
	}
	if (row < s->top + h) {
		/* TRANSLATORS: the last choice of the unit list, followed by a field to write it in */
		snprintf(line, sizeof line, "%s %s", other ? "(*)" : "( )", _("another:"));
		lw = gu_put(y, x + 2, w - 2, line, other && here ? gu_attr(GU_R_CURSOR) : A_NORMAL);
		if (other)
			gu_edit_draw(&s->f[F_UNIT], y, x + 3 + lw, w - lw - 3 < 40 ? w - lw - 3 : 40, here);
		y++;
	}
	y += gu_list_more(y, x + 2, w - 2, s->top, h, n);
	return y + 1;
}

/* Records the form's report; returns 0 or -1 with s->err set. */
static int save(gu_app *a, form_state *s)
{
	gu_report_new r = { 0 };
	gu_error err;

	gu_error_clear(&err);
	r.kind = s->kind;
	r.unit = s->choice < s->nunits ? s->units[s->choice]->zh : s->f[F_UNIT].buf;
	r.date = s->f[F_DATE].buf;
	r.receipt = s->f[F_RECEIPT].buf;
	r.not_yet = s->f[F_NOT_YET].len ? s->f[F_NOT_YET].buf : NULL;
	if (s->overriding) {
		r.unit = r.receipt = r.not_yet = NULL;
		r.override = s->reason.buf;
	}
	if (gu_report_add(a->db, a->ses->id, &r, &err) < 0) {
		snprintf(s->err, sizeof s->err, _("Not recorded: %s"),
			err.message[0] ? err.message : gu_code_text(err.code));
		return -1;
	}
	return 0;
}

/* Moves to the next field; returns GU_SCREEN_STAY. */
static int key_next(gu_app *a, void *st)
{
	form_state *s = st;

	(void)a;
	if (s->overriding)
		return GU_SCREEN_STAY;
	s->focus = (s->focus + 1) % F_COUNT;
	return GU_SCREEN_STAY;
}

/* Moves to the field before; returns GU_SCREEN_STAY. */
static int key_prev(gu_app *a, void *st)
{
	form_state *s = st;

	(void)a;
	if (s->overriding)
		return GU_SCREEN_STAY;
	s->focus = (s->focus + F_COUNT - 1) % F_COUNT;
	return GU_SCREEN_STAY;
}

/* Records the report and goes back; returns GU_SCREEN_BACK, or
 * GU_SCREEN_STAY when it could not be recorded. */
static int key_record(gu_app *a, void *st)
{
	form_state *s = st;

	if (save(a, s) < 0)
		return GU_SCREEN_STAY;
	s->recorded = true;
	gu_app_message(a, GU_R_OK, s->overriding
		? _("Recorded: the case may finish without the report.")
		: s->f[F_NOT_YET].len ? _("Recorded: the report is not made yet.")
		: _("The report is recorded."));
	return GU_SCREEN_BACK;
}

/* Offers the next (step 1) or the unit before (-1), the last being
 * "another"; returns GU_SCREEN_STAY, or GU_SCREEN_PASS (the key edits)
 * off the unit field or when the township has no unit listed. */
static int choose(form_state *s, int step)
{
	size_t n = s->nunits + 1;

	if (s->overriding)
		return GU_SCREEN_STAY;
	if (s->focus != F_UNIT || s->nunits == 0)
		return GU_SCREEN_PASS;
	s->choice = (step > 0 ? s->choice + 1 : s->choice + n - 1) % n;
	s->err[0] = '\0';
	return GU_SCREEN_STAY;
}

/* Offers the unit before; returns GU_SCREEN_STAY or GU_SCREEN_PASS. */
static int key_left(gu_app *a, void *st)
{
	(void)a;
	return choose(st, -1);
}

/* Offers the next unit; returns GU_SCREEN_STAY or GU_SCREEN_PASS. */
static int key_right(gu_app *a, void *st)
{
	(void)a;
	return choose(st, 1);
}

/* Goes back without recording (from the override, to the form); returns
 * GU_SCREEN_BACK or GU_SCREEN_STAY. */
static int key_back(gu_app *a, void *st)
{
	form_state *s = st;

	(void)a;
	if (s->overriding) {
		s->overriding = false;
		s->err[0] = '\0';
		return GU_SCREEN_STAY;
	}
	return GU_SCREEN_BACK;
}

/* Switches between the form and a supervisor's override, the reason
 * to finish the case without the report; returns GU_SCREEN_STAY. */
static int key_override(gu_app *a, void *st)
{
	form_state *s = st;

	(void)a;
	s->overriding = !s->overriding;
	s->err[0] = '\0';
	return GU_SCREEN_STAY;
}

/* The form's keys for a worker: they run it, name themselves in the key
 * bar and make its F1 help; every other key edits the field with the
 * focus. */
static const gu_scr_key worker_keys[] = {
	{ '\t', 0, key_next, "Tab", N_("next field"), false },
	{ 0, KEY_DOWN, key_next, NULL, NULL, false },
	{ 0, KEY_BTAB, key_prev, "Shift-Tab/Up", N_("field before"), true },
	{ 0, KEY_UP, key_prev, NULL, NULL, false },
	{ 0, KEY_LEFT, key_left, "Left/Right", N_("choose the unit"), true },
	{ 0, KEY_RIGHT, key_right, NULL, NULL, false },
	{ 0, KEY_ENTER, key_record, "Enter", N_("record the report"), false },
	{ GU_ESC, 0, key_back, "Esc", N_("back"), false },
};

/* A supervisor's keys: a worker's and the override. */
static const gu_scr_key supervisor_keys[] = {
	{ '\t', 0, key_next, "Tab", N_("next field"), false },
	{ 0, KEY_DOWN, key_next, NULL, NULL, false },
	{ 0, KEY_BTAB, key_prev, "Shift-Tab/Up", N_("field before"), true },
	{ 0, KEY_UP, key_prev, NULL, NULL, false },
	{ 0, KEY_LEFT, key_left, "Left/Right", N_("choose the unit"), true },
	{ 0, KEY_RIGHT, key_right, NULL, NULL, false },
	{ 0, KEY_ENTER, key_record, "Enter", N_("record the report"), false },
	{ 0, KEY_F(2), key_override, "F2", N_("override"), false },
	{ GU_ESC, 0, key_back, "Esc", N_("back"), false },
};

/* Draws a supervisor's override from row y: the reason to finish the
 * case without the report. */
static void draw_override(gu_app *a, form_state *s, int y)
{
	int x = a->lay.margin, w = a->lay.text_w, lw;

	y += gu_put_wrapped(y, x, w, 3, _("A supervisor may let the case finish without the report. "
		"Say why; the reason is recorded on the case and in the audit log."), A_NORMAL);
	y++;
	lw = gu_put(y, x, w, _("Why it may finish without the report:"), gu_attr(GU_R_LABEL));
	if (lw > w - 20) {
		y++;
		lw = 0;
	}
	gu_edit_draw(&s->reason, y, x + lw + 1, w - lw - 1 < 60 ? w - lw - 1 : 60, true);
	y += 2;
	if (s->err[0])
		gu_put_wrapped(y, x, w, 2, s->err, gu_attr(GU_R_ERROR));
	gu_scr_keys_bottom(a, s->keys, s->nkeys);
}

/* Draws the report form. */
static void draw(gu_app *a, void *st)
{
	form_state *s = st;
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y;

	gu_frame_title(a, s->kind == GU_REPORT_POLICE ? _("Record the report: 强制报告")
		: _("Record the report: 控辍保学"));
	if (s->why && s->why[0])
		y += gu_put_wrapped(y, x, w, 2, s->why, gu_attr(GU_R_ALERT));
	y++;
	if (s->overriding) {
		draw_override(a, s, y);
		return;
	}
	y = draw_unit(a, s, y);
	y = draw_field(a, s, y, F_DATE, _("On:"), _("YYYY-MM-DD"));
	y = draw_field(a, s, y, F_RECEIPT, _("Receipt number:"), _("if the unit gave one"));
	y = draw_field(a, s, y, F_NOT_YET, _("Not made yet, because:"),
		_("only when it could not be made yet; the case then still cannot be finished"));
	if (s->err[0])
		gu_put_wrapped(y, x, w, 2, s->err, gu_attr(GU_R_ERROR));
	gu_scr_keys_bottom(a, s->keys, s->nkeys);
}

/* Takes a key: a key of the table, else an edit of the field with the
 * focus; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	form_state *s = st;
	int r;

	if (gu_scr_keys_take(a, st, s->keys, s->nkeys, k, &r))
		return r;
	s->err[0] = '\0';
	if (s->overriding) {
		gu_edit_key(&s->reason, k, NULL);
		return GU_SCREEN_STAY;
	}
	if (s->focus == F_UNIT && s->choice < s->nunits)
		return GU_SCREEN_STAY;  /* a unit of the list is chosen: nothing to type */
	gu_edit_key(&s->f[s->focus], k, s->focus == F_DATE ? date_char : NULL);
	return GU_SCREEN_STAY;
}

/* The report form, for a worker and for a supervisor. */
static const gu_screen worker_screen = { enter, draw, key, NULL, worker_keys,
	sizeof worker_keys / sizeof worker_keys[0] };
static const gu_screen supervisor_screen = { enter, draw, key, NULL, supervisor_keys,
	sizeof supervisor_keys / sizeof supervisor_keys[0] };

/* Runs the form for the open case's report of kind k with why above it;
 * sets *recorded; returns a gu_screen_ret. */
int gu_screen_report_form(gu_app *a, enum gu_report_kind k, const char *why, bool *recorded)
{
	form_state s;
	const gu_screen *sc;
	int r;

	memset(&s, 0, sizeof s);
	s.kind = k;
	s.why = why;
	sc = gu_scr_is_supervisor(a) ? &supervisor_screen : &worker_screen;
	s.keys = sc->keys;
	s.nkeys = sc->nkeys;
	r = gu_screen_run(a, sc, &s);
	*recorded = s.recorded;
	free(s.units);
	return r;
}
