/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The encrypting VFS shim (docs/privacy.md, "The page format").  It sits
 * on the default VFS as SQLite's ext/misc/cksumvfs.c does, and changes
 * only the bytes of pages: the database's, the write-ahead log's frames,
 * the rollback journal's records.  Temporary files get an in-memory key of
 * their own and the XChaCha20 stream at their byte offset. */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#ifdef GU_CRYPT_EXTENSION
/* Built into the sqlite3 shell's extension (db/crypt_ext.c): SQLite's
 * functions through the table the shell hands over. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#endif

#include "db/crypt_vfs.h"

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SALT_BYTES GU_CRYPT_SALT_BYTES
#define SALT_AT 72          /* header bytes 72-87: the file's salt */
#define CHECK_AT 88         /* header bytes 88-91: the key check */
#define CHECK_BYTES 4
#define RESERVE_AT 20       /* header byte 20: reserved bytes per page */
#define WAL_HEADER 32
#define WAL_FRAME_HEADER 24
#define STREAM_BLOCK 64

_Static_assert(NONCE_BYTES + TAG_BYTES == GU_CRYPT_RESERVE, "nonce and tag fill the reserve");

/* What a file opened through the shim is, and so how its bytes are kept. */
enum file_role {
	ROLE_CLEAR,    /* holds no page data (super-journal): bytes as they are */
	ROLE_MAIN,     /* a database: pages sealed by page number */
	ROLE_WAL,      /* frames: header in the clear, page sealed */
	ROLE_JOURNAL,  /* records: page number in the clear, page sealed */
	ROLE_TEMP      /* temporary: XChaCha20 stream under its own key */
};

/* The keys of one open file, in memory of their own (sodium_malloc: locked,
 * out of core dumps, between guard pages), wiped when the file closes. */
struct file_keys {
	unsigned char key[GU_CRYPT_KEY_BYTES];                    /* the database key */
	unsigned char stream_key[crypto_stream_xchacha20_KEYBYTES]; /* a temporary file's */
};

/* One open file: the shim's state, then the real file (szOsFile bytes). */
struct crypt_file {
	sqlite3_file base;
	enum file_role role;
	struct crypt_file *main;  /* the database a log or journal belongs to */
	bool key_set;             /* key holds the database key */
	bool salt_known;          /* salt is the file's (or chosen for a new one) */
	bool key_wrong;           /* the header's key check says another key */
	struct file_keys *keys;   /* sodium_malloc'd (locked in memory); NULL: none */
	unsigned char salt[SALT_BYTES];
	unsigned char stream_nonce[crypto_stream_xchacha20_NONCEBYTES];
	unsigned char *scratch;   /* a copy of the bytes being written */
	size_t scratch_size;
};

#define REAL_FILE(p) ((sqlite3_file *)((struct crypt_file *)(p) + 1))
#define ROOT_VFS(vfs) ((sqlite3_vfs *)(vfs)->pAppData)

/* The key set, in memory of its own (sodium_malloc: locked, out of core
 * dumps, between guard pages); NULL while none is. */
static unsigned char *the_key;

/* Sets the database key files opened from now on use (when no locked
 * memory can be had, no key is set and no file opens). */
void gu_crypt_set_key(const unsigned char key[GU_CRYPT_KEY_BYTES])
{
	if (!the_key && (sodium_init() < 0 || !(the_key = sodium_malloc(GU_CRYPT_KEY_BYTES))))
		return;
	memcpy(the_key, key, GU_CRYPT_KEY_BYTES);
}

/* Wipes the key and gives its memory back. */
void gu_crypt_forget_key(void)
{
	sodium_free(the_key); /* wipes it first; NULL is allowed */
	the_key = NULL;
}

/* Returns true while a key is set. */
bool gu_crypt_has_key(void)
{
	return the_key != NULL;
}

/* Copies the key set into out; returns false when none is. */
bool gu_crypt_copy_key(unsigned char out[GU_CRYPT_KEY_BYTES])
{
	if (!the_key) {
		sodium_memzero(out, GU_CRYPT_KEY_BYTES);
		return false;
	}
	memcpy(out, the_key, GU_CRYPT_KEY_BYTES);
	return true;
}

