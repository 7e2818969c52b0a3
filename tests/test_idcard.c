/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* ID numbers: check character, birth date, sex, region, reasons and masking. */

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/idcard.h"
#include "core/region.h"

/* Returns the check character of 17 digits by the standard's own formula
 * (check value = (12 - weighted sum mod 11) mod 11, 10 written X), worked
 * out here with weights 2^(i-1) mod 11 so the test does not share the
 * program's table. */
static char expected_check(const char *d17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int w = 1;

		for (int k = 0; k < 17 - i; k++)
			w = (w * 2) % 11;
		sum += (d17[i] - '0') * w;
	}
	int v = (12 - sum % 11) % 11;
	return v == 10 ? 'X' : (char)('0' + v);
}

/* Writes into buf (19 bytes) region + yyyymmdd + seq with its check character; returns buf. */
static char *make_id(char *buf, const char *region, const char *ymd, const char *seq)
{
	snprintf(buf, 19, "%.6s%.8s%.3s", region, ymd, seq);
	buf[17] = expected_check(buf);
	buf[18] = '\0';
	return buf;
}

static const gu_date today = { 2026, 11, 29 };

TestSuite(idcard, .timeout = 60);

Test(idcard, the_published_example_is_valid)
{
	gu_idcard id;

	cr_assert_eq(expected_check("11010519491231002"), 'X', "the test's own formula");
	cr_assert_eq(gu_idcard_check_char("11010519491231002"), 'X');
	cr_assert_eq(gu_idcard_parse_on("11010519491231002X", today, &id), GU_ID_OK);
	cr_assert_str_eq(id.number, "11010519491231002X");
	cr_assert_str_eq(id.region, "110105");
	cr_assert_eq(id.dob.year, 1949);
	cr_assert_eq(id.dob.month, 12);
	cr_assert_eq(id.dob.day, 31);
	cr_assert_eq(id.sex, 'f', "17th digit 2 is even");
	cr_assert_eq(id.check, 'X');
}

Test(idcard, constructed_numbers_are_valid_and_read_back)
{
	static const char regions[][7] = { "211322", "211324", "211302", "210102", "211382", "110105" };
	static const char dates[][9] = { "20100426", "20080229", "20000229", "19000101", "20261129" };
	static const char seqs[][4] = { "042", "001", "999", "314" };
	char num[19];
	gu_idcard id;

	for (size_t r = 0; r < sizeof regions / sizeof regions[0]; r++)
		for (size_t d = 0; d < sizeof dates / sizeof dates[0]; d++)
			for (size_t s = 0; s < sizeof seqs / sizeof seqs[0]; s++) {
				make_id(num, regions[r], dates[d], seqs[s]);
				cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_OK, "%s", num);
				cr_assert_str_eq(id.region, regions[r]);
				cr_assert_eq(id.dob.year * 10000 + id.dob.month * 100 + id.dob.day,
					(int)strtol(dates[d], NULL, 10));
				cr_assert_eq(id.sex, (seqs[s][2] - '0') % 2 ? 'm' : 'f', "%s", num);
				cr_assert_eq(id.check, num[17]);
			}
}

Test(idcard, lower_case_x_is_accepted_and_normalised)
{
	char num[19] = "";
	char seq[16];
	gu_idcard id;
	int found = 0;

	for (int i = 0; i < 1000 && !found; i++) {
		snprintf(seq, sizeof seq, "%03d", i);
		make_id(num, "211321", "20120704", seq);
		found = num[17] == 'X';
	}
	cr_assert(found, "some sequence number gives the check character X");
	num[17] = 'x';
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_OK, "%s", num);
	cr_assert_eq(id.number[17], 'X');
	num[17] = '0';
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_CHECK);
}

Test(idcard, surrounding_blanks_are_ignored)
{
	char num[19], padded[32];
	gu_idcard id;

	make_id(num, "211322", "20150101", "123");
	snprintf(padded, sizeof padded, "  %s \n", num);
	cr_assert_eq(gu_idcard_parse_on(padded, today, &id), GU_ID_OK);
	cr_assert_str_eq(id.number, num);
}

Test(idcard, a_wrong_check_character_names_the_right_one)
{
	char num[19], buf[256], want[64];
	char right;
	gu_idcard id;

	make_id(num, "211322", "20100426", "042");
	right = num[17];
	num[17] = right == '5' ? '4' : '5';
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_CHECK);
	cr_assert_eq(id.check, right, "the expected check character is reported");
	cr_assert_not_null(gu_idcard_reason_on(num, today, buf, sizeof buf));
	snprintf(want, sizeof want, "should be %c, not %c", right, num[17]);
	cr_assert(strstr(buf, want) != NULL, "[%s] lacks [%s]", buf, want);
	cr_assert(strstr(buf, "check the digits") != NULL, "%s", buf);
}

Test(idcard, one_changed_digit_is_always_caught)
{
	char num[19], bad[19];
	gu_idcard id;

	make_id(num, "211381", "20110517", "273");
	for (int i = 14; i < 17; i++)
		for (char c = '0'; c <= '9'; c++) {
			if (c == num[i])
				continue;
			memcpy(bad, num, sizeof bad);
			bad[i] = c;
			cr_assert_eq(gu_idcard_parse_on(bad, today, &id), GU_ID_CHECK, "%s", bad);
		}
}

