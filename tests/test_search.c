/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Case search as you type: one and two Chinese characters, full pinyin
 * and its parts, initials, ID numbers whole or by their last digits,
 * filters, sorting, and keys kept in step with changed names. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/pinyin.h"
#include "db/groups.h"
#include "db/search.h"
#include "tests/test_supervise_util.h"

TestSuite(search, .init = sv_setup, .fini = sv_teardown, .timeout = 120);

static char ids[6][GU_ID_SIZE];

/* Makes a store with six children; returns it. */
static gu_db *children(void)
{
	gu_db *db = sv_open();

	sv_case(db, "li", "大平房镇", "张小红", "211302201501010021", ids[0]);
	sv_case(db, "li", "大平房镇", "李明", "211322201203040037", ids[1]);
	sv_case(db, "zhao", "联合镇", "王小明", "21132420100506004X", ids[2]);
	sv_case(db, "zhao", "联合镇", "吕梅", "", ids[3]);
	sv_case(db, "li", "联合镇", "张伟", "211381201811110010", ids[4]);
	sv_case(db, "zhao", "大平房镇", "Anna 李", "", ids[5]);
	cr_assert_geq(gu_search_refresh(db, NULL, NULL, NULL), 0);
	return db;
}

/* Runs sql on a second connection to the store; fails the test on an error. */
static void raw(const char *sql)
{
	sqlite3 *h;

	cr_assert_eq(sqlite3_open_v2(sv_path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK, "%s: %s", sql,
		sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* Makes every name wait for its keys, as plain SQL would leave them. */
static void forget_keys(void)
{
	raw("DELETE FROM case_keys");
	raw("INSERT OR REPLACE INTO name_queue (case_id, updated_at, device)"
		" SELECT id, updated_at, device FROM cases");
}

/* Runs a search for query as it stands and returns the matches' names,
 * sorted by pinyin, joined by "|", in a static buffer. */
static const char *found_now(gu_db *db, const char *query)
{
	static char out[512];
	gu_case_filter f = { .query = query, .sort = GU_SORT_NAME };
	gu_case_row *rows;
	size_t n, i;
	gu_error err;

	cr_assert_eq(gu_case_list(db, &f, &rows, &n, &err), 0, "%s: %s", query, err.message);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, rows[i].child_name);
	}
	free(rows);
	return out;
}

/* As found_now, after computing the keys that wait (as the case list
 * screen does when it opens). */
static const char *found(gu_db *db, const char *query)
{
	gu_error err;

	cr_assert_geq(gu_search_refresh(db, NULL, NULL, &err), 0, "%s", err.message);
	return found_now(db, query);
}

Test(search, one_chinese_character_finds_every_name_holding_it)
{
	gu_db *db = children();

	cr_assert_str_eq(found(db, "张"), "张伟|张小红");
	cr_assert_str_eq(found(db, "小"), "王小明|张小红");
	cr_assert_str_eq(found(db, "明"), "李明|王小明");
	cr_assert_str_eq(found(db, "红"), "张小红");
	cr_assert_str_eq(found(db, "赵"), "");
	gu_db_close(db);
}

Test(search, two_chinese_characters_find_that_part_of_a_name)
{
	gu_db *db = children();

	cr_assert_str_eq(found(db, "小红"), "张小红");
	cr_assert_str_eq(found(db, "小明"), "王小明");
	cr_assert_str_eq(found(db, " 张小 "), "张小红");
	cr_assert_str_eq(found(db, "小李"), "");
	gu_db_close(db);
}

Test(search, full_pinyin_and_its_parts)
{
	gu_db *db = children();

	cr_assert_str_eq(found(db, "zhangxiaohong"), "张小红");
	cr_assert_str_eq(found(db, "ZhangXiaoHong"), "张小红");
	cr_assert_str_eq(found(db, "zhang xiao"), "张小红");
	cr_assert_str_eq(found(db, "xiaoming"), "王小明");
	cr_assert_str_eq(found(db, "zhang"), "张伟|张小红");
	cr_assert_str_eq(found(db, "lvmei"), "吕梅", "v types ü");
	gu_db_close(db);
}

Test(search, initials)
{
	gu_db *db = children();

	cr_assert_str_eq(found(db, "zxh"), "张小红");
	cr_assert_str_eq(found(db, "wxm"), "王小明");
	cr_assert_str_eq(found(db, "zw"), "张伟");
	cr_assert_str_eq(found(db, "xh"), "", "initials match from their start");
	cr_assert_str_eq(found(db, "xiaoh"), "张小红");
	cr_assert_str_eq(found(db, "qq"), "");
	gu_db_close(db);
}

Test(search, latin_letters_in_a_name)
{
	gu_db *db = children();

	cr_assert_str_eq(found(db, "anna"), "Anna 李");
	gu_db_close(db);
}

Test(search, id_number_whole_or_last_digits)
{
	gu_db *db = children();

	cr_assert_str_eq(found(db, "211302201501010021"), "张小红");
	cr_assert_str_eq(found(db, "0021"), "张小红");
	cr_assert_str_eq(found(db, "004x"), "王小明", "x for X");
	cr_assert_str_eq(found(db, "004X"), "王小明");
	cr_assert_str_eq(found(db, "37"), "李明");
	cr_assert_str_eq(found(db, "0010"), "张伟");
	cr_assert_str_eq(found(db, "2113"), "", "digits must end the number");
	gu_db_close(db);
}

Test(search, a_changed_name_is_found_by_its_new_pinyin)
{
	gu_db *db = children();
	gu_error err;

	cr_assert_str_eq(found(db, "zxh"), "张小红");
	cr_assert_eq(gu_case_save_answer(db, ids[0], "child.name", "赵小红", NULL, &err), 0,
		"%s", err.message);
	cr_assert_str_eq(found(db, "zxh"), "赵小红");
	cr_assert_str_eq(found(db, "zhaoxiao"), "赵小红");
	cr_assert_str_eq(found(db, "张小"), "");
	cr_assert_eq(gu_case_save_answer(db, ids[3], "child.id_number", "211302201501010056",
		NULL, &err), 0, "%s", err.message);
	cr_assert_str_eq(found(db, "0056"), "吕梅");
	gu_db_close(db);
}

Test(search, a_read_only_store_still_finds_names_by_their_characters)
{
	gu_db *db = children();
	gu_error err;

	gu_db_close(db);
	forget_keys();
	cr_assert_eq(gu_db_open_readonly(sv_path, &db, &err), 0, "%s", err.message);
	cr_assert_str_eq(found(db, "小红"), "张小红");
	cr_assert_str_eq(found(db, "0021"), "张小红");
	cr_assert_str_eq(found(db, "zxh"), "", "no keys were computed");
	gu_db_close(db);
}

/* Runs a filtered search and returns the number of rows. */
static size_t count(gu_db *db, const gu_case_filter *f)
{
	gu_case_row *rows;
	size_t n;
	gu_error err;

	cr_assert_eq(gu_case_list(db, f, &rows, &n, &err), 0, "%s", err.message);
	free(rows);
	return n;
}

/* Makes a store whose names differ only where a LIKE wildcard could
 * stand; returns it. */
static gu_db *wildcard_names(void)
{
	gu_db *db = sv_open();

	sv_case(db, "li", "大平房镇", "a_b", "", ids[0]);
	sv_case(db, "li", "大平房镇", "axb", "", ids[1]);
	sv_case(db, "li", "大平房镇", "a%b", "", ids[2]);
	sv_case(db, "li", "大平房镇", "axxb", "", ids[3]);
	sv_case(db, "li", "大平房镇", "小_红", "", ids[4]);
	sv_case(db, "li", "大平房镇", "小明红", "", ids[5]);
	cr_assert_geq(gu_search_refresh(db, NULL, NULL, NULL), 0);
	return db;
}

Test(search, underscore_and_percent_are_letters_not_wildcards)
{
	gu_db *db = wildcard_names();

	/* Letters are matched in the pinyin key, which keeps letters only. */
	cr_assert_str_eq(found(db, "a_b"), "");
	cr_assert_str_eq(found(db, "a%b"), "");
	cr_assert_str_eq(found(db, "小_红"), "小_红");
	cr_assert_str_eq(found(db, "小%"), "");
	gu_db_close(db);
}

Test(search, underscore_and_percent_are_letters_with_stale_keys)
{
	gu_db *db = wildcard_names();
	gu_error err;

	/* Names written without keys, on a read-only store that cannot compute
	 * them: names are matched with LIKE. */
	gu_db_close(db);
	forget_keys();
	cr_assert_eq(gu_db_open_readonly(sv_path, &db, &err), 0, "%s", err.message);
	cr_assert_str_eq(found(db, "a_b"), "a_b");
	cr_assert_str_eq(found(db, "a%b"), "a%b");
	cr_assert_str_eq(found(db, "小_红"), "小_红");
	cr_assert_str_eq(found(db, "小%"), "");
	cr_assert_str_eq(found(db, "axb"), "axb");
	gu_db_close(db);
}

Test(search, the_status_filter_returned_lists_only_returned_cases)
{
	gu_db *db = children();
	gu_case_filter f = { .status_mask = 1u << GU_CASE_RETURNED, .sort = GU_SORT_NAME };
	gu_case_row *rows;
	size_t n;
	gu_error err;

	sv_status(db, ids[0], GU_CASE_COMPLETE);
	sv_status(db, ids[1], GU_CASE_COMPLETE);
	sv_status(db, ids[1], GU_CASE_RETURNED);
	sv_status(db, ids[2], GU_CASE_COMPLETE);
	sv_status(db, ids[2], GU_CASE_REVIEWED);
	sv_status(db, ids[3], GU_CASE_COMPLETE);
	sv_status(db, ids[3], GU_CASE_CLOSED);
	cr_assert_eq(gu_case_list(db, &f, &rows, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1, "{returned} listed %zu cases", n);
	cr_assert_str_eq(rows[0].child_name, "李明");
	cr_assert_eq(rows[0].status, GU_CASE_RETURNED);
	free(rows);
	f.query = "li";
	cr_assert_eq(gu_case_list(db, &f, &rows, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1, "{returned} with a search listed %zu cases", n);
	free(rows);
	cr_assert_eq(count(db, &(gu_case_filter){ .status_mask = 1u << GU_CASE_REVIEWED }), 1);
	cr_assert_eq(count(db, &(gu_case_filter){ .status_mask = 1u << GU_CASE_CLOSED }), 1);
	cr_assert_eq(count(db, &(gu_case_filter){ .status_mask = 1u << GU_CASE_COMPLETE }), 1);
	cr_assert_eq(count(db, &(gu_case_filter){ .status_mask = 1u << GU_CASE_DRAFT }), 2);
	cr_assert_eq(count(db, &(gu_case_filter){ .status_mask = (1u << GU_CASE_RETURNED)
		| (1u << GU_CASE_CLOSED) }), 2);
	gu_db_close(db);
}

Test(search, filters_by_township_worker_status_group_item_and_due_date)
{
	gu_db *db = children();
	gu_followup_new fu = { .status = GU_REF_REFERRED, .date = "2025-03-01",
		.next_due = "2025-04-01" };
	gu_result one = { .item = 12, .verdict = GU_YES, .persons = "child" };
	gu_results r = { .v = &one, .n = 1 };
	gu_error err;

	cr_assert_eq(count(db, &(gu_case_filter){ .township = "联合镇" }), 3);
	cr_assert_eq(count(db, &(gu_case_filter){ .worker = "zhao" }), 3);
	cr_assert_eq(count(db, &(gu_case_filter){ .worker = "li", .township = "联合镇" }), 1);
	cr_assert_eq(count(db, &(gu_case_filter){ .query = "张", .township = "联合镇" }), 1);
	sv_status(db, ids[1], GU_CASE_COMPLETE);
	cr_assert_eq(count(db, &(gu_case_filter){ .status_mask = 1u << GU_CASE_COMPLETE }), 1);
	cr_assert_eq(count(db, &(gu_case_filter){ .status_mask = 1u << GU_CASE_DRAFT }), 5);
	cr_assert_eq(gu_case_set_groups(db, ids[2], "floating", &err), 0);
	cr_assert_eq(count(db, &(gu_case_filter){ .group = "floating" }), 1);
	cr_assert_eq(count(db, &(gu_case_filter){ .group = "difficult" }), 0);
	cr_assert_eq(gu_case_save_results(db, ids[4], &r, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(count(db, &(gu_case_filter){ .item = 12 }), 1);
	cr_assert_eq(count(db, &(gu_case_filter){ .item = 13 }), 0);
	cr_assert_eq(gu_followup_add(db, ids[4], 12, &fu, &err), 0, "%s", err.message);
	cr_assert_eq(count(db, &(gu_case_filter){ .due_by = "2025-04-01" }), 1);
	cr_assert_eq(count(db, &(gu_case_filter){ .due_by = "2025-03-31" }), 0);
	cr_assert_eq(count(db, &(gu_case_filter){ .limit = 2 }), 2);
	cr_assert_eq(count(db, &(gu_case_filter){ .limit = 4, .offset = 4 }), 2);
	gu_db_close(db);
}

Test(search, sorting_by_due_date_and_township)
{
	gu_db *db = children();
	gu_followup_new fu = { .status = GU_REF_REFERRED, .date = "2025-03-01" };
	gu_case_filter f = { .sort = GU_SORT_DUE };
	gu_case_row *rows;
	size_t n;
	gu_error err;

	/* only an item the results show can be referred */
	cr_assert_eq(gu_case_save_results(db, ids[3], &(gu_results){ .v = &(gu_result){ .item = 2,
		.verdict = GU_YES }, .n = 1 }, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_results(db, ids[1], &(gu_results){ .v = &(gu_result){ .item = 5,
		.verdict = GU_MAYBE }, .n = 1 }, "p", "1", "h", &err), 0, "%s", err.message);
	fu.next_due = "2025-05-01";
	cr_assert_eq(gu_followup_add(db, ids[3], 2, &fu, &err), 0, "%s", err.message);
	fu.next_due = "2025-04-01";
	cr_assert_eq(gu_followup_add(db, ids[1], 5, &fu, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_list(db, &f, &rows, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 6);
	cr_assert_str_eq(rows[0].child_name, "李明");
	cr_assert_str_eq(rows[0].next_due, "2025-04-01");
	cr_assert_str_eq(rows[1].child_name, "吕梅");
	cr_assert_str_eq(rows[2].next_due, "");
	free(rows);
	f.sort = GU_SORT_TOWNSHIP;
	cr_assert_eq(gu_case_list(db, &f, &rows, &n, &err), 0);
	cr_assert(strcmp(rows[0].township, rows[5].township) <= 0);
	free(rows);
	cr_assert_eq(gu_case_sort_parse("due", &f.sort, &err), 0);
	cr_assert_eq(f.sort, GU_SORT_DUE);
	cr_assert_eq(gu_case_sort_parse("age", &f.sort, &err), -GU_EINVAL);
	gu_db_close(db);
}

Test(search, a_bare_list_is_the_same_list_without_groups_and_follow_ups)
{
	gu_db *db = children();
	gu_followup_new fu = { .status = GU_REF_REFERRED, .date = "2025-03-01",
		.next_due = "2025-04-01" };
	enum gu_case_sort sorts[] = { GU_SORT_DEFAULT, GU_SORT_UPDATED, GU_SORT_NAME,
		GU_SORT_TOWNSHIP, GU_SORT_DUE };
	gu_case_row *full, *bare;
	size_t nf, nb, i, k;
	gu_error err;

	cr_assert_eq(gu_case_set_groups(db, ids[2], "floating,difficult", &err), 0, "%s",
		err.message);
	cr_assert_eq(gu_case_save_results(db, ids[1], &(gu_results){ .v = &(gu_result){ .item = 5,
		.verdict = GU_MAYBE }, .n = 1 }, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_followup_add(db, ids[1], 5, &fu, &err), 0, "%s", err.message);
	for (k = 0; k < sizeof sorts / sizeof sorts[0]; k++) {
		gu_case_filter f = { .sort = sorts[k] }, b = { .sort = sorts[k], .bare = true };

		cr_assert_eq(gu_case_list(db, &f, &full, &nf, &err), 0, "%s", err.message);
		cr_assert_eq(gu_case_list(db, &b, &bare, &nb, &err), 0, "%s", err.message);
		cr_assert_eq(nb, nf, "sort %zu", k);
		for (i = 0; i < nf; i++) {
			cr_assert_str_eq(bare[i].id, full[i].id, "sort %zu row %zu", k, i);
			cr_assert_str_eq(bare[i].child_name, full[i].child_name);
			cr_assert_str_eq(bare[i].groups, "", "a bare list reads no groups");
			cr_assert_str_eq(bare[i].next_due, sorts[k] == GU_SORT_DUE ? full[i].next_due
				: "", "the due order alone reads the follow-up");
		}
		free(full);
		free(bare);
	}
	gu_db_close(db);
}

Test(search, a_worker_finds_only_their_own_cases)
{
	gu_db *db = children();
	gu_case_row *rows;
	size_t n;
	gu_error err;

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	cr_assert_str_eq(found(db, "明"), "李明|王小明");
	sv_login(db, "li");
	cr_assert_str_eq(found(db, "明"), "李明", "王小明 is zhao's");
	cr_assert_eq(gu_case_list(db, &(gu_case_filter){ .worker = "zhao" }, &rows, &n, &err),
		-GU_EPERM);
	gu_auth_logout(db);
	cr_assert_eq(gu_case_list(db, NULL, &rows, &n, &err), -GU_EPERM);
	gu_db_close(db);
}

/* Returns the names of a default-sorted search, joined by "|", in a static buffer. */
static const char *in_list_order(gu_db *db, const char *query)
{
	static char out[512];
	gu_case_filter f = { .query = query };
	gu_case_row *rows;
	size_t n, i;
	gu_error err;

	cr_assert_eq(gu_case_list(db, &f, &rows, &n, &err), 0, "%s", err.message);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, rows[i].child_name);
	}
	free(rows);
	return out;
}

Test(search, matches_come_returned_first_then_latest_change_first)
{
	gu_db *db = children();
	gu_error err;

	cr_assert_str_eq(in_list_order(db, "张"), "张伟|张小红");
	usleep(5000);
	cr_assert_eq(gu_case_save_answer(db, ids[0], "child.sex", "female", NULL, &err), 0,
		"%s", err.message);
	cr_assert_str_eq(in_list_order(db, "张"), "张小红|张伟", "the latest change first");
	cr_assert_str_eq(in_list_order(db, "zh"), "张小红|张伟");
	usleep(5000);
	sv_status(db, ids[4], GU_CASE_COMPLETE);
	usleep(5000);
	sv_status(db, ids[0], GU_CASE_COMPLETE);
	cr_assert_str_eq(in_list_order(db, "张"), "张小红|张伟");
	usleep(5000);
	sv_status(db, ids[4], GU_CASE_RETURNED);
	usleep(5000);
	cr_assert_eq(gu_case_save_answer(db, ids[0], "child.sex", "male", "typo", &err), 0,
		"%s", err.message);
	cr_assert_str_eq(in_list_order(db, "张"), "张伟|张小红", "a returned case comes first");
	cr_assert_str_eq(in_list_order(db, "0"), "张伟", "one last digit");
	cr_assert_str_eq(in_list_order(db, "21"), "张小红");
	gu_db_close(db);
}

/* Writes the ids of the whole list of f into all (n of them), then checks
 * that pages of size rows, each after the last row of the one before,
 * give the same ids in the same order. */
static void pages_match(gu_db *db, gu_case_filter f, size_t size)
{
	gu_case_row *all, *page, last;
	size_t n, got = 0, k, i;
	gu_error err;

	f.limit = 0;
	f.after = NULL;
	cr_assert_eq(gu_case_list(db, &f, &all, &n, &err), 0, "%s", err.message);
	f.limit = size;
	for (;;) {
		cr_assert_eq(gu_case_list(db, &f, &page, &k, &err), 0, "%s", err.message);
		for (i = 0; i < k; i++) {
			cr_assert_lt(got, n, "sort %d, pages of %zu: more rows than the list",
				f.sort, size);
			cr_assert_str_eq(page[i].id, all[got].id, "sort %d, pages of %zu, row %zu",
				f.sort, size, got);
			got++;
		}
		if (k > 0)
			last = page[k - 1];
		free(page);
		if (k < size)
			break;
		f.after = &last;
	}
	cr_assert_eq(got, n, "sort %d, pages of %zu: %zu of %zu rows", f.sort, size, got, n);
	free(all);
}

Test(search, pages_after_the_last_row_give_the_whole_list_in_every_order)
{
	gu_db *db = children();
	static const char *const queries[] = { "", "x", "张", "0021", "l" };
	gu_case_filter f = { 0 };
	size_t q, size;
	int sort;

	sv_status(db, ids[1], GU_CASE_COMPLETE);
	sv_status(db, ids[1], GU_CASE_RETURNED);
	sv_status(db, ids[3], GU_CASE_COMPLETE);
	sv_status(db, ids[3], GU_CASE_RETURNED);
	/* Equal times and equal keys: the case id decides. */
	raw("UPDATE cases SET updated_at = 1000 WHERE child_name IN ('张小红', '张伟', '吕梅')");
	raw("UPDATE cases SET township = '联合镇' WHERE child_name = 'Anna 李'");
	gu_db_close(db);
	db = sv_open();
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++)
		for (sort = 0; sort < GU_SORT_COUNT; sort++)
			for (size = 1; size <= 4; size++) {
				f.query = queries[q];
				f.sort = (enum gu_case_sort)sort;
				pages_match(db, f, size);
			}
	gu_db_close(db);
}

Test(search, the_default_order_shows_returned_cases_first_then_the_latest)
{
	gu_db *db = children();
	gu_case_row *rows;
	gu_error err;
	size_t n, i;

	sv_status(db, ids[2], GU_CASE_COMPLETE);
	sv_status(db, ids[2], GU_CASE_RETURNED);
	raw("UPDATE cases SET updated_at = 4000 WHERE child_name = '李明'");
	raw("UPDATE cases SET updated_at = 5000 WHERE child_name = '张伟'");
	cr_assert_eq(gu_case_list(db, NULL, &rows, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 6);
	cr_assert_str_eq(rows[0].id, ids[2], "the returned case first");
	for (i = 2; i < n; i++)
		cr_assert_geq(rows[i - 1].updated, rows[i].updated, "row %zu", i);
	cr_assert_str_eq(rows[n - 1].child_name, "李明", "the oldest change last");
	free(rows);
	gu_db_close(db);
}

/* Returns the number of cases gu_case_list gives for f (the cases read). */
static long listed(gu_db *db, gu_case_filter f)
{
	return (long)count(db, &f);
}

/* Checks that the tally's counts match the cases for the filters a screen
 * uses. */
static void tally_matches(gu_db *db)
{
	static const char *const towns[] = { NULL, "大平房镇", "联合镇", "七道泉子镇" };
	static const char *const workers[] = { NULL, "li", "zhao", "wang" };
	static const unsigned masks[] = { 0, 1u << GU_CASE_DRAFT, 1u << GU_CASE_RETURNED,
		(1u << GU_CASE_COMPLETE) | (1u << GU_CASE_REVIEWED) };
	size_t t, w, m;
	gu_error err;

	for (t = 0; t < 4; t++)
		for (w = 0; w < 4; w++)
			for (m = 0; m < 4; m++) {
				gu_case_filter f = { .township = towns[t], .worker = workers[w],
					.status_mask = masks[m] };

				cr_assert_eq(gu_case_count(db, &f, &err), listed(db, f),
					"%s %s %u", towns[t] ? towns[t] : "-",
					workers[w] ? workers[w] : "-", masks[m]);
			}
}

Test(search, the_tally_follows_every_insert_change_and_removal)
{
	gu_db *db = children();
	char **v;
	size_t n;
	gu_error err;

	tally_matches(db);
	cr_assert_eq(gu_case_count(db, NULL, &err), 6);
	sv_status(db, ids[0], GU_CASE_COMPLETE);
	sv_status(db, ids[4], GU_CASE_COMPLETE);
	sv_status(db, ids[4], GU_CASE_REVIEWED);
	sv_status(db, ids[2], GU_CASE_COMPLETE);
	sv_status(db, ids[2], GU_CASE_RETURNED);
	tally_matches(db);
	/* Written outside the program: the triggers still count. */
	raw("UPDATE cases SET worker = 'wang', township = '七道泉子镇' WHERE child_name = '李明'");
	raw("DELETE FROM cases WHERE child_name = '吕梅'");
	cr_assert_eq(gu_case_count(db, NULL, &err), 5);
	tally_matches(db);
	cr_assert_eq(gu_case_choices(db, GU_CHOICE_TOWNSHIPS, &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(v[0], "七道泉子镇");
	cr_assert_str_eq(v[1], "大平房镇");
	cr_assert_str_eq(v[2], "联合镇");
	gu_case_choices_free(v, n);
	cr_assert_eq(gu_case_choices(db, GU_CHOICE_WORKERS, &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(v[0], "li");
	cr_assert_str_eq(v[1], "wang");
	cr_assert_str_eq(v[2], "zhao");
	gu_case_choices_free(v, n);
	gu_db_close(db);
}

/* Returns the single integer a query on a second connection gives. */
static long long raw_int(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	cr_assert_eq(sqlite3_open_v2(sv_path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

Test(search, keys_are_computed_when_a_name_is_saved_not_when_listed)
{
	gu_db *db;
	gu_pinyin loaded;
	gu_error err;

	/* Once ICU is up (an import, the case list) a save computes its keys. */
	cr_assert_eq(gu_pinyin_keys("李", &loaded, &err), 0);
	gu_pinyin_free(&loaded);
	db = children();
	cr_assert_eq(raw_int("SELECT count(*) FROM name_queue"), 0, "nothing waits");
	cr_assert_eq(raw_int("SELECT count(*) FROM case_keys WHERE pinyin = 'zhangxiaohong'"
		" AND initials = 'zxh'"), 1);
	cr_assert_eq(gu_case_save_answer(db, ids[0], "child.name", "刘洋", NULL, &err), 0,
		"%s", err.message);
	cr_assert_eq(raw_int("SELECT count(*) FROM name_queue"), 0);
	cr_assert_eq(raw_int("SELECT count(*) FROM case_keys WHERE pinyin = 'liuyang'"), 1);
	cr_assert_str_eq(found_now(db, "liuy"), "刘洋");
	/* A name written by plain SQL waits; the list does not compute it. */
	raw("UPDATE cases SET child_name = '周杰' WHERE child_name = '李明'");
	cr_assert_str_eq(found_now(db, "zhoujie"), "");
	cr_assert_str_eq(found_now(db, "周"), "周杰", "found by its characters meanwhile");
	cr_assert_eq(raw_int("SELECT count(*) FROM name_queue"), 1);
	gu_db_close(db);
}

/* Counts the calls of a progress function and stops at the second. */
static bool stop_second(void *ctx, long done, long total)
{
	int *calls = ctx;

	cr_assert_leq(done, total);
	return ++*calls < 2;
}

Test(search, an_upgrade_computes_waiting_keys_with_progress_and_can_stop)
{
	gu_db *db = sv_open();
	char id[GU_ID_SIZE];
	int calls = 0, i;
	gu_error err;
	long done;

	sv_case(db, "li", "大平房镇", "张小红", "", id);
	cr_assert_eq(gu_search_refresh(db, NULL, NULL, &err), 1, "%s", err.message);
	/* 1,200 names written by plain SQL, as by a guanai from before. */
	raw("WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1200)"
		" INSERT INTO cases (id, child_name, created_at, updated_at, device)"
		" SELECT printf('%032x', k), '王' || k, k, k, 'x' FROM n");
	cr_assert_eq(raw_int("SELECT count(*) FROM name_queue"), 1200);
	done = gu_search_refresh(db, stop_second, &calls, &err);
	cr_assert_eq(calls, 2, "told before the first batch and after it");
	cr_assert_gt(done, 0);
	cr_assert_lt(done, 1200, "stopped before the end");
	cr_assert_eq(raw_int("SELECT count(*) FROM name_queue"), 1200 - done);
	i = (int)gu_search_refresh(db, NULL, NULL, &err);
	cr_assert_eq(i, 1200 - done, "%s", err.message);
	cr_assert_eq(raw_int("SELECT count(*) FROM name_queue"), 0);
	cr_assert_str_eq(found(db, "wang1199"), "王1199");
	cr_assert_eq(raw_int("SELECT count(*) FROM case_keys WHERE pinyin LIKE 'wang%'"), 1200);
	gu_db_close(db);
}
