/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration that stores answers compactly behind a view of the old
 * columns (db/schema_answers.c). */
#ifndef GUANAI_DB_SCHEMA_ANSWERS_H
#define GUANAI_DB_SCHEMA_ANSWERS_H

#include <sqlite3.h>

#include "core/error.h"

/* The migration's number. */
#define GU_DB_SCHEMA_ANSWERS 17

/* The SQL moving the answers into answer_rows behind the view answers. */
extern const char gu_db_schema_answers[];

/* Creates the view's INSTEAD OF triggers, after gu_db_schema_answers in
 * the same transaction; returns the SQLite result. */
int gu_db_schema_answers_triggers(sqlite3 *h);

/* Returns 0 when the disk holding path has room for the migration's copy
 * of the answers, or < 0 with err saying how much is needed. */
int gu_db_schema_answers_room(sqlite3 *h, const char *path, gu_error *err);

#endif
