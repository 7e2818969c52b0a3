/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case row's columns read from its answers follow them one way, by
 * triggers: saved in an interview, edited, removed, written by plain SQL,
 * and on a database migrated from layout 21. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/internal.h"
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

TestSuite(case_columns, .init = setup, .fini = teardown, .timeout = 60);

/* The answer to key of the case row c, '' when none, by plain SQL. */
#define ANSWER(key) \
	"coalesce((SELECT value FROM answers a WHERE a.case_id = c.id AND a.key = '" key "'), '')"

/* The cases whose row differs from what plain SQL recomputes from its answers. */
#define DIFFER \
	"SELECT count(*) FROM cases c WHERE" \
	" c.answered IS NOT (SELECT count(*) FROM answers a WHERE a.case_id = c.id)" \
	" OR c.child_name IS NOT " ANSWER("child.name") \
	" OR c.child_id_number IS NOT " ANSWER("child.id_number") \
	" OR c.interviewed IS NOT " ANSWER("interview.date") \
	" OR c.hukou_county IS NOT " ANSWER("child.hukou_county") \
	" OR c.township IS NOT " ANSWER("interview.township")

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

/* Asserts that every case row follows its answers. */
static void rows_follow(const char *when)
{
	cr_assert_eq(raw_int(DIFFER), 0, "%s: a case row differs from its answers", when);
}

/* Creates a case; writes its id. */
static void new_case(gu_db *db, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = "tester", .policy_id = "chaoyang-2024",
		.policy_version = "1", .policy_hash = "abc" };
	gu_error err;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "create: %s", err.message);
}

/* Saves (value) or removes (NULL) an answer as the interview does. */
static void save(gu_db *db, const char *id, const char *key, const char *value)
{
	gu_error err;

	cr_assert_eq(gu_case_save_answer(db, id, key, value, NULL, &err), 0, "save %s: %s",
		key, err.message);
}

/* Returns the integer column col of the case id. */
static long long column(const char *id, const char *col)
{
	char sql[200];

	snprintf(sql, sizeof sql, "SELECT %s FROM cases WHERE id = '%s'", col, id);
	return raw_int(sql);
}

Test(case_columns, an_interview_keeps_the_row_by_its_answers)
{
	char a[GU_ID_SIZE], sql[800];
	gu_db *db = NULL;
	gu_error err;

	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	new_case(db, a);
	save(db, a, "child.name", "张小红");
	save(db, a, "child.id_number", "211302201503011234");
	save(db, a, "interview.township", "台吉镇");
	save(db, a, "interview.date", "2025-04-18");
	save(db, a, "child.hukou_county", "211302");
	save(db, a, "child.grade", "3");
	rows_follow("after an interview");
	cr_assert_eq(column(a, "answered"), 6);
	save(db, a, "child.name", "张晓红");
	save(db, a, "child.id_number", NULL);
	save(db, a, "child.grade", NULL);
	rows_follow("after edits and removals");
	cr_assert_eq(column(a, "answered"), 4);
	gu_db_close(db);
	/* by plain SQL, as the sqlite3 shell or a received bundle writes */
	snprintf(sql, sizeof sql,
		"INSERT INTO answers (case_id, key, value, seq, answered_at, answered_by,"
		" updated_at, device) SELECT id, 'child.id_number', '211302201503015678', 99, 1, '', 1,"
		" device FROM cases WHERE id = '%s';"
		"UPDATE answers SET value = '张红' WHERE case_id = '%s' AND key = 'child.name';"
		"DELETE FROM answers WHERE case_id = '%s' AND key = 'interview.date'", a, a, a);
	raw_exec(sql);
	rows_follow("after writes by plain SQL");
	cr_assert_eq(column(a, "answered"), 4);
}

Test(case_columns, a_migrated_database_counts_its_answers_again)
{
	char a[GU_ID_SIZE], sql[400];
	gu_db *db = NULL;
	gu_error err;
	sqlite3 *h;

	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(gu_db_migrate(h, path, 21, &err), 0, "%s", err.message);
	sqlite3_close(h);
	cr_assert_eq(gu_db_open_flags(path, GU_OPEN_NO_MIGRATE, &db, &err), 0, "%s", err.message);
	new_case(db, a);
	gu_db_close(db);
	/* layout 21 left the row behind answers written by plain SQL */
	snprintf(sql, sizeof sql,
		"INSERT INTO answers (case_id, key, value, seq, answered_at, answered_by,"
		" updated_at, device) SELECT id, k, v, s, 1, '', 1, device FROM cases,"
		" (SELECT 'child.name' AS k, '李军' AS v, 1 AS s UNION ALL SELECT 'child.grade', '3', 2)"
		" WHERE id = '%s'", a);
	raw_exec(sql);
	cr_assert_eq(column(a, "answered"), 0, "layout 21 counted answers by the program only");
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	gu_db_close(db);
	cr_assert_eq(raw_int("PRAGMA user_version"), GU_DB_SCHEMA_VERSION);
	rows_follow("after the migration");
	cr_assert_eq(column(a, "answered"), 2);
}
