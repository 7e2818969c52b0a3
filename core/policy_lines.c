/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Reading a policy file into blocks of "name: value" attributes. */

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/policy_internal.h"
#include "core/policy_lines.h"

/* A value being gathered from its lines. */
struct pending {
	char *buf;
	size_t len, cap;
	gu_seg *seg;
	size_t nseg, segcap;
};

/* Returns the length of the valid UTF-8 prefix of s (n bytes). */
static size_t utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k, need;
		unsigned min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else {
			return i;
		}
		if (i + need >= n)
			return i;
		{
			unsigned cp = c & (0x3fu >> need);

			for (k = 1; k <= need; k++) {
				if ((s[i + k] & 0xc0) != 0x80)
					return i;
				cp = (cp << 6) | (s[i + k] & 0x3fu);
			}
			if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
				return i;
		}
		i += need + 1;
	}
	return n;
}

/* Returns the number of characters in n bytes of UTF-8 s. */
static int char_count(const char *s, size_t n)
{
	int c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* Finds the line and column of byte off of t. */
void gu_text_pos(const gu_text *t, size_t off, int *line, int *col)
{
	size_t i = 0;

	if (t->nseg == 0) {
		*line = 0;
		*col = 0;
		return;
	}
	while (i + 1 < t->nseg && t->seg[i + 1].off <= off)
		i++;
	if (off > t->len)
		off = t->len;
	*line = t->seg[i].line;
	*col = t->seg[i].col + (off >= t->seg[i].off
		? char_count(t->s + t->seg[i].off, off - t->seg[i].off) : 0);
}

/* Appends n bytes of s to the pending value, starting a segment at line
 * and column col; returns 0 or -1 when out of memory. */
static int pending_add(struct pending *pv, const char *s, size_t n, int line, int col)
{
	if (pv->len + n + 2 > pv->cap) {
		size_t cap = (pv->len + n + 2) * 2;
		char *nb = realloc(pv->buf, cap);

		if (!nb)
			return -1;
		pv->buf = nb;
		pv->cap = cap;
	}
	if (pv->nseg == pv->segcap) {
		size_t cap = pv->segcap ? pv->segcap * 2 : 4;
		gu_seg *ns = realloc(pv->seg, cap * sizeof *ns);

		if (!ns)
			return -1;
		pv->seg = ns;
		pv->segcap = cap;
	}
	if (pv->nseg > 0)
		pv->buf[pv->len++] = '\n';
	pv->seg[pv->nseg].off = pv->len;
	pv->seg[pv->nseg].line = line;
	pv->seg[pv->nseg].col = col;
	pv->nseg++;
	memcpy(pv->buf + pv->len, s, n);
	pv->len += n;
	pv->buf[pv->len] = '\0';
	return 0;
}

/* Moves the pending value into the attribute's arena copy; returns 0 or -1. */
static int pending_finish(struct pending *pv, gu_attr *at, void **arena)
{
	gu_seg *segs;
	char *s;

	if (!at)
		return 0;
	s = gu_arena_strndup(arena, pv->buf ? pv->buf : "", pv->len);
	segs = gu_arena_alloc(arena, (pv->nseg ? pv->nseg : 1) * sizeof *segs);
	if (!s || !segs)
		return -1;
	if (pv->nseg)
		memcpy(segs, pv->seg, pv->nseg * sizeof *segs);
	at->v.s = s;
	at->v.len = pv->len;
	at->v.seg = segs;
	at->v.nseg = pv->nseg;
	pv->len = 0;
	pv->nseg = 0;
	return 0;
}

/* Frees the arrays of out. */
void gu_blocks_free(gu_blocks *out)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		free(out->v[i].attrs);
	free(out->v);
	out->v = NULL;
	out->n = out->cap = 0;
}

/* Returns true for a character of a name. */
static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Starts a new block from a header line; returns 0 or a negative code. */
static int start_block(const char *name, const char *s, const char *e, int line,
	void **arena, gu_blocks *out, gu_error *err)
{
	const char *k = s, *a;
	gu_block *b;

	while (k < e && name_char(*k))
		k++;
	if (k == s || (k < e && *k != ' ' && *k != '\t'))
		return gu_error_set(err, GU_ESYNTAX, name, line, 1,
			_("a line at the left margin starts a block: policy, section, group, "
			"param, question, fact, item or alert, then its name"));
	a = k;
	while (a < e && (*a == ' ' || *a == '\t'))
		a++;
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 64;
		gu_block *nv = realloc(out->v, cap * sizeof *nv);

		if (!nv)
			return gu_error_set(err, GU_ENOMEM, name, line, 1, NULL);
		out->v = nv;
		out->cap = cap;
	}
	b = &out->v[out->n];
	memset(b, 0, sizeof *b);
	b->kw = gu_arena_strndup(arena, s, (size_t)(k - s));
	b->arg = gu_arena_strndup(arena, a, (size_t)(e - a));
	b->line = line;
	b->arg_col = 1 + char_count(s, (size_t)(a - s));
	if (!b->kw || !b->arg)
		return gu_error_set(err, GU_ENOMEM, name, line, 1, NULL);
	out->n++;
	return 0;
}

