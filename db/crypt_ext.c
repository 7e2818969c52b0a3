/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The encrypting shim as a loadable extension for the sqlite3 shell, so an
 * administrator (and the tests) can run plain SQL on an encrypted guanai
 * database.  The database key comes from the recovery key printed when the
 * database was made, or from a user's password, each read from a file,
 * never from the command line, where other users could read it in the
 * list of processes:
 *
 *   GUANAI_KEYS=guanai.db-keys GUANAI_RECOVERY_FILE=recovery.txt \
 *   sqlite3 -cmd '.load guanai_crypt' -cmd '.open file:guanai.db?vfs=guanai-crypt'
 *
 * or GUANAI_USER=NAME GUANAI_PASSWORD_FILE=FILE in place of
 * GUANAI_RECOVERY_FILE (a failure is counted in the key slots, as guanai
 * counts it). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "core/i18n.h"
#include "db/crypt_vfs.h"
#include "db/keyslot.h"

/* Reads the file at path (the recovery key, on one or two lines) into buf
 * (size bytes) as a string; returns 0 or -1. */
static int read_recovery(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	return n > 0 ? 0 : -1;
}

/* Unwraps the key from ring with the secret read into secret: the
 * recovery key, or the password of user (not NULL), whose failure is
 * counted in the key-slot file keys; returns 0 with key filled, or < 0
 * with err set. */
static int unwrap(gu_keyring *ring, const char *keys, const char *user, const char *secret,
	unsigned char *key, gu_error *err)
{
	struct gu_unlock_report report;
	gu_error save_err;
	int ret;

	if (!user)
		return gu_keyring_recover(ring, secret, key, err);
	ret = gu_keyring_unlock(ring, user, secret, (long long)time(NULL), key, &report, err);
	if (ret != -GU_EPERM && (ret != 0 || report.own_fails || report.unknown_fails))
		(void)gu_keyring_save(keys, ring, &save_err);
	return ret;
}

/* Unwraps the database key named by the environment and sets it; returns
 * NULL or an sqlite3_malloc'd message saying what is wrong. */
static char *set_key_from_environment(void)
{
	const char *keys = getenv("GUANAI_KEYS"), *file = getenv("GUANAI_RECOVERY_FILE");
	const char *user = NULL;
	unsigned char *key;
	char secret[256];
	gu_keyring *ring;
	gu_error err;
	char *msg = NULL;
	int ret;

	if (!file || !*file) {
		user = getenv("GUANAI_USER");
		file = getenv("GUANAI_PASSWORD_FILE");
		if (!user || !*user)
			file = NULL;
	}
	if (!keys || !*keys || !file || !*file)
		return sqlite3_mprintf("%s", _("set GUANAI_KEYS to the database's -keys file and "
			"GUANAI_RECOVERY_FILE to a file holding its recovery key (or GUANAI_USER and "
			"GUANAI_PASSWORD_FILE to a user and a file holding her password)"));
	if (read_recovery(file, secret, sizeof secret) < 0)
		return sqlite3_mprintf(_("cannot read the recovery key from %s"), file);
	if (user)
		secret[strcspn(secret, "\r\n")] = '\0'; /* a password is the file's first line */
	ring = sqlite3_malloc(sizeof *ring);
	key = sodium_malloc(GU_CRYPT_KEY_BYTES);
	if (!ring || !key) {
		sodium_memzero(secret, sizeof secret);
		sqlite3_free(ring);
		sodium_free(key);
		return sqlite3_mprintf("%s", _("out of memory"));
	}
	ret = gu_keyring_load(keys, ring, &err);
	if (ret == 1)
		msg = sqlite3_mprintf(_("there is no key-slot file %s"), keys);
	else if (ret < 0 || unwrap(ring, keys, user, secret, key, &err) < 0)
		msg = sqlite3_mprintf("%s", err.message);
	else
		gu_crypt_set_key(key);
	sodium_free(key);
	sodium_memzero(secret, sizeof secret);
	sqlite3_free(ring);
	return msg;
}

/* The entry point the shell finds by the file's name (guanai_crypt). */
int sqlite3_guanaicrypt_init(sqlite3 *db, char **err_msg, const sqlite3_api_routines *api);

/* The extension's entry point: registers the shim with the key set;
 * returns SQLITE_OK_LOAD_PERMANENTLY, or an error with *err_msg set. */
int sqlite3_guanaicrypt_init(sqlite3 *db, char **err_msg, const sqlite3_api_routines *api)
{
	char *msg;

	(void)db;
	SQLITE_EXTENSION_INIT2(api);
	if (sodium_init() < 0) {
		*err_msg = sqlite3_mprintf("%s", _("libsodium cannot start"));
		return SQLITE_ERROR;
	}
	msg = set_key_from_environment();
	if (msg) {
		*err_msg = msg;
		return SQLITE_ERROR;
	}
	if (gu_crypt_vfs_register() != SQLITE_OK) {
		*err_msg = sqlite3_mprintf("%s", _("cannot set up the database's encryption"));
		return SQLITE_ERROR;
	}
	return SQLITE_OK_LOAD_PERMANENTLY;
}
