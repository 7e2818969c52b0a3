/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of the supervisor's work on a 100,000-case database: opening
 * the case list, each keystroke of a search (median and 95th percentile)
 * and the dashboard, beside the sqlite3 shell running the same queries.
 * The list and each keystroke read what the screen reads: a screenful
 * (SCREEN rows and one more, to know whether more match).  The list is
 * also opened cold, its pages evicted from the page cache first
 * (posix_fadvise), with the pages read from the disk (/proc/self/io) beside
 * the time.  Targets: list 50 ms, search 15 ms at the 95th percentile,
 * the cold list 150 pages read, dashboard 200 ms.  The database is made once and kept: unlike the answers bench's
 * (tests/bench_db.c) it needs ID numbers, groups, results and follow-ups,
 * and no answers. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/idcard.h"
#include "db/bench.h"
#include "db/dashboard.h"
#include "db/search.h"
#include "db/store.h"
#include "tests/bench_util.h"

#define CASES 100000
#define RUNS 30
#define COLD_RUNS 5
/* The rows of the case list on an 80x24 screen, and one more. */
#define SCREEN 21

/* Stops the benchmark with a message; never returns. */
static void die(const char *what, const char *detail)
{
	fprintf(stderr, "bench_supervise: %s: %s\n", what, detail);
	exit(1);
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "于", "白", "包", "韩" };
static const char *const given[] = { "小红", "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军",
	"洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建国", "子涵", "浩然", "欣怡", "宇轩" };
static const char *const townships[] = { "七道泉子镇", "大平房镇", "波罗赤镇", "木头城子镇",
	"羊山镇", "六家子镇", "北四家子乡", "胜利镇", "松岭门蒙古族乡", "龙泉街道" };
static const char *const counties[] = { "211302", "211303", "211321", "211322", "211324",
	"211381", "211382" };
static const char *const statuses[] = { "draft", "complete", "complete", "reviewed", "reviewed",
	"reviewed", "returned", "closed" };
static const char *const groups[] = { "floating", "left_behind", "difficult" };

/* Prepares sql on h or stops; returns the statement. */
static sqlite3_stmt *prep(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(h));
	return st;
}

/* Runs a bound statement to its end and resets it, or stops. */
static void step(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert", sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_reset(st);
}

/* Writes a valid ID number for a child born in year into out (19 bytes). */
static void id_number(int year, char *out)
{
	snprintf(out, 19, "%s%04d%02u%02u%03u", counties[bench_rnd(7)], year, 1 + bench_rnd(12), 1 + bench_rnd(28),
		bench_rnd(1000));
	out[17] = gu_idcard_check_char(out);
	out[18] = '\0';
}

