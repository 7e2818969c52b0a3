/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The schema's numbered migrations (db/schema.c). */
#ifndef GUANAI_DB_SCHEMA_H
#define GUANAI_DB_SCHEMA_H

/* gu_db_migrations[k] is the SQL taking user_version k-1 to k; [0] is NULL. */
extern const char *const gu_db_migrations[];
/* The number of migrations, equal to GU_DB_SCHEMA_VERSION. */
extern const int gu_db_migration_count;

#endif
