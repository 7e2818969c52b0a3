/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Ready for merging: the changes one laptop's store makes, recorded with
 * SQLite's session extension, apply cleanly to another laptop's database,
 * and both laptops' cases are then in it.  Answers and results are stored
 * with case numbers local to each file since layout 19 (db/schema_compact.c):
 * they travel through the exchange, by case id (tests/test_exchange_sim.c),
 * not in a changeset. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "db/internal.h"
#include "db/search.h"
#include "db/store.h"
#include "tests/test_db_util.h"

static char dir[64];
static char path_a[128], path_b[128];

/* Makes a scratch folder with two database paths. */
static void setup(void)
{
	tdb_mkdir(dir);
	snprintf(path_a, sizeof path_a, "%s/a.db", dir);
	snprintf(path_b, sizeof path_b, "%s/b.db", dir);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	tdb_rmdir(dir);
}

TestSuite(merge, .init = setup, .fini = teardown, .timeout = 120);

/* Leaves out the tables local to each file; returns 1 to record a table. */
static int not_meta(void *ctx, const char *table)
{
	static const char *const local[] = { "meta", "answer_rows", "result_rows",
		"case_numbers", "device_numbers", "policy_numbers" };
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof local / sizeof local[0]; i++)
		if (strcmp(table, local[i]) == 0)
			return 0;
	return 1;
}

/* Keeps the incoming row on a conflict; returns the resolution. */
static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	(void)ctx;
	(void)it;
	return kind == SQLITE_CHANGESET_CONFLICT ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_OMIT;
}

/* Does a day's work on a store: a case with answers, results, a
 * follow-up and a status; writes the case id. */
static void work(gu_db *db, const char *worker, const char *child, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = worker, .township = "七道泉子镇", .policy_hash = "h" };
	gu_followup_new f = { .status = GU_REF_REFERRED, .date = "2025-03-01",
		.next_due = "2025-03-15" };
	gu_result r = { .item = 3, .verdict = GU_YES, .persons = "child" };
	gu_results rs = { .v = &r, .n = 1 };
	gu_error err;

	r.reason = (char *)"孤儿";
	r.explanation = (char *)"父母双亡";
	cr_assert_eq(gu_db_set_user(db, worker), 0);
	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(db, id, "child.name", child, NULL, &err), 0);
	cr_assert_eq(gu_case_save_answer(db, id, "child.dob", "2015-01-01", NULL, &err), 0);
	cr_assert_eq(gu_case_save_answer(db, id, "child.dob", "2015-01-02", NULL, &err), 0);
	cr_assert_eq(gu_case_save_results(db, id, &rs, "chaoyang-2024", "1", "h", &err), 0);
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_set_status(db, id, GU_CASE_COMPLETE, NULL, &err), 0);
	cr_assert_eq(gu_user_add(db, worker, GU_ROLE_WORKER, NULL, &err), 0);
}

/* Returns how many changes of table a changeset holds. */
static int changes_of(const void *cs, int size, const char *table)
{
	sqlite3_changeset_iter *it;
	int n = 0;

	cr_assert_eq(sqlite3changeset_start(&it, size, (void *)cs), SQLITE_OK);
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *name;
		int ncol, op, indirect;

		sqlite3changeset_op(it, &name, &ncol, &op, &indirect);
		if (strcmp(name, table) == 0)
			n++;
	}
	sqlite3changeset_finalize(it);
	return n;
}

Test(merge, one_laptops_changes_apply_to_another)
{
	static const char *const tables[] = { "cases", "answer_history", "referrals",
		"followups", "users", "audit" };
	char id_a[GU_ID_SIZE], id_b[GU_ID_SIZE];
	gu_db *a, *b;
	sqlite3_session *s;
	sqlite3 *h;
	void *cs = NULL;
	int size = 0;
	gu_case_info info;
	gu_referral *refs;
	gu_error err;
	size_t i, n;

	cr_assert_eq(gu_db_open(path_a, &a, &err), 0, "%s", err.message);
	cr_assert_eq(gu_db_open(path_b, &b, &err), 0, "%s", err.message);
	cr_assert_str_neq(gu_db_device(a), gu_db_device(b));

	cr_assert_eq(sqlite3session_create(a->h, "main", &s), SQLITE_OK);
	sqlite3session_table_filter(s, not_meta, NULL);
	cr_assert_eq(sqlite3session_attach(s, NULL), SQLITE_OK);
	work(a, "王芳", "张小红", id_a);
	cr_assert_eq(sqlite3session_changeset(s, &size, &cs), SQLITE_OK);
	sqlite3session_delete(s);
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++)
		cr_assert_gt(changes_of(cs, size, tables[i]), 0, "no changes of %s recorded", tables[i]);
	gu_db_close(a);

	work(b, "李军", "刘洋", id_b);
	gu_db_close(b);

	cr_assert_eq(sqlite3_open(path_b, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3changeset_apply(h, size, cs, NULL, on_conflict, NULL), SQLITE_OK,
		"%s", sqlite3_errmsg(h));
	sqlite3_close(h);
	sqlite3_free(cs);

	cr_assert_eq(gu_db_open(path_b, &b, &err), 0, "%s", err.message);
	cr_assert_eq(gu_db_check(b, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_count(b, NULL, &err), 2);
	cr_assert_eq(gu_case_get(b, id_a, &info, &err), 0);
	cr_assert_str_eq(info.child_name, "张小红");
	cr_assert_str_eq(info.worker, "王芳");
	cr_assert_eq(info.status, GU_CASE_COMPLETE);
	cr_assert_eq(gu_referral_list(b, id_a, &refs, &n, &err), 0);
	cr_assert_eq(n, 1);
	gu_referrals_free(refs, n);
	cr_assert_eq(gu_user_count(b, &err), 2);
	cr_assert_eq(gu_case_get(b, id_b, &info, &err), 0);
	cr_assert_str_eq(info.child_name, "刘洋");
	gu_db_close(b);
}
