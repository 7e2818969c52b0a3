/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fault injection: a VFS wrapping the default one makes the N-th write or
 * sync fail (and every later one, as a full disk would, until it is
 * "fixed"), for every N across one save.  The store must report the right
 * error, keep the database sound, and succeed when the save is retried. */
#include "config.h"

#include <criterion/criterion.h>
#include <sodium.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/crypt_vfs.h"
#include "db/search.h"
#include "db/store.h"
#include "tests/test_db_util.h"

/* The state of the injected fault. */
static struct {
	long countdown;   /* operations left before failing; < 0: no fault */
	bool failing;     /* the fault has struck and lasts until cleared */
	int rc;           /* what a failing write or sync returns */
	long ops;         /* writes and syncs seen */
	int sys_errno;    /* the system's error behind the fault (0: as SQLite's own) */
	long syncs;       /* syncs seen */
} fault = { -1, false, SQLITE_OK, 0, 0 };

typedef struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;   /* follows this struct in the same allocation */
} fault_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;

/* Counts one write or sync; returns the error to inject, or SQLITE_OK. */
static int strike(int rc_io)
{
	fault.ops++;
	if (fault.failing) {
		if (fault.sys_errno)
			errno = fault.sys_errno;
		return fault.rc == SQLITE_FULL ? SQLITE_FULL : rc_io;
	}
	if (fault.countdown < 0)
		return SQLITE_OK;
	if (--fault.countdown > 0)
		return SQLITE_OK;
	fault.failing = true;
	if (fault.sys_errno)
		errno = fault.sys_errno; /* as the failed write(2) or fsync(2) leaves it */
	return fault.rc == SQLITE_FULL ? SQLITE_FULL : rc_io;
}

/* Returns the wrapped file. */
static sqlite3_file *real(sqlite3_file *f)
{
	return ((fault_file *)f)->real;
}

/* Each method passes through to the real file; write and sync may fail. */
static int f_close(sqlite3_file *f)
{
	return real(f)->pMethods->xClose(real(f));
}
static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{
	return real(f)->pMethods->xRead(real(f), b, n, off);
}
static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
	int rc = strike(SQLITE_IOERR_WRITE);

	return rc != SQLITE_OK ? rc : real(f)->pMethods->xWrite(real(f), b, n, off);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return real(f)->pMethods->xTruncate(real(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
	int rc = strike(SQLITE_IOERR_FSYNC);

	fault.syncs++;

	return rc != SQLITE_OK ? rc : real(f)->pMethods->xSync(real(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real(f)->pMethods->xFileSize(real(f), size);
}
static int f_lock(sqlite3_file *f, int l)
{
	return real(f)->pMethods->xLock(real(f), l);
}
static int f_unlock(sqlite3_file *f, int l)
{
	return real(f)->pMethods->xUnlock(real(f), l);
}
static int f_check_lock(sqlite3_file *f, int *out)
{
	return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
static int f_control(sqlite3_file *f, int op, void *arg)
{
	return real(f)->pMethods->xFileControl(real(f), op, arg);
}
static int f_sector(sqlite3_file *f)
{
	return real(f)->pMethods->xSectorSize(real(f));
}
static int f_caps(sqlite3_file *f)
{
	return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
static int f_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p)
{
	return real(f)->pMethods->xShmMap(real(f), pg, sz, extend, p);
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return real(f)->pMethods->xShmLock(real(f), off, n, flags);
}
static void f_shm_barrier(sqlite3_file *f)
{
	real(f)->pMethods->xShmBarrier(real(f));
}
static int f_shm_unmap(sqlite3_file *f, int del)
{
	return real(f)->pMethods->xShmUnmap(real(f), del);
}

static const sqlite3_io_methods fault_methods = {
	2, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock,
	f_check_lock, f_control, f_sector, f_caps, f_shm_map, f_shm_lock, f_shm_barrier,
	f_shm_unmap, NULL, NULL
};

/* Opens a real file and wraps it; returns the SQLite result. */
static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	fault_file *ff = (fault_file *)f;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	ff->base.pMethods = rc == SQLITE_OK && ff->real->pMethods ? &fault_methods : NULL;
	return rc;
}
static int v_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync);
}
static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}
static int v_full(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}
static int v_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}
static int v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}
static int v_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}
static int v_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	if (fault.failing && fault.sys_errno)
		return fault.sys_errno;
	return real_vfs->xGetLastError(real_vfs, n, out);
}
static int v_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

