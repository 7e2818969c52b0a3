/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One rule for full ID numbers, wherever they would leave the program
 * (screens, export, the case list, CSV, search): a number is shown masked
 * (gu_idcard_mask: the first 6 and last 4 characters) unless the session's
 * role may see it whole, and every whole number shown is an audit entry.
 * A supervisor may see whole numbers (and so may the one user of a
 * database without users); a worker never.  A search matches only the
 * characters the mask shows, or a whole number typed in full. */
#ifndef GUANAI_DB_ID_RULE_H
#define GUANAI_DB_ID_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/answers.h"
#include "db/store.h"

/* SQL for the characters of column col that the mask shows (the first 6,
 * a '*', the last 4; "" for what is not an 18-character number), for
 * matching a search against them only. */
#define GU_ID_VISIBLE_SQL(col) \
	"(CASE WHEN length(" col ") = 18 THEN substr(" col ", 1, 6) || '*' || substr(" \
	col ", -4) ELSE '' END)"

/* Returns true when a search of len digits at the end of ID numbers
 * matches only what the mask shows (at most 4) or a whole number (18). */
bool gu_id_query_visible(size_t len);

/* Sets *may to whether the session may see whole ID numbers; returns 0 or < 0. */
int gu_id_may_reveal(gu_db *db, bool *may, gu_error *err);

/* Records, inside the caller's transaction, that case_id's whole ID number
 * was shown for purpose ("screen", "export", "edit"); returns 0 or < 0. */
int gu_id_reveal_in_tx(gu_db *db, const char *case_id, const char *purpose, gu_error *err);

/* As gu_id_reveal_in_tx, in its own transaction; returns 0 or < 0. */
int gu_id_reveal(gu_db *db, const char *case_id, const char *purpose, gu_error *err);

/* Applies the rule to a case's answers before they leave the program for
 * purpose: when the session may see whole numbers, the reveal is recorded
 * (in its own transaction) and *masked is false; otherwise child.id_number
 * is replaced by its mask and *masked is true (a case without a number is
 * left as it is, *masked false).  Returns 0 or < 0 (then nothing leaves). */
int gu_id_rule_answers(gu_db *db, const char *case_id, gu_answers *a, const char *purpose,
	bool *masked, gu_error *err);

#endif
