/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The 18-character resident ID number: check character, birth date, sex, region and masking. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/idcard.h"
#include "core/region.h"

/* ISO 7064 MOD 11-2 weights of the first 17 digits, and the check
 * character for each remainder of the weighted sum modulo 11. */
static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_map[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

/* Returns true when c is an ASCII digit. */
static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Returns the check character ('0'-'9' or 'X') for 17 digits, or 0. */
char gu_idcard_check_char(const char *first17)
{
	int sum = 0;

	if (!first17)
		return 0;
	for (int i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return 0;
		sum += (first17[i] - '0') * weights[i];
	}
	return check_map[sum % 11];
}

/* Returns the number of UTF-8 characters in s (each lead byte counted once). */
static int count_chars(const char *s, size_t len)
{
	int n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Returns the value of n digits at s. */
static int digits_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Copies s without surrounding blanks into buf (size bytes); returns its length,
 * or size when it does not fit. */
static size_t trimmed_copy(const char *s, char *buf, size_t size)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'
			|| s[len - 1] == '\r'))
		len--;
	if (len >= size)
		return size;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return len;
}

/* Parses and checks s as on day `today`; returns the status and fills out. */
gu_id_status gu_idcard_parse_on(const char *s, gu_date today, gu_idcard *out)
{
	char num[64];
	size_t len;
	gu_idcard id;
	gu_date dob;

	memset(&id, 0, sizeof id);
	if (out)
		*out = id;
	if (!s)
		return GU_ID_EMPTY;
	len = trimmed_copy(s, num, sizeof num);
	if (len == 0)
		return GU_ID_EMPTY;
	if (len != 18)
		return GU_ID_LENGTH;
	if (num[17] == 'x')
		num[17] = 'X';
	for (int i = 0; i < 17; i++)
		if (!is_digit(num[i]))
			return GU_ID_CHARS;
	id.check = gu_idcard_check_char(num);
	if (out)
		out->check = id.check;
	if (!is_digit(num[17]) && num[17] != 'X')
		return GU_ID_CHARS;
	memcpy(id.number, num, 18);
	memcpy(id.region, num, 6);
	if (!gu_region_valid(id.region))
		return GU_ID_REGION;
	dob.year = digits_value(num + 6, 4);
	dob.month = digits_value(num + 10, 2);
	dob.day = digits_value(num + 12, 2);
	if (dob.year < 1900 || !gu_date_valid(dob.year, dob.month, dob.day)
			|| gu_date_cmp(dob, today) > 0)
		return GU_ID_BIRTHDATE;
	id.dob = dob;
	id.sex = (num[16] - '0') % 2 ? 'm' : 'f';
	if (num[17] != id.check)
		return GU_ID_CHECK;
	if (out)
		*out = id;
	return GU_ID_OK;
}

/* Parses and checks an ID number against today's date; returns the status. */
gu_id_status gu_idcard_parse(const char *s, gu_idcard *out)
{
	return gu_idcard_parse_on(s, gu_date_today(), out);
}

/* Returns a translated sentence saying what is wrong and how to fix it. */
const char *gu_id_status_text(gu_id_status s)
{
	switch (s) {
	case GU_ID_OK:
		return _("the ID number is valid");
	case GU_ID_EMPTY:
		return _("no ID number was typed: type the 18 characters, or none when the child has no ID number");
	case GU_ID_LENGTH:
		return _("an ID number has 18 characters: check for a missing or extra digit");
	case GU_ID_CHARS:
		return _("an ID number is 17 digits followed by a digit or X: check for letters or other signs");
	case GU_ID_REGION:
		return _("the first six digits are no region code: check them against the ID card");
	case GU_ID_BIRTHDATE:
		return _("digits 7 to 14 are not a real date of birth (YYYYMMDD, not in the future): check them");
	case GU_ID_CHECK:
		return _("the last character does not match the others: check the digits you typed");
	}
	return _("the ID number is not valid");
}

/* Writes into buf a translated sentence about what is wrong with s, with the
 * details (the expected check character, the date, the count of characters),
 * as judged on day `today`; returns buf, or NULL when s is a valid number. */
const char *gu_idcard_reason_on(const char *s, gu_date today, char *buf, size_t size)
{
	gu_idcard id;
	gu_id_status st = gu_idcard_parse_on(s, today, &id);
	char num[64];
	size_t len;

	if (!buf || size == 0)
		return NULL;
	buf[0] = '\0';
	if (st == GU_ID_OK)
		return NULL;
	len = s ? trimmed_copy(s, num, sizeof num) : 0;
	switch (st) {
	case GU_ID_LENGTH:
		snprintf(buf, size, _("an ID number has 18 characters, this one has %d: check for a missing or extra digit"),
			len >= sizeof num ? (int)len : count_chars(num, len));
		break;
	case GU_ID_REGION:
		snprintf(buf, size, _("the first six digits (%.6s) are no region code: check them against the ID card"),
			num);
		break;
	case GU_ID_BIRTHDATE:
		snprintf(buf, size, _("digits 7 to 14 (%.8s) are not a real date of birth (YYYYMMDD, not in the future): check them"),
			num + 6);
		break;
	case GU_ID_CHECK:
		snprintf(buf, size, _("the last character should be %c, not %c: check the digits you typed"),
			id.check, num[17] == 'x' ? 'X' : num[17]);
		break;
	case GU_ID_OK:
	case GU_ID_EMPTY:
	case GU_ID_CHARS:
		snprintf(buf, size, "%s", gu_id_status_text(st));
		break;
	}
	return buf;
}

/* Writes into buf what is wrong with s as of today; returns buf, or NULL when valid. */
const char *gu_idcard_reason(const char *s, char *buf, size_t size)
{
	return gu_idcard_reason_on(s, gu_date_today(), buf, size);
}

/* Masks an ID number for lists: first 6 and last 4 kept, 8 '*' between; returns buf. */
char *gu_idcard_mask(const char *number, char *buf)
{
	size_t len = number ? strlen(number) : 0;

	if (len != 18) {
		/* Not an ID number: show nothing of it rather than risk revealing it. */
		memset(buf, '*', 18);
		buf[18] = '\0';
		if (len == 0)
			buf[0] = '\0';
		return buf;
	}
	memcpy(buf, number, 6);
	memset(buf + 6, '*', 8);
	memcpy(buf + 14, number + 14, 4);
	buf[18] = '\0';
	if (buf[17] == 'x')
		buf[17] = 'X';
	return buf;
}
