/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case store: files and modes, cases, answers and their history,
 * resume, listing, results, follow-ups, users, audit, backup. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/groups.h"
#include "db/internal.h"
#include "db/search.h"
#include "db/store.h"
#include "tests/test_db_util.h"

static char dir[64];
static char path[128];

/* Makes a scratch folder and a database path inside a folder not yet made. */
static void setup(void)
{
	tdb_mkdir(dir);
	snprintf(path, sizeof path, "%s/data/guanai/guanai.db", dir);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	tdb_rmdir(dir);
}

TestSuite(db, .init = setup, .fini = teardown, .timeout = 120);

/* Opens the store at path or fails the test; returns it. */
static gu_db *open_ok(void)
{
	gu_db *db = NULL;
	gu_error err;
	int rc = gu_db_open(path, &db, &err);

	cr_assert_eq(rc, 0, "open: %s", err.message);
	cr_assert_not_null(db);
	return db;
}

/* Creates a case with a worker and township; writes its id. */
static void new_case(gu_db *db, const char *worker, const char *township, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = worker, .township = township, .policy_id = "chaoyang-2024",
		.policy_version = "1", .policy_hash = "abc" };
	gu_error err;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "create: %s", err.message);
	cr_assert_eq(strlen(id), 32);
}

/* Saves an answer or fails the test. */
static void save(gu_db *db, const char *id, const char *key, const char *value,
	const char *reason)
{
	gu_error err;

	cr_assert_eq(gu_case_save_answer(db, id, key, value, reason, &err), 0, "save %s: %s",
		key, err.message);
}

/* Saves item (and item2 when not 0) as eligible for the case, so that it
 * may be referred. */
static void screened(gu_db *db, const char *id, int item, int item2)
{
	gu_result r[2] = { { .item = item, .verdict = GU_YES, .persons = "child" },
		{ .item = item2, .verdict = GU_YES, .persons = "child" } };
	gu_results res = { .v = r, .n = item2 ? 2 : 1 };
	gu_error err;

	cr_assert_eq(gu_case_save_results(db, id, &res, "p", "1", "h", &err), 0, "%s", err.message);
}

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

/* Runs sql on a separate connection; returns the SQLite result. */
static int raw_exec(const char *sql)
{
	sqlite3 *h;
	int rc;

	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc;
}

Test(db, creates_folder_0700_and_file_0600_with_schema)
{
	struct stat st;
	char folder[160];
	gu_db *db = open_ok();
	const char *dev = gu_db_device(db);
	size_t i;

	snprintf(folder, sizeof folder, "%s/data/guanai", dir);
	cr_assert_eq(stat(folder, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0700, "folder mode %o", st.st_mode & 0777);
	snprintf(folder, sizeof folder, "%s/data", dir);
	cr_assert_eq(stat(folder, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0700);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "file mode %o", st.st_mode & 0777);
	cr_assert_eq(strlen(dev), 32);
	for (i = 0; i < 32; i++)
		cr_assert(strchr("0123456789abcdef", dev[i]));
	cr_assert_str_eq(gu_db_path(db), path);
	cr_assert(!gu_db_was_recovered(db));
	gu_db_close(db);
	cr_assert_eq(raw_int("PRAGMA user_version"), GU_DB_SCHEMA_VERSION);
	cr_assert_eq(raw_int("PRAGMA application_id"), GU_DB_APPLICATION_ID);
	cr_assert_eq(raw_int("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
	cr_assert_eq(raw_int("SELECT value FROM meta WHERE key = 'open_count'"), 0);
	cr_assert_eq(raw_int("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'"), 0);
}

Test(db, every_shared_table_has_a_primary_key_updated_at_and_device)
{
	static const char *const tables[] = { "cases", "answer_history",
		"alerts", "referrals", "followups", "users", "audit" };
	char sql[256];
	size_t i;

	gu_db_close(open_ok());
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE pk > 0",
			tables[i]);
		cr_assert_gt(raw_int(sql), 0, "%s has no declared primary key", tables[i]);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s')"
			" WHERE name IN ('updated_at', 'device')", tables[i]);
		cr_assert_eq(raw_int(sql), 2, "%s lacks updated_at or device", tables[i]);
	}
	/* answers and results: views with them over compact tables (layout 19) */
	cr_assert_eq(raw_int("SELECT count(*) FROM pragma_table_info('answers')"
		" WHERE name IN ('case_id', 'key', 'updated_at', 'device')"), 4);
	cr_assert_eq(raw_int("SELECT count(*) FROM pragma_table_info('answer_rows') WHERE pk > 0"), 2);
	cr_assert_eq(raw_int("SELECT count(*) FROM pragma_table_info('results')"
		" WHERE name IN ('case_id', 'item', 'updated_at', 'device')"), 4);
	cr_assert_eq(raw_int("SELECT count(*) FROM pragma_table_info('result_rows') WHERE pk > 0"), 2);
}

Test(db, answers_are_saved_loaded_and_kept_in_step_with_the_case)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_answers a;
	gu_case_info info;
	gu_error err;

	new_case(db, "王芳", "七道泉子镇", id);
	save(db, id, "interview.date", "2025-03-01", NULL);
	save(db, id, "child.name", "张小红", NULL);
	save(db, id, "child.id_number", "211302201501010022", NULL);
	save(db, id, "father.status", "migrant, severe_illness", NULL);
	save(db, id, "household.status", "", NULL);
	save(db, id, "child.name", "张晓红", NULL);
	save(db, id, "child.name", "张晓红", NULL);
	cr_assert_eq(gu_case_load_answers(db, id, &a, &err), 0, "%s", err.message);
	cr_assert_eq(a.n, 5);
	cr_assert_str_eq(a.v[0].key, "interview.date");
	cr_assert_str_eq(a.v[1].key, "child.name");
	cr_assert_str_eq(gu_answers_get(&a, "child.name"), "张晓红");
	cr_assert_str_eq(gu_answers_get(&a, "household.status"), "");
	gu_answers_free(&a);

	cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
	cr_assert_str_eq(info.child_name, "张晓红");
	cr_assert_str_eq(info.child_id_number, "211302201501010022");
	cr_assert_str_eq(info.worker, "王芳");
	cr_assert_str_eq(info.township, "七道泉子镇");
	cr_assert_str_eq(info.policy_id, "chaoyang-2024");
	cr_assert_eq(info.status, GU_CASE_DRAFT);
	cr_assert_eq(info.answered, 5);
	cr_assert_eq(info.completed, 0);
	cr_assert_geq(info.updated, info.created);

	save(db, id, "household.status", NULL, NULL);
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
	cr_assert_eq(info.answered, 4);
	cr_assert_eq(gu_case_load_answers(db, id, &a, &err), 0);
	cr_assert_null(gu_answers_get(&a, "household.status"));
	gu_answers_free(&a);
	gu_db_close(db);
}

