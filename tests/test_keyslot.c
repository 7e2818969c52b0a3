/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the key slots: a database key unwrapped by each user's password
 * and by the recovery key, slots added, changed and removed without the
 * key changing, the failed-login counters and their growing wait, the
 * password rules, and the key-slot file's round trip and damage. */
#include "config.h"

#include <criterion/criterion.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "db/keyslot.h"
#include "tests/test_db_util.h"

static char dir[64];
static char keys_path[128];
static gu_keyring ring;
static unsigned char key[GU_CRYPT_KEY_BYTES];
static char recovery[GU_KEY_RECOVERY_TEXT];

/* Makes a scratch folder and a keyring for user wang. */
static void setup(void)
{
	gu_error err;

	cr_assert_geq(sodium_init(), 0);
	tdb_mkdir(dir);
	snprintf(keys_path, sizeof keys_path, "%s/guanai.db-keys", dir);
	cr_assert_eq(gu_keyring_create(&ring, "wang", "wang-secret-1", key, recovery, &err), 0,
		"%s", err.message);
}

/* Removes the scratch folder. */
static void teardown(void)
{
	tdb_rmdir(dir);
}

TestSuite(keyslot, .init = setup, .fini = teardown, .timeout = 60);

Test(keyslot, the_password_unwraps_the_key)
{
	unsigned char got[GU_CRYPT_KEY_BYTES];
	struct gu_unlock_report rep;
	gu_error err;

	cr_assert(!sodium_is_zero(key, sizeof key));
	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "wang-secret-1", 1000, got, &rep, &err), 0);
	cr_assert_eq(memcmp(got, key, sizeof key), 0);
	cr_assert_eq(rep.own_fails, 0);
	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "wang-secret-2", 1000, got, &rep, &err),
		-GU_EAUTH);
	cr_assert(sodium_is_zero(got, sizeof got), "a refused unlock hands back no key");
}

Test(keyslot, the_recovery_key_unwraps_the_key)
{
	unsigned char got[GU_CRYPT_KEY_BYTES];
	char upper[GU_KEY_RECOVERY_TEXT];
	gu_error err;
	size_t i;

	cr_assert_eq(strlen(recovery), GU_KEY_RECOVERY_TEXT - 1);
	cr_assert_eq(gu_keyring_recover(&ring, recovery, got, &err), 0);
	cr_assert_eq(memcmp(got, key, sizeof key), 0);
	for (i = 0; recovery[i]; i++)
		upper[i] = recovery[i] >= 'a' && recovery[i] <= 'f' ? (char)(recovery[i] - 32) : recovery[i];
	upper[i] = '\0';
	cr_assert_eq(gu_keyring_recover(&ring, upper, got, &err), 0, "case does not matter");
	upper[3] = upper[3] == '0' ? '1' : '0';
	cr_assert_eq(gu_keyring_recover(&ring, upper, got, &err), -GU_EAUTH);
	cr_assert_eq(gu_keyring_recover(&ring, "1234", got, &err), -GU_EAUTH);
	cr_assert(strstr(err.message, "64"), "the message says what to type: %s", err.message);
}

Test(keyslot, users_come_and_go_without_a_new_key)
{
	unsigned char got[GU_CRYPT_KEY_BYTES];
	struct gu_unlock_report rep;
	gu_error err;

	cr_assert_eq(gu_keyring_set(&ring, "li", "li-secret-11", key, &err), 0);
	cr_assert_eq(gu_keyring_unlock(&ring, "li", "li-secret-11", 1000, got, &rep, &err), 0);
	cr_assert_eq(memcmp(got, key, sizeof key), 0);
	/* Li changes her password: the old one stops working, the key stays. */
	cr_assert_eq(gu_keyring_set(&ring, "li", "li-secret-22", key, &err), 0);
	cr_assert_eq(ring.n, 2);
	cr_assert_eq(gu_keyring_unlock(&ring, "li", "li-secret-11", 1000, got, &rep, &err), -GU_EAUTH);
	cr_assert_eq(gu_keyring_unlock(&ring, "li", "li-secret-22", 1000, got, &rep, &err), 0);
	cr_assert_eq(memcmp(got, key, sizeof key), 0);
	cr_assert_eq(rep.own_fails, 1, "the failure before is reported once");
	cr_assert_eq(gu_keyring_remove(&ring, "li", &err), 0);
	cr_assert(!gu_keyring_has(&ring, "li"));
	cr_assert_eq(gu_keyring_unlock(&ring, "li", "li-secret-22", 1000, got, &rep, &err), -GU_EAUTH);
	cr_assert_eq(gu_keyring_remove(&ring, "li", &err), -GU_ENOTFOUND);
	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "wang-secret-1", 1000, got, &rep, &err), 0);
	cr_assert_eq(rep.unknown_fails, 1, "li's failure, now under no slot, is reported");
}

Test(keyslot, a_slot_cannot_be_given_to_another_name)
{
	unsigned char got[GU_CRYPT_KEY_BYTES];
	struct gu_unlock_report rep;
	gu_error err;

	cr_assert_eq(gu_keyring_set(&ring, "li", "li-secret-11", key, &err), 0);
	memcpy(ring.slot[1].name, "zhao", 5);
	cr_assert_eq(gu_keyring_unlock(&ring, "zhao", "li-secret-11", 1000, got, &rep, &err),
		-GU_EAUTH, "the name is bound into the slot");
}

