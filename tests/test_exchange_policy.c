/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy file an office's bundle carries (docs/exchange.md, "The policy
 * travels") is taken on a laptop only as the office signed it, and only
 * when it loads as a policy file under the hash it is sent with: a bundle
 * whose policy was altered, or that carries a policy that does not load or
 * does not match its hash, is refused whole and nothing of it applied; the
 * genuine bundle is then taken. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/bundle_body.h"
#include "core/sha256.h"
#include "db/exchange_internal.h"
#include "test_db_util.h"
#include "test_policy_util.h"

static char dir[64];
static gu_db *office, *lap;
static gu_policy *pol;               /* the office's changed policy */
static char device[GU_ID_SIZE];      /* the laptop, as the office knows it */
static unsigned char *genuine;       /* the office's bundle to the laptop */
static size_t genuine_len;

/* Reads a whole file; returns the malloc'd bytes, NUL-terminated. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long size;

	cr_assert(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc((size_t)size + 1);
	cr_assert(buf);
	cr_assert_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = '\0';
	fclose(f);
	*len = (size_t)size;
	return buf;
}

/* Returns the shipped policy's text with its version changed (malloc'd). */
static char *changed_policy_text(void)
{
	size_t len;
	char *text = (char *)slurp(tp_policy_path(), &len), *v = strstr(text, "  version: 2024.1\n");

	cr_assert(v, "the shipped policy has version 2024.1");
	v[strlen("  version: 2024.")] = '7';
	return text;
}

/* Sets up an office using a changed policy and an enrolled laptop, and
 * writes the office's first bundle to the laptop. */
static void setup(void)
{
	char path[128], outbox[128];
	gu_xchg_office_file o;
	gu_xchg_device d;
	gu_xchg_self self;
	gu_xchg_sent s;
	gu_strbuf b = { 0 };
	gu_error err;
	char *text;

	tdb_mkdir(dir);
	snprintf(path, sizeof path, "%s/office.db", dir);
	cr_assert_eq(gu_db_open(path, &office, &err), 0, "%s", err.message);
	snprintf(path, sizeof path, "%s/lap.db", dir);
	cr_assert_eq(gu_db_open(path, &lap, &err), 0, "%s", err.message);
	cr_assert_eq(gu_xchg_office_init(office, "大平房镇", &self, &err), 0, "%s", err.message);
	cr_assert_eq(gu_xchg_office_public(office, &b, &err), 0, "%s", err.message);
	text = gu_sb_take(&b);
	cr_assert_eq(gu_xchg_office_file_parse(text, &o, &err), 0, "%s", err.message);
	free(text);
	cr_assert_eq(gu_xchg_enroll(lap, &o, "大平房镇", "李娜", false, &b, &self, &err), 0, "%s",
		err.message);
	text = gu_sb_take(&b);
	cr_assert_eq(gu_xchg_device_add(office, text, &d, &err), 0, "%s", err.message);
	free(text);
	snprintf(device, sizeof device, "%s", d.id);
	text = changed_policy_text();
	cr_assert_eq(gu_policy_load_text("changed", text, strlen(text), &pol, &err), 0, "%s",
		err.message);
	free(text);
	cr_assert_eq(gu_db_use_policy(office, pol, &err), 0, "%s", err.message);
	snprintf(outbox, sizeof outbox, "%s/usb", dir);
	cr_assert_eq(mkdir(outbox, 0700), 0);
	cr_assert_eq(gu_xchg_send(office, device, outbox, NULL, &s, &err), 0, "%s", err.message);
	cr_assert(s.policy, "the laptop said no policy yet: the office's bundle carries its own");
	genuine = slurp(s.path, &genuine_len);
	gu_xchg_sent_free(&s);
}

/* Closes both databases and removes the folder. */
static void teardown(void)
{
	gu_db_close(office);
	gu_db_close(lap);
	gu_policy_free(pol);
	free(genuine);
	tdb_rmdir(dir);
}

TestSuite(exchange_policy, .init = setup, .fini = teardown, .timeout = 60);

/* Returns the genuine bundle's body as the laptop opens it (malloc'd). */
static char *genuine_body(void)
{
	gu_bundle_opened o;
	gu_xchg_keys k;
	gu_error err;
	char *body;

	cr_assert_eq(gu_xchg_keys_load(lap, &k, &err), 0, "%s", err.message);
	cr_assert_eq(gu_bundle_open(genuine, genuine_len, &k.keys, &o, &err), 0, "%s",
		err.message);
	gu_xchg_keys_wipe(&k);
	body = strdup(o.body);
	cr_assert(body);
	gu_bundle_opened_free(&o);
	return body;
}

/* Returns body with its policy section carrying text under hash instead
 * (malloc'd). */
static char *with_policy(const char *body, const char *text, const char *hash)
{
	const char *sec = strstr(body, "\n\n" GU_XBODY_POLICY), *nl, *rest;
	gu_strbuf b = { 0 };
	size_t n;

	cr_assert(sec, "the genuine bundle has a policy section");
	sec += 2;
	nl = strchr(sec, '\n');
	/* "P ", the hash's 64 digits, a space, the length */
	n = strtoul(sec + strlen(GU_XBODY_POLICY) + 65, NULL, 10);
	rest = nl + 1 + n + 1;
	gu_sb_put(&b, body, (size_t)(sec - body));
	gu_sb_printf(&b, GU_XBODY_POLICY "%s %zu\n%s\n", hash, strlen(text), text);
	gu_sb_printf(&b, "%s", rest);
	return gu_sb_take(&b);
}

