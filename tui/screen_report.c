/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Mandatory reports on screen: the alert box at the question and the form
 * recording the report before a case can be finished. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "db/reports.h"
#include "tui/harness.h"
#include "tui/paint.h"
#include "tui/screen_report.h"
#include "tui/screens_util.h"

#define MAX_ALERTS 8

/* The alerts that held before the last answer, by id. */
static char before[MAX_ALERTS][32];
static size_t nbefore;
/* The alert the box shows. */
static char box_text[600];

/* The report form: which kind, its fields, the field with the focus. */
enum { F_UNIT, F_DATE, F_RECEIPT, F_NOT_YET, F_COUNT };
static struct {
	bool open;
	enum gu_report_kind kind;
	gu_edit f[F_COUNT];
	int focus;
	char err[700];
} form;

/* Returns the kind of report an alert asks for, or -1 for another alert. */
static int alert_kind(const char *id)
{
	if (strcmp(id, GU_ALERT_MANDATORY_REPORT) == 0)
		return GU_REPORT_POLICE;
	if (strcmp(id, GU_ALERT_DROPOUT) == 0)
		return GU_REPORT_EDUCATION;
	return -1;
}

/* Evaluates the open case's answers into r; returns 0 or -1. */
static int alerts_now(gu_app *a, gu_results *r)
{
	gu_error err;

	return gu_evaluate_ex(a->pol, &a->ses->ans, r, 0, &err) < 0 ? -1 : 0;
}

/* Notes the alerts that hold now. */
void gu_report_alerts_note(gu_app *a)
{
	gu_results r;
	size_t i;

	nbefore = 0;
	if (alerts_now(a, &r) < 0)
		return;
	for (i = 0; i < r.nalerts && nbefore < MAX_ALERTS; i++)
		snprintf(before[nbefore++], sizeof before[0], "%s", r.alerts[i].id);
	gu_results_free(&r);
}

/* Returns true when the last answer raised an alert not noted before. */
bool gu_report_alert_raised(gu_app *a)
{
	gu_results r;
	size_t i, j;
	bool raised = false;

	if (alerts_now(a, &r) < 0)
		return false;
	for (i = 0; i < r.nalerts && !raised; i++) {
		bool seen = false;

		for (j = 0; j < nbefore; j++)
			seen = seen || strcmp(before[j], r.alerts[i].id) == 0;
		if (!seen && alert_kind(r.alerts[i].id) >= 0) {
			snprintf(box_text, sizeof box_text, "%s", r.alerts[i].text);
			raised = true;
		}
	}
	gu_results_free(&r);
	return raised;
}

/* Draws the alert box. */
void gu_report_box_draw(gu_app *a)
{
	gu_rect r = gu_layout_popup(&a->lay, 11, 64);
	int y = r.y + 2, i;

	for (i = 0; i < r.h; i++)
		gu_fill(r.y + i, r.x, r.w, gu_attr(GU_R_ALERT));
	gu_box(r, _("Report at once"));
	y += gu_put_wrapped(y, r.x + 2, r.w - 4, 3, box_text, gu_attr(GU_R_ALERT));
	y++;
	gu_put_wrapped(y, r.x + 2, r.w - 4, 3,
		_("The law requires it: report now, then record the report on the finish screen. The case cannot be finished until it is recorded."),
		gu_attr(GU_R_ALERT));
	gu_put(r.y + r.h - 2, r.x + 2, r.w - 4, _("Enter: I understand"), gu_attr(GU_R_ALERT));
}

/* Takes a key while the box is shown; returns true once acknowledged. */
bool gu_report_box_key(gu_app *a, const gu_key *k)
{
	(void)a;
	return gu_key_fn(k, KEY_ENTER);
}

/* Opens the form for a report of kind k. */
static void form_open(enum gu_report_kind k)
{
	int i;

	form.open = true;
	form.kind = k;
	form.focus = F_UNIT;
	form.err[0] = '\0';
	for (i = 0; i < F_COUNT; i++)
		gu_edit_set(&form.f[i], "", i == F_DATE ? 10 : 200);
	gu_edit_set(&form.f[F_DATE], gu_today(), 10);
}

