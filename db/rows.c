/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Reading a query's rows into a growing array: the one loop every list of
 * the store shares. */

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/access.h"
#include "db/internal.h"

/* Steps st to its end into an array; returns 0 or < 0 (see internal.h). */
int gu_db_read_rows(gu_db *db, sqlite3_stmt *st, size_t elem_size, gu_row_fill_fn fill,
	gu_rows_free_fn free_rows, void **out, size_t *n, gu_error *err)
{
	char *v = NULL;
	size_t cap = 0, len = 0;
	bool oom = false;
	int rc, ret = 0;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			char *nv = realloc(v, ncap * elem_size);

			if (!nv) {
				oom = true;
				break;
			}
			v = nv;
			cap = ncap;
		}
		memset(v + len * elem_size, 0, elem_size);
		fill(st, v + len * elem_size, &oom);
		len++;
		if (oom)
			break;
	}
	sqlite3_reset(st);
	if (oom)
		ret = gu_error_set(err, GU_ENOMEM, db->path, 0, 0, _("out of memory"));
	else if (rc != SQLITE_DONE)
		ret = gu_db_fail(db, rc, err);
	if (ret < 0) {
		free_rows(v, len);
		return ret;
	}
	*out = v;
	*n = len;
	return 0;
}

/* Lists the rows of a statement with its values bound; returns 0 or < 0. */
int gu_db_list_rows(gu_db *db, enum gu_st slot, const char *sql, const gu_bind_value *v,
	size_t nv, size_t elem_size, gu_row_fill_fn fill, gu_rows_free_fn free_rows, void **out,
	size_t *n, gu_error *err)
{
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, slot, sql, &rc);

	*out = NULL;
	*n = 0;
	if (st)
		rc = gu_bind_values(st, v, nv);
	if (rc != SQLITE_OK) {
		sqlite3_reset(st);
		return gu_db_fail(db, rc, err);
	}
	return gu_db_read_rows(db, st, elem_size, fill, free_rows, out, n, err);
}

/* Lists one case's rows after an access check; returns 0 or < 0. */
int gu_db_case_rows(gu_db *db, enum gu_st slot, const char *sql, const char *case_id,
	size_t elem_size, gu_row_fill_fn fill, gu_rows_free_fn free_rows, void **out,
	size_t *n, gu_error *err)
{
	int ret;

	*out = NULL;
	*n = 0;
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	return gu_db_list_rows(db, slot, sql, &GU_TEXT(case_id), 1, elem_size, fill, free_rows,
		out, n, err);
}

/* Frees a list whose elements own nothing (a gu_rows_free_fn). */
void gu_rows_free_flat(void *v, size_t n)
{
	(void)n;
	free(v);
}

/* Copies column 0 of a row into an id (a gu_row_fill_fn). */
static void fill_id(sqlite3_stmt *st, void *elem, bool *oom)
{
	(void)oom;
	gu_column_copy(st, 0, elem, GU_ID_SIZE);
}

/* Lists column 0 of a statement's rows as ids; returns 0 or < 0. */
int gu_db_list_ids(gu_db *db, enum gu_st slot, const char *sql, const gu_bind_value *v,
	size_t nv, char (**out)[GU_ID_SIZE], size_t *n, gu_error *err)
{
	void *ids = NULL;
	int ret = gu_db_list_rows(db, slot, sql, v, nv, GU_ID_SIZE, fill_id, gu_rows_free_flat,
		&ids, n, err);

	*out = ids;
	return ret;
}
