/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The configuration files' settings: key = value lines, one file over
 * another, and a clear error with file:line for every mistake. */

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/settings.h"

/* Parses text (a string) as the file path; returns gu_settings_parse's result. */
static int parse_as(gu_settings *s, const char *text, const char *path, gu_error *err)
{
	return gu_settings_parse(s, text, strlen(text), path, err);
}

/* Parses text (a string) as file "f"; returns gu_settings_parse's result. */
static int parse(gu_settings *s, const char *text, gu_error *err)
{
	return parse_as(s, text, "f", err);
}

TestSuite(settings, .timeout = 60);

Test(settings, every_key_is_read_with_its_line)
{
	gu_settings s;
	gu_error err;

	memset(&s, 0, sizeof s);
	cr_assert_eq(parse(&s, "\xEF\xBB\xBF# office\n\nlanguage = en\n  township=大平房镇  \r\n"
		"interviewer = 王 芳\nidle_lock_minutes = 15\ncolors = off\nexport_dir = ~/表格\n", &err), 0,
		"%s", err.message);
	cr_assert_str_eq(s.value[GU_SET_LANGUAGE], "en");
	cr_assert_str_eq(s.source[GU_SET_LANGUAGE], "f:3");
	cr_assert_str_eq(s.value[GU_SET_TOWNSHIP], "大平房镇");
	cr_assert_str_eq(s.source[GU_SET_TOWNSHIP], "f:4");
	cr_assert_str_eq(s.value[GU_SET_INTERVIEWER], "王 芳");
	cr_assert_eq(gu_settings_idle_minutes(&s), 15);
	cr_assert(!gu_settings_colors(&s));
	cr_assert_str_eq(s.value[GU_SET_EXPORT_DIR], "~/表格");
	gu_settings_free(&s);
	cr_assert_null(s.value[GU_SET_LANGUAGE]);
}

Test(settings, unset_keys_have_their_defaults)
{
	gu_settings s;
	gu_error err;

	memset(&s, 0, sizeof s);
	cr_assert_eq(parse(&s, "# nothing set\n", &err), 0);
	cr_assert_eq(gu_settings_idle_minutes(&s), 0);
	cr_assert(gu_settings_colors(&s));
	cr_assert_null(s.value[GU_SET_TOWNSHIP]);
}

Test(settings, a_later_file_overrides_an_earlier_one_key_by_key)
{
	gu_settings s;
	gu_error err;

	memset(&s, 0, sizeof s);
	cr_assert_eq(parse_as(&s, "language = zh\ntownship = 建平镇\n", "/etc/guanai/config", &err), 0);
	cr_assert_eq(parse_as(&s, "township = 万寿街道\n", "user", &err), 0, "%s", err.message);
	cr_assert_str_eq(s.value[GU_SET_LANGUAGE], "zh");
	cr_assert_str_eq(s.source[GU_SET_LANGUAGE], "/etc/guanai/config:1");
	cr_assert_str_eq(s.value[GU_SET_TOWNSHIP], "万寿街道");
	cr_assert_str_eq(s.source[GU_SET_TOWNSHIP], "user:1");
	gu_settings_free(&s);
}

