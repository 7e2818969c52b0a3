/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Text width in columns, cutting in bytes, and wrapping, for UTF-8 text. */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"

/* Returns the code point of a continuation byte's payload, or -1 when b is
 * not a continuation byte. */
static int cont(unsigned char b)
{
	return (b & 0xC0) == 0x80 ? (int)(b & 0x3F) : -1;
}

/* Decodes one character; returns the bytes used (see text.h). */
size_t gu_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t need, i;

	if (len == 0) {
		*cp = GU_REPLACEMENT;
		return 0;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xE0) == 0xC0) {
		need = 2; c = u[0] & 0x1F; min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		need = 3; c = u[0] & 0x0F; min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		need = 4; c = u[0] & 0x07; min = 0x10000;
	} else {
		*cp = GU_REPLACEMENT;
		return 1;
	}
	if (len < need) {
		*cp = GU_REPLACEMENT;
		return 1;
	}
	for (i = 1; i < need; i++) {
		int b = cont(u[i]);

		if (b < 0) {
			*cp = GU_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (uint32_t)b;
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = GU_REPLACEMENT;
		return 1;
	}
	*cp = c;
	return need;
}

/* Encodes cp; returns the bytes written, 0 for no character. */
size_t gu_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Returns 1 when every character of s decodes without replacement. */
int gu_utf8_valid(const char *s, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		uint32_t cp;
		size_t n = gu_utf8_decode(s + pos, len - pos, &cp);

		if (cp == GU_REPLACEMENT && n == 1
				&& !(len - pos >= 3 && memcmp(s + pos, "\xEF\xBF\xBD", 3) == 0))
			return 0;
		pos += n;
	}
	return 1;
}

/* Returns 1 for C0/C1 controls and DEL. */
int gu_char_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* Returns the clamped column width of cp. */
int gu_char_width(uint32_t cp)
{
	int w;

	if (gu_char_is_control(cp))
		return 0;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

/* Returns the columns of the first len bytes of s. */
int gu_text_nwidth(const char *s, size_t len)
{
	size_t pos = 0;
	int w = 0;

	if (!s)
		return 0;
	while (pos < len) {
		uint32_t cp;

		pos += gu_utf8_decode(s + pos, len - pos, &cp);
		w += gu_char_width(cp);
	}
	return w;
}

/* Returns the columns of s. */
int gu_text_width(const char *s)
{
	return s ? gu_text_nwidth(s, strlen(s)) : 0;
}

/* Returns the width of the character at pos and sets *end past it and the
 * zero-width marks that follow it. */
static int cluster(const char *s, size_t len, size_t pos, size_t *end)
{
	uint32_t cp;
	int w;

	pos += gu_utf8_decode(s + pos, len - pos, &cp);
	w = gu_char_width(cp);
	while (pos < len) {
		size_t n = gu_utf8_decode(s + pos, len - pos, &cp);

		if (gu_char_width(cp) != 0 || gu_char_is_control(cp))
			break;
		pos += n;
	}
	*end = pos;
	return w;
}

/* Returns how many bytes fit in cols columns (see text.h). */
/* Returns true for a byte of a Latin word: an ASCII letter or digit. */
static bool word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		|| c == '\'' || c == '-';
}