Test(keyslot, password_rules)
{
	gu_error err;

	cr_assert_eq(gu_password_check("li", "short", &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "8"), "%s", err.message);
	cr_assert_eq(gu_password_check("li", "aaaaaaaaaa", &err), -GU_EINVAL);
	cr_assert_eq(gu_password_check("li", "关关关关关关关关", &err), -GU_EINVAL);
	cr_assert_eq(gu_password_check("zhangsan", "ZhangSan", &err), -GU_EINVAL);
	cr_assert_eq(gu_password_check("li", "春眠不觉晓处处", &err), -GU_EINVAL, "7 characters");
	cr_assert_eq(gu_password_check("li", "春眠不觉晓处处闻", &err), 0, "8 characters");
	cr_assert_eq(gu_password_check("li", "abababab", &err), 0);
	cr_assert_eq(gu_keyring_set(&ring, "li", "li", key, &err), -GU_EINVAL);
	cr_assert_eq(gu_keyring_set(&ring, "a b", "long-enough-1", key, &err), -GU_EINVAL);
	cr_assert_eq(ring.n, 1, "a refused password made no slot");
}

Test(keyslot, five_failures_then_a_growing_wait)
{
	unsigned char got[GU_CRYPT_KEY_BYTES];
	struct gu_unlock_report rep;
	gu_error err;
	int i;

	for (i = 0; i < 5; i++)
		cr_assert_eq(gu_keyring_unlock(&ring, "wang", "guess-guess", 1000, got, &rep, &err),
			-GU_EAUTH);
	cr_assert_eq(gu_keyring_wait(&ring, "wang", 1000), 30);
	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "wang-secret-1", 1010, got, &rep, &err),
		-GU_EPERM, "even the right password waits");
	cr_assert(strstr(err.message, "20"), "%s", err.message);
	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "guess-guess", 1030, got, &rep, &err),
		-GU_EAUTH);
	cr_assert_eq(gu_keyring_wait(&ring, "wang", 1030), 60, "the wait doubles");
	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "guess-guess", 1090, got, &rep, &err),
		-GU_EAUTH);
	cr_assert_eq(gu_keyring_wait(&ring, "wang", 1090), 120);
	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "wang-secret-1", 1210, got, &rep, &err), 0);
	cr_assert_eq(rep.own_fails, 7);
	cr_assert_eq(gu_keyring_wait(&ring, "wang", 1210), 0, "a success clears the count");
}

Test(keyslot, an_unknown_name_is_treated_as_a_known_one)
{
	unsigned char got[GU_CRYPT_KEY_BYTES];
	struct gu_unlock_report rep;
	gu_error known, unknown;
	int i;

	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "guess-guess", 1000, got, &rep, &known),
		-GU_EAUTH);
	cr_assert_eq(gu_keyring_unlock(&ring, "nobody", "guess-guess", 1000, got, &rep, &unknown),
		-GU_EAUTH);
	cr_assert_str_eq(known.message, unknown.message, "the same words for both");
	for (i = 0; i < 4; i++)
		gu_keyring_unlock(&ring, "nobody", "guess-guess", 1000, got, &rep, &unknown);
	cr_assert_eq(gu_keyring_wait(&ring, "nobody", 1000), 30, "an unknown name waits too");
	cr_assert_eq(gu_keyring_unlock(&ring, "wang", "wang-secret-1", 1000, got, &rep, &known), 0);
	cr_assert_eq(rep.own_fails, 1);
	cr_assert_eq(rep.unknown_fails, 5);
}

Test(keyslot, the_file_round_trips_without_personal_data)
{
	gu_keyring back;
	unsigned char got[GU_CRYPT_KEY_BYTES];
	struct gu_unlock_report rep;
	struct stat st;
	gu_error err;
	char buf[8192];
	FILE *fp;
	size_t n;

	cr_assert_eq(gu_keyring_set(&ring, "li", "li-secret-11", key, &err), 0);
	gu_keyring_unlock(&ring, "someone", "guess-guess", 1000, got, &rep, &err);
	cr_assert_eq(gu_keyring_save(keys_path, &ring, &err), 0, "%s", err.message);
	cr_assert_eq(stat(keys_path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	fp = fopen(keys_path, "r");
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	cr_assert_null(strstr(buf, "someone"), "a mistyped name is not written");
	cr_assert_eq(gu_keyring_load(keys_path, &back, &err), 0, "%s", err.message);
	cr_assert_eq(back.n, 2);
	cr_assert_eq(back.n_fails, 1);
	cr_assert_eq(gu_keyring_unlock(&back, "li", "li-secret-11", 1000, got, &rep, &err), 0);
	cr_assert_eq(memcmp(got, key, sizeof key), 0);
	cr_assert_eq(gu_keyring_recover(&back, recovery, got, &err), 0);
	cr_assert_eq(gu_keyring_load("/nonexistent/keys", &back, &err), 1);
}

Test(keyslot, a_damaged_file_is_reported_with_its_line)
{
	gu_keyring back;
	gu_error err;
	FILE *fp;
	char line[1024];
	char text[8192] = "";

	cr_assert_eq(gu_keyring_save(keys_path, &ring, &err), 0);
	fp = fopen(keys_path, "r");
	while (fgets(line, sizeof line, fp))
		strcat(text, line);
	fclose(fp);
	text[strlen(text) - 5] = 'x'; /* the last line's hex */
	fp = fopen(keys_path, "w");
	fputs(text, fp);
	fclose(fp);
	cr_assert_eq(gu_keyring_load(keys_path, &back, &err), -GU_EDB_CORRUPT);
	cr_assert_gt(err.where[0], 0, "the message names the place");
	cr_assert(strstr(err.message, "recovery"), "%s", err.message);
	fp = fopen(keys_path, "w");
	fputs("not a key file\n", fp);
	fclose(fp);
	cr_assert_eq(gu_keyring_load(keys_path, &back, &err), -GU_EDB_CORRUPT);
}
