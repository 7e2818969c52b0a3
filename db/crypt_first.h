/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A database's first user: every database guanai creates is encrypted and
 * has a supervisor from the start, and a plain database of before is
 * encrypted when its first supervisor is made or a supervisor logs in
 * (docs/privacy.md, "Logins"). */
#ifndef GUANAI_DB_CRYPT_FIRST_H
#define GUANAI_DB_CRYPT_FIRST_H

#include <stdbool.h>

#include "core/error.h"
#include "db/store.h"

/* Returns true when there is a database at path to open: the file exists
 * and is not empty (a missing or empty one is made anew, key slots left
 * beside it by a removed database discarded). */
bool gu_db_exists(const char *path);

/* Counts into *users the users of the database at path, which has no key
 * slots, opening it without a key; returns 0, 1 when there is no database
 * yet (no file, or an empty one), -GU_EEXIST when it is encrypted, or
 * another error (not a guanai database). */
int gu_db_plain_users(const char *path, int *users, gu_error *err);

/* Creates the database at path (missing, empty, or plain without users)
 * encrypted, with name as its first supervisor under password, and logs
 * her in; a plain database is encrypted into a new file first.  Writes a
 * recovery key into recovery (GU_KEY_RECOVERY_TEXT bytes) to show once,
 * or makes none when recovery is NULL.  Returns 0 with *out open, or
 * -GU_EEXIST when the database has users, or another error. */
int gu_db_create_first(const char *path, const char *name, const char *password,
	char *recovery, gu_db **out, gu_error *err);

/* Encrypts the plain database at path, which has users, when name is one
 * of its supervisors and password hers: she gets a key slot (the others
 * get theirs when a supervisor sets their passwords), no recovery key is
 * made, and she is logged in.  Returns 0 with *out open, -GU_EAUTH,
 * -GU_EPERM for a worker, or another error. */
int gu_db_encrypt_by(const char *path, const char *name, const char *password,
	gu_db **out, gu_error *err);

#endif
