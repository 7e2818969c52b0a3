/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Possible duplicates of a child (db/duplicates.h): the same ID number; the
 * same name, date of birth and township; the same name in pinyin written
 * with other characters; never another child, never the case itself. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/keys.h"
#include "db/duplicates.h"
#include "db/exchange.h"
#include "db/same_child.h"
#include "db/store.h"
#include "test_db_util.h"

static char dir[64];
static gu_db *db;

/* Opens a new database in a scratch folder. */
static void setup(void)
{
	char path[128];
	gu_error err;

	tdb_mkdir(dir);
	snprintf(path, sizeof path, "%s/dup.db", dir);
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
}

/* Closes it and removes the folder. */
static void teardown(void)
{
	gu_db_close(db);
	tdb_rmdir(dir);
}

TestSuite(duplicates, .init = setup, .fini = teardown, .timeout = 60);

/* Stores a case of a child; returns its id in id. */
static void store(const char *name, const char *dob, const char *idnum, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = "李娜", .township = "大平房镇", .child_id_number = idnum };
	gu_error err;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(db, id, GU_KEY_CHILD_NAME, name, NULL, &err), 0, "%s",
		err.message);
	cr_assert_eq(gu_case_save_answer(db, id, GU_KEY_CHILD_DOB, dob, NULL, &err), 0, "%s",
		err.message);
	if (idnum)
		cr_assert_eq(gu_case_save_answer(db, id, GU_KEY_CHILD_ID, idnum, NULL, &err), 0,
			"%s", err.message);
}

/* Returns the reason case id is among the matches of child c, or NULL. */
static const char *why(const gu_dup_child *c, const char *exclude, const char *id,
	size_t *count)
{
	static char reason[32];
	gu_dup_match *v = NULL;
	gu_error err;
	size_t n = 0, i;
	const char *found = NULL;

	cr_assert_eq(gu_case_find_duplicates(db, c, exclude, &v, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].case_id, id) == 0) {
			snprintf(reason, sizeof reason, "%s", v[i].why);
			found = reason;
		}
	if (count)
		*count = n;
	free(v);
	return found;
}

Test(duplicates, the_same_id_number_whatever_the_name)
{
	char a[GU_ID_SIZE];
	gu_dup_child c = { .id_number = "211321201504180025", .name = "王小明",
		.dob = "2016-01-01", .township = "联合镇" };

	store("刘思雨", "2015-04-18", "211321201504180025", a);
	cr_assert_str_eq(why(&c, NULL, a, NULL), "id_number");
	c.id_number = "211321201504180033";
	cr_assert_null(why(&c, NULL, a, NULL), "another ID number is another child");
}

Test(duplicates, the_same_name_date_of_birth_and_township)
{
	char a[GU_ID_SIZE];
	gu_dup_child c = { .name = "刘思雨", .dob = "2015-04-18", .township = "大平房镇" };
	size_t n;

	store("刘思雨", "2015-04-18", NULL, a);
	cr_assert_str_eq(why(&c, NULL, a, NULL), "name_dob_township");
	c.dob = "2015-04-19";
	cr_assert_null(why(&c, NULL, a, NULL), "another date of birth is another child");
	c.dob = "2015-04-18";
	c.township = "北四家乡";
	cr_assert_null(why(&c, NULL, a, NULL), "another township is another child");
	c.township = "大平房镇";
	cr_assert_null(why(&c, a, a, &n), "a case is not its own duplicate");
	cr_assert_eq(n, 0);
}

Test(duplicates, the_same_name_in_pinyin_written_otherwise)
{
	char a[GU_ID_SIZE], b[GU_ID_SIZE];
	gu_dup_child c = { .name = "刘思宇", .dob = "2015-04-18", .township = "大平房镇" };
	size_t n;

	store("刘思雨", "2015-04-18", NULL, a);
	store("张思雨", "2015-04-18", NULL, b);
	cr_assert_str_eq(why(&c, NULL, a, &n), "pinyin_dob_township");
	cr_assert_null(why(&c, NULL, b, NULL), "a name of another sound is another child");
	cr_assert_eq(n, 1);
	c.dob = "2015-05-18";
	cr_assert_null(why(&c, NULL, a, NULL), "the pinyin alone is not enough");
}

Test(duplicates, a_case_found_twice_is_listed_once)
{
	char a[GU_ID_SIZE];
	gu_dup_child c = { .id_number = "211321201504180025", .name = "刘思雨",
		.dob = "2015-04-18", .township = "大平房镇" };
	size_t n;

	store("刘思雨", "2015-04-18", "211321201504180025", a);
	cr_assert_str_eq(why(&c, NULL, a, &n), "id_number");
	cr_assert_eq(n, 1);
}

