/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The migration keeping each laptop's recovery key at the office, sealed
 * (db/schema_recovery.c). */
#ifndef GUANAI_DB_SCHEMA_RECOVERY_H
#define GUANAI_DB_SCHEMA_RECOVERY_H

/* The SQL adding the sealed recovery key to the office's devices. */
extern const char gu_db_schema_recovery[];

#endif
