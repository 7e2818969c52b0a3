/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Values to offer on a new interview from those given before on this
 * laptop. */

#include "db/internal.h"
#include "db/prefill.h"

/* Copies the answer last given to key on this device by this user;
 * returns 1, 0 or < 0. */
int gu_prefill_last(gu_db *db, const char *key, const char *except_case,
	char *buf, size_t size, gu_error *err)
{
	int rc, ret = 0;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_PREFILL_LAST,
		"SELECT value FROM answers WHERE key = ?1 AND device = ?2"
		" AND (?3 = '' OR answered_by = ?3) AND case_id <> ?4 AND value <> ''"
		" ORDER BY answered_at DESC LIMIT 1", &rc);
	GU_ERR_LOCAL(err);

	if (size)
		buf[0] = '\0';
	if (st)
		rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, gu_db_device(db), -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, gu_db_user(db), -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 4, except_case ? except_case : "", -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, buf, size);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = gu_db_fail(db, rc, err);
	}
	if (st)
		sqlite3_reset(st);
	return ret;
}
