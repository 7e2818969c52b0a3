/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The configuration files' `key = value` settings (see settings.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/settings.h"

#define MAX_IDLE_MINUTES 1440
#define MAX_FILE (64 * 1024)

static const char *const names[GU_SETTING_COUNT] = {
	[GU_SET_LANGUAGE] = "language",
	[GU_SET_TOWNSHIP] = "township",
	[GU_SET_INTERVIEWER] = "interviewer",
	[GU_SET_IDLE_LOCK] = "idle_lock_minutes",
	[GU_SET_COLORS] = "colors",
	[GU_SET_EXPORT_DIR] = "export_dir",
};

/* Returns the setting's name. */
const char *gu_setting_name(enum gu_setting s)
{
	return (unsigned)s < GU_SETTING_COUNT ? names[s] : "";
}

/* Returns the setting named by the n bytes at key, or GU_SETTING_COUNT. */
static enum gu_setting find_setting(const char *key, size_t n)
{
	unsigned i;

	for (i = 0; i < GU_SETTING_COUNT; i++)
		if (strlen(names[i]) == n && memcmp(names[i], key, n) == 0)
			return (enum gu_setting)i;
	return GU_SETTING_COUNT;
}

/* Returns true when value is a whole number from 0 to MAX_IDLE_MINUTES. */
static bool is_minutes(const char *value)
{
	char *end;
	long n;

	if (*value < '0' || *value > '9')
		return false;
	errno = 0;
	n = strtol(value, &end, 10);
	return errno == 0 && *end == '\0' && n >= 0 && n <= MAX_IDLE_MINUTES;
}

/* Returns NULL when value suits setting k, else a translated message
 * saying what it must be. */
static const char *check_value(enum gu_setting k, const char *value)
{
	switch (k) {
	case GU_SET_LANGUAGE:
		return strcmp(value, "zh") == 0 || strcmp(value, "en") == 0
			? NULL : _("language takes zh or en");
	case GU_SET_IDLE_LOCK:
		return is_minutes(value)
			? NULL : _("idle_lock_minutes takes a whole number of minutes from 0 (no lock) to 1440");
	case GU_SET_COLORS:
		return strcmp(value, "on") == 0 || strcmp(value, "off") == 0
			? NULL : _("colors takes on or off");
	case GU_SET_EXPORT_DIR:
		return value[0] == '/' || (value[0] == '~' && value[1] == '/')
			? NULL : _("export_dir takes a folder from the root (/...) or your home (~/...)");
	case GU_SET_TOWNSHIP:
	case GU_SET_INTERVIEWER:
	case GU_SETTING_COUNT:
		break;
	}
	return NULL;
}

/* Returns the n bytes at p with blanks removed from both ends, as *len. */
static const char *trim(const char *p, size_t n, size_t *len)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	*len = n;
	return p;
}

/* Splits the n bytes at v at '|' into at most max trimmed fields, each
 * start in f[] and length in len[]; returns how many there are, or max + 1
 * when there are more. */
static size_t split_fields(const char *v, size_t n, const char **f, size_t *len, size_t max)
{
	size_t count = 0;

	for (;;) {
		const char *bar = memchr(v, '|', n);
		size_t k = bar ? (size_t)(bar - v) : n;

		if (count == max)
			return max + 1;
		f[count] = trim(v, k, &len[count]);
		count++;
		if (!bar)
			return count;
		n -= k + 1;
		v = bar + 1;
	}
}

/* Takes the value of a `unit = KIND | TOWNSHIP | 中文名 | English name`
 * line (vlen bytes at val); returns 0 or a negative code with err set. */
static int parse_unit(gu_settings *s, const char *val, size_t vlen, const char *path,
	int lineno, gu_error *err)
{
	const char *f[4];
	size_t len[4], n, i, size;
	char where[340], *text, *p, *field[5];
	gu_setting_unit *grown;

	n = split_fields(val, vlen, f, len, 4);
	if (n < 3 || n > 4 || len[0] == 0 || len[1] == 0 || len[2] == 0 || (n == 4 && len[3] == 0))
		return gu_error_set(err, GU_EINVAL, path, lineno, 0,
			_("a unit is written \"unit = police | TOWNSHIP | 中文名称 | English name\" "
			"(or education instead of police; the English name may be left out)"));
	if (!((len[0] == 6 && memcmp(f[0], "police", 6) == 0)
			|| (len[0] == 9 && memcmp(f[0], "education", 9) == 0)))
		return gu_error_set(err, GU_EINVAL, path, lineno, 0,
			_("a unit's kind is police or education, not \"%.*s\""),
			(int)(len[0] > 60 ? 60 : len[0]), f[0]);
	snprintf(where, sizeof where, "%s:%d", path, lineno);
	size = strlen(where) + 1;
	for (i = 0; i < n; i++)
		size += len[i] + 1;
	if (n == 3)
		size += len[2] + 1;  /* the English name is the Chinese when left out */
	grown = realloc(s->units, (s->nunits + 1) * sizeof *s->units);
	text = malloc(size);
	if (grown)
		s->units = grown;
	if (!grown || !text) {
		free(text);
		return gu_error_set(err, GU_ENOMEM, path, lineno, 0, "%s", gu_code_text(GU_ENOMEM));
	}
	p = text;
	field[0] = p;
	p += snprintf(p, size, "%s", where) + 1;
	for (i = 0; i < 4; i++) {
		size_t k = i < n ? i : 2;

		field[i + 1] = p;
		memcpy(p, f[k], len[k]);
		p[len[k]] = '\0';
		p += len[k] + 1;
	}
	s->units[s->nunits].text = text;
	s->units[s->nunits].unit = (gu_report_unit){ field[0], field[1], field[2], field[3], field[4] };
	s->nunits++;
	return 0;
}

