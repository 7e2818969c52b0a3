/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Locale and language set-up, done before anything is shown. */
#ifndef GUANAI_TUI_LOCALE_H
#define GUANAI_TUI_LOCALE_H

#include <stdbool.h>

/* Sets the locale from the environment, makes sure the character set is
 * UTF-8 (falling back to C.UTF-8), and binds the message catalogue.
 * Returns true when the terminal's own locale was UTF-8. */
bool gu_locale_init(void);
/* Switches the language of messages to "zh" or "en" at any time; returns
 * 0, or -1 for an unknown language code. */
int gu_locale_set_lang(const char *code);
/* Returns the variable that chose the language at start-up, as
 * "NAME=value", or "" when none of LANGUAGE, LC_ALL, LC_MESSAGES and LANG
 * was set. */
const char *gu_locale_origin(void);
/* Returns the directory the program's own file lives in, or "" (static buffer). */
const char *gu_program_dir(void);

#endif
