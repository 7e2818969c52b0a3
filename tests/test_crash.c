/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash test: a child saves answers as fast as it can and reports each
 * saved one through a pipe; it is killed with SIGKILL at a random moment,
 * 200 times.  After each kill every answer the child reported as saved
 * must be in the database, and the database must pass integrity_check.
 * The random waits come from a seed printed on standard error; giving it
 * back as GUANAI_TEST_SEED repeats the same run. */
#include "config.h"

#include <criterion/criterion.h>
#include <sodium.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/crypt_vfs.h"
#include "db/store.h"
#include "tests/test_db_util.h"

#define KILLS 200

static char dir[64];
static char path[128];

/* Makes a scratch folder and sets a database key: the crash test runs on
 * an encrypted database, as guanai's are. */
static void setup(void)
{
	unsigned char key[GU_CRYPT_KEY_BYTES];

	tdb_mkdir(dir);
	snprintf(path, sizeof path, "%s/guanai.db", dir);
	randombytes_buf(key, sizeof key);
	gu_crypt_set_key(key);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	tdb_rmdir(dir);
}

TestSuite(crash, .init = setup, .fini = teardown, .timeout = 120);

/* Returns the seed of this run: $GUANAI_TEST_SEED when set, else a new one. */
static unsigned run_seed(void)
{
	const char *given = getenv("GUANAI_TEST_SEED");
	char *end;
	unsigned long v;

	if (given && *given) {
		v = strtoul(given, &end, 10);
		cr_assert(*end == '\0' && v <= 0xffffffffUL,
			"GUANAI_TEST_SEED=%s is not a whole number below 2^32", given);
		return (unsigned)v;
	}
	return (unsigned)time(NULL) ^ (unsigned)getpid();
}

/* The child: saves answers of round r until killed, writing the number of
 * each saved one to fd; never returns. */
static void saver(const char *id, int r, int fd)
{
	char key[48], value[48];
	gu_db *db = NULL;
	gu_error err;
	int k;

	if (gu_db_open(path, &db, &err) < 0)
		_exit(3);
	k = -1; /* opened: the parent starts its random wait now */
	if (write(fd, &k, sizeof k) != (ssize_t)sizeof k)
		_exit(7);
	for (k = 0;; k++) {
		snprintf(key, sizeof key, "member.%d.name", r * 100000 + k);
		snprintf(value, sizeof value, "成员 %d/%d", r, k);
		if (gu_case_save_answer(db, id, key, value, NULL, &err) < 0)
			_exit(4);
		/* Every few answers the position and a changed answer, too. */
		if (k % 3 == 0 && gu_case_set_resume(db, id, key, k, k + 10, &err) < 0)
			_exit(5);
		if (k % 5 == 0 && gu_case_save_answer(db, id, "child.name", value, NULL, &err) < 0)
			_exit(6);
		if (write(fd, &k, sizeof k) != (ssize_t)sizeof k)
			_exit(7);
	}
}

/* Reads every number the child reported; returns how many, the last in *last. */
static int reported(int fd, int *last)
{
	int k, n = 0;

	*last = -1;
	while (read(fd, &k, sizeof k) == (ssize_t)sizeof k) {
		cr_assert_eq(k, *last + 1, "reports out of order");
		*last = k;
		n++;
	}
	return n;
}

Test(crash, every_reported_answer_survives_sigkill, .timeout = 300)
{
	gu_case_new c = { .worker = "王芳" };
	char id[GU_ID_SIZE], key[48], value[48];
	unsigned seed = run_seed();
	gu_db *db = NULL;
	gu_error err;
	int r, total = 0, mid = 0;

	/* Printed before anything can fail, so a failing run can be repeated. */
	fprintf(stderr, "crash test: seed %u (GUANAI_TEST_SEED=%u repeats this run)\n", seed, seed);
	srand(seed);
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_create(db, &c, id, &err), 0);
	gu_db_close(db);

	for (r = 0; r < KILLS; r++) {
		int fds[2], status, last, n, k;
		gu_case_info info;
		gu_answers a;
		pid_t pid;

		cr_assert_eq(pipe(fds), 0);
		pid = fork();
		cr_assert_geq(pid, 0);
		if (pid == 0) {
			close(fds[0]);
			saver(id, r, fds[1]);
		}
		close(fds[1]);
		cr_assert_eq(read(fds[0], &k, sizeof k), (ssize_t)sizeof k,
			"round %d: the child could not open the database", r);
		cr_assert_eq(k, -1);
		usleep((useconds_t)(rand() % 40000));
		kill(pid, SIGKILL);
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		cr_assert(WIFSIGNALED(status), "round %d: the child stopped by itself (status %d)",
			r, WEXITSTATUS(status));
		n = reported(fds[0], &last);
		close(fds[0]);
		total += n;
		if (n > 0)
			mid++;

		db = NULL;
		cr_assert_eq(gu_db_open(path, &db, &err), 0, "seed %u round %d: %s", seed, r, err.message);
		cr_assert_eq(gu_db_check(db, &err), 0, "seed %u round %d: %s", seed, r, err.message);
		cr_assert_eq(gu_case_load_answers(db, id, &a, &err), 0, "%s", err.message);
		for (k = 0; k <= last; k++) {
			snprintf(key, sizeof key, "member.%d.name", r * 100000 + k);
			snprintf(value, sizeof value, "成员 %d/%d", r, k);
			cr_assert_str_eq(gu_answers_get(&a, key) ? gu_answers_get(&a, key) : "(lost)",
				value, "seed %u round %d: answer %d was reported saved", seed, r, k);
		}
		cr_assert_eq(gu_case_get(db, id, &info, &err), 0);
		cr_assert_eq((size_t)info.answered, a.n, "seed %u round %d: count %d, rows %zu", seed, r,
			info.answered, a.n);
		gu_answers_free(&a);
		gu_db_close(db);
	}
	cr_log_info("%d kills, %d after saves had begun, %d answers reported and found",
		KILLS, mid, total);
	cr_assert_gt(mid, KILLS / 4, "seed %u: too few kills came after an answer was saved (%d)",
		seed, mid);
	cr_assert_eq(gu_crypt_probe(path, NULL, NULL), GU_CRYPT_ENCRYPTED,
		"seed %u: the crashes were on an encrypted database", seed);
}
