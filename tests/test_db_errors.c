/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case store's failures: locked, read-only, not a database, from a
 * newer guanai, damaged; and migrations from every earlier layout. */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/internal.h"
#include "db/schema.h"
#include "db/store.h"
#include "tests/test_db_util.h"

static char dir[64];
static char path[128];

/* Makes a scratch folder and a database path in it. */
static void setup(void)
{
	tdb_mkdir(dir);
	snprintf(path, sizeof path, "%s/guanai.db", dir);
	gu_db_open_busy_ms = 200;
}

/* Removes the scratch folder. */
static void teardown(void)
{
	chmod(dir, 0700);
	tdb_rmdir(dir);
}

TestSuite(dberr, .init = setup, .fini = teardown, .timeout = 120);

/* Opens the store at path or fails the test; returns it. */
static gu_db *open_ok(void)
{
	gu_db *db = NULL;
	gu_error err;
	int rc = gu_db_open(path, &db, &err);

	cr_assert_eq(rc, 0, "open: %s", err.message);
	return db;
}

/* Writes text to path. */
static void write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

/* Runs sql on a separate connection to path; returns the SQLite result. */
static int raw_exec(const char *sql)
{
	sqlite3 *h;
	int rc;

	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
		SQLITE_OK);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc;
}

Test(dberr, locked_by_another_writer_then_retry_succeeds)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_case_new c = { .worker = "w" };
	sqlite3 *other;
	gu_answers a;
	gu_error err;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0);
	gu_db_set_busy_timeout(db, 100);
	cr_assert_eq(sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);

	cr_assert_eq(gu_case_save_answer(db, id, "child.name", "张小红", NULL, &err), -GU_EDB_LOCKED);
	cr_assert_eq(err.code, GU_EDB_LOCKED);
	cr_assert(strstr(err.message, "another guanai"), "%s", err.message);
	cr_assert_str_eq(err.where, path);
	{
		gu_db *second = NULL;

		cr_assert_eq(gu_db_open(path, &second, &err), -GU_EDB_LOCKED, "%s", err.message);
		cr_assert_null(second);
	}
	cr_assert_eq(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);

	cr_assert_eq(gu_case_save_answer(db, id, "child.name", "张小红", NULL, &err), 0, "%s",
		err.message);
	cr_assert_eq(gu_case_load_answers(db, id, &a, &err), 0);
	cr_assert_str_eq(gu_answers_get(&a, "child.name"), "张小红");
	gu_answers_free(&a);
	gu_db_close(db);
}

/* In a child process that cannot override permissions (root drops to
 * nobody), tries to open p; returns the gu_code it failed with, 0 when it
 * opened, or -1 when the test cannot run here. */
static int open_code_unprivileged(const char *p, char *message, size_t size)
{
	int fds[2], status;
	pid_t pid;
	ssize_t got;

	cr_assert_eq(pipe(fds), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		gu_db *db = NULL;
		gu_error err;
		int rc;

		close(fds[0]);
		if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(255);
		rc = gu_db_open(p, &db, &err);
		if (rc < 0 && write(fds[1], err.message, strlen(err.message)) < 0)
			_exit(254);
		gu_db_close(db);
		_exit(rc < 0 ? -rc : 0);
	}
	close(fds[1]);
	got = read(fds[0], message, size - 1);
	message[got > 0 ? got : 0] = '\0';
	close(fds[0]);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status));
	if (WEXITSTATUS(status) >= 254)
		return -1;
	return WEXITSTATUS(status);
}

/* Hands the scratch folder to the unprivileged user when running as root. */
static void give_away(const char *p)
{
	if (geteuid() == 0)
		cr_assert_eq(chown(p, 65534, 65534), 0);
}

Test(dberr, read_only_file_is_refused_with_a_clear_message)
{
	char msg[700];
	int code;

	gu_db_close(open_ok());
	give_away(dir);
	give_away(path);
	chmod(path, 0400);
	code = open_code_unprivileged(path, msg, sizeof msg);
	if (code < 0)
		cr_skip_test("cannot drop privileges here");
	cr_assert_eq(code, GU_EDB_READONLY, "code %d: %s", code, msg);
	cr_assert(strstr(msg, "cannot be written"), "%s", msg);
	chmod(path, 0600);
	cr_assert_eq(open_code_unprivileged(path, msg, sizeof msg), 0, "%s", msg);
}