Test(db, changes_go_to_history_and_need_a_reason_after_completion)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_answer_change *h;
	gu_answers a;
	gu_case_info info;
	gu_error err;
	size_t n;

	cr_assert_eq(gu_db_set_user(db, "王芳"), 0);
	new_case(db, NULL, NULL, id);
	save(db, id, "child.dob", "2015-01-01", NULL);
	save(db, id, "child.dob", "2015-01-02", NULL);
	cr_assert_eq(gu_case_history(db, id, &h, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(h[0].key, "child.dob");
	cr_assert_str_eq(h[0].old_value, "2015-01-01");
	cr_assert_str_eq(h[0].new_value, "2015-01-02");
	cr_assert_null(h[0].reason);
	cr_assert_str_eq(h[0].by, "王芳");
	gu_answer_changes_free(h, n);

	cr_assert_eq(gu_case_set_status(db, id, GU_CASE_COMPLETE, NULL, &err), 0);
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
	cr_assert_eq(info.status, GU_CASE_COMPLETE);
	cr_assert_gt(info.completed, 0);
	cr_assert_eq(gu_case_save_answer(db, id, "child.dob", "2015-01-03", NULL, &err), -GU_EINVAL);
	cr_assert_eq(err.code, GU_EINVAL);
	cr_assert(strstr(err.message, "reason"), "%s", err.message);
	cr_assert_eq(gu_case_save_answer(db, id, "child.dob", "2015-01-03", "", &err), -GU_EINVAL);
	cr_assert_eq(gu_case_load_answers(db, id, &a, &err), 0);
	cr_assert_str_eq(gu_answers_get(&a, "child.dob"), "2015-01-02");
	gu_answers_free(&a);
	save(db, id, "child.dob", "2015-01-03", "户口本上的日期");
	save(db, id, "child.sex", "female", "补充");
	cr_assert_eq(gu_case_history(db, id, &h, &n, &err), 0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(h[1].reason, "户口本上的日期");
	cr_assert_null(h[2].old_value);
	cr_assert_str_eq(h[2].new_value, "female");
	gu_answer_changes_free(h, n);
	/* Returned for changes: the case was completed once, so reasons still count. */
	cr_assert_eq(gu_case_set_status(db, id, GU_CASE_RETURNED, "请核实出生日期", &err), 0);
	cr_assert_eq(gu_case_save_answer(db, id, "child.sex", "male", NULL, &err), -GU_EINVAL);
	gu_db_close(db);
}

Test(db, resume_position_survives_reopening)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE], key[96];
	gu_case_info info;
	gu_error err;

	new_case(db, "w", "t", id);
	cr_assert_eq(gu_case_get_resume(db, id, key, sizeof key, &err), 0);
	cr_assert_str_eq(key, "");
	cr_assert_eq(gu_case_set_resume(db, id, "father.status", 12, 40, &err), 0);
	gu_db_close(db);
	db = open_ok();
	cr_assert_eq(gu_case_get_resume(db, id, key, sizeof key, &err), 0);
	cr_assert_str_eq(key, "father.status");
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
	cr_assert_eq(info.progress_done, 12);
	cr_assert_eq(info.progress_total, 40);
	cr_assert_eq(gu_case_set_resume(db, "00000000000000000000000000000000", "x", 1, 2, &err),
		-GU_ENOTFOUND);
	gu_db_close(db);
}

Test(db, unknown_case_is_reported_by_id)
{
	gu_db *db = open_ok();
	gu_answers a;
	gu_case_info info;
	gu_error err;
	const char *none = "0123456789abcdef0123456789abcdef";

	cr_assert_eq(gu_case_get(db, none, &info, &err), -GU_ENOTFOUND);
	cr_assert(strstr(err.message, none));
	cr_assert_eq(gu_case_load_answers(db, none, &a, &err), -GU_ENOTFOUND);
	cr_assert_eq(gu_case_save_answer(db, none, "child.name", "x", NULL, &err), -GU_ENOTFOUND);
	cr_assert_eq(gu_case_set_status(db, none, GU_CASE_CLOSED, NULL, &err), -GU_ENOTFOUND);
	gu_db_close(db);
}

