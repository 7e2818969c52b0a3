/* A set of answers and the answers-file syntax (key = value lines). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers.h"
#include "core/i18n.h"

/* Returns a malloc'd copy of n bytes of s, or NULL. */
static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Makes a empty. */
void gu_answers_init(gu_answers *a)
{
	a->v = NULL;
	a->n = 0;
	a->cap = 0;
}

/* Frees a and leaves it empty. */
void gu_answers_free(gu_answers *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->v[i].key);
		free(a->v[i].value);
	}
	free(a->v);
	gu_answers_init(a);
}

/* Returns the index of key in a, or a->n. */
static size_t index_of(const gu_answers *a, const char *key)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].key, key) == 0)
			return i;
	return a->n;
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

/* Sets key to value with a line number; returns 0 or -GU_ENOMEM. */
static int set_at_line(gu_answers *a, const char *key, size_t keylen,
	const char *value, size_t valuelen, int line)
{
	char *k = dup_n(key, keylen);
	char *v = dup_n(value, valuelen);
	size_t i;
	int rc = -GU_ENOMEM;

	if (!k || !v)
		goto cleanup;
	i = index_of(a, k);
	if (i < a->n) {
		free(a->v[i].value);
		a->v[i].value = v;
		a->v[i].line = line;
		v = NULL;
		rc = 0;
		goto cleanup;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 32;
		gu_answer *nv = realloc(a->v, cap * sizeof *nv);

		if (!nv)
			goto cleanup;
		a->v = nv;
		a->cap = cap;
	}
	a->v[a->n].key = k;
	a->v[a->n].value = v;
	a->v[a->n].line = line;
	a->n++;
	return 0;
cleanup:
	free(k);
	free(v);
	return rc;
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
	free(a->v[i].value);
	memmove(&a->v[i], &a->v[i + 1], (a->n - i - 1) * sizeof a->v[0]);
	a->n--;
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

/* Parses one non-blank, non-comment line; returns 0 or a negative code. */
static int parse_line(const char *s, const char *end, const char *filename,
	int line, gu_answers *out, gu_error *err)
{
	const char *eq = memchr(s, '=', (size_t)(end - s));
	const char *kend, *v;
	size_t keylen;

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
	for (const gu_answer *x = out->v; x < out->v + out->n; x++)
		if (strlen(x->key) == keylen && memcmp(x->key, s, keylen) == 0)
			return gu_error_set(err, GU_ESYNTAX, filename, line, 0,
				_("%.*s: given twice (first on line %d); keep one"),
				(int)keylen, s, x->line);
	if (set_at_line(out, s, keylen, v, (size_t)(end - v), line) < 0)
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
				_("the line is not valid UTF-8 text (save the file as UTF-8)"));
			goto fail;
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
	rc = gu_answers_parse(buf ? buf : "", len, path, out, err);
cleanup:
	free(buf);
	fclose(f);
	return rc;
}
