/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Users, roles and logging in.  Passwords are kept only as Argon2id hashes
 * (libsodium's crypto_pwhash_str).  A login sets the session user and role
 * on the store; db/access.h then limits what that user sees and changes. */
#ifndef GUANAI_DB_AUTH_H
#define GUANAI_DB_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include "db/store.h"

/* The length of the shortest password accepted. */
#define GU_PASSWORD_MIN 8
/* Room for a password hash string (crypto_pwhash_STRBYTES). */
#define GU_PASSWORD_HASH_SIZE 128

/* One user as listed. */
typedef struct gu_user_info {
	char name[128];
	enum gu_role role;
	bool has_password;
	gu_time_ms created;
} gu_user_info;

/* Sets the Argon2id work and memory limits for new hashes (0 for the
 * defaults: libsodium's interactive limits, 64 MiB, right for a 2 GB
 * laptop).  Tests lower them to stay fast. */
void gu_auth_set_limits(unsigned long long opslimit, size_t memlimit);

/* Hashes password into out (size bytes, at least GU_PASSWORD_HASH_SIZE);
 * returns 0, -GU_EINVAL (too short) or -GU_ENOMEM. */
int gu_auth_hash(const char *password, char *out, size_t size, gu_error *err);

/* Adds a user with a password.  The first user who can log in must be a
 * supervisor; after that only a logged-in supervisor may add users.  The addition is
 * audited.  Returns 0, -GU_EINVAL (bad name, short password, name taken),
 * -GU_EPERM or < 0. */
int gu_auth_add_user(gu_db *db, const char *name, enum gu_role role,
	const char *password, gu_error *err);

/* Checks name and password; on success sets the session user and role on
 * db and rehashes the password when its hash used other limits.  Returns
 * 0, -GU_EAUTH (unknown user or wrong password: the same message for both)
 * or < 0. */
int gu_auth_login(gu_db *db, const char *name, const char *password, gu_error *err);

/* Sets name's password (db/user_password.c): her own, or anyone's for a
 * logged-in supervisor; the password hash and, on an encrypted database,
 * her key slot change together; audited.  Returns 0, -GU_EPERM, -GU_EINVAL
 * (the password breaks a rule), -GU_ENOTFOUND or < 0. */
int gu_auth_set_password(gu_db *db, const char *name, const char *password, gu_error *err);
/* As gu_auth_set_password, for whoever opened the database with its
 * recovery key (gu_db_recover): no login needed; audited as a recovery. */
int gu_auth_recover_password(gu_db *db, const char *name, const char *password, gu_error *err);

/* Disables name, a user who left (db/user_admin.c): she can no longer log
 * in (her password and key slot go), her cases go to heir, her name stays
 * in the audit.  At an office her cases (assigned to her, else made by
 * her) are assigned to heir's laptop as guanai assign does
 * (gu_xchg_hand_over).  A logged-in supervisor only; never the last
 * supervisor.  Audited.  Returns the number of cases handed over,
 * -GU_EPERM, -GU_EINVAL, -GU_ENOTFOUND or < 0. */
int gu_auth_disable_user(gu_db *db, const char *name, const char *heir, gu_error *err);
/* Gives name the role (db/user_admin.c); a logged-in supervisor only; the
 * last supervisor stays one.  Audited.  Returns 0, -GU_EPERM,
 * -GU_ENOTFOUND or < 0. */
int gu_auth_set_role(gu_db *db, const char *name, enum gu_role role, gu_error *err);

/* Ends the session: no user, no role. */
void gu_auth_logout(gu_db *db);

/* Returns true when a user is logged in; then *name and *role (either may
 * be NULL) describe them. */
bool gu_auth_session(const gu_db *db, const char **name, enum gu_role *role);

/* Returns 1 when the database has users who can log in (a user with a
 * password: then a login is needed), 0 when it has none, or < 0.  A user
 * stored without a password (gu_user_add with no hash) cannot log in and
 * so does not lock the database. */
int gu_auth_users_exist(gu_db *db, gu_error *err);

/* Lists the users by name into a malloc'd array (free()); returns 0 or < 0. */
int gu_auth_list_users(gu_db *db, gu_user_info **out, size_t *n, gu_error *err);

/* Returns "worker" or "supervisor". */
const char *gu_role_name(enum gu_role r);
/* Returns the translated word for a role. */
const char *gu_role_label(enum gu_role r);
/* Sets *out from "worker" or "supervisor"; returns 0 or -GU_EINVAL. */
int gu_role_parse(const char *name, enum gu_role *out, gu_error *err);

#endif
