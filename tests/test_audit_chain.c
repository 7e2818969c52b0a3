/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log's hash chain: intact after ordinary work, broken by an
 * entry removed, inserted, replaced or cut off with plain SQL (as the
 * sqlite3 shell would), and added to the entries of an older layout. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db/audit_chain.h"
#include "db/internal.h"
#include "db/store.h"
#include "tests/test_db_util.h"

static char dir[64];
static char path[128];

/* Makes a scratch folder and a database path in it. */
static void setup(void)
{
	tdb_mkdir(dir);
	snprintf(path, sizeof path, "%s/guanai.db", dir);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	tdb_rmdir(dir);
}

TestSuite(chain, .init = setup, .fini = teardown, .timeout = 60);

/* Opens the store at path or fails the test; returns it. */
static gu_db *open_ok(void)
{
	gu_db *db = NULL;
	gu_error err;

	cr_assert_eq(gu_db_open(path, &db, &err), 0, "open: %s", err.message);
	return db;
}

/* Runs sql on a separate connection, as the sqlite3 shell would; returns
 * the SQLite result. */
static int raw_exec(const char *sql)
{
	sqlite3 *h;
	int rc;

	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc;
}

/* Makes a database with one case and six audit entries. */
static void six_entries(void)
{
	gu_db *db = open_ok();
	gu_case_new c = { .worker = "w" };
	char id[GU_ID_SIZE];
	gu_error err;
	int i;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "%s", err.message);
	for (i = 0; i < 5; i++)
		cr_assert_eq(gu_audit_add(db, "case.view", id, NULL, &err), 0, "%s", err.message);
	gu_db_close(db);
}

/* Verifies the chain on a fresh open; returns what gu_audit_verify returned. */
static int verify(gu_audit_check *chk, gu_error *err)
{
	gu_db *db = NULL;
	int ret;

	cr_assert_eq(gu_db_open_flags(path, GU_OPEN_READONLY | GU_OPEN_ANY_VERSION, &db, err), 0,
		"%s", err->message);
	ret = gu_audit_verify(db, chk, err);
	gu_db_close(db);
	return ret;
}

Test(chain, ordinary_work_keeps_it_whole)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	cr_assert_eq(verify(&chk, &err), 0, "%s", err.message);
	cr_assert(chk.chained);
	cr_assert_eq(chk.entries, 6);
	cr_assert_eq(chk.first_bad, 0);
}

Test(chain, a_removed_entry_is_found_where_it_was)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	cr_assert_eq(raw_exec("DELETE FROM audit WHERE seq = 3"), SQLITE_CONSTRAINT,
		"the guard still refuses");
	cr_assert_eq(raw_exec("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3"),
		SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert_eq(chk.first_bad, 3);
	cr_assert(strstr(err.message, "entry 3") != NULL, "%s", err.message);
}