/* Makes the database at path: cases, results, groups and referrals. */
static void generate(const char *path)
{
	static const char hex[] = "0123456789abcdef";
	sqlite3 *h;
	sqlite3_stmt *c, *r, *g, *f;
	gu_db *db;
	gu_error err;
	char id[33], name[64], idnum[20], device[33], due[11];
	double t0 = bench_now_s();
	int i, j;

	if (gu_db_open(path, &db, &err) < 0)
		die(path, err.message);
	snprintf(device, sizeof device, "%s", gu_db_device(db));
	gu_db_close(db);
	if (sqlite3_open(path, &h) != SQLITE_OK)
		die(path, sqlite3_errmsg(h));
	if (sqlite3_exec(h, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		" PRAGMA cache_size = -262144; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		die("pragma", sqlite3_errmsg(h));
	c = prep(h, "INSERT INTO cases (id, status, child_name, child_id_number, township, worker,"
		" policy_id, policy_version, policy_hash, n_eligible, n_verify, created_at, updated_at,"
		" completed_at, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'chaoyang-2024', '1', 'f3b1',"
		" ?7, 1, ?8, ?9, ?9, ?10)");
	r = prep(h, "INSERT OR IGNORE INTO results (case_id, item, verdict, persons, reason,"
		" policy_id, policy_version, policy_hash, computed_at, updated_at, device)"
		" VALUES (?1, ?2, ?3, 'child', '留守儿童', 'chaoyang-2024', '1', 'f3b1', ?4, ?4, ?5)");
	g = prep(h, "INSERT OR IGNORE INTO case_groups (case_id, grp, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4)");
	f = prep(h, "INSERT OR IGNORE INTO referrals (case_id, item, status, referred_on, last_on,"
		" next_due, who, updated_at, device) VALUES (?1, ?2, ?3, '2024-01-01', '2024-01-01',"
		" ?4, '王芳', ?5, ?6)");
	for (i = 0; i < CASES; i++) {
		sqlite3_int64 t = 1700000000000LL + (sqlite3_int64)i * 600000 + bench_rnd(600000);
		int nres = 1 + (int)bench_rnd(5);

		for (j = 0; j < 32; j++)
			id[j] = hex[bench_rnd(16)];
		id[32] = '\0';
		snprintf(name, sizeof name, "%s%s", surnames[bench_rnd(24)], given[bench_rnd(24)]);
		id_number(2008 + (int)bench_rnd(17), idnum);
		sqlite3_bind_text(c, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(c, 2, statuses[bench_rnd(8)], -1, SQLITE_STATIC);
		sqlite3_bind_text(c, 3, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(c, 4, idnum, -1, SQLITE_STATIC);
		sqlite3_bind_text(c, 5, townships[bench_rnd(10)], -1, SQLITE_STATIC);
		sqlite3_bind_text(c, 6, given[bench_rnd(24)], -1, SQLITE_STATIC);
		sqlite3_bind_int(c, 7, nres - 1);
		sqlite3_bind_int64(c, 8, t);
		sqlite3_bind_int64(c, 9, t + 3600000);
		sqlite3_bind_text(c, 10, device, -1, SQLITE_STATIC);
		step(c);
		for (j = 0; j < nres; j++) {
			sqlite3_bind_text(r, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_int(r, 2, 1 + (int)bench_rnd(39));
			sqlite3_bind_text(r, 3, j == 0 ? "verify" : "eligible", -1, SQLITE_STATIC);
			sqlite3_bind_int64(r, 4, t + 3600000);
			sqlite3_bind_text(r, 5, device, -1, SQLITE_STATIC);
			step(r);
		}
		for (j = 0; j < 3; j++)
			if (bench_rnd(3) == 0) {
				sqlite3_bind_text(g, 1, id, -1, SQLITE_STATIC);
				sqlite3_bind_text(g, 2, groups[j], -1, SQLITE_STATIC);
				sqlite3_bind_int64(g, 3, t);
				sqlite3_bind_text(g, 4, device, -1, SQLITE_STATIC);
				step(g);
			}
		if (bench_rnd(3) == 0) {
			snprintf(due, sizeof due, "%04u-%02u-%02u", 2024 + bench_rnd(3), 1 + bench_rnd(12), 1 + bench_rnd(28));
			sqlite3_bind_text(f, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_int(f, 2, 1 + (int)bench_rnd(39));
			sqlite3_bind_text(f, 3, bench_rnd(2) ? "referred" : "delivered", -1, SQLITE_STATIC);
			sqlite3_bind_text(f, 4, due, -1, SQLITE_STATIC);
			sqlite3_bind_int64(f, 5, t);
			sqlite3_bind_text(f, 6, device, -1, SQLITE_STATIC);
			step(f);
		}
	}
	sqlite3_finalize(c);
	sqlite3_finalize(r);
	sqlite3_finalize(g);
	sqlite3_finalize(f);
	if (sqlite3_exec(h, "COMMIT; PRAGMA journal_mode = WAL; ANALYZE", NULL, NULL, NULL)
		!= SQLITE_OK)
		die("commit", sqlite3_errmsg(h));
	sqlite3_close(h);
	printf("generated %d cases in %.1f s\n", CASES, bench_now_s() - t0);
}

/* Prints the median and 95th percentile of n times, against a target in ms
 * (0 for none); returns 1 when the 95th percentile misses it, else 0. */
static int report(const char *what, double *t, int n, double target_ms)
{
	double p95;

	bench_sort(t, (size_t)n);
	p95 = t[(n * 95) / 100 < n ? (n * 95) / 100 : n - 1] * 1e3;
	printf("%-40s median %8.2f ms   p95 %8.2f ms   (%d runs)", what, t[n / 2] * 1e3, p95, n);
	if (target_ms > 0)
		printf("   target %.0f ms %s", target_ms, p95 <= target_ms ? "ok" : "MISSED");
	putchar('\n');
	return target_ms > 0 && p95 > target_ms;
}

/* Evicts the pages of the database and its log from the page cache. */
static void evict(const char *path)
{
	char name[1200];
	int fd, i;

	for (i = 0; i < 2; i++) {
		snprintf(name, sizeof name, "%s%s", path, i ? "-wal" : "");
		fd = open(name, O_RDONLY);
		if (fd < 0)
			continue;
		(void)fdatasync(fd);
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		close(fd);
	}
}

/* Returns the bytes this process has read from the disk so far. */
static long long disk_read_bytes(void)
{
	char line[128];
	long long v = -1;
	FILE *f = fopen("/proc/self/io", "r");

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "read_bytes: %lld", &v) == 1)
			break;
	if (f)
		fclose(f);
	return v;
}

/* Opens the database and its case list cold COLD_RUNS times; prints the
 * median time and pages read against the target; returns 1 when the
 * pages miss it, else 0. */
static int cold_list(const char *path, const gu_case_filter *list)
{
	double t[COLD_RUNS], pages[COLD_RUNS], t0;
	long long r0;
	gu_case_row *rows;
	gu_db *db;
	gu_error err;
	size_t n;
	int i;

	for (i = 0; i < COLD_RUNS; i++) {
		evict(path);
		r0 = disk_read_bytes();
		t0 = bench_now_s();
		if (gu_db_open(path, &db, &err) < 0 || gu_case_list(db, list, &rows, &n, &err) < 0)
			die("list", err.message);
		t[i] = bench_now_s() - t0;
		pages[i] = r0 < 0 ? -1 : (double)(disk_read_bytes() - r0) / 4096;
		free(rows);
		gu_db_close(db);
	}
	bench_sort(t, COLD_RUNS);
	bench_sort(pages, COLD_RUNS);
	printf("%-40s median %8.2f ms   %6.0f pages read   target 150 pages %s\n",
		"open the database and the list (cold)", t[COLD_RUNS / 2] * 1e3,
		pages[COLD_RUNS / 2], pages[COLD_RUNS / 2] <= 150 ? "ok" : "MISSED");
	return pages[COLD_RUNS / 2] > 150;
}

/* The keystrokes typed in the search box: each prefix of these queries. */
static const char *const typed[] = {
	"张小红", "王建国", "zhangxiaohong", "lijun", "zxh", "wjg", "0021", "211302", "杨", "欣怡"
};

/* Fills keys with every prefix (at character boundaries) of the typed
 * queries; returns how many. */
static int keystrokes(char keys[][64], int max)
{
	int n = 0;
	size_t i, len;

	for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		const char *q = typed[i];

		for (len = 1; len <= strlen(q) && n < max; len++) {
			if (((unsigned char)q[len] & 0xc0) == 0x80)
				continue;
			snprintf(keys[n++], 64, "%.*s", (int)len, q);
		}
	}
	return n;
}

/* A sqlite3 shell driven over pipes. */
struct shell {
	FILE *in, *out;
	pid_t pid;
};

/* Starts the sqlite3 shell on path; returns 0, or -1 when there is none. */
static int shell_start(struct shell *s, const char *path)
{
	int to[2], from[2];
	char line[256];

	if (pipe(to) < 0 || pipe(from) < 0)
		die("pipe", strerror(errno));
	s->pid = fork();
	if (s->pid < 0)
		die("fork", strerror(errno));
	if (s->pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[1]);
		close(from[0]);
		execlp("sqlite3", "sqlite3", "-batch", path, (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	s->in = fdopen(to[1], "w");
	s->out = fdopen(from[0], "r");
	fprintf(s->in, ".timeout 5000\nSELECT 'ready';\n");
	fflush(s->in);
	do {
		if (!fgets(line, sizeof line, s->out))
			return -1;
	} while (strcmp(line, "ready\n") != 0);
	return 0;
}

/* Runs a script in the shell and waits for its answer; returns the seconds taken. */
static double shell_run(struct shell *s, const char *script)
{
	char line[4096];
	double t0 = bench_now_s();

	fprintf(s->in, "%s\nSELECT 'done';\n", script);
	fflush(s->in);
	for (;;) {
		if (!fgets(line, sizeof line, s->out))
			die("sqlite3 shell", "did not answer");
		if (strcmp(line, "done\n") == 0)
			break;
	}
	return bench_now_s() - t0;
}

/* Stops the shell. */
static void shell_stop(struct shell *s)
{
	fclose(s->in);
	fclose(s->out);
	waitpid(s->pid, NULL, 0);
}

/* Times the list, the keystrokes and the dashboard through the store and
 * the shell; returns the number of targets missed. */
static int run(const char *path)
{
	static char keys[128][64], script[16384];
	static double t[4096], u[4096];
	gu_case_filter list = { .limit = SCREEN };
	gu_case_row *rows;
	gu_dashboard d;
	struct shell sh;
	gu_db *db;
	gu_error err;
	size_t n;
	double t0;
	int nkeys = keystrokes(keys, 128), i, k, missed = 0, m = 0, have_shell;

	t0 = bench_now_s();
	if (gu_db_open(path, &db, &err) < 0)
		die(path, err.message);
	i = gu_search_refresh(db, NULL, NULL, &err);
	if (i < 0)
		die("refresh", err.message);
	if (i > 0)
		printf("%-40s %8.2f s for %d names\n", "pinyin keys computed once", bench_now_s() - t0, i);
	gu_db_close(db);

	/* Opening the program's list: open the database, show the first page. */
	for (i = 0; i < RUNS; i++) {
		t0 = bench_now_s();
		if (gu_db_open(path, &db, &err) < 0
		    || gu_case_list(db, &list, &rows, &n, &err) < 0)
			die("list", err.message);
		t[i] = bench_now_s() - t0;
		free(rows);
		gu_db_close(db);
	}
	missed += report("open the database and the case list", t, RUNS, 50);
	missed += cold_list(path, &list);

	if (gu_db_open(path, &db, &err) < 0)
		die(path, err.message);
	for (i = 0; i < RUNS; i++) {
		t0 = bench_now_s();
		if (gu_case_list(db, &list, &rows, &n, &err) < 0)
			die("list", err.message);
		t[i] = bench_now_s() - t0;
		free(rows);
	}
	missed += report("case list, first screenful (store)", t, RUNS, 50);

	for (k = 0; k < 3; k++)
		for (i = 0; i < nkeys; i++) {
			gu_case_filter f = { .query = keys[i], .limit = SCREEN };

			t0 = bench_now_s();
			if (gu_case_list(db, &f, &rows, &n, &err) < 0)
				die("search", err.message);
			t[m++] = bench_now_s() - t0;
			free(rows);
		}
	missed += report("search keystroke (store)", t, m, 15);

	for (i = 0; i < RUNS; i++) {
		t0 = bench_now_s();
		if (gu_dashboard_load(db, NULL, NULL, NULL, &d, &err) < 0)
			die("dashboard", err.message);
		t[i] = bench_now_s() - t0;
		gu_dashboard_free(&d);
	}
	missed += report("dashboard, all cases (store)", t, RUNS, 200);
	for (i = 0; i < RUNS; i++) {
		t0 = bench_now_s();
		if (gu_dashboard_load(db, "2024-01-01", "2024-03-31", NULL, &d, &err) < 0)
			die("dashboard", err.message);
		t[i] = bench_now_s() - t0;
		gu_dashboard_free(&d);
	}
	missed += report("dashboard, one quarter (store)", t, RUNS, 200);
	gu_db_close(db);

	have_shell = shell_start(&sh, path) == 0;
	if (!have_shell) {
		printf("the sqlite3 shell is not installed: no comparison\n");
		return missed;
	}
	if (gu_case_list_script(&list, script, sizeof script, &err) < 0)
		die("script", err.message);
	for (i = 0; i < RUNS; i++)
		u[i] = shell_run(&sh, script);
	report("case list, first screenful (sqlite3 shell)", u, RUNS, 0);
	m = 0;
	for (k = 0; k < 3; k++)
		for (i = 0; i < nkeys; i++) {
			gu_case_filter f = { .query = keys[i], .limit = SCREEN };

			if (gu_case_list_script(&f, script, sizeof script, &err) < 0)
				die("script", err.message);
			u[m++] = shell_run(&sh, script);
		}
	report("search keystroke (sqlite3 shell)", u, m, 0);
	if (gu_dashboard_script(NULL, NULL, NULL, script, sizeof script, &err) < 0)
		die("script", err.message);
	for (i = 0; i < RUNS; i++)
		u[i] = shell_run(&sh, script);
	report("dashboard, all cases (sqlite3 shell)", u, RUNS, 0);
	if (gu_dashboard_script("2024-01-01", "2024-03-31", NULL, script, sizeof script, &err) < 0)
		die("script", err.message);
	for (i = 0; i < RUNS; i++)
		u[i] = shell_run(&sh, script);
	report("dashboard, one quarter (sqlite3 shell)", u, RUNS, 0);
	shell_stop(&sh);
	return missed;
}

/* Runs the benchmark; returns the exit status. */
int main(void)
{
	const char *env = getenv("GUANAI_BENCH_SUPERVISE_DB"), *top = getenv("top_builddir");
	char path[1100], dir[1024];
	gu_db *db;
	gu_error err;

	if (env && *env) {
		snprintf(path, sizeof path, "%s", env);
	} else {
		snprintf(dir, sizeof dir, "%s/tests/bench-db", top && *top ? top : ".");
		mkdir(dir, 0700);
		snprintf(path, sizeof path, "%s/supervise-100k.db", dir);
	}
	if (access(path, F_OK) < 0)
		generate(path);
	else if (gu_db_open(path, &db, &err) < 0)
		die(path, err.message);
	else
		gu_db_close(db);
	return run(path) ? 1 : 0;
}
