/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Case search as you type: one and two Chinese characters, full pinyin
 * and its parts, initials, ID numbers whole or by their last digits,
 * filters, sorting, and keys kept in step with changed names. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

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
	sv_case(db, "zhao", "联合乡", "王小明", "21132420100506004X", ids[2]);
	sv_case(db, "zhao", "联合乡", "吕梅", "", ids[3]);
	sv_case(db, "li", "联合乡", "张伟", "211381201811110010", ids[4]);
	sv_case(db, "zhao", "大平房镇", "Anna 李", "", ids[5]);
	return db;
}

/* Runs a search for query and returns the matches' names, sorted by
 * pinyin, joined by "|", in a static buffer. */
static const char *found(gu_db *db, const char *query)
{
	static char out[512];
	gu_search_filter f = { .query = query, .sort = GU_SORT_NAME };
	gu_search *s;
	gu_case_row *rows;
	size_t n, i;
	gu_error err;

	cr_assert_eq(gu_search_open(db, &s, &err), 0);
	cr_assert_eq(gu_search_run(s, &f, &rows, &n, &err), 0, "%s: %s", query, err.message);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, rows[i].child_name);
	}
	free(rows);
	gu_search_close(s);
	return out;
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
	cr_assert_eq(gu_db_open_readonly(sv_path, &db, &err), 0, "%s", err.message);
	cr_assert_str_eq(found(db, "小红"), "张小红");
	cr_assert_str_eq(found(db, "0021"), "张小红");
	cr_assert_str_eq(found(db, "zxh"), "", "no keys were computed");
	gu_db_close(db);
}

