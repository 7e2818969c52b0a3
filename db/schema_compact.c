/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration 19: compact answers and results (docs/scale.md).  An answer row repeated
 * its case's id and its device's id (32 digits each) and two equal times
 * beside a short key and value.  answer_rows keeps the same facts with the
 * case and the device as small numbers of this file (case_numbers,
 * device_numbers: never sent, INTEGER PRIMARY KEY so VACUUM keeps them)
 * and updated_at NULL when it equals answered_at.  A new case takes the
 * next number, so its rows go at the end of the key and pages stay full.
 *
 * answers is now a view with the old columns, so every query reads it as
 * before; its INSTEAD OF triggers write answer_rows (the statement's own
 * conflict clause, INSERT OR REPLACE say, applies to that insert, as it
 * did to the table), keep the results' basis (migration 15)
 * and log the change for the exchange by the answer's logical key, as the
 * exchange's own triggers log a table's rows (db/exchange_capture.c).
 * results likewise (below), its policy's id, version and hash once in
 * policy_numbers. */

#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "core/i18n.h"
#include "db/internal.h"
#include "db/schema_compact.h"

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
/* Records the row of tbl whose key is (c, k) as changed (deleted 0) or
 * gone (1) at the clock's time, when also holds. */
#define LOG_ROW(tbl, c, k, deleted, also) \
	" INSERT INTO xchg_dirty (tbl, pk, case_id, ctr, deleted)" \
	"  SELECT '" tbl "', json_array(" c ", " k "), " c ", (SELECT n FROM xchg_clock), " \
	deleted " WHERE " LOGGING " AND " also \
	"  ON CONFLICT (tbl, pk) DO UPDATE SET case_id = excluded.case_id," \
	"  ctr = excluded.ctr, deleted = excluded.deleted;"
/* Advances the clock and logs the row of tbl (c, k). */
#define LOG(tbl, c, k, deleted) \
	" UPDATE xchg_clock SET n = n + 1 WHERE " LOGGING ";" LOG_ROW(tbl, c, k, deleted, "true")
/* Advances the clock and logs an updated row of tbl, whose key is in
 * columns c and k: the old key as gone when it changed. */
#define LOG_UPDATE(tbl, c, k) \
	" UPDATE xchg_clock SET n = n + 1 WHERE " LOGGING ";" \
	LOG_ROW(tbl, "old." c, "old." k, "1", \
	 "(old." c " IS NOT new." c " OR old." k " IS NOT new." k ")") \
	LOG_ROW(tbl, "new." c, "new." k, "0", "true")
/* The numbers of the case and the device a new row names.  Not INSERT OR
 * IGNORE: a statement's own conflict clause (INSERT OR REPLACE INTO
 * answers) would replace it, and a replaced number leaves rows behind. */
#define NUMBER_NEW \
	" INSERT INTO case_numbers (id) SELECT new.case_id" \
	"  WHERE NOT EXISTS (SELECT 1 FROM case_numbers WHERE id = new.case_id);" \
	" INSERT INTO device_numbers (id) SELECT new.device" \
	"  WHERE NOT EXISTS (SELECT 1 FROM device_numbers WHERE id = new.device);"
#define CASE_NO(c) "(SELECT no FROM case_numbers WHERE id = " c ")"
#define DEVICE_NO(d) "(SELECT no FROM device_numbers WHERE id = " d ")"

const char gu_db_schema_compact[] =
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

/* The view's triggers, one string each (gu_db_schema_compact_finish). */
static const char insert_trigger[] =
	"CREATE TRIGGER answers_insert INSTEAD OF INSERT ON answers BEGIN"
	KEEP_BASIS("new.case_id", "true")
	NUMBER_NEW
	" INSERT INTO answer_rows (case_no, key, value, seq, answered_at, answered_by, updated_at,"
	"  device_no)"
	"  VALUES (" CASE_NO("new.case_id") ", new.key, new.value, new.seq, new.answered_at,"
	"  coalesce(new.answered_by, ''), nullif(new.updated_at, new.answered_at),"
	"  " DEVICE_NO("new.device") ");"
	LOG("answers", "new.case_id", "new.key", "0")
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
	LOG_UPDATE("answers", "case_id", "key")
	" END;";
static const char delete_trigger[] =
	"CREATE TRIGGER answers_delete INSTEAD OF DELETE ON answers BEGIN"
	KEEP_BASIS("old.case_id", "true")
	" DELETE FROM answer_rows WHERE case_no = " CASE_NO("old.case_id") " AND key = old.key;"
	LOG("answers", "old.case_id", "old.key", "1")
	" END;";

/* The results likewise: result_rows with the case, the policy (its id,
 * version and hash, once in policy_numbers) and the device as numbers.
 * The view joins the numbers' tables with LEFT JOIN on their keys, so a
 * query that reads none of their columns (the dashboard's counts by item)
 * reads result_rows and its index alone. */
