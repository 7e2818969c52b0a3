/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mandatory reports on screen: the box that must be acknowledged the
 * moment an answer raises an alert of the policy (强制报告, 控辍保学), and
 * the form on the finish screen that records the report before the case
 * can be finished. */
#ifndef GUANAI_TUI_SCREEN_REPORT_H
#define GUANAI_TUI_SCREEN_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db/reports.h"
#include "tui/app.h"

/* Notes the policy's alerts that hold for the open case's answers now,
 * before an answer is saved. */
void gu_report_alerts_note(gu_app *a);
/* After an answer is saved: returns true when it raised an alert noted as
 * absent before, which the box (gu_report_box_draw) then shows. */
bool gu_report_alert_raised(gu_app *a);
/* Draws the alert box over the interview. */
void gu_report_box_draw(gu_app *a);
/* Takes a key while the box is shown: only Enter acknowledges it; returns
 * true once acknowledged. */
bool gu_report_box_key(gu_app *a, const gu_key *k);

/* Returns true when the open case has an alert whose report is not yet
 * recorded; sets *k to its kind and why (size bytes) to why the case cannot
 * be finished yet. */
bool gu_report_missing(gu_app *a, enum gu_report_kind *k, char *why, size_t size);
/* Runs the report form for the open case's report of kind k, with why
 * above it: Tab moves, Enter records and goes back, Esc goes back.  Sets
 * *recorded; returns a gu_screen_ret. */
int gu_screen_report_form(gu_app *a, enum gu_report_kind k, const char *why, bool *recorded);

#endif
