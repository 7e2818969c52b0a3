/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conflicts on real data (docs/exchange.md): an office and a laptop; a
 * case interviewed and screened on the laptop, received, returned by the
 * office; the laptop, before hearing, edits two answers, screens again and
 * changes the status.  Every kind of conflict row comes of it: the
 * answers, their history, the results and their basis, the case's count
 * and time of change, and its status.  The list hides the rows that follow
 * an answer behind it; deciding an answer decides its own followers (not
 * the other answer's); the status stays a conflict of its own. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/keys.h"
#include "db/exchange.h"
#include "db/review.h"
#include "db/store.h"
#include "test_db_util.h"

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

TestSuite(conflicts_real, .init = setup, .fini = teardown, .timeout = 60);

/* One installation. */
struct node {
	gu_db *db;
	char path[128], outbox[128];
};

static struct node office, lap;

/* Opens a node's database and makes its outbox. */
static void open_node(struct node *n, const char *name)
{
	gu_error err;

	snprintf(n->path, sizeof n->path, "%s/%s.db", dir, name);
	snprintf(n->outbox, sizeof n->outbox, "%s/out-%s", dir, name);
	cr_assert_eq(mkdir(n->outbox, 0700), 0);
	cr_assert_eq(gu_db_open(n->path, &n->db, &err), 0, "%s", err.message);
}

/* Sends from node from (to the office, or to device) and has to receive
 * the bundle. */
static void carry(struct node *from, const char *device, struct node *to)
{
	gu_xchg_sent s;
	gu_xchg_receipt r;
	gu_error err;
	unsigned char *data;
	long size;
	FILE *f;

	cr_assert_eq(gu_xchg_send(from->db, device, from->outbox, NULL, &s, &err), 0, "%s",
		err.message);
	f = fopen(s.path, "rb");
	cr_assert(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	data = malloc((size_t)size + 1);
	cr_assert(data);
	cr_assert_eq(fread(data, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	cr_assert_eq(gu_xchg_receive(to->db, data, (size_t)size, &r, &err), 0, "%s", err.message);
	free(data);
	gu_xchg_sent_free(&s);
}

/* Saves an answer of case id on node n or fails the test. */
static void save(struct node *n, const char *id, const char *key, const char *value,
	const char *reason)
{
	gu_error err;

	cr_assert_eq(gu_case_save_answer(n->db, id, key, value, reason, &err), 0, "%s: %s", key,
		err.message);
}

/* Saves results for case id on the laptop: item 4 eligible, and item 5
 * eligible or to verify. */
static void screen(const char *id, enum gu_tv five)
{
	gu_result r[2] = { { .item = 4, .verdict = GU_YES, .persons = "child" },
		{ .item = 5, .verdict = five, .persons = "child" } };
	gu_results res = { .v = r, .n = 2 };
	gu_error err;

	cr_assert_eq(gu_case_save_results(lap.db, id, &res, "chaoyang-2024", "1", "h", &err), 0,
		"%s", err.message);
}

/* Lists the conflicts (all of them, or those a supervisor is shown). */
static size_t conflicts(bool all, gu_xchg_conflict **v)
{
	gu_error err;
	size_t n = 0;

	cr_assert_eq(gu_xchg_conflict_list(office.db, all, v, &n, &err), 0, "%s", err.message);
	return n;
}

/* Sets up the office, the laptop and a case received and returned; then
 * the laptop's edits of dob and grade and its status, received; writes
 * the case's id. */
static void make_conflicts(char id[GU_ID_SIZE])
{
	gu_xchg_office_file o;
	gu_xchg_device d;
	gu_xchg_self self;
	gu_strbuf b = { 0 };
	gu_case_new c = { .worker = "李娜", .township = "大平房镇" };
	gu_error err;
	char *text;

	open_node(&office, "office");
	cr_assert_eq(gu_xchg_office_init(office.db, "大平房镇", &self, &err), 0, "%s", err.message);
	cr_assert_eq(gu_xchg_office_public(office.db, &b, &err), 0, "%s", err.message);
	text = gu_sb_take(&b);
	cr_assert_eq(gu_xchg_office_file_parse(text, &o, &err), 0, "%s", err.message);
	free(text);
	open_node(&lap, "lap");
	cr_assert_eq(gu_xchg_enroll(lap.db, &o, "大平房镇", "李娜", false, &b, &self, &err), 0, "%s",
		err.message);
	text = gu_sb_take(&b);
	cr_assert_eq(gu_xchg_device_add(office.db, text, &d, &err), 0, "%s", err.message);
	free(text);

	cr_assert_eq(gu_case_create(lap.db, &c, id, &err), 0, "%s", err.message);
	save(&lap, id, GU_KEY_CHILD_NAME, "刘思雨", NULL);
	save(&lap, id, GU_KEY_CHILD_DOB, "2015-11-02", NULL);
	save(&lap, id, "interview.township", "大平房镇", NULL);
	save(&lap, id, "child.grade", "1", NULL);
	save(&lap, id, "consent.basis", "statutory_duty", NULL);
	save(&lap, id, "consent.reason", "强制报告", NULL);
	screen(id, GU_YES);
	cr_assert_eq(gu_case_set_status(lap.db, id, GU_CASE_COMPLETE, NULL, &err), 0, "%s",
		err.message);
	carry(&lap, NULL, &office);

	cr_assert_eq(gu_review_decide(office.db, id, GU_REVIEW_RETURN, "documents", "请补充户口本",
		&err), 0, "%s", err.message);
	/* the laptop, before hearing of the return */
	save(&lap, id, "child.grade", "3", "corrected");
	save(&lap, id, GU_KEY_CHILD_DOB, "2015-11-04", "corrected");
	screen(id, GU_MAYBE);
	cr_assert_eq(gu_case_set_status(lap.db, id, GU_CASE_DRAFT, "reopened", &err), 0, "%s",
		err.message);
	carry(&lap, NULL, &office);
}

/* Returns the conflict of v[0..n) on tbl.col (key: an answer's or a
 * history row's key, NULL any), failing the test when there is none. */
static gu_xchg_conflict *find(gu_xchg_conflict *v, size_t n, const char *tbl, const char *col,
	const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].tbl, tbl) == 0 && (!col || strcmp(v[i].col, col) == 0)
		    && (!key || strcmp(v[i].key[0] ? v[i].key : v[i].follows, key) == 0))
			return &v[i];
	cr_assert_fail("no conflict on %s.%s %s", tbl, col ? col : "*", key ? key : "");
	return NULL;
}

/* Returns whether the conflict id is decided, and how (decision). */
static bool decided(const char *id, char *decision, size_t size)
{
	gu_xchg_conflict *v = NULL;
	size_t n = conflicts(true, &v), i;
	bool done = false;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0) {
			done = v[i].resolved;
			snprintf(decision, size, "%s", v[i].decision);
		}
	gu_xchg_conflicts_free(v, n);
	return done;
}

