/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Another child of this family: the answers a sibling's interview starts
 * with, the case started from another (copied answers marked and in the
 * history, the cases linked either way), and the migration on a database
 * written before it. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/family.h"
#include "db/family.h"
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

TestSuite(family, .init = setup, .fini = teardown, .timeout = 60);

/* The first child's answers: the child's own, the family's, one member. */
static const char first_child[] =
	"interview.date = 2026-11-29\n"
	"interview.township = 建平镇\n"
	"child.name = 王小明\n"
	"child.dob = 2015-03-02\n"
	"child.sex = male\n"
	"child.school_stage = primary\n"
	"child.safety = no\n"
	"household.address = 建平县建平镇一村三组\n"
	"household.status = rural_dibao\n"
	"father.name = 王强\n"
	"father.status = migrant\n"
	"mother.name = 李芳\n"
	"guardian.name = 王奶奶\n"
	"guardian.relation = grandparent\n"
	"member.1.relation = grandparent\n"
	"member.1.name = 王奶奶\n"
	"member.1.age = 68\n";

/* Parses text into a or fails the test. */
static void parse(const char *text, gu_answers *a)
{
	gu_error err;

	cr_assert_eq(gu_answers_parse(text, strlen(text), "t.answers", a, &err), 0, "%s",
		err.message);
}

Test(family, a_sibling_starts_with_the_family_and_the_first_child_as_a_member)
{
	gu_answers from, copy;
	gu_date today = { 2026, 11, 29 };

	parse(first_child, &from);
	cr_assert_eq(gu_family_answers(&from, today, &copy), 0);
	/* the family's answers are copied */
	cr_assert_str_eq(gu_answers_get(&copy, "household.address"), "建平县建平镇一村三组");
	cr_assert_str_eq(gu_answers_get(&copy, "father.status"), "migrant");
	cr_assert_str_eq(gu_answers_get(&copy, "mother.name"), "李芳");
	cr_assert_str_eq(gu_answers_get(&copy, "guardian.relation"), "grandparent");
	cr_assert_str_eq(gu_answers_get(&copy, "member.1.name"), "王奶奶");
	/* the child's own are not, nor the interview's */
	cr_assert_null(gu_answers_get(&copy, "child.name"));
	cr_assert_null(gu_answers_get(&copy, "child.dob"));
	cr_assert_null(gu_answers_get(&copy, "child.school_stage"));
	cr_assert_null(gu_answers_get(&copy, "child.safety"));
	cr_assert_null(gu_answers_get(&copy, "interview.date"));
	/* the first child is the next member, a sibling of 11 */
	cr_assert_str_eq(gu_answers_get(&copy, "member.2.relation"), "sibling");
	cr_assert_str_eq(gu_answers_get(&copy, "member.2.name"), "王小明");
	cr_assert_str_eq(gu_answers_get(&copy, "member.2.sex"), "male");
	cr_assert_str_eq(gu_answers_get(&copy, "member.2.age"), "11");
	cr_assert_null(gu_answers_get(&copy, "member.3.name"));
	cr_assert_eq(gu_family_member_named(&copy, "王小明"), 2);
	cr_assert_eq(gu_family_member_named(&copy, "王奶奶"), 0, "a grandparent is no sibling");
	gu_answers_free(&copy);
	gu_answers_free(&from);
}

Test(family, a_first_child_the_members_name_already_is_not_added_twice)
{
	gu_answers from, copy;
	gu_date today = { 2026, 11, 29 };
	char text[2048];

	snprintf(text, sizeof text, "%s%s", first_child,
		"member.2.relation = sibling\nmember.2.name = 王小明\n");
	parse(text, &from);
	cr_assert_eq(gu_family_answers(&from, today, &copy), 0);
	cr_assert_str_eq(gu_answers_get(&copy, "member.2.name"), "王小明");
	cr_assert_null(gu_answers_get(&copy, "member.3.name"));
	gu_answers_free(&copy);
	gu_answers_free(&from);
}

/* Opens the store or fails the test; returns it. */
static gu_db *open_ok(void)
{
	gu_db *db = NULL;
	gu_error err;

	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	return db;
}

/* Stores the first child's case; writes its id. */
static void first_case(gu_db *db, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = "李明", .township = "建平镇", .policy_id = "chaoyang-2024",
		.policy_version = "1", .policy_hash = "h" };
	gu_answers a;
	gu_error err;

	parse(first_child, &a);
	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answers(db, id, &a, NULL, &err), 0, "%s", err.message);
	gu_answers_free(&a);
}

