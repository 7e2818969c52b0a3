/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Region codes (GB/T 2260): the national list of provinces, prefectures and
 * county-level divisions (data/regions-gb2260.tsv), the checks of a county
 * code with "did you mean", and the traps (110105 is Beijing's Chaoyang
 * District, not Chaoyang City). */
#ifndef GUANAI_CORE_REGION_H
#define GUANAI_CORE_REGION_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when code is six digits whose province part (the first two
 * digits) is a real province: the check an ID number's region gets, since
 * it may be a code withdrawn long ago. */
bool gu_region_valid(const char *code);
/* Returns true when code is a current county-level division of the list
 * (or a prefecture-level city with no counties, such as 441900 东莞市). */
bool gu_region_county(const char *code);
/* Returns NULL when code is a current county-level division, else a
 * translated message in buf saying what is wrong and how to fix it: an
 * unknown code with "did you mean" codes of the same prefecture, a
 * withdrawn code, a whole prefecture or province. */
const char *gu_region_problem(const char *code, char *buf, size_t size);
/* Returns NULL, or a translated warning in buf when an ID number's region
 * code is withdrawn or not in the current list (it is the place of first
 * registration: the current hukou county is to be confirmed). */
const char *gu_region_id_warning(const char *code, char *buf, size_t size);
/* Writes the full name ("辽宁省朝阳市建平县", or in English "Jianping County,
 * Chaoyang, Liaoning") into buf; returns buf, or NULL when the code is
 * unknown beyond its province. */
const char *gu_region_name(const char *code, bool zh, char *buf, unsigned size);
/* Returns a translated warning when the code is a known trap (110105), or NULL. */
const char *gu_region_trap(const char *code);
/* Returns true for a code inside Chaoyang City (2113xx). */
bool gu_region_in_chaoyang(const char *code);

/* One row of the table: a province (xx0000), prefecture (xxxx00) or
 * county-level division with its own (not full) names. */
typedef struct gu_region_entry {
	char code[7];
	const char *zh;    /* "建平县" */
	const char *en;    /* "Jianping County" */
	bool former;       /* withdrawn code, still met in older ID numbers */
	char now[7];       /* a withdrawn code: the code that replaced it, or "" */
} gu_region_entry;

/* Returns the table rows, sorted by code, and their count in *n. */
const gu_region_entry *gu_region_table(size_t *n);
/* Returns the row of exactly this code, or NULL. */
const gu_region_entry *gu_region_lookup(const char *code);
/* Returns true when the code is in the table and still in use (not withdrawn). */
bool gu_region_current(const char *code);
/* Returns the msgid of the warning for a trap code, or NULL. */
const char *gu_region_trap_msgid(const char *code);

#endif
