/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Locale and language set-up. */
#include "config.h"

#include <langinfo.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "tui/locale.h"

static char program_dir[PATH_MAX];
static char origin[160]; /* "NAME=value" of the variable that chose the language */

/* Returns the directory of the running executable, or "". */
const char *gu_program_dir(void)
{
	ssize_t n;
	char *slash;

	if (program_dir[0])
		return program_dir;
	n = readlink("/proc/self/exe", program_dir, sizeof program_dir - 1);
	if (n <= 0) {
		program_dir[0] = '\0';
		return program_dir;
	}
	program_dir[n] = '\0';
	slash = strrchr(program_dir, '/');
	if (slash)
		*slash = '\0';
	return program_dir;
}

/* Returns the directory holding the message catalogues: the build tree's
 * own copy when the program runs uninstalled, else LOCALEDIR. */
static const char *catalogue_dir(void)
{
	static char dir[PATH_MAX + 16];
	char probe[PATH_MAX + 64];
	struct stat st;

	snprintf(dir, sizeof dir, "%s/locale", gu_program_dir());
	snprintf(probe, sizeof probe, "%s/zh_CN/LC_MESSAGES/" PACKAGE ".mo", dir);
	if (gu_program_dir()[0] && stat(probe, &st) == 0)
		return dir;
	return LOCALEDIR;
}

/* Returns true when the LC_MESSAGES locale is C, POSIX or C.UTF-8. */
static bool messages_locale_is_c(void)
{
	const char *m = setlocale(LC_MESSAGES, NULL);

	return !m || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0
		|| strncmp(m, "C.", 2) == 0;
}

/* Returns true when the name of a locale or a LANGUAGE list names a
 * language: it is neither empty nor C, POSIX or C.<charset>. */
static bool names_language(const char *name)
{
	return name && *name && strcmp(name, "C") != 0 && strcmp(name, "POSIX") != 0
		&& strncmp(name, "C.", 2) != 0;
}

/* Returns true when the environment asks for messages in a language other
 * than Chinese: LANGUAGE, or else the first of LC_ALL, LC_MESSAGES and LANG
 * that is set, names a language that is not zh (installed or not). */
static bool environment_asks_other_language(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *name = NULL;
	unsigned i;

	for (i = 0; !(name && *name) && i < sizeof vars / sizeof vars[0]; i++) {
		name = getenv(vars[i]);
		if (name && *name)
			snprintf(origin, sizeof origin, "%s=%s", vars[i], name);
	}
	return names_language(name) && strncmp(name, "zh", 2) != 0;
}

/* Returns the variable that chose the language at start-up ("LANG=C.UTF-8"),
 * or "" when none was set. */
const char *gu_locale_origin(void)
{
	return origin;
}

/* Sets the locale and binds the catalogue; returns true when the
 * environment's locale was UTF-8. */
bool gu_locale_init(void)
{
	bool utf8;

	setlocale(LC_ALL, "");
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!utf8) {
		/* Chinese text needs a UTF-8 character set; C.UTF-8 always exists. */
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "C.utf8");
	}
	bindtextdomain(PACKAGE, catalogue_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	/* The workers are Chinese: a locale that names no language speaks Chinese. */
	if (!environment_asks_other_language())
		gu_locale_set_lang("zh");
	return utf8;
}

/* Switches the message language; returns 0, or -1 for an unknown code. */
int gu_locale_set_lang(const char *code)
{
	if (strcmp(code, "en") == 0) {
		setenv("LANGUAGE", "en", 1);
	} else if (strcmp(code, "zh") == 0) {
		setenv("LANGUAGE", "zh_CN", 1);
		/* gettext ignores LANGUAGE under the C locale: pick a real one. */
		if (messages_locale_is_c() && !setlocale(LC_MESSAGES, "zh_CN.UTF-8")
				&& !setlocale(LC_MESSAGES, "zh_CN.utf8"))
			setlocale(LC_MESSAGES, "en_US.UTF-8");
	} else {
		return -1;
	}
	/* Re-selecting the domain makes gettext drop its cached translations. */
	textdomain(PACKAGE);
	return 0;
}
