/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the supervision tests: a scratch database, cases with
 * a worker, a name and an ID number, and users with fast password hashes. */
#ifndef GUANAI_TESTS_TEST_SUPERVISE_UTIL_H
#define GUANAI_TESTS_TEST_SUPERVISE_UTIL_H

#include <criterion/criterion.h>
#include <sodium.h>
#include <string.h>

#include "db/auth.h"
#include "db/store.h"
#include "tests/test_db_util.h"

static char sv_dir[64];
static char sv_path[128];

/* Makes a scratch folder and uses the smallest Argon2id limits. */
static inline void sv_setup(void)
{
	tdb_mkdir(sv_dir);
	snprintf(sv_path, sizeof sv_path, "%s/guanai.db", sv_dir);
	gu_auth_set_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

/* Removes the scratch folder. */
static inline void sv_teardown(void)
{
	tdb_rmdir(sv_dir);
}

/* Opens the scratch store or fails the test; returns it. */
static inline gu_db *sv_open(void)
{
	gu_db *db = NULL;
	gu_error err;

	cr_assert_eq(gu_db_open(sv_path, &db, &err), 0, "open: %s", err.message);
	return db;
}

/* Creates a case of worker for a child; writes its id. */
static inline void sv_case(gu_db *db, const char *worker, const char *township, const char *name,
	const char *id_number, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = worker, .township = township, .child_name = name,
		.child_id_number = id_number, .policy_id = "chaoyang-2024",
		.policy_version = "1", .policy_hash = "abc" };
	gu_error err;

	cr_assert_eq(gu_case_create(db, &c, id, &err), 0, "create: %s", err.message);
}

/* Adds a user or fails the test. */
static inline void sv_user(gu_db *db, const char *name, enum gu_role role)
{
	gu_error err;

	cr_assert_eq(gu_auth_add_user(db, name, role, "password-of-test", &err), 0,
		"add %s: %s", name, err.message);
}

/* Logs in or fails the test. */
static inline void sv_login(gu_db *db, const char *name)
{
	gu_error err;

	cr_assert_eq(gu_auth_login(db, name, "password-of-test", &err), 0,
		"login %s: %s", name, err.message);
}

/* Records the guardian's consent as the case's legal basis or fails the test. */
static inline void sv_consent(gu_db *db, const char *id)
{
	gu_error err;

	cr_assert_eq(gu_case_save_answer(db, id, "consent.basis", "guardian_consent", NULL, &err), 0,
		"consent: %s", err.message);
	cr_assert_eq(gu_case_save_answer(db, id, "consent.by", "李芳", NULL, &err), 0,
		"consent: %s", err.message);
}

/* Sets a case's status or fails the test. */
static inline void sv_status(gu_db *db, const char *id, enum gu_case_status s)
{
	gu_error err;

	cr_assert_eq(gu_case_set_status(db, id, s, NULL, &err), 0, "status: %s", err.message);
}

#endif