Test(settings, mistakes_name_the_line_and_what_to_write)
{
	static const struct { char text[64]; int line; char says[48]; } bad[] = {
		{ "language = fr\n", 1, "language takes zh or en" },
		{ "\ncolour = off\n", 2, "unknown setting \"colour\"" },
		{ "colors = no\n", 1, "colors takes on or off" },
		{ "idle_lock_minutes = -1\n", 1, "from 0 (no lock) to 1440" },
		{ "idle_lock_minutes = 1441\n", 1, "from 0 (no lock) to 1440" },
		{ "idle_lock_minutes = 5min\n", 1, "not \"5min\"" },
		{ "export_dir = exports\n", 1, "export_dir takes a folder" },
		{ "township =\n", 1, "township has no value" },
		{ "# ok\nlanguage\n", 2, "written \"key = value\"" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		gu_settings s;
		gu_error err;

		memset(&s, 0, sizeof s);
		cr_assert_lt(parse(&s, bad[i].text, &err), 0, "accepted: %s", bad[i].text);
		cr_assert_eq(err.where[0] != '\0', 1);
		cr_assert_not_null(strstr(err.message, bad[i].says), "%s: %s", bad[i].text, err.message);
		{
			char where[16];

			snprintf(where, sizeof where, "f:%d", bad[i].line);
			cr_assert_str_eq(err.where, where, "%s", bad[i].text);
		}
		gu_settings_free(&s);
	}
}

Test(settings, a_missing_file_sets_nothing_and_a_file_is_read_whole)
{
	char path[] = "/tmp/guanai-settings-XXXXXX";
	gu_settings s;
	gu_error err;
	FILE *f;
	int fd;

	memset(&s, 0, sizeof s);
	cr_assert_eq(gu_settings_read(&s, "/nonexistent/guanai/config", &err), 0);
	cr_assert_null(s.value[GU_SET_LANGUAGE]);
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "w");
	cr_assert_not_null(f);
	fputs("colors = off\nidle_lock_minutes = 10", f);
	fclose(f);
	cr_assert_eq(gu_settings_read(&s, path, &err), 0, "%s", err.message);
	cr_assert_eq(gu_settings_idle_minutes(&s), 10);
	cr_assert(!gu_settings_colors(&s));
	unlink(path);
	gu_settings_free(&s);
}

Test(settings, unit_lines_accumulate_in_order_over_both_files)
{
	gu_settings s;
	gu_error err;
	const gu_report_unit *u;

	memset(&s, 0, sizeof s);
	cr_assert_eq(parse_as(&s, "unit = police | 建平镇 | 建平镇警务室 | Jianping police post\n",
		"office", &err), 0, "%s", err.message);
	cr_assert_eq(parse_as(&s, "# mine\nunit=education|建平镇|建平镇第二小学\n", "user", &err), 0,
		"%s", err.message);
	cr_assert_eq(gu_settings_unit_count(&s), 2);
	u = gu_settings_unit(&s, 0);
	cr_assert_str_eq(u->kind, "police");
	cr_assert_str_eq(u->township, "建平镇");
	cr_assert_str_eq(u->zh, "建平镇警务室");
	cr_assert_str_eq(u->en, "Jianping police post");
	cr_assert_str_eq(u->id, "office:1");
	u = gu_settings_unit(&s, 1);
	cr_assert_str_eq(u->kind, "education");
	cr_assert_str_eq(u->zh, "建平镇第二小学");
	cr_assert_str_eq(u->en, "建平镇第二小学", "without an English name the Chinese is shown");
	cr_assert_str_eq(u->id, "user:2");
	gu_settings_free(&s);
	cr_assert_eq(gu_settings_unit_count(&s), 0);
}

Test(settings, a_bad_unit_line_is_refused_naming_its_line)
{
	static const char *const bad[] = {
		"unit = police | 建平镇\n",
		"unit = police | | 建平镇警务室\n",
		"unit = police | 建平镇 | 警务室 | en | more\n",
		"unit = police | 建平镇 | 警务室 |\n",
		"unit =\n",
	};
	gu_settings s;
	gu_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&s, 0, sizeof s);
		cr_assert_lt(parse(&s, bad[i], &err), 0, "accepted: %s", bad[i]);
		cr_assert_str_eq(err.where, "f:1", "%s", bad[i]);
		cr_assert_not_null(strstr(err.message, "unit = police | TOWNSHIP"), "%s: %s", bad[i],
			err.message);
		cr_assert_eq(gu_settings_unit_count(&s), 0);
		gu_settings_free(&s);
	}
	memset(&s, 0, sizeof s);
	cr_assert_lt(parse(&s, "language = en\nunit = school | 建平镇 | 建平镇第二小学\n", &err), 0);
	cr_assert_str_eq(err.where, "f:2");
	cr_assert_not_null(strstr(err.message, "police or education, not \"school\""), "%s",
		err.message);
	gu_settings_free(&s);
}