/* Returns the bytes of s shown in cols columns before "…", or all of s. */
size_t gu_text_cut(const char *s, int cols, int *cut)
{
	size_t len = s ? strlen(s) : 0, n, k;
	int room = cols - gu_text_width("…");

	*cut = 0;
	if (gu_text_width(s) <= cols)
		return len;
	*cut = 1;
	if (room <= 0)
		return 0;
	n = gu_text_fit(s, len, room, NULL);
	if (n > 0 && word_byte(s[n - 1]) && word_byte(s[n])) {
		for (k = n; k > 0 && s[k - 1] != ' '; k--)
			;
		if (k > 0 && gu_text_nwidth(s, k) * 2 >= room)
			n = k;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

size_t gu_text_fit(const char *s, size_t len, int cols, int *used)
{
	size_t pos = 0;
	int w = 0;

	while (pos < len) {
		size_t end;
		int cw = cluster(s, len, pos, &end);

		if (w + cw > cols)
			break;
		w += cw;
		pos = end;
	}
	if (used)
		*used = w;
	return pos;
}

/* Returns the offset after the character at pos. */
size_t gu_text_next(const char *s, size_t len, size_t pos)
{
	size_t end;

	if (pos >= len)
		return len;
	cluster(s, len, pos, &end);
	return end;
}

/* Returns the offset of the character before pos. */
size_t gu_text_prev(const char *s, size_t len, size_t pos)
{
	size_t at = 0, last = 0;

	if (pos > len)
		pos = len;
	/* Walk from the start: the only way to be sure of cluster starts when
	 * the text may hold bad bytes.  Lines are short. */
	while (at < pos) {
		size_t end;

		last = at;
		cluster(s, len, at, &end);
		at = end;
	}
	return last;
}

/* Returns the byte offset of the character covering column col. */
size_t gu_text_col_to_byte(const char *s, size_t len, int col)
{
	size_t pos = 0;
	int w = 0;

	while (pos < len) {
		size_t end;
		int cw = cluster(s, len, pos, &end);

		if (w + cw > col)
			return pos;
		w += cw;
		pos = end;
	}
	return len;
}

/* Returns true for punctuation that must not begin a line. */
static bool no_line_start(uint32_t c)
{
	static const uint32_t closing[] = {
		0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09,
		0x300B, 0x300D, 0x300F, 0x3011, 0x201D, 0x2019, 0x2026,
		',', '.', ';', ':', '!', '?', ')'
	};
	size_t i;

	for (i = 0; i < sizeof closing / sizeof closing[0]; i++)
		if (closing[i] == c)
			return true;
	return false;
}

/* Returns true for punctuation that must not end a line. */
static bool no_line_end(uint32_t c)
{
	static const uint32_t opening[] = {
		0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x201C, 0x2018, '('
	};
	size_t i;

	for (i = 0; i < sizeof opening / sizeof opening[0]; i++)
		if (opening[i] == c)
			return true;
	return false;
}

/* Records line n if there is room. */
static void emit(gu_text_line *lines, size_t max, size_t n, const char *s,
	size_t start, size_t end)
{
	if (n < max) {
		lines[n].start = start;
		lines[n].len = end - start;
		lines[n].width = gu_text_nwidth(s + start, end - start);
	}
}

/* Returns the offset of the first non-space at or after pos. */
static size_t skip_spaces(const char *s, size_t len, size_t pos)
{
	while (pos < len && s[pos] == ' ')
		pos++;
	return pos;
}

/* Wraps s into lines of cols columns; returns the number of lines. */
size_t gu_text_wrap(const char *s, int cols, gu_text_line *lines, size_t max)
{
	size_t len, pos = 0, n = 0;

	if (!s)
		return 0;
	len = strlen(s);
	if (cols < 2)
		cols = 2;
	while (pos < len) {
		size_t start = pos, content_end = pos, brk_end = 0, brk_resume = 0;
		bool have_brk = false, prev_space = false, prev_wide = false;
		uint32_t prev = 0;
		int w = 0;

		for (;;) {
			size_t end;
			uint32_t c;
			int cw;

			if (pos >= len) {
				emit(lines, max, n++, s, start, pos);
				break;
			}
			gu_utf8_decode(s + pos, len - pos, &c);
			if (c == '\n') {
				emit(lines, max, n++, s, start, pos);
				pos++;
				break;
			}
			cw = cluster(s, len, pos, &end);
			if (pos > start && !no_line_start(c) && !no_line_end(prev)
					&& c != ' ' && (prev_space || prev_wide || cw == 2)) {
				have_brk = true;
				brk_end = content_end;
				brk_resume = pos;
			}
			if (w + cw > cols) {
				if (c == ' ') {
					emit(lines, max, n++, s, start, content_end);
					pos = skip_spaces(s, len, pos);
				} else if (have_brk && brk_end > start) {
					emit(lines, max, n++, s, start, brk_end);
					pos = skip_spaces(s, len, brk_resume);
				} else if (pos == start) {
					emit(lines, max, n++, s, start, end);
					pos = end;
				} else {
					emit(lines, max, n++, s, start, pos);
				}
				if (pos < len && s[pos] == '\n')
					pos++;
				break;
			}
			w += cw;
			prev_space = c == ' ';
			prev_wide = cw == 2;
			prev = c;
			pos = end;
			if (c != ' ')
				content_end = pos;
		}
	}
	return n;
}

/* Wraps s with a hanging indent (see text.h); returns the number of lines. */
size_t gu_text_wrap_hanging(const char *s, int cols, int indent, gu_text_line *lines,
	size_t max)
{
	gu_text_line first;
	size_t n, rest, m, i;

	if (indent <= 0 || cols - indent < 2)
		return gu_text_wrap(s, cols, lines, max);
	n = gu_text_wrap(s, cols, &first, 1);
	if (n <= 1) {
		if (n == 1 && max > 0)
			lines[0] = first;
		return n;
	}
	/* the rest starts after the first line and the break it ended at */
	rest = first.start + first.len;
	while (s[rest] == ' ')
		rest++;
	if (s[rest] == '\n')
		rest++;
	m = gu_text_wrap(s + rest, cols - indent, max > 1 ? lines + 1 : NULL, max > 1 ? max - 1 : 0);
	if (max > 0) {
		lines[0] = first;
		for (i = 1; i <= m && i < max; i++)
			lines[i].start += rest;
	}
	return 1 + m;
}

/* Returns whether u starts with a well-formed UTF-8 character of three
 * bytes whose lead byte is E1 to EF but ED (no overlong form, no
 * surrogate): U+1000 to U+FFFF but U+D000 to U+DFFF.  A NUL ends the test. */
static bool three_byte_char(const unsigned char *u)
{
	return u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED
		&& (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80;
}

/* Escapes control characters and bad bytes into out (see text.h); returns
 * the length written. */
size_t gu_text_escape_controls_into(const char *s, enum gu_escape mode, char *out)
{
	size_t len = s ? strlen(s) : 0, pos = 0, o = 0;

	while (pos < len) {
		uint32_t cp;
		size_t n;
		bool bad;

		/* printable ASCII, the most of it, is copied as it is */
		if ((unsigned char)s[pos] >= 0x20 && (unsigned char)s[pos] < 0x7F) {
			out[o++] = s[pos++];
			continue;
		}
		/* so is a well-formed three-byte character (U+1000 to U+FFFF but
		 * the surrogates: Chinese), which is never a control */
		if (three_byte_char((const unsigned char *)s + pos)) {
			memcpy(out + o, s + pos, 3);
			o += 3;
			pos += 3;
			continue;
		}
		n = gu_utf8_decode(s + pos, len - pos, &cp);
		bad = cp == GU_REPLACEMENT && n == 1 && mode != GU_ESCAPE_CELL;

		if (!bad && (cp == '\n' || cp == '\t' || cp == '\r') && mode == GU_ESCAPE_FIELD)
			out[o++] = ' ';
		else if (!bad && (cp == '\n' || cp == '\t' || (cp == '\r' && mode == GU_ESCAPE_CELL)))
			out[o++] = (char)cp;
		else if (bad || cp < 0x20 || cp == 0x7F)
			o += (size_t)sprintf(out + o, "\\x%02X", (unsigned char)s[pos]);
		else if (gu_char_is_control(cp))
			o += (size_t)sprintf(out + o, "\\u%04X", (unsigned)cp);
		else {
			memcpy(out + o, s + pos, n);
			o += n;
		}
		pos += n;
	}
	out[o] = '\0';
	return o;
}

/* Escapes control characters and bad bytes (see text.h); returns the copy or NULL. */
char *gu_text_escape_controls(const char *s, enum gu_escape mode)
{
	char *out = malloc(4 * (s ? strlen(s) : 0) + 1);

	if (out)
		gu_text_escape_controls_into(s, mode, out);
	return out;
}