/* Returns true when n is a page size SQLite allows (a power of two from
 * 512 to 65536). */
static bool is_page_size(int n)
{
	return n >= 512 && n <= 65536 && (n & (n - 1)) == 0;
}

/* Writes the key check for salt under key into out. */
static void key_check(const unsigned char salt[SALT_BYTES], const unsigned char key[GU_CRYPT_KEY_BYTES],
	unsigned char out[CHECK_BYTES])
{
	static const char label[] = "guanai database key check";
	unsigned char msg[SALT_BYTES + sizeof label], hash[16];

	memcpy(msg, salt, SALT_BYTES);
	memcpy(msg + SALT_BYTES, label, sizeof label);
	crypto_generichash(hash, sizeof hash, msg, sizeof msg, key, GU_CRYPT_KEY_BYTES);
	memcpy(out, hash, CHECK_BYTES);
}

/* Returns true when all n bytes at p are zero. */
static bool all_zero(const unsigned char *p, size_t n)
{
	return sodium_is_zero(p, n) == 1;
}

/* Returns what the n first bytes of a file say it is. */
enum gu_crypt_kind gu_crypt_kind_of(const unsigned char *hdr, size_t n)
{
	static const char magic[16] = "SQLite format 3";

	if (n == 0)
		return GU_CRYPT_EMPTY;
	if (n < GU_CRYPT_HEADER || memcmp(hdr, magic, sizeof magic) != 0)
		return GU_CRYPT_OTHER;
	if (hdr[RESERVE_AT] == GU_CRYPT_RESERVE && !all_zero(hdr + SALT_AT, SALT_BYTES))
		return GU_CRYPT_ENCRYPTED;
	return GU_CRYPT_PLAIN;
}

/* Returns true when key opens the encrypted file whose header is hdr. */
bool gu_crypt_key_fits(const unsigned char hdr[GU_CRYPT_HEADER],
	const unsigned char key[GU_CRYPT_KEY_BYTES])
{
	unsigned char check[CHECK_BYTES];

	key_check(hdr + SALT_AT, key, check);
	return sodium_memcmp(check, hdr + CHECK_AT, CHECK_BYTES) == 0;
}

/* Reads the header of the file at path; returns its kind or -1. */
int gu_crypt_probe(const char *path, const unsigned char key[GU_CRYPT_KEY_BYTES], bool *fits)
{
	unsigned char hdr[GU_CRYPT_HEADER];
	size_t n;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC), kind, e;

	if (fd < 0)
		return -1;
	do
		got = pread(fd, hdr, sizeof hdr, 0);
	while (got < 0 && errno == EINTR);
	e = errno;
	close(fd);
	if (got < 0) {
		errno = e;
		return -1;
	}
	n = (size_t)got;
	kind = (int)gu_crypt_kind_of(hdr, n);
	if (fits)
		*fits = kind == GU_CRYPT_ENCRYPTED && key && gu_crypt_key_fits(hdr, key);
	return kind;
}

/* Probes path with the key set; returns its kind or -1. */
int gu_crypt_probe_set(const char *path, bool *fits)
{
	return gu_crypt_probe(path, the_key, fits);
}

/* Fills ad with the associated data of page pgno: its number, the file's
 * salt and, for page 1 of a database, its header with the salt and key
 * check zeroed; returns its length. */
static size_t page_ad(unsigned char ad[4 + SALT_BYTES + GU_CRYPT_HEADER], uint32_t pgno,
	const unsigned char salt[SALT_BYTES], const unsigned char *header)
{
	size_t n = 0;

	ad[n++] = (unsigned char)(pgno >> 24);
	ad[n++] = (unsigned char)(pgno >> 16);
	ad[n++] = (unsigned char)(pgno >> 8);
	ad[n++] = (unsigned char)pgno;
	memcpy(ad + n, salt, SALT_BYTES);
	n += SALT_BYTES;
	if (header) {
		memcpy(ad + n, header, GU_CRYPT_HEADER);
		memset(ad + n + SALT_AT, 0, SALT_BYTES + CHECK_BYTES);
		n += GU_CRYPT_HEADER;
	}
	return n;
}

