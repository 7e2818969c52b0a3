/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The growable string. */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

/* Makes room for n more bytes and the NUL; returns false when memory is short. */
static bool grow(gu_strbuf *b, size_t n)
{
	size_t cap;
	char *ns;

	if (b->failed)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	/* Most strings are one line: start big enough for one. */
	cap = (b->len + n + 1) * 2 < 256 ? 256 : (b->len + n + 1) * 2;
	ns = realloc(b->s, cap);
	if (!ns) {
		b->failed = true;
		return false;
	}
	b->s = ns;
	b->cap = cap;
	return true;
}

/* Appends n bytes of s to b. */
void gu_sb_put(gu_strbuf *b, const char *s, size_t n)
{
	if (!b || !grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends formatted text to b. */
void gu_sb_printf(gu_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!b || b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Returns the text (the caller frees it), or NULL when memory ran out. */
char *gu_sb_take(gu_strbuf *b)
{
	char *s = b->failed ? NULL : b->s;

	if (b->failed)
		free(b->s);
	else if (!s)
		s = calloc(1, 1);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = false;
	return s;
}

/* Returns v with room for element n, or NULL (see strbuf.h). */
void *gu_grow(void *v, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : first;
	if (ncap < *cap || ncap > SIZE_MAX / size)
		return NULL;
	nv = realloc(v, ncap * size);
	if (!nv)
		return NULL;
	*cap = ncap;
	return nv;
}
