/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Dates: strict parsing, validity, comparison, day arithmetic and ages in whole years. */

#include <criterion/criterion.h>
#include <string.h>

#include "core/date.h"

/* Returns the date parsed from s, failing the test when it does not parse. */
static gu_date D(const char *s)
{
	gu_date d;

	cr_assert(gu_date_parse(s, &d), "%s should parse", s);
	return d;
}

TestSuite(date, .timeout = 60);

Test(date, parses_exact_dates)
{
	gu_date d;

	cr_assert(gu_date_parse("2025-03-01", &d));
	cr_assert_eq(d.year, 2025);
	cr_assert_eq(d.month, 3);
	cr_assert_eq(d.day, 1);
	cr_assert(gu_date_parse("1900-01-01", &d));
	cr_assert(gu_date_parse("2199-12-31", &d));
}

Test(date, rejects_anything_else)
{
	static const char bad[][16] = {
		"", "2025-3-1", "2025-03-1", "2025/03/01", "20250301", "2025-03-01 ",
		" 2025-03-01", "2025-13-01", "2025-00-10", "2025-02-30", "2025-04-31",
		"2023-02-29", "1900-02-29", "1899-12-31", "2200-01-01", "2025-0a-01",
		"+025-03-01", "2025-03-00", "2025-03-010",
	};
	gu_date d = { 7, 7, 7 };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_not(gu_date_parse(bad[i], &d), "[%s] should not parse", bad[i]);
	cr_assert_eq(d.year, 7, "a failed parse leaves out alone");
	cr_assert_not(gu_date_parse(NULL, &d));
}

Test(date, validity_of_leap_days_and_century_years)
{
	cr_assert(gu_date_valid(2024, 2, 29));
	cr_assert(gu_date_valid(2000, 2, 29), "2000 is divisible by 400: leap");
	cr_assert_not(gu_date_valid(1900, 2, 29), "1900 is a century year: common");
	cr_assert_not(gu_date_valid(2100, 2, 29), "2100 is a century year: common");
	cr_assert_not(gu_date_valid(2025, 2, 29));
	cr_assert(gu_date_valid(2025, 12, 31));
	cr_assert_not(gu_date_valid(2025, 6, 31));
	cr_assert_not(gu_date_valid(2025, 0, 1));
	cr_assert_not(gu_date_valid(2025, 1, 0));
}

Test(date, compares)
{
	cr_assert_lt(gu_date_cmp(D("2024-12-31"), D("2025-01-01")), 0);
	cr_assert_gt(gu_date_cmp(D("2025-02-01"), D("2025-01-31")), 0);
	cr_assert_lt(gu_date_cmp(D("2025-02-01"), D("2025-02-02")), 0);
	cr_assert_eq(gu_date_cmp(D("2025-02-01"), D("2025-02-01")), 0);
}

Test(date, age_turns_on_the_birthday)
{
	gu_date dob = D("2010-06-15");

	cr_assert_eq(gu_age_on(dob, D("2026-06-14")), 15, "day before the 16th birthday");
	cr_assert_eq(gu_age_on(dob, D("2026-06-15")), 16, "on the 16th birthday");
	cr_assert_eq(gu_age_on(dob, D("2026-06-16")), 16, "day after");
	cr_assert_eq(gu_age_on(dob, D("2010-06-15")), 0, "day of birth");
	cr_assert_eq(gu_age_on(dob, D("2011-06-14")), 0);
	cr_assert_eq(gu_age_on(dob, D("2011-06-15")), 1);
	cr_assert_eq(gu_age_on(dob, D("2028-06-14")), 17, "the day before 18");
	cr_assert_eq(gu_age_on(dob, D("2028-06-15")), 18, "18 on the 18th birthday");
}

Test(date, age_across_the_year_end)
{
	gu_date dob = D("2008-12-31");

	cr_assert_eq(gu_age_on(dob, D("2026-12-30")), 17);
	cr_assert_eq(gu_age_on(dob, D("2026-12-31")), 18);
	cr_assert_eq(gu_age_on(dob, D("2027-01-01")), 18);
	cr_assert_eq(gu_age_on(D("2009-01-01"), D("2026-12-31")), 17);
	cr_assert_eq(gu_age_on(D("2009-01-01"), D("2027-01-01")), 18);
}

