/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the encryption tests: whether a file's bytes hold a
 * text anywhere, as `strings` or a hex viewer would show it. */
#ifndef GUANAI_TESTS_TEST_CRYPT_UTIL_H
#define GUANAI_TESTS_TEST_CRYPT_UTIL_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns true when the file at path holds the bytes of s. */
static bool tcrypt_file_holds(const char *path, const char *s)
{
	FILE *f = fopen(path, "rb");
	size_t len = strlen(s), n, i;
	unsigned char *buf;
	bool found = false;
	long size;

	cr_assert_not_null(f, "%s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc((size_t)size + 1);
	cr_assert_not_null(buf);
	n = fread(buf, 1, (size_t)size, f);
	fclose(f);
	for (i = 0; !found && i + len <= n; i++)
		found = memcmp(buf + i, s, len) == 0;
	free(buf);
	return found;
}

#endif
