/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* After an unclean close (a dead battery, a killed program): what a crash
 * can touch, read back before the user goes on.  The database is in WAL
 * mode with synchronous=FULL, so a crash loses no committed transaction
 * and SQLite recovers the log by itself, dropping any frame whose checksum
 * fails.  What a crash can have touched is the last transactions' pages:
 * the small tables every write changes (meta and its indexes) and the
 * latest changed cases with their answers.  Those are read here, in a
 * time that does not grow with the database; the whole file is checked by
 * "guanai check" (gu_db_check). */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/internal.h"

/* How many of the latest changed cases are read back. */
#define RECENT 32

/* Steps st to its end; returns the SQLite result (SQLITE_OK when done). */
static int step_all(sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Reads back what the last transactions wrote; returns 0, or
 * -GU_EDB_CORRUPT (or another error) saying what is damaged. */
int gu_db_check_recent(gu_db *db, gu_error *err)
{
	sqlite3_stmt *st;
	int rc;

	st = gu_db_slot(db, GU_ST_RECOVER_META, "PRAGMA quick_check(meta)", &rc);
	if (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);

		if (!first || strcmp(first, "ok") != 0) {
			char what[300];

			snprintf(what, sizeof what, "%s", first ? first : "?");
			sqlite3_reset(st);
			return gu_error_set(err, GU_EDB_CORRUPT, db->path, 0, 0,
				_("the database is damaged (%s); restore it from a backup"), what);
		}
		rc = SQLITE_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	/* Every column of the latest cases and of their answers, read through
	 * the table and its indexes. */
	st = gu_db_slot(db, GU_ST_RECOVER_RECENT,
		"SELECT c.*,"
		" (SELECT group_concat(a.key || a.value) FROM answers a WHERE a.case_id = c.id),"
		" (SELECT group_concat(coalesce(h.old_value, '') || coalesce(h.new_value, ''))"
		"  FROM answer_history h WHERE h.case_id = c.id)"
		" FROM (SELECT * FROM cases ORDER BY updated_at DESC LIMIT ?1) c", &rc);
	if (st && (rc = sqlite3_bind_int(st, 1, RECENT)) == SQLITE_OK)
		rc = step_all(st);
	if (rc != SQLITE_OK) {
		sqlite3_reset(st);
		return gu_db_fail(db, rc, err);
	}
	return 0;
}
