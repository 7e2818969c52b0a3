/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Logging in to an encrypted database (db/crypt_login.h): the password
 * unwraps the database key from the key slots beside the database before
 * anything of it can be read; users' slots follow the users. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>

#include "core/i18n.h"
#include "db/crypt_login.h"
#include "db/keyslot.h"

#define KEYS_PATH 4200

/* Writes the key-slot file's path of the database at db_path into keys
 * (KEYS_PATH bytes); returns a zeroed keyring from the heap (it is large),
 * or NULL with err set (a path too long, no memory). */
static gu_keyring *new_ring(const char *db_path, char *keys, gu_error *err)
{
	gu_keyring *ring;

	if (gu_keys_path(db_path, keys, KEYS_PATH, err) < 0)
		return NULL;
	ring = calloc(1, sizeof *ring);
	if (!ring)
		gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	return ring;
}

/* Returns a buffer for a database key in memory of its own (sodium_malloc:
 * locked, out of core dumps; give it back with sodium_free, which wipes
 * it), or NULL with err set. */
static unsigned char *new_key(gu_error *err)
{
	unsigned char *key = sodium_init() < 0 ? NULL : sodium_malloc(GU_CRYPT_KEY_BYTES);

	if (!key)
		gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	return key;
}

/* The key slots of one database while they are worked on: the file's
 * path, the keyring read from it and a buffer for the database key. */
struct slots {
	char keys[KEYS_PATH];
	gu_keyring *ring;
	unsigned char *key;
};

/* Readies s for the database at db_path (the path, an empty keyring and a
 * key buffer); returns 0, or < 0 with err set and nothing to give back. */
static int slots_open(const char *db_path, struct slots *s, gu_error *err)
{
	s->ring = new_ring(db_path, s->keys, err);
	if (!s->ring)
		return -(int)err->code;
	s->key = new_key(err);
	if (!s->key) {
		free(s->ring);
		return -(int)err->code;
	}
	return 0;
}

/* Gives back what slots_open took, the key wiped. */
static void slots_close(struct slots *s)
{
	sodium_free(s->key);
	free(s->ring);
}

/* Loads the slots to change them, with the key of the open database when
 * need_key; returns 0 or < 0 (the file missing, nobody logged in). */
static int slots_load_to_change(struct slots *s, bool need_key, gu_error *err)
{
	int ret = gu_keyring_load(s->keys, s->ring, err);

	if (ret == 1)
		ret = gu_error_set(err, GU_ENOTFOUND, s->keys, 0, 0,
			_("the database's key slots (its -keys file) are missing; put the file back "
			  "beside the database"));
	if (ret == 0 && need_key && !gu_crypt_copy_key(s->key))
		ret = gu_error_set(err, GU_EPERM, NULL, 0, 0, _("log in before changing users"));
	return ret;
}

/* Returns true when the database at db_path has key slots beside it. */
bool gu_db_has_keys(const char *db_path)
{
	char keys[KEYS_PATH];
	gu_error err;

	return gu_keys_path(db_path, keys, sizeof keys, &err) == 0 && access(keys, F_OK) == 0;
}

/* Unlocks the database at db_path for name; returns 0, 1 or < 0. */
int gu_db_unlock(const char *db_path, const char *name, const char *password,
	struct gu_unlock_report *report, gu_error *err)
{
	struct slots s;
	gu_error save_err;
	int ret;

	memset(report, 0, sizeof *report);
	ret = slots_open(db_path, &s, err);
	if (ret < 0)
		return ret;
	ret = gu_keyring_load(s.keys, s.ring, err);
	if (ret != 0)
		goto cleanup;
	ret = gu_keyring_unlock(s.ring, name ? name : "", password ? password : "",
		(long long)time(NULL), s.key, report, err);
	/* A failure is counted; a success clears the failures it reports (one
	 * without any changes nothing, so a read-only disk still opens). */
	if (ret != -GU_EPERM && (ret != 0 || report->own_fails || report->unknown_fails)
			&& gu_keyring_save(s.keys, s.ring, &save_err) < 0 && ret == 0) {
		*err = save_err; /* the failure count must not be lost */
		ret = -(int)save_err.code;
	}
	if (ret == 0)
		gu_crypt_set_key(s.key);
cleanup:
	slots_close(&s);
	return ret;
}

