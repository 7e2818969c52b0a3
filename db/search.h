/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one case-list query: filters, sorting, search as you type and pages.
 *
 * The screens, "guanai cases", the CSV export and re-screening all list
 * cases through gu_case_list.  The query finds a case by any part of the
 * child's name (one Chinese character is enough), by its full pinyin
 * (zhangxiaohong, or any part of it), by the start of its initials (zxh),
 * or by the ID number, whole or its last digits.  The pinyin keys are kept
 * in the table case_keys, computed when a name is saved, imported or
 * received; triggers queue names written by plain SQL for
 * gu_search_refresh.
 *
 * Pages follow each other by the last row shown (keyset pagination): a
 * page starts after that row in the sort order, read on an index that
 * serves the order, so every page costs the same however deep it is. */
#ifndef GUANAI_DB_SEARCH_H
#define GUANAI_DB_SEARCH_H

#include <stddef.h>
#include "core/policy.h"
#include "db/store.h"

enum gu_case_sort {
	GU_SORT_DEFAULT = 0, /* returned cases first, then the latest change first */
	GU_SORT_UPDATED,     /* the latest change first */
	GU_SORT_NAME,        /* by the pinyin of the name */
	GU_SORT_TOWNSHIP,    /* by township, then the latest change */
	GU_SORT_DUE,         /* the soonest follow-up due first; none last */
	GU_SORT_COUNT
};

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
	int answered;            /* answers saved */
	int progress_done, progress_total; /* as given to gu_case_set_resume */
	int n_eligible, n_verify;
	gu_time_ms updated, created;
	char sort_key[256];      /* the row's place in its sort (for the next page) */
} gu_case_row;

/* Which cases to list and in what order; zero everywhere lists them all,
 * in the default order. */
typedef struct gu_case_filter {
	const char *query;       /* typed text; NULL or "" for every case */
	const char *township;    /* exact; NULL any */
	const char *worker;      /* exact; NULL any (a worker sees only their own) */
	unsigned status_mask;    /* 1u << gu_case_status; 0 any (gu_case_status_mask_parse) */
	const char *group;       /* "floating", "left_behind", "difficult"; NULL any */
	int item;                /* cases whose saved results hold this item; 0 any */
	int items;               /* CSV export: item columns 1 .. items (the policy's count;
	                          * more when a saved result holds a higher item number) */
	const gu_policy *policy; /* CSV export: names the item columns; NULL "item N" */
	const char *due_by;      /* "YYYY-MM-DD": an open follow-up due by then; NULL any */
	enum gu_case_sort sort;
	const gu_case_row *after; /* the last row of the page before (same filter
	                          * and sort); NULL from the first case */
	size_t limit;            /* 0: no limit */
	size_t offset;           /* rows skipped after that (prefer after) */
	bool bare;               /* groups and next_due left "" (not read), for a list
	                          * that shows neither; sorted by due, next_due is read */
} gu_case_filter;

/* Lists the cases matching f (NULL: all), as the session may see them
 * (db/access.h).  *out is a malloc'd array of *n rows (free()), NULL when
 * none.  Returns 0 or < 0 (-GU_EINVAL for a bad filter, -GU_EPERM). */
int gu_case_list(gu_db *db, const gu_case_filter *f, gu_case_row **out, size_t *n,
	gu_error *err);

/* Returns the number of cases f (NULL: all) selects, its limit, offset,
 * after and sort aside, or < 0.  Without a query, group, item or due date
 * the count comes from the case tally kept by triggers, without reading
 * the cases.  As gu_case_list, a worker counts their own cases. */
long gu_case_count(gu_db *db, const gu_case_filter *f, gu_error *err);

/* The filter choices of the case list. */
enum gu_case_choice { GU_CHOICE_TOWNSHIPS, GU_CHOICE_WORKERS };

/* Lists the townships (or workers) of the cases the session may see, in
 * byte order, "" left out, from the case tally kept by triggers (it reads
 * no case).  *out is a malloc'd array of *n strings (gu_case_choices_free).
 * Returns 0 or < 0. */
int gu_case_choices(gu_db *db, enum gu_case_choice what, char ***out, size_t *n,
	gu_error *err);
/* Frees a list of choices; NULL is allowed. */
void gu_case_choices_free(char **v, size_t n);

/* Told the progress of gu_search_refresh: done of total names; returns
 * false to stop (what is done stays done). */
typedef bool (*gu_search_progress_fn)(void *ctx, long done, long total);

/* Computes the pinyin keys of names written without them (by plain SQL,
 * or before an upgrade): a write through the store computes its keys
 * itself.  Calls progress (may be NULL) before the first batch and after
 * each.  Returns the number of names done (>= 0) or < 0.  A read-only
 * store is left as it is; the list finds names without keys by their
 * characters. */
long gu_search_refresh(gu_db *db, gu_search_progress_fn progress, void *ctx, gu_error *err);

/* Parses a sort name ("default", "updated", "name", "township", "due");
 * returns 0 or -GU_EINVAL. */
int gu_case_sort_parse(const char *name, enum gu_case_sort *out, gu_error *err);

#endif