/* Returns true when the case has an alert without its report; opens the form. */
bool gu_report_form_needed(gu_app *a, char *why, size_t size)
{
	gu_session *s = a->ses;
	size_t i;

	if (!s->have_res)
		return false;
	for (i = 0; i < s->res.nalerts; i++) {
		int k = alert_kind(s->res.alerts[i].id);
		gu_error err;

		if (k < 0 || gu_report_done(a->db, s->id, (enum gu_report_kind)k, &err) != 0)
			continue;
		form_open((enum gu_report_kind)k);
		snprintf(why, size, "%s", k == GU_REPORT_POLICE
			? _("强制报告: record the report to the public security organ before finishing the case.")
			: _("控辍保学: record to whom the child's case was passed before finishing the case."));
		return true;
	}
	return false;
}

/* Returns true while the form is open. */
bool gu_report_form_active(void)
{
	return form.open;
}

/* Draws one labelled field of the form at y; returns the next row. */
static int draw_field(gu_app *a, int y, int which, const char *label, const char *hint)
{
	int x = a->lay.margin, w = a->lay.text_w, lw;

	lw = gu_put(y, x, w, label, gu_attr(form.focus == which ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&form.f[which], y, x + lw + 1, w - lw - 1 < 40 ? w - lw - 1 : 40,
		form.focus == which);
	if (hint)
		gu_put_wrapped(y + 1, x + 2, w - 2, 1, hint, gu_attr(GU_R_DIM));
	return y + 2;
}

/* Draws the report form. */
void gu_report_form_draw(gu_app *a, const char *why)
{
	static const char *const keys[] = {
		"Tab", N_("next field"), "Enter", N_("record the report"), "Esc", N_("back"),
	};
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y;

	gu_frame_title(a, form.kind == GU_REPORT_POLICE ? _("Record the report: 强制报告")
		: _("Record the report: 控辍保学"));
	if (why[0])
		y += gu_put_wrapped(y, x, w, 2, why, gu_attr(GU_R_ALERT));
	y++;
	y = draw_field(a, y, F_UNIT, _("Reported to:"), form.kind == GU_REPORT_POLICE
		? _("the police station or public security unit")
		: _("the school, or the township's education office"));
	y = draw_field(a, y, F_DATE, _("On:"), _("YYYY-MM-DD"));
	y = draw_field(a, y, F_RECEIPT, _("Receipt number:"), _("if the unit gave one"));
	y = draw_field(a, y, F_NOT_YET, _("Not made yet, because:"),
		_("only when it could not be made yet; the case then still cannot be finished"));
	if (form.err[0])
		gu_put_wrapped(y, x, w, 2, form.err, gu_attr(GU_R_ERROR));
	gu_scr_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Records the form's report; returns 0 or -1 with form.err set. */
static int form_save(gu_app *a)
{
	gu_report_new r = { 0 };
	gu_error err;

	r.kind = form.kind;
	r.unit = form.f[F_UNIT].buf;
	r.date = form.f[F_DATE].buf;
	r.receipt = form.f[F_RECEIPT].buf;
	r.not_yet = form.f[F_NOT_YET].len ? form.f[F_NOT_YET].buf : NULL;
	if (gu_report_add(a->db, a->ses->id, &r, &err) < 0) {
		snprintf(form.err, sizeof form.err, _("Not recorded: %s"),
			err.message[0] ? err.message : gu_code_text(err.code));
		return -1;
	}
	return 0;
}

/* Takes a key on the report form. */
void gu_report_form_key(gu_app *a, const gu_key *k, char *why)
{
	if (gu_key_char(k, GU_ESC)) {
		form.open = false;
		return;
	}
	if (gu_key_char(k, '\t') || gu_key_fn(k, KEY_DOWN)) {
		form.focus = (form.focus + 1) % F_COUNT;
		return;
	}
	if (gu_key_fn(k, KEY_BTAB) || gu_key_fn(k, KEY_UP)) {
		form.focus = (form.focus + F_COUNT - 1) % F_COUNT;
		return;
	}
	if (gu_key_fn(k, KEY_ENTER)) {
		if (form_save(a) == 0) {
			form.open = false;
			why[0] = '\0';
			gu_app_message(a, GU_R_OK, form.f[F_NOT_YET].len
				? _("Recorded: the report is not made yet.") : _("The report is recorded."));
		}
		return;
	}
	form.err[0] = '\0';
	gu_edit_key(&form.f[form.focus], k, NULL);
}