/* Seals page pgno (size bytes at page, clear_head of them left in the
 * clear) in place under key and salt, with a fresh nonce in its reserved
 * bytes. */
void gu_crypt_seal_page(unsigned char *page, int size, uint32_t pgno, int clear_head,
	const unsigned char key[GU_CRYPT_KEY_BYTES], const unsigned char salt[GU_CRYPT_SALT_BYTES])
{
	unsigned char ad[4 + SALT_BYTES + GU_CRYPT_HEADER];
	unsigned char *nonce = page + size - GU_CRYPT_RESERVE, *tag = nonce + NONCE_BYTES;
	size_t len = page_ad(ad, pgno, salt, clear_head ? page : NULL);

	randombytes_buf(nonce, NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(page + clear_head, tag, NULL,
		page + clear_head, (unsigned long long)(size - GU_CRYPT_RESERVE - clear_head),
		ad, len, NULL, nonce, key);
}

/* Opens sealed page pgno in place, zeroing its reserved bytes; returns 0,
 * or -1 when it is not the page written there with key and salt (then the
 * page holds no clear bytes). */
int gu_crypt_open_page(unsigned char *page, int size, uint32_t pgno, int clear_head,
	const unsigned char key[GU_CRYPT_KEY_BYTES], const unsigned char salt[GU_CRYPT_SALT_BYTES])
{
	unsigned char ad[4 + SALT_BYTES + GU_CRYPT_HEADER];
	unsigned char *nonce = page + size - GU_CRYPT_RESERVE, *tag = nonce + NONCE_BYTES;
	size_t len = page_ad(ad, pgno, salt, clear_head ? page : NULL);
	int ret = crypto_aead_xchacha20poly1305_ietf_decrypt_detached(page + clear_head, NULL,
		page + clear_head, (unsigned long long)(size - GU_CRYPT_RESERVE - clear_head),
		tag, ad, len, nonce, key);

	if (ret != 0)
		sodium_memzero(page + clear_head, (size_t)(size - clear_head));
	else
		sodium_memzero(nonce, GU_CRYPT_RESERVE);
	return ret == 0 ? 0 : -1;
}

/* XORs n bytes at buf with the temporary file's stream at offset off. */
static void stream_xor(struct crypt_file *p, unsigned char *buf, size_t n, sqlite3_int64 off)
{
	size_t skip = (size_t)(off % STREAM_BLOCK), done = 0;

	if (skip) {
		unsigned char block[STREAM_BLOCK] = { 0 };
		size_t part = STREAM_BLOCK - skip < n ? STREAM_BLOCK - skip : n, i;

		crypto_stream_xchacha20_xor_ic(block, block, sizeof block, p->stream_nonce,
			(uint64_t)(off / STREAM_BLOCK), p->keys->stream_key);
		for (i = 0; i < part; i++)
			buf[i] ^= block[skip + i];
		sodium_memzero(block, sizeof block);
		done = part;
	}
	if (done < n)
		crypto_stream_xchacha20_xor_ic(buf + done, buf + done, n - done, p->stream_nonce,
			(uint64_t)((off + (sqlite3_int64)done) / STREAM_BLOCK), p->keys->stream_key);
}

/* Returns a buffer of at least n bytes holding a copy of src, or NULL when
 * out of memory. */
static unsigned char *scratch_copy(struct crypt_file *p, const void *src, size_t n)
{
	if (p->scratch_size < n) {
		unsigned char *grown = sqlite3_realloc64(p->scratch, n);

		if (!grown)
			return NULL;
		p->scratch = grown;
		p->scratch_size = n;
	}
	memcpy(p->scratch, src, n);
	return p->scratch;
}

/* Returns the big-endian 32-bit number at p. */
static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads the page number stored back bytes before off in a log or journal;
 * returns an SQLite result code. */
static int number_before(struct crypt_file *p, sqlite3_int64 off, int back, uint32_t *pgno)
{
	unsigned char num[4];
	sqlite3_file *real = REAL_FILE(p);
	int rc;

	if (off < back)
		return SQLITE_IOERR_READ;
	rc = real->pMethods->xRead(real, num, 4, off - back);
	if (rc == SQLITE_OK)
		*pgno = get_u32(num);
	return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_DATA : rc;
}

/* Takes the salt and key check from a database header just read (n bytes
 * from offset 0) when they are there. */
static void learn_header(struct crypt_file *p, const unsigned char *hdr, int n)
{
	if (n < GU_CRYPT_HEADER || gu_crypt_kind_of(hdr, (size_t)n) != GU_CRYPT_ENCRYPTED)
		return;
	memcpy(p->salt, hdr + SALT_AT, SALT_BYTES);
	p->salt_known = true;
	p->key_wrong = !gu_crypt_key_fits(hdr, p->keys->key);
}

/* Returns the result for a database whose pages this key cannot open:
 * SQLITE_NOTADB for a wrong key or a file the shim did not write. */
static int refuse_main(const struct crypt_file *m)
{
	return !m->salt_known || m->key_wrong ? SQLITE_NOTADB : SQLITE_OK;
}

/* Reads from a database file; returns an SQLite result code. */
static int read_main(struct crypt_file *p, unsigned char *buf, int amt, sqlite3_int64 off)
{
	sqlite3_file *real = REAL_FILE(p);
	int rc = real->pMethods->xRead(real, buf, amt, off);
	uint32_t pgno;

	if (off + amt <= GU_CRYPT_HEADER) {
		if (off == 0 && rc == SQLITE_OK)
			learn_header(p, buf, amt);
		return rc;
	}
	if (!is_page_size(amt) || off % amt != 0)
		return SQLITE_IOERR_READ;
	if (rc == SQLITE_IOERR_SHORT_READ && all_zero(buf, (size_t)amt))
		return rc; /* past the end: a page not yet written */
	if (rc == SQLITE_IOERR_SHORT_READ)
		return SQLITE_IOERR_DATA; /* a page cut short */
	if (rc != SQLITE_OK)
		return rc;
	pgno = (uint32_t)(off / amt) + 1;
	if (pgno == 1)
		learn_header(p, buf, amt);
	if (refuse_main(p) != SQLITE_OK) {
		sodium_memzero(buf, (size_t)amt);
		return refuse_main(p);
	}
	if (gu_crypt_open_page(buf, amt, pgno, pgno == 1 ? GU_CRYPT_HEADER : 0, p->keys->key, p->salt) < 0)
		return SQLITE_IOERR_DATA;
	return SQLITE_OK;
}

/* Writes whole pages to a database file; returns an SQLite result code. */
static int write_main(struct crypt_file *p, const unsigned char *buf, int amt, sqlite3_int64 off)
{
	sqlite3_file *real = REAL_FILE(p);
	unsigned char *page;
	uint32_t pgno;

	if (!is_page_size(amt) || off % amt != 0)
		return SQLITE_IOERR_WRITE;
	if (p->key_wrong)
		return SQLITE_NOTADB;
	pgno = (uint32_t)(off / amt) + 1;
	if (pgno == 1 && buf[RESERVE_AT] != GU_CRYPT_RESERVE)
		return SQLITE_IOERR_WRITE; /* the pages have no room for nonce and tag */
	if (!p->salt_known)
		return SQLITE_NOTADB;
	page = scratch_copy(p, buf, (size_t)amt);
	if (!page)
		return SQLITE_IOERR_NOMEM;
	if (pgno == 1) {
		memcpy(page + SALT_AT, p->salt, SALT_BYTES);
		key_check(p->salt, p->keys->key, page + CHECK_AT);
	}
	gu_crypt_seal_page(page, amt, pgno, pgno == 1 ? GU_CRYPT_HEADER : 0, p->keys->key, p->salt);
	return real->pMethods->xWrite(real, page, amt, off);
}

/* Returns how many bytes before a page its number is stored in a log or
 * journal. */
static int number_offset(const struct crypt_file *p)
{
	return p->role == ROLE_WAL ? WAL_FRAME_HEADER : 4;
}

/* Returns true when off is where a page's bytes begin in a log or journal
 * of pages of size bytes: after a frame's header, or 4 bytes into a
 * journal record (never at the 8-byte boundary a journal header has). */
static bool page_offset(const struct crypt_file *p, sqlite3_int64 off, int size)
{
	if (p->role == ROLE_WAL)
		return off >= WAL_HEADER + WAL_FRAME_HEADER
			&& (off - WAL_HEADER - WAL_FRAME_HEADER) % (size + WAL_FRAME_HEADER) == 0;
	return off % 8 == 4;
}

/* Reads from a write-ahead log or rollback journal; returns an SQLite
 * result code. */
static int read_log(struct crypt_file *p, unsigned char *buf, int amt, sqlite3_int64 off)
{
	sqlite3_file *real = REAL_FILE(p);
	struct crypt_file *m = p->main;
	int rc = real->pMethods->xRead(real, buf, amt, off), page_at = 0, size = amt;
	uint32_t pgno;

	if (p->role == ROLE_WAL && is_page_size(amt - WAL_FRAME_HEADER)) {
		page_at = WAL_FRAME_HEADER; /* a whole frame, header and page */
		size = amt - WAL_FRAME_HEADER;
	} else if (!is_page_size(amt) || !page_offset(p, off, amt)) {
		return rc; /* headers, numbers and checksums are in the clear */
	}
	if (rc != SQLITE_OK)
		return rc == SQLITE_IOERR_SHORT_READ && !all_zero(buf, (size_t)amt)
			? SQLITE_IOERR_DATA : rc;
	if (refuse_main(m) != SQLITE_OK) {
		sodium_memzero(buf, (size_t)amt);
		return refuse_main(m);
	}
	if (page_at)
		pgno = get_u32(buf);
	else if ((rc = number_before(p, off, number_offset(p), &pgno)) != SQLITE_OK)
		return rc;
	if (gu_crypt_open_page(buf + page_at, size, pgno, 0, m->keys->key, m->salt) == 0)
		return SQLITE_OK;
	/* Only the log's recovery reads whole frames, and it checks each one
	 * against the checksum SQLite wrote over the clear page.  A frame a
	 * crash tore (its header written, its page half over an older frame of
	 * a log begun again) does not open: its page is given back as zeros,
	 * which fail that checksum, so the log ends before it as SQLite ends a
	 * plain log at a torn frame.  Nothing of the page is read as data. */
	if (page_at) {
		sodium_memzero(buf + page_at, (size_t)size);
		return SQLITE_OK;
	}
	return SQLITE_IOERR_DATA;
}

/* Writes to a write-ahead log or rollback journal; returns an SQLite
 * result code. */
static int write_log(struct crypt_file *p, const unsigned char *buf, int amt, sqlite3_int64 off)
{
	sqlite3_file *real = REAL_FILE(p);
	struct crypt_file *m = p->main;
	int page_at = 0, size = amt, rc;
	unsigned char *copy;
	uint32_t pgno;

	if (p->role == ROLE_WAL && is_page_size(amt - WAL_FRAME_HEADER)) {
		page_at = WAL_FRAME_HEADER;
		size = amt - WAL_FRAME_HEADER;
	} else if (!is_page_size(amt) || !page_offset(p, off, amt)) {
		return real->pMethods->xWrite(real, buf, amt, off);
	}
	if (refuse_main(m) != SQLITE_OK)
		return refuse_main(m);
	if (page_at)
		pgno = get_u32(buf);
	else if ((rc = number_before(p, off, number_offset(p), &pgno)) != SQLITE_OK)
		return rc;
	copy = scratch_copy(p, buf, (size_t)amt);
	if (!copy)
		return SQLITE_IOERR_NOMEM;
	gu_crypt_seal_page(copy + page_at, size, pgno, 0, m->keys->key, m->salt);
	return real->pMethods->xWrite(real, copy, amt, off);
}

/* Reads amt bytes at off, opening what is sealed; returns an SQLite result. */
static int crypt_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
	struct crypt_file *p = (struct crypt_file *)f;
	sqlite3_file *real = REAL_FILE(p);
	int rc;

	switch (p->role) {
	case ROLE_MAIN:
		return read_main(p, buf, amt, off);
	case ROLE_WAL:
	case ROLE_JOURNAL:
		return read_log(p, buf, amt, off);
	case ROLE_TEMP:
		rc = real->pMethods->xRead(real, buf, amt, off);
		if (rc == SQLITE_OK)
			stream_xor(p, buf, (size_t)amt, off);
		else if (rc == SQLITE_IOERR_SHORT_READ)
			memset(buf, 0, (size_t)amt); /* a temporary file is rewritten, never trusted past its end */
		return rc;
	case ROLE_CLEAR:
		break;
	}
	return real->pMethods->xRead(real, buf, amt, off);
}

