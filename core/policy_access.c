/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The policy's accessors, its arena and its hash of keys. */

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/policy_internal.h"

/* One arena block: the next pointer, then the bytes. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

/* Returns size bytes from the arena (zeroed, aligned), or NULL. */
void *gu_arena_alloc(void **arena, size_t size)
{
	struct arena_block *b = *arena;
	size_t need = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t);

	if (!b || b->used + need > b->size) {
		size_t units = need > 4096 ? need : 4096;

		b = calloc(1, sizeof *b + units * sizeof(max_align_t));
		if (!b)
			return NULL;
		b->size = units;
		b->next = *arena;
		*arena = b;
	}
	b->used += need;
	return &b->data[b->used - need];
}

/* Returns an arena copy of n bytes of s, or NULL. */
char *gu_arena_strndup(void **arena, const char *s, size_t n)
{
	char *d = gu_arena_alloc(arena, n + 1);

	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Frees every block of the arena. */
void gu_arena_free(void **arena)
{
	struct arena_block *b = *arena;

	while (b) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
	*arena = NULL;
}

/* Returns a hash of n bytes of s (8 bytes at a time). */
uint32_t gu_key_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 29;
	}
	if (i < n) {
		uint64_t w = 0;

		/* The last bytes: the final eight (overlapping ones already
		 * mixed in) when there are eight, else one by one; no call. */
		if (n >= 8)
			memcpy(&w, s + n - 8, 8);
		else
			for (; i < n; i++)
				w = w << 8 | (unsigned char)s[i];
		h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
		h ^= h >> 29;
	}
	h ^= h >> 32;
	return (uint32_t)h;
}

/* Builds the open-addressing hash of question keys; returns 0 or -GU_ENOMEM. */
int gu_policy_index_keys(gu_policy *p)
{
	size_t cap = 16, i;

	while (cap < p->nquestions * 3)
		cap *= 2;
	p->keys = calloc(cap, sizeof *p->keys);
	if (!p->keys)
		return -GU_ENOMEM;
	p->keycap = cap;
	for (i = 0; i < p->nquestions; i++) {
		const char *k = p->questions[i].key;
		uint32_t full = gu_key_hash(k, strlen(k));
		size_t h = full & (cap - 1);

		while (p->keys[h].key)
			h = (h + 1) & (cap - 1);
		p->keys[h].key = k;
		p->keys[h].hash = full;
		p->keys[h].len = strlen(k);
		p->keys[h].q = (int)i;
	}
	return 0;
}

/* Returns the question index of key (n bytes, concrete or pattern), or -1. */
int gu_policy_lookup(const gu_policy *p, const char *key, size_t n)
{
	size_t h;
	uint32_t full;

	if (!p->keys)
		return -1;
	full = gu_key_hash(key, n);

	h = full & (p->keycap - 1);
	while (p->keys[h].key) {
		if (p->keys[h].hash == full && p->keys[h].len == n
				&& memcmp(p->keys[h].key, key, n) == 0)
			return p->keys[h].q;
		h = (h + 1) & (p->keycap - 1);
	}
	return -1;
}

/* Returns the question index of a concrete key, with its member number. */
int gu_policy_resolve_key(const gu_policy *p, const char *key, int *member)
{
	*member = 0;
	if (strncmp(key, "member.*.", 9) == 0)
		return gu_policy_lookup(p, key, strlen(key));
	if (strncmp(key, "member.", 7) == 0) {
		const char *d = key + 7;
		char buf[64];
		long m = 0;
		size_t rest;

		if (*d < '1' || *d > '9')
			return -1;
		while (*d >= '0' && *d <= '9') {
			m = m * 10 + (*d - '0');
			if (m > 1000000)
				return -1;
			d++;
		}
		if (*d != '.')
			return -1;
		rest = strlen(d);
		if (rest + 9 > sizeof buf)
			return -1;
		memcpy(buf, "member.*", 8);
		memcpy(buf + 8, d, rest + 1);
		*member = (int)m;
		return gu_policy_lookup(p, buf, 8 + rest);
	}
	return gu_policy_lookup(p, key, strlen(key));
}

/* Frees a policy; NULL is allowed. */
void gu_policy_free(gu_policy *p)
{
	if (!p)
		return;
	free(p->keys);
	free(p->questions);
	free(p->qx);
	free(p->name);
	free(p->text);
	gu_arena_free(&p->arena);
	free(p);
}