/* Unwraps the key with the recovery key and sets it; returns 0, 1 or < 0. */
int gu_db_recover(const char *db_path, const char *recovery, gu_error *err)
{
	struct slots s;
	int ret = slots_open(db_path, &s, err);

	if (ret < 0)
		return ret;
	ret = gu_keyring_load(s.keys, s.ring, err);
	if (ret == 0)
		ret = gu_keyring_recover(s.ring, recovery, s.key, err);
	if (ret == 0)
		gu_crypt_set_key(s.key);
	slots_close(&s);
	return ret;
}

/* Starts the key slots of the database at db_path; returns 0 or < 0. */
int gu_db_keys_create(const char *db_path, const char *name, const char *password,
	char *recovery, gu_error *err)
{
	struct slots s;
	int ret = slots_open(db_path, &s, err);

	if (ret < 0)
		return ret;
	if (access(s.keys, F_OK) == 0)
		ret = gu_error_set(err, GU_EEXIST, s.keys, 0, 0,
			_("the database already has key slots; log in to add users"));
	if (ret == 0)
		ret = gu_keyring_create(s.ring, name, password, s.key, recovery, err);
	if (ret == 0)
		ret = gu_keyring_save(s.keys, s.ring, err);
	if (ret == 0)
		gu_crypt_set_key(s.key);
	slots_close(&s);
	return ret;
}

/* Loads the key slots of db_path, applies change to them with the key set,
 * and saves them; returns 0 or < 0. */
static int change_slots(const char *db_path, const char *name, const char *password,
	gu_error *err)
{
	struct slots s;
	int ret = slots_open(db_path, &s, err);

	if (ret < 0)
		return ret;
	ret = slots_load_to_change(&s, password != NULL, err);
	if (ret == 0)
		ret = password ? gu_keyring_set(s.ring, name, password, s.key, err)
			: gu_keyring_remove(s.ring, name, err);
	if (ret == 0)
		ret = gu_keyring_save(s.keys, s.ring, err);
	slots_close(&s);
	return ret;
}

/* Gives name a slot under password; returns 0 or < 0. */
int gu_db_keys_set(const char *db_path, const char *name, const char *password, gu_error *err)
{
	return change_slots(db_path, name, password, err);
}

/* Removes name's slot; returns 0 or < 0. */
int gu_db_keys_remove(const char *db_path, const char *name, gu_error *err)
{
	return change_slots(db_path, name, NULL, err);
}

/* Gives the database at db_path a new recovery key; returns 0 or < 0. */
int gu_db_keys_new_recovery(const char *db_path, char *recovery, gu_error *err)
{
	struct slots s;
	int ret = slots_open(db_path, &s, err);

	if (ret < 0)
		return ret;
	ret = slots_load_to_change(&s, true, err);
	if (ret == 0)
		ret = gu_keyring_new_recovery(s.ring, s.key, recovery) < 0
			? gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory")) : 0;
	if (ret == 0)
		ret = gu_keyring_save(s.keys, s.ring, err);
	if (ret < 0)
		sodium_memzero(recovery, GU_KEY_RECOVERY_TEXT);
	slots_close(&s);
	return ret;
}

/* Returns true when the database at db_path has a recovery key. */
bool gu_db_keys_have_recovery(const char *db_path)
{
	char keys[KEYS_PATH];
	gu_error err;
	gu_keyring *ring = new_ring(db_path, keys, &err);
	bool has;

	if (!ring)
		return false;
	has = gu_keyring_load(keys, ring, &err) == 0 && ring->has_recovery;
	sodium_memzero(ring, sizeof *ring);
	free(ring);
	return has;
}

/* Removes the key slots of the database at db_path; returns 0 or < 0. */
int gu_db_keys_discard(const char *db_path, gu_error *err)
{
	char keys[KEYS_PATH];

	if (gu_keys_path(db_path, keys, sizeof keys, err) < 0)
		return -(int)err->code;
	if (unlink(keys) < 0 && errno != ENOENT)
		return gu_error_set(err, GU_EIO, keys, 0, 0, _("cannot remove the key slots: %s"),
			strerror(errno));
	return 0;
}

/* Records a login and the failures before it in db's audit; returns 0 or < 0. */
int gu_db_record_login(gu_db *db, const struct gu_unlock_report *report, gu_error *err)
{
	char detail[96];
	int ret;

	if (report->own_fails || report->unknown_fails) {
		snprintf(detail, sizeof detail, "failed before: %u; under unknown names: %u",
			report->own_fails, report->unknown_fails);
		ret = gu_audit_add(db, "user.login_failed", NULL, detail, err);
		if (ret < 0)
			return ret;
	}
	return gu_audit_add(db, "user.login", NULL, NULL, err);
}
