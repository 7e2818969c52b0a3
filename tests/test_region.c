/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Region codes: the table, full names in both languages, Chaoyang and the traps. */

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/region.h"

TestSuite(region, .timeout = 60);

Test(region, the_table_is_sorted_and_unique_and_complete_in_names)
{
	size_t n;
	const gu_region_entry *t = gu_region_table(&n);
	int provinces = 0, counties = 0;

	cr_assert_gt(n, 3000, "the national list");
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(strlen(t[i].code), 6);
		cr_assert(t[i].zh && *t[i].zh && t[i].en, "%s", t[i].code);
		/* English names: the provinces, Beijing and all of Liaoning. */
		if (strcmp(t[i].code + 2, "0000") == 0 || strncmp(t[i].code, "21", 2) == 0
				|| strncmp(t[i].code, "11", 2) == 0)
			cr_assert(*t[i].en, "%s has an English name", t[i].code);
		if (gu_region_county(t[i].code))
			counties++;
		if (i > 0)
			cr_assert_lt(strcmp(t[i - 1].code, t[i].code), 0, "%s", t[i].code);
		if (strcmp(t[i].code + 2, "0000") == 0)
			provinces++;
		else
			cr_assert(gu_region_lookup(t[i].code) == &t[i]);
	}
	cr_assert_eq(provinces, 34, "34 province-level divisions");
	cr_assert_gt(counties, 2800, "about 2,850 county-level divisions");
}

Test(region, every_liaoning_prefecture_is_known_and_has_counties)
{
	char code[32], buf[128];

	for (int p = 1; p <= 14; p++) {
		int counties = 0;

		snprintf(code, sizeof code, "21%02d00", p);
		cr_assert(gu_region_current(code), "%s", code);
		for (int c = 1; c < 100; c++) {
			snprintf(code, sizeof code, "21%02d%02d", p, c);
			if (gu_region_current(code)) {
				counties++;
				cr_assert_not_null(gu_region_name(code, true, buf, sizeof buf));
				cr_assert(strncmp(buf, "辽宁省", strlen("辽宁省")) == 0, "%s", buf);
			}
		}
		cr_assert_geq(counties, 4, "prefecture 21%02d", p);
	}
	cr_assert_null(gu_region_lookup("211500"), "Liaoning has 14 prefectures");
}

Test(region, known_liaoning_counties)
{
	static const char rows[][3][48] = {
		{ "210102", "和平区", "Heping District" },
		{ "210181", "新民市", "Xinmin City" },
		{ "210224", "长海县", "Changhai County" },
		{ "210323", "岫岩满族自治县", "Xiuyan Manchu Autonomous County" },
		{ "210921", "阜新蒙古族自治县", "Fuxin Mongol Autonomous County" },
		{ "211104", "大洼区", "Dawa District" },
		{ "211481", "兴城市", "Xingcheng City" },
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const gu_region_entry *e = gu_region_lookup(rows[i][0]);

		cr_assert_not_null(e, "%s", rows[i][0]);
		cr_assert_str_eq(e->zh, rows[i][1]);
		cr_assert_str_eq(e->en, rows[i][2]);
	}
}

Test(region, full_names_in_both_languages)
{
	char buf[128];

	cr_assert_str_eq(gu_region_name("211322", true, buf, sizeof buf), "辽宁省朝阳市建平县");
	cr_assert_str_eq(gu_region_name("211322", false, buf, sizeof buf),
		"Jianping County, Chaoyang, Liaoning");
	cr_assert_str_eq(gu_region_name("211324", true, buf, sizeof buf),
		"辽宁省朝阳市喀喇沁左翼蒙古族自治县");
	cr_assert_str_eq(gu_region_name("211324", false, buf, sizeof buf),
		"Harqin Left Mongol Autonomous County, Chaoyang, Liaoning");
	cr_assert_str_eq(gu_region_name("211300", true, buf, sizeof buf), "辽宁省朝阳市");
	cr_assert_str_eq(gu_region_name("211300", false, buf, sizeof buf), "Chaoyang, Liaoning");
	cr_assert_str_eq(gu_region_name("210000", true, buf, sizeof buf), "辽宁省");
	cr_assert_str_eq(gu_region_name("210000", false, buf, sizeof buf), "Liaoning");
	cr_assert_str_eq(gu_region_name("110105", true, buf, sizeof buf), "北京市朝阳区");
	cr_assert_str_eq(gu_region_name("110105", false, buf, sizeof buf), "Chaoyang District, Beijing");
	cr_assert_str_eq(gu_region_name("220104", true, buf, sizeof buf), "吉林省长春市朝阳区");
}

