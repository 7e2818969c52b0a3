/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Migration: the indexes that serve each order of the case list, and the
 * case tally kept by triggers (db/schema_list.c). */
#ifndef GUANAI_DB_SCHEMA_LIST_H
#define GUANAI_DB_SCHEMA_LIST_H

/* The SQL of the migration. */
extern const char gu_db_schema_list[];

#endif
