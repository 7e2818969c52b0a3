/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration adding the mandatory reports of a case (db/schema_reports.c). */
#ifndef GUANAI_DB_SCHEMA_REPORTS_H
#define GUANAI_DB_SCHEMA_REPORTS_H

/* The SQL adding the reports table. */
extern const char gu_db_schema_reports[];

#endif