/* Decides conflict id or fails the test. */
static void resolve(const char *id, enum gu_xkeep keep)
{
	gu_error err;

	cr_assert_eq(gu_xchg_conflict_resolve(office.db, NULL, id, keep, NULL, &err), 0, "%s",
		err.message);
}

Test(conflicts_real, every_kind_of_conflict_row)
{
	char id[GU_ID_SIZE], grade[GU_ID_SIZE], dob[GU_ID_SIZE], status[GU_ID_SIZE];
	char grade_hist[GU_ID_SIZE], dob_hist[GU_ID_SIZE], grade_at[GU_ID_SIZE];
	char dob_at[GU_ID_SIZE], verdict[GU_ID_SIZE], eligible[GU_ID_SIZE], how[32];
	gu_xchg_conflict *v = NULL;
	size_t n, i;

	make_conflicts(id);
	n = conflicts(true, &v);
	snprintf(grade, sizeof grade, "%s", find(v, n, "answers", "value", "child.grade")->id);
	snprintf(dob, sizeof dob, "%s", find(v, n, "answers", "value", GU_KEY_CHILD_DOB)->id);
	snprintf(status, sizeof status, "%s", find(v, n, "cases", "status", NULL)->id);
	snprintf(grade_hist, sizeof grade_hist, "%s",
		find(v, n, "answer_history", NULL, "child.grade")->id);
	snprintf(dob_hist, sizeof dob_hist, "%s",
		find(v, n, "answer_history", NULL, GU_KEY_CHILD_DOB)->id);
	snprintf(grade_at, sizeof grade_at, "%s",
		find(v, n, "answers", "answered_at", "child.grade")->id);
	snprintf(dob_at, sizeof dob_at, "%s",
		find(v, n, "answers", "answered_at", GU_KEY_CHILD_DOB)->id);
	snprintf(verdict, sizeof verdict, "%s", find(v, n, "results", "verdict", NULL)->id);
	snprintf(eligible, sizeof eligible, "%s", find(v, n, "cases", "n_eligible", NULL)->id);
	for (i = 0; i < n; i++)
		cr_assert(!v[i].resolved);
	gu_xchg_conflicts_free(v, n);

	/* a supervisor is shown the two answers and the status alone */
	n = conflicts(false, &v);
	for (i = 0; i < n; i++)
		cr_assert(!v[i].derived, "%s.%s is listed beside its answer", v[i].tbl, v[i].col);
	cr_assert_eq(n, 3, "%zu conflicts listed", n);
	gu_xchg_conflicts_free(v, n);

	/* the grade's answer decides the grade's followers, not the date's */
	resolve(grade, GU_XKEEP_LAPTOP);
	cr_assert(decided(grade_hist, how, sizeof how));
	cr_assert_str_eq(how, "keep-laptop");
	cr_assert(decided(grade_at, how, sizeof how));
	cr_assert_str_eq(how, "keep-laptop");
	cr_assert(!decided(dob_hist, how, sizeof how), "the date's history followed the grade");
	cr_assert(!decided(dob_at, how, sizeof how), "the date's time followed the grade");
	cr_assert(!decided(verdict, how, sizeof how), "the results followed one answer of two");
	n = conflicts(false, &v);
	cr_assert_eq(n, 2, "%zu conflicts listed after the grade", n);
	gu_xchg_conflicts_free(v, n);

	/* the date's answer, the last: its own followers and the case's */
	resolve(dob, GU_XKEEP_OFFICE);
	cr_assert(decided(dob_hist, how, sizeof how));
	cr_assert_str_eq(how, "keep-office");
	cr_assert(decided(dob_at, how, sizeof how));
	cr_assert_str_eq(how, "keep-office");
	cr_assert(decided(verdict, how, sizeof how));
	cr_assert_str_eq(how, "keep-office", "the results follow the answer decided last");
	cr_assert(decided(eligible, how, sizeof how));
	cr_assert(!decided(grade_hist, how, sizeof how) || strcmp(how, "keep-laptop") == 0,
		"the grade's history changed with the date's decision");

	/* the status stays a conflict of its own */
	cr_assert(!decided(status, how, sizeof how));
	n = conflicts(false, &v);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].id, status);
	gu_xchg_conflicts_free(v, n);
	resolve(status, GU_XKEEP_OFFICE);
	n = conflicts(false, &v);
	cr_assert_eq(n, 0);
	gu_xchg_conflicts_free(v, n);
}
