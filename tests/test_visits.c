/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Regular visits (定期走访): the schedule read from the policy file, each
 * group's interval, the month's last day, a closed case and a draft left
 * out, a case visited this month no longer due, the refusals (a date
 * after today or before the interview, nobody seen, a closed case) that
 * store nothing, the audit, and the counts per township of a month. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/closure.h"
#include "db/groups.h"
#include "db/visits.h"
#include "tests/test_supervise_util.h"

TestSuite(visits, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

#define TODAY "2026-11-20"

/* The schedule of the city's policy file: left-behind and difficult
 * children monthly, floating children quarterly. */
static const gu_visit_schedule city = { { 3, 1, 1 } };

/* Makes a complete case of township interviewed on date, in groups;
 * writes its id. */
static void visited_case(gu_db *db, const char *township, const char *name, const char *date,
	const char *groups, char id[GU_ID_SIZE])
{
	gu_error err;

	sv_case(db, "li", township, name, "", id);
	cr_assert_eq(gu_case_save_answer(db, id, "interview.date", date, NULL, &err), 0, "%s",
		err.message);
	cr_assert_eq(gu_case_set_groups(db, id, groups, &err), 0, "%s", err.message);
	sv_status(db, id, GU_CASE_COMPLETE);
}

/* Returns the next visit date of case id under s ("" when not visited
 * regularly), in a static buffer. */
static const char *next_of(gu_db *db, const gu_visit_schedule *s, const char *id)
{
	static gu_visit_due v;
	gu_error err;
	int ret = gu_visit_case(db, s, id, &v, &err);

	cr_assert_geq(ret, 0, "%s", err.message);
	return ret ? v.next : "";
}

/* The names listed, joined by commas, into a static buffer. */
static char listed[512];

/* Appends a case's name to listed; returns 0. */
static int collect(const gu_visit_due *v, void *ctx)
{
	(void)ctx;
	if (listed[0])
		strcat(listed, ",");
	strcat(listed, v->child_name);
	return 0;
}

/* Returns the names of list which, comma-separated. */
static const char *list_of(gu_db *db, enum gu_visit_which which, const char *township)
{
	gu_error err;

	listed[0] = '\0';
	cr_assert_eq(gu_visits_each(db, &city, which, township, TODAY, collect, NULL, &err), 0,
		"%s", err.message);
	return listed;
}

/* Counts the audit entries of case id with that action. */
static size_t audited(gu_db *db, const char *id, const char *action)
{
	gu_audit_entry *v;
	size_t n, i, k = 0;
	gu_error err;

	cr_assert_eq(gu_audit_list(db, id, 0, &v, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++)
		k += strcmp(v[i].action, action) == 0;
	gu_audit_entries_free(v, n);
	return k;
}

/* Reads the city's policy file, with from replaced by to when from is not
 * NULL, and its schedule into s; returns what gu_visit_schedule_read did. */
static int schedule_of(const char *from, const char *to, gu_visit_schedule *s, gu_error *err)
{
	FILE *f = fopen(TOP_SRCDIR "/data/chaoyang-2024.policy", "rb");
	char *text, *at;
	gu_policy *p = NULL;
	long len;
	int ret;

	cr_assert_not_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)len + 64);
	cr_assert_eq(fread(text, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	if (from) {
		at = strstr(text, from);
		cr_assert_not_null(at, "the policy has \"%s\"", from);
		memmove(at + strlen(to), at + strlen(from), strlen(at + strlen(from)) + 1);
		memcpy(at, to, strlen(to));
	}
	cr_assert_eq(gu_policy_load_text("test.policy", text, strlen(text), &p, err), 0, "%s",
		err->message);
	ret = gu_visit_schedule_read(p, s, err);
	gu_policy_free(p);
	free(text);
	return ret;
}

Test(visits, the_schedule_comes_from_the_policy_file)
{
	gu_visit_schedule s;
	gu_error err;

	cr_assert_eq(schedule_of(NULL, NULL, &s, &err), 0, "%s", err.message);
	cr_assert_eq(s.months[GU_VISIT_LEFT_BEHIND], 1);
	cr_assert_eq(s.months[GU_VISIT_DIFFICULT], 1);
	cr_assert_eq(s.months[GU_VISIT_FLOATING], 3);
	cr_assert(gu_visit_schedule_any(&s));
	cr_assert_eq(schedule_of("param visit_months_floating\n  value: 3",
		"param visit_months_floating\n  value: 13", &s, &err), -GU_EINVAL);
	cr_assert_not_null(strstr(err.message, "visit_months_floating"), "%s", err.message);
	cr_assert_eq(schedule_of("param visit_months_floating\n  value: 3",
		"param visit_months_floating\n  value: 0", &s, &err), 0, "%s", err.message);
	cr_assert_eq(s.months[GU_VISIT_FLOATING], 0, "0: floating children are not visited");
	cr_assert_eq(schedule_of("param visit_months_difficult", "param other_months", &s, &err),
		0, "%s", err.message);
	cr_assert_eq(s.months[GU_VISIT_DIFFICULT], 0, "a missing parameter: not visited");
}

Test(visits, each_group_has_its_interval)
{
	gu_db *db = sv_open();
	char lb[GU_ID_SIZE], fl[GU_ID_SIZE], df[GU_ID_SIZE], both[GU_ID_SIZE], end[GU_ID_SIZE];
	char none[GU_ID_SIZE];
	gu_visit_schedule off = city;

	visited_case(db, "大平房镇", "留守", "2026-10-05", "left_behind", lb);
	visited_case(db, "大平房镇", "流动", "2026-10-05", "floating", fl);
	visited_case(db, "龙泉街道", "困境", "2026-10-25", "difficult", df);
	visited_case(db, "龙泉街道", "两者", "2026-10-05", "floating,left_behind", both);
	visited_case(db, "龙泉街道", "月末", "2026-01-31", "left_behind", end);
	visited_case(db, "龙泉街道", "无组", "2026-10-05", "", none);
	cr_assert_str_eq(next_of(db, &city, lb), "2026-11-05");
	cr_assert_str_eq(next_of(db, &city, fl), "2027-01-05");
	cr_assert_str_eq(next_of(db, &city, df), "2026-11-25");
	cr_assert_str_eq(next_of(db, &city, both), "2026-11-05", "the shortest interval");
	cr_assert_str_eq(next_of(db, &city, end), "2026-02-28", "the month's last day");
	cr_assert_str_eq(next_of(db, &city, none), "", "no group: not visited regularly");
	off.months[GU_VISIT_LEFT_BEHIND] = 0;
	cr_assert_str_eq(next_of(db, &off, lb), "", "a group the policy does not visit");
	cr_assert_str_eq(next_of(db, &off, both), "2027-01-05");

	cr_assert_str_eq(list_of(db, GU_VISITS_ALL, NULL), "月末,留守,两者,困境,流动");
	cr_assert_str_eq(list_of(db, GU_VISITS_OVERDUE, NULL), "月末,留守,两者");
	cr_assert_str_eq(list_of(db, GU_VISITS_DUE, NULL), "困境");
	cr_assert_str_eq(list_of(db, GU_VISITS_ALL, "大平房镇"), "留守,流动");
	gu_db_close(db);
}

Test(visits, a_closed_case_and_a_draft_leave_the_lists)
{
	gu_db *db = sv_open();
	char shut[GU_ID_SIZE], draft[GU_ID_SIZE], open[GU_ID_SIZE];
	gu_visit_new v = { .date = "2026-11-01", .seen = "the child" };
	int due, overdue;
	gu_error err;

	visited_case(db, "大平房镇", "关闭", "2026-10-05", "left_behind", shut);
	visited_case(db, "大平房镇", "草稿", "2026-10-05", "left_behind", draft);
	visited_case(db, "大平房镇", "开放", "2026-10-25", "left_behind", open);
	sv_status(db, draft, GU_CASE_DRAFT);
	cr_assert_eq(gu_visit_counts(db, &city, TODAY, &due, &overdue, &err), 0, "%s", err.message);
	cr_assert_eq(overdue, 1);
	cr_assert_eq(due, 1);
	cr_assert_eq(gu_case_close(db, shut, "moved_out", NULL, &err), 0, "%s", err.message);
	cr_assert_str_eq(list_of(db, GU_VISITS_ALL, NULL), "开放");
	cr_assert_eq(gu_visit_counts(db, &city, TODAY, &due, &overdue, &err), 0, "%s", err.message);
	cr_assert_eq(overdue, 0);
	cr_assert_eq(due, 1);
	cr_assert_eq(gu_visit_add(db, shut, &v, TODAY, &err), -GU_EINVAL, "a closed case visited");
	cr_assert_not_null(strstr(err.message, "closed"), "%s", err.message);
	gu_db_close(db);
}

Test(visits, a_case_visited_this_month_is_due_next_month)
{
	gu_db *db = sv_open();
	char id[GU_ID_SIZE];
	gu_visit_new v = { .date = "2026-11-10", .seen = "the child and her grandmother",
		.note = "the father came home" };
	gu_error err;

	visited_case(db, "大平房镇", "王小明", "2026-09-15", "left_behind", id);
	cr_assert_str_eq(list_of(db, GU_VISITS_OVERDUE, NULL), "王小明");
	cr_assert_eq(gu_visit_add(db, id, &v, TODAY, &err), 0, "%s", err.message);
	cr_assert_str_eq(next_of(db, &city, id), "2026-12-10");
	cr_assert_str_eq(list_of(db, GU_VISITS_OVERDUE, NULL), "");
	cr_assert_str_eq(list_of(db, GU_VISITS_DUE, NULL), "");
	cr_assert_str_eq(list_of(db, GU_VISITS_ALL, NULL), "王小明");
	cr_assert_eq(audited(db, id, "visit.add"), 1);
	v.date = NULL;
	v.changed = true;
	cr_assert_eq(gu_visit_add(db, id, &v, TODAY, &err), 0, "%s", err.message);
	cr_assert_str_eq(next_of(db, &city, id), "2026-12-20", "no date: today");
	gu_db_close(db);
}

/* Returns how many cases list which holds. */
static int listed_count(gu_db *db, enum gu_visit_which which)
{
	const char *p = list_of(db, which, NULL);
	int n = *p != '\0';

	for (; *p; p++)
		n += *p == ',';
	return n;
}

/* Checks the start screen's counts against the lists and the expected
 * figures. */
static void counts_are(gu_db *db, int want_due, int want_overdue, const char *what)
{
	int due, overdue;
	gu_error err;

	cr_assert_eq(gu_visit_counts(db, &city, TODAY, &due, &overdue, &err), 0, "%s",
		err.message);
	cr_assert_eq(due, want_due, "%s: due %d", what, due);
	cr_assert_eq(overdue, want_overdue, "%s: overdue %d", what, overdue);
	cr_assert_eq(due, listed_count(db, GU_VISITS_DUE), "%s: due beside its list", what);
	cr_assert_eq(overdue, listed_count(db, GU_VISITS_OVERDUE), "%s: overdue beside its list",
		what);
}

Test(visits, the_counts_follow_each_change_to_a_case)
{
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE];
	gu_case_new nc = { .worker = "li", .township = "大平房镇", .child_name = "导入",
		.policy_id = "chaoyang", .policy_version = "2024", .policy_hash = "" };
	gu_visit_new v = { .date = "2026-11-10", .seen = "the child" };
	gu_answers ans;
	gu_error err;

	counts_are(db, 0, 0, "no cases");
	visited_case(db, "大平房镇", "甲", "2026-09-15", "left_behind", a);
	visited_case(db, "大平房镇", "乙", "2026-10-25", "left_behind", b);
	counts_are(db, 1, 1, "one overdue, one due");
	cr_assert_eq(gu_visit_add(db, a, &v, TODAY, &err), 0, "%s", err.message);
	counts_are(db, 1, 0, "the overdue case visited");
	cr_assert_eq(gu_case_save_answer(db, b, "interview.date", "2026-08-01", "typo", &err), 0,
		"%s", err.message);
	counts_are(db, 0, 1, "an interview date changed");
	cr_assert_eq(gu_case_save_answer(db, b, "interview.date", NULL, "unknown", &err), 0,
		"%s", err.message);
	counts_are(db, 0, 0, "an interview date removed");
	gu_answers_init(&ans);
	cr_assert_eq(gu_answers_set(&ans, "interview.date", "2026-10-30"), 0);
	cr_assert_eq(gu_case_import(db, &nc, &ans, NULL, GU_CASE_COMPLETE, c, &err), 0, "%s",
		err.message);
	gu_answers_free(&ans);
	counts_are(db, 0, 0, "imported without a group");
	cr_assert_eq(gu_case_set_groups(db, c, "difficult", &err), 0, "%s", err.message);
	counts_are(db, 1, 0, "the imported case in a group");
	cr_assert_eq(gu_case_close(db, c, "moved_out", NULL, &err), 0, "%s", err.message);
	counts_are(db, 0, 0, "the imported case closed");
	gu_db_close(db);
}

Test(visits, nonsense_is_refused_and_nothing_stored)
{
	gu_db *db = sv_open();
	char id[GU_ID_SIZE], note[GU_VISIT_NOTE_MAX + 2];
	gu_visit_new v = { .seen = "the child" };
	gu_error err;

	visited_case(db, "大平房镇", "王小明", "2026-10-05", "left_behind", id);
	v.date = "2026-11-21";
	cr_assert_eq(gu_visit_add(db, id, &v, TODAY, &err), -GU_EINVAL, "after today");
	cr_assert_not_null(strstr(err.message, "after today"), "%s", err.message);
	v.date = "2026-10-04";
	cr_assert_eq(gu_visit_add(db, id, &v, TODAY, &err), -GU_EINVAL, "before the interview");
	cr_assert_not_null(strstr(err.message, "before the case's interview (2026-10-05)"), "%s",
		err.message);
	v.date = "2026-02-30";
	cr_assert_eq(gu_visit_add(db, id, &v, TODAY, &err), -GU_EINVAL, "not a date");
	cr_assert_not_null(strstr(err.message, "YYYY-MM-DD"), "%s", err.message);
	v.date = "2026-10-05";
	v.seen = "  ";
	cr_assert_eq(gu_visit_add(db, id, &v, TODAY, &err), -GU_EINVAL, "nobody seen");
	cr_assert_not_null(strstr(err.message, "who was seen"), "%s", err.message);
	v.seen = "the child";
	memset(note, 'x', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	v.note = note;
	cr_assert_eq(gu_visit_add(db, id, &v, TODAY, &err), -GU_EINVAL, "a note too long");
	cr_assert_str_eq(next_of(db, &city, id), "2026-11-05", "nothing was stored");
	cr_assert_eq(audited(db, id, "visit.add"), 0);
	v.note = NULL;
	cr_assert_eq(gu_visit_add(db, "0123456789abcdef0123456789abcdef", &v, TODAY, &err),
		-GU_ENOTFOUND);
	cr_assert_eq(gu_visit_add(db, id, &v, TODAY, &err), 0, "on the interview's day: %s",
		err.message);
	gu_db_close(db);
}

Test(visits, a_worker_sees_their_own_cases)
{
	gu_db *db = sv_open();
	char mine[GU_ID_SIZE], theirs[GU_ID_SIZE];
	gu_visit_new v = { .date = "2026-11-01", .seen = "the child" };
	gu_error err;

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_user(db, "zhao", GU_ROLE_WORKER);
	visited_case(db, "大平房镇", "李的", "2026-10-05", "left_behind", mine);
	sv_case(db, "zhao", "大平房镇", "赵的", "", theirs);
	cr_assert_eq(gu_case_save_answer(db, theirs, "interview.date", "2026-10-05", NULL, &err), 0);
	cr_assert_eq(gu_case_set_groups(db, theirs, "left_behind", &err), 0);
	sv_status(db, theirs, GU_CASE_COMPLETE);
	gu_db_close(db);
	db = sv_open();
	sv_login(db, "li");
	cr_assert_str_eq(list_of(db, GU_VISITS_ALL, NULL), "李的");
	cr_assert_eq(gu_visit_add(db, theirs, &v, TODAY, &err), -GU_EPERM);
	gu_db_close(db);
}

/* Returns the row of township in v, or fails the test. */
static const gu_visit_month *row_of(const gu_visit_month *v, size_t n, const char *township)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].township, township) == 0)
			return &v[i];
	cr_assert_fail("no row for %s", township);
	return NULL;
}