/* Registers the fault VFS as the default. */
static void install(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	cr_assert_not_null(real_vfs);
	memset(&fault_vfs, 0, sizeof fault_vfs);
	fault_vfs.iVersion = 2;
	fault_vfs.szOsFile = (int)sizeof(fault_file) + real_vfs->szOsFile;
	fault_vfs.mxPathname = real_vfs->mxPathname;
	fault_vfs.zName = "guanai-fault";
	fault_vfs.xOpen = v_open;
	fault_vfs.xDelete = v_delete;
	fault_vfs.xAccess = v_access;
	fault_vfs.xFullPathname = v_full;
	fault_vfs.xRandomness = v_random;
	fault_vfs.xSleep = v_sleep;
	fault_vfs.xCurrentTime = v_time;
	fault_vfs.xGetLastError = v_error;
	fault_vfs.xCurrentTimeInt64 = v_time64;
	cr_assert_eq(sqlite3_vfs_register(&fault_vfs, 1), SQLITE_OK);
}

static char dir[64];
static char path[128];

/* Makes a scratch folder, installs the fault VFS and sets a database key:
 * the encrypting shim then sits on the fault VFS, as on the disk. */
static void setup(void)
{
	unsigned char key[GU_CRYPT_KEY_BYTES];

	tdb_mkdir(dir);
	snprintf(path, sizeof path, "%s/guanai.db", dir);
	install();
	randombytes_buf(key, sizeof key);
	gu_crypt_set_key(key);
}

/* Removes the VFS and the scratch folder. */
static void teardown(void)
{
	sqlite3_vfs_unregister(&fault_vfs);
	tdb_rmdir(dir);
}

/* Generous: creating a database under a fault at every write grows with the
 * migrations, and a loaded machine (or ASan) slows it several times. */
TestSuite(faults, .init = setup, .fini = teardown, .timeout = 600);

/* Arms the fault for the n-th operation from now. */
static void arm(long n, int rc)
{
	fault.countdown = n;
	fault.failing = false;
	fault.rc = rc;
	fault.ops = 0;
	fault.syncs = 0;
}

/* Clears the fault ("the disk was freed"). */
static void disarm(void)
{
	fault.countdown = -1;
	fault.failing = false;
	fault.ops = 0;
	fault.sys_errno = 0;
	fault.syncs = 0;
}

