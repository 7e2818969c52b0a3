/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exchange simulated (docs/exchange.md): an office and five laptops;
 * random interviews, edits and supervisors' decisions; bundles delivered
 * late, twice, out of order, or held back until the end.  At the end the
 * office holds exactly the union of the laptops' work (or lists a conflict
 * for every field where it differs), the laptops hold the office's
 * decisions, and possible duplicates are flagged.  A case whose legal
 * basis is recorded only later stays on its laptop until then.  The seed is printed;
 * GUANAI_TEST_SEED=N repeats a run. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/bundle_body.h"
#include "core/keys.h"
#include "db/exchange.h"
#include "db/family.h"
#include "db/review.h"
#include "db/search.h"
#include "db/store.h"
#include "test_db_util.h"

#define LAPTOPS 5
#define ROUNDS 8
#define MAX_CASES 64
#define MAX_BUNDLES 256

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

TestSuite(exchange_sim, .init = setup, .fini = teardown, .timeout = 60);

/* One installation and the bundles waiting to reach it. */
struct node {
	gu_db *db;
	char path[128], outbox[128], worker[16];
	char cases[MAX_CASES][GU_ID_SIZE];
	int ncases;
	int nobasis[MAX_CASES];      /* indexes of cases without a legal basis yet */
	int nnobasis;
	char *inbox[MAX_BUNDLES];    /* bundle files not yet delivered */
	int ninbox;
};

static struct node office, laps[LAPTOPS];

/* Returns the seed: $GUANAI_TEST_SEED when set, else a new one. */
static unsigned run_seed(void)
{
	const char *given = getenv("GUANAI_TEST_SEED");

	if (given && *given)
		return (unsigned)strtoul(given, NULL, 10);
	return (unsigned)time(NULL) ^ (unsigned)getpid();
}

/* Returns a random number below n. */
static int pick(int n)
{
	return rand() % n;
}

/* Opens a node's database and makes its outbox. */
static void open_node(struct node *n, const char *name)
{
	gu_error err;

	snprintf(n->path, sizeof n->path, "%s/%s.db", dir, name);
	snprintf(n->outbox, sizeof n->outbox, "%s/out-%s", dir, name);
	snprintf(n->worker, sizeof n->worker, "%s", name);
	cr_assert_eq(mkdir(n->outbox, 0700), 0);
	cr_assert_eq(gu_db_open(n->path, &n->db, &err), 0, "%s", err.message);
}

/* Reads a whole file; returns the malloc'd bytes. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long size;

	cr_assert(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc((size_t)size + 1);
	cr_assert(buf);
	cr_assert_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*len = (size_t)size;
	return buf;
}

/* Sends from node from (to the office, or to device) into to's inbox. */
static void send_to(struct node *from, const char *device, struct node *to)
{
	gu_xchg_sent s;
	gu_error err;

	cr_assert_eq(gu_xchg_send(from->db, device, from->outbox, NULL, &s, &err), 0, "%s",
		err.message);
	cr_assert_lt(to->ninbox, MAX_BUNDLES);
	to->inbox[to->ninbox++] = strdup(s.path);
	gu_xchg_sent_free(&s);
}

/* Delivers the bundle at index i of n's inbox (kept there when keep);
 * every delivery must succeed, whatever its order. */
static void deliver(struct node *n, int i, bool keep)
{
	gu_xchg_receipt r;
	gu_error err;
	unsigned char *data;
	size_t len;

	data = slurp(n->inbox[i], &len);
	cr_assert_eq(gu_xchg_receive(n->db, data, len, &r, &err), 0, "%s: %s", n->inbox[i],
		err.message);
	free(data);
	if (!keep) {
		free(n->inbox[i]);
		n->inbox[i] = n->inbox[--n->ninbox];
	}
}

/* Delivers some of n's waiting bundles in a random order, some twice,
 * keeping the others for later. */
static void deliver_some(struct node *n)
{
	int i;

	for (i = 0; i < n->ninbox; i++) {
		int j = pick(n->ninbox);
		char *t = n->inbox[i];

		n->inbox[i] = n->inbox[j];
		n->inbox[j] = t;
	}
	for (i = n->ninbox - 1; i >= 0; i--)
		if (pick(2))
			deliver(n, i, pick(4) == 0);
}

/* Delivers every waiting bundle in a random order, each twice. */
static void deliver_all(struct node *n)
{
	while (n->ninbox > 0) {
		int i = pick(n->ninbox);

		deliver(n, i, true);
		deliver(n, i, false);
	}
}

