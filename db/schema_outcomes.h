/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration adding a referral's outcomes: the department's answer, the
 * family's refusal and the return slip (db/schema_outcomes.c). */
#ifndef GUANAI_DB_SCHEMA_OUTCOMES_H
#define GUANAI_DB_SCHEMA_OUTCOMES_H

/* The SQL adding the outcome columns. */
extern const char gu_db_schema_outcomes[];

#endif