/* Returns the policy's id. */
const char *gu_policy_id(const gu_policy *p) { return p->id; }
/* Returns the policy's version. */
const char *gu_policy_version(const gu_policy *p) { return p->version; }
/* Returns the policy's effective date. */
const char *gu_policy_effective(const gu_policy *p) { return p->effective; }
/* Returns the file name the policy was loaded from. */
const char *gu_policy_name(const gu_policy *p) { return p->name; }
/* Returns the SHA-256 of the policy's bytes in hex. */
const char *gu_policy_hash(const gu_policy *p) { return p->hash; }

/* Returns the text the policy was loaded from. */
const char *gu_policy_text(const gu_policy *p) { return p->text; }

/* Returns the number of items. */
size_t gu_policy_item_count(const gu_policy *p) { return p->nitems; }

/* Returns item i (ascending number), or NULL past the end. */
const gu_item *gu_policy_item(const gu_policy *p, size_t i)
{
	return i < p->nitems ? &p->items[i] : NULL;
}

/* Returns how many report units the policy names. */
size_t gu_policy_unit_count(const gu_policy *p)
{
	return p->nunits;
}

/* Returns report unit i, or NULL past the last. */
const gu_report_unit *gu_policy_unit(const gu_policy *p, size_t i)
{
	return i < p->nunits ? &p->units[i] : NULL;
}

/* Returns the item with that number, or NULL. */
const gu_item *gu_policy_item_by_number(const gu_policy *p, int number)
{
	size_t i;

	for (i = 0; i < p->nitems; i++)
		if (p->items[i].number == number)
			return &p->items[i];
	return NULL;
}

/* Returns the name an item is shown by, in the language in effect. */
const char *gu_item_name(const gu_item *it)
{
	return it ? gu_pick(it->shown_zh, it->shown_en) : "";
}

/* Returns the number of counties the region picker offers. */
size_t gu_policy_county_count(const gu_policy *p)
{
	return p->ncounties;
}

/* Returns the picker's county i, or NULL past the end. */
const char *gu_policy_county(const gu_policy *p, size_t i)
{
	return i < p->ncounties ? p->counties[i] : NULL;
}

/* Returns the number of sections. */
size_t gu_policy_section_count(const gu_policy *p) { return p->nsections; }

/* Returns section i, or NULL past the end. */
const gu_section *gu_policy_section(const gu_policy *p, size_t i)
{
	return i < p->nsections ? &p->sections[i] : NULL;
}

/* Returns the number of questions (person patterns counted once per owner). */
size_t gu_policy_question_count(const gu_policy *p) { return p->nquestions; }

/* Returns question i in asking order, or NULL past the end. */
const gu_question *gu_policy_question(const gu_policy *p, size_t i)
{
	return i < p->nquestions ? &p->questions[i] : NULL;
}

/* Returns the question of a concrete key, or NULL. */
const gu_question *gu_policy_find_question(const gu_policy *p, const char *key)
{
	int m, q = gu_policy_resolve_key(p, key, &m);

	return q >= 0 ? &p->questions[q] : NULL;
}

/* Reads a whole-number parameter; returns 0, or -1 when it is missing or
 * not a whole number. */
int gu_policy_param_long(const gu_policy *p, const char *name, long *out)
{
	size_t i;
	char *end;
	long v;

	for (i = 0; p && i < p->nparams; i++) {
		if (strcmp(p->params[i].name, name) != 0)
			continue;
		v = strtol(p->params[i].value, &end, 10);
		if (end == p->params[i].value || *end != '\0')
			return -1;
		*out = v;
		return 0;
	}
	return -1;
}

/* Returns the text of parameter name as written in the policy file (a set
 * keeps its braces), or NULL when the policy has no such parameter. */
const char *gu_policy_param_text(const gu_policy *p, const char *name)
{
	size_t i;

	for (i = 0; p && i < p->nparams; i++)
		if (strcmp(p->params[i].name, name) == 0)
			return p->params[i].value;
	return NULL;
}

/* Returns the policy's title in the language in effect ("" when none). */
const char *gu_policy_title(const gu_policy *p)
{
	const char *t = gu_pick(p->title_zh, p->title_en);

	return t ? t : "";
}
