/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the encrypting VFS shim: the page format against libsodium and
 * docs/privacy.md, round trips through the database, its log, journal,
 * temporary files and a backup, and every refusal: a wrong key, a flipped
 * byte, a truncated file, a page moved or copied from another file. */
#include "config.h"
#include <criterion/criterion.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/crypt_vfs.h"
#include "tests/test_crypt_util.h"
#include "tests/test_db_util.h"

static char dir[64];
static char db_path[128];
static const char secret_name[] = "张小明";
static const char secret_id[] = "110105201001011234";
static const char secret_answer[] = "hiv_positive_answer";

/* Makes the scratch folder, registers the shim and sets key 1. */
static void setup(void)
{
	unsigned char key[GU_CRYPT_KEY_BYTES];

	tdb_mkdir(dir);
	snprintf(db_path, sizeof db_path, "%s/c.db", dir);
	cr_assert_eq(gu_crypt_vfs_register(), SQLITE_OK);
	memset(key, 1, sizeof key);
	gu_crypt_set_key(key);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	gu_crypt_forget_key();
	tdb_rmdir(dir);
}

TestSuite(crypt, .init = setup, .fini = teardown, .timeout = 60);

/* Sets the key to bytes all equal to b. */
static void use_key(unsigned char b)
{
	unsigned char key[GU_CRYPT_KEY_BYTES];

	memset(key, b, sizeof key);
	gu_crypt_set_key(key);
}

/* Opens path through the shim, prepared; returns the handle. */
static sqlite3 *open_crypt(const char *path)
{
	sqlite3 *h = NULL;

	cr_assert_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
		GU_CRYPT_VFS_NAME), SQLITE_OK, "open %s", path);
	sqlite3_extended_result_codes(h, 1);
	cr_assert_eq(gu_crypt_prepare(h), SQLITE_OK);
	return h;
}

