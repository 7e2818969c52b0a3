/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The configuration files: $(sysconfdir)/guanai/config for the office,
 * then $XDG_CONFIG_HOME/guanai/config (or ~/.config/guanai/config) for the
 * user, the later overriding the earlier and options overriding both. */
#ifndef GUANAI_TUI_CONFIG_FILES_H
#define GUANAI_TUI_CONFIG_FILES_H

#include "core/settings.h"

/* Reads both files and applies the language they set; returns 0, or -1
 * after printing the mistake (file:line: message). */
int gu_config_load(void);

/* Returns the settings read by gu_config_load (empty before). */
const gu_settings *gu_config(void);

/* Returns the office-wide file's path. */
const char *gu_config_system_path(void);

/* Returns the user's file's path, or "" when neither XDG_CONFIG_HOME nor
 * HOME is set (static buffer). */
const char *gu_config_user_path(void);

/* Writes into buf the folder exports go to, ending in '/': export_dir with
 * a leading ~/ made the home folder, or "" (the current folder) when it is
 * not set; returns buf. */
const char *gu_config_export_dir(char *buf, size_t size);

/* Frees the settings. */
void gu_config_free(void);

#endif
