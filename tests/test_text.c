/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Tests of core/text: decoding, widths, fitting, boundaries and wrapping. */

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* Sets a UTF-8 locale so wcwidth knows CJK. */
static void utf8_locale(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C.utf8");
}

TestSuite(text, .init = utf8_locale, .timeout = 60);

Test(text, decode_valid_and_invalid)
{
	uint32_t cp;

	cr_assert_eq(gu_utf8_decode("A", 1, &cp), 1);
	cr_assert_eq(cp, 'A');
	cr_assert_eq(gu_utf8_decode("\xE4\xB8\xAD", 3, &cp), 3);
	cr_assert_eq(cp, 0x4E2D);
	cr_assert_eq(gu_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	cr_assert_eq(cp, 0x1F600);
	/* a lone continuation byte, a truncated sequence, an overlong form, a surrogate */
	cr_assert_eq(gu_utf8_decode("\x80", 1, &cp), 1);
	cr_assert_eq(cp, GU_REPLACEMENT);
	cr_assert_eq(gu_utf8_decode("\xE4\xB8", 2, &cp), 1);
	cr_assert_eq(cp, GU_REPLACEMENT);
	cr_assert_eq(gu_utf8_decode("\xC0\xAF", 2, &cp), 1);
	cr_assert_eq(cp, GU_REPLACEMENT);
	cr_assert_eq(gu_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	cr_assert_eq(cp, GU_REPLACEMENT);
	cr_assert_eq(gu_utf8_decode("\xFF", 1, &cp), 1);
	cr_assert_eq(cp, GU_REPLACEMENT);
}

Test(text, encode_round_trip)
{
	static const uint32_t cps[] = { 0x41, 0xE9, 0x4E2D, 0x4DAE, 0x20BB7, 0x10FFFF };
	char buf[4];
	size_t i;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		uint32_t back;
		size_t n = gu_utf8_encode(cps[i], buf);

		cr_assert_gt(n, 0);
		cr_assert_eq(gu_utf8_decode(buf, n, &back), n);
		cr_assert_eq(back, cps[i]);
	}
	cr_assert_eq(gu_utf8_encode(0xD800, buf), 0);
	cr_assert_eq(gu_utf8_encode(0x110000, buf), 0);
}

Test(text, valid)
{
	cr_assert(gu_utf8_valid("张三 abc", strlen("张三 abc")));
	cr_assert(gu_utf8_valid("\xEF\xBF\xBD", 3));
	cr_assert_not(gu_utf8_valid("ab\xFF", 3));
	cr_assert_not(gu_utf8_valid("\xE5\xBC", 2));
}

Test(text, widths)
{
	cr_assert_eq(gu_char_width('a'), 1);
	cr_assert_eq(gu_char_width(0x4E2D), 2);
	cr_assert_eq(gu_char_width(0xFF1F), 2);   /* full-width question mark */
	cr_assert_eq(gu_char_width(0x0301), 0);   /* combining acute */
	cr_assert_eq(gu_char_width('\t'), 0);     /* control: clamped to 0 */
	cr_assert_eq(gu_char_width(0x7F), 0);
	cr_assert_eq(gu_char_width(0x9B), 0);
	/* wcwidth() cannot measure an unassigned code point (-1): one column */
	cr_assert_eq(gu_char_width(0x0378), 1);
	cr_assert_eq(gu_text_width("a\xCD\xB8" "b"), 3);
	cr_assert_eq(gu_text_width("辽宁省朝阳市建平县"), 18);
	cr_assert_eq(gu_text_width("abc张三"), 7);
	cr_assert_eq(gu_text_width("e\xCC\x81"), 1);
	cr_assert_eq(gu_text_width(NULL), 0);
	cr_assert_eq(gu_text_width(""), 0);
	/* a bad byte is one replacement character, one column */
	cr_assert_eq(gu_text_width("a\xFF" "b"), 3);
	cr_assert_eq(gu_text_nwidth("张三李四", 6), 4);
}

Test(text, fit_never_splits)
{
	const char *s = "张三abc";
	size_t len = strlen(s);
	int used;

	cr_assert_eq(gu_text_fit(s, len, 3, &used), 3);   /* 张 fits, 三 does not */
	cr_assert_eq(used, 2);
	cr_assert_eq(gu_text_fit(s, len, 4, &used), 6);
	cr_assert_eq(used, 4);
	cr_assert_eq(gu_text_fit(s, len, 1, &used), 0);
	cr_assert_eq(used, 0);
	cr_assert_eq(gu_text_fit(s, len, 100, &used), len);
	cr_assert_eq(used, 7);
	/* a combining mark stays with its base */
	cr_assert_eq(gu_text_fit("e\xCC\x81x", 4, 1, &used), 3);
	cr_assert_eq(gu_text_fit("", 0, 5, NULL), 0);
}

Test(text, boundaries)
{
	const char *s = "a张\xCC\x81\xFF" "b";
	size_t len = strlen(s);
	size_t p;

	p = gu_text_next(s, len, 0);
	cr_assert_eq(p, 1);
	p = gu_text_next(s, len, p);
	cr_assert_eq(p, 6);          /* 张 and its combining mark */
	p = gu_text_next(s, len, p);
	cr_assert_eq(p, 7);          /* the bad byte alone */
	p = gu_text_next(s, len, p);
	cr_assert_eq(p, len);
	cr_assert_eq(gu_text_next(s, len, len), len);
	cr_assert_eq(gu_text_prev(s, len, len), 7);
	cr_assert_eq(gu_text_prev(s, len, 7), 6);
	cr_assert_eq(gu_text_prev(s, len, 6), 1);
	cr_assert_eq(gu_text_prev(s, len, 1), 0);
	cr_assert_eq(gu_text_prev(s, len, 0), 0);
}

Test(text, col_to_byte)
{
	const char *s = "a张b";
	size_t len = strlen(s);

	cr_assert_eq(gu_text_col_to_byte(s, len, 0), 0);
	cr_assert_eq(gu_text_col_to_byte(s, len, 1), 1);
	cr_assert_eq(gu_text_col_to_byte(s, len, 2), 1);   /* second half of 张 */
	cr_assert_eq(gu_text_col_to_byte(s, len, 3), 4);
	cr_assert_eq(gu_text_col_to_byte(s, len, 9), len);
}

/* Copies line i of s into buf; returns buf. */
static const char *line_text(const char *s, const gu_text_line *l, char *buf)
{
	memcpy(buf, s + l->start, l->len);
	buf[l->len] = '\0';
	return buf;
}

Test(text, wrap_latin_at_spaces)
{
	const char *s = "the quick brown fox jumps";
	gu_text_line l[8];
	char buf[64];
	size_t n = gu_text_wrap(s, 10, l, 8);

	cr_assert_eq(n, 3);
	cr_assert_str_eq(line_text(s, &l[0], buf), "the quick");
	cr_assert_str_eq(line_text(s, &l[1], buf), "brown fox");
	cr_assert_str_eq(line_text(s, &l[2], buf), "jumps");
	cr_assert_eq(l[0].width, 9);
}

Test(text, wrap_long_word_is_cut)
{
	const char *s = "abcdefghijkl";
	gu_text_line l[4];
	char buf[64];

	cr_assert_eq(gu_text_wrap(s, 5, l, 4), 3);
	cr_assert_str_eq(line_text(s, &l[0], buf), "abcde");
	cr_assert_str_eq(line_text(s, &l[2], buf), "kl");
}

Test(text, wrap_cjk_anywhere_but_not_before_comma)
{
	const char *s = "孩子的父母，外出务工";
	gu_text_line l[8];
	char buf[64];
	size_t n = gu_text_wrap(s, 10, l, 8), i;

	cr_assert_eq(n, 3);
	/* 孩子的父母 is exactly 10 columns, but ， may not start a line */
	cr_assert_str_eq(line_text(s, &l[0], buf), "孩子的父");
	cr_assert_str_eq(line_text(s, &l[1], buf), "母，外出务");
	cr_assert_str_eq(line_text(s, &l[2], buf), "工");
	for (i = 0; i < n; i++)
		cr_assert_leq(l[i].width, 10);
}

Test(text, wrap_newlines_and_odd_width)
{
	const char *s = "张三\n\nabc 李四";
	gu_text_line l[8];
	char buf[64];
	size_t n = gu_text_wrap(s, 5, l, 8);

	cr_assert_eq(n, 4);
	cr_assert_str_eq(line_text(s, &l[0], buf), "张三");
	cr_assert_str_eq(line_text(s, &l[1], buf), "");
	cr_assert_str_eq(line_text(s, &l[2], buf), "abc");
	cr_assert_str_eq(line_text(s, &l[3], buf), "李四");
	/* 3 columns hold one CJK character per line */
	cr_assert_eq(gu_text_wrap("张三李", 3, NULL, 0), 3);
	cr_assert_eq(gu_text_wrap("", 10, NULL, 0), 0);
}

Test(text, wrap_counts_beyond_max)
{
	gu_text_line l[1];

	cr_assert_eq(gu_text_wrap("a b c d", 2, l, 1), 4);
	cr_assert_eq(l[0].len, 1);
}

Test(text, wrap_hanging_keeps_later_lines_narrower)
{
	const char *s = "[yes] the child lives with grandparents";
	gu_text_line l[8];
	char buf[64];
	size_t n = gu_text_wrap_hanging(s, 16, 6, l, 8), i;

	/* the first line has 16 columns, the others 10 */
	cr_assert_eq(n, 4);
	cr_assert_str_eq(line_text(s, &l[0], buf), "[yes] the child");
	cr_assert_str_eq(line_text(s, &l[1], buf), "lives with");
	cr_assert_str_eq(line_text(s, &l[2], buf), "grandparen");
	cr_assert_str_eq(line_text(s, &l[3], buf), "ts");
	for (i = 1; i < n; i++)
		cr_assert_leq(l[i].width, 10);
	/* the count alone agrees, and a short text is one line */
	cr_assert_eq(gu_text_wrap_hanging(s, 16, 6, NULL, 0), 4);
	cr_assert_eq(gu_text_wrap_hanging("[是] 农村留守儿童", 40, 5, l, 8), 1);
	/* CJK: 5 columns for later lines hold two characters each */
	n = gu_text_wrap_hanging("儿童的父母外出务工", 8, 3, l, 8);
	cr_assert_eq(n, 4);
	cr_assert_str_eq(line_text("儿童的父母外出务工", &l[1], buf), "母外");
	/* an indent that leaves no room wraps as usual */
	cr_assert_eq(gu_text_wrap_hanging(s, 16, 15, NULL, 0), gu_text_wrap(s, 16, NULL, 0));
}

/* Returns the next number of a small fixed generator. */
static unsigned next_rand(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

Test(text, random_bytes_keep_the_invariants)
{
	/* pieces that mix ASCII, CJK, combining marks, controls and bad bytes */
	static const char *const pieces[] = {
		"a", " ", "张", "，", "\xCC\x81", "\t", "\n", "\xFF", "\xE4\xB8", "\x80",
		"\xF0\x9F\x98\x80", "word", "\xEF\xBF\xBD"
	};
	unsigned seed = 12345;
	int round;

	for (round = 0; round < 2000; round++) {
		char s[256];
		size_t len = 0, pos, n, i;
		int cols = 2 + (int)(next_rand(&seed) % 20), used;
		gu_text_line l[128];

		while (len < 200) {
			const char *p = pieces[next_rand(&seed) % (sizeof pieces / sizeof pieces[0])];

			memcpy(s + len, p, strlen(p));
			len += strlen(p);
			if (next_rand(&seed) % 8 == 0)
				break;
		}
		s[len] = '\0';
		/* next and prev walk the same boundaries, forwards and back */
		for (pos = 0; pos < len;) {
			size_t nx = gu_text_next(s, len, pos);

			cr_assert_gt(nx, pos);
			cr_assert_eq(gu_text_prev(s, len, nx), pos);
			pos = nx;
		}
		n = gu_text_fit(s, len, cols, &used);
		cr_assert_leq(used, cols);
		cr_assert_leq(n, len);
		cr_assert_eq(gu_text_nwidth(s, n), used);
		n = gu_text_wrap(s, cols, l, 128);
		for (i = 0; i < n && i < 128; i++) {
			cr_assert_leq(l[i].width, cols);
			cr_assert_leq(l[i].start + l[i].len, len);
		}
	}
}

Test(text, escape_controls_leaves_nothing_a_terminal_obeys)
{
	/* ESC [ 2 J, a C1 CSI (U+009B) and DEL among Chinese, a bad byte, a tab and a line feed */
	char *e = gu_text_escape_controls("张\x1b[2J\xc2\x9b" "31m\x7f小\xff\t红\n", GU_ESCAPE_KEEP_LINES);

	cr_assert_not_null(e);
	cr_assert_str_eq(e, "张\\x1B[2J\\u009B31m\\x7F小\\xFF\t红\n");
	free(e);
	e = gu_text_escape_controls("a\tb\r\nc\x07", GU_ESCAPE_FIELD);
	cr_assert_str_eq(e, "a b  c\\x07");
	free(e);
	e = gu_text_escape_controls(NULL, GU_ESCAPE_FIELD);
	cr_assert_str_eq(e, "");
	free(e);
	e = gu_text_escape_controls("\xef\xbf\xbd ok", GU_ESCAPE_FIELD);
	cr_assert_str_eq(e, "\xef\xbf\xbd ok", "a real U+FFFD is text");
	free(e);
}

/* Returns what gu_text_cut shows of s in cols columns, "…" added when cut. */
static const char *shown_cut(const char *s, int cols)
{
	static char buf[256];
	int cut;
	size_t n = gu_text_cut(s, cols, &cut);

	snprintf(buf, sizeof buf, "%.*s%s", (int)n, s, cut ? "…" : "");
	return buf;
}

Test(text, cut_ends_in_an_ellipsis_never_mid_character_nor_mid_word)
{
	/* The whole text when it fits. */
	cr_assert_str_eq(shown_cut("义务教育服务", 12), "义务教育服务");
	/* CJK is cut between characters, two columns each, room kept for "…". */
	cr_assert_str_eq(shown_cut("义务教育服务 · 流动儿童入学", 20), "义务教育服务 · 流动…");
	cr_assert_str_eq(shown_cut("义务教育服务", 10), "义务教育…");
	cr_assert_eq(gu_text_width(shown_cut("义务教育服务", 10)), 9);
	/* A Latin word is not cut in its middle: the text ends before it. */
	cr_assert_str_eq(shown_cut("Compulsory education services", 20), "Compulsory…");
	cr_assert_str_eq(shown_cut("Compulsory education services", 24), "Compulsory education…");
	/* A single word longer than the room is cut all the same. */
	cr_assert_str_eq(shown_cut("Supercalifragilistic", 8), "Superca…");
	/* No room at all. */
	cr_assert_str_eq(shown_cut("abc", 1), "…");
	cr_assert_str_eq(shown_cut("", 0), "");
}

Test(text, escape_controls_into_a_buffer_writes_what_the_copy_holds)
{
	static const char *const s[] = { "王小红 Wang", "a\tb\r\nc\x07", "张\x1b[2J\xc2\x9b" "31m\xff",
		"" };
	char out[128];
	size_t i;

	for (i = 0; i < sizeof s / sizeof s[0]; i++) {
		char *e = gu_text_escape_controls(s[i], GU_ESCAPE_FIELD);
		size_t n = gu_text_escape_controls_into(s[i], GU_ESCAPE_FIELD, out);

		cr_assert_str_eq(out, e, "%zu", i);
		cr_assert_eq(n, strlen(e), "%zu", i);
		free(e);
	}
	cr_assert_str_eq(out, "");
	gu_text_escape_controls_into("a\tb\r\nc\x07", GU_ESCAPE_FIELD, out);
	cr_assert_str_eq(out, "a b  c\\x07");
}

Test(text, escape_controls_copies_chinese_whole_and_still_escapes_broken_sequences)
{
	char out[128];

	/* well-formed three-byte characters (Chinese, U+3000) are copied as they are */
	gu_text_escape_controls_into("王小红\xe3\x80\x80", GU_ESCAPE_FIELD, out);
	cr_assert_str_eq(out, "王小红\xe3\x80\x80");
	/* a surrogate (ED A0 80) is not a character: each byte escaped */
	gu_text_escape_controls_into("王\xed\xa0\x80", GU_ESCAPE_FIELD, out);
	cr_assert_str_eq(out, "王\\xED\\xA0\\x80");
	/* a character cut short at the end of the text */
	gu_text_escape_controls_into("红\xe4\xb8", GU_ESCAPE_FIELD, out);
	cr_assert_str_eq(out, "红\\xE4\\xB8");
	/* a lead byte followed by a byte that does not continue it */
	gu_text_escape_controls_into("\xe4" "a\xb8\x80", GU_ESCAPE_FIELD, out);
	cr_assert_str_eq(out, "\\xE4a\\xB8\\x80");
	/* an overlong form (E0 80 80) is escaped, not copied */
	gu_text_escape_controls_into("\xe0\x80\x80", GU_ESCAPE_FIELD, out);
	cr_assert_str_eq(out, "\\xE0\\x80\\x80");
}
