/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Case search as you type, with filters and sorting.
 *
 * The query finds a case by any part of the child's name (one Chinese
 * character is enough), by its full pinyin (zhangxiaohong, or any part of
 * it), by the start of its initials (zxh), or by the ID number, whole or
 * its last digits.  The pinyin keys are computed with ICU when a name is
 * saved and kept in the table case_keys; triggers queue every new or
 * changed name, and gu_search_refresh computes the queued keys, so ICU is
 * needed only when names change or a query is typed.
 *
 * A searcher keeps its prepared statements between keystrokes; close it
 * before closing the store. */
#ifndef GUANAI_DB_SEARCH_H
#define GUANAI_DB_SEARCH_H

#include <stddef.h>
#include "core/policy.h"
#include "db/store.h"

enum gu_search_sort {
	GU_SORT_DEFAULT = 0, /* returned cases first, then the latest change first */
	GU_SORT_UPDATED,     /* the latest change first */
	GU_SORT_NAME,        /* by the pinyin of the name */
	GU_SORT_TOWNSHIP,    /* by township, then the latest change */
	GU_SORT_DUE,         /* the soonest follow-up due first; none last */
	GU_SORT_COUNT
};

typedef struct gu_search_filter {
	const char *query;       /* typed text; NULL or "" for every case */
	const char *township;    /* exact; NULL any */
	const char *worker;      /* exact; NULL any (a worker sees only their own) */
	unsigned status_mask;    /* 1u << gu_case_status; 0 any */
	const char *group;       /* "floating", "left_behind", "difficult"; NULL any */
	int item;                /* cases whose saved results hold this item; 0 any */
	int items;               /* CSV export: item columns 1 .. items (the policy's count;
	                          * more when a saved result holds a higher item number) */
	const gu_policy *policy; /* CSV export: names the item columns; NULL "item N" */
	const char *due_by;      /* "YYYY-MM-DD": an open follow-up due by then; NULL any */
	enum gu_search_sort sort;
	size_t limit, offset;    /* limit 0: no limit */
} gu_search_filter;

/* One case in a list. */
typedef struct gu_case_row {
	char id[GU_ID_SIZE];
	enum gu_case_status status;
	char child_name[128];
	char child_id_number[32];
	char township[128];
	char worker[128];
	char groups[64];         /* "floating,left_behind": from the saved results */
	char next_due[12];       /* the soonest open follow-up due; "" none */
	int n_eligible, n_verify;
	gu_time_ms updated, created;
} gu_case_row;

typedef struct gu_search gu_search;

/* Opens a searcher on db; returns 0 or < 0. */
int gu_search_open(gu_db *db, gu_search **out, gu_error *err);
/* Closes a searcher; NULL is allowed. */
void gu_search_close(gu_search *s);

/* Computes the pinyin keys of the names queued since the last refresh
 * (all of them the first time after the upgrade).  Returns the number of
 * names done (>= 0) or < 0.  A read-only store is left as it is: the
 * queued names are then searched by their characters only. */
int gu_search_refresh(gu_db *db, gu_error *err);

/* Lists the cases matching f (NULL: all), as the session may see them
 * (db/access.h).  *out is a malloc'd array of *n rows (free()).  Returns
 * 0 or < 0 (-GU_EINVAL for a bad filter, -GU_EPERM). */
int gu_search_run(gu_search *s, const gu_search_filter *f, gu_case_row **out,
	size_t *n, gu_error *err);

/* Parses a sort name ("default", "updated", "name", "township", "due");
 * returns 0 or -GU_EINVAL. */
int gu_search_sort_parse(const char *name, enum gu_search_sort *out, gu_error *err);

#endif