Test(idcard, birth_dates_must_be_real_past_and_from_1900)
{
	char num[19], buf[256];
	gu_idcard id;

	make_id(num, "211322", "20250230", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_BIRTHDATE, "30 February");
	cr_assert_eq(id.check, num[17], "check still reported");
	gu_idcard_reason_on(num, today, buf, sizeof buf);
	cr_assert(strstr(buf, "20250230") != NULL, "%s", buf);
	make_id(num, "211322", "20230229", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_BIRTHDATE, "2023 is common");
	make_id(num, "211322", "20101301", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_BIRTHDATE, "month 13");
	make_id(num, "211322", "18991231", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_BIRTHDATE, "before 1900");
	make_id(num, "211322", "20261130", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_BIRTHDATE, "tomorrow");
	make_id(num, "211322", "20261129", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_OK, "born today");
	make_id(num, "211322", "30000101", "042");
	cr_assert_eq(gu_idcard_parse(num, &id), GU_ID_BIRTHDATE, "far future, against the clock");
}

Test(idcard, length_and_characters)
{
	char num[19], buf[256], longer[24];
	gu_idcard id;

	make_id(num, "211322", "20100426", "042");
	cr_assert_eq(gu_idcard_parse_on("", today, &id), GU_ID_EMPTY);
	cr_assert_eq(gu_idcard_parse_on("   ", today, &id), GU_ID_EMPTY);
	cr_assert_eq(gu_idcard_parse_on(NULL, today, &id), GU_ID_EMPTY);
	cr_assert_eq(gu_idcard_parse_on("21132220100426042", today, &id), GU_ID_LENGTH, "17");
	snprintf(longer, sizeof longer, "%s1", num);
	cr_assert_eq(gu_idcard_parse_on(longer, today, &id), GU_ID_LENGTH, "19");
	cr_assert_eq(gu_idcard_parse_on("211322100426042", today, &id), GU_ID_LENGTH, "old 15");
	gu_idcard_reason_on("211322100426042", today, buf, sizeof buf);
	cr_assert(strstr(buf, "15") != NULL && strstr(buf, "18") != NULL, "%s", buf);
	cr_assert_eq(gu_idcard_parse_on("21132220100A26042X", today, &id), GU_ID_CHARS, "a letter");
	cr_assert_eq(gu_idcard_parse_on("211322-2010042604", today, &id), GU_ID_LENGTH);
	cr_assert_eq(gu_idcard_parse_on("211322 20100426042", today, &id), GU_ID_CHARS, "inner blank");
	memcpy(longer, num, 19);
	longer[17] = 'Y';
	cr_assert_eq(gu_idcard_parse_on(longer, today, &id), GU_ID_CHARS, "Y at the end");
	cr_assert_eq(id.check, num[17], "check still reported");
	/* 18 characters of which one is a full-width digit (3 bytes): counted as characters. */
	gu_idcard_reason_on("2113222010042604２", today, buf, sizeof buf);
	cr_assert(strstr(buf, "18 characters") != NULL, "%s", buf);
	cr_assert_eq(gu_idcard_parse_on("2113222010042604２", today, &id), GU_ID_LENGTH);
}

Test(idcard, region_must_exist)
{
	char num[19], buf[256];
	gu_idcard id;

	make_id(num, "991322", "20100426", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_REGION);
	gu_idcard_reason_on(num, today, buf, sizeof buf);
	cr_assert(strstr(buf, "991322") != NULL, "%s", buf);
	make_id(num, "000000", "20100426", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_REGION);
	make_id(num, "130102", "20100426", "042");
	cr_assert_eq(gu_idcard_parse_on(num, today, &id), GU_ID_OK, "a real province is enough");
}

Test(idcard, every_status_has_a_text_and_valid_numbers_no_reason)
{
	char num[19], buf[256];

	for (int s = GU_ID_OK; s <= GU_ID_CHECK; s++)
		cr_assert_gt(strlen(gu_id_status_text((gu_id_status)s)), 10);
	make_id(num, "211322", "20100426", "042");
	cr_assert_null(gu_idcard_reason_on(num, today, buf, sizeof buf));
	cr_assert_str_eq(buf, "");
	cr_assert_not_null(gu_idcard_reason_on("", today, buf, sizeof buf));
	cr_assert_str_eq(buf, gu_id_status_text(GU_ID_EMPTY));
}

Test(idcard, check_char_needs_17_digits)
{
	cr_assert_eq(gu_idcard_check_char("2113222010042604"), 0);
	cr_assert_eq(gu_idcard_check_char("2113222010042604a"), 0);
	cr_assert_eq(gu_idcard_check_char(NULL), 0);
}

Test(idcard, masks_for_lists)
{
	char buf[19];

	cr_assert_str_eq(gu_idcard_mask("211322201004260426", buf), "211322********0426");
	cr_assert_str_eq(gu_idcard_mask("11010519491231002x", buf), "110105********002X");
	cr_assert_str_eq(gu_idcard_mask("12345", buf), "******************",
		"not an ID: nothing of it shown");
	cr_assert_str_eq(gu_idcard_mask("", buf), "");
}
