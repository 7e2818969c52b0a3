/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The townships and streets of the city's counties: each county's count as
 * the National Bureau of Statistics lists them, a name found only as the
 * list writes it, a name two counties share, and type-to-filter. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "core/township.h"

TestSuite(township, .timeout = 60);

Test(township, each_county_has_its_townships)
{
	static const struct { char county[7]; size_t n; } counts[] = {
		{ "211302", 13 }, { "211303", 9 }, { "211321", 28 }, { "211322", 30 },
		{ "211324", 22 }, { "211381", 34 }, { "211382", 27 },
	};
	const gu_township *t;
	size_t i, j, n, all;

	for (i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		t = gu_townships_of(counts[i].county, &n);
		cr_assert_eq(n, counts[i].n, "%s: %zu", counts[i].county, n);
		for (j = 0; j < n; j++)
			cr_assert_eq(strncmp(t[j].code, counts[i].county, 6), 0, "%s", t[j].code);
	}
	gu_township_table(&all);
	cr_assert_eq(all, 163);
	cr_assert_null(gu_townships_of("210102", &n), "a county outside the city");
	cr_assert_eq(n, 0);
	cr_assert_null(gu_townships_of("2113", &n), "not a county code");
}

Test(township, a_name_is_found_as_the_list_writes_it)
{
	const gu_township *t = gu_township_find("211303", "龙城街道");

	cr_assert_null(t, "龙城区 has no 龙城街道 in the Bureau's list");
	t = gu_township_find("211303", "大平房镇");
	cr_assert_not_null(t);
	cr_assert_str_eq(t->code, "211303105");
	cr_assert_null(gu_township_find("211303", "龙城区大平房镇"), "the county is not part of it");
	cr_assert_null(gu_township_find("211321", "大平房镇"), "another county's township");
	cr_assert_not_null(gu_township_find(NULL, "大平房镇"), "any county");
	cr_assert_null(gu_township_find(NULL, "大平房"), "a name cut short");
	cr_assert_not_null(gu_township_find("211322", "红山街道"));
	cr_assert_not_null(gu_township_find("211382", "红山街道"), "two counties have one");
	cr_assert_str_neq(gu_township_find("211322", "红山街道")->code,
		gu_township_find("211382", "红山街道")->code);
}

Test(township, typing_filters_a_county_list)
{
	const gu_township *out[40];
	size_t n;

	n = gu_townships_match("211303", "", out, 40);
	cr_assert_eq(n, 9, "nothing typed: all");
	n = gu_townships_match("211303", "龙", out, 40);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(out[0]->name, "海龙街道");
	cr_assert_str_eq(out[1]->name, "龙泉街道");
	n = gu_townships_match("211381", "乡", out, 3);
	cr_assert_gt(n, 3, "the count of all matches");
	cr_assert_not_null(strstr(out[2]->name, "乡"));
	cr_assert_eq(gu_townships_match("211381", "沈阳", out, 40), 0);
}

Test(township, a_name_written_with_its_county_is_the_listed_one)
{
	const gu_township *t = gu_township_canonical("龙城区大平房镇");

	cr_assert_not_null(t);
	cr_assert_str_eq(t->code, "211303105");
	cr_assert_eq(gu_township_canonical("朝阳市龙城区大平房镇"), t, "the city before the county");
	cr_assert_eq(gu_township_canonical("大平房镇"), t, "as the list writes it");
	cr_assert_null(gu_township_canonical("朝阳县大平房镇"), "under a county it is not in");
	cr_assert_null(gu_township_canonical("大平房"), "cut short");
	cr_assert_null(gu_township_canonical(""));
	t = gu_township_canonical("凌源市红山街道");
	cr_assert_not_null(t);
	cr_assert_str_eq(t->code, gu_township_find("211382", "红山街道")->code,
		"the county tells a shared name apart");
}

Test(township, a_township_is_counted_under_one_name)
{
	cr_assert_str_eq(gu_township_counted("双塔区凌河街道"), "凌河街道");
	cr_assert_str_eq(gu_township_counted("凌河街道"), "凌河街道");
	cr_assert_str_eq(gu_township_counted("龙城区龙城街道"), "龙城街道",
		"not in the list, but the county is not part of the name");
	cr_assert_str_eq(gu_township_counted("朝阳市龙城区龙城街道"), "龙城街道");
	cr_assert_str_eq(gu_township_counted("龙城街道"), "龙城街道");
	cr_assert_str_eq(gu_township_counted("龙城区"), "龙城区", "a county alone stays");
	cr_assert_str_eq(gu_township_counted("某某乡"), "某某乡");
	cr_assert_null(gu_township_counted(NULL));
}

Test(township, typing_finds_by_name_or_pinyin)
{
	const gu_township *t = gu_township_find("211303", "大平房镇");

	cr_assert(gu_township_matches(t, ""));
	cr_assert(gu_township_matches(t, NULL));
	cr_assert(gu_township_matches(t, "平房"));
	cr_assert_not(gu_township_matches(t, "平房子"));
	cr_assert(gu_township_matches(t, "dpf"), "the initials (ICU is loaded at run time)");
	cr_assert(gu_township_matches(t, "DPF"), "letters without case");
	cr_assert_not(gu_township_matches(t, "xyz"));
}

Test(township, a_name_two_counties_share_is_told_apart_by_its_county)
{
	size_t n, i, shared = 0;
	const gu_township *t = gu_township_table(&n);
	char buf[160];

	/* the names listed under more than one county, counted from the list */
	for (i = 0; i < n; i++) {
		size_t j, same = 0;

		for (j = 0; j < n; j++)
			same += strcmp(t[i].name, t[j].name) == 0;
		cr_assert_eq(gu_township_shared(t[i].name), same > 1, "%s", t[i].name);
		shared += same > 1;
	}
	cr_assert_eq(shared, 4, "城关街道 and 红山街道, each in two counties");
	cr_assert_not(gu_township_shared("大平房镇"));
	cr_assert_not(gu_township_shared(NULL));

	cr_assert_str_eq(gu_township_written(gu_township_find("211381", "城关街道"), buf,
		sizeof buf), "北票市城关街道");
	cr_assert_str_eq(gu_township_written(gu_township_find("211382", "城关街道"), buf,
		sizeof buf), "凌源市城关街道");
	cr_assert_str_eq(gu_township_written(gu_township_find("211303", "大平房镇"), buf,
		sizeof buf), "大平房镇", "a name of one county alone");

	cr_assert_str_eq(gu_township_counted_as("北票市城关街道", buf, sizeof buf), "城关街道（北票市）");
	cr_assert_str_eq(gu_township_counted_as("朝阳市凌源市城关街道", buf, sizeof buf),
		"城关街道（凌源市）");
	cr_assert_str_eq(gu_township_counted_as("建平县红山街道", buf, sizeof buf), "红山街道（建平县）");
	cr_assert_str_eq(gu_township_counted_as("城关街道", buf, sizeof buf), "城关街道",
		"the county not known");
	cr_assert_str_eq(gu_township_counted_as("龙城区大平房镇", buf, sizeof buf), "大平房镇");
	cr_assert_str_eq(gu_township_counted_as("城关街道（北票市）", buf, sizeof buf),
		"城关街道（北票市）", "as the ledger prints it");
	cr_assert_null(gu_township_counted_as(NULL, buf, sizeof buf));
}
