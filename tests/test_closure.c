/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Closing a case with a reason and reopening it: only a supervisor, a
 * known reason (other with a note), a note to reopen, the status given
 * back, both audited, and a closed case leaves the due follow-ups. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "db/closure.h"
#include "tests/test_supervise_util.h"

TestSuite(closure, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Returns the status of case id. */
static enum gu_case_status status_of(gu_db *db, const char *id)
{
	gu_case_info c;
	gu_error err;

	cr_assert_eq(gu_case_get(db, id, &c, &err), 0, "%s", err.message);
	return c.status;
}

/* Counts the audit entries of case id with that action; returns the count. */
static size_t audited(gu_db *db, const char *id, const char *action, const char *detail)
{
	gu_audit_entry *v;
	size_t n, i, k = 0;
	gu_error err;

	cr_assert_eq(gu_audit_list(db, id, 0, &v, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].action, action) == 0 && (!detail || (v[i].detail && strstr(v[i].detail, detail))))
			k++;
	gu_audit_entries_free(v, n);
	return k;
}

Test(closure, a_case_is_closed_for_a_reason_and_reopened_as_it_was)
{
	gu_db *db = sv_open();
	char id[GU_ID_SIZE];
	gu_closure c;
	gu_error err;

	sv_case(db, "li", "大平房镇", "王小明", "", id);
	sv_status(db, id, GU_CASE_REVIEWED);
	cr_assert_eq(gu_case_close(db, id, "moved", NULL, &err), -GU_EINVAL, "an unknown reason");
	cr_assert_not_null(strstr(err.message, "moved_out"), "%s", err.message);
	cr_assert_eq(gu_case_close(db, id, NULL, NULL, &err), -GU_EINVAL, "no reason");
	cr_assert_eq(gu_case_close(db, id, "other", "", &err), -GU_EINVAL, "other without a note");
	cr_assert_not_null(strstr(err.message, "note"), "%s", err.message);
	cr_assert_eq(status_of(db, id), GU_CASE_REVIEWED, "a refused closing changes nothing");
	cr_assert_eq(audited(db, id, "case.close", NULL), 0);

	cr_assert_eq(gu_case_close(db, id, "moved_out", "to 沈阳", &err), 0, "%s", err.message);
	cr_assert_eq(status_of(db, id), GU_CASE_CLOSED);
	cr_assert_eq(audited(db, id, "case.close", "moved_out: to 沈阳"), 1);
	cr_assert_eq(gu_case_closure(db, id, &c, &err), 0, "%s", err.message);
	cr_assert_str_eq(c.reason, "moved_out");
	cr_assert_str_eq(c.note, "to 沈阳");
	cr_assert_eq(strlen(c.on), 10);
	cr_assert_eq(gu_case_close(db, id, "duplicate", NULL, &err), -GU_EINVAL, "closed twice");
	cr_assert_not_null(strstr(err.message, "closed already"), "%s", err.message);

	cr_assert_eq(gu_case_reopen(db, id, "", &err), -GU_EINVAL, "reopened without a note");
	cr_assert_eq(status_of(db, id), GU_CASE_CLOSED);
	cr_assert_eq(gu_case_reopen(db, id, "back in 朝阳", &err), 0, "%s", err.message);
	cr_assert_eq(status_of(db, id), GU_CASE_REVIEWED, "the status before the closing comes back");
	cr_assert_eq(audited(db, id, "case.reopen", "back in 朝阳"), 1);
	cr_assert_eq(gu_case_reopen(db, id, "again", &err), -GU_EINVAL, "an open case is not reopened");
	cr_assert_not_null(strstr(err.message, "nothing to reopen"), "%s", err.message);

	cr_assert_eq(gu_case_close(db, id, "other", "the family asked", &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_closure(db, id, &c, &err), 0, "%s", err.message);
	cr_assert_str_eq(c.reason, "other", "the last closing is read");
	gu_db_close(db);
}

Test(closure, a_case_closed_without_a_reason_reopens_as_complete_or_draft)
{
	gu_db *db = sv_open();
	char done[GU_ID_SIZE], draft[GU_ID_SIZE];
	gu_error err;

	sv_case(db, "li", "大平房镇", "王小明", "", done);
	sv_case(db, "li", "大平房镇", "李小红", "", draft);
	sv_status(db, done, GU_CASE_COMPLETE);
	sv_status(db, done, GU_CASE_CLOSED);
	sv_status(db, draft, GU_CASE_CLOSED);
	cr_assert_eq(gu_case_reopen(db, done, "closed by mistake", &err), 0, "%s", err.message);
	cr_assert_eq(status_of(db, done), GU_CASE_COMPLETE);
	cr_assert_eq(gu_case_reopen(db, draft, "closed by mistake", &err), 0, "%s", err.message);
	cr_assert_eq(status_of(db, draft), GU_CASE_DRAFT);
	gu_db_close(db);
}

Test(closure, only_a_supervisor_closes_or_reopens)
{
	gu_db *db = sv_open();
	char id[GU_ID_SIZE];
	gu_error err;

	sv_user(db, "wang", GU_ROLE_SUPERVISOR);
	sv_login(db, "wang");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_case(db, "li", "大平房镇", "王小明", "", id);
	gu_db_close(db);
	db = sv_open();
	sv_login(db, "li");
	cr_assert_eq(gu_case_close(db, id, "turned_18", NULL, &err), -GU_EPERM, "a worker closes");
	cr_assert_eq(status_of(db, id), GU_CASE_DRAFT);
	gu_db_close(db);
	db = sv_open();
	sv_login(db, "wang");
	cr_assert_eq(gu_case_close(db, id, "turned_18", NULL, &err), 0, "%s", err.message);
	gu_db_close(db);
	db = sv_open();
	sv_login(db, "li");
	cr_assert_eq(gu_case_reopen(db, id, "why not", &err), -GU_EPERM, "a worker reopens");
	gu_db_close(db);
}

Test(closure, a_closed_case_leaves_the_due_follow_ups)
{
	gu_db *db = sv_open();
	gu_result r[1] = { { .item = 3, .verdict = GU_YES, .persons = "child" } };
	gu_results res = { .v = r, .n = 1 };
	gu_followup_new f = { .status = GU_REF_REFERRED, .date = "2025-03-02", .next_due = "2025-04-01" };
	char id[GU_ID_SIZE];
	gu_referral *v;
	size_t n;
	gu_error err;

	sv_case(db, "li", "大平房镇", "王小明", "", id);
	cr_assert_eq(gu_case_save_answer(db, id, "interview.date", "2025-03-01", NULL, &err), 0);
	cr_assert_eq(gu_case_save_results(db, id, &res, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	cr_assert_eq(gu_followup_due(db, "2025-05-01", &v, &n, &err), 0, "%s", err.message);
	gu_referrals_free(v, n);
	cr_assert_eq(n, 1, "the open referral is due");
	cr_assert_eq(gu_case_close(db, id, "moved_out", NULL, &err), 0, "%s", err.message);
	cr_assert_eq(gu_followup_due(db, "2025-05-01", &v, &n, &err), 0, "%s", err.message);
	gu_referrals_free(v, n);
	cr_assert_eq(n, 0, "a closed case has nothing due");
	cr_assert_eq(gu_case_reopen(db, id, "came back", &err), 0, "%s", err.message);
	cr_assert_eq(gu_followup_due(db, "2025-05-01", &v, &n, &err), 0, "%s", err.message);
	gu_referrals_free(v, n);
	cr_assert_eq(n, 1, "reopened, it is due again");
	gu_db_close(db);
}