/* Takes one line (without its newline) of file path; returns 0 or a
 * negative code with err set. */
static int parse_line(gu_settings *s, const char *line, size_t n, const char *path,
	int lineno, gu_error *err)
{
	const char *eq, *key, *val;
	size_t klen, vlen;
	enum gu_setting k;
	const char *why;
	char *copy;

	key = trim(line, n, &klen);
	if (klen == 0 || key[0] == '#')
		return 0;
	eq = memchr(key, '=', klen);
	if (!eq)
		return gu_error_set(err, GU_ESYNTAX, path, lineno, 0,
			_("a setting is written \"key = value\", such as \"language = zh\""));
	val = trim(eq + 1, klen - (size_t)(eq + 1 - key), &vlen);
	key = trim(key, (size_t)(eq - key), &klen);
	if (klen == 4 && memcmp(key, "unit", 4) == 0)
		return parse_unit(s, val, vlen, path, lineno, err);
	k = find_setting(key, klen);
	if (k == GU_SETTING_COUNT)
		return gu_error_set(err, GU_EINVAL, path, lineno, 0,
			_("unknown setting \"%.*s\"; the settings are language, township, interviewer, idle_lock_minutes, colors, export_dir and unit"),
			(int)(klen > 60 ? 60 : klen), key);
	if (vlen == 0)
		return gu_error_set(err, GU_EINVAL, path, lineno, 0,
			_("%s has no value; give one after \"=\", or remove the line"), names[k]);
	copy = malloc(vlen + 1);
	if (!copy)
		return gu_error_set(err, GU_ENOMEM, path, lineno, 0, "%s", gu_code_text(GU_ENOMEM));
	memcpy(copy, val, vlen);
	copy[vlen] = '\0';
	why = check_value(k, copy);
	if (why) {
		int rc = gu_error_set(err, GU_EINVAL, path, lineno, 0, _("%s, not \"%s\""), why, copy);

		free(copy);
		return rc;
	}
	free(s->value[k]);
	s->value[k] = copy;
	snprintf(s->source[k], sizeof s->source[k], "%s:%d", path, lineno);
	return 0;
}

/* Parses configuration text; returns 0 or a negative code (see settings.h). */
int gu_settings_parse(gu_settings *s, const char *text, size_t len, const char *path,
	gu_error *err)
{
	size_t pos = 0;
	int lineno = 0;

	gu_error_clear(err);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		int rc;

		lineno++;
		if (memchr(text + pos, '\0', n))
			return gu_error_set(err, GU_ESYNTAX, path, lineno, 0,
				_("the file is not text; a configuration file holds \"key = value\" lines"));
		rc = parse_line(s, text + pos, n, path, lineno, err);
		if (rc < 0)
			return rc;
		pos += n + 1;
	}
	return 0;
}

/* Reads a configuration file (at most MAX_FILE bytes: a few lines);
 * returns 0 or a negative code. */
int gu_settings_read(gu_settings *s, const char *path, gu_error *err)
{
	FILE *f;
	char *buf = NULL;
	size_t len;
	int rc = 0;

	gu_error_clear(err);
	f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return gu_error_set(err, GU_EIO, path, 0, 0,
			_("cannot read the configuration file (%s); check its permissions"),
			strerror(errno));
	}
	buf = malloc(MAX_FILE + 1);
	if (!buf) {
		rc = gu_error_set(err, GU_ENOMEM, path, 0, 0, "%s", gu_code_text(GU_ENOMEM));
		goto cleanup;
	}
	len = fread(buf, 1, MAX_FILE + 1, f);
	if (ferror(f)) {
		rc = gu_error_set(err, GU_EIO, path, 0, 0,
			_("cannot read the configuration file (%s); check its permissions"),
			strerror(errno));
		goto cleanup;
	}
	if (len > MAX_FILE) {
		rc = gu_error_set(err, GU_EINVAL, path, 0, 0,
			_("the configuration file is larger than 64 KB; it holds a few \"key = value\" lines"));
		goto cleanup;
	}
	rc = gu_settings_parse(s, buf, len, path, err);
cleanup:
	free(buf);
	fclose(f);
	return rc;
}

/* Returns the idle lock's minutes, 0 when off or not set. */
int gu_settings_idle_minutes(const gu_settings *s)
{
	const char *v = s->value[GU_SET_IDLE_LOCK];

	return v ? atoi(v) : 0;
}

/* Returns false when colours are turned off. */
bool gu_settings_colors(const gu_settings *s)
{
	const char *v = s->value[GU_SET_COLORS];

	return !v || strcmp(v, "off") != 0;
}

/* Returns the number of units the files list. */
size_t gu_settings_unit_count(const gu_settings *s)
{
	return s->nunits;
}

/* Returns unit i of the files' units (i below the count). */
const gu_report_unit *gu_settings_unit(const gu_settings *s, size_t i)
{
	return &s->units[i].unit;
}

/* Frees the values and the units. */
void gu_settings_free(gu_settings *s)
{
	unsigned i;
	size_t u;

	for (u = 0; u < s->nunits; u++)
		free(s->units[u].text);
	free(s->units);
	s->units = NULL;
	s->nunits = 0;

	for (i = 0; i < GU_SETTING_COUNT; i++) {
		free(s->value[i]);
		s->value[i] = NULL;
		s->source[i][0] = '\0';
	}
}
