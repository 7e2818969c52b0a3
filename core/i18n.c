/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Language of the catalogue in effect, and picking policy texts by it. */
#include "config.h"

#include <string.h>

#include "core/i18n.h"

/* Returns the language of the message catalogue now in effect, asked of the
 * catalogue itself so the policy texts always follow the messages. */
enum gu_lang gu_lang(void)
{
	/* TRANSLATORS: the two-letter code of this translation's language.
	 * Translate as "zh" in the Chinese catalogue; it is not shown. */
	const char *code = _("en");

	return strncmp(code, "zh", 2) == 0 ? GU_LANG_ZH : GU_LANG_EN;
}

/* Returns the text in the current language, else the other one, else "". */
const char *gu_pick(const char *zh, const char *en)
{
	const char *first = gu_lang() == GU_LANG_ZH ? zh : en;
	const char *second = gu_lang() == GU_LANG_ZH ? en : zh;

	if (first && *first)
		return first;
	if (second && *second)
		return second;
	return "";
}
