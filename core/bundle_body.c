/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A bundle body's header: written and read as "key value" lines. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bundle_body.h"
#include "core/i18n.h"

/* Copies one header value without line breaks into b. */
static void put_value(gu_strbuf *b, const char *key, const char *v)
{
	size_t i;

	gu_sb_printf(b, "%s ", key);
	for (i = 0; v[i]; i++)
		gu_sb_put(b, v[i] == '\n' || v[i] == '\r' ? " " : &v[i], 1);
	gu_sb_put(b, "\n", 1);
}

/* Appends h and the empty line to b. */
void gu_bundle_head_write(gu_strbuf *b, const gu_bundle_head *h)
{
	gu_sb_printf(b, "%s\n", GU_XBODY_FIRST);
	put_value(b, "kind", h->kind);
	put_value(b, "from", h->from);
	put_value(b, "to", h->to);
	gu_sb_printf(b, "seq %lld\n", h->seq);
	put_value(b, "prev", h->prev[0] ? h->prev : "-");
	gu_sb_printf(b, "clock %lld\nack %lld\nupto %lld\n", h->clock, h->ack, h->upto);
	put_value(b, "township", h->township);
	put_value(b, "worker", h->worker);
	if (h->policy[0])
		put_value(b, "policy", h->policy);
	if (h->cases > 0)
		gu_sb_printf(b, "cases %lld\n", h->cases);
	gu_sb_put(b, "\n", 1);
}

/* Reads a whole non-negative number from s; returns 0 or -1. */
static int read_number(const char *s, size_t n, long long *out)
{
	char buf[24];
	char *end;

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*out = strtoll(buf, &end, 10);
	return *end || *out < 0 || buf[0] == '-' ? -1 : 0;
}

/* Copies n bytes of s into out (size bytes); returns 0, or -1 when too long. */
static int copy_text(const char *s, size_t n, char *out, size_t size)
{
	if (n >= size)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* Takes one "key value" line into h; returns 0 or -1. */
static int take_line(gu_bundle_head *h, const char *key, size_t klen, const char *v, size_t vlen)
{
#define IS(k) (klen == sizeof k - 1 && memcmp(key, k, klen) == 0)
	if (IS("kind"))
		return copy_text(v, vlen, h->kind, sizeof h->kind);
	if (IS("from"))
		return copy_text(v, vlen, h->from, sizeof h->from);
	if (IS("to"))
		return copy_text(v, vlen, h->to, sizeof h->to);
	if (IS("seq"))
		return read_number(v, vlen, &h->seq);
	if (IS("prev"))
		return copy_text(v, vlen, h->prev, sizeof h->prev);
	if (IS("clock"))
		return read_number(v, vlen, &h->clock);
	if (IS("ack"))
		return read_number(v, vlen, &h->ack);
	if (IS("upto"))
		return read_number(v, vlen, &h->upto);
	if (IS("township"))
		return copy_text(v, vlen, h->township, sizeof h->township);
	if (IS("worker"))
		return copy_text(v, vlen, h->worker, sizeof h->worker);
	if (IS("cases"))
		return read_number(v, vlen, &h->cases);
	if (IS("policy"))
		return vlen == GU_XHASH_SIZE - 1 ? copy_text(v, vlen, h->policy, sizeof h->policy) : -1;
#undef IS
	return 0; /* a key a newer sender added */
}

/* Reads the header of body; returns 0 or -GU_EINVAL. */
int gu_bundle_head_parse(const char *body, gu_bundle_head *h, const char **records,
	gu_error *err)
{
	const char *p = body, *nl, *sp;
	size_t first = strlen(GU_XBODY_FIRST);

	memset(h, 0, sizeof *h);
	if (strncmp(p, GU_XBODY_FIRST, first) != 0 || p[first] != '\n')
		goto bad;
	p += first + 1;
	while (*p && *p != '\n') {
		nl = strchr(p, '\n');
		if (!nl)
			goto bad;
		sp = memchr(p, ' ', (size_t)(nl - p));
		if (!sp || take_line(h, p, (size_t)(sp - p), sp + 1, (size_t)(nl - sp - 1)) < 0)
			goto bad;
		p = nl + 1;
	}
	if (*p != '\n' || strlen(h->from) != 32 || strlen(h->to) != 32 || h->seq < 1
	    || (strcmp(h->kind, "laptop") != 0 && strcmp(h->kind, "office") != 0)
	    || (strcmp(h->prev, "-") != 0 && strlen(h->prev) != GU_XHASH_SIZE - 1))
		goto bad;
	if (strcmp(h->prev, "-") == 0)
		h->prev[0] = '\0';
	*records = p + 1;
	return 0;
bad:
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("the bundle's header is not one guanai writes: nothing of it was applied"));
}

/* Copies s into out as a part of a file name, whole characters only;
 * returns out. */
char *gu_bundle_name_part(const char *s, char *out, size_t size)
{
	size_t i = 0, o = 0, len, k;

	while (s[i]) {
		unsigned char c = (unsigned char)s[i];

		len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		for (k = 1; k < len; k++)
			if (((unsigned char)s[i + k] & 0xc0) != 0x80)
				len = 1;
		if (o + len + 1 > size)
			break;
		if (len == 1 && (c < 0x20 || c >= 0x7f || strchr("/\\:*?\"<>| ", c)))
			out[o++] = '_';
		else
			for (k = 0; k < len; k++)
				out[o++] = s[i + k];
		i += len;
	}
	out[o] = '\0';
	if (o == 0 && size > 1)
		snprintf(out, size, "-");
	return out;
}
