/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration 17: compact answers (docs/scale.md).  An answer row repeated
 * its case's id and its device's id (32 digits each) and two equal times
 * beside a short key and value.  answer_rows keeps the same facts with the
 * case and the device as small numbers of this file (case_numbers,
 * device_numbers: never sent, INTEGER PRIMARY KEY so VACUUM keeps them)
 * and updated_at NULL when it equals answered_at.  A new case takes the
 * next number, so its rows go at the end of the key and pages stay full.
 *
 * answers is now a view with the old columns, so every query reads it as
 * before; its INSTEAD OF triggers write answer_rows (an insert of a key
 * the case has replaces the row), keep the results' basis (migration 15)
 * and log the change for the exchange by the answer's logical key, as the
 * exchange's own triggers log a table's rows (db/exchange_capture.c). */

#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "core/i18n.h"
#include "db/internal.h"
#include "db/schema_answers.h"

/* The answers of case c in their order, as a JSON array of [key, value]. */
#define ANSWERS_OF(c) \
	"(SELECT json_group_array(json_array(key, value)) FROM" \
	" (SELECT key, value FROM answers WHERE case_id = " c " ORDER BY seq))"
/* Keeps the answers the results of case c were computed from, the first
 * time they change (when). */
#define KEEP_BASIS(c, when) \
	" UPDATE result_basis SET answers = " ANSWERS_OF(c) \
	"  WHERE case_id = " c " AND answers IS NULL" \
	"  AND NOT EXISTS (SELECT 1 FROM xchg_applying) AND " when ";"
/* True when this database is an office or a laptop and is not applying
 * what another device sent. */
#define LOGGING \
	"EXISTS (SELECT 1 FROM xchg_self) AND NOT EXISTS (SELECT 1 FROM xchg_applying)"
/* Records the answer (c, k) as changed (deleted 0) or gone (1) at the
 * clock's time, when also holds. */
#define LOG_ROW(c, k, deleted, also) \
	" INSERT INTO xchg_dirty (tbl, pk, case_id, ctr, deleted)" \
	"  SELECT 'answers', json_array(" c ", " k "), " c ", (SELECT n FROM xchg_clock), " \
	deleted " WHERE " LOGGING " AND " also \
	"  ON CONFLICT (tbl, pk) DO UPDATE SET case_id = excluded.case_id," \
	"  ctr = excluded.ctr, deleted = excluded.deleted;"
/* Advances the clock and logs the answer (c, k). */
#define LOG(c, k, deleted) \
	" UPDATE xchg_clock SET n = n + 1 WHERE " LOGGING ";" LOG_ROW(c, k, deleted, "true")
/* The numbers of the case and the device a new row names. */
#define NUMBER_NEW \
	" INSERT OR IGNORE INTO case_numbers (id) VALUES (new.case_id);" \
	" INSERT OR IGNORE INTO device_numbers (id) VALUES (new.device);"
#define CASE_NO(c) "(SELECT no FROM case_numbers WHERE id = " c ")"
#define DEVICE_NO(d) "(SELECT no FROM device_numbers WHERE id = " d ")"

const char gu_db_schema_answers[] =
	"CREATE TABLE case_numbers ("
	" no INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE REFERENCES cases (id));"
	"CREATE TABLE device_numbers ("
	" no INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE);"
	"CREATE TABLE answer_rows ("
	" case_no INTEGER NOT NULL,"
	" key TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" seq INTEGER NOT NULL,"
	" answered_at INTEGER NOT NULL,"
	" answered_by TEXT NOT NULL DEFAULT '',"
	" updated_at INTEGER," /* NULL: answered_at */
	" device_no INTEGER NOT NULL,"
	" PRIMARY KEY (case_no, key)) WITHOUT ROWID;"
	"INSERT INTO case_numbers (id) SELECT id FROM cases ORDER BY created_at, id;"
	"INSERT INTO device_numbers (id) SELECT DISTINCT device FROM answers ORDER BY device;"
	"INSERT INTO answer_rows (case_no, key, value, seq, answered_at, answered_by, updated_at,"
	" device_no)"
	" SELECT n.no, a.key, a.value, a.seq, a.answered_at, a.answered_by,"
	"  nullif(a.updated_at, a.answered_at), d.no"
	" FROM answers a JOIN case_numbers n ON n.id = a.case_id"
	" JOIN device_numbers d ON d.id = a.device ORDER BY n.no, a.key;"
	/* the table's triggers go first, so that dropping it logs nothing */
	"DROP TRIGGER result_basis_on_insert;"
	"DROP TRIGGER result_basis_on_update;"
	"DROP TRIGGER result_basis_on_delete;"
	"DROP TRIGGER IF EXISTS xchg_i_answers;"
	"DROP TRIGGER IF EXISTS xchg_u_answers;"
	"DROP TRIGGER IF EXISTS xchg_d_answers;"
	"DROP TABLE answers;"
	"CREATE VIEW answers AS SELECT n.id AS case_id, a.key AS key, a.value AS value,"
	" a.seq AS seq, a.answered_at AS answered_at, a.answered_by AS answered_by,"
	" coalesce(a.updated_at, a.answered_at) AS updated_at,"
	" (SELECT id FROM device_numbers WHERE no = a.device_no) AS device"
	" FROM answer_rows a JOIN case_numbers n ON n.no = a.case_no;";

