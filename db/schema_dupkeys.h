/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration that lets a possible duplicate be found by the pinyin of
 * the child's name (db/schema_dupkeys.c). */
#ifndef GUANAI_DB_SCHEMA_DUPKEYS_H
#define GUANAI_DB_SCHEMA_DUPKEYS_H

/* The SQL adding the index on the names' pinyin. */
extern const char gu_db_schema_dupkeys[];

#endif
