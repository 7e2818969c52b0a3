/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verifying the audit log's hash chain (db/audit_chain.c). */
#ifndef GUANAI_DB_AUDIT_CHAIN_H
#define GUANAI_DB_AUDIT_CHAIN_H

#include <stdbool.h>

#include "db/store.h"

/* What a verification found. */
typedef struct gu_audit_check {
	bool chained;        /* false: an older layout, not yet chained */
	long long entries;   /* the entries read */
	long long first_bad; /* the first broken entry's number, 0 when sound */
	char bad_id[GU_ID_SIZE]; /* its id, "" when sound or none */
} gu_audit_check;

/* Reads the whole audit log and recomputes its chain: every entry must
 * follow the one before it, match its hash, and the last must be the head
 * recorded beside the log; the guards against changing it must be there.
 * Returns 0 when all holds (or the layout has no chain yet: chained is
 * false), -GU_EDB_CORRUPT naming the first broken entry, or < 0. */
int gu_audit_verify(gu_db *db, gu_audit_check *out, gu_error *err);

#endif
