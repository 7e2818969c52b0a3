/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration counting each case under its worker as assigned
 * (db/schema_owner.c). */
#ifndef GUANAI_DB_SCHEMA_OWNER_H
#define GUANAI_DB_SCHEMA_OWNER_H

/* The SQL rebuilding case_tally by the case's worker (the assigned one,
 * else the maker) and the triggers on cases and assignments keeping it. */
extern const char gu_db_schema_owner[];

#endif
