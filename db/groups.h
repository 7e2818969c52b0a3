/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The groups of a case (floating, left_behind, difficult), as its saved
 * results found them; lists and the dashboard filter and count by them. */
#ifndef GUANAI_DB_GROUPS_H
#define GUANAI_DB_GROUPS_H

#include "db/store.h"

/* Returns true when name is "floating", "left_behind" or "difficult". */
bool gu_group_valid(const char *name);
/* Returns the translated name of a group. */
const char *gu_group_label(const char *name);

/* Replaces a case's groups with the comma-separated list groups (as in
 * gu_results.groups) inside the caller's transaction; names other than the
 * three (a county's own group) are left out.  Returns 0 or < 0. */
int gu_case_groups_put_in_tx(gu_db *db, const char *case_id, const char *groups,
	gu_time_ms now, gu_error *err);
/* As gu_case_groups_put_in_tx in its own transaction, refusing an unknown
 * name with -GU_EINVAL. */
int gu_case_set_groups(gu_db *db, const char *case_id, const char *groups, gu_error *err);
/* Writes a case's groups, comma-separated in a fixed order, into buf;
 * returns 0 or < 0. */
int gu_case_get_groups(gu_db *db, const char *case_id, char *buf, size_t size,
	gu_error *err);

#endif
