/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The encrypting shim as a loadable extension for the sqlite3 shell, so an
 * administrator (and the tests) can run plain SQL on an encrypted guanai
 * database.  The database key comes from the recovery key printed when the
 * database was made, read from a file, never from the command line, where
 * other users could read it in the list of processes:
 *
 *   GUANAI_KEYS=guanai.db-keys GUANAI_RECOVERY_FILE=recovery.txt \
 *   sqlite3 -cmd '.load guanai_crypt' -cmd '.open file:guanai.db?vfs=guanai-crypt'
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Unwraps the database key named by the environment and sets it; returns
 * NULL or an sqlite3_malloc'd message saying what is wrong. */
static char *set_key_from_environment(void)
{
	const char *keys = getenv("GUANAI_KEYS"), *file = getenv("GUANAI_RECOVERY_FILE");
	unsigned char key[GU_CRYPT_KEY_BYTES];
	char recovery[256];
	gu_keyring *ring;
	gu_error err;
	char *msg = NULL;
	int ret;

	if (!keys || !*keys || !file || !*file)
		return sqlite3_mprintf("%s", _("set GUANAI_KEYS to the database's -keys file and "
			"GUANAI_RECOVERY_FILE to a file holding its recovery key"));
	if (read_recovery(file, recovery, sizeof recovery) < 0)
		return sqlite3_mprintf(_("cannot read the recovery key from %s"), file);
	ring = sqlite3_malloc(sizeof *ring);
	if (!ring) {
		sodium_memzero(recovery, sizeof recovery);
		return sqlite3_mprintf("%s", _("out of memory"));
	}
	ret = gu_keyring_load(keys, ring, &err);
	if (ret == 1)
		msg = sqlite3_mprintf(_("there is no key-slot file %s"), keys);
	else if (ret < 0 || gu_keyring_recover(ring, recovery, key, &err) < 0)
		msg = sqlite3_mprintf("%s", err.message);
	else
		gu_crypt_set_key(key);
	sodium_memzero(key, sizeof key);
	sodium_memzero(recovery, sizeof recovery);
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
