/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding the stored cases that may be the same child as one being
 * interviewed or received (docs/exchange.md, "Duplicates"). */
#ifndef GUANAI_DB_DUPLICATES_H
#define GUANAI_DB_DUPLICATES_H

#include <stddef.h>

#include "db/store.h"

/* The child to look for; any field may be NULL or "" (not known). */
typedef struct gu_dup_child {
	const char *id_number;       /* as stored (child.id_number) */
	const char *name;            /* child.name */
	const char *dob;             /* child.dob, YYYY-MM-DD */
	const char *township;        /* as the case list stores it (cases.township) */
} gu_dup_child;

/* A stored case that may be the same child, and why. */
typedef struct gu_dup_match {
	char case_id[GU_ID_SIZE];
	char why[32];                /* "id_number", "name_dob_township" or
	                              * "pinyin_dob_township" */
} gu_dup_match;

/* Finds the stored cases other than exclude (may be NULL) that may be the
 * child c: the same ID number (15 or 18 characters); or the same date of
 * birth and township with the same name, or with a name of the same
 * pinyin written with other characters (刘思雨, 刘思宇).  Each case comes
 * once, with the first of those reasons; indexes find them without reading
 * every case.  Names stored without their pinyin get it first (in
 * transactions of their own: not for use inside one).  Without the pinyin
 * library, names are compared as written.  Returns 0 with a malloc'd array
 * in *out (*n may be 0) or < 0. */
int gu_case_find_duplicates(gu_db *db, const gu_dup_child *c, const char *exclude,
	gu_dup_match **out, size_t *n, gu_error *err);

#endif
