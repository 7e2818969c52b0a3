/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The case tally (case_tally, kept by triggers): how many cases each
 * township, worker and status has, read instead of every case for the
 * filter choices of the case list and the counts shown at start. */

#include <stdlib.h>
#include <string.h>

#include "db/access.h"
#include "db/internal.h"
#include "db/search.h"

/* Counts from the tally the cases of a township, a worker (NULL: any) and
 * the statuses in mask (0: any); returns the count or < 0. */
long gu_case_tally_count(gu_db *db, const char *township, const char *worker, unsigned mask,
	gu_error *err)
{
	sqlite3_stmt *st;
	long count = 0;
	int rc;

	st = gu_db_slot(db, GU_ST_TALLY_COUNT,
		"SELECT coalesce(sum(n), 0) FROM case_tally"
		" WHERE (?1 IS NULL OR township = ?1) AND (?2 IS NULL OR worker = ?2)"
		" AND (?3 = 0 OR (?3 >> " GU_SQL_STATUS_BIT("status") ") & 1)", &rc);
	if (!st)
		return gu_db_fail(db, rc, err);
	if ((rc = gu_bind_text(st, 1, township)) != SQLITE_OK
	    || (rc = gu_bind_text(st, 2, worker)) != SQLITE_OK
	    || (rc = sqlite3_bind_int64(st, 3, mask)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		count = (long)sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? count : gu_db_fail(db, rc, err);
}

/* Copies column 0 of a row into a list of strings (a gu_row_fill_fn). */
static void fill_name(sqlite3_stmt *st, void *elem, bool *oom)
{
	char **name = elem;

	*name = gu_column_dup(st, 0, oom);
	if (!*name && !*oom)
		*name = strdup("");
	if (!*name)
		*oom = true;
}

/* Frees a list of strings given as void * (a gu_rows_free_fn). */
static void free_names(void *v, size_t n)
{
	gu_case_choices_free(v, n);
}

/* Lists the townships or workers of the cases the session may see;
 * returns 0 or < 0. */
int gu_case_choices(gu_db *db, enum gu_case_choice what, char ***out, size_t *n,
	gu_error *err)
{
	const char *worker = NULL;
	sqlite3_stmt *st;
	void *v = NULL;
	int rc, ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = gu_access_list_worker(db, NULL, &worker, err);
	if (ret < 0)
		return ret;
	if (what == GU_CHOICE_WORKERS)
		st = gu_db_slot(db, GU_ST_TALLY_WORKERS, "SELECT DISTINCT worker FROM case_tally"
			" WHERE n > 0 AND worker <> '' AND (?1 IS NULL OR worker = ?1) ORDER BY worker",
			&rc);
	else
		st = gu_db_slot(db, GU_ST_TALLY_TOWNSHIPS, "SELECT DISTINCT township FROM case_tally"
			" WHERE n > 0 AND township <> '' AND (?1 IS NULL OR worker = ?1)"
			" ORDER BY township", &rc);
	if (st)
		rc = gu_bind_text(st, 1, worker && *worker ? worker : NULL);
	if (rc != SQLITE_OK) {
		sqlite3_reset(st);
		return gu_db_fail(db, rc, err);
	}
	ret = gu_db_read_rows(db, st, sizeof **out, fill_name, free_names, &v, n, err);
	*out = v;
	return ret;
}

/* Frees a list of choices. */
void gu_case_choices_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}
