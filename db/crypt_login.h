/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Logging in to an encrypted database: the key slots beside it unwrap its
 * key with a user's password before the database is opened, and change
 * with the users (docs/privacy.md). */
#ifndef GUANAI_DB_CRYPT_LOGIN_H
#define GUANAI_DB_CRYPT_LOGIN_H

#include <stdbool.h>

#include "core/error.h"
#include "db/keyslot.h"
#include "db/store.h"

/* Returns true when the database at db_path has key slots beside it (so
 * it is, or is about to be, encrypted). */
bool gu_db_has_keys(const char *db_path);

/* Unwraps the key of the database at db_path with name's password and
 * sets it for the opens that follow; a failure is counted beside the key
 * slots.  Returns 0 with *report filled (copy it into the audit with
 * gu_db_record_login once open), 1 when the database has no key slots,
 * -GU_EAUTH, -GU_EPERM while name must wait, or another error. */
int gu_db_unlock(const char *db_path, const char *name, const char *password,
	struct gu_unlock_report *report, gu_error *err);

/* Unwraps the key of the database at db_path with its recovery key (as
 * printed; spaces and case do not matter) and sets it; returns 0, 1 when
 * the database has no key slots, -GU_EAUTH or < 0. */
int gu_db_recover(const char *db_path, const char *recovery, gu_error *err);

/* Starts the key slots of the database at db_path with its first user and
 * sets the new key; writes the recovery key (GU_KEY_RECOVERY_TEXT bytes)
 * into recovery, to be shown once (recovery NULL: the database gets no
 * recovery key until gu_db_keys_new_recovery).  The next open encrypts the database.
 * Returns 0, -GU_EEXIST when it has slots, or another error. */
int gu_db_keys_create(const char *db_path, const char *name, const char *password,
	char *recovery, gu_error *err);

/* Gives name a key slot under password (a new user, or a new password),
 * wrapping the key set; the database is not re-encrypted.  Returns 0 or < 0. */
int gu_db_keys_set(const char *db_path, const char *name, const char *password, gu_error *err);
/* Removes name's key slot; returns 0 or < 0. */
int gu_db_keys_remove(const char *db_path, const char *name, gu_error *err);

/* Gives the database at db_path a new recovery key (the old one no longer
 * opens it) wrapping the key set, written as text into recovery
 * (GU_KEY_RECOVERY_TEXT bytes) to show once; returns 0 or < 0. */
int gu_db_keys_new_recovery(const char *db_path, char *recovery, gu_error *err);
/* Returns true when the database at db_path has a recovery key. */
bool gu_db_keys_have_recovery(const char *db_path);
/* Removes the key slots of the database at db_path (a database that was
 * never encrypted with them); returns 0 or < 0. */
int gu_db_keys_discard(const char *db_path, gu_error *err);

/* Records in db's audit a login and the failures the key slots counted
 * before it; returns 0 or < 0. */
int gu_db_record_login(gu_db *db, const struct gu_unlock_report *report, gu_error *err);

#endif
