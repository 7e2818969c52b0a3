/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy's checks on the open case: at the question when an answer is
 * given (an error refuses it, a warning asks to confirm), and the list the
 * result screen shows under "answers to check"; and the answers an answer
 * made stop counting. */
#ifndef GUANAI_TUI_ANSWER_CHECKS_H
#define GUANAI_TUI_ANSWER_CHECKS_H

#include <stddef.h>

#include "core/checks.h"
#include "tui/app.h"

/* Returns 0 when value may be saved for key: no check that reads key holds
 * once it is given, or only warnings the worker has confirmed by giving the
 * same answer again.  Else returns -1 with the message to show at the
 * question in msg (size bytes): an error refuses the answer, a warning
 * asks to press Enter again to keep it. */
int gu_answer_checks(gu_app *a, const char *key, const char *value, char *msg, size_t size);
/* Writes the checks that hold for the open case's answers, errors first,
 * at most max of them, into out, and last a reminder when the ID number
 * was not at hand; returns how many were written. */
size_t gu_case_checks(const gu_app *a, gu_check_hit *out, size_t max);
/* Returns true when the ID number answer (value, NULL when none) says it
 * was not at hand at the interview, so it is still to be added. */
bool gu_id_number_to_add(const char *value);
/* Notes which answers of the open case no longer count, before an answer
 * is saved. */
void gu_stale_note(gu_app *a);
/* After an answer is saved: when it made other answers stop counting,
 * says which on the message line (they stay in the case and its history,
 * out of rules and exports). */
void gu_stale_tell(gu_app *a);

#endif