/* Writes amt bytes at off, sealing pages; returns an SQLite result. */
static int crypt_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	struct crypt_file *p = (struct crypt_file *)f;
	sqlite3_file *real = REAL_FILE(p);
	unsigned char *copy;

	switch (p->role) {
	case ROLE_MAIN:
		return write_main(p, buf, amt, off);
	case ROLE_WAL:
	case ROLE_JOURNAL:
		return write_log(p, buf, amt, off);
	case ROLE_TEMP:
		copy = scratch_copy(p, buf, (size_t)amt);
		if (!copy)
			return SQLITE_IOERR_NOMEM;
		stream_xor(p, copy, (size_t)amt, off);
		return real->pMethods->xWrite(real, copy, amt, off);
	case ROLE_CLEAR:
		break;
	}
	return real->pMethods->xWrite(real, buf, amt, off);
}

/* Closes the real file and wipes the keys; returns an SQLite result. */
static int crypt_close(sqlite3_file *f)
{
	struct crypt_file *p = (struct crypt_file *)f;
	sqlite3_file *real = REAL_FILE(p);
	int rc = real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;

	sqlite3_free(p->scratch);
	p->scratch = NULL;
	sodium_free(p->keys); /* wipes them first */
	p->keys = NULL;
	return rc;
}

/* The calls below pass straight to the real file. */

