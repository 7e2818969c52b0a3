/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration adding the kinds of a difficult child (db/schema_difficulty.c). */
#ifndef GUANAI_DB_SCHEMA_DIFFICULTY_H
#define GUANAI_DB_SCHEMA_DIFFICULTY_H

/* The SQL adding the case_difficulty table. */
extern const char gu_db_schema_difficulty[];

#endif
