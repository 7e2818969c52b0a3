/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Looking up the townships of a county (core/township.h). */

#include <stdbool.h>
#include <string.h>

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
		if (typed && *typed && !strstr(t[i].name, typed))
			continue;
		if (k < max)
			out[k] = &t[i];
		k++;
	}
	return k;
}