/* Returns the real file's result. */
static int crypt_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL_FILE(f)->pMethods->xTruncate(REAL_FILE(f), size);
}

/* Returns the real file's result. */
static int crypt_sync(sqlite3_file *f, int flags)
{
	return REAL_FILE(f)->pMethods->xSync(REAL_FILE(f), flags);
}

/* Returns the real file's result. */
static int crypt_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL_FILE(f)->pMethods->xFileSize(REAL_FILE(f), size);
}

/* Returns the real file's result. */
static int crypt_lock(sqlite3_file *f, int lock)
{
	return REAL_FILE(f)->pMethods->xLock(REAL_FILE(f), lock);
}

/* Returns the real file's result. */
static int crypt_unlock(sqlite3_file *f, int lock)
{
	return REAL_FILE(f)->pMethods->xUnlock(REAL_FILE(f), lock);
}

/* Returns the real file's result. */
static int crypt_check_reserved_lock(sqlite3_file *f, int *out)
{
	return REAL_FILE(f)->pMethods->xCheckReservedLock(REAL_FILE(f), out);
}

/* Names the shim in SQLITE_FCNTL_VFSNAME; returns the real file's result. */
static int crypt_file_control(sqlite3_file *f, int op, void *arg)
{
	int rc = REAL_FILE(f)->pMethods->xFileControl(REAL_FILE(f), op, arg);

	if (op == SQLITE_FCNTL_VFSNAME && rc == SQLITE_OK) {
		char **name = arg;

		*name = sqlite3_mprintf(GU_CRYPT_VFS_NAME "/%z", *name);
	}
	return rc;
}