Test(dberr, read_only_folder_is_refused_with_a_clear_message)
{
	char msg[700], sub[160];
	int code;

	gu_db_close(open_ok());
	give_away(dir);
	give_away(path);
	chmod(dir, 0500);
	code = open_code_unprivileged(path, msg, sizeof msg);
	if (code < 0)
		cr_skip_test("cannot drop privileges here");
	cr_assert_eq(code, GU_EDB_READONLY, "code %d: %s", code, msg);
	cr_assert(strstr(msg, "folder"), "%s", msg);
	snprintf(sub, sizeof sub, "%s/new/guanai.db", dir);
	cr_assert_eq(open_code_unprivileged(sub, msg, sizeof msg), GU_EDB_READONLY, "%s", msg);
	cr_assert(strstr(msg, "cannot create the folder"), "%s", msg);
	chmod(dir, 0700);
}

Test(dberr, text_file_is_not_a_database)
{
	gu_db *db = NULL;
	gu_error err;

	write_file(path, "interview.date = 2025-03-01\nchild.name = 张小红\n"
		"this is an answers file, not a database, and long enough to fill a header\n");
	cr_assert_eq(gu_db_open(path, &db, &err), -GU_EDB_NOTADB);
	cr_assert_null(db);
	cr_assert(strstr(err.message, "not a guanai database"), "%s", err.message);
	cr_assert_eq(gu_db_open_readonly(path, &db, &err), -GU_EDB_NOTADB);
}

Test(dberr, another_programs_database_is_refused)
{
	gu_db *db = NULL;
	gu_error err;

	cr_assert_eq(raw_exec("CREATE TABLE songs (title TEXT)"), SQLITE_OK);
	cr_assert_eq(gu_db_open(path, &db, &err), -GU_EDB_NOTADB);
	cr_assert(strstr(err.message, "--db"), "%s", err.message);
}

Test(dberr, database_from_a_newer_guanai_is_refused)
{
	gu_db *db = NULL;
	gu_error err;
	char sql[64];

	gu_db_close(open_ok());
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", GU_DB_SCHEMA_VERSION + 1);
	cr_assert_eq(raw_exec(sql), SQLITE_OK);
	cr_assert_eq(gu_db_open(path, &db, &err), -GU_EDB_NEWER);
	cr_assert_null(db);
	cr_assert(strstr(err.message, "newer guanai"), "%s", err.message);
	cr_assert_eq(gu_db_open_readonly(path, &db, &err), -GU_EDB_NEWER);
}

Test(dberr, empty_file_becomes_a_database)
{
	gu_db *db;

	write_file(path, "");
	db = open_ok();
	gu_db_close(db);
}

