/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The case store and its encryption (docs/privacy.md): which files open
 * through the encrypting shim, encrypting a plain database on its first
 * open, and the key slots that travel with a backup. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/crypt_login.h"
#include "db/crypt_vfs.h"
#include "db/internal.h"
#include "db/keyslot.h"

/* Returns the name of the VFS db's files open through (NULL: the default). */
const char *gu_db_vfs(const gu_db *db)
{
	return db->encrypted ? GU_CRYPT_VFS_NAME : NULL;
}

/* Overwrites the size bytes of the open file fd with zeros and flushes
 * them; returns 0 or -1 (errno set). */
static int overwrite(int fd)
{
	static const char zeros[65536];
	struct stat st;
	off_t off = 0;

	if (fstat(fd, &st) < 0)
		return -1;
	while (off < st.st_size) {
		size_t n = st.st_size - off < (off_t)sizeof zeros ? (size_t)(st.st_size - off)
			: sizeof zeros;
		ssize_t w = pwrite(fd, zeros, n, off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		off += w;
	}
	return fsync(fd);
}

/* Returns an sqlite3_malloc'd "file:" URI naming path, with query
 * (NULL: none) after it, or NULL when out of memory. */
char *gu_db_file_uri(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t extra = query ? strlen(query) + 1 : 0;
	char *uri = sqlite3_malloc64(strlen(path) * 3 + sizeof "file:" + extra), *o;
	const unsigned char *p;

	if (!uri)
		return NULL;
	o = uri + sprintf(uri, "file:");
	for (p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20) {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		} else {
			*o++ = (char)*p;
		}
	}
	if (query)
		sprintf(o, "?%s", query);
	else
		*o = '\0';
	return uri;
}

/* Copies the plain database src into the new, empty file at tmp, encrypted
 * (VACUUM INTO, the one copy that can give its pages reserved bytes), and
 * checks the copy; returns 0 or < 0. */
static int copy_encrypted(sqlite3 *src, const char *tmp, const char *path, gu_error *err)
{
	int reserve = GU_CRYPT_RESERVE, rc, ret = 0;
	char *uri = gu_db_file_uri(tmp, "vfs=" GU_CRYPT_VFS_NAME);
	sqlite3_stmt *st = NULL;
	sqlite3 *dst = NULL;

	if (!uri)
		return gu_error_set(err, GU_ENOMEM, path, 0, 0, _("out of memory"));
	rc = sqlite3_file_control(src, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(src, "VACUUM INTO ?1", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, uri, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	sqlite3_free(uri);
	if (rc != SQLITE_DONE)
		return gu_db_fail_handle(src, path, rc, err);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW,
		GU_CRYPT_VFS_NAME);
	ret = rc == SQLITE_OK ? gu_db_quick_check_handle(dst, path, err)
		: gu_db_fail_handle(dst, path, rc, err);
	sqlite3_close(dst);
	return ret;
}

/* Encrypts the plain database at path under the key set: into a new file
 * beside it, checked, renamed over it; then the plain bytes are
 * overwritten before the last name of them goes.  Returns 0 or < 0. */
int gu_db_encrypt_plain(const char *path, gu_error *err)
{
	char tmp[4200], *uri;
	sqlite3 *src = NULL;
	int rc, fd = -1, ret, n;

	n = snprintf(tmp, sizeof tmp, "%s.encrypting", path);
	if (n < 0 || (size_t)n >= sizeof tmp)
		return gu_error_set(err, GU_EINVAL, path, 0, 0, _("the database path is too long"));
	(void)unlink(tmp); /* left by an encryption a power cut stopped */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return gu_error_set(err, errno == ENOSPC ? GU_EDB_FULL : GU_EIO, path, 0, 0,
			_("cannot encrypt the database: %s"), strerror(errno));
	close(fd);
	fd = -1;
	uri = gu_db_file_uri(path, NULL);
	rc = uri ? sqlite3_open_v2(uri, &src,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI, NULL) : SQLITE_NOMEM;
	sqlite3_free(uri);
	if (rc == SQLITE_OK)
		sqlite3_extended_result_codes(src, 1);
	ret = rc == SQLITE_OK ? copy_encrypted(src, tmp, path, err)
		: gu_db_fail_handle(src, path, rc, err);
	sqlite3_close(src); /* folds its log into the file and removes it */
	if (ret == 0) {
		fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || rename(tmp, path) < 0)
			ret = gu_error_set(err, GU_EIO, path, 0, 0,
				_("cannot encrypt the database: %s"), strerror(errno));
	}
	if (ret < 0) {
		(void)unlink(tmp);
		if (fd >= 0)
			close(fd);
		return ret;
	}
	/* The encrypted file now has the name; the plain one lives only in fd. */
	if (overwrite(fd) < 0)
		ret = gu_error_set(err, GU_EIO, path, 0, 0,
			_("the database is now encrypted, but its old plain copy could not be "
			  "overwritten (%s); the disk may still hold it"), strerror(errno));
	close(fd);
	return ret;
}

