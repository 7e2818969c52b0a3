/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* Returns the row's name in Chinese, or in English when it has one (the list
 * gives English names for some places only). */
static const char *row_name(const gu_region_entry *row, bool zh)
{
	return zh || !row->en[0] ? row->zh : row->en;
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
		len = snprintf(buf, size, "%s", row_name(prov, zh));
	else if (zh)
		len = snprintf(buf, size, "%s%s%s", prov->zh, pref ? pref->zh : "", self->zh);
	else
		len = snprintf(buf, size, "%s%s%s, %s", row_name(self, false), pref ? ", " : "",
			pref ? row_name(pref, false) : "", row_name(prov, false));
	if (len < 0 || (unsigned)len >= size) {
		buf[0] = '\0';
		return NULL;
	}
	return buf;
}

/* Returns the translated warning for a trap code, or NULL. */
const char *gu_region_trap(const char *code)
{
	const char *msgid = gu_region_trap_msgid(code);

	return msgid ? _(msgid) : NULL;
}

/* Returns true for a known code inside Chaoyang City (2113xx). */
bool gu_region_in_chaoyang(const char *code)
{
	return gu_region_lookup(code) != NULL && strncmp(code, "2113", 4) == 0;
}

/* Returns true when the row is a prefecture (xxxx00, not a province). */
static bool is_prefecture(const gu_region_entry *row)
{
	return strcmp(row->code + 4, "00") == 0 && strcmp(row->code + 2, "0000") != 0;
}

/* Returns true when the row stands at county level: a county-level division,
 * or a prefecture-level city the list gives no counties under. */
static bool county_level(const gu_region_entry *row)
{
	size_t n;
	const gu_region_entry *rows = gu_region_table(&n);
	const gu_region_entry *next = row + 1;

	if (strcmp(row->code + 2, "0000") == 0)
		return false;
	if (!is_prefecture(row))
		return true;
	return next == rows + n || strncmp(next->code, row->code, 4) != 0;
}

/* Returns true when code is a current county-level division. */
bool gu_region_county(const char *code)
{
	const gu_region_entry *row = gu_region_lookup(code);

	return row && !row->former && county_level(row);
}

/* Writes into buf up to three current county-level codes of the code's
 * prefecture, nearest first ("211303 龙城区, 211302 双塔区"); returns how many. */
static int near_codes(const char *code, char *buf, size_t size)
{
	size_t n, i;
	const gu_region_entry *rows = gu_region_table(&n);
	const gu_region_entry *best[3] = { NULL, NULL, NULL };
	long want = atol(code), dist[3] = { 0, 0, 0 };
	int found = 0, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const gu_region_entry *r = &rows[i];
		long d;
		int k;

		if (strncmp(r->code, code, 4) != 0 || r->former || !county_level(r)
				|| strcmp(r->code, code) == 0)
			continue;
		d = labs(atol(r->code) - want);
		for (k = found < 3 ? found : 3; k > 0 && dist[k - 1] > d; k--)
			if (k < 3) {
				best[k] = best[k - 1];
				dist[k] = dist[k - 1];
			}
		if (k < 3) {
			best[k] = r;
			dist[k] = d;
			if (found < 3)
				found++;
		}
	}
	for (int k = 0; k < found && len >= 0 && (size_t)len < size; k++)
		len += snprintf(buf + len, size - (size_t)len, "%s%s %s",
			k == 0 ? "" : gu_lang() == GU_LANG_ZH ? "、" : ", ",
			best[k]->code, row_name(best[k], gu_lang() == GU_LANG_ZH));
	return found;
}

/* Returns NULL for a current county-level code, else a translated message. */
const char *gu_region_problem(const char *code, char *buf, size_t size)
{
	const gu_region_entry *row;
	char near[200];
	int nearn;

	if (gu_region_county(code))
		return NULL;
	if (!gu_region_valid(code)) {
		snprintf(buf, size, _("%s is not a known region code: check the first two digits (the province)"),
			code ? code : "");
		return buf;
	}
	row = gu_region_lookup(code);
	nearn = near_codes(code, near, sizeof near);
	if (row && strcmp(row->code + 2, "0000") == 0)
		snprintf(buf, size, _("%s is the whole of %s, not a county: give the code of the county"),
			code, row_name(row, gu_lang() == GU_LANG_ZH));
	else if (row && !row->former && nearn)
		snprintf(buf, size, _("%s is the whole of %s, not a county: did you mean %s?"),
			code, row_name(row, gu_lang() == GU_LANG_ZH), near);
	else if (row && row->former && gu_region_county(row->now))
		snprintf(buf, size, _("%s (%s) is a withdrawn code: the county's code is now %s (%s)"),
			code, row_name(row, gu_lang() == GU_LANG_ZH), row->now,
			row_name(gu_region_lookup(row->now), gu_lang() == GU_LANG_ZH));
	else if (row && row->former && nearn)
		snprintf(buf, size, _("%s (%s) is a withdrawn code: give the county's current code; did you mean %s?"),
			code, row_name(row, gu_lang() == GU_LANG_ZH), near);
	else if (row && row->former)
		snprintf(buf, size, _("%s (%s) is a withdrawn code: give the county's current code"),
			code, row_name(row, gu_lang() == GU_LANG_ZH));
	else if (nearn)
		snprintf(buf, size, _("%s is not a county in the national list of region codes (GB/T 2260); did you mean %s?"),
			code, near);
	else
		snprintf(buf, size, _("%s is not a county in the national list of region codes (GB/T 2260): "
			"check the third and fourth digits (the prefecture)"), code);
	return buf;
}

/* Returns NULL, or a translated warning about an ID number's region code. */
const char *gu_region_id_warning(const char *code, char *buf, size_t size)
{
	const gu_region_entry *row = gu_region_lookup(code);

	if (!gu_region_valid(code) || gu_region_county(code))
		return NULL;
	if (row && row->former)
		snprintf(buf, size, _("the region code %s (%s) of the ID number was withdrawn since: it is the "
			"place of first registration; confirm the current hukou county"),
			code, row_name(row, gu_lang() == GU_LANG_ZH));
	else
		snprintf(buf, size, _("the region code %s of the ID number is not in the current national list "
			"(perhaps withdrawn): it is the place of first registration; confirm the current hukou county"),
			code);
	return buf;
}
