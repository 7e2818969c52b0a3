/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Holds a write lock on a database for a while, as another program would:
 * the TUI tests use it to make a save fail and then be retried.
 * Usage: test_tui_lock DATABASE SECONDS READY-FILE
 * Takes BEGIN IMMEDIATE, creates READY-FILE, sleeps, rolls back.  An
 * encrypted database is opened through the encrypting shim, its key
 * unwrapped as the tests' user ($GUANAI_USER, $GUANAI_PASSWORD_FILE). */

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/crypt_login.h"

/* Unwraps the key of the encrypted database at path as the tests' user
 * and registers the shim; returns its name, or NULL (printed). */
static const char *unlock(const char *path)
{
	const char *user = getenv("GUANAI_USER"), *file = getenv("GUANAI_PASSWORD_FILE");
	struct gu_unlock_report report;
	char password[256] = "";
	gu_error err;
	FILE *f = file ? fopen(file, "r") : NULL;
	int ret;

	if (f && !fgets(password, sizeof password, f))
		password[0] = '\0';
	if (f)
		fclose(f);
	password[strcspn(password, "\n")] = '\0';
	ret = gu_db_unlock(path, user ? user : "", password, &report, &err);
	memset(password, 0, sizeof password);
	if (ret < 0 || gu_crypt_vfs_register() != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", path, ret < 0 ? err.message : "no shim");
		return NULL;
	}
	return GU_CRYPT_VFS_NAME;
}

/* Locks, signals, waits and unlocks; returns the exit status. */
int main(int argc, char **argv)
{
	const char *vfs = NULL;
	sqlite3 *db = NULL;
	FILE *ready;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: %s DATABASE SECONDS READY-FILE\n", argv[0]);
		return 2;
	}
	if (gu_db_has_keys(argv[1]) && !(vfs = unlock(argv[1])))
		return 1;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, vfs) != SQLITE_OK
			|| sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", argv[0], db ? sqlite3_errmsg(db) : "cannot open");
		goto cleanup;
	}
	ready = fopen(argv[3], "w");
	if (!ready)
		goto cleanup;
	fclose(ready);
	sleep((unsigned)atoi(argv[2]));
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	rc = 0;
cleanup:
	sqlite3_close(db);
	return rc;
}
