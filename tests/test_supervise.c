/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Supervision in the data layer: review decisions and their audit, the
 * reveal of ID numbers, case groups and the dashboard's counts. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "db/access.h"
#include "db/dashboard.h"
#include "db/groups.h"
#include "db/review.h"
#include "db/search.h"
#include "tests/test_supervise_util.h"

TestSuite(supervise, .init = sv_setup, .fini = sv_teardown, .timeout = 120);

/* Counts audit entries of a case with action; returns the count. */
static size_t audited(gu_db *db, const char *case_id, const char *action, const char *detail)
{
	gu_audit_entry *e;
	size_t n, i, k = 0;
	gu_error err;

	cr_assert_eq(gu_audit_list(db, case_id, 0, &e, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++)
		if (strcmp(e[i].action, action) == 0
		    && (!detail || (e[i].detail && strstr(e[i].detail, detail))))
			k++;
	gu_audit_entries_free(e, n);
	return k;
}

/* Makes a store with a supervisor wang and workers li and zhao. */
static gu_db *staffed(void)
{
	gu_db *db = sv_open();

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_user(db, "zhao", GU_ROLE_WORKER);
	return db;
}

Test(supervise, approving_a_complete_case_is_recorded_and_audited)
{
	gu_db *db = staffed();
	char id[GU_ID_SIZE];
	gu_case_info c;
	gu_review *r;
	size_t n;
	gu_error err;

	sv_case(db, "li", "大平房镇", "张小红", "", id);
	cr_assert_eq(gu_review_decide(db, id, GU_REVIEW_APPROVE, NULL, NULL, &err), -GU_EINVAL,
		"a draft cannot be approved");
	sv_status(db, id, GU_CASE_COMPLETE);
	cr_assert_eq(gu_review_decide(db, id, GU_REVIEW_APPROVE, NULL, "good", &err), 0,
		"%s", err.message);
	cr_assert_eq(gu_case_get(db, id, &c, &err), 0);
	cr_assert_eq(c.status, GU_CASE_REVIEWED);
	cr_assert_eq(audited(db, id, "review.approve", "good"), 1);
	cr_assert_eq(gu_review_list(db, id, &r, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(r[0].decision, GU_REVIEW_APPROVE);
	cr_assert_str_eq(r[0].by, "wang");
	gu_reviews_free(r, n);
	gu_db_close(db);
}

Test(supervise, returning_needs_a_reason_code_and_a_note)
{
	gu_db *db = staffed();
	char id[GU_ID_SIZE];
	gu_case_info c;
	gu_review *r;
	size_t n;
	gu_error err;

	sv_case(db, "li", "大平房镇", "张小红", "", id);
	sv_status(db, id, GU_CASE_COMPLETE);
	cr_assert_eq(gu_review_decide(db, id, GU_REVIEW_RETURN, "lazy", "x", &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "incomplete") != NULL, "%s", err.message);
	cr_assert_eq(gu_review_decide(db, id, GU_REVIEW_RETURN, "documents", "", &err),
		-GU_EINVAL);
	cr_assert_eq(audited(db, id, "review.return", NULL), 0, "refusals leave no trace");
	cr_assert_eq(gu_review_decide(db, id, GU_REVIEW_RETURN, "documents",
		"请补充户口本照片", &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_get(db, id, &c, &err), 0);
	cr_assert_eq(c.status, GU_CASE_RETURNED);
	cr_assert_eq(audited(db, id, "review.return", "documents: 请补充户口本照片"), 1);
	cr_assert_eq(gu_review_list(db, id, &r, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(r[0].reason, "documents");
	cr_assert_str_eq(r[0].note, "请补充户口本照片");
	gu_reviews_free(r, n);
	gu_db_close(db);
}

Test(supervise, a_worker_cannot_review)
{
	gu_db *db = staffed();
	char id[GU_ID_SIZE];
	gu_error err;

	sv_case(db, "li", "大平房镇", "张小红", "", id);
	sv_status(db, id, GU_CASE_COMPLETE);
	sv_login(db, "li");
	cr_assert_eq(gu_review_decide(db, id, GU_REVIEW_APPROVE, NULL, NULL, &err), -GU_EPERM);
	cr_assert_eq(audited(db, id, "review.approve", NULL), 0);
	gu_db_close(db);
}

Test(supervise, returned_cases_head_the_workers_list)
{
	gu_db *db = staffed();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE];
	gu_case_row *rows;
	size_t n;
	gu_error err;

	sv_case(db, "li", "大平房镇", "甲", "", a);
	sv_case(db, "li", "大平房镇", "乙", "", b);
	sv_status(db, a, GU_CASE_COMPLETE);
	cr_assert_eq(gu_review_decide(db, a, GU_REVIEW_RETURN, "incomplete", "补充", &err), 0);
	sv_case(db, "li", "大平房镇", "丙", "", c);
	sv_login(db, "li");
	cr_assert_eq(gu_case_list(db, NULL, &rows, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(rows[0].id, a, "the returned case comes first");
	cr_assert_str_eq(rows[1].id, c);
	cr_assert_str_eq(rows[2].id, b);
	free(rows);
	gu_db_close(db);
}

Test(supervise, a_reveal_shows_the_number_to_a_supervisor_and_is_audited)
{
	gu_db *db = staffed();
	char id[GU_ID_SIZE], number[32];
	gu_error err;

	sv_case(db, "li", "大平房镇", "张小红", "211302201501010021", id);
	sv_login(db, "li");
	cr_assert_eq(gu_case_reveal_id(db, id, number, sizeof number, &err), -GU_EPERM);
	cr_assert_str_eq(number, "");
	sv_login(db, "wang");
	cr_assert_eq(gu_case_reveal_id(db, id, number, sizeof number, &err), 0, "%s", err.message);
	cr_assert_str_eq(number, "211302201501010021");
	cr_assert_eq(audited(db, id, "case.reveal_id", NULL), 1);
	gu_db_close(db);
}

Test(supervise, groups_are_stored_and_checked)
{
	gu_db *db = sv_open();
	char id[GU_ID_SIZE], buf[64];
	gu_error err;

	sv_case(db, "li", "大平房镇", "张小红", "", id);
	cr_assert_eq(gu_case_set_groups(db, id, "left_behind, floating", &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_get_groups(db, id, buf, sizeof buf, &err), 0);
	cr_assert_str_eq(buf, "floating,left_behind");
	cr_assert_eq(gu_case_set_groups(db, id, "rich", &err), -GU_EINVAL);
	cr_assert_eq(gu_case_set_groups(db, id, "", &err), 0);
	cr_assert_eq(gu_case_get_groups(db, id, buf, sizeof buf, &err), 0);
	cr_assert_str_eq(buf, "");
	cr_assert_str_eq(gu_group_label("difficult"), "difficult");
	gu_db_close(db);
}

/* Builds a results set with items (eligible when positive, verify when
 * negative) and groups. */
static void make_results(gu_results *r, const int *items, size_t n, const char *groups)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->v = calloc(n, sizeof *r->v);
	cr_assert_not_null(r->v);
	r->n = n;
	for (i = 0; i < n; i++) {
		r->v[i].item = abs(items[i]);
		r->v[i].verdict = items[i] > 0 ? GU_YES : GU_MAYBE;
		strcpy(r->v[i].persons, "child");
	}
	snprintf(r->groups, sizeof r->groups, "%s", groups);
}

Test(supervise, dashboard_counts_status_groups_items_townships_and_overdue)
{
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE], c[GU_ID_SIZE];
	static const int ra[] = { 1, 3, -7 }, rb[] = { 3, 39 };
	gu_results r;
	gu_followup_new fu = { .status = GU_REF_REFERRED, .date = "2025-03-01",
		.next_due = "2025-04-01" };
	gu_dashboard d;
	gu_error err;

	sv_case(db, "li", "大平房镇", "甲", "", a);
	sv_case(db, "li", "大平房镇", "乙", "", b);
	sv_case(db, "zhao", "联合镇", "丙", "", c);
	make_results(&r, ra, 3, "left_behind");
	cr_assert_eq(gu_case_save_results(db, a, &r, "p", "1", "h", &err), 0, "%s", err.message);
	free(r.v);
	cr_assert_eq(gu_case_set_groups(db, a, "left_behind", &err), 0);
	make_results(&r, rb, 2, "");
	cr_assert_eq(gu_case_save_results(db, b, &r, "p", "1", "h", &err), 0);
	free(r.v);
	cr_assert_eq(gu_case_set_groups(db, b, "left_behind,difficult", &err), 0);
	sv_status(db, b, GU_CASE_COMPLETE);
	cr_assert_eq(gu_followup_add(db, a, 3, &fu, &err), 0, "%s", err.message);
	fu.next_due = "2025-06-01";
	cr_assert_eq(gu_followup_add(db, b, 3, &fu, &err), 0, "%s", err.message);

	cr_assert_eq(gu_dashboard_load(db, NULL, NULL, "2025-05-01", &d, &err), 0, "%s", err.message);
	cr_assert_eq(d.cases, 3);
	cr_assert_eq(d.by_status[GU_CASE_DRAFT], 2);
	cr_assert_eq(d.by_status[GU_CASE_COMPLETE], 1);
	cr_assert_eq(d.left_behind, 2);
	cr_assert_eq(d.difficult, 1);
	cr_assert_eq(d.floating, 0);
	cr_assert_eq(d.eligible[3], 2);
	cr_assert_eq(d.eligible[1], 1);
	cr_assert_eq(d.verify[7], 1);
	cr_assert_eq(d.eligible[39], 1);
	cr_assert_eq(d.eligible[2], 0);
	cr_assert_eq(d.ntownships, 2);
	cr_assert_str_eq(d.townships[0].township, "大平房镇");
	cr_assert_eq(d.townships[0].cases, 2);
	cr_assert_eq(d.followups_open, 2);
	cr_assert_eq(d.overdue, 1);
	gu_dashboard_free(&d);

	/* A period before any case was made counts nothing. */
	cr_assert_eq(gu_dashboard_load(db, "2000-01-01", "2000-12-31", NULL, &d, &err), 0);
	cr_assert_eq(d.cases, 0);
	cr_assert_eq(d.eligible[3], 0);
	gu_dashboard_free(&d);
	cr_assert_eq(gu_dashboard_load(db, "2025-02-30", NULL, NULL, &d, &err), -GU_EINVAL);
	cr_assert(strstr(err.message, "YYYY-MM-DD") != NULL, "%s", err.message);
	gu_db_close(db);
}

Test(supervise, a_workers_dashboard_counts_only_their_cases)
{
	gu_db *db = staffed();
	char a[GU_ID_SIZE], b[GU_ID_SIZE];
	gu_dashboard d;
	gu_error err;

	sv_case(db, "li", "大平房镇", "甲", "", a);
	sv_case(db, "zhao", "联合镇", "丙", "", b);
	sv_login(db, "li");
	cr_assert_eq(gu_dashboard_load(db, NULL, NULL, NULL, &d, &err), 0, "%s", err.message);
	cr_assert_eq(d.cases, 1);
	gu_dashboard_free(&d);
	sv_login(db, "wang");
	cr_assert_eq(gu_dashboard_load(db, NULL, NULL, NULL, &d, &err), 0);
	cr_assert_eq(d.cases, 2);
	gu_dashboard_free(&d);
	gu_auth_logout(db);
	cr_assert_eq(gu_dashboard_load(db, NULL, NULL, NULL, &d, &err), -GU_EPERM);
	gu_db_close(db);
}

Test(supervise, access_rules_follow_the_session)
{
	gu_db *db = sv_open();
	char a[GU_ID_SIZE], b[GU_ID_SIZE];
	enum gu_access mode;
	gu_error err;

	sv_case(db, "li", "大平房镇", "甲", "", a);
	sv_case(db, "zhao", "联合镇", "丙", "", b);
	/* Without users everything is open. */
	cr_assert_eq(gu_access_mode(db, &mode, &err), 0);
	cr_assert_eq(mode, GU_ACCESS_ALL);
	cr_assert_eq(gu_access_check_case(db, a, &err), 0);
	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	cr_assert_eq(gu_access_check_case(db, a, &err), -GU_EPERM, "users exist: log in first");
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	cr_assert_eq(gu_access_check_case(db, b, &err), 0);
	sv_login(db, "li");
	cr_assert_eq(gu_access_check_case(db, a, &err), 0);
	cr_assert_eq(gu_access_check_case(db, b, &err), -GU_EPERM);
	cr_assert(strstr(err.message, b) != NULL, "%s", err.message);
	gu_db_close(db);
}
