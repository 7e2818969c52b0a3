/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The encrypting VFS shim: every page of a database, of its write-ahead
 * log and of its rollback journal sealed with XChaCha20-Poly1305 in the
 * page's reserved bytes; temporary files encrypted with a key of their own.
 * The design is in docs/privacy.md. */
#ifndef GUANAI_DB_CRYPT_VFS_H
#define GUANAI_DB_CRYPT_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

/* The name to open a database with (sqlite3_open_v2's zVfs, or ?vfs=). */
#define GU_CRYPT_VFS_NAME "guanai-crypt"
/* Bytes in a database key. */
#define GU_CRYPT_KEY_BYTES 32
/* Reserved bytes at the end of each page: nonce (24) and tag (16). */
#define GU_CRYPT_RESERVE 40
/* Bytes of a file's salt. */
#define GU_CRYPT_SALT_BYTES 16
/* Bytes of the SQLite header, kept in the clear on page 1. */
#define GU_CRYPT_HEADER 100

/* What the first bytes of a file say it is. */
enum gu_crypt_kind {
	GU_CRYPT_EMPTY,      /* no bytes yet */
	GU_CRYPT_PLAIN,      /* an SQLite database that is not encrypted */
	GU_CRYPT_ENCRYPTED,  /* a database this shim encrypted */
	GU_CRYPT_OTHER       /* not an SQLite database */
};

/* Registers the shim under GU_CRYPT_VFS_NAME (once; later calls do
 * nothing); returns an SQLite result code. */
int gu_crypt_vfs_register(void);

/* Sets the database key files opened from now on use. */
void gu_crypt_set_key(const unsigned char key[GU_CRYPT_KEY_BYTES]);
/* Wipes the key, so no file opens until another is set. */
void gu_crypt_forget_key(void);
/* Returns true while a key is set. */
bool gu_crypt_has_key(void);
/* Copies the key set into out; returns false (out zeroed) when none is. */
bool gu_crypt_copy_key(unsigned char out[GU_CRYPT_KEY_BYTES]);

/* Returns what the n first bytes of a file (hdr) say it is. */
enum gu_crypt_kind gu_crypt_kind_of(const unsigned char *hdr, size_t n);
/* Returns true when key is the key the encrypted file whose header is hdr
 * (GU_CRYPT_HEADER bytes) was written with. */
bool gu_crypt_key_fits(const unsigned char hdr[GU_CRYPT_HEADER],
	const unsigned char key[GU_CRYPT_KEY_BYTES]);
/* Reads the header of the file at path and tells what it is; returns the
 * kind, or -1 when the file cannot be read (errno set).  When key is not
 * NULL and the file is encrypted, sets *fits to whether key opens it. */
int gu_crypt_probe(const char *path, const unsigned char key[GU_CRYPT_KEY_BYTES], bool *fits);
/* As gu_crypt_probe with the key set (none: *fits is false). */
int gu_crypt_probe_set(const char *path, bool *fits);

/* Seals page pgno (size bytes, a page size) in place with
 * XChaCha20-Poly1305 under key, with a fresh random nonce and the tag in
 * its last GU_CRYPT_RESERVE bytes; the associated data is pgno (4 bytes,
 * big-endian), salt and, when clear_head is GU_CRYPT_HEADER (page 1 of a
 * database), the header left in the clear with its bytes 72-91 zeroed. */
void gu_crypt_seal_page(unsigned char *page, int size, uint32_t pgno, int clear_head,
	const unsigned char key[GU_CRYPT_KEY_BYTES], const unsigned char salt[GU_CRYPT_SALT_BYTES]);
/* Opens a page sealed so, in place, zeroing its reserved bytes; returns 0,
 * or -1 when it is not what was sealed there with key and salt (then it
 * holds no clear bytes). */
int gu_crypt_open_page(unsigned char *page, int size, uint32_t pgno, int clear_head,
	const unsigned char key[GU_CRYPT_KEY_BYTES], const unsigned char salt[GU_CRYPT_SALT_BYTES]);

/* Prepares a connection opened through the shim: on an empty database sets
 * the reserved bytes the pages need, and keeps temporary tables in memory.
 * Returns an SQLite result code. */
int gu_crypt_prepare(sqlite3 *h);

#endif
