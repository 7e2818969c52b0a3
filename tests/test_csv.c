/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The CSV writer: quoting, CRLF, formula guards, UTF-8 with BOM, strict GB18030 and its errors. */

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/csv.h"

/* Expects the memory output of w to be exactly the len bytes of want. */
static void expect_bytes(const gu_csv *w, const char *want, size_t len)
{
	size_t got_len;
	const char *got = gu_csv_data(w, &got_len);

	cr_assert_eq(got_len, len, "length %zu, want %zu: [%.*s]", got_len, len, (int)got_len, got);
	cr_assert(memcmp(got, want, len) == 0, "bytes differ: [%.*s]", (int)got_len, got);
}

TestSuite(csv, .timeout = 60);

Test(csv, utf8_with_bom_quotes_every_field_and_ends_lines_with_crlf)
{
	static const char *const header[] = { "name", "id" };
	static const char *const row1[] = { "张小红", "211322********0426" };
	static const char *const row2[] = { "say \"hi\"", "" };
	static const char want[] = "\xEF\xBB\xBF\"name\",\"id\"\r\n"
		"\"张小红\",\"211322********0426\"\r\n"
		"\"say \"\"hi\"\"\",\"\"\r\n";
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8_BOM, NULL, &err), 0);
	gu_csv_header_next(&w);
	cr_assert_eq(gu_csv_row(&w, header, 2), 0);
	cr_assert_eq(gu_csv_row(&w, row1, 2), 0);
	cr_assert_eq(gu_csv_row(&w, row2, 2), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0, "%s", err.message);
	cr_assert_eq(gu_csv_rows(&w), 2, "the header is no data row");
	expect_bytes(&w, want, sizeof want - 1);
	gu_csv_free(&w);
}

Test(csv, plain_utf8_has_no_bom_and_keeps_newlines_inside_quotes)
{
	static const char want[] = "\"a\nb\",\"1\",\"\"\r\n";
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	gu_csv_field(&w, "a\nb");
	gu_csv_field_long(&w, 1);
	gu_csv_field(&w, NULL);
	cr_assert_eq(gu_csv_end_row(&w), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	expect_bytes(&w, want, sizeof want - 1);
	gu_csv_free(&w);
}

Test(csv, formula_cells_are_neutralised)
{
	static const char *const cells[] = {
		"=SUM(A1:A9)", "+86 138", "-2", "@cmd", "\tx", "\rx", "\xEF\xBC\x9D" "1+1",
		"a=b", " =x", "",
	};
	static const char want[] = "\"'=SUM(A1:A9)\",\"'+86 138\",\"'-2\",\"'@cmd\",\"'\tx\",\"'\rx\","
		"\"'\xEF\xBC\x9D" "1+1\",\"a=b\",\" =x\",\"\"\r\n";
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	cr_assert_eq(gu_csv_row(&w, cells, sizeof cells / sizeof cells[0]), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	expect_bytes(&w, want, sizeof want - 1);
	gu_csv_free(&w);
}

Test(csv, formula_guard_with_a_quote_inside)
{
	static const char want[] = "\"'=\"\"x\"\"\"\r\n";
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	gu_csv_field(&w, "=\"x\"");
	gu_csv_end_row(&w);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	expect_bytes(&w, want, sizeof want - 1);
	gu_csv_free(&w);
}

Test(csv, utf8_keeps_rare_name_characters)
{
	static const char *const row[] = { "刘䶮", "𠮷田" };
	static const char want[] = "\xEF\xBB\xBF\"刘䶮\",\"𠮷田\"\r\n";
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8_BOM, NULL, &err), 0);
	cr_assert_eq(gu_csv_row(&w, row, 2), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	expect_bytes(&w, want, sizeof want - 1);
	gu_csv_free(&w);
}

Test(csv, gb18030_writes_four_byte_sequences_exactly)
{
	static const char *const header[] = { "姓名" };
	static const char *const row1[] = { "张小红", "䶮" };
	static const char *const row2[] = { "𠮷", "a\"b" };
	/* Checked with iconv -t GB18030: 姓名 D0D5 C3FB, 张小红 D5C5 D0A1 BAEC,
	 * 䶮 (U+4DAE) FE9F, 𠮷 (U+20BB7) 95 34 B2 35. */
	static const char want[] = "\"\xD0\xD5\xC3\xFB\"\r\n"
		"\"\xD5\xC5\xD0\xA1\xBA\xEC\",\"\xFE\x9F\"\r\n"
		"\"\x95\x34\xB2\x35\",\"a\"\"b\"\r\n";
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_GB18030, NULL, &err), 0, "%s", err.message);
	gu_csv_header_next(&w);
	cr_assert_eq(gu_csv_row(&w, header, 1), 0);
	cr_assert_eq(gu_csv_row(&w, row1, 2), 0);
	cr_assert_eq(gu_csv_row(&w, row2, 2), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0, "%s", err.message);
	expect_bytes(&w, want, sizeof want - 1);
	gu_csv_free(&w);
}

