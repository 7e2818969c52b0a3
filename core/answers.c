/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A set of answers and the answers-file syntax (key = value lines). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers.h"
#include "core/i18n.h"
#include "core/recode.h"
#include "core/text.h"

/* Each answer is one allocation holding "key\0value\0"; a hash index of
 * the keys keeps look-ups constant-time however many answers there are. */

/* Returns the FNV-1a hash of n bytes of s. */
static size_t hash_key(const char *s, size_t n)
{
	size_t h = (size_t)2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= (size_t)16777619u;
	}
	return h;
}

/* Makes a empty. */
void gu_answers_init(gu_answers *a)
{
	a->v = NULL;
	a->n = 0;
	a->cap = 0;
	a->slots = NULL;
	a->nslots = 0;
}

/* Frees a and leaves it empty. */
void gu_answers_free(gu_answers *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->n; i++)
		free(a->v[i].key);
	free(a->v);
	free(a->slots);
	gu_answers_init(a);
}

/* Returns the index in a->v of the key of n bytes whose hash_key is h, or a->n. */
static size_t index_of_hashed(const gu_answers *a, const char *key, size_t n, size_t h)
{
	size_t mask, i;

	if (a->nslots == 0) {
		/* No index (never built, or lost to a failed allocation): scan. */
		for (i = 0; i < a->n; i++)
			if (strncmp(a->v[i].key, key, n) == 0 && a->v[i].key[n] == '\0')
				return i;
		return a->n;
	}
	mask = a->nslots - 1;
	for (i = h & mask; a->slots[i] != 0; i = (i + 1) & mask) {
		const char *k = a->v[a->slots[i] - 1].key;

		if (strncmp(k, key, n) == 0 && k[n] == '\0')
			return a->slots[i] - 1;
	}
	return a->n;
}

/* Returns the index in a->v of the key of n bytes, or a->n. */
static size_t index_of_n(const gu_answers *a, const char *key, size_t n)
{
	return index_of_hashed(a, key, n, hash_key(key, n));
}

/* Returns the index of key in a, or a->n. */
static size_t index_of(const gu_answers *a, const char *key)
{
	return index_of_n(a, key, strlen(key));
}

/* Rebuilds the hash index for at least want entries; returns 0 or -GU_ENOMEM. */
static int reindex(gu_answers *a, size_t want)
{
	size_t nslots = 16, i, mask;
	size_t *slots;

	while (nslots < want * 2)
		nslots *= 2;
	slots = calloc(nslots, sizeof *slots);
	if (!slots)
		return -GU_ENOMEM;
	mask = nslots - 1;
	for (i = 0; i < a->n; i++) {
		size_t h = hash_key(a->v[i].key, strlen(a->v[i].key)) & mask;

		while (slots[h] != 0)
			h = (h + 1) & mask;
		slots[h] = i + 1;
	}
	free(a->slots);
	a->slots = slots;
	a->nslots = nslots;
	return 0;
}

/* Returns the answer for key, or NULL. */
const gu_answer *gu_answers_find(const gu_answers *a, const char *key)
{
	size_t i = index_of(a, key);

	return i < a->n ? &a->v[i] : NULL;
}

/* Returns the value of key, or NULL. */
const char *gu_answers_get(const gu_answers *a, const char *key)
{
	const gu_answer *x = gu_answers_find(a, key);

	return x ? x->value : NULL;
}

/* Returns one block "key\0value\0" (value right after the key's NUL), or NULL. */
static char *make_block(const char *key, size_t keylen, const char *value, size_t valuelen)
{
	char *b = malloc(keylen + valuelen + 2);

	if (!b)
		return NULL;
	memcpy(b, key, keylen);
	b[keylen] = '\0';
	memcpy(b + keylen + 1, value, valuelen);
	b[keylen + 1 + valuelen] = '\0';
	return b;
}

/* Sets key (hash_key h, at index i, or a->n when new) to value with a
 * line number; returns 0 or -GU_ENOMEM. */
static int set_found(gu_answers *a, const char *key, size_t keylen,
	const char *value, size_t valuelen, int line, size_t h, size_t i)
{
	char *b = make_block(key, keylen, value, valuelen);

	if (!b)
		return -GU_ENOMEM;
	if (i < a->n) {
		/* The index points at positions, not blocks: it stays valid. */
		free(a->v[i].key);
		a->v[i].key = b;
		a->v[i].value = b + keylen + 1;
		a->v[i].line = line;
		return 0;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 32;
		gu_answer *nv = realloc(a->v, cap * sizeof *nv);

		if (!nv)
			goto fail;
		a->v = nv;
		a->cap = cap;
	}
	if ((a->n + 1) * 2 > a->nslots && reindex(a, a->cap) < 0)
		goto fail;
	a->v[a->n].key = b;
	a->v[a->n].value = b + keylen + 1;
	a->v[a->n].line = line;
	a->n++;
	{
		size_t mask = a->nslots - 1;

		h &= mask;
		while (a->slots[h] != 0)
			h = (h + 1) & mask;
		a->slots[h] = a->n;
	}
	return 0;
fail:
	free(b);
	return -GU_ENOMEM;
}

