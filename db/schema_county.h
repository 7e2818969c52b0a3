/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration keeping two answers in the case row (db/schema_county.c). */
#ifndef GUANAI_DB_SCHEMA_COUNTY_H
#define GUANAI_DB_SCHEMA_COUNTY_H

/* The SQL adding cases.interviewed and cases.hukou_county, filling them and
 * the triggers keeping them. */
extern const char gu_db_schema_county[];

#endif
