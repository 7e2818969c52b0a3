/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cases of one family: a brother's or sister's interview started from
 * a case with the answers the family shares, the cases linked, and the
 * copied answers marked until the worker confirms or changes them. */
#ifndef GUANAI_DB_FAMILY_H
#define GUANAI_DB_FAMILY_H

#include <stddef.h>
#include "core/answers.h"
#include "core/date.h"
#include "db/store.h"

/* Creates a draft case for another child of the family of case from_id
 * (c says who interviews and the policy), with the answers the family
 * shares (core/family.h: household, parents, guardian, members, the first
 * child as a member) copied, each in the answer history naming the case it
 * came from and marked as copied; links the two cases, audited.  One
 * transaction.  Writes the new id into id; returns 0 or < 0. */
int gu_family_start(gu_db *db, const char *from_id, const gu_case_new *c, gu_date today,
	char id[GU_ID_SIZE], gu_error *err);

/* Another case of the same family. */
typedef struct gu_sibling {
	char id[GU_ID_SIZE];
	char child_name[128];
	char interviewed[16];        /* its interview date, "" when not given */
	enum gu_case_status status;
} gu_sibling;

/* Lists the other cases of the family of case_id (linked either way,
 * through any number of links), the first created first.  Sets *out
 * (free() it; NULL when none) and *n; returns 0 or < 0. */
int gu_family_siblings(gu_db *db, const char *case_id, gu_sibling **out, size_t *n,
	gu_error *err);

/* Fills out (initialised here) with the answers of case_id still marked as
 * copied: each key with the id of the case it came from.  Returns 0 or < 0. */
int gu_family_copied(gu_db *db, const char *case_id, gu_answers *out, gu_error *err);

/* Unmarks a copied answer (the worker confirmed or changed it); returns 0
 * or < 0.  A key not marked changes nothing. */
int gu_family_copied_clear(gu_db *db, const char *case_id, const char *key, gu_error *err);

#endif
