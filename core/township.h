/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The townships and streets of the city's counties, from the National
 * Bureau of Statistics' statistical division codes (data/townships-chaoyang.tsv,
 * compiled into core/township_list.c): the interview's township is chosen
 * from its county's list, so one township is written one way. */
#ifndef GUANAI_CORE_TOWNSHIP_H
#define GUANAI_CORE_TOWNSHIP_H

#include <stdbool.h>
#include <stddef.h>

/* One township or street. */
typedef struct gu_township {
	const char *code;   /* 9 digits; the first 6 are its county's */
	const char *name;   /* 大平房镇 */
} gu_township;

/* Returns the whole table, sorted by code; *n is its length
 * (core/township_list.c, generated). */
const gu_township *gu_township_table(size_t *n);

/* Returns the townships of county (a 6-digit code), sorted by code, and
 * sets *n to their count (NULL and 0 for a county the list lacks). */
const gu_township *gu_townships_of(const char *county, size_t *n);

/* Returns the township named name in county, or in any county of the list
 * when county is NULL or ""; NULL when there is none.  The name must be
 * written as the list writes it (龙城街道, not 龙城区龙城街道). */
const gu_township *gu_township_find(const char *county, const char *name);

/* Puts into out, in the list's order, at most max townships of county
 * whose name contains typed (all of them for NULL or ""); returns how many
 * match in all, which may be more than max. */
size_t gu_townships_match(const char *county, const char *typed, const gu_township **out,
	size_t max);

/* Returns the listed township a name written by hand stands for: the name
 * as the list writes it (the first county's when two counties share it), or
 * with its county's name before it (龙城区龙城街道), or the city's and the
 * county's (朝阳市龙城区龙城街道); NULL when it is none of the list's. */
const gu_township *gu_township_canonical(const char *written);

/* Returns the name a township written by hand is counted under: the
 * listed name gu_township_canonical finds, else what follows the city's
 * and a county's name written before it, else written itself (NULL for
 * NULL; a pointer into written or into the list).  The case's township
 * column holds it, so the ledger and the dashboard count 龙城区龙城街道
 * with 龙城街道 and 龙城区大平房镇 with 大平房镇. */
const char *gu_township_counted(const char *written);

/* Returns true when name is listed under more than one county (城关街道,
 * 红山街道). */
bool gu_township_shared(const char *name);

/* Returns the name a case of the township written by hand is counted under:
 * gu_township_counted's, except that a name two counties share, written
 * with its county before it (北票市城关街道), is counted with its county
 * after it, 城关街道（北票市）, written into buf; a pointer into written,
 * into the list or buf (NULL for NULL).  The case's township column holds
 * it, so the ledger and the dashboard tell the two 城关街道 apart. */
const char *gu_township_counted_as(const char *written, char *buf, size_t size);

/* Writes the township t as an answer names it into buf: its name, or for a
 * name two counties share, its county's name before it (北票市城关街道);
 * returns buf. */
const char *gu_township_written(const gu_township *t, char *buf, size_t size);

/* Returns true when the township t matches what was typed: typed is part
 * of its name, or (letters) part of its pinyin or the start of its
 * initials (dpf finds 大平房镇; core/pinyin.h); "" and NULL match all. */
bool gu_township_matches(const gu_township *t, const char *typed);

#endif
