/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Mandatory reports on screen: the alert box at the question, and which
 * report a case still lacks before it can be finished (the form that
 * records it is tui/screen_report_form.c). */

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

/* Returns true when the case has an alert without its report; sets *k to
 * the kind of that report and why (size bytes) to why the case cannot be
 * finished yet. */
bool gu_report_missing(gu_app *a, enum gu_report_kind *k, char *why, size_t size)
{
	gu_session *s = a->ses;
	size_t i;

	if (!s->have_res)
		return false;
	for (i = 0; i < s->res.nalerts; i++) {
		int kind = alert_kind(s->res.alerts[i].id);
		gu_error err;

		if (kind < 0 || gu_report_done(a->db, s->id, (enum gu_report_kind)kind, &err) != 0)
			continue;
		*k = (enum gu_report_kind)kind;
		snprintf(why, size, "%s", kind == GU_REPORT_POLICE
			? _("强制报告: record the report to the public security organ before finishing the case.")
			: _("控辍保学: record to whom the child's case was passed before finishing the case."));
		return true;
	}
	return false;
}