Test(date, leap_day_births_turn_older_on_1_march_in_common_years)
{
	gu_date dob = D("2008-02-29");

	cr_assert_eq(gu_age_on(dob, D("2026-02-28")), 17, "28 February of a common year");
	cr_assert_eq(gu_age_on(dob, D("2026-03-01")), 18, "1 March of a common year");
	cr_assert_eq(gu_age_on(dob, D("2028-02-28")), 19, "28 February of a leap year");
	cr_assert_eq(gu_age_on(dob, D("2028-02-29")), 20, "29 February of a leap year");
	cr_assert_eq(gu_age_on(dob, D("2028-03-01")), 20);
	cr_assert_eq(gu_age_on(D("1996-02-29"), D("2100-02-28")), 103, "2100 is common");
	cr_assert_eq(gu_age_on(D("1996-02-29"), D("2100-03-01")), 104);
	cr_assert_eq(gu_age_on(D("1996-02-29"), D("2000-02-29")), 4, "2000 is leap");
	cr_assert_eq(gu_age_on(D("1996-02-29"), D("2000-02-28")), 3);
}

Test(date, age_before_birth_is_negative)
{
	cr_assert_eq(gu_age_on(D("2020-05-05"), D("2020-05-04")), -1);
	cr_assert_eq(gu_age_on(D("2020-05-05"), D("2018-05-05")), -2);
}

Test(date, formats)
{
	char buf[11];

	cr_assert_str_eq(gu_date_format(D("2025-03-01"), buf), "2025-03-01");
	cr_assert_str_eq(gu_date_format((gu_date){ 1900, 1, 9 }, buf), "1900-01-09");
}

Test(date, adds_days_across_months_years_and_leap_days)
{
	char buf[11];

	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("2024-02-28"), 1), buf), "2024-02-29");
	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("2024-02-28"), 2), buf), "2024-03-01");
	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("2100-02-28"), 1), buf), "2100-03-01");
	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("2000-02-28"), 1), buf), "2000-02-29");
	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("2024-12-31"), 1), buf), "2025-01-01");
	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("2025-01-01"), -1), buf), "2024-12-31");
	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("2025-03-01"), -365), buf), "2024-03-01");
	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("1969-12-31"), 1), buf), "1970-01-01");
	cr_assert_str_eq(gu_date_format(gu_date_add_days(D("1900-01-01"), 0), buf), "1900-01-01");
}

Test(date, counts_days_between)
{
	cr_assert_eq(gu_date_diff_days(D("2025-01-01"), D("2025-01-01")), 0);
	cr_assert_eq(gu_date_diff_days(D("2025-01-01"), D("2026-01-01")), 365);
	cr_assert_eq(gu_date_diff_days(D("2024-01-01"), D("2025-01-01")), 366);
	cr_assert_eq(gu_date_diff_days(D("2026-01-01"), D("2025-01-01")), -365);
	cr_assert_eq(gu_date_diff_days(D("1900-01-01"), D("2000-01-01")), 36524);
	cr_assert_eq(gu_date_diff_days(D("2000-01-01"), D("2100-01-01")), 36525);
}

Test(date, round_trips_every_day_of_four_centuries)
{
	gu_date d = D("1900-01-01");
	gu_date start = d;
	char buf[11];
	gu_date back;

	for (int i = 0; i < 146097; i++) {
		cr_assert(gu_date_valid(d.year, d.month, d.day), "day %d", i);
		cr_assert_eq(gu_date_diff_days(start, d), i);
		gu_date_format(d, buf);
		if (d.year <= 2199) {
			cr_assert(gu_date_parse(buf, &back), "%s", buf);
			cr_assert_eq(gu_date_cmp(back, d), 0);
		}
		d = gu_date_add_days(d, 1);
	}
	cr_assert_str_eq(gu_date_format(d, buf), "2300-01-01");
}

Test(date, today_is_a_real_day)
{
	gu_date t = gu_date_today();

	cr_assert(gu_date_valid(t.year, t.month, t.day));
	cr_assert_geq(t.year, 2024);
}

Test(date, school_year_cutoff_is_the_31_august_before_the_school_year)
{
	cr_assert_eq(gu_date_cmp(gu_school_year_cutoff(D("2026-11-20")), D("2026-08-31")), 0);
	cr_assert_eq(gu_date_cmp(gu_school_year_cutoff(D("2026-07-01")), D("2025-08-31")), 0);
	cr_assert_eq(gu_date_cmp(gu_school_year_cutoff(D("2026-08-31")), D("2025-08-31")), 0,
		"31 August is still the last day of the old school year");
	cr_assert_eq(gu_date_cmp(gu_school_year_cutoff(D("2026-09-01")), D("2026-08-31")), 0);
	cr_assert_eq(gu_date_cmp(gu_school_year_cutoff(D("2027-01-05")), D("2026-08-31")), 0);
	/* A child born on 15 October 2020 is 6 on the interview day but not on the cut-off. */
	cr_assert_eq(gu_age_on(D("2020-10-15"), gu_school_year_cutoff(D("2026-11-20"))), 5);
	cr_assert_eq(gu_age_on(D("2020-08-31"), gu_school_year_cutoff(D("2026-11-20"))), 6);
}
