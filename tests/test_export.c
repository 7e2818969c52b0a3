/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV export of the case list: exact bytes in UTF-8 with a BOM and in
 * GB18030 for names outside GBK (䶮, 𠮷), masked ID numbers, the items'
 * verdicts and referrals, filters, and a file made 0600. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "db/export.h"
#include "db/groups.h"
#include "tests/test_supervise_util.h"

TestSuite(export, .init = sv_setup, .fini = sv_teardown, .timeout = 120);

static char a[GU_ID_SIZE], b[GU_ID_SIZE];

/* Makes a store with two children, 䶮 (with results, a referral and a
 * group) and 𠮷祥; returns it. */
static gu_db *two_children(void)
{
	gu_db *db = sv_open();
	gu_result r[2] = { { .item = 3, .verdict = GU_YES, .persons = "child" },
		{ .item = 39, .verdict = GU_MAYBE, .persons = "child" } };
	gu_results res = { .v = r, .n = 2 };
	gu_followup_new fu = { .status = GU_REF_DELIVERED, .date = "2025-03-01" };
	gu_error err;

	sv_case(db, "li", "大平房镇", "䶮", "211302201501010021", a);
	cr_assert_eq(gu_case_save_results(db, a, &res, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_set_groups(db, a, "left_behind", &err), 0);
	fu.status = GU_REF_REFERRED;
	cr_assert_eq(gu_followup_add(db, a, 3, &fu, &err), 0, "%s", err.message);
	fu.status = GU_REF_DELIVERED;
	cr_assert_eq(gu_followup_add(db, a, 3, &fu, &err), 0, "%s", err.message);
	sv_case(db, "zhao", "联合镇", "𠮷祥", "", b);
	sv_consent(db, a);
	sv_consent(db, b);
	return db;
}

/* Appends n bytes to buf at *len. */
static void put(char *buf, size_t *len, const char *s, size_t n)
{
	memcpy(buf + *len, s, n);
	*len += n;
}

/* Builds the expected row of a case from its encoded fields; returns its length. */
static size_t expected_row(char *buf, const char *id, const char *name, size_t name_len,
	const char *masked, const char *town, size_t town_len, const char *worker,
	const char *groups, const char *item3, const char *item39)
{
	char made[16];
	time_t now = time(NULL);
	struct tm tm;
	size_t len = 0;
	int k;

	localtime_r(&now, &tm);
	strftime(made, sizeof made, "%Y-%m-%d", &tm);
	put(buf, &len, "\"", 1);
	put(buf, &len, id, strlen(id));
	put(buf, &len, "\",\"", 3);
	put(buf, &len, name, name_len);
	put(buf, &len, "\",\"", 3);
	put(buf, &len, masked, strlen(masked));
	put(buf, &len, "\",\"", 3);
	put(buf, &len, town, town_len);
	put(buf, &len, "\",\"", 3);
	put(buf, &len, worker, strlen(worker));
	put(buf, &len, "\",\"", 3);
	put(buf, &len, groups, strlen(groups));
	put(buf, &len, "\",\"draft\",\"", 11);
	put(buf, &len, made, strlen(made));
	put(buf, &len, "\",\"\"", 4);
	/* interview date, age, sex, hukou county, guardian: none answered */
	put(buf, &len, ",\"\",\"\",\"\",\"\",\"\"", 15);
	for (k = 1; k <= 39; k++) {
		const char *cell = k == 3 ? item3 : k == 39 ? item39 : "";

		put(buf, &len, ",\"", 2);
		put(buf, &len, cell, strlen(cell));
		put(buf, &len, "\"", 1);
	}
	put(buf, &len, "\r\n", 2);
	return len;
}

/* Reads a whole file into a malloc'd buffer; returns it with its length in *len. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 16);

	cr_assert_not_null(f);
	*len = fread(buf, 1, 1 << 16, f);
	fclose(f);
	return buf;
}

/* Returns a pointer past the header line (after its CRLF). */
static const char *after_header(const char *data, size_t len)
{
	const char *p = memmem(data, len, "\r\n", 2);

	cr_assert_not_null(p);
	return p + 2;
}

Test(export, utf8_with_a_bom_exact_bytes)
{
	gu_db *db = two_children();
	char out[128], want[4096];
	size_t len, wlen;
	gu_case_filter f = { .sort = GU_SORT_NAME };
	struct stat st;
	gu_error err;
	char *data;
	const char *body;

	snprintf(out, sizeof out, "%s/cases.csv", sv_dir);
	cr_assert_eq(gu_export_cases_file(db, &f, NULL, out, GU_CSV_UTF8_BOM, 0, &len, &err), 0,
		"%s", err.message);
	cr_assert_eq(len, 2);
	cr_assert_eq(stat(out, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	data = slurp(out, &len);
	cr_assert(len > 3 && memcmp(data, "\xef\xbb\xbf\"case\",\"child's name\",\"ID number\"", 34) == 0);
	body = after_header(data, len);
	/* Sorted by pinyin: 䶮 (yan) after 𠮷祥 (xiang, 𠮷 has no reading). */
	wlen = expected_row(want, b, "\xf0\xa0\xae\xb7\xe7\xa5\xa5", 7, "",
		"\xe8\x81\x94\xe5\x90\x88\xe9\x95\x87", 9, "zhao", "", "", "");
	wlen += expected_row(want + wlen, a, "\xe4\xb6\xae", 3, "211302********0021",
		"\xe5\xa4\xa7\xe5\xb9\xb3\xe6\x88\xbf\xe9\x95\x87", 12, "li", "left-behind",
		"eligible / delivered", "verify");
	cr_assert_eq((size_t)(data + len - body), wlen, "body is %zu bytes, want %zu",
		(size_t)(data + len - body), wlen);
	cr_assert(memcmp(body, want, wlen) == 0, "body:\n%.*s\nwant:\n%.*s",
		(int)wlen, body, (int)wlen, want);
	free(data);
	gu_db_close(db);
}

Test(export, gb18030_exact_bytes_for_names_outside_gbk)
{
	gu_db *db = two_children();
	char out[128], want[4096];
	size_t len, wlen;
	gu_case_filter f = { .sort = GU_SORT_NAME };
	gu_error err;
	char *data;
	const char *body;

	snprintf(out, sizeof out, "%s/cases-gb.csv", sv_dir);
	cr_assert_eq(gu_export_cases_file(db, &f, NULL, out, GU_CSV_GB18030, 0, &len, &err), 0,
		"%s", err.message);
	data = slurp(out, &len);
	cr_assert(memcmp(data, "\"case\"", 6) == 0, "no BOM in GB18030");
	body = after_header(data, len);
	/* 𠮷 is 95 34 B2 35, 祥 CF E9, 联合镇 C1 AA BA CF D5 F2, 䶮 FE 9F,
	 * 大平房镇 B4 F3 C6 BD B7 BF D5 F2. */
	wlen = expected_row(want, b, "\x95\x34\xb2\x35\xcf\xe9", 6, "",
		"\xc1\xaa\xba\xcf\xd5\xf2", 6, "zhao", "", "", "");
	wlen += expected_row(want + wlen, a, "\xfe\x9f", 2, "211302********0021",
		"\xb4\xf3\xc6\xbd\xb7\xbf\xd5\xf2", 8, "li", "left-behind",
		"eligible / delivered", "verify");
	cr_assert_eq((size_t)(data + len - body), wlen);
	cr_assert(memcmp(body, want, wlen) == 0);
	free(data);
	gu_db_close(db);
}

Test(export, filters_choose_the_rows_and_a_worker_exports_only_their_own)
{
	gu_db *db = two_children();
	gu_case_filter f = { .township = "联合镇" };
	size_t n = 0;
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	cr_assert_eq(gu_export_cases_csv(db, &f, NULL, &w, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	gu_csv_free(&w);

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_login(db, "li");
	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	cr_assert_eq(gu_export_cases_csv(db, NULL, NULL, &w, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1, "li sees only 䶮");
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	{
		size_t len;
		const char *data = gu_csv_data(&w, &len);

		cr_assert_not_null(memmem(data, len, "\xe4\xb6\xae", 3));
		cr_assert_null(memmem(data, len, "zhao", 4));
		cr_assert_null(memmem(data, len, "201501010021", 12), "the ID number is masked");
	}
	gu_csv_free(&w);
	gu_db_close(db);
}

Test(export, a_file_that_cannot_be_made_is_reported)
{
	gu_db *db = two_children();
	char out[160];
	gu_error err;

	snprintf(out, sizeof out, "%s/no-such-folder/cases.csv", sv_dir);
	cr_assert_eq(gu_export_cases_file(db, NULL, NULL, out, GU_CSV_UTF8_BOM, 0, NULL, &err), -GU_ENOTFOUND);
	cr_assert_str_eq(err.where, out);
	gu_db_close(db);
}

Test(export, a_case_without_a_legal_basis_keeps_its_name_and_number_back)
{
	gu_db *db = sv_open();
	char c[GU_ID_SIZE];
	size_t n = 0, len;
	const char *data;
	gu_csv w;
	gu_error err;

	sv_case(db, "li", "大平房镇", "王小明", "211302201501010021", c);
	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	cr_assert_eq(gu_export_cases_csv(db, NULL, NULL, &w, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1, "the case is still a row, for its counts");
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	data = gu_csv_data(&w, &len);
	cr_assert_null(memmem(data, len, "王小明", strlen("王小明")), "the name is withheld");
	cr_assert_null(memmem(data, len, "211302", 6), "so is the ID number, even masked");
	cr_assert_not_null(memmem(data, len, "statutory duty", 14), "the cell says what to record");
	cr_assert_not_null(memmem(data, len, "大平房镇", strlen("大平房镇")));
	gu_csv_free(&w);

	sv_consent(db, c);
	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	cr_assert_eq(gu_export_cases_csv(db, NULL, NULL, &w, &n, &err), 0, "%s", err.message);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	data = gu_csv_data(&w, &len);
	cr_assert_not_null(memmem(data, len, "王小明", strlen("王小明")), "with a basis it is written");
	gu_csv_free(&w);
	gu_db_close(db);
}
