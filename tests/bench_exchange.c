/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of the exchange (docs/exchange.md), beside guanai import of the
 * same cases measured in the same run:
 *   1. the office receives 300 laptops' bundles of 100 cases each (30,000
 *      cases), against storing the same cases one import each (the import
 *      is timed on a sample and its time per case given for all);
 *   2. a bundle's size per full case (71 answers, results, audit);
 *   3. send on a laptop with 500 cases.
 * The laptops' cases are clones of one imported answers file (each with its
 * own id and name) written by plain SQL, which the change log's triggers
 * capture as they would any write.  GUANAI_BENCH_LAPTOPS and
 * GUANAI_BENCH_CASES make the run smaller. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/answers.h"
#include "core/eval.h"
#include "core/keys.h"
#include "core/policy.h"
#include "core/strbuf.h"
#include "db/exchange.h"
#include "db/store.h"
#include "tests/bench_util.h"

#define IMPORT_SAMPLE 300

static char base[512];
static gu_policy *pol;
static gu_answers answers;
static gu_results results;

/* Returns the CPU time this process used, in seconds. */
static double cpu_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Returns the time this thread has waited for a CPU while ready to run
 * (other work on a shared machine), in seconds; 0 when not known. */
static double cpu_wait_s(void)
{
	unsigned long long on_cpu, waiting;
	FILE *f = fopen("/proc/thread-self/schedstat", "r");
	int got = f ? fscanf(f, "%llu %llu", &on_cpu, &waiting) : 0;

	if (f)
		fclose(f);
	return got == 2 ? (double)waiting / 1e9 : 0;
}

/* Stops the benchmark with a message; never returns. */
static void die(const char *what, const char *detail)
{
	fprintf(stderr, "bench_exchange: %s: %s\n", what, detail);
	exit(1);
}

/* Returns the value of an environment variable as a count, or dflt. */
static int env_count(const char *name, int dflt)
{
	const char *v = getenv(name);

	return v && atoi(v) > 0 ? atoi(v) : dflt;
}

/* Stores the answers file as one new complete case; returns its id in id. */
static void import_one(gu_db *db, char id[GU_ID_SIZE])
{
	gu_case_new c = { 0 };
	gu_error err;

	c.worker = gu_answers_get(&answers, GU_KEY_INTERVIEW_WORKER);
	c.township = gu_answers_get(&answers, GU_KEY_INTERVIEW_TOWNSHIP);
	c.child_name = gu_answers_get(&answers, GU_KEY_CHILD_NAME);
	c.policy_id = gu_policy_id(pol);
	c.policy_version = gu_policy_version(pol);
	c.policy_hash = gu_policy_hash(pol);
	if (gu_case_import(db, &c, &answers, &results, GU_CASE_COMPLETE, id, &err) < 0)
		die("import", err.message);
}

/* Opens (creating) the database at path. */
static gu_db *open_db(const char *path)
{
	gu_error err;
	gu_db *db;

	if (gu_db_open(path, &db, &err) < 0)
		die(path, err.message);
	return db;
}

/* Runs sql on the plain database at path in one transaction. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;

	if (sqlite3_open(path, &h) != SQLITE_OK
	    || sqlite3_exec(h, "PRAGMA foreign_keys = ON", NULL, NULL, &msg) != SQLITE_OK
	    || sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		die(path, msg ? msg : sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* Clones the template case n - 1 times in the laptop at path (each with its
 * own id and child's name), in one transaction. */
static void clone_cases(const char *path, const char *tmpl, int n, int laptop)
{
	static const char *const tables[] = { "answers", "results", "alerts", "case_groups" };
	gu_strbuf b = { 0 };
	char *sql;
	int i;
	size_t t;

	gu_sb_printf(&b, "BEGIN; CREATE TEMP TABLE c AS SELECT * FROM cases WHERE id = '%s';", tmpl);
	for (t = 0; t < sizeof tables / sizeof tables[0]; t++)
		gu_sb_printf(&b, "CREATE TEMP TABLE t_%s AS SELECT * FROM %s WHERE case_id = '%s';",
			tables[t], tables[t], tmpl);
	for (i = 1; i < n; i++) {
		gu_sb_printf(&b, "UPDATE c SET id = lower(hex(randomblob(16))),"
			" child_name = 'child-%d-%d';"
			" INSERT INTO cases SELECT * FROM c;", laptop, i);
		for (t = 0; t < sizeof tables / sizeof tables[0]; t++)
			gu_sb_printf(&b, "UPDATE t_%s SET case_id = (SELECT id FROM c);"
				" INSERT INTO %s SELECT * FROM t_%s;", tables[t], tables[t], tables[t]);
		gu_sb_printf(&b, "UPDATE answers SET value = 'child-%d-%d' WHERE case_id ="
			" (SELECT id FROM c) AND key = '" GU_KEY_CHILD_NAME "';", laptop, i);
	}
	gu_sb_printf(&b, "COMMIT;");
	sql = gu_sb_take(&b);
	if (!sql)
		die("clone", "out of memory");
	raw_exec(path, sql);
	free(sql);
}

