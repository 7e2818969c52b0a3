#include "config.h"
/* Reading a query's rows into a growing array: the one loop every list of
 * the store shares. */

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
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
