/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A case's worker, one notion: the worker the office assigned it to, else
 * its maker.  The case tally, the list's worker filter and its counts
 * agree with it, after the migration that rebuilds the tally and after
 * every change to cases and assignments. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/internal.h"
#include "db/search.h"
#include "db/store.h"
#include "tests/test_db_util.h"

static char dir[64];
static char path[128];

/* Makes a scratch folder and a database path inside it. */
static void setup(void)
{
	char sub[96];

	tdb_mkdir(dir);
	snprintf(sub, sizeof sub, "%s/data", dir);
	cr_assert_eq(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof sub, "%s/data/guanai", dir);
	cr_assert_eq(mkdir(sub, 0700), 0);
	snprintf(path, sizeof path, "%s/data/guanai/guanai.db", dir);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	tdb_rmdir(dir);
}

TestSuite(case_worker, .init = setup, .fini = teardown, .timeout = 60);

/* The tally counted again by plain SQL: each township, worker (assigned,
 * else maker) and status with its number of cases. */
#define PLAIN_TALLY \
	"SELECT c.township, coalesce(nullif(a.assigned_worker, ''), c.worker), c.status," \
	" count(*) FROM cases c LEFT JOIN assignments a ON a.case_id = c.id GROUP BY 1, 2, 3"

/* Returns the single integer a query on a separate connection gives. */
static long long raw_int(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Runs SQL on a separate connection or fails the test. */
static void raw_exec(const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;

	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, &msg), SQLITE_OK, "%s: %s", sql,
		msg ? msg : "");
	sqlite3_close(h);
}

/* Asserts that the tally holds exactly the plain SQL count, row for row,
 * and no row of 0 or less. */
static void tally_matches(const char *when)
{
	long long differ = raw_int("SELECT count(*) FROM ("
		"SELECT township, worker, status, n FROM case_tally EXCEPT " PLAIN_TALLY
		" UNION ALL SELECT * FROM (" PLAIN_TALLY
		" EXCEPT SELECT township, worker, status, n FROM case_tally))");

	cr_assert_eq(differ, 0, "%s: the tally differs from the cases in %lld rows", when, differ);
	cr_assert_eq(raw_int("SELECT count(*) FROM case_tally WHERE n <= 0"), 0,
		"%s: a tally row of no case is left", when);
}

/* Creates a case of worker in township; writes its id. */
static void new_case(gu_db *db, const char *worker, const char *township, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = worker, .township = township, .policy_id = "chaoyang-2024",
		.policy_version = "1", .policy_hash = "abc" };
	gu_error err;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "create: %s", err.message);
}

/* Assigns case id to worker by plain SQL (as a received bundle writes it). */
static void assign(const char *id, const char *worker)
{
	char sql[400];

	snprintf(sql, sizeof sql, "INSERT INTO assignments (case_id, assigned_device,"
		" assigned_worker, assigned_by, assigned_at, updated_at, device)"
		" VALUES ('%s', 'dev-%s', '%s', '', 1, 1, 'office')"
		" ON CONFLICT (case_id) DO UPDATE SET assigned_worker = excluded.assigned_worker,"
		" assigned_device = excluded.assigned_device", id, worker, worker);
	raw_exec(sql);
}

/* Asserts that worker's list, its count and the tally all give want cases,
 * each row showing worker. */