/* Records a statutory duty as the legal basis of case id of l. */
static void record_basis(struct node *l, const char *id)
{
	gu_error err;

	cr_assert_eq(gu_case_save_answer(l->db, id, "consent.basis", "statutory_duty", "recorded",
		&err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(l->db, id, "consent.reason", "强制报告", "recorded",
		&err), 0, "%s", err.message);
}

/* A laptop records the legal basis of one of its cases that lacks it. */
static void record_some_basis(struct node *l)
{
	int k;

	if (l->nnobasis == 0)
		return;
	k = pick(l->nnobasis);
	record_basis(l, l->cases[l->nobasis[k]]);
	l->nobasis[k] = l->nobasis[--l->nnobasis];
}

/* Expects none of l's cases without a legal basis at the office. */
static void expect_held(struct node *l)
{
	gu_case_row *v = NULL;
	gu_case_filter f = { 0 };
	gu_error err;
	size_t n = 0, i;
	int k;

	cr_assert_eq(gu_case_list(office.db, &f, &v, &n, &err), 0, "%s", err.message);
	for (k = 0; k < l->nnobasis; k++)
		for (i = 0; i < n; i++)
			cr_expect_str_neq(v[i].id, l->cases[l->nobasis[k]],
				"case %s travelled without a legal basis", v[i].id);
	free(v);
}

/* A laptop interviews a child: a new complete case, its legal basis
 * recorded (basis) or not yet. */
static void interview(struct node *l, bool basis)
{
	static const char *const names[] = { "刘思雨", "张欣怡", "王小明", "李娜" };
	static const char *const dobs[] = { "2015-11-02", "2016-03-01" };
	gu_case_new c = { .worker = l->worker, .township = "大平房镇" };
	char *id = l->cases[l->ncases];
	gu_error err;

	cr_assert_lt(l->ncases, MAX_CASES);
	cr_assert_eq(gu_case_create(l->db, &c, id, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(l->db, id, GU_KEY_CHILD_NAME, names[pick(4)], NULL,
		&err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(l->db, id, GU_KEY_CHILD_DOB, dobs[pick(2)], NULL,
		&err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(l->db, id, "interview.township", "大平房镇", NULL, &err),
		0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(l->db, id, "child.grade", "1", NULL, &err), 0, "%s",
		err.message);
	if (basis)
		record_basis(l, id);
	else
		l->nobasis[l->nnobasis++] = l->ncases;
	cr_assert_eq(gu_case_set_status(l->db, id, GU_CASE_COMPLETE, NULL, &err), 0, "%s",
		err.message);
	l->ncases++;
}

/* A laptop changes an answer of one of its cases. */
static void edit(struct node *l)
{
	char grade[4];
	gu_error err;

	if (l->ncases == 0)
		return;
	snprintf(grade, sizeof grade, "%d", 2 + pick(5));
	cr_assert_eq(gu_case_save_answer(l->db, l->cases[pick(l->ncases)], "child.grade", grade,
		"corrected", &err), 0, "%s", err.message);
}

/* The office approves or returns some complete cases. */
static void decide(void)
{
	gu_case_filter f = { .status_mask = 1u << GU_CASE_COMPLETE };
	gu_case_row *v = NULL;
	gu_error err;
	size_t n = 0, i;

	cr_assert_eq(gu_case_list(office.db, &f, &v, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++) {
		int d = pick(3);

		if (d == 1)
			cr_assert_eq(gu_review_decide(office.db, v[i].id, GU_REVIEW_APPROVE, NULL,
				"ok", &err), 0, "%s", err.message);
		else if (d == 2)
			cr_assert_eq(gu_review_decide(office.db, v[i].id, GU_REVIEW_RETURN,
				"documents", "请补充户口本", &err), 0, "%s", err.message);
	}
	free(v);
}

/* Sets up the office and enrols the laptops. */
static void enrol_all(void)
{
	gu_xchg_office_file o;
	gu_xchg_device d;
	gu_xchg_self self;
	gu_strbuf b = { 0 };
	gu_error err;
	char *text;
	int i;

	open_node(&office, "office");
	cr_assert_eq(gu_xchg_office_init(office.db, "大平房镇", &self, &err), 0, "%s",
		err.message);
	cr_assert_eq(gu_xchg_office_public(office.db, &b, &err), 0, "%s", err.message);
	text = gu_sb_take(&b);
	cr_assert_eq(gu_xchg_office_file_parse(text, &o, &err), 0, "%s", err.message);
	free(text);
	for (i = 0; i < LAPTOPS; i++) {
		char name[16];

		snprintf(name, sizeof name, "w%d", i);
		open_node(&laps[i], name);
		cr_assert_eq(gu_xchg_enroll(laps[i].db, &o, "大平房镇", name, false, &b, &self, &err), 0,
			"%s", err.message);
		text = gu_sb_take(&b);
		cr_assert_eq(gu_xchg_device_add(office.db, text, &d, &err), 0, "%s", err.message);
		free(text);
	}
}

/* Returns one number from sql on the office's file with the laptop's
 * attached as lap. */
static long long office_number(const char *lap_path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char *attach;
	long long v = -1;

	cr_assert_eq(sqlite3_open_v2(office.path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	attach = sqlite3_mprintf("ATTACH %Q AS lap", lap_path);
	cr_assert_eq(sqlite3_exec(h, attach, NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	sqlite3_free(attach);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* One round of sync: every laptop sends, the office receives, decides
 * nothing, sends back, every laptop receives. */
static void sync_all(void)
{
	char id[GU_ID_SIZE];
	gu_error err;
	int i;

	for (i = 0; i < LAPTOPS; i++)
		send_to(&laps[i], NULL, &office);
	deliver_all(&office);
	for (i = 0; i < LAPTOPS; i++) {
		cr_assert_eq(gu_xchg_device_resolve(office.db, laps[i].worker, id, &err), 0);
		send_to(&office, id, &laps[i]);
		deliver_all(&laps[i]);
	}
}

Test(exchange_sim, office_holds_the_union_and_laptops_the_decisions)
{
	unsigned seed = run_seed();
	char id[GU_ID_SIZE], *last;
	long long total = 0, n;
	gu_error err;
	int round, i;

	fprintf(stderr, "exchange simulation: seed %u (GUANAI_TEST_SEED=%u repeats this run)\n",
		seed, seed);
	srand(seed);
	enrol_all();
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < LAPTOPS; i++) {
			struct node *l = &laps[i];

			if (round == 0 || pick(3) > 0)
				interview(l, pick(3) > 0);
			if (pick(2))
				edit(l);
			if (pick(3) == 0)
				record_some_basis(l);
			if (pick(2))
				send_to(l, NULL, &office);
			deliver_some(l);
		}
		deliver_some(&office);
		for (i = 0; i < LAPTOPS; i++)
			expect_held(&laps[i]);
		decide();
		for (i = 0; i < LAPTOPS; i++)
			if (pick(2)) {
				cr_assert_eq(gu_xchg_device_resolve(office.db, laps[i].worker, id, &err), 0);
				send_to(&office, id, &laps[i]);
			}
	}
	/* A sure conflict: the office returns a case, the laptop edits it first. */
	interview(&laps[0], true);
	last = laps[0].cases[laps[0].ncases - 1];
	send_to(&laps[0], NULL, &office);
	/* late bundles arrive, in any order, twice */
	deliver_all(&office);
	cr_assert_eq(gu_review_decide(office.db, last, GU_REVIEW_RETURN, "documents", "再核实",
		&err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(laps[0].db, last, "child.grade", "6", "corrected", &err),
		0, "%s", err.message);
	for (i = 0; i < LAPTOPS; i++)
		deliver_all(&laps[i]);
	sync_all();
	for (i = 0; i < LAPTOPS; i++) {
		expect_held(&laps[i]);
		while (laps[i].nnobasis > 0)
			record_some_basis(&laps[i]);
	}
	sync_all();
	sync_all();

	gu_db_close(office.db);
	for (i = 0; i < LAPTOPS; i++)
		gu_db_close(laps[i].db);
	for (i = 0; i < LAPTOPS; i++) {
		const char *lp = laps[i].path;

		n = office_number(lp, "SELECT count(*) FROM lap.cases WHERE id NOT IN"
			" (SELECT id FROM main.cases)");
		cr_expect_eq(n, 0, "%lld of laptop %d's cases are missing at the office", n, i);
		total += office_number(lp, "SELECT count(*) FROM lap.cases");
		n = office_number(lp, "SELECT count(*) FROM lap.answers la"
			" LEFT JOIN main.answers oa ON oa.case_id = la.case_id AND oa.key = la.key"
			" WHERE oa.value IS NOT la.value AND NOT EXISTS (SELECT 1 FROM main.xchg_conflicts c"
			"  WHERE c.tbl = 'answers' AND c.pk = json_array(la.case_id, la.key)"
			"  AND (c.col = '*' OR c.laptop_value = json_quote(la.value)))");
		cr_expect_eq(n, 0, "%lld of laptop %d's answers differ at the office without a conflict",
			n, i);
		n = office_number(lp, "SELECT count(*) FROM main.cases o JOIN lap.cases l ON l.id = o.id"
			" WHERE l.status IS NOT o.status");
		cr_expect_eq(n, 0, "%lld of laptop %d's cases lack the office's decision", n, i);
		n = office_number(lp, "SELECT count(*) FROM main.reviews r WHERE r.case_id IN"
			" (SELECT id FROM lap.cases) AND r.id NOT IN (SELECT id FROM lap.reviews)");
		cr_expect_eq(n, 0, "%lld decisions did not reach laptop %d", n, i);
		n = office_number(lp, "SELECT count(*) FROM main.cases WHERE id IN"
			" (SELECT id FROM lap.cases) AND id NOT IN (SELECT case_id FROM main.assignments"
			"  WHERE assigned_device = (SELECT xid FROM lap.xchg_self))");
		cr_expect_eq(n, 0, "%lld of laptop %d's cases are not assigned to it", n, i);
	}
	n = office_number(laps[0].path, "SELECT count(*) FROM main.cases");
	cr_expect_eq(n, total, "the office holds %lld cases, the laptops %lld", n, total);
	n = office_number(laps[0].path, "SELECT count(*) FROM main.xchg_conflicts"
		" WHERE case_id = (SELECT id FROM lap.cases ORDER BY created_at DESC LIMIT 1)"
		" AND tbl = 'answers' AND laptop_value = '\"6\"'");
	cr_expect_geq(n, 1, "the edit after the office's return is not a conflict");
	n = office_number(laps[0].path, "SELECT count(*) FROM main.cases a JOIN main.cases b"
		" ON a.id < b.id AND a.child_name = b.child_name AND a.township = b.township"
		" AND (SELECT value FROM main.answers WHERE case_id = a.id AND key = 'child.dob')"
		"  = (SELECT value FROM main.answers WHERE case_id = b.id AND key = 'child.dob')"
		" WHERE NOT EXISTS (SELECT 1 FROM main.xchg_duplicates d"
		"  WHERE d.case_a = a.id AND d.case_b = b.id)");
	cr_expect_eq(n, 0, "%lld pairs of one child's cases are not flagged", n);
	for (i = 0; i < LAPTOPS; i++)
		while (laps[i].ninbox > 0)
			free(laps[i].inbox[--laps[i].ninbox]);
}

/* Copies one column of a database's xchg_self into out (size bytes). */
static void self_field(const char *path, const char *col, char *out, size_t size)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char *sql = sqlite3_mprintf("SELECT %s FROM xchg_self", col);

	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	sqlite3_free(sql);
}

Test(exchange_sim, a_bundle_signed_in_another_devices_name_is_refused)
{
	unsigned char sk[GU_XSIGN_SK], to[GU_XBOX_PK], *sealed = NULL;
	char hex[2 * GU_XSIGN_SK + 1], *body;
	gu_bundle_head h = { .kind = "laptop", .seq = 1, .clock = 1 };
	gu_strbuf b = { 0 };
	gu_xchg_receipt r;
	size_t len = 0;
	gu_error err;

	enrol_all();
	/* laptop w1 writes a bundle that says it comes from laptop w0 */
	self_field(laps[0].path, "xid", h.from, sizeof h.from);
	self_field(office.path, "xid", h.to, sizeof h.to);
	self_field(laps[1].path, "sign_sk", hex, sizeof hex);
	cr_assert_eq(gu_xunhex(hex, sk, sizeof sk, "", NULL), 0);
	self_field(laps[1].path, "office_box_pk", hex, sizeof hex);
	cr_assert_eq(gu_xunhex(hex, to, sizeof to, "", NULL), 0);
	gu_bundle_head_write(&b, &h);
	gu_sb_printf(&b, "T cases [\"id\",\"status\"] [\"id\"]\n"
		"R 1 [\"0123456789abcdef0123456789abcdef\",\"reviewed\"]\n");
	body = gu_sb_take(&b);
	cr_assert(body);
	cr_assert_eq(gu_bundle_seal(body, strlen(body), sk, to, &sealed, &len, &err), 0);
	cr_expect_neq(gu_xchg_receive(office.db, sealed, len, &r, &err), 0,
		"a bundle signed by w1 in w0's name was applied");
	cr_expect(strstr(err.message, "signature") != NULL, "%s", err.message);
	free(body);
	free(sealed);
	gu_db_close(office.db);
	for (int i = 0; i < LAPTOPS; i++)
		gu_db_close(laps[i].db);
}

/* Returns the changes laptop l has not yet sent (its exchange screen's). */
static long long unsent(struct node *l)
{
	long long changes, sent, acked;
	gu_error err;

	cr_assert_eq(gu_xchg_pending(l->db, &changes, &sent, &acked, &err), 0, "%s", err.message);
	return changes;
}

/* Sends from laptop l to the office; returns the changes the bundle carried. */
static long long send_rows(struct node *l)
{
	gu_xchg_sent s;
	gu_error err;
	long long rows;

	cr_assert_eq(gu_xchg_send(l->db, NULL, l->outbox, NULL, &s, &err), 0, "%s", err.message);
	rows = s.rows;
	cr_assert_lt(office.ninbox, MAX_BUNDLES);
	office.inbox[office.ninbox++] = strdup(s.path);
	gu_xchg_sent_free(&s);
	return rows;
}

Test(exchange_sim, a_send_leaves_nothing_unsent_and_the_offices_rows_are_not_sent_back)
{
	char id[GU_ID_SIZE];
	gu_error err;
	int i;

	enrol_all();
	interview(&laps[0], true);
	cr_assert_gt(unsent(&laps[0]), 0);
	cr_assert_gt(send_rows(&laps[0]), 0);
	cr_assert_eq(unsent(&laps[0]), 0, "the send's own record is left unsent");
	deliver_all(&office);
	cr_assert_eq(gu_review_decide(office.db, laps[0].cases[0], GU_REVIEW_RETURN, "documents",
		"请补充户口本", &err), 0, "%s", err.message);
	cr_assert_eq(gu_xchg_device_resolve(office.db, laps[0].worker, id, &err), 0);
	send_to(&office, id, &laps[0]);
	deliver_all(&laps[0]);
	cr_assert_eq(unsent(&laps[0]), 0, "what came from the office would be sent back");
	cr_assert_eq(send_rows(&laps[0]), 0, "the next bundle carries the exchange's own records");
	cr_assert_eq(send_rows(&laps[0]), 0, "and the one after");
	/* nothing captured is lost: an edit after that travels */
	edit(&laps[0]);
	cr_assert_gt(unsent(&laps[0]), 0);
	cr_assert_gt(send_rows(&laps[0]), 0);
	cr_assert_eq(unsent(&laps[0]), 0);
	deliver_all(&office);
	gu_db_close(office.db);
	for (i = 0; i < LAPTOPS; i++)
		gu_db_close(laps[i].db);
}

Test(exchange_sim, a_sibling_case_travels_with_its_link_and_its_copied_marks)
{
	gu_case_new c = { .worker = "w0", .township = "大平房镇" };
	gu_date today = { 2026, 11, 29 };
	char sib_id[GU_ID_SIZE];
	gu_sibling *sib = NULL;
	gu_answers marks;
	gu_error err;
	size_t n = 0;
	int i;

	enrol_all();
	interview(&laps[0], true);
	cr_assert_eq(gu_case_save_answer(laps[0].db, laps[0].cases[0], "father.name", "刘强",
		"recorded", &err), 0, "%s", err.message);
	cr_assert_eq(gu_family_start(laps[0].db, laps[0].cases[0], &c, today, sib_id, &err), 0,
		"%s", err.message);
	record_basis(&laps[0], sib_id);
	send_to(&laps[0], NULL, &office);
	deliver_all(&office);
	/* the office knows both children as one family, from either side */
	cr_assert_eq(gu_family_siblings(office.db, laps[0].cases[0], &sib, &n, &err), 0, "%s",
		err.message);
	cr_assert_eq(n, 1, "the link did not travel");
	cr_assert_str_eq(sib[0].id, sib_id);
	free(sib);
	cr_assert_eq(gu_family_siblings(office.db, sib_id, &sib, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(sib[0].id, laps[0].cases[0]);
	free(sib);
	/* the copied answer and its mark, naming the first child's case */
	cr_assert_eq(gu_family_copied(office.db, sib_id, &marks, &err), 0, "%s", err.message);
	cr_assert_str_eq(gu_answers_get(&marks, "father.name"), laps[0].cases[0]);
	gu_answers_free(&marks);
	/* a confirmed answer's mark is gone at the office after the next bundle */
	cr_assert_eq(gu_family_copied_clear(laps[0].db, sib_id, "father.name", &err), 0);
	send_to(&laps[0], NULL, &office);
	deliver_all(&office);
	cr_assert_eq(gu_family_copied(office.db, sib_id, &marks, &err), 0, "%s", err.message);
	cr_assert_null(gu_answers_get(&marks, "father.name"));
	gu_answers_free(&marks);
	gu_db_close(office.db);
	for (i = 0; i < LAPTOPS; i++)
		gu_db_close(laps[i].db);
}