/* Sets key to value with a line number; returns 0 or -GU_ENOMEM. */
static int set_at_line(gu_answers *a, const char *key, size_t keylen,
	const char *value, size_t valuelen, int line)
{
	size_t h = hash_key(key, keylen);

	return set_found(a, key, keylen, value, valuelen, line, h,
		index_of_hashed(a, key, keylen, h));
}

/* Sets key to value; returns 0 or -GU_ENOMEM. */
int gu_answers_set(gu_answers *a, const char *key, const char *value)
{
	return set_at_line(a, key, strlen(key), value, strlen(value), 0);
}

/* Removes key; returns 1 when it was there. */
int gu_answers_remove(gu_answers *a, const char *key)
{
	size_t i = index_of(a, key);

	if (i == a->n)
		return 0;
	free(a->v[i].key);
	memmove(&a->v[i], &a->v[i + 1], (a->n - i - 1) * sizeof a->v[0]);
	a->n--;
	/* Positions after i moved: rebuild the index (same size, cannot grow). */
	if (reindex(a, a->cap) < 0) {
		/* Out of memory: drop the stale index; look-ups then scan. */
		free(a->slots);
		a->slots = NULL;
		a->nslots = 0;
	}
	return 1;
}

/* Copies src into a new dst; returns 0 or -GU_ENOMEM. */
int gu_answers_copy(gu_answers *dst, const gu_answers *src)
{
	size_t i;

	gu_answers_init(dst);
	for (i = 0; i < src->n; i++) {
		const gu_answer *x = &src->v[i];

		if (set_at_line(dst, x->key, strlen(x->key), x->value,
				strlen(x->value), x->line) < 0) {
			gu_answers_free(dst);
			return -GU_ENOMEM;
		}
	}
	return 0;
}

/* Returns true when c may appear in a key segment. */
static int key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Returns true when key (n bytes) has the shape word(.word)+ with words of
 * [a-z0-9_], none empty. */
static int key_shape_ok(const char *key, size_t n)
{
	size_t i, seg = 0, dots = 0;

	for (i = 0; i < n; i++) {
		if (key[i] == '.') {
			if (seg == 0)
				return 0;
			seg = 0;
			dots++;
		} else if (key_char(key[i])) {
			seg++;
		} else {
			return 0;
		}
	}
	return seg > 0 && dots >= 1 && n < 64;
}

/* Returns the length of the valid UTF-8 prefix of s (n bytes). */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t len, k;
		unsigned long cp;
		uint64_t w;

		/* Eight ASCII bytes at once: most of an answers file. */
		if (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080u) == 0) {
				i += 8;
				continue;
			}
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (i + len > n)
			return i;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
				|| (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return i;
		i += len;
	}
	return n;
}

/* Returns s advanced past spaces and tabs, not beyond end. */
static const char *skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* Returns end moved back over spaces, tabs and a carriage return. */
static const char *trim_end(const char *start, const char *end)
{
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	return end;
}

/* Returns the first control character (C0 including tab, DEL, C1) of the
 * n bytes at s (valid UTF-8), or 0 when there is none. */
static uint32_t first_control(const char *s, size_t n)
{
	size_t pos = 0;

	while (pos < n) {
		uint32_t cp;

		pos += gu_utf8_decode(s + pos, n - pos, &cp);
		if (gu_char_is_control(cp) && cp != 0)
			return cp;
	}
	return 0;
}

