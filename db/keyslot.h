/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key slots (docs/privacy.md, "Key hierarchy"): the database key wrapped
 * once per user under an Argon2id key from her password, and once under a
 * recovery key; beside them the failed-login counters.  They live in a
 * small file beside the database ("<database>-keys") with no personal data,
 * since they must be read before the database can be. */
#ifndef GUANAI_DB_KEYSLOT_H
#define GUANAI_DB_KEYSLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "db/crypt_vfs.h"

#define GU_KEY_SALT_BYTES 16
#define GU_KEY_NONCE_BYTES 24
#define GU_KEY_WRAPPED_BYTES (GU_CRYPT_KEY_BYTES + 16)
#define GU_KEY_NAME_MAX 64
#define GU_KEY_MAX_SLOTS 64
#define GU_KEY_MAX_FAILS 128
/* Failures before a user must wait; the first wait, in seconds. */
#define GU_KEY_FREE_FAILS 5
#define GU_KEY_FIRST_WAIT 30
/* Characters a recovery key is shown with: 64 hexadecimal digits in groups
 * of 4 with a space between (and the final NUL); its first 8 groups are
 * its first 39 characters, so it can be shown on two lines. */
#define GU_KEY_RECOVERY_TEXT (64 + 15 + 1)

/* One wrapped copy of the database key. */
struct gu_keyslot {
	char name[GU_KEY_NAME_MAX];       /* the user's name */
	unsigned long long ops;           /* Argon2id limits it was made with */
	size_t mem;
	unsigned char salt[GU_KEY_SALT_BYTES];
	unsigned char nonce[GU_KEY_NONCE_BYTES];
	unsigned char wrapped[GU_KEY_WRAPPED_BYTES];
};

/* Failed logins under one name since its last success; the name is kept
 * only as a keyed hash, so a mistyped password in the name field is not. */
struct gu_key_fails {
	unsigned char who[16];
	unsigned count;
	long long last;                   /* time of the last failure */
};

typedef struct gu_keyring {
	unsigned char file_id[16];        /* random: keys the name hashes */
	struct gu_keyslot slot[GU_KEY_MAX_SLOTS];
	size_t n;
	bool has_recovery;
	unsigned char recovery_nonce[GU_KEY_NONCE_BYTES];
	unsigned char recovery_wrapped[GU_KEY_WRAPPED_BYTES];
	struct gu_key_fails fails[GU_KEY_MAX_FAILS];
	size_t n_fails;
} gu_keyring;

/* What a successful unlock found to copy into the audit. */
struct gu_unlock_report {
	unsigned own_fails;               /* failures under this name before it */
	unsigned unknown_fails;           /* failures under names with no slot */
};

/* Writes the key-slot file's path for the database at db_path into buf;
 * returns 0 or -GU_EINVAL when it does not fit. */
int gu_keys_path(const char *db_path, char *buf, size_t size, gu_error *err);

/* Reads the key-slot file at path into ring; returns 0, 1 when there is
 * none, or < 0 (a damaged file) with err set. */
int gu_keyring_load(const char *path, gu_keyring *ring, gu_error *err);
/* Writes ring to path (0600) through a new file renamed over the old one;
 * returns 0 or < 0. */
int gu_keyring_save(const char *path, const gu_keyring *ring, gu_error *err);

/* Checks a new password for name: at least 8 characters, not all one
 * character, not the name; returns 0 or -GU_EINVAL saying what to change. */
int gu_password_check(const char *name, const char *password, gu_error *err);

/* Starts a keyring for a new database: a random database key (into key),
 * name's slot under password, and, unless recovery is NULL, a recovery
 * slot under a random recovery key written as text into recovery
 * (GU_KEY_RECOVERY_TEXT bytes) to show once.  Returns 0 or < 0. */
int gu_keyring_create(gu_keyring *ring, const char *name, const char *password,
	unsigned char key[GU_CRYPT_KEY_BYTES], char *recovery, gu_error *err);

/* Returns the seconds name must still wait at time now before trying
 * again (0: she may try now). */
long long gu_keyring_wait(const gu_keyring *ring, const char *name, long long now);
/* Unwraps the database key with name's password into key.  A failure is
 * counted in ring (save it either way) and costs an unknown name the same
 * Argon2id time as a known one.  Returns 0 with *report filled and name's
 * failures cleared; -GU_EAUTH; or -GU_EPERM while name must wait. */
int gu_keyring_unlock(gu_keyring *ring, const char *name, const char *password, long long now,
	unsigned char key[GU_CRYPT_KEY_BYTES], struct gu_unlock_report *report, gu_error *err);
/* Gives ring a new recovery slot (replacing the old one) holding key under
 * a new random recovery key, written as text into recovery
 * (GU_KEY_RECOVERY_TEXT bytes) to show once; the key's bytes stay in
 * sodium_malloc'd memory.  Returns 0 or -GU_ENOMEM. */
int gu_keyring_new_recovery(gu_keyring *ring, const unsigned char key[GU_CRYPT_KEY_BYTES],
	char *recovery);
/* Unwraps the database key with the recovery key given as text (spaces,
 * line ends and case do not matter); returns 0 or -GU_EAUTH. */
int gu_keyring_recover(const gu_keyring *ring, const char *recovery,
	unsigned char key[GU_CRYPT_KEY_BYTES], gu_error *err);

/* Sets name's slot (a new user, or a new password for one) to key wrapped
 * under password; the database is not touched.  Returns 0 or < 0. */
int gu_keyring_set(gu_keyring *ring, const char *name, const char *password,
	const unsigned char key[GU_CRYPT_KEY_BYTES], gu_error *err);
/* Removes name's slot; returns 0 or -GU_ENOTFOUND. */
int gu_keyring_remove(gu_keyring *ring, const char *name, gu_error *err);
/* Returns true when name has a slot. */
bool gu_keyring_has(const gu_keyring *ring, const char *name);

/* The Argon2id limits new slots use (db/keyslot_limits.c; the tests link
 * cheaper ones in its place). */
unsigned long long gu_keyslot_opslimit(void);
size_t gu_keyslot_memlimit(void);

#endif
