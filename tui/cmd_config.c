/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai config: the settings in effect, each with where it came from. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/text.h"
#include "tui/commands.h"
#include "tui/config_files.h"
#include "tui/locale.h"
#include "tui/options.h"

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s config\n"), PACKAGE);
	fprintf(f, _("Print the settings in effect, one \"key = value\" line each, with where\n"
		"it came from.  Settings are read from %s (the office's),\n"
		"then from %s (yours); a later file overrides an earlier one,\n"
		"and options override both.\n"),
		gu_config_system_path(),
		gu_config_user_path()[0] ? gu_config_user_path() : "$XDG_CONFIG_HOME/guanai/config");
}

/* Writes into buf where the language in effect came from; returns buf. */
static const char *language_source(const gu_settings *s, char *buf, size_t size)
{
	const char *var = gu_locale_origin();

	if (gu_opts.lang)
		snprintf(buf, size, "%s", _("the --lang option"));
	else if (s->value[GU_SET_LANGUAGE])
		snprintf(buf, size, "%s", s->source[GU_SET_LANGUAGE]);
	else if (gu_lang() == GU_LANG_ZH && !var[0])
		snprintf(buf, size, "%s", _("default: no locale is set, so Chinese"));
	else if (gu_lang() == GU_LANG_ZH)
		snprintf(buf, size, _("default: %s names no other language, so Chinese"), var);
	else
		snprintf(buf, size, _("the locale: %s"), var);
	return buf;
}

/* Prints "key = value" padded to a column, then "# source". */
static void print_setting(enum gu_setting k, const char *value, const char *source)
{
	char line[600];
	int w;

	snprintf(line, sizeof line, "%s = %s", gu_setting_name(k), value);
	w = gu_text_width(line);
	printf("%s%*s  # %s\n", line, w < 32 ? 32 - w : 0, "", source);
}

/* Prints the report units the files list, one "unit = ..." line each
 * with the file and line it came from. */
static void print_units(const gu_settings *s)
{
	char line[1400];
	size_t i;
	int w;

	for (i = 0; i < gu_settings_unit_count(s); i++) {
		const gu_report_unit *u = gu_settings_unit(s, i);

		snprintf(line, sizeof line, "unit = %s | %s | %s | %s", u->kind, u->township, u->zh, u->en);
		w = gu_text_width(line);
		printf("%s%*s  # %s\n", line, w < 32 ? 32 - w : 0, "", u->id);
	}
}

/* Runs "guanai config"; returns the exit status. */
int cmd_config(int argc, char **argv)
{
	const gu_settings *s = gu_config();
	char src[400], dir[4200], cwd[4096];
	unsigned i;
	int rc = gu_command_options(argc, argv, "config", usage, NULL, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (optind < argc) {
		gu_complain(_("\"%s config\" takes no arguments; the settings are changed by editing %s"),
			PACKAGE, gu_config_user_path()[0] ? gu_config_user_path() : gu_config_system_path());
		return 2;
	}
	printf(_("# read: %s, then %s\n"), gu_config_system_path(),
		gu_config_user_path()[0] ? gu_config_user_path() : _("(no home folder)"));
	for (i = 0; i < GU_SETTING_COUNT; i++) {
		const char *v = s->value[i];

		switch ((enum gu_setting)i) {
		case GU_SET_LANGUAGE:
			print_setting(i, gu_lang() == GU_LANG_ZH ? "zh" : "en",
				language_source(s, src, sizeof src));
			continue;
		case GU_SET_TOWNSHIP:
		case GU_SET_INTERVIEWER:
			if (!v)
				print_setting(i, "", _("not set: the interview asks"));
			break;
		case GU_SET_IDLE_LOCK:
			if (!v)
				print_setting(i, "0", _("default: the screens never lock"));
			break;
		case GU_SET_COLORS:
			/* NO_COLOR turns colours off whatever the files say. */
			if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
				print_setting(i, "off", _("the NO_COLOR environment variable"));
			else if (!v)
				print_setting(i, "on", _("default"));
			else
				print_setting(i, v, s->source[i]);
			continue;
		case GU_SET_EXPORT_DIR:
			if (!v)
				print_setting(i, getcwd(cwd, sizeof cwd) ? cwd : ".",
					_("default: the current folder"));
			else
				print_setting(i, gu_config_export_dir(dir, sizeof dir), s->source[i]);
			continue;
		case GU_SETTING_COUNT:
			break;
		}
		if (v)
			print_setting(i, v, s->source[i]);
	}
	print_units(s);
	return 0;
}