/* Seals body to the laptop, signed with sign_sk; returns the bundle. */
static unsigned char *seal(const char *body, const unsigned char *sign_sk, size_t *len)
{
	gu_xchg_keys k;
	unsigned char *out = NULL;
	gu_error err;

	cr_assert_eq(gu_xchg_keys_load(lap, &k, &err), 0, "%s", err.message);
	cr_assert_eq(gu_bundle_seal(body, strlen(body), sign_sk, k.keys.box_pk, &out, len, &err),
		0, "%s", err.message);
	gu_xchg_keys_wipe(&k);
	return out;
}

/* Returns one number from sql on the laptop's database. */
static long long lap_number(const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	cr_assert_eq(sqlite3_prepare_v2(lap->h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Receives data on the laptop, which must refuse it saying why; then
 * checks nothing of it was applied, and that the genuine bundle is taken
 * after it. */
static void refused(unsigned char *data, size_t len, const char *why)
{
	gu_xchg_receipt r;
	gu_policy *got = NULL;
	gu_error err;

	cr_assert_lt(gu_xchg_receive(lap, data, len, &r, &err), 0, "the bundle is refused");
	cr_assert(strstr(err.message, why), "\"%s\" says: %s", why, err.message);
	free(data);
	cr_assert_eq(lap_number("SELECT count(*) FROM xchg_received"), 0, "nothing recorded");
	cr_assert_eq(lap_number("SELECT count(*) FROM xchg_self WHERE office_policy <> ''"), 0,
		"no policy taken");
	cr_assert_eq(gu_xchg_office_policy(lap, &got, &err), 0, "the laptop uses no office policy");
	cr_assert_eq(gu_xchg_receive(lap, genuine, genuine_len, &r, &err), 0, "%s", err.message);
	cr_assert_str_eq(r.policy, gu_policy_hash(pol), "the genuine policy is taken");
	cr_assert_eq(gu_xchg_office_policy(lap, &got, &err), 1, "%s", err.message);
	cr_assert_str_eq(gu_policy_hash(got), gu_policy_hash(pol));
	cr_assert_str_eq(gu_policy_version(got), "2024.7");
	gu_policy_free(got);
}

Test(exchange_policy, a_policy_altered_inside_the_bundle_is_refused_by_the_signature)
{
	char *body = genuine_body(), *text = changed_policy_text(), *altered, hash[65];
	gu_xkeys thief;
	gu_error err;
	unsigned char *data;
	size_t len;

	/* another version under its own hash: only the signature can tell, and
	 * whoever altered it does not hold the office's key */
	strstr(text, "  version: 2024.7\n")[strlen("  version: 2024.")] = '8';
	gu_sha256_hex(text, strlen(text), hash);
	altered = with_policy(body, text, hash);
	free(body);
	free(text);
	cr_assert_eq(gu_xkeys_make(&thief, &err), 0, "%s", err.message);
	data = seal(altered, thief.sign_sk, &len);
	gu_xkeys_wipe(&thief);
	free(altered);
	refused(data, len, "signature");
}

Test(exchange_policy, a_policy_file_that_does_not_load_is_refused_whole)
{
	const char *bad = "policy broken\n  version: 1\n";
	char *body = genuine_body(), *changed, hash[65];
	gu_xchg_keys k;
	gu_error err;
	unsigned char *data;
	size_t len;

	gu_sha256_hex(bad, strlen(bad), hash);
	changed = with_policy(body, bad, hash);
	free(body);
	/* signed by the office itself: the policy's own check refuses it */
	cr_assert_eq(gu_xchg_keys_load(office, &k, &err), 0, "%s", err.message);
	data = seal(changed, k.keys.sign_sk, &len);
	gu_xchg_keys_wipe(&k);
	free(changed);
	refused(data, len, "is not a valid policy file");
}

Test(exchange_policy, a_policy_under_another_hash_is_refused_whole)
{
	char *body = genuine_body(), *changed, *text = changed_policy_text();
	char hash[65];
	gu_xchg_keys k;
	gu_error err;
	unsigned char *data;
	size_t len;

	gu_sha256_hex("another", 7, hash);
	changed = with_policy(body, text, hash);
	free(body);
	free(text);
	cr_assert_eq(gu_xchg_keys_load(office, &k, &err), 0, "%s", err.message);
	data = seal(changed, k.keys.sign_sk, &len);
	gu_xchg_keys_wipe(&k);
	free(changed);
	refused(data, len, "does not match the hash");
}

Test(exchange_policy, a_policy_section_cut_short_is_refused_whole)
{
	char *body = genuine_body(), *sec = strstr(body, "\n\n" GU_XBODY_POLICY), *sp;
	gu_xchg_keys k;
	gu_error err;
	unsigned char *data;
	size_t len;

	/* the section says more bytes than the body holds */
	sec += 2;
	sp = strchr(sec + strlen(GU_XBODY_POLICY), ' ');
	cr_assert(sp);
	memset(sp + 1, '9', (size_t)(strchr(sp, '\n') - sp - 1));
	cr_assert_eq(gu_xchg_keys_load(office, &k, &err), 0, "%s", err.message);
	data = seal(body, k.keys.sign_sk, &len);
	gu_xchg_keys_wipe(&k);
	free(body);
	refused(data, len, "is cut short");
}
