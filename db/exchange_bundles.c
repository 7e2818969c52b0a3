/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The bundles an installation received, newest first: applied, held
 * until the one before comes, or refused (with the reason; nothing of a
 * refused bundle's content is kept).  The office's exchange screen lists
 * them. */

#include "db/access.h"
#include "db/exchange_internal.h"

/* Fills one bundle from a row (a gu_row_fill_fn). */
static void fill_bundle(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_xchg_bundle *b = elem;

	(void)oom;
	gu_column_copy(st, 0, b->sender, sizeof b->sender);
	gu_column_copy(st, 1, b->worker, sizeof b->worker);
	b->seq = sqlite3_column_int64(st, 2);
	b->at = sqlite3_column_int64(st, 3);
	b->cases = sqlite3_column_int64(st, 4);
	gu_column_copy(st, 5, b->state, sizeof b->state);
	gu_column_copy(st, 6, b->reason, sizeof b->reason);
}

/* Lists the last limit bundles received (0: all); returns 0 or < 0. */
int gu_xchg_bundle_list(gu_db *db, size_t limit, gu_xchg_bundle **out, size_t *n,
	gu_error *err)
{
	void *v = NULL;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_list_rows(db, GU_ST_XCHG_BUNDLES,
		"SELECT r.sender, coalesce(d.worker, ''), r.seq, r.received_at, r.cases, r.state, ''"
		" FROM xchg_received r LEFT JOIN xchg_devices d ON d.id = r.sender"
		" UNION ALL"
		" SELECT f.sender, coalesce(d.worker, ''), f.seq, f.at, 0, 'refused', f.reason"
		" FROM xchg_refused f LEFT JOIN xchg_devices d ON d.id = f.sender"
		" ORDER BY 4 DESC, 3 DESC LIMIT ?1",
		GU_VALUES(GU_INT(limit ? (sqlite3_int64)limit : -1)),
		sizeof **out, fill_bundle, gu_rows_free_flat, &v, n, err);
	*out = v;
	return ret;
}