Test(csv, gb18030_round_trips_through_iconv)
{
	static const char *const row[] = { "刘䶮", "𠮷", "欧阳娜娜", "=1" };
	static const char want[] = "\"刘䶮\",\"𠮷\",\"欧阳娜娜\",\"'=1\"\r\n";
	gu_csv w;
	gu_error err;
	size_t len, inleft, outleft;
	char back[256];
	char *in, *out;
	iconv_t cd;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_GB18030, NULL, &err), 0);
	cr_assert_eq(gu_csv_row(&w, row, 4), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	in = (char *)gu_csv_data(&w, &len);
	cd = iconv_open("UTF-8", "GB18030");
	cr_assert(cd != (iconv_t)-1);
	inleft = len;
	out = back;
	outleft = sizeof back;
	cr_assert_neq(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
	iconv_close(cd);
	cr_assert_eq((size_t)(out - back), sizeof want - 1);
	cr_assert(memcmp(back, want, sizeof want - 1) == 0);
	gu_csv_free(&w);
}

Test(csv, gb18030_refuses_bad_text_and_names_the_rows)
{
	static const char *const header[] = { "name" };
	static const char *const good[] = { "张三" };
	static const char *const bad_utf8[] = { "王\xFF" };
	static const char *const surrogate[] = { "\xED\xA0\x80" };
	gu_csv w;
	gu_error err;
	size_t n, len;
	const size_t *bad;
	const char *data;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_GB18030, NULL, &err), 0);
	gu_csv_header_next(&w);
	cr_assert_eq(gu_csv_row(&w, header, 1), 0);
	cr_assert_eq(gu_csv_row(&w, good, 1), 0);
	cr_assert_eq(gu_csv_row(&w, bad_utf8, 1), -GU_EENCODING);
	cr_assert_eq(gu_csv_row(&w, good, 1), 0);
	cr_assert_eq(gu_csv_row(&w, surrogate, 1), -GU_EENCODING);
	cr_assert_eq(gu_csv_finish(&w, &err), -GU_EENCODING);
	cr_assert_eq(err.code, GU_EENCODING);
	cr_assert(strstr(err.message, "rows 2, 4") != NULL, "%s", err.message);
	cr_assert(strstr(err.message, "GB18030") != NULL, "%s", err.message);
	bad = gu_csv_bad_rows(&w, &n);
	cr_assert_eq(n, 2);
	cr_assert_eq(bad[0], 2);
	cr_assert_eq(bad[1], 4);
	data = gu_csv_data(&w, &len);
	cr_assert_null(memchr(data, '?', len), "never a silent '?'");
	cr_assert_eq(len, strlen("\"name\"\r\n\"\xD5\xC5\xC8\xFD\"\r\n\"\xD5\xC5\xC8\xFD\"\r\n"),
		"only the good rows are written");
	gu_csv_free(&w);
}

Test(csv, one_bad_row_is_named_in_the_singular)
{
	static const char *const bad_utf8[] = { "\xC0\xAF" };
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8_BOM, NULL, &err), 0);
	cr_assert_eq(gu_csv_row(&w, bad_utf8, 1), -GU_EENCODING, "an overlong form");
	cr_assert_eq(gu_csv_finish(&w, &err), -GU_EENCODING);
	cr_assert(strstr(err.message, "data row 1 is") != NULL, "%s", err.message);
	gu_csv_free(&w);
}

Test(csv, many_bad_rows_are_listed_briefly)
{
	static const char *const bad_utf8[] = { "\xFE" };
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_GB18030, NULL, &err), 0);
	for (int i = 0; i < 50; i++)
		gu_csv_row(&w, bad_utf8, 1);
	cr_assert_eq(gu_csv_finish(&w, &err), -GU_EENCODING);
	cr_assert(strstr(err.message, "50 data rows") != NULL, "%s", err.message);
	cr_assert(strstr(err.message, "19, 20, \xE2\x80\xA6") != NULL, "%s", err.message);
	cr_assert_null(strstr(err.message, "21"), "%s", err.message);
	gu_csv_free(&w);
}

