/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The settings of the configuration files: `key = value` lines, read and
 * checked here, one file laid over another.  Settings never live in the
 * database. */
#ifndef GUANAI_CORE_SETTINGS_H
#define GUANAI_CORE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/policy.h"

enum gu_setting {
	GU_SET_LANGUAGE,     /* zh or en */
	GU_SET_TOWNSHIP,     /* offered for interview.township */
	GU_SET_INTERVIEWER,  /* offered for interview.worker when nobody logged in */
	GU_SET_IDLE_LOCK,    /* minutes without a key before the screens lock; 0 never */
	GU_SET_COLORS,       /* on or off */
	GU_SET_EXPORT_DIR,   /* the folder exports are written to */
	GU_SETTING_COUNT
};

/* A unit a report goes to, from a `unit = KIND | TOWNSHIP | 中文名 |
 * English name` line: text owns the strings unit points to (its id is
 * "file:line"). */
typedef struct gu_setting_unit {
	char *text;
	gu_report_unit unit;
} gu_setting_unit;

typedef struct gu_settings {
	char *value[GU_SETTING_COUNT];      /* NULL when no file sets it */
	char source[GU_SETTING_COUNT][340]; /* "file:line" of the line that set it */
	gu_setting_unit *units;             /* every unit line, files and lines in order */
	size_t nunits;
} gu_settings;

/* Returns the name of a setting as written in the file ("idle_lock_minutes"). */
const char *gu_setting_name(enum gu_setting s);

/* Parses configuration text of len bytes from the file named path (for
 * messages), setting each key it names over what s holds.  Returns 0, or
 * a negative code with err saying "path:line: message"; s then keeps the
 * values of the lines before the mistake. */
int gu_settings_parse(gu_settings *s, const char *text, size_t len, const char *path,
	gu_error *err);

/* Reads the file path into s as gu_settings_parse; a file that does not
 * exist sets nothing and returns 0. */
int gu_settings_read(gu_settings *s, const char *path, gu_error *err);

/* Returns the idle lock's minutes (0 when off or not set). */
int gu_settings_idle_minutes(const gu_settings *s);

/* Returns false when the colours are turned off. */
bool gu_settings_colors(const gu_settings *s);

/* Returns the number of units the files list, and the unit i of them. */
size_t gu_settings_unit_count(const gu_settings *s);
const gu_report_unit *gu_settings_unit(const gu_settings *s, size_t i);

/* Frees the values and leaves s empty. */
void gu_settings_free(gu_settings *s);

#endif