static const char results_tables[] =
	"CREATE TABLE policy_numbers ("
	" no INTEGER PRIMARY KEY,"
	" policy_id TEXT NOT NULL,"
	" policy_version TEXT NOT NULL,"
	" policy_hash TEXT NOT NULL,"
	" UNIQUE (policy_id, policy_version, policy_hash));"
	"CREATE TABLE result_rows ("
	" case_no INTEGER NOT NULL,"
	" item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 999),"
	" verdict TEXT NOT NULL CHECK (verdict IN ('eligible', 'verify')),"
	" persons TEXT NOT NULL DEFAULT '',"
	" reason TEXT NOT NULL DEFAULT '',"
	" explanation TEXT NOT NULL DEFAULT '',"
	" policy_no INTEGER NOT NULL,"
	" computed_at INTEGER NOT NULL,"
	" updated_at INTEGER," /* NULL: computed_at */
	" device_no INTEGER NOT NULL,"
	" PRIMARY KEY (case_no, item)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO case_numbers (id) SELECT DISTINCT case_id FROM results"
	" ORDER BY case_id;"
	"INSERT OR IGNORE INTO device_numbers (id) SELECT DISTINCT device FROM results"
	" ORDER BY device;"
	"INSERT INTO policy_numbers (policy_id, policy_version, policy_hash)"
	" SELECT DISTINCT policy_id, policy_version, policy_hash FROM results"
	" ORDER BY policy_id, policy_version, policy_hash;"
	"INSERT INTO result_rows (case_no, item, verdict, persons, reason, explanation, policy_no,"
	" computed_at, updated_at, device_no)"
	" SELECT n.no, r.item, r.verdict, r.persons, r.reason, r.explanation, p.no,"
	"  r.computed_at, nullif(r.updated_at, r.computed_at), d.no"
	" FROM results r JOIN case_numbers n ON n.id = r.case_id"
	" JOIN device_numbers d ON d.id = r.device"
	" JOIN policy_numbers p ON p.policy_id = r.policy_id"
	"  AND p.policy_version = r.policy_version AND p.policy_hash = r.policy_hash"
	" ORDER BY n.no, r.item;"
	"DROP TRIGGER IF EXISTS xchg_i_results;"
	"DROP TRIGGER IF EXISTS xchg_u_results;"
	"DROP TRIGGER IF EXISTS xchg_d_results;"
	"DROP TABLE results;"
	"CREATE INDEX result_rows_by_item ON result_rows (item, verdict, case_no);"
	"CREATE VIEW results AS SELECT n.id AS case_id, r.item AS item, r.verdict AS verdict,"
	" r.persons AS persons, r.reason AS reason, r.explanation AS explanation,"
	" p.policy_id AS policy_id, p.policy_version AS policy_version,"
	" p.policy_hash AS policy_hash, r.computed_at AS computed_at,"
	" coalesce(r.updated_at, r.computed_at) AS updated_at,"
	" (SELECT id FROM device_numbers WHERE no = r.device_no) AS device"
	" FROM result_rows r LEFT JOIN case_numbers n ON n.no = r.case_no"
	" LEFT JOIN policy_numbers p ON p.no = r.policy_no;";

/* The number of the policy a new result names. */
#define POLICY_NO \
	"(SELECT no FROM policy_numbers WHERE policy_id = coalesce(new.policy_id, '')" \
	" AND policy_version = coalesce(new.policy_version, '')" \
	" AND policy_hash = coalesce(new.policy_hash, ''))"
/* The numbers of the case, the device and the policy a new result names. */
#define NUMBER_NEW_RESULT \
	NUMBER_NEW \
	" INSERT INTO policy_numbers (policy_id, policy_version, policy_hash)" \
	"  SELECT coalesce(new.policy_id, ''), coalesce(new.policy_version, '')," \
	"  coalesce(new.policy_hash, '') WHERE " POLICY_NO " IS NULL;"
/* The columns of result_rows a new result sets. */
#define RESULT_VALUES \
	CASE_NO("new.case_id") ", new.item, new.verdict, coalesce(new.persons, '')," \
	" coalesce(new.reason, ''), coalesce(new.explanation, ''), " POLICY_NO "," \
	" new.computed_at, nullif(new.updated_at, new.computed_at), " DEVICE_NO("new.device")

static const char results_insert_trigger[] =
	"CREATE TRIGGER results_insert INSTEAD OF INSERT ON results BEGIN"
	NUMBER_NEW_RESULT
	" INSERT INTO result_rows (case_no, item, verdict, persons, reason, explanation,"
	"  policy_no, computed_at, updated_at, device_no) VALUES (" RESULT_VALUES ");"
	LOG("results", "new.case_id", "new.item", "0")
	" END;";
static const char results_update_trigger[] =
	"CREATE TRIGGER results_update INSTEAD OF UPDATE ON results BEGIN"
	NUMBER_NEW_RESULT
	" UPDATE result_rows SET (case_no, item, verdict, persons, reason, explanation, policy_no,"
	"  computed_at, updated_at, device_no) = (" RESULT_VALUES ")"
	"  WHERE case_no = " CASE_NO("old.case_id") " AND item = old.item;"
	LOG_UPDATE("results", "case_id", "item")
	" END;";
static const char results_delete_trigger[] =
	"CREATE TRIGGER results_delete INSTEAD OF DELETE ON results BEGIN"
	" DELETE FROM result_rows WHERE case_no = " CASE_NO("old.case_id") " AND item = old.item;"
	LOG("results", "old.case_id", "old.item", "1")
	" END;";

/* Moves the results into result_rows and creates the views' triggers,
 * after gu_db_schema_compact in the same transaction; returns the SQLite
 * result. */
int gu_db_schema_compact_finish(sqlite3 *h)
{
	static const char *const steps[] = { insert_trigger, update_trigger, delete_trigger,
		results_tables, results_insert_trigger, results_update_trigger,
		results_delete_trigger };
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; rc == SQLITE_OK && i < sizeof steps / sizeof steps[0]; i++)
		rc = sqlite3_exec(h, steps[i], NULL, NULL, NULL);
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
 * copy of the answers and results and the log of the change take less),
 * or < 0. */
int gu_db_schema_compact_room(sqlite3 *h, const char *path, gu_error *err)
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
			_("the disk has %lld MB free; storing the answers and results compactly needs %lld MB"
			" (the database's size) while it is done: free some space and open the"
			" database again (nothing was changed)"),
			avail / 1000000, (need + 999999) / 1000000);
	return 0;
}