/* Makes the office; writes its public file's text into *pub. */
static gu_db *make_office(const char *path, gu_xchg_office_file *o)
{
	gu_strbuf b = { 0 };
	gu_xchg_self self;
	gu_error err;
	gu_db *db = open_db(path);
	char *text;

	if (gu_xchg_office_init(db, "bench", &self, &err) < 0
	    || gu_xchg_office_public(db, &b, &err) < 0)
		die("office", err.message);
	text = gu_sb_take(&b);
	if (!text || gu_xchg_office_file_parse(text, o, &err) < 0)
		die("office file", err.message);
	free(text);
	return db;
}

/* Makes laptop number i with n cases, enrolled and registered with the
 * office; returns it open. */
static gu_db *make_laptop(gu_db *office, const gu_xchg_office_file *o, int i, int n,
	char *path, size_t size)
{
	char worker[32], id[GU_ID_SIZE];
	gu_strbuf b = { 0 };
	gu_xchg_device d;
	gu_xchg_self self;
	gu_error err;
	gu_db *db;
	char *text;

	snprintf(path, size, "%s/laptop-%d.db", base, i);
	snprintf(worker, sizeof worker, "w%d", i);
	db = open_db(path);
	if (gu_xchg_enroll(db, o, "bench", worker, false, &b, &self, &err) < 0)
		die("enroll", err.message);
	text = gu_sb_take(&b);
	if (!text || gu_xchg_device_add(office, text, &d, &err) < 0)
		die("devices add", err.message);
	free(text);
	import_one(db, id);
	gu_db_close(db);
	clone_cases(path, id, n, i);
	return open_db(path);
}

/* Sends the laptop's bundle into the bench folder; returns its path in out. */
static size_t send_one(gu_db *db, char *out, size_t size)
{
	gu_xchg_sent s;
	gu_error err;

	if (gu_xchg_send(db, NULL, base, NULL, &s, &err) < 0)
		die("send", err.message);
	snprintf(out, size, "%s", s.path);
	gu_xchg_sent_free(&s);
	return s.bytes;
}

