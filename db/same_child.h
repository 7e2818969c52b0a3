/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cases that may be one child entered twice: the same ID number, or the
 * same name, date of birth and township.  The exchange records such pairs
 * on receiving (db/exchange_apply.c); a new interview warns of them. */
#ifndef GUANAI_DB_SAME_CHILD_H
#define GUANAI_DB_SAME_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include "core/keys.h"
#include "db/store.h"

/* The pairs (c, o) of case ?1 and another case o of the same ID number;
 * written after a SELECT of c and o columns. */
#define GU_SAME_CHILD_BY_ID_SQL \
	" FROM cases c JOIN cases o ON o.child_id_number = c.child_id_number" \
	"  AND o.child_id_number <> '' AND o.id <> c.id" \
	" WHERE c.id = ?1 AND length(c.child_id_number) >= 15"
/* The pairs (c, o) of case ?1 and another case o of the same name, date
 * of birth and township. */
#define GU_SAME_CHILD_BY_NAME_SQL \
	" FROM cases c JOIN cases o ON o.child_name = c.child_name" \
	"  AND o.township = c.township AND o.child_name <> '' AND o.id <> c.id" \
	" WHERE c.id = ?1" \
	"  AND (SELECT value FROM answers WHERE case_id = o.id AND key = '" \
	GU_KEY_CHILD_DOB "')" \
	"   = (SELECT value FROM answers WHERE case_id = c.id AND key = '" \
	GU_KEY_CHILD_DOB "')"

/* The longest ID number, name, township or date of birth read of a case. */
#define GU_SAME_FIELD 200

/* Another case of the same child. */
typedef struct gu_same_child {
	char id[GU_ID_SIZE];
	bool by_id_number;          /* else by name, date of birth and township */
	char why[32];               /* as db/duplicates.h says it: "id_number",
	                             * "name_dob_township" or "pinyin_dob_township" */
	char name[200];
	char township[200];
	enum gu_case_status status;
	gu_time_ms updated;
} gu_same_child;

/* Finds another case that may be the same child as case_id, by the one
 * lookup of db/duplicates.h (one not closed first, then one of the same ID
 * number, then the last changed); not inside a transaction (the lookup
 * computes waiting pinyin keys in its own); returns 1 with *out filled, 0 when
 * there is none, or < 0 with err set. */
int gu_same_child_find(gu_db *db, const char *case_id, gu_same_child *out, gu_error *err);

/* Lists case_id and the other case as a pair for a supervisor to decide
 * (guanai duplicates), unless they are listed already; returns 0 or < 0. */
int gu_same_child_note(gu_db *db, const char *case_id, const gu_same_child *other,
	gu_error *err);

#endif
