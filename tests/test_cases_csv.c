/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "guanai cases --csv" as the cases command calls it: options, encodings,
 * the file made 0600, filters, and the login. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/crypt_login.h"
#include "tests/test_supervise_util.h"
#include "tui/cases_csv.h"
#include "tui/options.h"

TestSuite(cases_csv, .init = sv_setup, .fini = sv_teardown, .timeout = 120);

static char pw_file[200];

/* Makes an encrypted store, as guanai makes every one, with its supervisor
 * wang and the worker li (each with a key slot; the command logs in as
 * wang unless told otherwise) and 䶮 (li, 大平房镇) and 𠮷祥 (zhao,
 * 联合镇); closes it. */
static void two_children(void)
{
	char id[GU_ID_SIZE];
	gu_error err;
	gu_db *db;
	FILE *f;

	cr_assert_eq(gu_db_keys_create(sv_path, "wang", "password-of-test", NULL, &err), 0, "%s",
		err.message);
	cr_assert_eq(gu_db_keys_set(sv_path, "li", "password-of-test", &err), 0, "%s", err.message);
	db = sv_open();
	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_case(db, "li", "大平房镇", "䶮", "211302201501010021", id);
	sv_consent(db, id);
	sv_case(db, "zhao", "联合镇", "𠮷祥", "", id);
	sv_consent(db, id);
	gu_db_close(db);
	snprintf(pw_file, sizeof pw_file, "%s/pw", sv_dir);
	f = fopen(pw_file, "w");
	cr_assert_not_null(f);
	fputs("password-of-test\n", f);
	fclose(f);
	gu_opts.db_path = sv_path;
	gu_opts.user = "wang";
	gu_opts.password_file = pw_file;
}

/* Runs gu_cases_csv with the words of args (separated by '|'); returns its status. */
static int run(const char *args)
{
	static char copy[1024];
	char *argv[32], *save = NULL, *w;
	int argc = 0;

	snprintf(copy, sizeof copy, "%s", args);
	for (w = strtok_r(copy, "|", &save); w && argc < 31; w = strtok_r(NULL, "|", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	return gu_cases_csv(argc, argv);
}

/* Reads a file into buf (size bytes); returns its length. */
static size_t slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	cr_assert_not_null(f, "%s", path);
	n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

Test(cases_csv, gb18030_file_made_0600_with_a_filter)
{
	char cmd[512], out[160], data[8192];
	struct stat st;
	size_t len;

	two_children();
	snprintf(out, sizeof out, "%s/out.csv", sv_dir);
	snprintf(cmd, sizeof cmd, "cases|--csv|--encoding|gb18030|--township|联合镇|--output|%s", out);
	cr_assert_eq(run(cmd), 0);
	cr_assert_eq(stat(out, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	len = slurp(out, data, sizeof data);
	cr_assert_not_null(memmem(data, len, "\"\x95\x34\xb2\x35\xcf\xe9\"", 8), "𠮷祥 in GB18030");
	cr_assert_null(memmem(data, len, "\xfe\x9f", 2), "䶮 is filtered out");
}

Test(cases_csv, utf8_with_a_bom_by_default)
{
	char cmd[512], out[160], data[8192];
	size_t len;

	two_children();
	snprintf(out, sizeof out, "%s/out.csv", sv_dir);
	snprintf(cmd, sizeof cmd, "cases|--csv|--search|0021|--output|%s", out);
	cr_assert_eq(run(cmd), 0);
	len = slurp(out, data, sizeof data);
	cr_assert(len > 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0);
	cr_assert_not_null(memmem(data, len, "\"\xe4\xb6\xae\"", 5), "䶮 in UTF-8");
	cr_assert_not_null(memmem(data, len, "\"211302********0021\"", 20));
	cr_assert_null(memmem(data, len, "\xf0\xa0\xae\xb7", 4), "𠮷 does not match 0021");
}

Test(cases_csv, bad_options_are_refused)
{
	two_children();
	cr_assert_eq(run("cases|--csv|--encoding|gbk"), 2);
	cr_assert_eq(run("cases|--csv|--item|40"), 2);
	cr_assert_eq(run("cases|--csv|--group|rich"), 2);
	cr_assert_eq(run("cases|--csv|--due-by|2025-02-30"), 2);
	cr_assert_eq(run("cases|--csv|--sort|age"), 2);
	cr_assert_eq(run("cases|--csv|extra"), 2);
}

Test(cases_csv, a_login_is_needed)
{
	char cmd[512], out[160], data[8192];
	size_t len;

	two_children();
	snprintf(out, sizeof out, "%s/out.csv", sv_dir);
	snprintf(cmd, sizeof cmd, "cases|--csv|--output|%s", out);
	gu_opts.user = NULL;
	cr_assert_eq(run(cmd), 2, "--user is missing");
	gu_opts.user = "li";
	cr_assert_eq(run(cmd), 0);
	len = slurp(out, data, sizeof data);
	cr_assert_not_null(memmem(data, len, "\xe4\xb6\xae", 3));
	cr_assert_null(memmem(data, len, "zhao", 4), "li sees only her own case");
}
