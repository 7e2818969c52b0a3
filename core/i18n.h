/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Translation helpers shared by every layer.  Messages are English msgids
 * translated through gettext; policy texts carry both languages and are
 * picked with gu_pick() according to the catalogue in effect. */
#ifndef GUANAI_CORE_I18N_H
#define GUANAI_CORE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(s, p, n) ngettext((s), (p), (n))

enum gu_lang { GU_LANG_EN = 0, GU_LANG_ZH = 1 };

/* Returns the language of the message catalogue now in effect. */
enum gu_lang gu_lang(void);

/* Returns zh or en, whichever matches the current language; falls back to
 * the other one when the preferred text is NULL or empty. */
const char *gu_pick(const char *zh, const char *en);

#endif
