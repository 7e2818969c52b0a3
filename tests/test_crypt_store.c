/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case store encrypted: a child's name, ID number and answers are not
 * in the database, its log or a backup; a wrong or missing key opens
 * nothing; a damaged page is reported as damage; a plain database is
 * encrypted on its first open with a key, and its plain bytes are gone. */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/crypt_vfs.h"
#include "db/keyslot.h"
#include "db/store.h"
#include "tests/test_crypt_util.h"
#include "tests/test_db_util.h"

static char dir[64];
static char db_path[128];
static const char child[] = "李小红";
static const char id_number[] = "211321201504180025";
static const char answer_key[] = "child.health_note";
static const char answer[] = "needs_daily_medicine_xq";

/* Makes the scratch folder and sets a key made by a keyring. */
static void setup(void)
{
	gu_keyring ring;
	unsigned char key[GU_CRYPT_KEY_BYTES];
	char recovery[GU_KEY_RECOVERY_TEXT], keys[160];
	gu_error err;

	tdb_mkdir(dir);
	snprintf(db_path, sizeof db_path, "%s/guanai.db", dir);
	snprintf(keys, sizeof keys, "%s-keys", db_path);
	cr_assert_eq(gu_keyring_create(&ring, "wang", "wang-secret-1", key, recovery, &err), 0);
	cr_assert_eq(gu_keyring_save(keys, &ring, &err), 0);
	gu_crypt_set_key(key);
}

/* Removes the scratch folder and forgets the key. */
static void teardown(void)
{
	gu_crypt_forget_key();
	tdb_rmdir(dir);
}

TestSuite(crypt_store, .init = setup, .fini = teardown, .timeout = 60);

/* Opens the store at path, which must work; returns it. */
static gu_db *open_ok(const char *path)
{
	gu_db *db = NULL;
	gu_error err;

	cr_assert_eq(gu_db_open(path, &db, &err), 0, "%s", err.message);
	return db;
}

/* Adds the child's case with an answer to db; writes its id. */
static void add_case(gu_db *db, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = "wang", .child_name = child, .child_id_number = id_number };
	gu_error err;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_save_answer(db, id, "child.name", child, NULL, &err), 0, "%s",
		err.message);
	cr_assert_eq(gu_case_save_answer(db, id, answer_key, answer, NULL, &err), 0, "%s",
		err.message);
}

/* Asserts that the case id reads back from db whole. */
static void assert_case(gu_db *db, const char *id)
{
	gu_case_info info;
	gu_error err;

	cr_assert_eq(gu_case_get(db, id, &info, &err), 0, "%s", err.message);
	cr_assert_str_eq(info.child_name, child);
}

/* Asserts that path holds no name, ID number or answer. */
static void assert_nothing_readable(const char *path)
{
	cr_assert(!tcrypt_file_holds(path, child), "%s shows the child's name", path);
	cr_assert(!tcrypt_file_holds(path, id_number), "%s shows the ID number", path);
	cr_assert(!tcrypt_file_holds(path, answer), "%s shows the answer", path);
}

Test(crypt_store, nothing_readable_in_the_database_its_log_or_a_backup)
{
	char id[GU_ID_SIZE], wal[160], bak[160], bak_keys[170];
	gu_db *db = open_ok(db_path);
	gu_error err;
	struct stat st;

	add_case(db, id);
	snprintf(wal, sizeof wal, "%s-wal", db_path);
	cr_assert_eq(stat(wal, &st), 0, "the log exists while the store is open");
	cr_assert_gt(st.st_size, 0);
	assert_nothing_readable(db_path);
	assert_nothing_readable(wal);
	snprintf(bak, sizeof bak, "%s/backup.db", dir);
	snprintf(bak_keys, sizeof bak_keys, "%s-keys", bak);
	cr_assert_eq(gu_db_backup(db, bak, 0, &err), 0, "%s", err.message);
	assert_nothing_readable(bak);
	cr_assert_eq(stat(bak_keys, &st), 0, "the key slots travel with the backup");
	gu_db_close(db);
	assert_nothing_readable(db_path);
	cr_assert_eq(gu_crypt_probe(db_path, NULL, NULL), GU_CRYPT_ENCRYPTED);
	db = open_ok(db_path);
	assert_case(db, id);
	cr_assert_eq(gu_db_check(db, &err), 0, "%s", err.message);
	gu_db_close(db);
	db = open_ok(bak);
	assert_case(db, id);
	gu_db_close(db);
}