/* Checks the whole file and that the case's answer count matches its rows. */
static void check_sound(gu_db *db, const char *id)
{
	gu_case_info info;
	gu_answers a;
	gu_error err;

	cr_assert_eq(gu_db_check(db, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_get(db, id, &info, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_load_answers(db, id, &a, &err), 0, "%s", err.message);
	cr_assert_eq((size_t)info.answered, a.n, "count %d, rows %zu", info.answered, a.n);
	gu_answers_free(&a);
}

/* For every N, fails the N-th write or sync of one save with rc and
 * expects code, then retries. */
static void every_n(int rc, enum gu_code code)
{
	gu_case_new c = { .worker = "王芳" };
	char id[GU_ID_SIZE], key[32], value[64];
	gu_db *db = NULL;
	gu_answers a;
	gu_error err;
	long ops, n, failed = 0, struck = 0;
	int i;

	disarm();
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_create(db, &c, id, &err), 0);
	/* The case's first answer also numbers the case and the device
	 * (db/schema_compact.c); the saves counted are of later answers. */
	cr_assert_eq(gu_case_save_answer(db, id, "child.name", "张小红", NULL, &err), 0);
	/* A dry run counts the writes and syncs one save makes. */
	arm(-1, SQLITE_OK);
	cr_assert_eq(gu_case_save_answer(db, id, "member.0.name", "成员0", NULL, &err), 0);
	ops = fault.ops;
	cr_assert_geq(ops, 2, "a save wrote and synced only %ld times", ops);
	cr_log_info("one save makes %ld writes and syncs", ops);

	for (n = 1; n <= ops + 1; n++) {
		int ret;

		snprintf(key, sizeof key, "member.%ld.name", n);
		snprintf(value, sizeof value, "成员%ld", n);
		arm(n, rc);
		ret = gu_case_save_answer(db, id, key, value, NULL, &err);
		if (fault.failing)
			struck++;
		if (ret < 0) {
			failed++;
			cr_assert_eq(ret, -(int)code, "N=%ld: %d (%s)", n, ret, err.message);
			cr_assert_eq(err.code, code);
			cr_assert(err.message[0]);
			cr_assert_null(strstr(err.message, "damaged"), "N=%ld: %s", n, err.message);
			cr_assert_null(strstr(err.message, "restore"), "N=%ld: %s", n, err.message);
		}
		disarm();
		/* The same call succeeds once the disk works again. */
		cr_assert_eq(gu_case_save_answer(db, id, key, value, NULL, &err), 0,
			"retry N=%ld: %s", n, err.message);
		check_sound(db, id);
	}
	cr_assert_eq(failed, struck, "only %ld of %ld faults were reported", failed, struck);
	cr_assert_geq(struck, ops - 1, "the fault struck only %ld times in %ld tries", struck, ops + 1);
	gu_db_close(db);

	/* A fresh connection recovers the log and sees every retried answer. */
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	check_sound(db, id);
	cr_assert_eq(gu_case_load_answers(db, id, &a, &err), 0);
	for (i = 0; i <= ops + 1; i++) {
		snprintf(key, sizeof key, "member.%d.name", i);
		snprintf(value, sizeof value, "成员%d", i);
		cr_assert_str_eq(gu_answers_get(&a, key), value);
	}
	gu_answers_free(&a);
	gu_db_close(db);
	cr_assert_eq(gu_crypt_probe(path, NULL, NULL), GU_CRYPT_ENCRYPTED,
		"the faults struck an encrypted database");
}

/* Returns the connection's PRAGMA synchronous (2 is FULL), or -1. */
static int synchronous_of(gu_db *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA synchronous", -1, &st, NULL) == SQLITE_OK
			&& sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

Test(faults, a_confirmed_save_is_synced_to_disk)
{
	gu_case_new c = { .worker = "王芳" };
	char id[GU_ID_SIZE];
	gu_db *db = NULL;
	gu_error err;

	disarm();
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	cr_assert_eq(synchronous_of(db), 2, "PRAGMA synchronous is not FULL");
	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "%s", err.message);
	arm(-1, SQLITE_OK);
	cr_assert_eq(gu_case_save_answer(db, id, "child.name", "王小明", NULL, &err), 0,
		"%s", err.message);
	cr_assert_geq(fault.syncs, 1, "a confirmed save was not synced");
	arm(-1, SQLITE_OK);
	cr_assert_eq(gu_case_save_answer(db, id, "child.sex", "male", NULL, &err), 0,
		"%s", err.message);
	cr_assert_geq(fault.syncs, 1, "the second save was not synced");
	gu_db_close(db);
	cr_assert_eq(gu_db_open_readonly(path, &db, &err), 0, "%s", err.message);
	gu_db_close(db);
}

Test(faults, io_error_on_every_write_or_sync_of_a_save)
{
	every_n(SQLITE_IOERR, GU_EIO);
}

Test(faults, disk_full_on_every_write_or_sync_of_a_save)
{
	every_n(SQLITE_FULL, GU_EDB_FULL);
}

Test(faults, a_disk_that_turned_read_only_says_read_only)
{
	gu_case_new c = { .worker = "王芳" };
	char id[GU_ID_SIZE];
	gu_db *db = NULL;
	gu_error err;
	int ret;

	disarm();
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_create(db, &c, id, &err), 0);
	arm(1, SQLITE_IOERR);
	fault.sys_errno = EROFS;
	ret = gu_case_save_answer(db, id, "child.name", "张小红", NULL, &err);
	cr_assert_eq(ret, -GU_EDB_READONLY, "%d: %s", ret, err.message);
	cr_assert_not_null(strstr(err.message, "read-only"), "%s", err.message);
	cr_assert_null(strstr(err.message, "disk I/O error"), "%s", err.message);
	cr_assert_null(strstr(err.message, "damaged"), "%s", err.message);
	cr_assert_null(strstr(err.message, "permissions"), "%s", err.message);
	disarm();
	cr_assert_eq(gu_case_save_answer(db, id, "child.name", "张小红", NULL, &err), 0,
		"%s", err.message);
	check_sound(db, id);
	gu_db_close(db);
}

Test(faults, disk_full_while_creating_a_database_then_retry)
{
	gu_db *db = NULL;
	gu_error err;
	long n, ops;

	arm(-1, SQLITE_OK);
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	gu_db_close(db);
	ops = fault.ops;
	for (n = 1; n <= ops; n++) {
		char p[160];

		snprintf(p, sizeof p, "%s/g%ld.db", dir, n);
		arm(n, SQLITE_FULL);
		db = NULL;
		if (gu_db_open(p, &db, &err) < 0) {
			cr_assert_null(db);
			cr_assert(err.code == GU_EDB_FULL, "N=%ld: %s", n, err.message);
		}
		gu_db_close(db);
		disarm();
		cr_assert_eq(gu_db_open(p, &db, &err), 0, "N=%ld: %s", n, err.message);
		cr_assert_eq(gu_db_check(db, &err), 0);
		gu_db_close(db);
	}
}

