/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Migration 4: supervision and follow-up (db/schema_v4.c). */
#ifndef GUANAI_DB_SCHEMA_V4_H
#define GUANAI_DB_SCHEMA_V4_H

/* The SQL taking user_version 3 to 4. */
extern const char gu_db_schema_v4[];

#endif