/* Returns the real file's sector size. */
static int crypt_sector_size(sqlite3_file *f)
{
	return REAL_FILE(f)->pMethods->xSectorSize(REAL_FILE(f));
}

/* Returns the real file's characteristics. */
static int crypt_device_characteristics(sqlite3_file *f)
{
	return REAL_FILE(f)->pMethods->xDeviceCharacteristics(REAL_FILE(f));
}

/* Returns the real file's result. */
static int crypt_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **pp)
{
	return REAL_FILE(f)->pMethods->xShmMap(REAL_FILE(f), region, size, extend, pp);
}

/* Returns the real file's result. */
static int crypt_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL_FILE(f)->pMethods->xShmLock(REAL_FILE(f), offset, n, flags);
}

/* Passes the memory barrier on to the real file. */
static void crypt_shm_barrier(sqlite3_file *f)
{
	REAL_FILE(f)->pMethods->xShmBarrier(REAL_FILE(f));
}

/* Returns the real file's result. */
static int crypt_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return REAL_FILE(f)->pMethods->xShmUnmap(REAL_FILE(f), delete_flag);
}

/* Refuses memory-mapped reads, which would hand SQLite sealed bytes;
 * returns SQLITE_OK with no mapping. */
static int crypt_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
	(void)f;
	(void)off;
	(void)amt;
	*pp = NULL;
	return SQLITE_OK;
}

