/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text measured in terminal columns and cut in bytes: the one module that
 * knows how wide UTF-8 text is.  Decoding never fails (a bad byte reads as
 * U+FFFD), and no function here ever splits a character.  Widths follow
 * wcwidth() of the current LC_CTYPE, which must be a UTF-8 locale. */
#ifndef GUANAI_CORE_TEXT_H
#define GUANAI_CORE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define GU_REPLACEMENT 0xFFFDu

/* Decodes the character at s (len bytes available, len > 0) into *cp and
 * returns how many bytes it used (1 to 4).  A malformed, overlong,
 * surrogate or truncated sequence gives U+FFFD and uses one byte. */
size_t gu_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out (4 bytes room); returns the byte count, or 0
 * for a value that is no character (it then writes nothing). */
size_t gu_utf8_encode(uint32_t cp, char *out);
/* Returns true when the len bytes at s are valid UTF-8 throughout. */
int gu_utf8_valid(const char *s, size_t len);

/* Returns the columns cp takes: wcwidth() clamped, so control characters
 * take 0 and any other character wcwidth() does not know takes 1. */
int gu_char_width(uint32_t cp);
/* Returns true for C0 and C1 control characters and DEL. */
int gu_char_is_control(uint32_t cp);

/* Returns the columns of the NUL-terminated string s (NULL is 0). */
int gu_text_width(const char *s);
/* Returns the columns of the first len bytes of s. */
int gu_text_nwidth(const char *s, size_t len);

/* Returns how many bytes of s (len bytes) fit in cols columns, never
 * splitting a character and keeping zero-width marks with the character
 * before them; *used (may be NULL) receives the columns those bytes take. */
size_t gu_text_fit(const char *s, size_t len, int cols, int *used);
/* Returns how many bytes of s to show in cols columns: all of it when it
 * fits (*cut set to 0); otherwise (*cut set to 1) the bytes that leave room
 * for a closing "…", never splitting a character, ending a Latin word
 * before its space rather than in its middle when the word starts in the
 * second half of the room, and without trailing spaces. */
size_t gu_text_cut(const char *s, int cols, int *cut);
/* Returns the byte offset of the character after the one at pos (len at
 * the end), skipping the zero-width marks that belong to it. */
size_t gu_text_next(const char *s, size_t len, size_t pos);
/* Returns the byte offset of the character before pos (0 at the start),
 * taking its zero-width marks with it. */
size_t gu_text_prev(const char *s, size_t len, size_t pos);
/* Returns the byte offset of the character that covers column col (the
 * start of a wide character when col falls in its second half), or len. */
size_t gu_text_col_to_byte(const char *s, size_t len, int col);

/* One line of wrapped text: bytes [start, start + len) of the input. */
typedef struct gu_text_line {
	size_t start, len;
	int width;
} gu_text_line;

/* Wraps s into lines of at most cols columns (cols >= 2): a newline ends a
 * line; Latin words break at spaces (a word longer than a line is cut);
 * CJK text may break between any two characters, except that closing
 * punctuation (，。、) never starts a line.  Spaces at a soft break are
 * dropped.  Writes at most max lines into lines (which may be NULL when
 * max is 0) and returns the number of lines the whole text needs. */
size_t gu_text_wrap(const char *s, int cols, gu_text_line *lines, size_t max);
/* Wraps s like gu_text_wrap, but every line after the first has only cols -
 * indent columns (the caller draws it indent columns further right), so a
 * nested line of a list keeps its place; returns the number of lines. */
size_t gu_text_wrap_hanging(const char *s, int cols, int indent, gu_text_line *lines,
	size_t max);

/* How gu_text_escape_controls treats line feeds and tabs. */
enum gu_escape {
	GU_ESCAPE_KEEP_LINES, /* kept: text of several lines */
	GU_ESCAPE_FIELD,      /* line feeds, carriage returns and tabs become spaces */
	GU_ESCAPE_CELL        /* a spreadsheet cell: line ends and tabs kept, and bytes
	                         that are not UTF-8 too (the CSV writer refuses them) */
};
/* Returns a malloc'd copy of s (NULL reads as "") that is safe to print on a
 * terminal: every other control character (C0, DEL, C1 including U+009B)
 * is written as \xHH (C1 as \u00HH) and every byte that is not UTF-8 as
 * \xHH, so nothing of it is lost; NULL when memory runs out. */
char *gu_text_escape_controls(const char *s, enum gu_escape mode);
/* As gu_text_escape_controls into out, which has room for 4 * strlen(s) + 1
 * bytes, for a caller that escapes many strings without allocating; returns
 * the length written (out is NUL-ended). */
size_t gu_text_escape_controls_into(const char *s, enum gu_escape mode, char *out);

#endif
