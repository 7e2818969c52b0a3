/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The answers-file syntax: key = value lines, comments, errors with lines. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/answers.h"
#include "core/recode.h"

/* Parses text and expects success. */
static void parse_ok(const char *text, gu_answers *a)
{
	gu_error err;
	int rc = gu_answers_parse(text, strlen(text), "t.answers", a, &err);

	cr_assert_eq(rc, 0, "parse failed: %s: %s", err.where, err.message);
}

/* Parses text and expects an error at line. */
static void parse_fails_at(const char *text, const char *where, const char *fragment)
{
	gu_answers a;
	gu_error err;
	int rc = gu_answers_parse(text, strlen(text), "t.answers", &a, &err);

	cr_assert_lt(rc, 0, "parse of [%s] should fail", text);
	cr_assert_str_eq(err.where, where);
	cr_assert(strstr(err.message, fragment) != NULL, "message [%s] lacks [%s]",
		err.message, fragment);
	cr_assert_eq(a.n, 0);
}

TestSuite(answers, .timeout = 60);

Test(answers, reads_keys_values_comments_and_blank_lines)
{
	gu_answers a;

	parse_ok("# a family\n\ninterview.date = 2025-03-01\n"
		"  father.status =  migrant, severe_illness  \r\n"
		"household.status =\n"
		"child.name=张小红\n", &a);
	cr_assert_eq(a.n, 4);
	cr_assert_str_eq(gu_answers_get(&a, "interview.date"), "2025-03-01");
	cr_assert_str_eq(gu_answers_get(&a, "father.status"), "migrant, severe_illness");
	cr_assert_str_eq(gu_answers_get(&a, "household.status"), "");
	cr_assert_str_eq(gu_answers_get(&a, "child.name"), "张小红");
	cr_assert_eq(gu_answers_find(&a, "child.name")->line, 6);
	cr_assert_null(gu_answers_get(&a, "child.dob"));
	gu_answers_free(&a);
}

Test(answers, skips_a_byte_order_mark)
{
	gu_answers a;

	parse_ok("\xef\xbb\xbfinterview.date = 2025-03-01\n", &a);
	cr_assert_str_eq(gu_answers_get(&a, "interview.date"), "2025-03-01");
	gu_answers_free(&a);
}

Test(answers, rejects_a_line_without_equals)
{
	parse_fails_at("interview.date = 2025-03-01\nchild.dob 2019-01-01\n",
		"t.answers:2", "=");
}

Test(answers, rejects_a_key_given_twice_naming_the_first_line)
{
	parse_fails_at("child.sex = male\n\nchild.sex = female\n", "t.answers:3", "line 1");
}

Test(answers, rejects_bad_key_shapes)
{
	parse_fails_at("Child.Dob = 2019-01-01\n", "t.answers:1", "not a valid key");
	parse_fails_at("child. = x\n", "t.answers:1", "not a valid key");
	parse_fails_at("child = x\n", "t.answers:1", "not a valid key");
	parse_fails_at(" = x\n", "t.answers:1", "missing");
}