/* Decides how db's file at path opens: through the shim when a key is set,
 * encrypting a plain database first unless ro.  Returns 0, or < 0 for a
 * file the key does not open, an encrypted file and no key, or a plain file
 * opened read-only. */
int gu_db_crypt_choose(gu_db *db, const char *path, bool ro, gu_error *err)
{
	bool fits = false;
	int kind = gu_crypt_probe_set(path, &fits), ret;

	if (kind < 0)
		return 0; /* SQLite tells what is wrong with the file */
	if (!gu_crypt_has_key() && kind == GU_CRYPT_ENCRYPTED && !gu_db_has_keys(path))
		return gu_error_set(err, GU_EAUTH, path, 0, 0,
			_("the database is encrypted, but its key slots (the -keys file beside it) are "
			  "missing; copy that file from where the database came from (a backup has its "
			  "own beside it)"));
	if (!gu_crypt_has_key())
		return kind == GU_CRYPT_ENCRYPTED
			? gu_error_set(err, GU_EAUTH, path, 0, 0,
				_("the database is encrypted; log in with your user name and password to open it"))
			: 0;
	if (kind == GU_CRYPT_ENCRYPTED && !fits)
		return gu_error_set(err, GU_EAUTH, path, 0, 0,
			_("the key slots beside the database belong to another database; put back the "
			  "database's own -keys file (saved with each backup)"));
	if (kind == GU_CRYPT_PLAIN && ro)
		return gu_error_set(err, GU_EDB_NOTADB, path, 0, 0,
			_("the database is not yet encrypted; start guanai once and log in to encrypt it"));
	if (gu_crypt_vfs_register() != SQLITE_OK)
		return gu_error_set(err, GU_EDB, path, 0, 0, _("cannot set up the database's encryption"));
	if (kind == GU_CRYPT_PLAIN) {
		ret = gu_db_encrypt_plain(path, err);
		if (ret < 0)
			return ret;
		snprintf(db->notice, sizeof db->notice,
			_("%s: the database is now encrypted; its plain copy was overwritten"), path);
	}
	db->encrypted = true;
	return 0;
}

/* Copies db's key slots to sit beside its backup at path; returns 0 or < 0. */
int gu_db_copy_keys(gu_db *db, const char *path, gu_error *err)
{
	char from[4200], to[4200];
	gu_keyring *ring = sqlite3_malloc(sizeof *ring);
	int ret;

	if (!ring)
		return gu_error_set(err, GU_ENOMEM, path, 0, 0, _("out of memory"));
	ret = gu_keys_path(db->path, from, sizeof from, err);
	if (ret == 0)
		ret = gu_keys_path(path, to, sizeof to, err);
	if (ret == 0)
		ret = gu_keyring_load(from, ring, err);
	if (ret == 1)
		ret = gu_error_set(err, GU_ENOTFOUND, from, 0, 0,
			_("the database's key slots (its -keys file) are missing, so a backup could not "
			  "be opened; put the -keys file back beside the database first"));
	if (ret == 0)
		ret = gu_keyring_save(to, ring, err);
	sqlite3_free(ring);
	return ret;
}
