/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Users and passwords: Argon2id hashes, the first user a supervisor, only
 * a supervisor adding users, logins, rehashing on login. */
#include "config.h"

#include <criterion/criterion.h>
#include <sodium.h>
#include <string.h>

#include "db/auth.h"
#include "db/store.h"
#include "tests/test_supervise_util.h"

TestSuite(auth, .init = sv_setup, .fini = sv_teardown, .timeout = 120);

/* Reads a user's stored hash into buf, or fails the test. */
static void stored_hash(gu_db *db, const char *name, char *buf, size_t size)
{
	enum gu_role role;
	gu_error err;

	cr_assert_eq(gu_user_get(db, name, &role, buf, size, &err), 0, "get: %s", err.message);
}

Test(auth, passwords_are_stored_only_as_argon2id_hashes)
{
	gu_db *db = sv_open();
	char hash[GU_PASSWORD_HASH_SIZE];

	sv_user(db, "王主任", GU_ROLE_SUPERVISOR);
	stored_hash(db, "王主任", hash, sizeof hash);
	cr_assert(strncmp(hash, "$argon2id$", 10) == 0, "hash [%s]", hash);
	cr_assert_null(strstr(hash, "password-of-test"));
	cr_assert_eq(crypto_pwhash_str_verify(hash, "password-of-test", 16), 0);
	gu_db_close(db);
}

Test(auth, first_user_must_be_a_supervisor)
{
	gu_db *db = sv_open();
	gu_error err;

	cr_assert_eq(gu_auth_users_exist(db, &err), 0);
	cr_assert_eq(gu_auth_add_user(db, "li", GU_ROLE_WORKER, "password-of-test", &err),
		-GU_EPERM);
	cr_assert(strstr(err.message, "supervisor") != NULL, "%s", err.message);
	cr_assert_eq(gu_auth_users_exist(db, &err), 0);
	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	cr_assert_eq(gu_auth_users_exist(db, &err), 1);
	gu_db_close(db);
}

