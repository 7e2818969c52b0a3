/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A growable string: text appended piece by piece, always NUL-terminated;
 * a failed allocation sets failed and later appends do nothing, so a caller
 * checks once at the end. */
#ifndef GUANAI_CORE_STRBUF_H
#define GUANAI_CORE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct gu_strbuf {
	char *s;          /* malloc'd; NULL until something is appended */
	size_t len, cap;
	bool failed;      /* memory ran out: the text is incomplete */
} gu_strbuf;

/* Appends n bytes of s. */
void gu_sb_put(gu_strbuf *b, const char *s, size_t n);
/* Appends formatted text. */
void gu_sb_printf(gu_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the text, handing it to the caller (free it), or NULL when memory
 * ran out (the buffer is then freed); the buffer is empty again. */
char *gu_sb_take(gu_strbuf *b);

/* Makes room in array v of *cap elements of size bytes for element n:
 * when n is *cap, doubles it (to first elements when empty).  Returns the
 * array, perhaps moved, with *cap updated; or NULL when memory ran out (v
 * and *cap are kept). */
void *gu_grow(void *v, size_t *cap, size_t n, size_t size, size_t first);

#endif
