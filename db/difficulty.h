/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kinds of a difficult child a case's saved results found (a, b, c of
 * 国发〔2016〕36号; core/keys.h), stored beside its groups for the ledger. */
#ifndef GUANAI_DB_DIFFICULTY_H
#define GUANAI_DB_DIFFICULTY_H

#include "db/store.h"

/* Replaces a case's kinds with those of kinds (bits 0, 1, 2 for a, b, c,
 * as gu_results.difficult_kinds) inside the caller's transaction; returns
 * 0 or < 0. */
int gu_case_difficulty_put_in_tx(gu_db *db, const char *case_id, unsigned kinds,
	gu_time_ms now, gu_error *err);

/* Returns the translated name of the ledger's key for a kind
 * ("difficult_a" .. "difficult_c"), or NULL for any other key. */
const char *gu_difficulty_label(const char *key);

#endif
