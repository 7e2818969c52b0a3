/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration adding the regular visits of a case (db/schema_visits.c). */
#ifndef GUANAI_DB_SCHEMA_VISITS_H
#define GUANAI_DB_SCHEMA_VISITS_H

/* The SQL adding the visits table. */
extern const char gu_db_schema_visits[];

#endif
