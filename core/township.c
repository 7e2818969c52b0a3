/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Looking up the townships of a county (core/township.h). */

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/pinyin.h"
#include "core/region.h"
#include "core/township.h"

/* Returns true when code is six digits. */
static bool county_code(const char *code)
{
	return code && strlen(code) == 6 && strspn(code, "0123456789") == 6;
}

/* Returns the county's rows; sets *n. */
const gu_township *gu_townships_of(const char *county, size_t *n)
{
	size_t all, i, first;
	const gu_township *t = gu_township_table(&all);

	*n = 0;
	if (!county_code(county))
		return NULL;
	for (i = 0; i < all && strncmp(t[i].code, county, 6) < 0; i++)
		;
	first = i;
	while (i < all && strncmp(t[i].code, county, 6) == 0)
		i++;
	*n = i - first;
	return *n ? &t[first] : NULL;
}

/* Returns the township named name, or NULL. */
const gu_township *gu_township_find(const char *county, const char *name)
{
	const gu_township *t;
	size_t n, i;

	if (!name || !*name)
		return NULL;
	if (county && *county)
		t = gu_townships_of(county, &n);
	else
		t = gu_township_table(&n);
	for (i = 0; t && i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

/* Puts the county's townships whose name contains typed into out; returns
 * how many match. */
size_t gu_townships_match(const char *county, const char *typed, const gu_township **out,
	size_t max)
{
	size_t n, i, k = 0;
	const gu_township *t = gu_townships_of(county, &n);
	for (i = 0; t && i < n; i++) {
		if (!gu_township_matches(&t[i], typed))
			continue;
		if (k < max)
			out[k] = &t[i];
		k++;
	}
	return k;
}

/* Returns s past prefix when s starts with it, else NULL. */
static const char *after(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	return n && strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

/* Returns the township of county named rest, rest being what follows the
 * county's own name in written, or NULL. */
static const gu_township *after_county(const char *county, const char *written)
{
	const gu_region_entry *e = gu_region_lookup(county);
	const char *rest = e ? after(written, e->zh) : NULL;

	return rest ? gu_township_find(county, rest) : NULL;
}

/* Returns the listed township written stands for, or NULL. */
const gu_township *gu_township_canonical(const char *written)
{
	const gu_township *t = gu_township_find(NULL, written), *all;
	const gu_region_entry *city = gu_region_lookup("211300");
	const char *rest;
	size_t n, i;

	if (t || !written || !*written)
		return t;
	rest = city ? after(written, city->zh) : NULL;
	if (rest && (t = gu_township_find(NULL, rest)))
		return t;
	all = gu_township_table(&n);
	for (i = 0; i < n; i++) {
		char county[7];

		if (i && strncmp(all[i].code, all[i - 1].code, 6) == 0)
			continue;
		memcpy(county, all[i].code, 6);
		county[6] = '\0';
		if ((t = after_county(county, written)) || (rest && (t = after_county(county, rest))))
			return t;
	}
	return NULL;
}

/* Returns written past the city's name and then a county's of the list
 * when it starts with them (either or both), else written. */
static const char *past_prefix(const char *written)
{
	const gu_region_entry *city = gu_region_lookup("211300"), *e;
	const gu_township *all = NULL;
	const char *rest = written, *p;
	size_t n = 0, i;

	if (city && (p = after(rest, city->zh)) && *p)
		rest = p;
	all = gu_township_table(&n);
	for (i = 0; i < n; i++) {
		char county[7];

		if (i && strncmp(all[i].code, all[i - 1].code, 6) == 0)
			continue;
		memcpy(county, all[i].code, 6);
		county[6] = '\0';
		e = gu_region_lookup(county);
		if (e && (p = after(rest, e->zh)) && *p)
			return p;
	}
	return rest;
}

/* Returns the listed name of written, else written past its city and
 * county, else written. */
const char *gu_township_counted(const char *written)
{
	const gu_township *t;

	if (!written)
		return NULL;
	t = gu_township_canonical(written);
	return t ? t->name : past_prefix(written);
}

/* Returns true when two counties of the list have a township named name. */
bool gu_township_shared(const char *name)
{
	size_t n, i, found = 0;
	const gu_township *t = gu_township_table(&n);

	for (i = 0; name && i < n && found < 2; i++)
		if (strcmp(t[i].name, name) == 0)
			found++;
	return found > 1;
}

/* Returns the county's name of township t in Chinese, or "" when the
 * regions lack it. */
static const char *county_name(const gu_township *t)
{
	char county[7];
	const gu_region_entry *e;

	memcpy(county, t->code, 6);
	county[6] = '\0';
	e = gu_region_lookup(county);
	return e ? e->zh : "";
}

/* Returns the name a case is counted under, in buf for a shared name
 * written with its county. */
const char *gu_township_counted_as(const char *written, char *buf, size_t size)
{
	const gu_township *t;

	if (!written)
		return NULL;
	t = gu_township_canonical(written);
	if (!t || !gu_township_shared(t->name) || strcmp(written, t->name) == 0)
		return gu_township_counted(written);
	snprintf(buf, size, "%s（%s）", t->name, county_name(t));
	return buf;
}

/* Writes t as an answer names it; returns buf. */
const char *gu_township_written(const gu_township *t, char *buf, size_t size)
{
	if (gu_township_shared(t->name))
		snprintf(buf, size, "%s%s", county_name(t), t->name);
	else
		snprintf(buf, size, "%s", t->name);
	return buf;
}

/* Returns true when typed contains a letter a-z or A-Z. */
static bool has_letter(const char *typed)
{
	for (; *typed; typed++)
		if ((*typed >= 'a' && *typed <= 'z') || (*typed >= 'A' && *typed <= 'Z'))
			return true;
	return false;
}

/* Returns true when t matches typed. */
bool gu_township_matches(const gu_township *t, const char *typed)
{
	if (!typed || !*typed || strstr(t->name, typed))
		return true;
	return has_letter(typed) && gu_pinyin_match(typed, t->name);
}
