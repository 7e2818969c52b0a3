#include "config.h"
/* A consistent copy of the open database, made with SQLite's online
 * backup API, synced to disk and checked. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/internal.h"

/* Flushes path and the folder holding it to disk;
 * returns 0 or -1 with errno set. */
static int sync_path(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0)
		ret = -1;
	if (fd >= 0)
		close(fd);
	if (ret < 0)
		return ret;
	if (slash && (size_t)(slash - path) < sizeof dir) {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
		if (dir[0] == '\0')
			strcpy(dir, "/");
	} else {
		strcpy(dir, ".");
	}
	fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd); /* some file systems refuse to sync a folder */
		close(fd);
	}
	return 0;
}

/* Copies the database to path, syncs and checks the copy; returns 0 or < 0. */
int gu_db_backup(gu_db *db, const char *path, gu_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, ret = 0, fd;
	GU_ERR_LOCAL(err);

	if (!path || !*path)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no backup file was given"));
	if (strcmp(path, db->path) == 0)
		return gu_error_set(err, GU_EINVAL, path, 0, 0,
			_("the backup must go to another file than the database"));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return gu_error_set(err, errno == ENOSPC ? GU_EDB_FULL : GU_EIO, path, 0, 0,
			_("cannot write the backup file: %s"), strerror(errno));
	close(fd);
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail_handle(dst, path, rc, err);
		goto cleanup;
	}
	sqlite3_extended_result_codes(dst, 1);
	b = sqlite3_backup_init(dst, "main", db->h, "main");
	if (!b) {
		ret = gu_db_fail_handle(dst, path, sqlite3_extended_errcode(dst), err);
		goto cleanup;
	}
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		ret = gu_db_fail_handle(dst, path, rc, err);
		goto cleanup;
	}
	/* The copy is one self-contained file. */
	rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail_handle(dst, path, rc, err);
		goto cleanup;
	}
	sqlite3_close(dst);
	dst = NULL;
	if (sync_path(path) < 0) {
		ret = gu_error_set(err, errno == ENOSPC ? GU_EDB_FULL : GU_EIO, path, 0, 0,
			_("cannot write the backup file: %s"), strerror(errno));
		goto cleanup;
	}
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail_handle(dst, path, rc, err);
		goto cleanup;
	}
	ret = gu_db_quick_check_handle(dst, path, err);
cleanup:
	sqlite3_close(dst);
	return ret;
}
