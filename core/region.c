#include "config.h"
/* Region codes: checking, full names in both languages, and the known traps. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/region.h"

/* Returns true when code is exactly six ASCII digits. */
static bool six_digits(const char *code)
{
	if (!code)
		return false;
	for (int i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			return false;
	return code[6] == '\0';
}

/* Compares a code with a table row for bsearch; returns <0, 0 or >0. */
static int cmp_row(const void *key, const void *row)
{
	return strcmp(key, ((const gu_region_entry *)row)->code);
}

/* Returns the row of exactly this code, or NULL. */
const gu_region_entry *gu_region_lookup(const char *code)
{
	size_t n;
	const gu_region_entry *rows = gu_region_table(&n);

	if (!six_digits(code))
		return NULL;
	return bsearch(code, rows, n, sizeof rows[0], cmp_row);
}

/* Returns the row of the code's first `keep` digits followed by zeros, or NULL. */
static const gu_region_entry *lookup_level(const char *code, int keep)
{
	char part[7] = "000000";

	memcpy(part, code, (size_t)keep);
	return gu_region_lookup(part);
}

/* Returns true when the code's province part names a real province. */
bool gu_region_valid(const char *code)
{
	return six_digits(code) && lookup_level(code, 2) != NULL;
}

/* Returns true when the code is in the table and not withdrawn. */
bool gu_region_current(const char *code)
{
	const gu_region_entry *row = gu_region_lookup(code);

	return row && !row->former;
}

/* Writes the full name of the code into buf; returns buf, or NULL when the
 * code is unknown beyond its province or the name does not fit (buf is then ""). */
const char *gu_region_name(const char *code, bool zh, char *buf, unsigned size)
{
	const gu_region_entry *prov, *pref = NULL, *self;
	int len;

	if (!buf || size == 0)
		return NULL;
	buf[0] = '\0';
	if (!six_digits(code))
		return NULL;
	prov = lookup_level(code, 2);
	self = gu_region_lookup(code);
	if (!prov || !self)
		return NULL;
	if (self != prov) {
		pref = lookup_level(code, 4);
		if (pref == self)
			pref = NULL;
		if (pref == prov)
			pref = NULL;
	}
	if (self == prov)
		len = snprintf(buf, size, "%s", zh ? prov->zh : prov->en);
	else if (zh)
		len = snprintf(buf, size, "%s%s%s", prov->zh, pref ? pref->zh : "", self->zh);
	else
		len = snprintf(buf, size, "%s%s%s, %s", self->en, pref ? ", " : "",
			pref ? pref->en : "", prov->en);
	if (len < 0 || (unsigned)len >= size) {
		buf[0] = '\0';
		return NULL;
	}
	return buf;
}

/* Returns the translated warning for a trap code, or NULL. */
const char *gu_region_trap(const char *code)
{
	const gu_region_entry *row = gu_region_lookup(code);

	return row && row->trap ? _(row->trap) : NULL;
}

/* Returns true for a known code inside Chaoyang City (2113xx). */
bool gu_region_in_chaoyang(const char *code)
{
	return gu_region_lookup(code) != NULL && strncmp(code, "2113", 4) == 0;
}
