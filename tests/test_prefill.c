/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Values a new interview is offered from the interviews before on this
 * laptop: the last one given by the same user, on this device, leaving out
 * the case being asked. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "db/internal.h"
#include "db/prefill.h"
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

TestSuite(prefill, .init = setup, .fini = teardown, .timeout = 60);

/* Returns a new case of the database with key answered value at the time
 * at (ms), written into id. */
static void case_with(gu_db *db, const char *key, const char *value, long long at,
	char id[GU_ID_SIZE])
{
	gu_case_new c = { .policy_id = "chaoyang-2024", .policy_version = "1", .policy_hash = "h" };
	gu_error err;
	char sql[300];

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(db, id, key, value, NULL, &err), 0, "%s", err.message);
	snprintf(sql, sizeof sql, "UPDATE answers SET answered_at = %lld WHERE case_id = '%s'", at, id);
	cr_assert_eq(sqlite3_exec(db->h, sql, NULL, NULL, NULL), SQLITE_OK);
}

Test(prefill, offers_the_last_value_given_by_this_user_on_this_laptop, .timeout = 60)
{
	gu_db *db = NULL;
	gu_error err;
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE], d[GU_ID_SIZE], buf[64];

	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	cr_assert_eq(gu_db_set_user(db, "wangfang"), 0);
	cr_assert_eq(gu_prefill_last(db, "interview.worker", NULL, buf, sizeof buf, &err), 0);
	cr_assert_str_eq(buf, "");

	case_with(db, "interview.worker", "王芳", 1000, a);
	case_with(db, "interview.worker", "王 芳", 2000, b);
	cr_assert_eq(gu_prefill_last(db, "interview.worker", NULL, buf, sizeof buf, &err), 1);
	cr_assert_str_eq(buf, "王 芳");
	/* the case being asked is not its own example */
	cr_assert_eq(gu_prefill_last(db, "interview.worker", b, buf, sizeof buf, &err), 1);
	cr_assert_str_eq(buf, "王芳");
	/* another key has its own last value */
	cr_assert_eq(gu_prefill_last(db, "interview.township", NULL, buf, sizeof buf, &err), 0);

	/* another user's interview, later, is not offered to this one */
	cr_assert_eq(gu_db_set_user(db, "lijing"), 0);
	case_with(db, "interview.worker", "李静", 3000, c);
	cr_assert_eq(gu_db_set_user(db, "wangfang"), 0);
	cr_assert_eq(gu_prefill_last(db, "interview.worker", NULL, buf, sizeof buf, &err), 1);
	cr_assert_str_eq(buf, "王 芳");

	/* nor one given on another laptop (come in by the exchange) */
	case_with(db, "interview.worker", "张伟", 4000, d);
	cr_assert_eq(sqlite3_exec(db->h, "UPDATE answers SET device = 'elsewhere' WHERE value = '张伟'",
		NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(gu_prefill_last(db, "interview.worker", NULL, buf, sizeof buf, &err), 1);
	cr_assert_str_eq(buf, "王 芳");
	gu_db_close(db);
}
