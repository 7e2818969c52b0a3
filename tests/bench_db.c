/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of the case store on a 100,000-case database (about 80
 * answers each): the time to save one answer with synchronous=FULL, beside
 * the sqlite3 shell doing the same single-row transaction; the time to
 * open the database and show the first page of cases; its size per case.
 * The database is made once (in one transaction) and kept for later runs. */
#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/crypt_login.h"
#include "db/crypt_vfs.h"
#include "db/search.h"
#include "db/store.h"
#include "tests/bench_util.h"

#define CASES 100000
#define SAVES 400
/* The user of the encrypted copy, with the real Argon2id limits. */
#define BENCH_USER "bench"
#define BENCH_PASSWORD "bench-password-1"

/* Stops the benchmark with a message; never returns. */
static void die(const char *what, const char *detail)
{
	fprintf(stderr, "bench_db: %s: %s\n", what, detail);
	exit(1);
}

/* Returns one of the k strings in v at random. */
static const char *pick(const char *const *v, unsigned k)
{
	return v[bench_rnd(k)];
}
#define PICK(v) pick(v, sizeof v / sizeof v[0])

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "于", "白", "包", "韩" };
static const char *const given[] = { "小红", "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军",
	"洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建国", "子涵", "浩然", "欣怡", "宇轩" };
static const char *const townships[] = { "七道泉子镇", "大平房镇", "波罗赤镇", "木头城子镇",
	"羊山镇", "六家子镇", "北四家子乡", "胜利镇", "松岭门蒙古族乡", "龙泉街道" };
static const char *const counties[] = { "211302", "211303", "211321", "211322", "211324",
	"211381", "211382" };
static const char *const yesno[] = { "yes", "no", "no", "no", "unknown" };
static const char *const parent_status[] = { "home", "migrant", "migrant", "deceased",
	"severe_illness", "detained_6m", "lost_contact_6m", "migrant, severe_illness" };
static const char *const employment[] = { "employed", "unemployed_seeking",
	"unemployed_not_seeking", "retired", "unable_to_work" };
static const char *const disability[] = { "none", "none", "none", "none", "certified",
	"diagnosed", "suspected" };
static const char *const stages[] = { "kindergarten", "primary", "primary", "junior",
	"general_high", "vocational", "not_enrolled" };
static const char *const hh_status[] = { "", "", "rural_dibao", "urban_dibao", "tekun_dispersed",
	"dibao_edge", "monitored", "tuopin", "rural_dibao, tuopin" };

