/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration that stores answers and results compactly behind views of
 * the old columns (db/schema_compact.c). */
#ifndef GUANAI_DB_SCHEMA_COMPACT_H
#define GUANAI_DB_SCHEMA_COMPACT_H

#include <sqlite3.h>

#include "core/error.h"

/* The migration's number. */
#define GU_DB_SCHEMA_COMPACT 19

/* The SQL moving the answers into answer_rows behind the view answers. */
extern const char gu_db_schema_compact[];

/* Moves the results likewise and creates the views' INSTEAD OF triggers,
 * after gu_db_schema_compact in the same transaction; returns the SQLite
 * result. */
int gu_db_schema_compact_finish(sqlite3 *h);

/* Returns 0 when the disk holding path has room for the migration's copy
 * of the answers and results, or < 0 with err saying how much is needed. */
int gu_db_schema_compact_room(sqlite3 *h, const char *path, gu_error *err);

#endif
