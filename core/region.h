/* County-level region codes (GB/T 2260): all of Liaoning, the provinces,
 * and the traps (110105 is Beijing's Chaoyang District, not Chaoyang City). */
#ifndef GUANAI_CORE_REGION_H
#define GUANAI_CORE_REGION_H

#include <stdbool.h>

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

#endif