Test(dberr, damaged_database_is_reported_after_an_unclean_close)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE], key[32], garbage[4096];
	gu_case_new c = { .worker = "w" };
	gu_error err;
	struct stat st;
	int i, fd;
	off_t off;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0);
	for (i = 0; i < 400; i++) {
		snprintf(key, sizeof key, "member.%d.name", i + 1);
		cr_assert_eq(gu_case_save_answer(db, id, key, "一个相当长的名字用来填满数据页", NULL,
			&err), 0);
	}
	gu_db_close(db);
	cr_assert_eq(raw_exec("UPDATE meta SET value = '1' WHERE key = 'open_count';"
		"PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_gt(st.st_size, 8 * 4096);
	memset(garbage, 0x5a, sizeof garbage);
	fd = open(path, O_WRONLY);
	cr_assert_geq(fd, 0);
	for (off = st.st_size - 4 * 4096; off < st.st_size; off += 4096)
		cr_assert_eq(pwrite(fd, garbage, sizeof garbage, off), (ssize_t)sizeof garbage);
	close(fd);

	db = NULL;
	cr_assert_eq(gu_db_open(path, &db, &err), -GU_EDB_CORRUPT, "%s", err.message);
	cr_assert_null(db);
	cr_assert(strstr(err.message, "damaged"), "%s", err.message);
	cr_assert_eq(gu_db_open_flags(path, GU_OPEN_READONLY | GU_OPEN_ANY_VERSION, &db, &err), 0,
		"%s", err.message);
	cr_assert_eq(gu_db_check(db, &err), -GU_EDB_CORRUPT);
	gu_db_close(db);
}

/* Fills a database at layout k with what that layout can hold. */
static void fill_layout(sqlite3 *h, int k)
{
	if (k >= 1)
		cr_assert_eq(sqlite3_exec(h,
			"INSERT INTO cases (id, worker, child_name, created_at, updated_at, device, answered)"
			" VALUES ('0123456789abcdef0123456789abcdef', '王芳', '张小红', 1, 1,"
			" 'fedcba9876543210fedcba9876543210', 1);"
			"INSERT INTO answers (case_id, key, value, seq, answered_at, updated_at, device)"
			" VALUES ('0123456789abcdef0123456789abcdef', 'child.name', '张小红', 1, 1, 1,"
			" 'fedcba9876543210fedcba9876543210')", NULL, NULL, NULL), SQLITE_OK,
			"%s", sqlite3_errmsg(h));
	if (k >= 2)
		cr_assert_eq(sqlite3_exec(h,
			"INSERT INTO results (case_id, item, verdict, computed_at, updated_at, device)"
			" VALUES ('0123456789abcdef0123456789abcdef', 3, 'eligible', 1, 1, 'd')",
			NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
}

Test(dberr, migrates_from_every_earlier_layout)
{
	int k;

	cr_assert_eq(gu_db_migration_count, GU_DB_SCHEMA_VERSION);
	for (k = 0; k < GU_DB_SCHEMA_VERSION; k++) {
		sqlite3 *h;
		gu_db *db;
		gu_error err;
		gu_answers a;
		gu_case_info info;
		int version = -1;

		unlink(path);
		cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
		cr_assert_eq(gu_db_migrate(h, path, k, &err), 0, "to %d: %s", k, err.message);
		cr_assert_eq(gu_db_user_version(h, path, &version, &err), 0);
		cr_assert_eq(version, k);
		fill_layout(h, k);
		sqlite3_close(h);

		db = open_ok();
		cr_assert_eq(gu_user_add(db, "李主任", GU_ROLE_SUPERVISOR, NULL, &err), 0,
			"from %d: %s", k, err.message);
		if (k >= 1) {
			cr_assert_eq(gu_case_get(db, "0123456789abcdef0123456789abcdef", &info, &err), 0);
			cr_assert_str_eq(info.child_name, "张小红");
			cr_assert_eq(info.n_eligible, 0);
			cr_assert_eq(gu_case_load_answers(db, info.id, &a, &err), 0);
			cr_assert_str_eq(gu_answers_get(&a, "child.name"), "张小红");
			gu_answers_free(&a);
			cr_assert_eq(gu_case_save_answer(db, info.id, "child.sex", "female", NULL, &err), 0);
		}
		gu_db_close(db);
		cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
		cr_assert_eq(gu_db_user_version(h, path, &version, &err), 0);
		cr_assert_eq(version, GU_DB_SCHEMA_VERSION, "from %d", k);
		sqlite3_close(h);
	}
}

Test(dberr, read_only_open_of_an_older_layout_asks_for_a_writable_open)
{
	sqlite3 *h;
	gu_db *db = NULL;
	gu_error err;

	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(gu_db_migrate(h, path, 1, &err), 0);
	sqlite3_close(h);
	cr_assert_eq(gu_db_open_readonly(path, &db, &err), -GU_EDB_READONLY);
	cr_assert(strstr(err.message, "older layout"), "%s", err.message);
	cr_assert_eq(gu_db_open_readonly("/nonexistent/guanai.db", &db, &err), -GU_ENOTFOUND);
}