Test(visits, a_month_counts_visits_due_and_done_per_township)
{
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE], d[GU_ID_SIZE], e[GU_ID_SIZE];
	gu_visit_new v = { .seen = "the child" };
	gu_visit_month *m;
	size_t n;
	gu_error err;

	/* 大平房镇: a due in October (monthly since September) and visited
	 * then; b floating, due in January only. */
	visited_case(db, "大平房镇", "甲", "2026-09-10", "left_behind", a);
	visited_case(db, "大平房镇", "乙", "2026-10-02", "floating", b);
	/* 龙泉街道: c monthly, visited on 10-03 and due again in November; d
	 * interviewed in November, first due in December; e monthly, never
	 * visited, closed today (after these months, before 2099). */
	visited_case(db, "龙泉街道", "丙", "2026-09-20", "difficult", c);
	visited_case(db, "龙泉街道", "丁", "2026-11-02", "difficult", d);
	visited_case(db, "龙泉街道", "戊", "2026-08-01", "difficult", e);
	v.date = "2026-10-12";
	cr_assert_eq(gu_visit_add(db, a, &v, TODAY, &err), 0, "%s", err.message);
	v.date = "2026-10-03";
	cr_assert_eq(gu_visit_add(db, c, &v, TODAY, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_close(db, e, "moved_out", NULL, &err), 0, "%s", err.message);

	cr_assert_eq(gu_visit_month_counts(db, &city, "2026-10", NULL, &m, &n, &err), 0, "%s",
		err.message);
	cr_assert_eq(n, 2);
	cr_assert_eq(row_of(m, n, "大平房镇")->due, 1, "a; b is not due before January");
	cr_assert_eq(row_of(m, n, "大平房镇")->done, 1);
	cr_assert_eq(row_of(m, n, "龙泉街道")->due, 2, "c and e, open in October");
	cr_assert_eq(row_of(m, n, "龙泉街道")->done, 1);
	free(m);
	cr_assert_eq(gu_visit_month_counts(db, &city, "2099-01", "龙泉街道", &m, &n, &err), 0,
		"%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(m[0].township, "龙泉街道");
	cr_assert_eq(m[0].due, 2, "c and d; e was closed before the month");
	cr_assert_eq(m[0].done, 0);
	free(m);
	cr_assert_eq(gu_visit_month_counts(db, &city, "2026-13", NULL, &m, &n, &err), -GU_EINVAL);
	cr_assert_not_null(strstr(err.message, "YYYY-MM"), "%s", err.message);
	gu_db_close(db);
}