Test(region, unknown_codes)
{
	char buf[128];

	cr_assert_null(gu_region_name("130199", true, buf, sizeof buf), "not in the list");
	cr_assert_str_eq(buf, "");
	cr_assert_null(gu_region_name("991322", true, buf, sizeof buf));
	cr_assert_null(gu_region_name("21132", true, buf, sizeof buf));
	cr_assert_null(gu_region_name("211322", true, buf, 10), "too small a buffer");
	cr_assert_str_eq(buf, "");
	cr_assert(gu_region_valid("130102"), "Hebei is real");
	cr_assert(gu_region_valid("211322"));
	cr_assert(gu_region_valid("820000"));
	cr_assert_not(gu_region_valid("991322"));
	cr_assert_not(gu_region_valid("000000"));
	cr_assert_not(gu_region_valid("16xxxx"));
	cr_assert_not(gu_region_valid("2113221"));
	cr_assert_not(gu_region_valid(""));
	cr_assert_not(gu_region_valid(NULL));
}

Test(region, former_codes_are_known_but_not_current)
{
	cr_assert_not_null(gu_region_lookup("210122"));
	cr_assert_not(gu_region_current("210122"));
	cr_assert(gu_region_current("210115"));
}

Test(region, chaoyang)
{
	static const char want[7][7] = {
		"211302", "211303", "211321", "211322", "211324", "211381", "211382"
	};

	for (int i = 0; i < 7; i++) {
		cr_assert(gu_region_in_chaoyang(want[i]));
		cr_assert(gu_region_current(want[i]));
	}
	cr_assert_not(gu_region_in_chaoyang("110105"));
	cr_assert_not(gu_region_in_chaoyang("211402"));
	cr_assert_not(gu_region_in_chaoyang("211399"));
	cr_assert_not(gu_region_in_chaoyang("2113"));
}

Test(region, traps_warn)
{
	const char *w = gu_region_trap("110105");

	cr_assert_not_null(w);
	cr_assert(strstr(w, "110105") && strstr(w, "北京市朝阳区") && strstr(w, "朝阳市"), "%s", w);
	cr_assert_not_null(gu_region_trap("220104"));
	cr_assert_null(gu_region_trap("211322"));
	cr_assert_null(gu_region_trap("211300"));
	cr_assert_null(gu_region_trap("999999"));
}

Test(region, the_national_list_names_every_county)
{
	char buf[128];

	cr_assert_str_eq(gu_region_name("130102", true, buf, sizeof buf), "河北省石家庄市长安区");
	/* Without an English name, the Chinese one is shown. */
	cr_assert_str_eq(gu_region_name("130102", false, buf, sizeof buf), "长安区, 石家庄市, Hebei");
	cr_assert(gu_region_county("130102"));
	cr_assert(gu_region_county("650102"), "天山区, 乌鲁木齐市");
	cr_assert(gu_region_county("429004"), "仙桃市, directly under Hubei");
	cr_assert(gu_region_county("441900"), "东莞市 has no counties: it stands at county level");
	cr_assert_not(gu_region_county("211300"), "朝阳市 as a whole is not a county");
	cr_assert_not(gu_region_county("210000"));
	cr_assert_not(gu_region_county("210122"), "withdrawn");
	cr_assert_not(gu_region_county("211304"));
	cr_assert_not(gu_region_county("211399"));
}

Test(region, unknown_codes_get_a_did_you_mean_from_the_same_prefecture)
{
	char buf[400];

	cr_assert_null(gu_region_problem("211322", buf, sizeof buf));
	cr_assert_null(gu_region_problem("441900", buf, sizeof buf));
	cr_assert_not_null(gu_region_problem("211304", buf, sizeof buf));
	cr_assert(strstr(buf, "211304") && strstr(buf, "did you mean 211303 Longcheng District, "
		"211302 Shuangta District"), "%s", buf);
	cr_assert_not_null(gu_region_problem("211399", buf, sizeof buf));
	cr_assert(strstr(buf, "did you mean 211382 Lingyuan City"), "%s", buf);
	cr_assert_not_null(gu_region_problem("211300", buf, sizeof buf));
	cr_assert(strstr(buf, "not a county") && strstr(buf, "211302"), "%s", buf);
	cr_assert_not_null(gu_region_problem("210122", buf, sizeof buf));
	cr_assert(strstr(buf, "withdrawn") && strstr(buf, "210115"), "%s", buf);
	cr_assert_not_null(gu_region_problem("219999", buf, sizeof buf));
	cr_assert(strstr(buf, "the prefecture"), "%s", buf);
	cr_assert_not_null(gu_region_problem("991234", buf, sizeof buf));
	cr_assert(strstr(buf, "the province"), "%s", buf);
	cr_assert_not_null(gu_region_problem("", buf, sizeof buf));
}

Test(region, a_withdrawn_code_in_an_id_number_is_a_warning)
{
	char buf[400];

	cr_assert_null(gu_region_id_warning("211322", buf, sizeof buf));
	cr_assert_null(gu_region_id_warning("991234", buf, sizeof buf), "refused elsewhere");
	cr_assert_not_null(gu_region_id_warning("210122", buf, sizeof buf));
	cr_assert(strstr(buf, "210122") && strstr(buf, "withdrawn") && strstr(buf, "first registration"),
		"%s", buf);
	cr_assert_not_null(gu_region_id_warning("211399", buf, sizeof buf));
	cr_assert(strstr(buf, "not in the current national list"), "%s", buf);
}
