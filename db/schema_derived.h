/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration keeping the case row's name, ID number and answer count by
 * triggers (db/schema_derived.c). */
#ifndef GUANAI_DB_SCHEMA_DERIVED_H
#define GUANAI_DB_SCHEMA_DERIVED_H

/* The SQL counting every case's answers again and the triggers on
 * answer_rows and cases keeping child_name, child_id_number and answered. */
extern const char gu_db_schema_derived[];

#endif
