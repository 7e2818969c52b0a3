/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the configuration files (see config_files.h). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/config_files.h"
#include "tui/locale.h"
#include "tui/options.h"

static gu_settings settings;

/* Returns the settings read at start-up. */
const gu_settings *gu_config(void)
{
	return &settings;
}

/* Returns the office-wide configuration file. */
const char *gu_config_system_path(void)
{
	return SYSCONFDIR "/" PACKAGE "/config";
}

/* Returns the user's configuration file, or "". */
const char *gu_config_user_path(void)
{
	static char path[PATH_MAX + 32];
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		snprintf(path, sizeof path, "%s/" PACKAGE "/config", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.config/" PACKAGE "/config", home);
	else
		path[0] = '\0';
	return path;
}

/* Reads the office's file, then the user's; returns 0 or -1 (printed). */
int gu_config_load(void)
{
	const char *paths[2];
	gu_error err;
	char buf[1024];
	unsigned i;
	int rc = 0;

	paths[0] = gu_config_system_path();
	paths[1] = gu_config_user_path();
	for (i = 0; i < 2 && rc == 0; i++)
		if (paths[i][0])
			rc = gu_settings_read(&settings, paths[i], &err);
	if (rc < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return -1;
	}
	if (settings.value[GU_SET_LANGUAGE])
		gu_locale_set_lang(settings.value[GU_SET_LANGUAGE]);
	return 0;
}

/* Writes the export folder into buf; returns buf. */
const char *gu_config_export_dir(char *buf, size_t size)
{
	const char *dir = settings.value[GU_SET_EXPORT_DIR];
	const char *home = getenv("HOME");
	size_t n;

	if (!dir) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	if (dir[0] == '~' && home && *home)
		snprintf(buf, size, "%s%s", home, dir + 1);
	else
		snprintf(buf, size, "%s", dir);
	n = strlen(buf);
	if (n > 0 && n + 1 < size && buf[n - 1] != '/') {
		buf[n] = '/';
		buf[n + 1] = '\0';
	}
	return buf;
}

/* Frees the settings. */
void gu_config_free(void)
{
	gu_settings_free(&settings);
}