Test(crypt_store, no_key_or_a_wrong_key_opens_nothing)
{
	char id[GU_ID_SIZE];
	unsigned char other[GU_CRYPT_KEY_BYTES];
	gu_db *db = open_ok(db_path);
	gu_error err;

	add_case(db, id);
	gu_db_close(db);
	gu_crypt_forget_key();
	db = NULL;
	cr_assert_eq(gu_db_open(db_path, &db, &err), -GU_EAUTH);
	cr_assert_null(db);
	cr_assert(strstr(err.message, "log in"), "%s", err.message);
	cr_assert_eq(gu_db_open_readonly(db_path, &db, &err), -GU_EAUTH);
	randombytes_buf(other, sizeof other);
	gu_crypt_set_key(other);
	cr_assert_eq(gu_db_open(db_path, &db, &err), -GU_EAUTH);
	cr_assert(strstr(err.message, "-keys"), "%s", err.message);
}

Test(crypt_store, a_damaged_page_is_reported_as_damage)
{
	char id[GU_ID_SIZE];
	gu_db *db = open_ok(db_path);
	gu_error err;
	unsigned char byte;
	struct stat st;
	off_t off;
	int fd, ret;

	add_case(db, id);
	gu_db_close(db);
	cr_assert_eq(stat(db_path, &st), 0);
	fd = open(db_path, O_RDWR);
	cr_assert_geq(fd, 0);
	for (off = 4096 + 500; off < st.st_size; off += 4096) {
		cr_assert_eq(pread(fd, &byte, 1, off), 1);
		byte ^= 0x55;
		cr_assert_eq(pwrite(fd, &byte, 1, off), 1);
	}
	close(fd);
	db = NULL;
	ret = gu_db_open(db_path, &db, &err);
	if (ret == 0) {
		ret = gu_db_check(db, &err);
		gu_db_close(db);
	}
	cr_assert_eq(ret, -GU_EDB_CORRUPT, "%d: %s", ret, err.message);
	cr_assert(strstr(err.message, "backup"), "%s", err.message);
}

Test(crypt_store, a_plain_database_is_encrypted_on_its_first_open)
{
	unsigned char key[GU_CRYPT_KEY_BYTES];
	char id[GU_ID_SIZE], leftover[200];
	gu_db *db;
	gu_error err;

	/* A database from before: no key set. */
	memset(key, 0, sizeof key);
	gu_crypt_forget_key();
	db = open_ok(db_path);
	add_case(db, id);
	gu_db_close(db);
	cr_assert(tcrypt_file_holds(db_path, id_number), "the old database is plain");
	cr_assert_eq(gu_crypt_probe(db_path, NULL, NULL), GU_CRYPT_PLAIN);
	/* The first open with a key encrypts it. */
	randombytes_buf(key, sizeof key);
	gu_crypt_set_key(key);
	db = NULL;
	cr_assert_eq(gu_db_open_readonly(db_path, &db, &err), -GU_EDB_NOTADB);
	cr_assert(strstr(err.message, "not yet encrypted"), "%s", err.message);
	db = open_ok(db_path);
	cr_assert(strstr(gu_db_notice(db), "encrypted"), "%s", gu_db_notice(db));
	assert_case(db, id);
	gu_db_close(db);
	cr_assert_eq(gu_crypt_probe(db_path, NULL, NULL), GU_CRYPT_ENCRYPTED);
	assert_nothing_readable(db_path);
	snprintf(leftover, sizeof leftover, "%s.encrypting", db_path);
	cr_assert_neq(access(leftover, F_OK), 0, "no copy is left beside it");
	db = open_ok(db_path);
	assert_case(db, id);
	cr_assert_str_eq(gu_db_notice(db), "", "encrypted once only");
	gu_db_close(db);
}
