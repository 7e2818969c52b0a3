/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration linking the cases of one family (db/schema_family.c). */
#ifndef GUANAI_DB_SCHEMA_FAMILY_H
#define GUANAI_DB_SCHEMA_FAMILY_H

/* The SQL adding family_links and copied_answers. */
extern const char gu_db_schema_family[];

#endif