Test(db, list_is_newest_first_and_filters)
{
	gu_db *db = open_ok();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE];
	gu_case_filter f = { 0 };
	gu_case_row *v;
	gu_error err;
	size_t n;

	new_case(db, "王芳", "七道泉子镇", a);
	save(db, a, "child.name", "张小红", NULL);
	new_case(db, "李军", "大平房镇", b);
	save(db, b, "child.name", "刘洋", NULL);
	new_case(db, "王芳", "大平房镇", c);
	save(db, c, "child.name", "张伟", NULL);
	cr_assert_eq(gu_case_set_status(db, b, GU_CASE_COMPLETE, NULL, &err), 0);
	save(db, a, "child.sex", "female", NULL); /* a is now the newest */

	cr_assert_eq(gu_case_list(db, NULL, &v, &n, &err), 0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(v[0].id, a);
	cr_assert_str_eq(v[0].child_name, "张小红");
	cr_assert_eq(v[0].answered, 2);
	free(v);

	f.status_mask = 1u << GU_CASE_COMPLETE;
	cr_assert_eq(gu_case_list(db, &f, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].id, b);
	free(v);

	memset(&f, 0, sizeof f);
	f.worker = "王芳";
	f.township = "大平房镇";
	cr_assert_eq(gu_case_list(db, &f, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].id, c);
	free(v);

	memset(&f, 0, sizeof f);
	f.query = "张";
	cr_assert_eq(gu_case_list(db, &f, &v, &n, &err), 0);
	cr_assert_eq(n, 2);
	free(v);

	memset(&f, 0, sizeof f);
	f.limit = 1;
	f.offset = 1;
	cr_assert_eq(gu_case_list(db, &f, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_neq(v[0].id, a);
	free(v);

	memset(&f, 0, sizeof f);
	f.query = "nobody";
	cr_assert_eq(gu_case_list(db, &f, &v, &n, &err), 0);
	cr_assert_eq(n, 0);
	cr_assert_null(v);
	gu_db_close(db);
}

Test(db, results_replace_the_earlier_ones_with_the_policy_hash)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_result items[3];
	gu_alert alert;
	gu_results r;
	gu_saved_result *s;
	gu_case_info info;
	gu_error err;
	size_t n;

	memset(items, 0, sizeof items);
	memset(&r, 0, sizeof r);
	items[0].item = 3;
	items[0].verdict = GU_YES;
	strcpy(items[0].persons, "child");
	items[0].reason = (char *)"孤儿";
	items[0].explanation = (char *)"父母双亡";
	items[1].item = 7;
	items[1].verdict = GU_NO;
	items[2].item = 12;
	items[2].verdict = GU_MAYBE;
	strcpy(items[2].persons, "father,mother");
	items[2].reason = (char *)"需核实";
	memset(&alert, 0, sizeof alert);
	strcpy(alert.id, "mandatory_report");
	alert.text = (char *)"立即报告";
	r.v = items;
	r.n = 3;
	r.alerts = &alert;
	r.nalerts = 1;

	new_case(db, "w", "t", id);
	cr_assert_eq(gu_case_save_results(db, id, &r, "chaoyang-2024", "1", "hash1", &err), 0,
		"%s", err.message);
	cr_assert_eq(gu_case_load_results(db, id, &s, &n, &err), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(s[0].item, 0);
	cr_assert_str_eq(s[0].verdict, "mandatory_report");
	cr_assert_str_eq(s[0].reason, "立即报告");
	cr_assert_eq(s[1].item, 3);
	cr_assert_str_eq(s[1].verdict, "eligible");
	cr_assert_str_eq(s[1].explanation, "父母双亡");
	cr_assert_str_eq(s[1].policy_hash, "hash1");
	cr_assert_eq(s[2].item, 12);
	cr_assert_str_eq(s[2].verdict, "verify");
	cr_assert_str_eq(s[2].persons, "father,mother");
	gu_saved_results_free(s, n);
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
	cr_assert_eq(info.n_eligible, 1);
	cr_assert_eq(info.n_verify, 1);

	r.n = 1;
	r.nalerts = 0;
	cr_assert_eq(gu_case_save_results(db, id, &r, "chaoyang-2024", "2", "hash2", &err), 0);
	cr_assert_eq(gu_case_load_results(db, id, &s, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(s[0].policy_hash, "hash2");
	gu_saved_results_free(s, n);
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
	cr_assert_eq(info.n_verify, 0);
	gu_db_close(db);
}

Test(db, a_followup_needs_a_real_status_and_item)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_followup_new f = { .status = GU_REF_STATUS_COUNT - 1, .date = "2025-03-01" };
	const gu_ref_reason *why;
	gu_followup *e;
	gu_error err;
	size_t n, k;

	new_case(db, "王芳", "七道泉子镇", id);
	screened(db, id, 39, 0);
	f.status = GU_REF_REFERRED;
	cr_assert_eq(gu_followup_add(db, id, 39, &f, &err), 0, "%s", err.message);
	f.status = GU_REF_STATUS_COUNT - 1;
	why = gu_ref_reasons(f.status, &k);
	f.reason = why ? why[0].code : NULL;   /* not accepted needs a reason of its list */
	cr_assert_eq(gu_followup_add(db, id, 39, &f, &err), 0, "the last status: %s", err.message);
	f.reason = NULL;
	f.status = GU_REF_STATUS_COUNT;
	cr_assert_eq(gu_followup_add(db, id, 39, &f, &err), -GU_EINVAL, "one past the last status");
	cr_assert_str_eq(err.message, "not a referral status");
	f.status = GU_REF_REFERRED;
	cr_assert_eq(gu_followup_add(db, id, 0, &f, &err), -GU_EINVAL, "item 0");
	cr_assert_eq(gu_followup_list(db, id, 39, &e, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 2, "only the valid follow-ups are stored");
	gu_followups_free(e, n);
	gu_db_close(db);
}

Test(db, an_older_followup_entered_late_is_refused)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_followup_new f = { .status = GU_REF_REFERRED, .date = "2025-03-02" };
	gu_referral *r;
	gu_error err;
	size_t n;

	new_case(db, "王芳", "七道泉子镇", id);
	screened(db, id, 5, 0);
	cr_assert_eq(gu_followup_add(db, id, 5, &f, &err), 0, "%s", err.message);
	f.status = GU_REF_IN_PROGRESS;
	f.date = "2025-03-10";
	cr_assert_eq(gu_followup_add(db, id, 5, &f, &err), 0, "%s", err.message);
	/* a visit of the 5th, written down after the one of the 10th */
	f.date = "2025-03-05";
	cr_assert_eq(gu_followup_add(db, id, 5, &f, &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "2025-03-10"), "%s", err.message);
	cr_assert_eq(gu_referral_list(db, id, &r, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(r[0].referred_on, "2025-03-02");
	cr_assert_str_eq(r[0].last_on, "2025-03-10");
	gu_referrals_free(r, n);
	gu_db_close(db);
}

Test(db, followups_update_the_referral_and_show_when_due)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_followup_new f = { .status = GU_REF_REFERRED, .date = "2025-03-01",
		.note = "转介到县民政局", .next_due = "2025-03-15", .who = "王芳" };
	gu_referral *r;
	gu_followup *e;
	gu_error err;
	size_t n;

	new_case(db, "王芳", "七道泉子镇", id);
	save(db, id, "child.name", "张小红", NULL);
	screened(db, id, 3, 12);
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	f.status = GU_REF_IN_PROGRESS;
	f.date = "2025-03-10";
	f.note = "已受理";
	f.next_due = "2025-04-10";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0);
	f.status = GU_REF_REFERRED;
	f.date = "2025-03-05";
	f.note = NULL;
	f.next_due = "2025-03-06";
	cr_assert_eq(gu_followup_add(db, id, 12, &f, &err), 0);
	f.status = GU_REF_DELIVERED;
	cr_assert_eq(gu_followup_add(db, id, 12, &f, &err), 0);

	cr_assert_eq(gu_referral_list(db, id, &r, &n, &err), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(r[0].item, 3);
	cr_assert_eq(r[0].status, GU_REF_IN_PROGRESS);
	cr_assert_str_eq(r[0].referred_on, "2025-03-01");
	cr_assert_str_eq(r[0].last_on, "2025-03-10");
	cr_assert_str_eq(r[0].next_due, "2025-04-10");
	cr_assert_str_eq(r[0].last_note, "已受理");
	cr_assert_str_eq(r[0].child_name, "张小红");
	cr_assert_eq(r[1].status, GU_REF_DELIVERED);
	gu_referrals_free(r, n);

	cr_assert_eq(gu_followup_due(db, "2025-04-09", &r, &n, &err), 0);
	cr_assert_eq(n, 0);
	gu_referrals_free(r, n);
	cr_assert_eq(gu_followup_due(db, "2025-04-10", &r, &n, &err), 0);
	cr_assert_eq(n, 1, "delivered items are not due");
	cr_assert_eq(r[0].item, 3);
	gu_referrals_free(r, n);

	cr_assert_eq(gu_followup_list(db, id, 3, &e, &n, &err), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(e[0].on, "2025-03-01");
	cr_assert_str_eq(e[0].note, "转介到县民政局");
	cr_assert_str_eq(e[1].who, "王芳");
	gu_followups_free(e, n);

	f.date = "2025-02-30";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "2025-02-30"));
	cr_assert_eq(gu_followup_due(db, "soon", &r, &n, &err), -GU_EINVAL);
	gu_db_close(db);
}

Test(db, audit_log_records_and_refuses_update_and_delete)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_audit_entry *v;
	gu_error err;
	size_t n;

	cr_assert_eq(gu_db_set_user(db, "李主任"), 0);
	new_case(db, "w", "t", id);
	cr_assert_eq(gu_case_set_status(db, id, GU_CASE_COMPLETE, "done", &err), 0);
	cr_assert_eq(gu_audit_add(db, "case.print", id, "printed", &err), 0);
	cr_assert_eq(gu_audit_list(db, id, 0, &v, &n, &err), 0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(v[0].action, "case.print");
	cr_assert_str_eq(v[1].action, "case.status");
	cr_assert_str_eq(v[1].detail, "draft -> complete: done");
	cr_assert_str_eq(v[2].action, "case.create");
	cr_assert_str_eq(v[2].by, "李主任");
	gu_audit_entries_free(v, n);
	cr_assert_eq(gu_audit_list(db, NULL, 1, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	gu_audit_entries_free(v, n);
	gu_db_close(db);

	cr_assert_eq(raw_exec("UPDATE audit SET action = 'x'"), SQLITE_CONSTRAINT);
	cr_assert_eq(raw_exec("DELETE FROM audit"), SQLITE_CONSTRAINT);
	cr_assert_eq(raw_int("SELECT count(*) FROM audit WHERE action = 'case.print'"), 1);
}

Test(db, users_have_roles_and_unique_names)
{
	gu_db *db = open_ok();
	enum gu_role role;
	char hash[128];
	gu_error err;

	cr_assert_eq(gu_user_count(db, &err), 0);
	cr_assert_eq(gu_user_add(db, "王芳", GU_ROLE_WORKER, NULL, &err), 0);
	cr_assert_eq(gu_user_add(db, "李主任", GU_ROLE_SUPERVISOR, "$argon2id$x", &err), 0);
	cr_assert_eq(gu_user_add(db, "王芳", GU_ROLE_WORKER, NULL, &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "王芳"));
	cr_assert_eq(gu_user_count(db, &err), 2);
	cr_assert_eq(gu_user_get(db, "李主任", &role, hash, sizeof hash, &err), 0);
	cr_assert_eq(role, GU_ROLE_SUPERVISOR);
	cr_assert_str_eq(hash, "$argon2id$x");
	cr_assert_eq(gu_user_set_password_hash(db, "王芳", "$argon2id$y", &err), 0);
	cr_assert_eq(gu_user_get(db, "王芳", &role, hash, sizeof hash, &err), 0);
	cr_assert_eq(role, GU_ROLE_WORKER);
	cr_assert_str_eq(hash, "$argon2id$y");
	cr_assert_eq(gu_user_get(db, "nobody", &role, NULL, 0, &err), -GU_ENOTFOUND);
	cr_assert_eq(gu_user_set_password_hash(db, "nobody", "x", &err), -GU_ENOTFOUND);
	gu_db_close(db);
}

Test(db, backup_is_a_checked_0600_copy)
{
	gu_db *db = open_ok(), *copy;
	char id[GU_ID_SIZE], bpath[160];
	struct stat st;
	gu_answers a;
	gu_error err;

	new_case(db, "w", "t", id);
	save(db, id, "child.name", "张小红", NULL);
	snprintf(bpath, sizeof bpath, "%s/backup.db", dir);
	cr_assert_eq(gu_db_backup(db, bpath, 0, &err), 0, "%s", err.message);
	cr_assert_eq(gu_db_check(db, &err), 0);
	cr_assert_eq(gu_db_backup(db, path, 0, &err), -GU_EINVAL);
	gu_db_close(db);
	cr_assert_eq(stat(bpath, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	cr_assert_eq(gu_db_open_readonly(bpath, &copy, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_load_answers(copy, id, &a, &err), 0);
	cr_assert_str_eq(gu_answers_get(&a, "child.name"), "张小红");
	gu_answers_free(&a);
	cr_assert_eq(gu_db_check(copy, &err), 0);
	gu_db_close(copy);
}

Test(db, unclean_close_reads_back_the_latest_changes_and_says_so)
{
	gu_db *db = open_ok();
	gu_audit_entry *v;
	gu_error err;
	size_t n;

	gu_db_close(db);
	cr_assert_eq(raw_exec("UPDATE meta SET value = '1' WHERE key = 'open_count'"), SQLITE_OK);
	db = open_ok();
	cr_assert(gu_db_was_recovered(db));
	cr_assert(strstr(gu_db_notice(db), "guanai check"), "%s", gu_db_notice(db));
	cr_assert_eq(gu_audit_list(db, NULL, 1, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].action, "db.recovered");
	gu_audit_entries_free(v, n);
	gu_db_close(db);
	db = open_ok();
	cr_assert(!gu_db_was_recovered(db));
	cr_assert_str_eq(gu_db_notice(db), "");
	gu_db_close(db);
}

Test(db, a_live_other_open_is_not_an_unclean_close)
{
	gu_db *first = open_ok(), *second;

	/* The screens hold the database open; a command opens it too. */
	second = open_ok();
	cr_assert(!gu_db_was_recovered(second));
	cr_assert_str_eq(gu_db_notice(second), "");
	gu_db_close(second);
	/* The command's close leaves the screens' open marked ... */
	cr_assert_eq(raw_int("SELECT value FROM meta WHERE key = 'open_count'"), 1);
	second = open_ok();
	cr_assert(!gu_db_was_recovered(second));
	gu_db_close(second);
	gu_db_close(first);
	/* ... and the last close clears it. */
	cr_assert_eq(raw_int("SELECT value FROM meta WHERE key = 'open_count'"), 0);
	first = open_ok();
	cr_assert(!gu_db_was_recovered(first));
	gu_db_close(first);
}

/* Overwrites the first bytes of the root page of table with garbage. */
static void damage_root_page(const char *table)
{
	char sql[128];
	long long page_size = raw_int("PRAGMA page_size"), root;
	unsigned char junk[64];
	FILE *f;

	snprintf(sql, sizeof sql, "SELECT rootpage FROM sqlite_master WHERE name = '%s'", table);
	root = raw_int(sql);
	cr_assert_gt(root, 1);
	cr_assert_eq(raw_exec("PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
	memset(junk, 0xee, sizeof junk);
	f = fopen(path, "r+b");
	cr_assert_not_null(f);
	cr_assert_eq(fseek(f, (long)((root - 1) * page_size), SEEK_SET), 0);
	cr_assert_eq(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	cr_assert_eq(fclose(f), 0);
}

Test(db, unclean_close_finds_damage_in_the_latest_changes)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_error err;

	new_case(db, "王芳", "七道泉子镇", id);
	save(db, id, "child.name", "张小红", NULL);
	gu_db_close(db);
	damage_root_page("answer_rows"); /* where the answers are stored */
	/* A clean close reads no answers on the next open... */
	db = open_ok();
	gu_db_close(db);
	/* ... an unclean one reads back the latest case's answers. */
	cr_assert_eq(raw_exec("UPDATE meta SET value = '1' WHERE key = 'open_count'"), SQLITE_OK);
	cr_assert_eq(gu_db_open(path, &db, &err), -GU_EDB_CORRUPT, "%s", err.message);
	cr_assert_null(db);
}

Test(db, default_path_follows_option_environment_and_home)
{
	char buf[256];
	gu_error err;

	cr_assert_eq(gu_db_default_path("/x/a.db", buf, sizeof buf, &err), 0);
	cr_assert_str_eq(buf, "/x/a.db");
	setenv("GUANAI_DB", "/y/b.db", 1);
	cr_assert_eq(gu_db_default_path(NULL, buf, sizeof buf, &err), 0);
	cr_assert_str_eq(buf, "/y/b.db");
	setenv("GUANAI_DB", "", 1);
	setenv("XDG_DATA_HOME", "/xdg", 1);
	cr_assert_eq(gu_db_default_path("", buf, sizeof buf, &err), 0);
	cr_assert_str_eq(buf, "/xdg/guanai/guanai.db");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/w", 1);
	cr_assert_eq(gu_db_default_path(NULL, buf, sizeof buf, &err), 0);
	cr_assert_str_eq(buf, "/home/w/.local/share/guanai/guanai.db");
	unsetenv("HOME");
	cr_assert_eq(gu_db_default_path(NULL, buf, sizeof buf, &err), -GU_EINVAL);
	cr_assert_eq(gu_db_default_path("/a/long/path.db", buf, 8, &err), -GU_EINVAL);
}

Test(db, status_names_round_trip)
{
	enum gu_case_status s;
	enum gu_ref_status r;
	gu_error err;
	int i;

	for (i = 0; i < GU_CASE_STATUS_COUNT; i++) {
		cr_assert_eq(gu_case_status_parse(gu_case_status_name((enum gu_case_status)i), &s, &err), 0);
		cr_assert_eq((int)s, i);
	}
	for (i = 0; i < GU_REF_STATUS_COUNT; i++) {
		cr_assert_eq(gu_ref_status_parse(gu_ref_status_name((enum gu_ref_status)i), &r, &err), 0);
		cr_assert_eq((int)r, i);
	}
	cr_assert_eq(gu_case_status_parse("done", &s, &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "done"));
	cr_assert_eq(gu_ref_status_parse("", &r, &err), -GU_EINVAL);
}

Test(db, count_and_id_prefixes)
{
	gu_db *db = open_ok();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], found[GU_ID_SIZE], prefix[8];
	gu_case_filter f = { 0 };
	gu_error err;

	new_case(db, "王芳", "t", a);
	new_case(db, "李军", "t", b);
	cr_assert_eq(gu_case_count(db, NULL, &err), 2);
	f.worker = "李军";
	cr_assert_eq(gu_case_count(db, &f, &err), 1);
	cr_assert_eq(gu_case_resolve(db, a, found, &err), 0);
	cr_assert_str_eq(found, a);
	memcpy(prefix, b, 6);
	prefix[6] = '\0';
	cr_assert_eq(gu_case_resolve(db, prefix, found, &err), 0, "%s", err.message);
	cr_assert_str_eq(found, b);
	cr_assert_eq(gu_case_resolve(db, "abc", found, &err), -GU_EINVAL);
	cr_assert_eq(gu_case_resolve(db, "zzzzzz", found, &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "zzzzzz"));
	strcpy(prefix, a[0] == '0' ? "ffff" : "0000");
	if (strncmp(b, prefix, 4) != 0)
		cr_assert_eq(gu_case_resolve(db, prefix, found, &err), -GU_ENOTFOUND);
	gu_db_close(db);
}

Test(db, saved_results_record_the_groups_for_lists_and_counts)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE], groups[64];
	gu_results r;
	gu_error err;

	memset(&r, 0, sizeof r);
	new_case(db, "王芳", "大平房镇", id);
	snprintf(r.groups, sizeof r.groups, "left_behind,difficult");
	cr_assert_eq(gu_case_save_results(db, id, &r, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_get_groups(db, id, groups, sizeof groups, &err), 0);
	cr_assert(strstr(groups, "left_behind") && strstr(groups, "difficult"), "groups: %s", groups);
	cr_assert_null(strstr(groups, "floating"));

	/* New results replace the groups: a child who is no longer left behind. */
	snprintf(r.groups, sizeof r.groups, "difficult");
	cr_assert_eq(gu_case_save_results(db, id, &r, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_get_groups(db, id, groups, sizeof groups, &err), 0);
	cr_assert_str_eq(groups, "difficult");
	gu_db_close(db);
}

Test(db, a_changed_answer_sends_an_approved_case_back_for_review)
{
	gu_db *db = open_ok();
	char id[GU_ID_SIZE];
	gu_case_info info;
	gu_error err;

	new_case(db, "王芳", "大平房镇", id);
	save(db, id, "child.sex", "female", NULL);
	cr_assert_eq(gu_case_set_status(db, id, GU_CASE_COMPLETE, NULL, &err), 0);
	cr_assert_eq(gu_case_set_status(db, id, GU_CASE_REVIEWED, "approved", &err), 0);

	/* The same value again changes nothing: the approval stands. */
	cr_assert_eq(gu_case_save_answer(db, id, "child.sex", "female", "checked", &err), 0);
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
	cr_assert_eq(info.status, GU_CASE_REVIEWED);

	/* A real change goes back to "complete", to be reviewed again. */
	cr_assert_eq(gu_case_save_answer(db, id, "child.sex", "male", "wrong on the form", &err), 0,
		"%s", err.message);
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
	cr_assert_eq(info.status, GU_CASE_COMPLETE);
	cr_assert_eq(raw_int("SELECT count(*) FROM audit WHERE action = 'case.status'"
		" AND detail LIKE '%answers changed after review%'"), 1);
	gu_db_close(db);
}

Test(db, a_status_list_makes_a_mask)
{
	unsigned mask = 0;
	gu_error err;

	cr_assert_eq(gu_case_status_mask_parse("draft, returned", &mask, &err), 0);
	cr_assert_eq(mask, (1u << GU_CASE_DRAFT) | (1u << GU_CASE_RETURNED));
	cr_assert_eq(gu_case_status_mask_parse("closed,bogus", &mask, &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "\"bogus\" is not a case status"), "%s", err.message);
}

/* Returns how many steps of sql's plan read a whole table without an index. */
static int raw_plan_scans(const char *sql)
{
	char plan[300];
	sqlite3 *h;
	sqlite3_stmt *st;
	int n = 0;

	snprintf(plan, sizeof plan, "EXPLAIN QUERY PLAN %s", sql);
	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, plan, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);

		n += d && strncmp(d, "SCAN", 4) == 0 && !strstr(d, "INDEX");
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* Writes the ids, names and answer counts of the cases f lists, in order, into buf. */
static void listed(gu_db *db, const gu_case_filter *f, char *buf, size_t size)
{
	gu_case_row *v = NULL;
	gu_error err;
	size_t n, i;

	cr_assert_eq(gu_case_list(db, f, &v, &n, &err), 0, "%s", err.message);
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s %s %d,", v[i].id,
			v[i].child_name, v[i].answered);
	free(v);
}

Test(db, layout_18_drops_only_the_indexes_a_longer_one_serves)
{
	static const char *const plans[] = {
		"SELECT id FROM cases ORDER BY updated_at DESC LIMIT 5",
		"SELECT id FROM cases WHERE status = 'returned' ORDER BY updated_at DESC, id DESC",
		"SELECT id FROM cases WHERE township = 'x' AND updated_at > 5 ORDER BY updated_at",
		"SELECT count(*) FROM cases WHERE status = 'complete'",
	};
	gu_case_filter by_township = { .township = "大平房镇", .sort = GU_SORT_TOWNSHIP };
	gu_case_filter complete = { .status_mask = 1u << GU_CASE_COMPLETE, .sort = GU_SORT_UPDATED };
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE], sql[200];
	char all15[400], town15[400], done15[400], all16[400], town16[400], done16[400];
	long long rows15, rows16;
	const char *rows = "SELECT (SELECT count(*) FROM cases) * 1000000"
		" + (SELECT count(*) FROM answers) * 10000 + (SELECT count(*) FROM answer_history) * 100"
		" + (SELECT count(*) FROM results)";
	gu_error err;
	gu_db *db = NULL;
	sqlite3 *h;
	size_t i;

	/* a database of layout 17, written by this program */
	snprintf(sql, sizeof sql, "%s/data", dir);
	cr_assert_eq(mkdir(sql, 0700), 0);
	snprintf(sql, sizeof sql, "%s/data/guanai", dir);
	cr_assert_eq(mkdir(sql, 0700), 0);
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(gu_db_migrate(h, path, 17, &err), 0, "%s", err.message);
	sqlite3_close(h);
	cr_assert_eq(gu_db_open_flags(path, GU_OPEN_NO_MIGRATE, &db, &err), 0, "%s", err.message);
	new_case(db, "王芳", "七道泉子镇", a);
	save(db, a, "child.name", "张小红", NULL);
	new_case(db, "李军", "大平房镇", b);
	save(db, b, "child.name", "刘阳", NULL);
	save(db, b, "child.dob", "2015-03-01", NULL);
	screened(db, b, 4, 5);
	new_case(db, "王芳", "大平房镇", c);
	save(db, c, "child.name", "张伟", NULL);
	cr_assert_eq(gu_case_set_status(db, b, GU_CASE_COMPLETE, NULL, &err), 0, "%s", err.message);
	/* the program of layout 17 wrote the name and the answer count itself;
	 * the triggers that keep them now come with layout 22 */
	raw_int("UPDATE cases SET child_name = coalesce((SELECT value FROM answers"
		" WHERE case_id = cases.id AND key = 'child.name'), ''),"
		" answered = (SELECT count(*) FROM answers WHERE case_id = cases.id)");
	listed(db, NULL, all15, sizeof all15);
	listed(db, &by_township, town15, sizeof town15);
	listed(db, &complete, done15, sizeof done15);
	gu_db_close(db);
	cr_assert_eq(raw_int("PRAGMA user_version"), 17);
	cr_assert_eq(raw_int("SELECT count(*) FROM sqlite_master WHERE name IN"
		" ('cases_by_update', 'cases_by_status', 'cases_by_township')"), 3);
	rows15 = raw_int(rows);
	cr_assert_eq(rows15, 3040002LL, "%lld", rows15);

	db = open_ok(); /* migrates */
	listed(db, NULL, all16, sizeof all16);
	listed(db, &by_township, town16, sizeof town16);
	listed(db, &complete, done16, sizeof done16);
	gu_db_close(db);
	cr_assert_eq(raw_int("PRAGMA user_version"), GU_DB_SCHEMA_VERSION);
	cr_assert_eq(raw_int("SELECT count(*) FROM sqlite_master WHERE name IN"
		" ('cases_by_update', 'cases_by_status', 'cases_by_township')"), 0);
	rows16 = raw_int(rows);
	cr_assert_eq(rows16, rows15);
	cr_assert_str_eq(all16, all15);
	cr_assert_str_eq(town16, town15);
	cr_assert_str_eq(done16, done15);
	cr_assert(strstr(all16, "刘阳"), "%s", all16);
	/* every query the dropped indexes served still reads an index */
	for (i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		cr_assert_eq(raw_plan_scans(plans[i]), 0, "%s reads cases without an index", plans[i]);
	}
}

/* Returns the text a query on a separate connection gives (malloc'd, "" for NULL). */
static char *raw_text(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *v = NULL;

	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v ? v : strdup("");
}

Test(db, layout_19_keeps_every_answer_behind_the_view)
{
	static const char every_answer[] =
		"SELECT group_concat(case_id || '|' || key || '|' || value || '|' || seq || '|'"
		" || answered_at || '|' || answered_by || '|' || updated_at || '|' || device, ';')"
		" FROM (SELECT * FROM answers ORDER BY case_id, key)";
	static const char every_result[] =
		"SELECT group_concat(case_id || '|' || item || '|' || verdict || '|' || persons || '|'"
		" || reason || '|' || explanation || '|' || policy_id || '|' || policy_version || '|'"
		" || policy_hash || '|' || computed_at || '|' || updated_at || '|' || device, ';')"
		" FROM (SELECT * FROM results ORDER BY case_id, item)";
	static const char a[] = "0123456789abcdef0123456789abcdef";
	char sql[200], *before, *after, *results_before, *results_after;
	gu_answers loaded;
	gu_error err;
	gu_db *db;
	sqlite3 *h;

	snprintf(sql, sizeof sql, "%s/data", dir);
	cr_assert_eq(mkdir(sql, 0700), 0);
	snprintf(sql, sizeof sql, "%s/data/guanai", dir);
	cr_assert_eq(mkdir(sql, 0700), 0);
	cr_assert_eq(sqlite3_open(path, &h), SQLITE_OK);
	cr_assert_eq(gu_db_migrate(h, path, 18, &err), 0, "%s", err.message);
	cr_assert_eq(sqlite3_exec(h,
		"INSERT INTO cases (id, worker, child_name, created_at, updated_at, device, answered)"
		" VALUES ('0123456789abcdef0123456789abcdef', '王芳', '张小红', 1, 9, 'dev-a', 3),"
		" ('fedcba9876543210fedcba9876543210', '李军', '刘洋', 2, 8, 'dev-b', 1);"
		"INSERT INTO answers (case_id, key, value, seq, answered_at, answered_by, updated_at,"
		" device) VALUES ('0123456789abcdef0123456789abcdef', 'child.name', '张小红', 2, 5,"
		" '王芳', 5, 'dev-a'),"
		" ('0123456789abcdef0123456789abcdef', 'interview.date', '2025-03-01', 1, 4, '王芳',"
		" 4, 'dev-a'),"
		" ('0123456789abcdef0123456789abcdef', 'child.sex', 'female', 3, 6, '', 7, 'dev-b'),"
		" ('fedcba9876543210fedcba9876543210', 'child.name', '刘洋', 1, 3, '李军', 3,"
		" 'dev-b');"
		"INSERT INTO result_basis (case_id, answers, updated_at, device)"
		" VALUES ('0123456789abcdef0123456789abcdef', NULL, 9, 'dev-a');"
		"INSERT INTO results (case_id, item, verdict, persons, reason, explanation,"
		" policy_id, policy_version, policy_hash, computed_at, updated_at, device)"
		" VALUES ('0123456789abcdef0123456789abcdef', 4, 'eligible', 'child', '流动儿童',"
		" '', 'chaoyang-2024', '2024.1', 'e9c2', 7, 7, 'dev-a'),"
		" ('0123456789abcdef0123456789abcdef', 12, 'verify', 'mother', '需核实',"
		" 'stored explanation', 'chaoyang-2024', '2024.1', 'e9c2', 7, 8, 'dev-b'),"
		" ('fedcba9876543210fedcba9876543210', 4, 'eligible', 'child', '', '',"
		" 'chaoyang-2023', '2023.2', '77ab', 6, 6, 'dev-b')",
		NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	sqlite3_close(h);
	before = raw_text(every_answer);
	results_before = raw_text(every_result);

	db = open_ok(); /* migrates */
	after = raw_text(every_answer);
	cr_assert_str_eq(after, before);
	results_after = raw_text(every_result);
	cr_assert_str_eq(results_after, results_before);
	cr_assert(strstr(results_after, "12|verify|mother|需核实|stored explanation|chaoyang-2024|"
		"2024.1|e9c2|7|8|dev-b"), "%s", results_after);
	cr_assert_eq(raw_int("SELECT count(*) FROM result_rows"), 3);
	cr_assert_eq(raw_int("SELECT count(*) FROM policy_numbers"), 2);
	cr_assert_eq(raw_int("SELECT count(*) FROM result_rows WHERE updated_at IS NULL"), 2);
	cr_assert(strstr(after, "child.sex|female|3|6||7|dev-b"), "%s", after);
	cr_assert_eq(raw_int("SELECT count(*) FROM answer_rows"), 4);
	cr_assert_eq(raw_int("SELECT count(*) FROM answer_rows WHERE updated_at IS NULL"), 3);
	cr_assert_eq(raw_int("SELECT count(*) FROM case_numbers"), 2);
	cr_assert_eq(raw_int("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
		" AND name = 'answers'"), 0);
	cr_assert_eq(gu_case_load_answers(db, a, &loaded, &err), 0, "%s", err.message);
	cr_assert_eq(loaded.n, 3);
	cr_assert_str_eq(loaded.v[0].key, "interview.date");
	gu_answers_free(&loaded);

	/* a change keeps its place, and the results' basis keeps the answers before it */
	save(db, a, "child.name", "张晓红", NULL);
	save(db, a, "child.grade", "3", NULL);
	cr_assert_eq(raw_int("SELECT seq FROM answers WHERE key = 'child.name'"
		" AND value = '张晓红'"), 2);
	cr_assert_eq(raw_int("SELECT seq FROM answers WHERE key = 'child.grade'"), 4);
	free(after);
	after = raw_text("SELECT answers FROM result_basis");
	cr_assert(strstr(after, "张小红") && !strstr(after, "张晓红"), "%s", after);
	cr_assert_eq(raw_int("SELECT count(*) FROM answers"), 5);
	cr_assert_eq(raw_plan_scans("SELECT value FROM answers"
		" WHERE case_id = '0123456789abcdef0123456789abcdef' AND key = 'child.name'"), 0);

	/* a statement's own conflict clause never renumbers a case */
	cr_assert_eq(raw_exec("INSERT OR REPLACE INTO answers (case_id, key, value, seq,"
		" answered_at, answered_by, updated_at, device) VALUES"
		" ('0123456789abcdef0123456789abcdef', 'child.grade', '4', 4, 10, '', 10, 'dev-a')"),
		SQLITE_OK);
	cr_assert_eq(raw_exec("INSERT OR IGNORE INTO answers (case_id, key, value, seq,"
		" answered_at, answered_by, updated_at, device) VALUES"
		" ('0123456789abcdef0123456789abcdef', 'child.grade', '5', 4, 11, '', 11, 'dev-c')"),
		SQLITE_OK);
	cr_assert_eq(raw_int("SELECT count(*) FROM case_numbers"), 2);
	cr_assert_eq(raw_int("SELECT count(*) FROM answers"), 5);
	cr_assert_eq(raw_int("SELECT value FROM answers WHERE key = 'child.grade'"), 4);

	/* results saved again replace the old ones, under their own policy */
	screened(db, a, 5, 0);
	free(results_after);
	results_after = raw_text(every_result);
	cr_assert(strstr(results_after, "0123456789abcdef0123456789abcdef|5|eligible|child||"
		"|p|1|h|"), "%s", results_after);
	cr_assert(!strstr(results_after, "0123456789abcdef0123456789abcdef|12|"), "%s",
		results_after);
	cr_assert(strstr(results_after, "fedcba9876543210fedcba9876543210|4|eligible|child|||"
		"chaoyang-2023|2023.2|77ab|6|6|dev-b"), "%s", results_after);
	cr_assert_eq(raw_int("SELECT count(*) FROM policy_numbers"), 3);
	cr_assert_eq(raw_plan_scans("SELECT item, verdict FROM results"
		" WHERE case_id = '0123456789abcdef0123456789abcdef'"), 0);
	gu_db_close(db);
	free(before);
	free(after);
	free(results_before);
	free(results_after);
}

/* A received bundle may bring a case's answers before the case's row (its
 * foreign keys deferred): the row, once inserted, holds the interview date
 * and the hukou county the counts read. */
Test(db, a_case_row_after_its_answers_takes_the_counted_ones)
{
	gu_db *db = open_ok();

	gu_db_close(db);
	cr_assert_eq(raw_exec("PRAGMA foreign_keys = OFF; BEGIN;"
		"INSERT INTO answers (case_id, key, value, seq, answered_at, answered_by, updated_at,"
		" device) VALUES ('00112233445566778899aabbccddeeff', 'interview.date', '2025-04-02',"
		" 1, 4, '王芳', 4, 'dev-a'),"
		" ('00112233445566778899aabbccddeeff', 'child.hukou_county', '211302', 2, 4, '王芳',"
		" 4, 'dev-a');"
		"INSERT INTO cases (id, worker, child_name, created_at, updated_at, device, answered)"
		" VALUES ('00112233445566778899aabbccddeeff', '王芳', '张小红', 1, 9, 'dev-a', 2);"
		"COMMIT"), SQLITE_OK);
	cr_assert_eq(raw_int("SELECT interviewed = '2025-04-02' AND hukou_county = '211302'"
		" FROM cases WHERE id = '00112233445566778899aabbccddeeff'"), 1);
	/* a case made here first has no answers: its row keeps the defaults */
	cr_assert_eq(raw_exec("INSERT INTO cases (id, worker, child_name, created_at, updated_at,"
		" device, answered) VALUES ('ffeeddccbbaa99887766554433221100', '李军', '刘洋', 1, 1,"
		" 'dev-a', 0)"), SQLITE_OK);
	cr_assert_eq(raw_int("SELECT interviewed = '' AND hukou_county = ''"
		" FROM cases WHERE id = 'ffeeddccbbaa99887766554433221100'"), 1);
}

Test(db, the_same_child_of_an_import_is_found_by_its_id_number_index)
{
	gu_db *db = open_ok();
	char plan[1024], id[GU_ID_SIZE], found[GU_ID_SIZE];
	gu_error err;

	/* the look-up reads the cases of one ID number by the partial index,
	 * not every case in the order they were made */
	cr_assert_eq(gu_import_same_child_plan(db, plan, sizeof plan, &err), 0, "%s",
		err.message);
	cr_assert(strstr(plan, "cases_by_child_id"), "%s", plan);
	cr_assert_null(strstr(plan, "cases_by_created"), "%s", plan);
	cr_assert_null(strstr(plan, "SCAN c"), "%s", plan);
	/* and still finds the same child's interview of the same day */
	new_case(db, "张三", "大平房镇", id);
	save(db, id, "child.id_number", "211302201001010017", NULL);
	save(db, id, "interview.date", "2024-05-06", NULL);
	cr_assert_eq(gu_import_find_same(db, NULL, "211302201001010017", "2024-05-06", found, &err),
		1, "%s", err.message);
	cr_assert_str_eq(found, id);
	cr_assert_eq(gu_import_find_same(db, NULL, "211302201001010017", "2024-05-07", found, &err),
		0, "%s", err.message);
	gu_db_close(db);
}
