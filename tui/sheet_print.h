/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The print-sheets key of the result and case screens (tui/sheet_print.c). */
#ifndef GUANAI_TUI_SHEET_PRINT_H
#define GUANAI_TUI_SHEET_PRINT_H

#include "tui/app.h"

/* Writes the referral sheets of case_id (every lead department, one page
 * each, as HTML for A4) to a new file in the export folder, recorded and
 * audited, and says on the message line where it is or what stopped it. */
void gu_sheet_print(gu_app *a, const char *case_id);

#endif
