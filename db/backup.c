/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A consistent copy of the open database, made with SQLite's online
 * backup API, checked, and put in place by the safe writer. */

#include "core/i18n.h"
#include "db/crypt_vfs.h"
#include "db/internal.h"
#include "db/safe_write.h"

/* Copies the database into the file at path (already created, empty)
 * with the online backup API, as one self-contained file; returns 0 or < 0. */
static int copy_into(gu_db *db, const char *path, const char *shown, gu_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, ret = 0;

	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
		gu_db_vfs(db));
	if (rc == SQLITE_OK && db->encrypted)
		rc = gu_crypt_prepare(dst);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail_handle(dst, shown, rc, err);
		goto cleanup;
	}
	sqlite3_extended_result_codes(dst, 1);
	b = sqlite3_backup_init(dst, "main", db->h, "main");
	if (!b) {
		ret = gu_db_fail_handle(dst, shown, sqlite3_extended_errcode(dst), err);
		goto cleanup;
	}
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		ret = gu_db_fail_handle(dst, shown, rc, err);
		goto cleanup;
	}
	rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		ret = gu_db_fail_handle(dst, shown, rc, err);
cleanup:
	sqlite3_close(dst);
	return ret;
}

/* Checks the copy at path (opened through vfs); returns 0 or < 0. */
static int check_copy(const char *path, const char *vfs, const char *shown, gu_error *err)
{
	sqlite3 *h = NULL;
	int rc, ret;

	rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, vfs);
	ret = rc == SQLITE_OK ? gu_db_quick_check_handle(h, shown, err)
		: gu_db_fail_handle(h, shown, rc, err);
	sqlite3_close(h);
	return ret;
}

/* Copies the database to path through the safe writer, checks the copy,
 * then puts it in place; returns 0 or < 0. */
int gu_db_backup(gu_db *db, const char *path, unsigned flags, gu_error *err)
{
	gu_safe_file sf;
	int ret;
	GU_ERR_LOCAL(err);

	if (!path || !*path)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no backup file was given"));
	ret = gu_safe_open(db, path, flags, &sf, err);
	if (ret < 0)
		return ret;
	ret = copy_into(db, sf.temp_path, path, err);
	if (ret == 0)
		ret = check_copy(sf.temp_path, gu_db_vfs(db), path, err);
	if (ret == 0 && db->encrypted)
		ret = gu_db_copy_keys(db, path, err);
	if (ret < 0) {
		gu_safe_abort(&sf);
		return ret;
	}
	return gu_safe_commit(&sf, err);
}