Test(auth, only_a_logged_in_supervisor_adds_users)
{
	gu_db *db = sv_open();
	gu_error err;
	gu_user_info *users;
	size_t n;

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	cr_assert_eq(gu_auth_add_user(db, "li", GU_ROLE_WORKER, "password-of-test", &err),
		-GU_EPERM);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_login(db, "li");
	cr_assert_eq(gu_auth_add_user(db, "zhao", GU_ROLE_WORKER, "password-of-test", &err),
		-GU_EPERM, "a worker must not add users");
	cr_assert_eq(gu_auth_list_users(db, &users, &n, &err), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(users[0].name, "li");
	cr_assert_eq(users[0].role, GU_ROLE_WORKER);
	cr_assert_str_eq(users[1].name, "wang");
	cr_assert_eq(users[1].role, GU_ROLE_SUPERVISOR);
	cr_assert(users[1].has_password);
	free(users);
	gu_db_close(db);
}

Test(auth, bad_names_short_passwords_and_taken_names_are_refused)
{
	gu_db *db = sv_open();
	gu_error err;

	cr_assert_eq(gu_auth_add_user(db, "", GU_ROLE_SUPERVISOR, "password-of-test", &err),
		-GU_EINVAL);
	cr_assert_eq(gu_auth_add_user(db, " wang", GU_ROLE_SUPERVISOR, "password-of-test", &err),
		-GU_EINVAL);
	cr_assert_eq(gu_auth_add_user(db, "wang", GU_ROLE_SUPERVISOR, "short", &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "8") != NULL, "%s", err.message);
	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	cr_assert_eq(gu_auth_add_user(db, "wang", GU_ROLE_WORKER, "password-of-test", &err),
		-GU_EINVAL);
	cr_assert(strstr(err.message, "already") != NULL, "%s", err.message);
	gu_db_close(db);
}

Test(auth, login_checks_the_password_and_sets_the_session)
{
	gu_db *db = sv_open();
	const char *name = NULL;
	enum gu_role role = GU_ROLE_WORKER;
	gu_error err;

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	cr_assert_eq(gu_auth_login(db, "wang", "wrong-password", &err), -GU_EAUTH);
	cr_assert_not(gu_auth_session(db, &name, &role));
	cr_assert_eq(gu_auth_login(db, "nobody", "password-of-test", &err), -GU_EAUTH);
	sv_login(db, "wang");
	cr_assert(gu_auth_session(db, &name, &role));
	cr_assert_str_eq(name, "wang");
	cr_assert_eq(role, GU_ROLE_SUPERVISOR);
	gu_auth_logout(db);
	cr_assert_not(gu_auth_session(db, NULL, NULL));
	gu_db_close(db);
}

Test(auth, failed_logins_are_audited)
{
	gu_db *db = sv_open();
	gu_audit_entry *e;
	size_t n, i, failed = 0;
	gu_error err;

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	cr_assert_eq(gu_auth_login(db, "wang", "wrong-password", &err), -GU_EAUTH);
	cr_assert_eq(gu_audit_list(db, NULL, 0, &e, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++)
		failed += strcmp(e[i].action, "user.login_failed") == 0;
	cr_assert_eq(failed, 1);
	gu_audit_entries_free(e, n);
	gu_db_close(db);
}

Test(auth, login_rehashes_a_password_hashed_with_other_limits)
{
	gu_db *db = sv_open();
	char before[GU_PASSWORD_HASH_SIZE], after[GU_PASSWORD_HASH_SIZE];

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	stored_hash(db, "wang", before, sizeof before);
	cr_assert_neq(crypto_pwhash_str_needs_rehash(before, crypto_pwhash_OPSLIMIT_MIN + 1,
		crypto_pwhash_MEMLIMIT_MIN * 2), 0);
	gu_auth_set_limits(crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN * 2);
	sv_login(db, "wang");
	stored_hash(db, "wang", after, sizeof after);
	cr_assert_str_neq(before, after);
	cr_assert_eq(crypto_pwhash_str_needs_rehash(after, crypto_pwhash_OPSLIMIT_MIN + 1,
		crypto_pwhash_MEMLIMIT_MIN * 2), 0, "the new hash uses the new limits");
	cr_assert_eq(crypto_pwhash_str_verify(after, "password-of-test", 16), 0);
	/* A second login with the same limits leaves the hash alone. */
	sv_login(db, "wang");
	stored_hash(db, "wang", before, sizeof before);
	cr_assert_str_eq(before, after);
	gu_db_close(db);
}

Test(auth, default_limits_are_the_interactive_ones)
{
	char hash[GU_PASSWORD_HASH_SIZE];
	gu_error err;

	gu_auth_set_limits(0, 0);
	cr_assert_eq(gu_auth_hash("password-of-test", hash, sizeof hash, &err), 0);
	cr_assert_eq(crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE), 0, "hash [%s]", hash);
	cr_assert(strstr(hash, "$m=65536,") != NULL, "64 MiB: [%s]", hash);
}

Test(auth, roles_parse_and_name)
{
	enum gu_role r;
	gu_error err;

	cr_assert_eq(gu_role_parse("supervisor", &r, &err), 0);
	cr_assert_eq(r, GU_ROLE_SUPERVISOR);
	cr_assert_eq(gu_role_parse("worker", &r, &err), 0);
	cr_assert_eq(r, GU_ROLE_WORKER);
	cr_assert_eq(gu_role_parse("boss", &r, &err), -GU_EINVAL);
	cr_assert_str_eq(gu_role_name(GU_ROLE_SUPERVISOR), "supervisor");
}

Test(auth, a_user_without_a_password_does_not_lock_the_database)
{
	gu_db *db = sv_open();
	gu_error err;

	cr_assert_eq(gu_user_add(db, "li", GU_ROLE_WORKER, NULL, &err), 0, "%s", err.message);
	cr_assert_eq(gu_auth_users_exist(db, &err), 0);
	cr_assert_eq(gu_auth_login(db, "li", "", &err), -GU_EAUTH);
	cr_assert_eq(gu_auth_add_user(db, "zhao", GU_ROLE_WORKER, "password-of-test", &err),
		-GU_EPERM, "the first user who can log in must be a supervisor");
	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	cr_assert_eq(gu_auth_users_exist(db, &err), 1);
	gu_db_close(db);
}