/* Adds an attribute to the last block; returns it, or NULL when out of memory. */
static gu_attr *add_attr(gu_block *b, const char *nm, size_t n, int line, int col, void **arena)
{
	gu_attr *at;

	if (b->nattrs == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		gu_attr *na = realloc(b->attrs, cap * sizeof *na);

		if (!na)
			return NULL;
		b->attrs = na;
		b->cap = cap;
	}
	at = &b->attrs[b->nattrs];
	memset(at, 0, sizeof *at);
	at->name = gu_arena_strndup(arena, nm, n);
	at->line = line;
	at->col = col;
	if (!at->name)
		return NULL;
	b->nattrs++;
	return at;
}

/* Splits text into blocks; returns 0 or a negative code. */
int gu_policy_read_blocks(const char *name, const char *text, size_t len,
	void **arena, gu_blocks *out, gu_error *err)
{
	const char *p = text, *end = text + len;
	struct pending pv = { 0 };
	gu_attr *cur = NULL;
	int line = 0, rc = 0;

	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *lend = nl ? nl : end;
		const char *ls = p, *s = p, *e = lend;
		size_t valid;
		int col;

		line++;
		p = nl ? nl + 1 : end;
		if (e > s && e[-1] == '\r')
			e--;
		valid = utf8_prefix((const unsigned char *)ls, (size_t)(e - ls));
		if (valid < (size_t)(e - ls)) {
			rc = gu_error_set(err, GU_ESYNTAX, name, line, 1 + char_count(ls, valid),
				_("not valid UTF-8 text (save the file as UTF-8)"));
			goto cleanup;
		}
		if (memchr(ls, '\0', (size_t)(e - ls))) {
			const char *z = memchr(ls, '\0', (size_t)(e - ls));

			rc = gu_error_set(err, GU_ESYNTAX, name, line,
				1 + char_count(ls, (size_t)(z - ls)),
				_("the line contains a NUL byte (is this a text file?)"));
			goto cleanup;
		}
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (s == e || *s == '#')
			continue;
		col = 1 + char_count(ls, (size_t)(s - ls));
		if (s == ls) {
			/* At the left margin: a block header. */
			if (pending_finish(&pv, cur, arena) < 0) {
				rc = gu_error_set(err, GU_ENOMEM, name, line, 1, NULL);
				goto cleanup;
			}
			cur = NULL;
			rc = start_block(name, s, e, line, arena, out, err);
			if (rc < 0)
				goto cleanup;
			continue;
		}
		if (out->n == 0) {
			rc = gu_error_set(err, GU_ESYNTAX, name, line, col,
				_("an indented line before any block; start with \"policy NAME\""));
			goto cleanup;
		}
		{
			const char *k = s;

			while (k < e && name_char(*k))
				k++;
			if (k > s && k < e && *k == ':' && !(*s >= '0' && *s <= '9')) {
				const char *v = k + 1;

				if (pending_finish(&pv, cur, arena) < 0) {
					rc = gu_error_set(err, GU_ENOMEM, name, line, col, NULL);
					goto cleanup;
				}
				while (v < e && (*v == ' ' || *v == '\t'))
					v++;
				cur = add_attr(&out->v[out->n - 1], s, (size_t)(k - s), line, col, arena);
				if (!cur || pending_add(&pv, v, (size_t)(e - v), line,
						col + char_count(s, (size_t)(v - s))) < 0) {
					rc = gu_error_set(err, GU_ENOMEM, name, line, col, NULL);
					goto cleanup;
				}
			} else if (!cur) {
				rc = gu_error_set(err, GU_ESYNTAX, name, line, col,
					_("expected \"name: value\""));
				goto cleanup;
			} else if (pending_add(&pv, s, (size_t)(e - s), line, col) < 0) {
				rc = gu_error_set(err, GU_ENOMEM, name, line, col, NULL);
				goto cleanup;
			}
		}
	}
	if (pending_finish(&pv, cur, arena) < 0)
		rc = gu_error_set(err, GU_ENOMEM, name, line, 1, NULL);
cleanup:
	free(pv.buf);
	free(pv.seg);
	if (rc < 0)
		gu_blocks_free(out);
	return rc;
}