static void worker_has(gu_db *db, const char *worker, long want)
{
	gu_case_filter f = { .worker = worker };
	gu_case_row *v = NULL;
	gu_error err;
	size_t n, i;

	cr_assert_eq(gu_case_list(db, &f, &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq((long)n, want, "%s's list has %zu cases, not %ld", worker, n, want);
	for (i = 0; i < n; i++)
		cr_assert_str_eq(v[i].worker, worker);
	free(v);
	cr_assert_eq(gu_case_count(db, &f, &err), want, "%s's count", worker);
	f.query = "刘";
	/* the count of a query reads the cases, not the tally */
	cr_assert_eq(gu_case_count(db, &f, &err), want, "%s's count by the cases", worker);
}

/* Opens the database at path, migrating it; returns it. */
static gu_db *open_ok(void)
{
	gu_db *db = NULL;
	gu_error err;

	cr_assert_eq(gu_db_open(path, &db, &err), 0, "open: %s", err.message);
	return db;
}

Test(case_worker, migration_counts_each_case_under_its_assigned_worker)
{
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE], d[GU_ID_SIZE], sql[200];
	gu_db *db = NULL;
	gu_error err;
	sqlite3 *h;

	/* a database of layout 20 whose received cases are assigned away */
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(gu_db_migrate(h, path, 20, &err), 0, "%s", err.message);
	sqlite3_close(h);
	cr_assert_eq(gu_db_open_flags(path, GU_OPEN_NO_MIGRATE, &db, &err), 0, "%s", err.message);
	new_case(db, "tester", "大平房镇", a);
	new_case(db, "tester", "大平房镇", b);
	new_case(db, "王芳", "七道泉子镇", c);
	new_case(db, "tester", "七道泉子镇", d);
	gu_db_close(db);
	raw_exec("UPDATE cases SET child_name = '刘思雨'");
	assign(a, "李娜");
	assign(b, "李娜");
	assign(c, "李娜");
	raw_exec("INSERT INTO assignments (case_id, assigned_device, assigned_worker,"
		" assigned_by, assigned_at, updated_at, device) SELECT id, 'dev-x', '', '', 1, 1, 'o'"
		" FROM cases WHERE worker = 'tester' AND id NOT IN (SELECT case_id FROM assignments)");
	cr_assert_eq(raw_int("PRAGMA user_version"), 20);
	cr_assert_eq(raw_int("SELECT coalesce(sum(n), 0) FROM case_tally WHERE worker = '李娜'"), 0,
		"layout 20 counted the maker");

	db = open_ok();
	cr_assert_eq(raw_int("PRAGMA user_version"), GU_DB_SCHEMA_VERSION);
	tally_matches("after the migration");
	worker_has(db, "李娜", 3);
	worker_has(db, "tester", 1); /* d: its assignment names no worker */
	worker_has(db, "王芳", 0);

	/* handed to another worker, handed back, its assignment removed */
	assign(b, "王芳");
	tally_matches("after a hand-over");
	worker_has(db, "李娜", 2);
	worker_has(db, "王芳", 1);
	assign(c, "王芳");
	tally_matches("after a hand-over to the maker");
	worker_has(db, "王芳", 2);
	snprintf(sql, sizeof sql, "DELETE FROM assignments WHERE case_id = '%s'", a);
	raw_exec(sql);
	tally_matches("after an assignment is removed");
	worker_has(db, "tester", 2);
	worker_has(db, "李娜", 0);

	/* the case changes under its assignment */
	cr_assert_eq(gu_case_set_status(db, b, GU_CASE_COMPLETE, NULL, &err), 0, "%s", err.message);
	snprintf(sql, sizeof sql, "UPDATE cases SET worker = '赵六', township = '大平房镇'"
		" WHERE id = '%s'", c);
	raw_exec(sql);
	tally_matches("after the case row changes");
	worker_has(db, "王芳", 2);
	worker_has(db, "赵六", 0);
	gu_db_close(db);
}

Test(case_worker, case_and_assignment_arrive_in_either_order)
{
	char a[GU_ID_SIZE], sql[600];
	gu_db *db = open_ok();

	new_case(db, "tester", "大平房镇", a);
	gu_db_close(db);
	/* an assignment before its case, as a bundle may bring them (foreign
	 * keys deferred): it counts nothing until the case comes */
	raw_exec("PRAGMA foreign_keys = OFF;"
		"INSERT INTO assignments (case_id, assigned_device, assigned_worker, assigned_by,"
		" assigned_at, updated_at, device) VALUES ('0123456789abcdef0123456789abcdef', 'd', '李娜', '', 1, 1, 'o')");
	tally_matches("an assignment without its case");
	snprintf(sql, sizeof sql, "INSERT INTO cases (id, status, worker, township, child_name,"
		" child_id_number, policy_id, policy_version, policy_hash, device, resume_key,"
		" answered, created_at, updated_at) SELECT '0123456789abcdef0123456789abcdef', status, 'tester', township, child_name,"
		" child_id_number, policy_id, policy_version, policy_hash, device, resume_key, answered,"
		" created_at, updated_at FROM cases WHERE id = '%s'", a);
	raw_exec(sql);
	tally_matches("the case after its assignment");
	cr_assert_eq(raw_int("SELECT n FROM case_tally WHERE worker = '李娜'"), 1);
	/* a case removed before its assignment */
	raw_exec("PRAGMA foreign_keys = OFF; DELETE FROM cases WHERE id = '0123456789abcdef0123456789abcdef'");
	tally_matches("the case removed before its assignment");
	raw_exec("DELETE FROM assignments WHERE case_id = '0123456789abcdef0123456789abcdef'");
	tally_matches("and then its assignment");
	cr_assert_eq(raw_int("SELECT sum(n) FROM case_tally"), 1);
}