/* Returns the count a query gives on the open store. */
static long long count(gu_db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	cr_assert_eq(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL), SQLITE_OK, "%s",
		sqlite3_errmsg(db->h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

Test(family, a_sibling_case_is_copied_marked_recorded_and_linked_both_ways)
{
	gu_case_new c = { .worker = "李明", .policy_id = "chaoyang-2024", .policy_version = "1",
		.policy_hash = "h" };
	gu_date today = { 2026, 11, 29 };
	char a[GU_ID_SIZE], b[GU_ID_SIZE], d[GU_ID_SIZE], sql[300];
	gu_answers ans, marks;
	gu_answer_change *hist = NULL;
	gu_sibling *sib = NULL;
	size_t n = 0, nhist = 0, i;
	gu_case_info info;
	gu_error err;
	gu_db *db = open_ok();
	bool named = false;

	first_case(db, a);
	cr_assert_eq(gu_family_start(db, a, &c, today, b, &err), 0, "%s", err.message);
	cr_assert_str_neq(a, b);
	cr_assert_eq(gu_case_get(db, b, &info, &err), 0);
	cr_assert_eq(info.status, GU_CASE_DRAFT);
	cr_assert_str_eq(info.township, "建平镇", "the township of the family's case");
	cr_assert_str_eq(info.child_name, "", "the new child has no name yet");
	cr_assert_eq(gu_case_load_answers(db, b, &ans, &err), 0);
	cr_assert_str_eq(gu_answers_get(&ans, "father.name"), "王强");
	cr_assert_str_eq(gu_answers_get(&ans, "member.2.name"), "王小明");
	cr_assert_null(gu_answers_get(&ans, "child.name"));
	cr_assert_eq(info.answered, (int)ans.n);
	/* every copied answer is marked, with the case it came from */
	cr_assert_eq(gu_family_copied(db, b, &marks, &err), 0, "%s", err.message);
	cr_assert_eq(marks.n, ans.n);
	cr_assert_str_eq(gu_answers_get(&marks, "household.address"), a);
	/* and in the history, naming that case */
	cr_assert_eq(gu_case_history(db, b, &hist, &nhist, &err), 0);
	cr_assert_eq(nhist, ans.n);
	snprintf(sql, sizeof sql, "copied from case %.8s (王小明)", a);
	for (i = 0; i < nhist; i++)
		if (strcmp(hist[i].key, "guardian.name") == 0) {
			cr_assert_null(hist[i].old_value);
			cr_assert_str_eq(hist[i].new_value, "王奶奶");
			cr_assert_str_eq(hist[i].reason, sql);
			named = true;
		}
	cr_assert(named);
	gu_answer_changes_free(hist, nhist);
	/* confirmed: the mark goes, the answer stays */
	cr_assert_eq(gu_family_copied_clear(db, b, "household.address", &err), 0);
	gu_answers_free(&marks);
	cr_assert_eq(gu_family_copied(db, b, &marks, &err), 0);
	cr_assert_eq(marks.n, ans.n - 1);
	cr_assert_null(gu_answers_get(&marks, "household.address"));
	gu_answers_free(&marks);
	gu_answers_free(&ans);
	/* each case lists the other */
	cr_assert_eq(gu_family_siblings(db, a, &sib, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(sib[0].id, b);
	cr_assert_eq(sib[0].status, GU_CASE_DRAFT);
	free(sib);
	cr_assert_eq(gu_family_siblings(db, b, &sib, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(sib[0].id, a);
	cr_assert_str_eq(sib[0].child_name, "王小明");
	cr_assert_eq(sib[0].status, GU_CASE_DRAFT);
	free(sib);
	/* a third child started from the second: one family of three */
	cr_assert_eq(gu_family_start(db, b, &c, today, d, &err), 0, "%s", err.message);
	cr_assert_eq(gu_family_siblings(db, a, &sib, &n, &err), 0);
	cr_assert_eq(n, 2);
	cr_assert(strcmp(sib[0].id, b) == 0 && strcmp(sib[1].id, d) == 0);
	free(sib);
	/* each child keeps its own verdicts: nothing of the first's results moved */
	cr_assert_eq(count(db, "SELECT count(*) FROM family_links"), 2);
	cr_assert_eq(count(db, "SELECT count(*) FROM audit WHERE action = 'case.sibling'"), 2);
	gu_db_close(db);
}

Test(family, a_case_that_is_not_there_starts_nothing)
{
	gu_case_new c = { .worker = "李明" };
	gu_date today = { 2026, 11, 29 };
	char b[GU_ID_SIZE];
	gu_error err;
	gu_db *db = open_ok();

	cr_assert_lt(gu_family_start(db, "0123456789abcdef0123456789abcdef", &c, today, b, &err), 0);
	cr_assert_str_eq(b, "");
	cr_assert_eq(count(db, "SELECT count(*) FROM cases"), 0);
	gu_db_close(db);
}

Test(family, a_database_of_layout_20_gains_the_family_tables_and_keeps_its_cases)
{
	gu_case_new c = { .worker = "李明" };
	gu_date today = { 2026, 11, 29 };
	char a[GU_ID_SIZE], b[GU_ID_SIZE];
	gu_error err;
	gu_sibling *sib = NULL;
	size_t n = 0;
	gu_db *db = NULL;
	sqlite3 *h;

	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(gu_db_migrate(h, path, 20, &err), 0, "%s", err.message);
	sqlite3_close(h);
	cr_assert_eq(gu_db_open_flags(path, GU_OPEN_NO_MIGRATE, &db, &err), 0, "%s", err.message);
	first_case(db, a);
	cr_assert_eq(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'family_links'"), 0);
	gu_db_close(db);

	db = open_ok(); /* migrates */
	cr_assert_eq(count(db, "PRAGMA user_version"), GU_DB_SCHEMA_VERSION);
	cr_assert_eq(count(db, "SELECT count(*) FROM sqlite_master WHERE name IN"
		" ('family_links', 'copied_answers')"), 2);
	cr_assert_eq(count(db, "SELECT count(*) FROM answers"), 17);
	cr_assert_eq(gu_family_siblings(db, a, &sib, &n, &err), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(gu_family_start(db, a, &c, today, b, &err), 0, "%s", err.message);
	cr_assert_eq(gu_family_siblings(db, a, &sib, &n, &err), 0);
	cr_assert_eq(n, 1);
	free(sib);
	gu_db_close(db);
}
