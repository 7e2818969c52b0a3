/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration that lets results be stored without their explanations
 * (db/schema_slim.c). */
#ifndef GUANAI_DB_SCHEMA_SLIM_H
#define GUANAI_DB_SCHEMA_SLIM_H

/* The SQL adding the policy texts and the results' bases. */
extern const char gu_db_schema_slim[];

#endif