/* Fills the value of answer j of a case into buf; returns the key. */
static const char *answer(int j, const char *name, const char *worker, const char *township,
	char *buf, size_t size)
{
	static const char *const keys[80] = {
		"interview.date", "interview.township", "interview.worker",
		"child.name", "child.id_number", "child.dob", "child.sex", "child.hukou_county",
		"child.hukou_kind", "child.residence_county", "child.residence_kind",
		"child.months_at_residence", "child.lives_with", "child.insured_county",
		"child.disability", "child.disability_types", "child.disability_level",
		"child.rehab_need", "child.smi", "child.hiv", "child.mh_need", "child.safety",
		"child.school_stage", "child.grade", "child.school_county", "child.school_kind",
		"child.formal_registration", "child.job_intent",
		"father.status", "father.migrant_months", "father.name", "father.age",
		"father.disability", "father.disability_level", "father.rehab_need", "father.smi",
		"father.employment", "father.unemployed_months", "father.job_need",
		"father.hard_to_employ", "father.graduate", "father.training",
		"father.no_income_no_support",
		"mother.status", "mother.migrant_months", "mother.name", "mother.age",
		"mother.disability", "mother.disability_level", "mother.rehab_need", "mother.smi",
		"mother.employment", "mother.unemployed_months", "mother.job_need",
		"mother.hard_to_employ", "mother.graduate", "mother.training",
		"mother.no_income_no_support",
		"member.1.relation", "member.1.name", "member.1.age", "member.1.disability",
		"member.1.employment", "member.1.job_need", "member.1.training",
		"member.1.no_income_no_support",
		"member.2.relation", "member.2.name", "member.2.age", "member.2.disability",
		"member.2.employment",
		"household.status", "household.hardship_claimed", "household.sudden_hardship",
		"household.disaster", "household.high_medical", "household.rural_house_danger",
		"household.rural_housing_support_received", "household.zero_employment",
		"household.acute_emergency"
	};
	const char *key = keys[j], *dot = strrchr(key, '.') + 1;

	if (strcmp(key, "interview.date") == 0)
		snprintf(buf, size, "2025-%02u-%02u", 1 + bench_rnd(12), 1 + bench_rnd(28));
	else if (strcmp(key, "interview.township") == 0)
		snprintf(buf, size, "%s", township);
	else if (strcmp(key, "interview.worker") == 0)
		snprintf(buf, size, "%s", worker);
	else if (strcmp(key, "child.name") == 0)
		snprintf(buf, size, "%s", name);
	else if (strcmp(key, "child.id_number") == 0)
		snprintf(buf, size, "%s20%02u%02u%02u%03u%u", PICK(counties), 10 + bench_rnd(15),
			1 + bench_rnd(12), 1 + bench_rnd(28), bench_rnd(1000), bench_rnd(10));
	else if (strcmp(key, "child.dob") == 0)
		snprintf(buf, size, "20%02u-%02u-%02u", 10 + bench_rnd(15), 1 + bench_rnd(12), 1 + bench_rnd(28));
	else if (strstr(key, "county"))
		snprintf(buf, size, "%s", PICK(counties));
	else if (strcmp(dot, "name") == 0)
		snprintf(buf, size, "%s%s", PICK(surnames), PICK(given));
	else if (strcmp(dot, "status") == 0)
		snprintf(buf, size, "%s", key[0] == 'h' ? PICK(hh_status) : PICK(parent_status));
	else if (strcmp(dot, "employment") == 0)
		snprintf(buf, size, "%s", PICK(employment));
	else if (strcmp(dot, "disability") == 0)
		snprintf(buf, size, "%s", PICK(disability));
	else if (strcmp(dot, "school_stage") == 0)
		snprintf(buf, size, "%s", PICK(stages));
	else if (strstr(dot, "months") || strcmp(dot, "age") == 0 || strcmp(dot, "grade") == 0 ||
		 strcmp(dot, "disability_level") == 0)
		snprintf(buf, size, "%u", 1 + bench_rnd(strcmp(dot, "age") == 0 ? 80 : 9));
	else if (strcmp(dot, "sex") == 0)
		snprintf(buf, size, "%s", bench_rnd(2) ? "male" : "female");
	else if (strcmp(dot, "relation") == 0)
		snprintf(buf, size, "%s", bench_rnd(3) ? "grandparent" : "sibling");
	else if (strcmp(dot, "lives_with") == 0)
		snprintf(buf, size, "%s", bench_rnd(2) ? "grandparents" : "mother, grandparents");
	else if (strstr(dot, "kind"))
		snprintf(buf, size, "%s", bench_rnd(3) ? "village" : "county_town");
	else if (strcmp(dot, "job_need") == 0 || strcmp(dot, "disability_types") == 0)
		snprintf(buf, size, "%s", bench_rnd(4) ? "" : (dot[0] == 'j' ? "job, training" : "physical"));
	else
		snprintf(buf, size, "%s", PICK(yesno));
	return key;
}