/* Runs sql on h; returns the SQLite result. */
static int run(sqlite3 *h, const char *sql)
{
	return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

/* Fills a new encrypted database at path with rows holding the secrets
 * (and n filler rows, so the file has many pages); returns the handle,
 * still open. */
static sqlite3 *make_db(const char *path, int n)
{
	sqlite3 *h = open_crypt(path);
	char *sql;

	cr_assert_eq(run(h, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
		"CREATE TABLE t (name TEXT, id TEXT, answer TEXT)"), SQLITE_OK, "%s", sqlite3_errmsg(h));
	sql = sqlite3_mprintf("INSERT INTO t VALUES (%Q, %Q, %Q);"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
		" INSERT INTO t SELECT 'filler ' || i, printf('%%018d', i), hex(randomblob(40)) FROM n",
		secret_name, secret_id, secret_answer, n);
	cr_assert_eq(run(h, sql), SQLITE_OK, "%s", sqlite3_errmsg(h));
	sqlite3_free(sql);
	return h;
}

/* Returns the result of reading the secret row back from h (SQLITE_OK
 * when it reads back whole). */
static int read_secret(sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, "SELECT name, id, answer, (SELECT count(*) FROM t) FROM t"
		" WHERE id = ?1", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, secret_id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		cr_assert_str_eq((const char *)sqlite3_column_text(st, 0), secret_name);
		cr_assert_str_eq((const char *)sqlite3_column_text(st, 2), secret_answer);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Returns the result of a full integrity_check of path through the shim:
 * SQLITE_OK when "ok", SQLITE_CORRUPT when it names a problem (a page that
 * cannot be read among them), or the error that stopped it. */
static int check_file(const char *path)
{
	sqlite3 *h = open_crypt(path);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0
			? SQLITE_OK : SQLITE_CORRUPT;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return rc;
}

/* Returns true when rc says damage: a page that failed its tag, or an
 * integrity_check that found a problem. */
static bool is_damage(int rc)
{
	return rc == SQLITE_IOERR_DATA || rc == SQLITE_CORRUPT;
}

/* Asserts that the file at path holds none of the secrets. */
static void assert_no_secret(const char *path)
{
	cr_assert(!tcrypt_file_holds(path, secret_name), "%s shows the name", path);
	cr_assert(!tcrypt_file_holds(path, secret_id), "%s shows the ID number", path);
	cr_assert(!tcrypt_file_holds(path, secret_answer), "%s shows the answer", path);
	cr_assert(!tcrypt_file_holds(path, "filler 12"), "%s shows a row", path);
}

/* Overwrites n bytes at off of the file at path with what buf holds. */
static void poke(const char *path, long off, const void *buf, size_t n)
{
	int fd = open(path, O_WRONLY);

	cr_assert_geq(fd, 0);
	cr_assert_eq(pwrite(fd, buf, n, off), (ssize_t)n);
	close(fd);
}

/* Reads n bytes at off of the file at path into buf. */
static void peek(const char *path, long off, void *buf, size_t n)
{
	int fd = open(path, O_RDONLY);

	cr_assert_geq(fd, 0);
	cr_assert_eq(pread(fd, buf, n, off), (ssize_t)n);
	close(fd);
}

/* Makes a closed, checkpointed database of many pages at path. */
static void make_closed_db(const char *path)
{
	sqlite3 *h = make_db(path, 300);

	cr_assert_eq(run(h, "PRAGMA wal_checkpoint(TRUNCATE)"), SQLITE_OK);
	sqlite3_close(h);
}

Test(crypt, page_format_is_the_documented_one)
{
	unsigned char key[GU_CRYPT_KEY_BYTES], salt[GU_CRYPT_SALT_BYTES], page[1024], clear[1024];
	unsigned char ad[4 + GU_CRYPT_SALT_BYTES], out[1024];
	unsigned char *nonce = page + sizeof page - GU_CRYPT_RESERVE;

	randombytes_buf(key, sizeof key);
	randombytes_buf(salt, sizeof salt);
	randombytes_buf(clear, sizeof clear);
	memset(clear + sizeof clear - GU_CRYPT_RESERVE, 0, GU_CRYPT_RESERVE);
	memcpy(page, clear, sizeof page);
	gu_crypt_seal_page(page, sizeof page, 7, 0, key, salt);
	/* Page 7: associated data 00 00 00 07 then the salt; nonce, then tag. */
	ad[0] = 0, ad[1] = 0, ad[2] = 0, ad[3] = 7;
	memcpy(ad + 4, salt, sizeof salt);
	cr_assert_eq(crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out, NULL, page,
		sizeof page - GU_CRYPT_RESERVE, nonce + 24, ad, sizeof ad, nonce, key), 0);
	cr_assert_eq(memcmp(out, clear, sizeof page - GU_CRYPT_RESERVE), 0);
	cr_assert_neq(memcmp(page, clear, 64), 0);
	cr_assert_eq(gu_crypt_open_page(page, sizeof page, 7, 0, key, salt), 0);
	cr_assert_eq(memcmp(page, clear, sizeof page), 0);
}

Test(crypt, known_answer_page_opens)
{
	/* Sealed with libsodium alone as docs/privacy.md says: key 00..1f,
	 * salt a0..af, page 3 of 512 bytes, all 'x' but its reserved bytes. */
	unsigned char key[GU_CRYPT_KEY_BYTES], salt[GU_CRYPT_SALT_BYTES], page[512];
	unsigned char ad[4 + GU_CRYPT_SALT_BYTES] = { 0, 0, 0, 3 };
	unsigned char *nonce = page + sizeof page - GU_CRYPT_RESERVE;
	unsigned i;

	for (i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)i;
	for (i = 0; i < sizeof salt; i++)
		salt[i] = (unsigned char)(0xa0 + i);
	memcpy(ad + 4, salt, sizeof salt);
	memset(page, 'x', sizeof page - GU_CRYPT_RESERVE);
	for (i = 0; i < 24; i++)
		nonce[i] = (unsigned char)(0x40 + i);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(page, nonce + 24, NULL, page,
		sizeof page - GU_CRYPT_RESERVE, ad, sizeof ad, NULL, nonce, key);
	/* The first ciphertext bytes and the tag are fixed by the cipher. */
	{
		unsigned char copy[512];

		memcpy(copy, page, sizeof page);
		cr_assert_eq(gu_crypt_open_page(copy, sizeof copy, 3, 0, key, salt), 0);
		for (i = 0; i < sizeof copy - GU_CRYPT_RESERVE; i++)
			cr_assert_eq(copy[i], 'x');
		memcpy(copy, page, sizeof page);
		cr_assert_eq(gu_crypt_open_page(copy, sizeof copy, 4, 0, key, salt), -1,
			"page 3 must not open as page 4");
		memcpy(copy, page, sizeof page);
		salt[0] ^= 1;
		cr_assert_eq(gu_crypt_open_page(copy, sizeof copy, 3, 0, key, salt), -1,
			"a page must not open under another file's salt");
		for (i = 0; i < sizeof copy; i++)
			cr_assert_eq(copy[i], 0, "a refused page hands back no bytes");
	}
}

Test(crypt, a_fresh_nonce_on_every_write)
{
	unsigned char key[GU_CRYPT_KEY_BYTES] = { 9 }, salt[GU_CRYPT_SALT_BYTES] = { 8 };
	unsigned char a[512] = { 0 }, b[512] = { 0 };

	gu_crypt_seal_page(a, sizeof a, 2, 0, key, salt);
	gu_crypt_seal_page(b, sizeof b, 2, 0, key, salt);
	cr_assert_neq(memcmp(a, b, sizeof a), 0, "the same page sealed twice must differ");
}

Test(crypt, round_trip_and_nothing_readable_in_the_file_or_its_log)
{
	char wal[160];
	sqlite3 *h = make_db(db_path, 300), *again;

	snprintf(wal, sizeof wal, "%s-wal", db_path);
	cr_assert_eq(read_secret(h), SQLITE_OK);
	assert_no_secret(db_path);
	assert_no_secret(wal);
	/* A second connection reads what the first wrote through the log. */
	again = open_crypt(db_path);
	cr_assert_eq(read_secret(again), SQLITE_OK);
	sqlite3_close(again);
	cr_assert_eq(run(h, "PRAGMA wal_checkpoint(PASSIVE)"), SQLITE_OK);
	assert_no_secret(db_path);
	sqlite3_close(h);
	h = open_crypt(db_path);
	cr_assert_eq(read_secret(h), SQLITE_OK);
	sqlite3_close(h);
	cr_assert_eq(check_file(db_path), SQLITE_OK);
	cr_assert_eq(gu_crypt_probe(db_path, NULL, NULL), GU_CRYPT_ENCRYPTED);
}

Test(crypt, a_log_left_by_a_crash_is_recovered)
{
	char copy[160], wal[160], copy_wal[170], cmd[700];
	sqlite3 *h = make_db(db_path, 50);

	/* Copy the file and its log while open, as a power cut leaves them:
	 * the copy's log must be replayed, its checksums over the clear pages. */
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(wal, sizeof wal, "%s-wal", db_path);
	snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && cp '%s' '%s'", db_path, copy, wal, copy_wal);
	cr_assert_eq(system(cmd), 0);
	sqlite3_close(h);
	h = open_crypt(copy);
	cr_assert_eq(read_secret(h), SQLITE_OK, "%s", sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* Returns the number of rows of t whose id is id on h, or -1. */
static int count_id(sqlite3 *h, const char *id)
{
	sqlite3_stmt *st = NULL;
	int n = -1;

	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM t WHERE id = ?1", -1, &st, NULL) == SQLITE_OK
			&& sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC) == SQLITE_OK
			&& sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

Test(crypt, a_frame_torn_by_a_crash_ends_the_log_and_the_rest_is_recovered)
{
	char copy[160], wal[160], copy_wal[170], cmd[700];
	unsigned char junk[200];
	sqlite3 *h = make_db(db_path, 50);
	struct stat st;
	int page = 0, fd;
	sqlite3_stmt *ps = NULL;

	cr_assert_eq(sqlite3_prepare_v2(h, "PRAGMA page_size", -1, &ps, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(ps), SQLITE_ROW);
	page = sqlite3_column_int(ps, 0);
	sqlite3_finalize(ps);
	cr_assert_eq(run(h, "INSERT INTO t VALUES ('late', 'late-id', 'x')"), SQLITE_OK);
	/* A power cut in the middle of the last frame's page: its header is
	 * there, its page half written over what the file held. */
	snprintf(copy, sizeof copy, "%s/torn.db", dir);
	snprintf(wal, sizeof wal, "%s-wal", db_path);
	snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && cp '%s' '%s'", db_path, copy, wal, copy_wal);
	cr_assert_eq(system(cmd), 0);
	sqlite3_close(h);
	cr_assert_eq(stat(copy_wal, &st), 0);
	memset(junk, 0x5a, sizeof junk);
	fd = open(copy_wal, O_WRONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(pwrite(fd, junk, sizeof junk, st.st_size - page / 2), (ssize_t)sizeof junk);
	close(fd);
	h = open_crypt(copy);
	cr_assert_eq(read_secret(h), SQLITE_OK, "the commits before the torn frame are read: %s",
		sqlite3_errmsg(h));
	cr_assert_eq(count_id(h, "late-id"), 0, "the torn commit is not applied");
	sqlite3_close(h);
}

Test(crypt, a_backup_is_encrypted_with_its_own_salt)
{
	char bak[160];
	unsigned char a[GU_CRYPT_HEADER], b[GU_CRYPT_HEADER];
	sqlite3 *h = make_db(db_path, 200), *to;
	sqlite3_backup *bk;

	snprintf(bak, sizeof bak, "%s/backup.db", dir);
	to = open_crypt(bak);
	bk = sqlite3_backup_init(to, "main", h, "main");
	cr_assert_not_null(bk);
	cr_assert_eq(sqlite3_backup_step(bk, -1), SQLITE_DONE);
	cr_assert_eq(sqlite3_backup_finish(bk), SQLITE_OK);
	sqlite3_close(to);
	sqlite3_close(h);
	assert_no_secret(bak);
	cr_assert_eq(check_file(bak), SQLITE_OK);
	to = open_crypt(bak);
	cr_assert_eq(read_secret(to), SQLITE_OK);
	sqlite3_close(to);
	peek(db_path, 0, a, sizeof a);
	peek(bak, 0, b, sizeof b);
	cr_assert_neq(memcmp(a + 72, b + 72, GU_CRYPT_SALT_BYTES), 0, "each file has its own salt");
}

Test(crypt, a_rollback_journal_is_encrypted_and_rolls_back)
{
	char journal[160];
	sqlite3 *h = open_crypt(db_path);
	char *sql;

	snprintf(journal, sizeof journal, "%s-journal", db_path);
	sql = sqlite3_mprintf("PRAGMA journal_mode = PERSIST; CREATE TABLE t (name, id, answer);"
		"INSERT INTO t VALUES (%Q, %Q, %Q)", secret_name, secret_id, secret_answer);
	cr_assert_eq(run(h, sql), SQLITE_OK, "%s", sqlite3_errmsg(h));
	sqlite3_free(sql);
	cr_assert_eq(run(h, "BEGIN; UPDATE t SET name = 'changed', answer = 'gone';"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
		" INSERT INTO t SELECT 'x', i, zeroblob(300) FROM n"), SQLITE_OK);
	assert_no_secret(journal);
	cr_assert_eq(run(h, "ROLLBACK"), SQLITE_OK);
	cr_assert_eq(read_secret(h), SQLITE_OK);
	sqlite3_close(h);
	assert_no_secret(journal);
	cr_assert_eq(check_file(db_path), SQLITE_OK);
}

Test(crypt, temporary_files_on_disk_read_back)
{
	sqlite3 *h = make_db(db_path, 20);
	sqlite3_stmt *st = NULL;

	/* Temporary tables and a sort spilled to files, through the shim's stream. */
	cr_assert_eq(run(h, "PRAGMA temp_store = FILE; PRAGMA cache_size = 10;"
		"CREATE TEMP TABLE tt AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
		" FROM n WHERE i < 5000) SELECT i, hex(randomblob(50)) AS h FROM n"), SQLITE_OK,
		"%s", sqlite3_errmsg(h));
	cr_assert_eq(sqlite3_prepare_v2(h, "SELECT count(*), sum(i), min(length(h)), max(length(h))"
		" FROM (SELECT i, h FROM tt ORDER BY h)", -1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(st, 0), 5000);
	cr_assert_eq(sqlite3_column_int64(st, 1), 5000LL * 5001 / 2);
	cr_assert_eq(sqlite3_column_int(st, 2), 100);
	cr_assert_eq(sqlite3_column_int(st, 3), 100);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

Test(crypt, a_wrong_key_gets_no_data)
{
	sqlite3 *h;
	unsigned char key[GU_CRYPT_KEY_BYTES];
	bool fits = true;

	make_closed_db(db_path);
	memset(key, 2, sizeof key);
	cr_assert_eq(gu_crypt_probe(db_path, key, &fits), GU_CRYPT_ENCRYPTED);
	cr_assert(!fits);
	memset(key, 1, sizeof key);
	cr_assert_eq(gu_crypt_probe(db_path, key, &fits), GU_CRYPT_ENCRYPTED);
	cr_assert(fits);
	use_key(2);
	h = open_crypt(db_path);
	cr_assert_eq(read_secret(h), SQLITE_NOTADB);
	cr_assert_eq(run(h, "INSERT INTO t VALUES (1, 2, 3)"), SQLITE_NOTADB);
	sqlite3_close(h);
	use_key(1);
	h = open_crypt(db_path);
	cr_assert_eq(read_secret(h), SQLITE_OK, "the wrong key changed nothing");
	sqlite3_close(h);
}

Test(crypt, no_key_opens_nothing)
{
	sqlite3 *h = NULL;

	make_closed_db(db_path);
	gu_crypt_forget_key();
	cr_assert_neq(sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READWRITE, GU_CRYPT_VFS_NAME),
		SQLITE_OK);
	sqlite3_close(h);
}

Test(crypt, a_flipped_byte_is_damage)
{
	unsigned char byte;
	sqlite3 *h;
	long offs[] = { 4096 + 200, 4096 * 3 + 4096 - 20, 4096 * 2 + 4096 - 1, 300 };
	size_t i;
	char copy[160], cmd[400];

	make_closed_db(db_path);
	for (i = 0; i < sizeof offs / sizeof offs[0]; i++) {
		snprintf(copy, sizeof copy, "%s/flip%zu.db", dir, i);
		snprintf(cmd, sizeof cmd, "cp '%s' '%s'", db_path, copy);
		cr_assert_eq(system(cmd), 0);
		peek(copy, offs[i], &byte, 1);
		byte ^= 0x10;
		poke(copy, offs[i], &byte, 1);
		h = open_crypt(copy);
		cr_assert_neq(read_secret(h) == SQLITE_OK && check_file(copy) == SQLITE_OK, 1,
			"a flipped byte at %ld went unseen", offs[i]);
		sqlite3_close(h);
		cr_assert(is_damage(check_file(copy)), "byte %ld: %d", offs[i], check_file(copy));
	}
}

Test(crypt, a_flipped_header_byte_is_damage)
{
	unsigned char byte;
	sqlite3 *h;

	make_closed_db(db_path);
	peek(db_path, 60, &byte, 1); /* the layout number */
	byte ^= 1;
	poke(db_path, 60, &byte, 1);
	h = open_crypt(db_path);
	cr_assert(is_damage(read_secret(h)));
	sqlite3_close(h);
}

Test(crypt, a_truncated_file_is_damage)
{
	sqlite3_int64 size;
	struct stat st;

	make_closed_db(db_path);
	cr_assert_eq(stat(db_path, &st), 0);
	size = st.st_size;
	cr_assert_eq(truncate(db_path, (off_t)(size - 4096 - 100)), 0);
	cr_assert_neq(check_file(db_path), SQLITE_OK);
}

Test(crypt, a_page_moved_within_the_file_is_damage)
{
	unsigned char page[4096];

	make_closed_db(db_path);
	peek(db_path, 4096 * 2, page, sizeof page);
	poke(db_path, 4096 * 3, page, sizeof page);
	cr_assert(is_damage(check_file(db_path)));
}

Test(crypt, a_page_from_another_file_is_damage)
{
	char other[160];
	unsigned char page[4096];

	snprintf(other, sizeof other, "%s/other.db", dir);
	make_closed_db(db_path);
	make_closed_db(other);
	peek(other, 4096 * 2, page, sizeof page);
	poke(db_path, 4096 * 2, page, sizeof page);
	cr_assert(is_damage(check_file(db_path)));
	peek(other, 0, page, sizeof page);
	poke(db_path, 0, page, sizeof page);
	cr_assert_neq(check_file(db_path), SQLITE_OK, "page 1 of another file carries its salt");
}

Test(crypt, a_plain_database_is_not_read_as_encrypted)
{
	sqlite3 *h = NULL;

	cr_assert_eq(sqlite3_open(db_path, &h), SQLITE_OK);
	cr_assert_eq(run(h, "CREATE TABLE t (name, id, answer); INSERT INTO t VALUES (1, 2, 3)"),
		SQLITE_OK);
	sqlite3_close(h);
	cr_assert_eq(gu_crypt_probe(db_path, NULL, NULL), GU_CRYPT_PLAIN);
	h = open_crypt(db_path);
	cr_assert_eq(run(h, "SELECT * FROM t"), SQLITE_NOTADB);
	sqlite3_close(h);
}

Test(crypt, kinds_of_files)
{
	unsigned char hdr[GU_CRYPT_HEADER] = "SQLite format 3";

	cr_assert_eq(gu_crypt_kind_of(hdr, 0), GU_CRYPT_EMPTY);
	cr_assert_eq(gu_crypt_kind_of((const unsigned char *)"hello", 5), GU_CRYPT_OTHER);
	cr_assert_eq(gu_crypt_kind_of(hdr, sizeof hdr), GU_CRYPT_PLAIN);
	hdr[20] = GU_CRYPT_RESERVE;
	cr_assert_eq(gu_crypt_kind_of(hdr, sizeof hdr), GU_CRYPT_PLAIN, "no salt: not ours");
	hdr[75] = 1;
	cr_assert_eq(gu_crypt_kind_of(hdr, sizeof hdr), GU_CRYPT_ENCRYPTED);
	cr_assert_eq(gu_crypt_probe("/nonexistent/guanai.db", NULL, NULL), -1);
}