/* Returns SQLITE_OK: nothing was mapped. */
static int crypt_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods crypt_io = {
	3, crypt_close, crypt_read, crypt_write, crypt_truncate, crypt_sync, crypt_file_size,
	crypt_lock, crypt_unlock, crypt_check_reserved_lock, crypt_file_control,
	crypt_sector_size, crypt_device_characteristics, crypt_shm_map, crypt_shm_lock,
	crypt_shm_barrier, crypt_shm_unmap, crypt_fetch, crypt_unfetch
};

/* Returns the role a file opened with flags plays. */
static enum file_role role_of(int flags)
{
	if (flags & SQLITE_OPEN_MAIN_DB)
		return ROLE_MAIN;
	if (flags & SQLITE_OPEN_WAL)
		return ROLE_WAL;
	if (flags & SQLITE_OPEN_MAIN_JOURNAL)
		return ROLE_JOURNAL;
	if (flags & (SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL | SQLITE_OPEN_SUBJOURNAL
	             | SQLITE_OPEN_TRANSIENT_DB))
		return ROLE_TEMP;
	return ROLE_CLEAR;
}

/* Sets up the shim's state for a database just opened: its key, and its
 * salt (read from its header, or chosen for an empty file); returns an
 * SQLite result code. */
static int open_main(struct crypt_file *p)
{
	sqlite3_file *real = REAL_FILE(p);
	unsigned char hdr[GU_CRYPT_HEADER];
	sqlite3_int64 size = 0;
	int rc;

	if (!the_key)
		return SQLITE_AUTH;
	memcpy(p->keys->key, the_key, GU_CRYPT_KEY_BYTES);
	p->key_set = true;
	rc = real->pMethods->xFileSize(real, &size);
	if (rc != SQLITE_OK)
		return rc;
	if (size == 0) {
		randombytes_buf(p->salt, sizeof p->salt);
		p->salt_known = true;
		return SQLITE_OK;
	}
	rc = real->pMethods->xRead(real, hdr, sizeof hdr, 0);
	if (rc == SQLITE_OK)
		learn_header(p, hdr, sizeof hdr);
	return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_OK : rc;
}

/* Opens a file through the real VFS and the shim; returns an SQLite result. */
static int crypt_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
	int *out_flags)
{
	struct crypt_file *p = (struct crypt_file *)f;
	sqlite3_file *real = REAL_FILE(p);
	int rc;

	memset(p, 0, sizeof *p);
	p->role = role_of(flags);
	if (p->role == ROLE_WAL || p->role == ROLE_JOURNAL) {
		sqlite3_file *db = name ? sqlite3_database_file_object(name) : NULL;

		if (!db || db->pMethods != &crypt_io)
			return SQLITE_CANTOPEN;
		p->main = (struct crypt_file *)db;
	}
	rc = ROOT_VFS(vfs)->xOpen(ROOT_VFS(vfs), name, real, flags, out_flags);
	if (rc != SQLITE_OK)
		return rc;
	f->pMethods = &crypt_io;
	if (p->role == ROLE_TEMP || p->role == ROLE_MAIN) {
		p->keys = sodium_malloc(sizeof *p->keys);
		if (!p->keys) {
			crypt_close(f);
			f->pMethods = NULL;
			return SQLITE_NOMEM;
		}
	}
	if (p->role == ROLE_TEMP) {
		crypto_stream_xchacha20_keygen(p->keys->stream_key);
		randombytes_buf(p->stream_nonce, sizeof p->stream_nonce);
	} else if (p->role == ROLE_MAIN) {
		rc = open_main(p);
		if (rc != SQLITE_OK) {
			crypt_close(f);
			f->pMethods = NULL;
		}
	}
	return rc;
}