/* Binds text or dies. */
static void bind(sqlite3_stmt *st, int i, const char *s)
{
	if (sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		die("bind", sqlite3_errmsg(sqlite3_db_handle(st)));
}

/* Steps a statement to its end and resets it, or dies. */
static void step(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert", sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_reset(st);
}

/* Compares case ids for qsort; returns <0, 0 or >0. */
static int cmp_id(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

/* Makes the 100,000-case database at path in one transaction. */
static void generate(const char *path)
{
	static const char hex[] = "0123456789abcdef";
	sqlite3 *h;
	sqlite3_stmt *c, *a, *r, *au;
	gu_db *db;
	gu_error err;
	char (*ids)[33], value[128], name[64], device[33];
	double t0 = bench_now_s();
	int i, j;

	if (gu_db_open(path, &db, &err) < 0)
		die(path, err.message);
	snprintf(device, sizeof device, "%s", gu_db_device(db));
	gu_db_close(db);
	ids = malloc((size_t)CASES * sizeof *ids);
	if (!ids)
		die("memory", "no room for the ids");
	for (i = 0; i < CASES; i++) {
		for (j = 0; j < 32; j++)
			ids[i][j] = hex[bench_rnd(16)];
		ids[i][32] = '\0';
	}
	qsort(ids, CASES, sizeof *ids, cmp_id);
	if (sqlite3_open(path, &h) != SQLITE_OK)
		die(path, sqlite3_errmsg(h));
	if (sqlite3_exec(h, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		" PRAGMA cache_size = -262144; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		die("pragma", sqlite3_errmsg(h));
	if (sqlite3_prepare_v2(h, "INSERT INTO cases (id, status, child_name, child_id_number,"
		" township, worker, policy_id, policy_version, policy_hash, progress_done,"
		" progress_total, answered, n_eligible, n_verify, created_at, updated_at, completed_at,"
		" device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'chaoyang-2024', '1',"
		" 'f3b1c0de5a1f3b1c0de5a1f3b1c0de5a1f3b1c0de5a1f3b1c0de5a1f3b1c0de5', 80, 80, 80, ?7, ?8,"
		" ?9, ?10, ?11, ?12)", -1, &c, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO answers (case_id, key, value, seq, answered_at,"
		" answered_by, updated_at, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?7)",
		-1, &a, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO results (case_id, item, verdict, persons, reason,"
		" explanation, policy_id, policy_version, policy_hash, computed_at, updated_at, device)"
		" VALUES (?1, ?2, ?3, 'child', '父母一方外出务工、另一方重病，属于留守儿童',"
		" '条件成立：父亲外出务工（father.status = migrant）；母亲重病（mother.status ="
		" severe_illness）；儿童未满十六周岁（child.dob）。依据：朝阳市关爱服务清单第'"
		" || ?2 || '项。', 'chaoyang-2024', '1', 'f3b1c0de', ?4, ?4, ?5)", -1, &r, NULL)
		!= SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO audit (id, at, by, action, case_id, updated_at, device)"
		" VALUES (?1, ?2, ?3, 'case.create', ?4, ?2, ?5)", -1, &au, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(h));
	for (i = 0; i < CASES; i++) {
		const char *worker = pick(given, 24), *township = PICK(townships);
		sqlite3_int64 t = 1700000000000LL + (sqlite3_int64)i * 600000 + bench_rnd(600000);
		char audit_id[33];
		int nres = 1 + (int)bench_rnd(5), complete = bench_rnd(5) != 0;

		snprintf(name, sizeof name, "%s%s", PICK(surnames), PICK(given));
		bind(c, 1, ids[i]);
		bind(c, 2, complete ? "complete" : "draft");
		bind(c, 3, name);
		bind(c, 4, "");
		bind(c, 5, township);
		bind(c, 6, worker);
		sqlite3_bind_int(c, 7, nres - 1);
		sqlite3_bind_int(c, 8, 1);
		sqlite3_bind_int64(c, 9, t);
		sqlite3_bind_int64(c, 10, t + 3600000);
		if (complete)
			sqlite3_bind_int64(c, 11, t + 3600000);
		else
			sqlite3_bind_null(c, 11);
		bind(c, 11 + 1, device);
		step(c);
		for (j = 0; j < 80; j++) {
			const char *key = answer(j, name, worker, township, value, sizeof value);

			bind(a, 1, ids[i]);
			bind(a, 2, key);
			bind(a, 3, value);
			sqlite3_bind_int(a, 4, j + 1);
			sqlite3_bind_int64(a, 5, t + j * 20000);
			bind(a, 6, worker);
			bind(a, 7, device);
			step(a);
		}
		for (j = 0; j < nres; j++) {
			bind(r, 1, ids[i]);
			sqlite3_bind_int(r, 2, 1 + j * 7 + (int)bench_rnd(7));
			bind(r, 3, j == 0 ? "verify" : "eligible");
			sqlite3_bind_int64(r, 4, t + 3600000);
			bind(r, 5, device);
			step(r);
		}
		for (j = 0; j < 32; j++)
			audit_id[j] = hex[bench_rnd(16)];
		audit_id[32] = '\0';
		bind(au, 1, audit_id);
		sqlite3_bind_int64(au, 2, t);
		bind(au, 3, worker);
		bind(au, 4, ids[i]);
		bind(au, 5, device);
		step(au);
	}
	sqlite3_finalize(c);
	sqlite3_finalize(a);
	sqlite3_finalize(r);
	sqlite3_finalize(au);
	if (sqlite3_exec(h, "COMMIT; PRAGMA journal_mode = WAL; ANALYZE", NULL, NULL, NULL)
		!= SQLITE_OK)
		die("commit", sqlite3_errmsg(h));
	sqlite3_close(h);
	free(ids);
	printf("generated %d cases with 80 answers each in %.1f s\n", CASES, bench_now_s() - t0);
}

/* Returns the number of cases in path, or -1 when it cannot be read. */
static long count_cases(const char *path)
{
	gu_db *db;
	gu_error err;
	long n;

	if (access(path, F_OK) < 0 || gu_db_open_readonly(path, &db, &err) < 0)
		return -1;
	n = gu_case_count(db, NULL, &err);
	gu_db_close(db);
	return n;
}

/* Prints the median and 99th percentile of n times in seconds. */
static void report(const char *what, double *t, int n)
{
	bench_sort(t, (size_t)n);
	printf("%-44s median %7.3f ms   p99 %7.3f ms   (%d saves)\n", what,
		t[n / 2] * 1e3, t[(n * 99) / 100] * 1e3, n);
}

/* Finds (or makes, the first time) the case the timings write to, with no
 * answers left from an earlier run; writes its id. */
static void bench_case(const char *path, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = "基准测试", .township = "七道泉子镇" };
	gu_case_filter f = { .worker = "基准测试", .sort = GU_SORT_UPDATED, .limit = 1 };
	gu_case_row *v;
	size_t n;
	gu_db *db;
	gu_error err;
	sqlite3 *h;
	char sql[256];

	if (gu_db_open(path, &db, &err) < 0 || gu_case_list(db, &f, &v, &n, &err) < 0)
		die(path, err.message);
	if (n == 1)
		snprintf(id, GU_ID_SIZE, "%s", v[0].id);
	else if (gu_case_create(db, &c, id, &err) < 0)
		die(path, err.message);
	free(v);
	gu_db_close(db);
	snprintf(sql, sizeof sql, "DELETE FROM answers WHERE case_id = '%s';"
		" UPDATE cases SET answered = 0 WHERE id = '%s'", id, id);
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE,
		gu_crypt_has_key() ? GU_CRYPT_VFS_NAME : NULL) != SQLITE_OK
	    || sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* The sqlite3 shell, driven over pipes. */
typedef struct shell {
	pid_t pid;
	FILE *in, *out;
} shell;

/* Starts the sqlite3 shell on path with synchronous=FULL; returns 0, or
 * -1 when there is no shell. */
static int shell_start(shell *sh, const char *path)
{
	int to[2], from[2];
	char line[256];

	if (pipe(to) < 0 || pipe(from) < 0)
		die("pipe", strerror(errno));
	sh->pid = fork();
	if (sh->pid < 0)
		die("fork", strerror(errno));
	if (sh->pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[1]);
		close(from[0]);
		execlp("sqlite3", "sqlite3", "-batch", path, (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	sh->in = fdopen(to[1], "w");
	sh->out = fdopen(from[0], "r");
	fprintf(sh->in, ".timeout 5000\nPRAGMA synchronous = FULL; SELECT 'ready';\n");
	fflush(sh->in);
	do {
		if (!fgets(line, sizeof line, sh->out)) {
			fclose(sh->in);
			fclose(sh->out);
			waitpid(sh->pid, NULL, 0);
			return -1;
		}
	} while (strcmp(line, "ready\n") != 0);
	return 0;
}

/* Runs one single-row transaction in the shell; returns the seconds it took. */
static double shell_save(shell *sh, const char *id, int i)
{
	char line[256];
	double t0 = bench_now_s();

	fprintf(sh->in, "BEGIN IMMEDIATE; INSERT INTO answers (case_id, key, value, seq,"
		" answered_at, answered_by, updated_at, device) VALUES"
		" ('%s', 'member.%d.name', '成员%d', %d, 1, '王芳', 1, 'bench')"
		" ON CONFLICT (case_id, key) DO UPDATE SET value = excluded.value;"
		" COMMIT; SELECT 'ok';\n", id, SAVES + i + 1, i, SAVES + i + 1);
	fflush(sh->in);
	if (!fgets(line, sizeof line, sh->out) || strcmp(line, "ok\n") != 0)
		die("sqlite3 shell", "did not answer");
	return bench_now_s() - t0;
}

/* Removes the shell's rows and stops it. */
static void shell_stop(shell *sh, const char *id)
{
	fprintf(sh->in, "DELETE FROM answers WHERE case_id = '%s' AND seq > %d;\n", id, SAVES);
	fclose(sh->in);
	fclose(sh->out);
	waitpid(sh->pid, NULL, 0);
}

/* Times SAVES answers saved through the store and, taking turns under the
 * same conditions, SAVES single-row transactions in the sqlite3 shell;
 * returns 0, or -1 when there is no shell (store times only). */
static int time_saves(const char *path, const char *id, double *store_t, double *shell_t)
{
	char key[48], value[48];
	shell sh;
	gu_db *db;
	gu_error err;
	int i, have_shell;

	if (gu_db_open(path, &db, &err) < 0)
		die(path, err.message);
	have_shell = shell_start(&sh, path) == 0;
	for (i = 0; i < SAVES; i++) {
		double t0;

		snprintf(key, sizeof key, "member.%d.name", i + 1);
		snprintf(value, sizeof value, "成员%d", i);
		t0 = bench_now_s();
		if (gu_case_save_answer(db, id, key, value, NULL, &err) < 0)
			die("save", err.message);
		store_t[i] = bench_now_s() - t0;
		if (have_shell)
			shell_t[i] = shell_save(&sh, id, i);
	}
	if (have_shell)
		shell_stop(&sh, id);
	gu_db_close(db);
	return have_shell ? 0 : -1;
}

/* Copies the file from to the new file to; dies when it cannot. */
static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;

	if (!in || !out)
		die(to, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			die(to, strerror(errno));
	if (fclose(out) != 0)
		die(to, strerror(errno));
	fclose(in);
}

/* Makes, once, the encrypted copy cpath of the database at path, with key
 * slots for BENCH_USER. */
static void make_encrypted(const char *path, const char *cpath)
{
	char keys[1200], recovery[GU_KEY_RECOVERY_TEXT];
	gu_db *db;
	gu_error err;

	if (gu_db_has_keys(cpath) && gu_crypt_probe(cpath, NULL, NULL) == GU_CRYPT_ENCRYPTED)
		return;
	printf("making %s (once; later runs reuse it)\n", cpath);
	snprintf(keys, sizeof keys, "%s-keys", cpath);
	unlink(cpath);
	unlink(keys);
	copy_file(path, cpath);
	if (gu_db_keys_create(cpath, BENCH_USER, BENCH_PASSWORD, recovery, &err) < 0
	    || gu_db_open(cpath, &db, &err) < 0)
		die(cpath, err.message);
	gu_db_close(db);
	gu_crypt_forget_key();
}

/* Saves answer i to the case id of db, returning the seconds it took;
 * dies when it fails. */
static double timed_save(gu_db *db, const char *id, int i)
{
	char key[48], value[48];
	gu_error err;
	double t0;

	snprintf(key, sizeof key, "member.%d.name", i + 1);
	snprintf(value, sizeof value, "成员%d", i);
	t0 = bench_now_s();
	if (gu_case_save_answer(db, id, key, value, NULL, &err) < 0)
		die("save", err.message);
	return bench_now_s() - t0;
}

/* Times the encrypted copy of the database at path beside the plain one:
 * unwrapping the key, opening, and SAVES answers saved in turns to each
 * under the same conditions; prints the overheads (plain_ready: the plain
 * open, in s). */
static void bench_encrypted(const char *path, double plain_ready)
{
	static double plain_t[SAVES], crypt_t[SAVES];
	struct gu_unlock_report rep;
	char cpath[1100], pid[GU_ID_SIZE], cid[GU_ID_SIZE];
	double t0, t_unlock, t_ready;
	gu_case_row *v;
	gu_case_filter f = { .sort = GU_SORT_UPDATED, .limit = 20 };
	gu_db *plain, *db;
	gu_error err;
	size_t n;
	int i;

	snprintf(cpath, sizeof cpath, "%s.encrypted", path);
	make_encrypted(path, cpath);
	bench_case(path, pid);
	if (gu_db_open(path, &plain, &err) < 0) /* before the key is set: plain */
		die(path, err.message);
	t0 = bench_now_s();
	if (gu_db_unlock(cpath, BENCH_USER, BENCH_PASSWORD, &rep, &err) != 0)
		die(cpath, err.message);
	t_unlock = bench_now_s() - t0;
	t0 = bench_now_s();
	if (gu_db_open(cpath, &db, &err) < 0 || gu_case_list(db, &f, &v, &n, &err) < 0)
		die(cpath, err.message);
	free(v);
	t_ready = bench_now_s() - t0;
	gu_db_close(db);
	printf("encrypted: unwrap the key (Argon2id):        %7.1f ms\n", t_unlock * 1e3);
	printf("encrypted: open and show the first 20 cases: %7.1f ms (plain %.1f ms)\n",
		t_ready * 1e3, plain_ready * 1e3);
	bench_case(cpath, cid);
	if (gu_db_open(cpath, &db, &err) < 0)
		die(cpath, err.message);
	for (i = 0; i < SAVES; i++) {
		plain_t[i] = timed_save(plain, pid, i);
		crypt_t[i] = timed_save(db, cid, i);
	}
	gu_db_close(db);
	gu_db_close(plain);
	report("save one answer, plain (in turns)", plain_t, SAVES);
	report("save one answer, encrypted (in turns)", crypt_t, SAVES);
	printf("encrypted save p99 / plain save p99:         %7.2fx (target at most 1.3x)\n",
		crypt_t[(SAVES * 99) / 100] / plain_t[(SAVES * 99) / 100]);
	gu_crypt_forget_key();
}

/* Runs the benchmark; returns the exit status. */
int main(void)
{
	const char *env = getenv("GUANAI_BENCH_DB"), *top = getenv("top_builddir");
	static double store_t[SAVES], shell_t[SAVES];
	char path[1024], id[GU_ID_SIZE];
	struct stat st;
	gu_case_row *v;
	gu_db *db;
	gu_error err;
	double t0, t_open, t_ready;
	size_t n;
	long cases;

	if (env && *env)
		snprintf(path, sizeof path, "%s", env);
	else
		snprintf(path, sizeof path, "%s/tests/bench-db/guanai-100k.db", top && *top ? top : ".");
	cases = count_cases(path);
	if (cases < CASES) {
		char *slash;

		printf("making %s (once; later runs reuse it)\n", path);
		unlink(path);
		slash = strrchr(path, '/');
		if (slash) {
			*slash = '\0';
			mkdir(path, 0700);
			*slash = '/';
		}
		generate(path);
		cases = count_cases(path);
	}
	printf("database: %s, %ld cases\n", path, cases);
	if (cases < CASES)
		die(path, "the database could not be made");

	/* Open and be ready: open, migrations checked, first page of the list. */
	t0 = bench_now_s();
	if (gu_db_open(path, &db, &err) < 0)
		die(path, err.message);
	t_open = bench_now_s() - t0;
	{
		gu_case_filter f = { .sort = GU_SORT_UPDATED, .limit = 20 };

		if (gu_case_list(db, &f, &v, &n, &err) < 0)
			die("list", err.message);
		free(v);
	}
	t_ready = bench_now_s() - t0;
	gu_db_close(db);
	printf("open the database:                           %7.1f ms\n", t_open * 1e3);
	printf("open and show the first 20 cases:            %7.1f ms\n", t_ready * 1e3);

	/* After a battery death the next open reads back the latest changes. */
	{
		sqlite3 *h;

		if (sqlite3_open(path, &h) != SQLITE_OK || sqlite3_exec(h,
			"UPDATE meta SET value = '1' WHERE key = 'open_count'", NULL, NULL, NULL)
			!= SQLITE_OK)
			die(path, sqlite3_errmsg(h));
		sqlite3_close(h);
		t0 = bench_now_s();
		if (gu_db_open(path, &db, &err) < 0)
			die(path, err.message);
		printf("open after an unclean close (read back):      %7.1f ms%s\n",
			(bench_now_s() - t0) * 1e3, gu_db_was_recovered(db) ? "" : " (no check ran!)");
		gu_db_close(db);
	}

	bench_case(path, id);
	if (time_saves(path, id, store_t, shell_t) == 0) {
		report("save one answer (guanai, synchronous=FULL)", store_t, SAVES);
		report("same single-row transaction (sqlite3 shell)", shell_t, SAVES);
	} else {
		report("save one answer (guanai, synchronous=FULL)", store_t, SAVES);
		printf("the sqlite3 shell was not found: no comparison\n");
	}

	if (stat(path, &st) == 0)
		printf("database size: %.1f MB, %.0f bytes per case\n",
			(double)st.st_size / 1e6, (double)st.st_size / (double)cases);
	bench_encrypted(path, t_ready);
	return 0;
}