/* Parses one non-blank, non-comment line; returns 0 or a negative code. */
static int parse_line(const char *s, const char *end, const char *filename,
	int line, gu_answers *out, gu_error *err)
{
	const char *eq = memchr(s, '=', (size_t)(end - s));
	const char *kend, *v;
	size_t keylen, dup, h;
	uint32_t ctrl;

	if (!eq)
		return gu_error_set(err, GU_ESYNTAX, filename, line, 0,
			_("expected \"key = value\", found no \"=\""));
	kend = trim_end(s, eq);
	keylen = (size_t)(kend - s);
	if (keylen == 0)
		return gu_error_set(err, GU_ESYNTAX, filename, line, 0,
			_("a key is missing before \"=\""));
	if (!key_shape_ok(s, keylen))
		return gu_error_set(err, GU_ESYNTAX, filename, line, 0,
			_("%.*s: not a valid key (keys look like child.dob or member.1.age)"),
			(int)(keylen > 80 ? 80 : keylen), s);
	v = skip_blank(eq + 1, end);
	end = trim_end(v, end);
	ctrl = first_control(v, (size_t)(end - v));
	if (ctrl)
		return gu_error_set(err, GU_ESYNTAX, filename, line, 0,
			_("%.*s: the value holds the control character U+%04X, which a terminal or "
			  "spreadsheet would obey; remove it from the file"),
			(int)(keylen > 80 ? 80 : keylen), s, (unsigned)ctrl);
	h = hash_key(s, keylen);
	dup = index_of_hashed(out, s, keylen, h);
	if (dup < out->n)
		return gu_error_set(err, GU_ESYNTAX, filename, line, 0,
			_("%.*s: given twice (first on line %d); keep one"),
			(int)keylen, s, out->v[dup].line);
	if (set_found(out, s, keylen, v, (size_t)(end - v), line, h, out->n) < 0)
		return gu_error_set(err, GU_ENOMEM, filename, line, 0, NULL);
	return 0;
}

/* Parses answers-file text into out; returns 0 or a negative code. */
int gu_answers_parse(const char *text, size_t len, const char *filename,
	gu_answers *out, gu_error *err)
{
	const char *p = text, *end = text + len;
	size_t valid;
	int line = 0, rc = 0;

	gu_answers_init(out);
	gu_error_clear(err);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *lend = nl ? nl : end;
		const char *s = skip_blank(p, lend);
		const char *e = trim_end(s, lend);

		line++;
		valid = utf8_valid_prefix((const unsigned char *)p, (size_t)(lend - p));
		if (valid < (size_t)(lend - p)) {
			rc = gu_error_set(err, GU_ESYNTAX, filename, line, 0,
				_("the line is not valid UTF-8 text: save the file as UTF-8, or read it with "
				"--encoding gb18030 if a Windows tool saved it"));
			goto fail;
		}
		{
			const char *cr = memchr(p, '\r', (size_t)(lend - p));

			if (cr && cr + 1 < lend) {
				rc = gu_error_set(err, GU_ESYNTAX, filename, line, 0,
					_("the lines end with a carriage return alone (CR, as old Mac tools save): "
					"save the file with LF or CRLF line ends"));
				goto fail;
			}
		}
		if (memchr(p, '\0', (size_t)(lend - p))) {
			rc = gu_error_set(err, GU_ESYNTAX, filename, line, 0,
				_("the line contains a NUL byte (is this a text file?)"));
			goto fail;
		}
		if (s < e && *s != '#') {
			rc = parse_line(s, e, filename, line, out, err);
			if (rc < 0)
				goto fail;
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
fail:
	gu_answers_free(out);
	return rc;
}

/* Reads path whole and parses it; returns 0 or a negative code. */
int gu_answers_read_file(const char *path, gu_answers *out, gu_error *err)
{
	return gu_answers_read_file_enc(path, NULL, out, err);
}

/* Reads path whole, converts it from encoding to UTF-8 when one is given,
 * and parses it; returns 0 or a negative code. */
int gu_answers_read_file_enc(const char *path, const char *encoding, gu_answers *out, gu_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;

	gu_answers_init(out);
	if (!f)
		return gu_error_set(err, GU_EIO, path, 0, 0,
			_("cannot open the file: %s"), strerror(errno));
	for (;;) {
		size_t got;

		if (len + 4096 > cap) {
			size_t ncap = cap ? cap * 2 : 8192;
			char *nb;

			if (ncap > (size_t)64 << 20) {
				rc = gu_error_set(err, GU_EINVAL, path, 0, 0,
					_("the file is too large for an answers file"));
				goto cleanup;
			}
			nb = realloc(buf, ncap);
			if (!nb) {
				rc = gu_error_set(err, GU_ENOMEM, path, 0, 0, NULL);
				goto cleanup;
			}
			buf = nb;
			cap = ncap;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		rc = gu_error_set(err, GU_EIO, path, 0, 0,
			_("cannot read the file: %s"), strerror(errno));
		goto cleanup;
	}
	if (encoding) {
		char *utf8;
		size_t n;

		rc = gu_recode_to_utf8(encoding, buf ? buf : "", len, path, &utf8, &n, err);
		if (rc < 0)
			goto cleanup;
		free(buf);
		buf = utf8;
		len = n;
	}
	rc = gu_answers_parse(buf ? buf : "", len, path, out, err);
cleanup:
	free(buf);
	fclose(f);
	return rc;
}
