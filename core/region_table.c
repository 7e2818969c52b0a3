/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The codes that are easily mistaken for Chaoyang City's.  The table of all
 * codes is generated from data/regions-gb2260.tsv (core/region_list.c). */

#include <stddef.h>
#include <string.h>

#include "core/i18n.h"
#include "core/region.h"

/* Other places called 朝阳 (or 潮阳): a code of theirs in a Chaoyang answer
 * is most likely a mistake. */
static const struct { char code[7]; const char *msgid; } traps[] = {
	{ "110105", N_("110105 is 北京市朝阳区 (Chaoyang District, Beijing), not 朝阳市 "
		"(Chaoyang City, Liaoning), whose codes begin with 2113: check the code") },
	{ "220104", N_("220104 is 长春市朝阳区 (Chaoyang District, Changchun, Jilin), not 朝阳市 "
		"(Chaoyang City, Liaoning), whose codes begin with 2113: check the code") },
	{ "440513", N_("440513 is 汕头市潮阳区 (Chaoyang District, Shantou, Guangdong), not 朝阳市 "
		"(Chaoyang City, Liaoning), whose codes begin with 2113: check the code") },
};

/* Returns the msgid of the warning for a trap code, or NULL. */
const char *gu_region_trap_msgid(const char *code)
{
	for (size_t i = 0; i < sizeof traps / sizeof traps[0]; i++)
		if (code && strcmp(traps[i].code, code) == 0)
			return traps[i].msgid;
	return NULL;
}