/* The calls below pass straight to the real VFS. */

/* Returns the real VFS's result. */
static int crypt_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	return ROOT_VFS(vfs)->xDelete(ROOT_VFS(vfs), name, sync_dir);
}

/* Returns the real VFS's result. */
static int crypt_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	return ROOT_VFS(vfs)->xAccess(ROOT_VFS(vfs), name, flags, out);
}

/* Returns the real VFS's result. */
static int crypt_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	return ROOT_VFS(vfs)->xFullPathname(ROOT_VFS(vfs), name, n, out);
}

/* Returns the real VFS's handle. */
static void *crypt_dl_open(sqlite3_vfs *vfs, const char *path)
{
	return ROOT_VFS(vfs)->xDlOpen(ROOT_VFS(vfs), path);
}

/* Asks the real VFS why a library did not load, into msg. */
static void crypt_dl_error(sqlite3_vfs *vfs, int n, char *msg)
{
	ROOT_VFS(vfs)->xDlError(ROOT_VFS(vfs), n, msg);
}

/* Returns the real VFS's symbol. */
static void (*crypt_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	return ROOT_VFS(vfs)->xDlSym(ROOT_VFS(vfs), h, sym);
}

/* Closes a library through the real VFS. */
static void crypt_dl_close(sqlite3_vfs *vfs, void *h)
{
	ROOT_VFS(vfs)->xDlClose(ROOT_VFS(vfs), h);
}

/* Returns the real VFS's result. */
static int crypt_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	return ROOT_VFS(vfs)->xRandomness(ROOT_VFS(vfs), n, out);
}

/* Returns the real VFS's result. */
static int crypt_sleep(sqlite3_vfs *vfs, int us)
{
	return ROOT_VFS(vfs)->xSleep(ROOT_VFS(vfs), us);
}

/* Returns the real VFS's result. */
static int crypt_current_time(sqlite3_vfs *vfs, double *out)
{
	return ROOT_VFS(vfs)->xCurrentTime(ROOT_VFS(vfs), out);
}

/* Returns the real VFS's result. */
static int crypt_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	return ROOT_VFS(vfs)->xGetLastError(ROOT_VFS(vfs), n, out);
}

/* Returns the real VFS's result. */
static int crypt_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	return ROOT_VFS(vfs)->xCurrentTimeInt64(ROOT_VFS(vfs), out);
}

static sqlite3_vfs crypt_vfs = {
	2, 0, 0, NULL, GU_CRYPT_VFS_NAME, NULL,
	crypt_open, crypt_delete, crypt_access, crypt_full_pathname,
	crypt_dl_open, crypt_dl_error, crypt_dl_sym, crypt_dl_close,
	crypt_randomness, crypt_sleep, crypt_current_time, crypt_last_error,
	crypt_current_time64, NULL, NULL, NULL
};

/* Registers the shim once; returns an SQLite result code. */
int gu_crypt_vfs_register(void)
{
	sqlite3_vfs *root;

	if (sqlite3_vfs_find(GU_CRYPT_VFS_NAME))
		return SQLITE_OK;
	if (sodium_init() < 0)
		return SQLITE_ERROR;
	root = sqlite3_vfs_find(NULL);
	if (!root)
		return SQLITE_ERROR;
	crypt_vfs.szOsFile = (int)sizeof(struct crypt_file) + root->szOsFile;
	crypt_vfs.mxPathname = root->mxPathname;
	crypt_vfs.pAppData = root;
	return sqlite3_vfs_register(&crypt_vfs, 0);
}

/* Sets the reserved bytes on an empty database and keeps temporary tables
 * in memory; returns an SQLite result code. */
int gu_crypt_prepare(sqlite3 *h)
{
	int reserve = GU_CRYPT_RESERVE, rc;

	rc = sqlite3_exec(h, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_file_control(h, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
	return rc;
}