Test(csv, writes_to_a_file_like_to_memory)
{
	static const char *const row[] = { "刘䶮", "=x" };
	FILE *f = tmpfile();
	gu_csv w, m;
	gu_error err;
	char got[128];
	size_t n, mlen;
	const char *mem;

	cr_assert_not_null(f);
	cr_assert_eq(gu_csv_init(&w, GU_CSV_GB18030, f, &err), 0);
	cr_assert_eq(gu_csv_init(&m, GU_CSV_GB18030, NULL, &err), 0);
	for (int i = 0; i < 3; i++) {
		gu_csv_row(&w, row, 2);
		gu_csv_row(&m, row, 2);
	}
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	cr_assert_eq(gu_csv_finish(&m, &err), 0);
	rewind(f);
	n = fread(got, 1, sizeof got, f);
	mem = gu_csv_data(&m, &mlen);
	cr_assert_eq(n, mlen);
	cr_assert(memcmp(got, mem, n) == 0);
	fclose(f);
	gu_csv_free(&w);
	gu_csv_free(&m);
}

Test(csv, an_empty_export_still_has_its_bom)
{
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8_BOM, NULL, &err), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	expect_bytes(&w, "\xEF\xBB\xBF", 3);
	gu_csv_free(&w);
}

Test(csv, guard_detection)
{
	cr_assert(gu_csv_needs_guard("=", 1));
	cr_assert(gu_csv_needs_guard("-1", 2));
	cr_assert_not(gu_csv_needs_guard("1-", 2));
	cr_assert_not(gu_csv_needs_guard("", 0));
	cr_assert_not(gu_csv_needs_guard(NULL, 0));
	cr_assert_not(gu_csv_needs_guard("\xEF\xBC", 2), "a cut character is no guard case");
	cr_assert(gu_csv_needs_guard("\xEF\xBC\xA0", 3));
}

Test(csv, a_bad_header_is_named_as_the_header)
{
	static const char *const header[] = { "\xFF" };
	static const char *const row[] = { "ok" };
	gu_csv w;
	gu_error err;
	size_t n;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	gu_csv_header_next(&w);
	cr_assert_eq(gu_csv_row(&w, header, 1), -GU_EENCODING);
	cr_assert_eq(gu_csv_row(&w, row, 1), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), -GU_EENCODING);
	cr_assert(strstr(err.message, "header") != NULL, "%s", err.message);
	cr_assert_eq(gu_csv_bad_rows(&w, &n)[0], 0);
	cr_assert_eq(gu_csv_rows(&w), 1);
	gu_csv_free(&w);
}

Test(csv, utf8_mode_also_names_bad_rows)
{
	static const char *const good[] = { "a" };
	static const char *const bad[] = { "\xE4\xB8" };
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8_BOM, NULL, &err), 0);
	gu_csv_row(&w, bad, 1);
	gu_csv_row(&w, good, 1);
	gu_csv_row(&w, bad, 1);
	cr_assert_eq(gu_csv_finish(&w, &err), -GU_EENCODING);
	cr_assert(strstr(err.message, "2 data rows") && strstr(err.message, "(rows 1, 3)"),
		"%s", err.message);
	gu_csv_free(&w);
}

Test(csv, cells_a_spreadsheet_would_make_numbers_or_dates_stay_text)
{
	static const char want[] = "\"'0012345\",\"'1E5\",\"'2024-01-02\",\"'2024年1月2日\","
		"\"'12:30\",\"'3/4\",\"E\",\"张1\",\"12\",\"2024-01-02\"\r\n";
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	gu_csv_field(&w, "0012345");
	gu_csv_field(&w, "1E5");
	gu_csv_field(&w, "2024-01-02");
	gu_csv_field(&w, "2024年1月2日");
	gu_csv_field(&w, "12:30");
	gu_csv_field(&w, "3/4");
	gu_csv_field(&w, "E");
	gu_csv_field(&w, "张1");
	gu_csv_field_long(&w, 12);
	gu_csv_field_value(&w, "2024-01-02");
	cr_assert_eq(gu_csv_end_row(&w), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	expect_bytes(&w, want, sizeof want - 1);
	gu_csv_free(&w);
}

Test(csv, control_characters_in_cells_are_escaped)
{
	static const char want[] = "\"a\\x1B[2J\\u009Bb\nc\"\r\n";
	gu_csv w;
	gu_error err;

	cr_assert_eq(gu_csv_init(&w, GU_CSV_UTF8, NULL, &err), 0);
	gu_csv_field(&w, "a\x1b[2J\xc2\x9b" "b\nc");
	cr_assert_eq(gu_csv_end_row(&w), 0);
	cr_assert_eq(gu_csv_finish(&w, &err), 0);
	expect_bytes(&w, want, sizeof want - 1);
	gu_csv_free(&w);
}
