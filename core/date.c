/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Calendar dates: strict parsing, comparison, day arithmetic and ages in whole years. */

#include <stdio.h>
#include <time.h>

#include "core/date.h"

/* Returns true when year is a leap year in the Gregorian calendar. */
static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Returns the number of days in month of year (0 for a month out of range). */
static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* Returns true when y-m-d is a real calendar day. */
bool gu_date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && day >= 1 && day <= days_in_month(year, month);
}

/* Returns the value of n decimal digits at s, or -1 when one is not a digit. */
static int read_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Returns true and fills out when s is exactly "YYYY-MM-DD", a real day in 1900-2199. */
bool gu_date_parse(const char *s, gu_date *out)
{
	int y, m, d;

	if (!s)
		return false;
	for (int i = 0; i < 10; i++)
		if (s[i] == '\0')
			return false;
	if (s[10] != '\0' || s[4] != '-' || s[7] != '-')
		return false;
	y = read_digits(s, 4);
	m = read_digits(s + 5, 2);
	d = read_digits(s + 8, 2);
	if (y < 1900 || y > 2199 || m < 0 || d < 0 || !gu_date_valid(y, m, d))
		return false;
	if (out) {
		out->year = y;
		out->month = m;
		out->day = d;
	}
	return true;
}

/* Returns <0, 0, >0 as a is before, the same as, or after b. */
int gu_date_cmp(gu_date a, gu_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Returns the 31 August before the school year that `on` falls in. */
gu_date gu_school_year_cutoff(gu_date on)
{
	gu_date cut = { on.month >= 9 ? on.year : on.year - 1, 8, 31 };

	return cut;
}

/* Returns the age in whole years on day `on` of a person born on dob. */
int gu_age_on(gu_date dob, gu_date on)
{
	int bmonth = dob.month, bday = dob.day;
	int age;

	/* The same count gives a negative age before birth (-1 in the year before). */
	age = on.year - dob.year;
	/* In a common year the birthday of someone born on 29 February is 1 March. */
	if (bmonth == 2 && bday == 29 && !is_leap(on.year)) {
		bmonth = 3;
		bday = 1;
	}
	if (on.month < bmonth || (on.month == bmonth && on.day < bday))
		age--;
	return age;
}

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *gu_date_format(gu_date d, char *buf)
{
	int y = d.year, m = d.month, dd = d.day;

	if (y < 0 || y > 9999)
		y = 0;
	if (m < 0 || m > 99)
		m = 0;
	if (dd < 0 || dd > 99)
		dd = 0;
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, dd);
	return buf;
}

/* Returns today's date in local time. */
gu_date gu_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gu_date d = { 1970, 1, 1 };

	if (localtime_r(&now, &tm)) {
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
	}
	return d;
}

/* Returns the count of days from 1970-01-01 to d (proleptic Gregorian). */
static long days_from_civil(gu_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* Returns the date that is z days after 1970-01-01. */
static gu_date civil_from_days(long z)
{
	gu_date d;
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(y + (d.month <= 2));
	return d;
}

/* Returns d moved by n days (n may be negative). */
gu_date gu_date_add_days(gu_date d, int n)
{
	return civil_from_days(days_from_civil(d) + n);
}

/* Returns the number of days from a to b (positive when b is later). */
long gu_date_diff_days(gu_date a, gu_date b)
{
	return days_from_civil(b) - days_from_civil(a);
}