/* Reads a whole file; returns the malloc'd bytes. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (!f)
		die(path, strerror(errno));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die(path, "cannot read");
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int main(void)
{
	const char *top = getenv("top_builddir"), *src = getenv("top_srcdir");
	int laptops = env_count("GUANAI_BENCH_LAPTOPS", 300);
	int cases = env_count("GUANAI_BENCH_CASES", 100);
	char path[1200], policy[600], profile[600], id[GU_ID_SIZE], **bundles;
	gu_xchg_office_file o;
	gu_xchg_receipt r;
	gu_error err;
	gu_db *office, *db;
	double t0, c0, t_import, t_receive, t_send, c_send, w_send;
	size_t one, empty, len;
	long long received = 0;
	int i;

	snprintf(base, sizeof base, "%s/tests/bench-exchange", top ? top : ".");
	snprintf(policy, sizeof policy, "%s/data/chaoyang-2024.policy", src ? src : ".");
	snprintf(profile, sizeof profile, "%s/tests/profiles/p02-left-behind-dibao.answers",
		src ? src : ".");
	snprintf(path, sizeof path, "rm -rf '%s' && mkdir -p '%s'", base, base);
	if (system(path) != 0)
		die(base, "cannot make the folder");
	/* the profile with its legal basis, so that its case may travel */
	if (gu_policy_load_file(policy, &pol, &err) < 0
	    || gu_answers_read_file(profile, &answers, &err) < 0)
		die(profile, err.message);
	if (gu_answers_set(&answers, "consent.basis", "statutory_duty") < 0
	    || gu_answers_set(&answers, "consent.reason", "强制报告") < 0)
		die(profile, "out of memory");
	if (gu_evaluate_ex(pol, &answers, &results, GU_EVAL_EXPLAIN, &err) < 0)
		die(profile, err.message);

	/* guanai import: one transaction per case, as "guanai import" stores them */
	snprintf(path, sizeof path, "%s/import.db", base);
	db = open_db(path);
	t0 = bench_now_s();
	for (i = 0; i < IMPORT_SAMPLE; i++)
		import_one(db, id);
	t_import = (bench_now_s() - t0) / IMPORT_SAMPLE;
	gu_db_close(db);

	/* the laptops, and their bundles */
	snprintf(path, sizeof path, "%s/office.db", base);
	office = make_office(path, &o);
	bundles = calloc((size_t)laptops, sizeof *bundles);
	if (!bundles)
		die("bundles", "out of memory");
	for (i = 0; i < laptops; i++) {
		char lp[600], bp[4200];

		db = make_laptop(office, &o, i, cases, lp, sizeof lp);
		send_one(db, bp, sizeof bp);
		bundles[i] = strdup(bp);
		gu_db_close(db);
	}
	t0 = bench_now_s();
	for (i = 0; i < laptops; i++) {
		unsigned char *data = slurp(bundles[i], &len);

		if (gu_xchg_receive(office, data, len, &r, &err) < 0)
			die(bundles[i], err.message);
		received += r.rows;
		free(data);
	}
	t_receive = bench_now_s() - t0;
	gu_db_close(office);

	/* a bundle's size per full case: one case beside none */
	snprintf(path, sizeof path, "%s/office-size.db", base);
	office = make_office(path, &o);
	{
		char lp[600], bp[4200];

		snprintf(lp, sizeof lp, "%s/size.db", base);
		db = open_db(lp);
		{
			gu_strbuf b = { 0 };
			gu_xchg_self self;
			char *text;

			if (gu_xchg_enroll(db, &o, "bench", "size", false, &b, &self, &err) < 0)
				die("enroll", err.message);
			text = gu_sb_take(&b);
			free(text);
		}
		empty = send_one(db, bp, sizeof bp);
		import_one(db, id);
		one = send_one(db, bp, sizeof bp);
		gu_db_close(db);
	}
	gu_db_close(office);

	/* send on a laptop with 500 cases */
	snprintf(path, sizeof path, "%s/office-send.db", base);
	office = make_office(path, &o);
	{
		char lp[600], bp[4200];

		double t[3], c[3], w[3], w0;

		db = make_laptop(office, &o, 9999, 500, lp, sizeof lp);
		/* three sends: with nothing acknowledged each carries the same rows */
		for (i = 0; i < 3; i++) {
			t0 = bench_now_s();
			c0 = cpu_now_s();
			w0 = cpu_wait_s();
			len = send_one(db, bp, sizeof bp);
			t[i] = bench_now_s() - t0;
			c[i] = cpu_now_s() - c0;
			w[i] = cpu_wait_s() - w0;
		}
		/* the run whose time less its wait for a CPU is the median */
		{
			int a = 0, b = 1, m = 2, k;

			if (t[a] - w[a] > t[b] - w[b]) { k = a; a = b; b = k; }
			if (t[b] - w[b] > t[m] - w[m]) { k = b; b = m; m = k; }
			if (t[a] - w[a] > t[b] - w[b]) { k = a; a = b; b = k; }
			t_send = t[b];
			c_send = c[b];
			w_send = w[b];
		}
		gu_db_close(db);
	}
	gu_db_close(office);

	printf("receive at the office: %d laptops x %d cases (%lld rows) in %.1f s, %.2f ms per case\n",
		laptops, cases, received, t_receive, 1000.0 * t_receive / (laptops * cases));
	printf("  beside guanai import of the same case: %.2f ms per case (%d imported), so %.1f s"
		" for the same %d cases\n", 1000.0 * t_import, IMPORT_SAMPLE,
		t_import * laptops * cases, laptops * cases);
	printf("  receive / import: %.2f (target at most 2)\n",
		t_receive / (t_import * laptops * cases));
	printf("bundle size per full case (71 answers, results, audit): %zu bytes"
		" (target at most 10240)\n", one - empty);
	printf("send on a laptop with 500 cases: %.2f s, %zu bytes: %.2f s computing, %.2f s"
		" waiting for a CPU held by other work on this machine, %.2f s for the disk\n",
		t_send, len, c_send, w_send, t_send - c_send - w_send);
	printf("  without the wait for a CPU: %.2f s (target at most 1 s: %s); median of 3 sends\n",
		t_send - w_send, t_send - w_send <= 1.0 ? "met" : "MISSED");
	for (i = 0; i < laptops; i++)
		free(bundles[i]);
	free(bundles);
	gu_results_free(&results);
	gu_answers_free(&answers);
	gu_policy_free(pol);
	return 0;
}