/* Copies the SQL that made trigger name into buf. */
static void trigger_sql(sqlite3 *h, const char *name, char *buf, size_t size)
{
	sqlite3_stmt *st;

	cr_assert_eq(sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_master WHERE name = ?1", -1,
		&st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "trigger %s", name);
	snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

Test(chain, an_entry_removed_and_the_rest_renumbered_and_rehashed_is_found)
{
	char upd[2048], del[2048], hash[65] = "";
	long long seq, last = 0;
	gu_audit_check chk;
	gu_error err;
	sqlite3_stmt *st;
	sqlite3 *h;

	six_entries();
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	trigger_sql(h, "audit_no_update", upd, sizeof upd);
	trigger_sql(h, "audit_no_delete", del, sizeof del);
	/* Everything a careful editor would redo: the numbers closed up, each
	 * later entry's own hash recomputed, the recorded head and the guards
	 * put back. Only the links to the entries before are left as they were. */
	cr_assert_eq(sqlite3_exec(h, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
		" DELETE FROM audit WHERE seq = 3", NULL, NULL, NULL), SQLITE_OK);
	for (seq = 4; seq <= 6; seq++) {
		char sql[96];

		snprintf(sql, sizeof sql, "UPDATE audit SET seq = %lld WHERE seq = %lld", seq - 1, seq);
		cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	cr_assert_eq(sqlite3_prepare_v2(h, "SELECT seq, prev_hash, id, at, by, action, case_id,"
		" detail_hash, device FROM audit WHERE seq >= 3 ORDER BY seq", -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		gu_audit_link l = {
			.seq = sqlite3_column_int64(st, 0),
			.prev_hash = (const char *)sqlite3_column_text(st, 1),
			.id = (const char *)sqlite3_column_text(st, 2),
			.at = sqlite3_column_int64(st, 3),
			.by = (const char *)sqlite3_column_text(st, 4),
			.action = (const char *)sqlite3_column_text(st, 5),
			.case_id = (const char *)sqlite3_column_text(st, 6),
			.detail_hash = (const char *)sqlite3_column_text(st, 7),
			.device = (const char *)sqlite3_column_text(st, 8),
		};
		char sql[256];

		gu_audit_link_hash(&l, hash);
		last = l.seq;
		snprintf(sql, sizeof sql, "UPDATE audit SET hash = '%s' WHERE id = '%s'", hash, l.id);
		cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	sqlite3_finalize(st);
	cr_assert_eq(last, 5);
	cr_assert_eq(gu_audit_head_write(h, last, hash), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, upd, NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, del, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT, "the rewritten log passed");
	cr_assert_eq(chk.first_bad, 3);
}

Test(chain, a_replaced_entry_is_found)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	/* INSERT OR REPLACE fires no DELETE trigger: only the chain shows it. */
	cr_assert_eq(raw_exec("INSERT OR REPLACE INTO audit (id, at, by, action, case_id,"
		" detail, updated_at, device, seq, prev_hash, detail_hash, hash)"
		" SELECT id, at, 'someone else', action, case_id, detail, updated_at, device,"
		" seq, prev_hash, detail_hash, hash FROM audit WHERE seq = 4"), SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert_eq(chk.first_bad, 4);
	cr_assert(strstr(err.message, "changed or replaced") != NULL, "%s", err.message);
}

Test(chain, an_inserted_entry_is_found)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	cr_assert_eq(raw_exec("INSERT INTO audit (id, at, action, updated_at, device)"
		" VALUES ('00000000000000000000000000000001', 1, 'case.view', 1, 'd')"), SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert_eq(chk.first_bad, 1);
	cr_assert_str_eq(chk.bad_id, "00000000000000000000000000000001");
}

Test(chain, an_entry_slipped_in_with_a_number_is_found)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	cr_assert_eq(raw_exec("DROP INDEX audit_by_seq; INSERT INTO audit (id, at, action,"
		" updated_at, device, seq, prev_hash, detail_hash, hash) SELECT"
		" '00000000000000000000000000000002', at, 'case.view', at, device, 5, prev_hash,"
		" detail_hash, hash FROM audit WHERE seq = 5"), SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert(chk.first_bad == 5 || chk.first_bad == 6, "at %lld", chk.first_bad);
}

Test(chain, a_cut_off_end_is_found)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	cr_assert_eq(raw_exec("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= 5"),
		SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert_eq(chk.first_bad, 5);
}

Test(chain, a_changed_entry_is_found_without_the_guard)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	cr_assert_eq(raw_exec("UPDATE audit SET action = 'case.create' WHERE seq = 2"),
		SQLITE_CONSTRAINT);
	cr_assert_eq(raw_exec("DROP TRIGGER audit_no_update;"
		" UPDATE audit SET action = 'case.create' WHERE seq = 2"), SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert_eq(chk.first_bad, 2);
}

Test(chain, a_removed_guard_alone_is_reported)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	cr_assert_eq(raw_exec("DROP TRIGGER audit_no_delete"), SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert_eq(chk.first_bad, 0);
	cr_assert(strstr(err.message, "audit_no_delete") != NULL, "%s", err.message);
}

Test(chain, a_detail_cleared_outside_a_purge_is_found)
{
	gu_audit_check chk;
	gu_error err;

	six_entries();
	cr_assert_eq(raw_exec("UPDATE audit SET detail = NULL WHERE seq = 1"), SQLITE_CONSTRAINT);
	cr_assert_eq(raw_exec("DROP TRIGGER audit_no_update;"
		" UPDATE audit SET detail = 'made up' WHERE seq = 1"), SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert_eq(chk.first_bad, 1);
}

Test(chain, the_entries_of_an_older_layout_are_chained_by_the_migration)
{
	gu_audit_check chk;
	gu_error err;
	sqlite3 *h;
	gu_db *db;

	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(gu_db_migrate(h, path, 4, &err), 0, "%s", err.message);
	cr_assert_eq(sqlite3_exec(h, "INSERT INTO audit (id, at, by, action, updated_at, device)"
		" VALUES ('a1', 20, 'li', 'user.add', 20, 'd'), ('a0', 10, 'li', 'user.add', 10, 'd'),"
		" ('a2', 30, 'li', 'db.recovered', 30, 'd')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	cr_assert_eq(verify(&chk, &err), 0, "%s", err.message);
	cr_assert(!chk.chained, "the read-only open of layout 4 has no chain yet");

	db = open_ok();
	cr_assert_eq(gu_audit_add(db, "case.view", NULL, NULL, &err), 0, "%s", err.message);
	gu_db_close(db);
	cr_assert_eq(verify(&chk, &err), 0, "%s", err.message);
	cr_assert(chk.chained);
	cr_assert_eq(chk.entries, 4);
	cr_assert_eq(raw_exec("UPDATE audit SET by = 'wang' WHERE id = 'a0'"), SQLITE_CONSTRAINT,
		"the guard is back after the migration");
	cr_assert_eq(raw_exec("DROP TRIGGER audit_no_update;"
		" UPDATE audit SET at = 15 WHERE id = 'a1'"), SQLITE_OK);
	cr_assert_eq(verify(&chk, &err), -GU_EDB_CORRUPT);
	cr_assert_eq(chk.first_bad, 2, "the entries were chained in the order they were made");
}