Test(faults, an_import_is_all_or_nothing)
{
	gu_case_new c = { .worker = "王芳", .township = "七道泉子镇" };
	gu_result item = { .item = 3, .verdict = GU_YES, .persons = "child" };
	gu_results r = { .v = &item, .n = 1 };
	char id[GU_ID_SIZE], key[32];
	gu_db *db = NULL;
	gu_answers a;
	gu_error err;
	long ops, n, cases = 0;
	int i;

	item.reason = (char *)"孤儿";
	item.explanation = (char *)"父母双亡";
	gu_answers_init(&a);
	for (i = 1; i <= 40; i++) {
		snprintf(key, sizeof key, "member.%d.name", i);
		cr_assert_eq(gu_answers_set(&a, key, "成员"), 0);
	}
	disarm();
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	arm(-1, SQLITE_OK);
	cr_assert_eq(gu_case_import(db, &c, &a, &r, GU_CASE_COMPLETE, id, &err), 0);
	cases++;
	ops = fault.ops;
	for (n = 1; n <= ops; n++) {
		int ret;

		arm(n, n % 2 ? SQLITE_FULL : SQLITE_IOERR);
		ret = gu_case_import(db, &c, &a, &r, GU_CASE_COMPLETE, id, &err);
		disarm();
		if (ret < 0) {
			cr_assert_str_eq(id, "", "a failed import still gave an id");
		} else {
			gu_answers back;

			cases++;
			cr_assert_eq(gu_case_load_answers(db, id, &back, &err), 0);
			cr_assert_eq(back.n, a.n);
			gu_answers_free(&back);
		}
		/* Either the whole case is there or none of it. */
		cr_assert_eq(gu_case_count(db, NULL, &err), cases, "N=%ld", n);
		cr_assert_eq(gu_db_check(db, &err), 0, "%s", err.message);
	}
	cr_assert_eq(gu_case_import(db, &c, &a, &r, GU_CASE_COMPLETE, id, &err), 0, "%s",
		err.message);
	gu_answers_free(&a);
	gu_db_close(db);
}

/* A batch of imports (guanai import) on a failing disk: a batch whose
 * commit fails leaves none of its cases, one whose commit succeeds leaves
 * each whole; a case that failed is never there in part. */
Test(faults, a_failed_case_in_an_import_batch_loses_nothing_committed)
{
	gu_case_new c = { .worker = "王芳", .township = "七道泉子镇" };
	gu_result item = { .item = 3, .verdict = GU_YES, .persons = "child" };
	gu_results r = { .v = &item, .n = 1 };
	char first[GU_ID_SIZE], id[GU_ID_SIZE], key[32];
	gu_db *db = NULL;
	gu_answers a;
	gu_error err;
	long ops, n, cases = 0, failed = 0;
	int i;

	item.reason = (char *)"孤儿";
	item.explanation = (char *)"父母双亡";
	gu_answers_init(&a);
	for (i = 1; i <= 40; i++) {
		snprintf(key, sizeof key, "member.%d.name", i);
		cr_assert_eq(gu_answers_set(&a, key, "成员"), 0);
	}
	disarm();
	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	cr_assert_eq(gu_import_batch_begin(db, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_import_batched(db, &c, &a, &r, GU_CASE_COMPLETE, first, &err), 0);
	arm(-1, SQLITE_OK);
	cr_assert_eq(gu_case_import_batched(db, &c, &a, &r, GU_CASE_COMPLETE, id, &err), 0);
	cr_assert_eq(gu_import_batch_commit(db, &err), 0, "%s", err.message);
	ops = fault.ops;
	disarm();
	cases += 2;
	for (n = 1; n <= ops; n++) {
		int ret, kept;

		cr_assert_eq(gu_import_batch_begin(db, &err), 0, "%s", err.message);
		cr_assert_eq(gu_case_import_batched(db, &c, &a, &r, GU_CASE_COMPLETE, first, &err), 0);
		/* the disk fails from the n-th write or flush on, to the commit */
		arm(n, n % 2 ? SQLITE_FULL : SQLITE_IOERR);
		ret = gu_case_import_batched(db, &c, &a, &r, GU_CASE_COMPLETE, id, &err);
		if (ret < 0)
			cr_assert_str_eq(id, "", "a failed import still gave an id");
		kept = gu_import_batch_commit(db, &err) == 0;
		disarm();
		if (!kept)
			failed++;
		if (kept)
			cases += ret < 0 ? 1 : 2;
		if (kept) {
			gu_answers back;

			cr_assert_eq(gu_case_load_answers(db, first, &back, &err), 0);
			cr_assert_eq(back.n, a.n, "N=%ld: the committed case is not whole", n);
			gu_answers_free(&back);
		}
		cr_assert_eq(gu_case_count(db, NULL, &err), cases, "N=%ld", n);
		cr_assert_eq(gu_db_check(db, &err), 0, "%s", err.message);
	}
	cr_assert_gt(failed, 0, "no fault reached the batch");
	/* Outside a batch the call stores nothing and says so. */
	cr_assert_lt(gu_case_import_batched(db, &c, &a, &r, GU_CASE_COMPLETE, id, &err), 0);
	cr_assert_eq(gu_case_count(db, NULL, &err), cases);
	gu_answers_free(&a);
	gu_db_close(db);
}