/* Runs a filtered search and returns the number of rows. */
static size_t count(gu_db *db, const gu_search_filter *f)
{
	gu_search *s;
	gu_case_row *rows;
	size_t n;
	gu_error err;

	cr_assert_eq(gu_search_open(db, &s, &err), 0);
	cr_assert_eq(gu_search_run(s, f, &rows, &n, &err), 0, "%s", err.message);
	free(rows);
	gu_search_close(s);
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

	/* A read-only store cannot compute keys: names are matched with LIKE. */
	gu_db_close(db);
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
	gu_search_filter f = { .status_mask = 1u << GU_CASE_RETURNED, .sort = GU_SORT_NAME };
	gu_search *s;
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
	cr_assert_eq(gu_search_open(db, &s, &err), 0);
	cr_assert_eq(gu_search_run(s, &f, &rows, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1, "{returned} listed %zu cases", n);
	cr_assert_str_eq(rows[0].child_name, "李明");
	cr_assert_eq(rows[0].status, GU_CASE_RETURNED);
	free(rows);
	f.query = "li";
	cr_assert_eq(gu_search_run(s, &f, &rows, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1, "{returned} with a search listed %zu cases", n);
	free(rows);
	gu_search_close(s);
	cr_assert_eq(count(db, &(gu_search_filter){ .status_mask = 1u << GU_CASE_REVIEWED }), 1);
	cr_assert_eq(count(db, &(gu_search_filter){ .status_mask = 1u << GU_CASE_CLOSED }), 1);
	cr_assert_eq(count(db, &(gu_search_filter){ .status_mask = 1u << GU_CASE_COMPLETE }), 1);
	cr_assert_eq(count(db, &(gu_search_filter){ .status_mask = 1u << GU_CASE_DRAFT }), 2);
	cr_assert_eq(count(db, &(gu_search_filter){ .status_mask = (1u << GU_CASE_RETURNED)
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

	cr_assert_eq(count(db, &(gu_search_filter){ .township = "联合乡" }), 3);
	cr_assert_eq(count(db, &(gu_search_filter){ .worker = "zhao" }), 3);
	cr_assert_eq(count(db, &(gu_search_filter){ .worker = "li", .township = "联合乡" }), 1);
	cr_assert_eq(count(db, &(gu_search_filter){ .query = "张", .township = "联合乡" }), 1);
	sv_status(db, ids[1], GU_CASE_COMPLETE);
	cr_assert_eq(count(db, &(gu_search_filter){ .status_mask = 1u << GU_CASE_COMPLETE }), 1);
	cr_assert_eq(count(db, &(gu_search_filter){ .status_mask = 1u << GU_CASE_DRAFT }), 5);
	cr_assert_eq(gu_case_set_groups(db, ids[2], "floating", &err), 0);
	cr_assert_eq(count(db, &(gu_search_filter){ .group = "floating" }), 1);
	cr_assert_eq(count(db, &(gu_search_filter){ .group = "difficult" }), 0);
	cr_assert_eq(gu_case_save_results(db, ids[4], &r, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(count(db, &(gu_search_filter){ .item = 12 }), 1);
	cr_assert_eq(count(db, &(gu_search_filter){ .item = 13 }), 0);
	cr_assert_eq(gu_followup_add(db, ids[4], 12, &fu, &err), 0, "%s", err.message);
	cr_assert_eq(count(db, &(gu_search_filter){ .due_by = "2025-04-01" }), 1);
	cr_assert_eq(count(db, &(gu_search_filter){ .due_by = "2025-03-31" }), 0);
	cr_assert_eq(count(db, &(gu_search_filter){ .limit = 2 }), 2);
	cr_assert_eq(count(db, &(gu_search_filter){ .limit = 4, .offset = 4 }), 2);
	gu_db_close(db);
}

Test(search, sorting_by_due_date_and_township)
{
	gu_db *db = children();
	gu_followup_new fu = { .status = GU_REF_REFERRED, .date = "2025-03-01" };
	gu_search_filter f = { .sort = GU_SORT_DUE };
	gu_search *s;
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
	cr_assert_eq(gu_search_open(db, &s, &err), 0);
	cr_assert_eq(gu_search_run(s, &f, &rows, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 6);
	cr_assert_str_eq(rows[0].child_name, "李明");
	cr_assert_str_eq(rows[0].next_due, "2025-04-01");
	cr_assert_str_eq(rows[1].child_name, "吕梅");
	cr_assert_str_eq(rows[2].next_due, "");
	free(rows);
	f.sort = GU_SORT_TOWNSHIP;
	cr_assert_eq(gu_search_run(s, &f, &rows, &n, &err), 0);
	cr_assert(strcmp(rows[0].township, rows[5].township) <= 0);
	free(rows);
	gu_search_close(s);
	cr_assert_eq(gu_search_sort_parse("due", &f.sort, &err), 0);
	cr_assert_eq(f.sort, GU_SORT_DUE);
	cr_assert_eq(gu_search_sort_parse("age", &f.sort, &err), -GU_EINVAL);
	gu_db_close(db);
}

Test(search, a_worker_finds_only_their_own_cases)
{
	gu_db *db = children();
	gu_search *s;
	gu_case_row *rows;
	size_t n;
	gu_error err;

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	cr_assert_str_eq(found(db, "明"), "李明|王小明");
	sv_login(db, "li");
	cr_assert_str_eq(found(db, "明"), "李明", "王小明 is zhao's");
	cr_assert_eq(gu_search_open(db, &s, &err), 0);
	cr_assert_eq(gu_search_run(s, &(gu_search_filter){ .worker = "zhao" }, &rows, &n, &err),
		-GU_EPERM);
	gu_auth_logout(db);
	cr_assert_eq(gu_search_run(s, NULL, &rows, &n, &err), -GU_EPERM);
	gu_search_close(s);
	gu_db_close(db);
}

/* Returns the names of a default-sorted search, joined by "|", in a static buffer. */
static const char *in_list_order(gu_db *db, const char *query)
{
	static char out[512];
	gu_search_filter f = { .query = query };
	gu_search *s;
	gu_case_row *rows;
	size_t n, i;
	gu_error err;

	cr_assert_eq(gu_search_open(db, &s, &err), 0);
	cr_assert_eq(gu_search_run(s, &f, &rows, &n, &err), 0, "%s", err.message);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, rows[i].child_name);
	}
	free(rows);
	gu_search_close(s);
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
