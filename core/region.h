/* County-level region codes (GB/T 2260): all of Liaoning, the provinces,
 * and the traps (110105 is Beijing's Chaoyang District, not Chaoyang City). */
#ifndef GUANAI_CORE_REGION_H
#define GUANAI_CORE_REGION_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when code is six digits naming a province, prefecture or
 * county-level division this table knows, or any code whose province
 * part (first two digits) is a real province. */
bool gu_region_valid(const char *code);
/* Writes the full name ("辽宁省朝阳市建平县", or in English "Jianping County,
 * Chaoyang, Liaoning") into buf; returns buf, or NULL when the code is
 * unknown beyond its province. */
const char *gu_region_name(const char *code, bool zh, char *buf, unsigned size);
/* Returns a translated warning when the code is a known trap (110105), or NULL. */
const char *gu_region_trap(const char *code);
/* Returns true for a code inside Chaoyang City (2113xx). */
bool gu_region_in_chaoyang(const char *code);
/* Chaoyang's seven county-level codes, in the order a picker shows them. */
extern const char *const gu_chaoyang_counties[7];

/* One row of the table: a province (xx0000), prefecture (xxxx00) or
 * county-level division with its own (not full) names. */
typedef struct gu_region_entry {
	char code[7];
	const char *zh;    /* "建平县" */
	const char *en;    /* "Jianping County" */
	bool former;       /* withdrawn code, still met in older ID numbers */
	const char *trap;  /* msgid of a warning, or NULL */
} gu_region_entry;

/* Returns the table rows, sorted by code, and their count in *n. */
const gu_region_entry *gu_region_table(size_t *n);
/* Returns the row of exactly this code, or NULL. */
const gu_region_entry *gu_region_lookup(const char *code);
/* Returns true when the code is in the table and still in use (not withdrawn). */
bool gu_region_current(const char *code);

#endif
