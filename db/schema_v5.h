/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Migration 5: the audit chain, and the dates retention needs (db/schema_v5.c). */
#ifndef GUANAI_DB_SCHEMA_V5_H
#define GUANAI_DB_SCHEMA_V5_H

/* The SQL taking user_version 4 to 5, run before gu_audit_chain_migrate. */
extern const char gu_db_schema_v5[];

#endif
