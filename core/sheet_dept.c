/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Department lists and policy sets as the sheets read them (core/sheet.h). */

#include <string.h>

#include "core/sheet.h"

/* Returns the length of the separator at s ("、", "，" or ","), or 0. */
static size_t separator(const char *s)
{
	if (strncmp(s, "、", strlen("、")) == 0)
		return strlen("、");
	if (strncmp(s, "，", strlen("，")) == 0)
		return strlen("，");
	return *s == ',' ? 1 : 0;
}

/* Copies the n bytes at s, without spaces around them, into out (size
 * bytes, cut at a character boundary); returns the bytes copied. */
static size_t copy_trimmed(const char *s, size_t n, char *out, size_t size)
{
	size_t len;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	len = n;
	if (len > size - 1) {
		len = size - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return len;
}

/* Splits list at its separators into trimmed names; returns how many. */
size_t gu_dept_split(const char *list, char out[][GU_DEPT_SIZE], size_t max)
{
	size_t n = 0, start = 0, pos = 0, len = list ? strlen(list) : 0, sep;

	while (pos <= len && n < max) {
		sep = pos < len ? separator(list + pos) : 1;
		if (sep == 0) {
			pos++;
			continue;
		}
		if (copy_trimmed(list + start, pos - start, out[n], GU_DEPT_SIZE) > 0)
			n++;
		pos += sep;
		start = pos;
	}
	return n;
}

/* Returns true when word is a member of the set text. */
bool gu_set_has(const char *set, const char *word)
{
	char names[32][GU_DEPT_SIZE];
	size_t n, i, len;

	if (!set || !word || !*word)
		return false;
	len = strlen(set);
	if (len < 2 || set[0] != '{' || set[len - 1] != '}')
		return false;
	{
		char inner[1024];

		if (len - 2 >= sizeof inner)
			return false;
		memcpy(inner, set + 1, len - 2);
		inner[len - 2] = '\0';
		n = gu_dept_split(inner, names, sizeof names / sizeof names[0]);
	}
	for (i = 0; i < n; i++)
		if (strcmp(names[i], word) == 0)
			return true;
	return false;
}