/* The view's triggers, one string each (gu_db_schema_answers_triggers). */
static const char insert_trigger[] =
	"CREATE TRIGGER answers_insert INSTEAD OF INSERT ON answers BEGIN"
	KEEP_BASIS("new.case_id", "true")
	NUMBER_NEW
	" INSERT INTO answer_rows (case_no, key, value, seq, answered_at, answered_by, updated_at,"
	"  device_no)"
	"  VALUES (" CASE_NO("new.case_id") ", new.key, new.value, new.seq, new.answered_at,"
	"  coalesce(new.answered_by, ''), nullif(new.updated_at, new.answered_at),"
	"  " DEVICE_NO("new.device") ")"
	"  ON CONFLICT (case_no, key) DO UPDATE SET value = excluded.value, seq = excluded.seq,"
	"  answered_at = excluded.answered_at, answered_by = excluded.answered_by,"
	"  updated_at = excluded.updated_at, device_no = excluded.device_no;"
	LOG("new.case_id", "new.key", "0")
	" END;";
static const char update_trigger[] =
	"CREATE TRIGGER answers_update INSTEAD OF UPDATE ON answers BEGIN"
	KEEP_BASIS("old.case_id", "(old.value IS NOT new.value OR old.key IS NOT new.key"
	 " OR old.seq IS NOT new.seq)")
	NUMBER_NEW
	" UPDATE answer_rows SET case_no = " CASE_NO("new.case_id") ", key = new.key,"
	"  value = new.value, seq = new.seq, answered_at = new.answered_at,"
	"  answered_by = new.answered_by, updated_at = nullif(new.updated_at, new.answered_at),"
	"  device_no = " DEVICE_NO("new.device")
	"  WHERE case_no = " CASE_NO("old.case_id") " AND key = old.key;"
	" UPDATE xchg_clock SET n = n + 1 WHERE " LOGGING ";"
	LOG_ROW("old.case_id", "old.key", "1",
	 "(old.case_id IS NOT new.case_id OR old.key IS NOT new.key)")
	LOG_ROW("new.case_id", "new.key", "0", "true")
	" END;";
static const char delete_trigger[] =
	"CREATE TRIGGER answers_delete INSTEAD OF DELETE ON answers BEGIN"
	KEEP_BASIS("old.case_id", "true")
	" DELETE FROM answer_rows WHERE case_no = " CASE_NO("old.case_id") " AND key = old.key;"
	LOG("old.case_id", "old.key", "1")
	" END;";

/* Creates the view's triggers, inside the migration's transaction;
 * returns the SQLite result. */
int gu_db_schema_answers_triggers(sqlite3 *h)
{
	int rc = sqlite3_exec(h, insert_trigger, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, update_trigger, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, delete_trigger, NULL, NULL, NULL);
	return rc;
}

/* Reads one integer PRAGMA of h into *out; returns the SQLite result. */
static int pragma_int(sqlite3 *h, const char *sql, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Returns 0 when the disk holding path has the database's size free (the
 * copy of the answers and the log of the change take less), or < 0. */
int gu_db_schema_answers_room(sqlite3 *h, const char *path, gu_error *err)
{
	struct statvfs fs;
	long long pages = 0, page_size = 0, need, avail;
	char *dir, *slash;
	int rc;

	rc = pragma_int(h, "PRAGMA page_count", &pages);
	if (rc == SQLITE_OK)
		rc = pragma_int(h, "PRAGMA page_size", &page_size);
	if (rc != SQLITE_OK)
		return gu_db_fail_handle(h, path, rc, err);
	dir = strdup(path);
	if (!dir)
		return gu_error_set(err, GU_ENOMEM, path, 0, 0, _("out of memory"));
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	rc = statvfs(slash ? dir : ".", &fs);
	free(dir);
	if (rc != 0)
		return gu_error_set(err, GU_EIO, path, 0, 0,
			_("cannot tell how much space the disk has left"));
	need = pages * page_size;
	avail = (long long)fs.f_bavail * (long long)fs.f_frsize;
	if (avail < need)
		return gu_error_set(err, GU_EDB_FULL, path, 0, 0,
			_("the disk has %lld MB free; storing the answers compactly needs %lld MB"
			" (the database's size) while it is done: free some space and open the"
			" database again (nothing was changed)"),
			avail / 1000000, (need + 999999) / 1000000);
	return 0;
}
