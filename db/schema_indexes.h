/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration dropping the indexes of cases that another index serves
 * (db/schema_indexes.c). */
#ifndef GUANAI_DB_SCHEMA_INDEXES_H
#define GUANAI_DB_SCHEMA_INDEXES_H

/* The SQL dropping them. */
extern const char gu_db_schema_indexes[];

#endif