Test(duplicates, a_new_interview_finds_its_child_by_the_same_lookup)
{
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE], fresh[GU_ID_SIZE];
	gu_same_child o;
	gu_error err;

	store("刘思雨", "2015-04-18", NULL, a);
	store("王小明", "2012-01-02", NULL, b);
	store("刘思宇", "2015-04-18", NULL, fresh);
	cr_assert_eq(gu_same_child_find(db, fresh, &o, &err), 1, "%s", err.message);
	cr_assert_str_eq(o.id, a, "the name of the same sound, birth date and township");
	cr_assert_str_eq(o.why, "pinyin_dob_township");
	cr_assert_not(o.by_id_number);
	cr_assert_eq(gu_same_child_find(db, b, &o, &err), 0, "another child has none");
	/* one of the same ID number comes before one of the same name */
	store("刘思雨", "2015-04-18", "211321201504180025", c);
	cr_assert_eq(gu_case_save_answer(db, fresh, GU_KEY_CHILD_ID, "211321201504180025", NULL,
		&err), 0, "%s", err.message);
	cr_assert_eq(gu_same_child_find(db, fresh, &o, &err), 1, "%s", err.message);
	cr_assert_str_eq(o.id, c);
	cr_assert(o.by_id_number);
	cr_assert_eq(gu_same_child_note(db, fresh, &o, &err), 0, "%s", err.message);
}

/* Notes the pair (a, b), lists it and merges it as the duplicates screen
 * does (the second into the first); returns the case kept in keep. */
static void list_and_merge(const char *a, const char *b, char keep[GU_ID_SIZE])
{
	gu_same_child o = { .why = "name_dob_township" };
	gu_xchg_duplicate *v = NULL;
	gu_case_info info;
	gu_error err;
	size_t n = 0;

	snprintf(o.id, sizeof o.id, "%s", b);
	cr_assert_eq(gu_same_child_note(db, a, &o, &err), 0, "%s", err.message);
	cr_assert_eq(gu_xchg_duplicate_list(db, false, &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	snprintf(keep, GU_ID_SIZE, "%s", v[0].case_a);
	cr_assert_eq(gu_xchg_duplicate_merge(db, v[0].case_a, v[0].case_b, &err), 0, "%s",
		err.message);
	cr_assert_eq(gu_case_get(db, v[0].case_b, &info, &err), 0, "%s", err.message);
	cr_assert_eq(info.status, GU_CASE_CLOSED, "the other case is closed");
	cr_assert_eq(gu_case_get(db, keep, &info, &err), 0, "%s", err.message);
	cr_assert_neq(info.status, GU_CASE_CLOSED, "the kept case stays open");
	free(v);
}

/* Stores a case of the same child interviewed on date; returns its id. */
static void store_interviewed(const char *date, char id[GU_ID_SIZE])
{
	gu_error err;

	store("刘思雨", "2015-04-18", NULL, id);
	cr_assert_eq(gu_case_save_answer(db, id, GU_KEY_INTERVIEW_DATE, date, NULL, &err), 0,
		"%s", err.message);
}

Test(duplicates, a_merge_keeps_the_case_interviewed_first_not_the_smaller_id)
{
	char a[GU_ID_SIZE], b[GU_ID_SIZE], keep[GU_ID_SIZE];
	gu_error err;

	store_interviewed("2024-05-20", a);
	store_interviewed("2024-05-20", b);
	/* the one of the larger id was interviewed first (typed in later) */
	if (strcmp(a, b) < 0) {
		cr_assert_eq(gu_case_save_answer(db, b, GU_KEY_INTERVIEW_DATE, "2024-03-01", NULL,
			&err), 0, "%s", err.message);
		list_and_merge(a, b, keep);
		cr_assert_str_eq(keep, b);
	} else {
		cr_assert_eq(gu_case_save_answer(db, a, GU_KEY_INTERVIEW_DATE, "2024-03-01", NULL,
			&err), 0, "%s", err.message);
		list_and_merge(b, a, keep);
		cr_assert_str_eq(keep, a);
	}
}

Test(duplicates, on_the_same_interview_date_the_case_made_first_is_kept)
{
	char first[GU_ID_SIZE], later[GU_ID_SIZE], keep[GU_ID_SIZE];
	int tries = 0;

	store_interviewed("2024-05-20", first);
	/* a later case whose id sorts before the first's */
	do
		store_interviewed("2024-05-20", later);
	while (strcmp(later, first) > 0 && ++tries < 64);
	cr_assert_lt(strcmp(later, first), 0);
	list_and_merge(later, first, keep);
	cr_assert_str_eq(keep, first);
}
