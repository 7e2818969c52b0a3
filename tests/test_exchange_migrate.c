/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An upgrade on a laptop and an office that exchange already
 * (docs/exchange.md, "Migrations log nothing"): both at layout 19 (before
 * the case row's columns read from answers, migrations 20 and 22), a case
 * received and returned by the office, the return heard by the laptop;
 * then both upgraded.  The migrations' own fills of the case rows are not
 * changes to send: the laptop has nothing waiting, the office's next
 * bundle changes nothing on the laptop (it put the office's status and
 * answers back over the worker's edits), and her real edits after the upgrade
 * travel and are applied without a conflict. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/keys.h"
#include "db/exchange.h"
#include "db/internal.h"
#include "db/review.h"
#include "db/store.h"
#include "test_db_util.h"

/* The layout both start at: before migration 20 (the interview date and
 * hukou county in the case row). */
#define OLD_LAYOUT 19

static char dir[64];

/* Makes the scratch folder. */
static void setup(void)
{
	tdb_mkdir(dir);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	tdb_rmdir(dir);
}

TestSuite(exchange_migrate, .init = setup, .fini = teardown, .timeout = 60);

/* One installation. */
struct node {
	gu_db *db;
	char path[128], outbox[128];
};

static struct node office, lap;

/* Makes a node's database at the old layout and opens it as it is. */
static void open_old(struct node *n, const char *name)
{
	gu_error err;
	sqlite3 *h;

	snprintf(n->path, sizeof n->path, "%s/%s.db", dir, name);
	snprintf(n->outbox, sizeof n->outbox, "%s/out-%s", dir, name);
	cr_assert_eq(mkdir(n->outbox, 0700), 0);
	cr_assert_eq(sqlite3_open(n->path, &h), SQLITE_OK);
	cr_assert_eq(gu_db_migrate(h, n->path, OLD_LAYOUT, &err), 0, "%s", err.message);
	sqlite3_close(h);
	cr_assert_eq(gu_db_open_flags(n->path, GU_OPEN_NO_MIGRATE, &n->db, &err), 0, "%s",
		err.message);
}

/* Closes a node's database and opens it again, migrated to today's layout. */
static void upgrade(struct node *n)
{
	gu_error err;

	gu_db_close(n->db);
	cr_assert_eq(gu_db_open(n->path, &n->db, &err), 0, "%s", err.message);
}

/* Returns the first column of sql's first row on node n as an integer. */
static long long raw_int(const struct node *n, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	cr_assert_eq(sqlite3_open_v2(n->path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Copies into out the first column of sql (with the case id bound) on node n. */
static void raw_text(const struct node *n, const char *sql, const char *id, char *out,
	size_t size)
{
	sqlite3 *h;
	sqlite3_stmt *st;

	out[0] = '\0';
	cr_assert_eq(sqlite3_open_v2(n->path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	cr_assert_eq(sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* Returns whether the case id on node n has status. */
static bool has_status(const struct node *n, const char *id, const char *status)
{
	char got[32];

	raw_text(n, "SELECT status FROM cases WHERE id = ?1", id, got, sizeof got);
	return strcmp(got, status) == 0;
}

/* Sends from node from (to the office, or to device), has to receive the
 * bundle and returns how many cases it carried. */
static long long carry(struct node *from, const char *device, struct node *to,
	gu_xchg_receipt *r)
{
	gu_xchg_sent s;
	gu_error err;
	unsigned char *data;
	long long cases;
	long size;
	FILE *f;

	cr_assert_eq(gu_xchg_send(from->db, device, from->outbox, NULL, &s, &err), 0, "%s",
		err.message);
	cases = s.cases;
	f = fopen(s.path, "rb");
	cr_assert(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	data = malloc((size_t)size + 1);
	cr_assert(data);
	cr_assert_eq(fread(data, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	cr_assert_eq(gu_xchg_receive(to->db, data, (size_t)size, r, &err), 0, "%s", err.message);
	free(data);
	gu_xchg_sent_free(&s);
	return cases;
}

/* Returns how many changes wait on the laptop (audit entries of no case
 * aside). */
static long long pending(void)
{
	long long changes = -1, sent, acked;
	gu_error err;

	cr_assert_eq(gu_xchg_pending(lap.db, &changes, &sent, &acked, &err), 0, "%s",
		err.message);
	return changes;
}

/* Saves an answer of case id on the laptop or fails the test. */
static void save(const char *id, const char *key, const char *value, const char *reason)
{
	gu_error err;

	cr_assert_eq(gu_case_save_answer(lap.db, id, key, value, reason, &err), 0, "%s: %s", key,
		err.message);
}

/* Makes a complete case on the laptop for the child name, interviewed on
 * date; writes its id. */
static void interview(const char *name, const char *date, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = "李娜", .township = "大平房镇" };
	gu_error err;

	cr_assert_eq(gu_case_create(lap.db, &c, id, &err), 0, "%s", err.message);
	save(id, GU_KEY_CHILD_NAME, name, NULL);
	save(id, GU_KEY_CHILD_DOB, "2015-11-02", NULL);
	save(id, "interview.township", "大平房镇", NULL);
	save(id, "interview.date", date, NULL);
	save(id, "child.hukou_county", "211303", NULL);
	save(id, "child.grade", "1", NULL);
	save(id, "consent.basis", "statutory_duty", NULL);
	save(id, "consent.reason", "强制报告", NULL);
	cr_assert_eq(gu_case_set_status(lap.db, id, GU_CASE_COMPLETE, NULL, &err), 0, "%s",
		err.message);
}

/* Sets up the office and the laptop at the old layout, two cases sent,
 * the first returned by the office and the return heard; writes the
 * device's id and the cases' ids. */
static void exchange_before_upgrade(char device[GU_ID_SIZE], char a[GU_ID_SIZE],
	char b[GU_ID_SIZE])
{
	gu_xchg_office_file o;
	gu_xchg_device d;
	gu_xchg_self self;
	gu_xchg_receipt r;
	gu_strbuf sb = { 0 };
	gu_error err;
	char *text;

	open_old(&office, "office");
	cr_assert_eq(gu_xchg_office_init(office.db, "大平房镇", &self, &err), 0, "%s", err.message);
	cr_assert_eq(gu_xchg_office_public(office.db, &sb, &err), 0, "%s", err.message);
	text = gu_sb_take(&sb);
	cr_assert_eq(gu_xchg_office_file_parse(text, &o, &err), 0, "%s", err.message);
	free(text);
	open_old(&lap, "lap");
	cr_assert_eq(gu_xchg_enroll(lap.db, &o, "大平房镇", "李娜", false, &sb, &self, &err), 0,
		"%s", err.message);
	text = gu_sb_take(&sb);
	cr_assert_eq(gu_xchg_device_add(office.db, text, &d, &err), 0, "%s", err.message);
	free(text);
	snprintf(device, GU_ID_SIZE, "%s", d.id);

	interview("刘思雨", "2024-05-06", a);
	interview("王小宝", "2024-06-07", b);
	cr_assert_eq(carry(&lap, NULL, &office, &r), 2);
	cr_assert_eq(gu_review_decide(office.db, a, GU_REVIEW_RETURN, "documents", "请补充户口本",
		&err), 0, "%s", err.message);
	carry(&office, device, &lap, &r);
	cr_assert(has_status(&lap, a, "returned"), "the laptop heard of the return");
	cr_assert_eq(pending(), 0, "before the upgrade nothing waits on the laptop");
}

Test(exchange_migrate, an_upgrade_sends_no_case_and_keeps_real_edits)
{
	char device[GU_ID_SIZE], a[GU_ID_SIZE], b[GU_ID_SIZE], got[64];
	gu_xchg_receipt r;
	gu_error err;

	exchange_before_upgrade(device, a, b);
	upgrade(&lap);
	upgrade(&office);
	cr_assert_eq(raw_int(&lap, "PRAGMA user_version"), GU_DB_SCHEMA_VERSION);
	cr_assert_eq(raw_int(&office, "PRAGMA user_version"), GU_DB_SCHEMA_VERSION);
	/* the migrations filled the case rows at both ends */
	raw_text(&lap, "SELECT interviewed FROM cases WHERE id = ?1", b, got, sizeof got);
	cr_assert_str_eq(got, "2024-06-07");
	raw_text(&office, "SELECT interviewed || ' ' || hukou_county || ' ' || answered"
		" FROM cases WHERE id = ?1", b, got, sizeof got);
	cr_assert_str_eq(got, "2024-06-07 211303 8");

	/* the fills are nobody's change */
	cr_assert_eq(pending(), 0, "the laptop's upgrade left changes to send");

	/* the worker resumes the returned case and corrects it */
	cr_assert_eq(gu_case_set_status(lap.db, a, GU_CASE_DRAFT, "resumed", &err), 0, "%s",
		err.message);
	save(a, "child.grade", "3", "corrected");
	cr_assert_gt(pending(), 0, "the worker's edit waits to be sent");

	/* the office's next bundle changes nothing on the laptop (it carries
	 * the return again, not yet acknowledged, and the laptop skips it):
	 * the worker's draft and her answer stay hers */
	carry(&office, device, &lap, &r);
	cr_assert_eq(r.rows, 0, "the office's upgrade sent %lld rows over the laptop's", r.rows);
	cr_assert(has_status(&lap, a, "draft"), "the office's bundle put back the old status");
	raw_text(&lap, "SELECT value FROM answers WHERE case_id = ?1 AND key = 'child.grade'", a,
		got, sizeof got);
	cr_assert_str_eq(got, "3", "the office's bundle put back the old answer");

	/* the edit reaches the office as it is, without a conflict */
	cr_assert_eq(carry(&lap, NULL, &office, &r), 1, "the laptop sent more than its edit");
	cr_assert_eq(r.conflicts, 0, "the upgrade made %lld conflicts", r.conflicts);
	cr_assert(has_status(&office, a, "draft"));
	raw_text(&office, "SELECT value FROM answers WHERE case_id = ?1 AND key = 'child.grade'",
		a, got, sizeof got);
	cr_assert_str_eq(got, "3");
	cr_assert(has_status(&office, b, "complete"));
	cr_assert_eq(raw_int(&office, "SELECT count(*) FROM xchg_conflicts"), 0);
}