Test(answers, a_key_is_at_most_63_characters)
{
	char text[200];
	gu_answers a;

	/* "child." and 57 letters: 63 characters. */
	snprintf(text, sizeof text, "child.%s = x\n",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	cr_assert_eq(strlen(text), 63 + 5);
	parse_ok(text, &a);
	cr_assert_eq(a.n, 1);
	cr_assert_eq(strlen(a.v[0].key), 63);
	gu_answers_free(&a);
	snprintf(text, sizeof text, "child.%s = x\n",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	parse_fails_at(text, "t.answers:1", "not a valid key");
}

Test(answers, rejects_invalid_utf8)
{
	parse_fails_at("child.name = \xe5\xbc\n", "t.answers:1", "UTF-8");
	parse_fails_at("child.name = \xed\xa0\x80\n", "t.answers:1", "UTF-8");
}

Test(answers, set_replaces_and_remove_deletes)
{
	gu_answers a, b;

	gu_answers_init(&a);
	cr_assert_eq(gu_answers_set(&a, "child.sex", "male"), 0);
	cr_assert_eq(gu_answers_set(&a, "child.sex", "female"), 0);
	cr_assert_eq(a.n, 1);
	cr_assert_str_eq(gu_answers_get(&a, "child.sex"), "female");
	cr_assert_eq(gu_answers_copy(&b, &a), 0);
	cr_assert_eq(gu_answers_remove(&a, "child.sex"), 1);
	cr_assert_eq(gu_answers_remove(&a, "child.sex"), 0);
	cr_assert_str_eq(gu_answers_get(&b, "child.sex"), "female");
	gu_answers_free(&a);
	gu_answers_free(&b);
}

Test(answers, read_file_reports_a_missing_file)
{
	gu_answers a;
	gu_error err;

	cr_assert_lt(gu_answers_read_file("/nonexistent/x.answers", &a, &err), 0);
	cr_assert_eq(err.code, GU_EIO);
	cr_assert_str_eq(err.where, "/nonexistent/x.answers");
}

Test(answers, many_keys_stay_findable_through_sets_and_removes)
{
	gu_answers a;
	char key[32], value[32];
	int i;

	gu_answers_init(&a);
	for (i = 1; i <= 300; i++) {
		snprintf(key, sizeof key, "member.%d.age", i);
		snprintf(value, sizeof value, "%d", i);
		cr_assert_eq(gu_answers_set(&a, key, value), 0);
	}
	for (i = 1; i <= 300; i += 3) {
		snprintf(key, sizeof key, "member.%d.age", i);
		cr_assert_eq(gu_answers_remove(&a, key), 1);
	}
	cr_assert_eq(a.n, 200);
	for (i = 1; i <= 300; i++) {
		snprintf(key, sizeof key, "member.%d.age", i);
		snprintf(value, sizeof value, "%d", i);
		if (i % 3 == 1)
			cr_assert_null(gu_answers_get(&a, key), "%s was removed", key);
		else
			cr_assert_str_eq(gu_answers_get(&a, key), value);
	}
	/* Insertion order is kept after removals. */
	cr_assert_str_eq(a.v[0].key, "member.2.age");
	cr_assert_str_eq(a.v[1].key, "member.3.age");
	gu_answers_free(&a);
}

Test(answers, a_key_that_is_a_prefix_of_another_is_a_different_key)
{
	gu_answers a;

	gu_answers_init(&a);
	cr_assert_eq(gu_answers_set(&a, "member.1.age", "30"), 0);
	cr_assert_eq(gu_answers_set(&a, "member.1.ag", "x"), 0);
	cr_assert_str_eq(gu_answers_get(&a, "member.1.age"), "30");
	cr_assert_str_eq(gu_answers_get(&a, "member.1.ag"), "x");
	cr_assert_null(gu_answers_get(&a, "member.1.a"));
	gu_answers_free(&a);
}

Test(answers, rejects_cr_only_line_ends_saying_so)
{
	parse_fails_at("interview.date = 2025-03-01\rchild.dob = 2019-01-01\r", "t.answers:1",
		"carriage return alone");
	parse_fails_at("# a comment\rinterview.date = 2025-03-01\r", "t.answers:1", "carriage return alone");
	/* CRLF (Windows) line ends are fine. */
	{
		gu_answers a;

		parse_ok("interview.date = 2025-03-01\r\nchild.dob = 2019-01-01\r\n", &a);
		cr_assert_str_eq(gu_answers_get(&a, "child.dob"), "2019-01-01");
		gu_answers_free(&a);
	}
}

Test(answers, a_gb18030_file_is_read_through_its_encoding)
{
	/* "child.name = 张小红" and a comment in GB18030. */
	static const char gb[] = "# \xd5\xc5\n"
		"interview.date = 2025-03-01\nchild.name = \xd5\xc5\xd0\xa1\xba\xec\n";
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	int fd;
	gu_answers a;
	gu_error err;

	snprintf(path, sizeof path, "%s/guanai-test-gbXXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, gb, sizeof gb - 1), (ssize_t)(sizeof gb - 1));
	close(fd);
	cr_assert_lt(gu_answers_read_file(path, &a, &err), 0, "not UTF-8");
	cr_assert(strstr(err.message, "--encoding gb18030") != NULL, "%s", err.message);
	cr_assert_eq(gu_answers_read_file_enc(path, "gb18030", &a, &err), 0, "%s", err.message);
	cr_assert_str_eq(gu_answers_get(&a, "child.name"), "张小红");
	gu_answers_free(&a);
	cr_assert_lt(gu_answers_read_file_enc(path, "latin1", &a, &err), 0);
	cr_assert(strstr(err.message, "utf-8 or gb18030") != NULL, "%s", err.message);
	unlink(path);
}

Test(answers, bytes_that_are_not_gb18030_name_their_line)
{
	char *out;
	size_t n;
	gu_error err;

	cr_assert_lt(gu_recode_to_utf8("gb18030", "a = b\nc = \xff\xff\n", 12, "t.answers", &out, &n, &err), 0);
	cr_assert_str_eq(err.where, "t.answers:2");
	cr_assert_null(out);
	cr_assert_eq(gu_recode_to_utf8("utf-8", "a = b\n", 6, "t.answers", &out, &n, &err), 0);
	cr_assert_eq(n, 6);
	free(out);
}

Test(answers, rejects_control_characters_in_values_naming_file_and_line)
{
	parse_fails_at("child.sex = male\nchild.name = 张\x1b[2J小红\n", "t.answers:2", "U+001B");
	parse_fails_at("child.name = 张\xc2\x9b" "31m小红\n", "t.answers:1", "U+009B");
	parse_fails_at("\n\nchild.name = 张\x7f\n", "t.answers:3", "U+007F");
	parse_fails_at("child.name = 张\t小红\n", "t.answers:1", "child.name");
}
