/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A referral's outcomes: the department's answer (accepted, or not with a
 * reason of the list), the family's refusal with its reason, the return
 * slip's signer, and the dates; each refusal has its message and stores
 * nothing, each success is kept with its history and audited. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "core/date.h"
#include "db/referral_check.h"
#include "tests/test_supervise_util.h"

TestSuite(outcome, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Facts of an entry s on day on, for item 3 referred on 2025-03-02 and now
 * in status now. */
static gu_referral_facts answer(enum gu_ref_status now, enum gu_ref_status s, const char *on)
{
	gu_referral_facts f = { .item = 3, .today = "2025-03-10", .interview_date = "2025-03-01",
		.verdict = "eligible", .referred = true, .current = now, .last_on = "2025-03-02",
		.referred_on = "2025-03-02", .status = s, .on = on };

	return f;
}

/* Asserts that f is refused with a message holding words. */
static void refused(const gu_referral_facts *f, const char *words, const char *what)
{
	gu_error err;

	gu_error_clear(&err);
	cr_assert_eq(gu_referral_check(f, &err), -GU_EINVAL, "%s", what);
	cr_assert_not_null(strstr(err.message, words), "%s: %s", what, err.message);
}

/* Asserts that f is accepted. */
static void allowed(const gu_referral_facts *f, const char *what)
{
	gu_error err;

	gu_error_clear(&err);
	cr_assert_eq(gu_referral_check(f, &err), 0, "%s: %s", what, err.message);
}

Test(outcome, the_department_answers_a_referral_once)
{
	gu_referral_facts f = answer(GU_REF_REFERRED, GU_REF_ACCEPTED, "2025-03-05");

	allowed(&f, "accepted after referred");
	f.signed_by = "张科长";
	allowed(&f, "accepted from a return slip");
	f = answer(GU_REF_REFERRED, GU_REF_ACCEPTED, "2025-03-05");
	f.referred = false;
	f.current = GU_REF_REFERRED;
	refused(&f, "has not been referred", "accepted without a referral");
	f = answer(GU_REF_ACCEPTED, GU_REF_ACCEPTED, "2025-03-05");
	refused(&f, "answered", "accepted twice");
	f = answer(GU_REF_IN_PROGRESS, GU_REF_NOT_ACCEPTED, "2025-03-05");
	f.reason = "quota";
	refused(&f, "answered", "not accepted once the work is under way");
	f = answer(GU_REF_NOT_ACCEPTED, GU_REF_DELIVERED, "2025-03-05");
	refused(&f, "ended", "delivered after not accepted");
	f = answer(GU_REF_NOT_ACCEPTED, GU_REF_REFERRED, "2025-03-05");
	allowed(&f, "referred again after not accepted");
	f = answer(GU_REF_ACCEPTED, GU_REF_IN_PROGRESS, "2025-03-05");
	allowed(&f, "in progress after accepted");
	f = answer(GU_REF_ACCEPTED, GU_REF_DELIVERED, "2025-03-05");
	f.signed_by = "张科长";
	allowed(&f, "delivered from a return slip");
}

Test(outcome, not_accepted_and_declined_need_a_reason_of_the_list)
{
	gu_referral_facts f = answer(GU_REF_REFERRED, GU_REF_NOT_ACCEPTED, "2025-03-05");

	refused(&f, "needs a reason", "not accepted without a reason");
	f.reason = "";
	refused(&f, "needs a reason", "not accepted with an empty reason");
	f.reason = "moved";
	refused(&f, "is not a reason", "a family's reason for the department");
	f.reason = "quota";
	allowed(&f, "not accepted, no place");
	f.reason = "other";
	refused(&f, "in the note", "other without saying what");
	f.note = "";
	refused(&f, "in the note", "other with an empty note");
	f.note = "儿童已由邻县接收";
	allowed(&f, "other with a note");

	f = answer(GU_REF_IN_PROGRESS, GU_REF_DECLINED, "2025-03-05");
	refused(&f, "needs a reason", "declined without a reason");
	f.reason = "criteria";
	refused(&f, "is not a reason", "a department's reason for the family");
	f.reason = "elsewhere";
	allowed(&f, "declined, received elsewhere");

	f = answer(GU_REF_ACCEPTED, GU_REF_IN_PROGRESS, "2025-03-05");
	f.reason = "quota";
	refused(&f, "only for", "a reason on in progress");
	f = answer(GU_REF_ACCEPTED, GU_REF_IN_PROGRESS, "2025-03-05");
	f.signed_by = "张科长";
	refused(&f, "return slip", "a slip's signer on in progress");
	f = answer(GU_REF_ACCEPTED, GU_REF_DECLINED, "2025-03-05");
	f.reason = "unwilling";
	f.signed_by = "张科长";
	refused(&f, "return slip", "the family's refusal is not on the department's slip");
}

Test(outcome, dates_before_the_referral_or_after_today_are_refused)
{
	gu_referral_facts f = answer(GU_REF_REFERRED, GU_REF_ACCEPTED, "2025-03-01");

	f.last_on = NULL;
	refused(&f, "before the referral", "accepted before it was referred");
	f.on = "2025-03-11";
	refused(&f, "after today", "accepted tomorrow");
	f.on = "2025-03-02";
	allowed(&f, "accepted the day it was referred");
}

/* Makes a case interviewed on 2025-03-01 with item 3 eligible, referred on
 * 2025-03-02; writes its id. */
static gu_db *referred(char id[GU_ID_SIZE])
{
	gu_db *db = sv_open();
	gu_result r[1] = { { .item = 3, .verdict = GU_YES, .persons = "child" } };
	gu_results res = { .v = r, .n = 1 };
	gu_followup_new f = { .status = GU_REF_REFERRED, .date = "2025-03-02", .unit = "市教育局" };
	gu_error err;

	sv_case(db, "li", "大平房镇", "王小明", "", id);
	cr_assert_eq(gu_case_save_answer(db, id, "interview.date", "2025-03-01", NULL, &err), 0);
	cr_assert_eq(gu_case_save_results(db, id, &res, "p", "1", "h", &err), 0, "%s", err.message);
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	return db;
}

/* Returns item 3's status now in case id. */
static enum gu_ref_status status_now(gu_db *db, const char *id)
{
	gu_referral *r;
	size_t n;
	gu_error err;
	enum gu_ref_status s;

	cr_assert_eq(gu_referral_list(db, id, &r, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	s = r[0].status;
	gu_referrals_free(r, n);
	return s;
}

/* Returns how many audit entries of case id hold detail. */
static size_t audited(gu_db *db, const char *id, const char *detail)
{
	gu_audit_entry *v;
	size_t n, i, k = 0;
	gu_error err;

	cr_assert_eq(gu_audit_list(db, id, 0, &v, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].action, "followup.add") == 0 && v[i].detail
		    && strstr(v[i].detail, detail))
			k++;
	gu_audit_entries_free(v, n);
	return k;
}

Test(outcome, a_return_slip_is_kept_with_the_history)
{
	char id[GU_ID_SIZE], today[16];
	gu_db *db = referred(id);
	gu_followup_new f = { .status = GU_REF_ACCEPTED, .date = "2025-03-05", .signed_by = "张科长",
		.note = "回执已收", .next_due = "2025-04-01" };
	gu_referral *due;
	gu_followup *fu;
	size_t n, ndue;
	gu_error err;

	gu_date_format(gu_date_today(), today);
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	cr_assert_eq(status_now(db, id), GU_REF_ACCEPTED);
	cr_assert_eq(gu_followup_due(db, "2025-04-01", &due, &ndue, &err), 0, "%s", err.message);
	cr_assert_eq(ndue, 1, "an accepted referral is still followed up");
	cr_assert_eq(due[0].status, GU_REF_ACCEPTED);
	gu_referrals_free(due, ndue);
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "accepted twice");
	memset(&f, 0, sizeof f);
	f.status = GU_REF_IN_PROGRESS;
	f.date = "2025-03-06";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	f.status = GU_REF_DELIVERED;
	f.date = today;
	f.signed_by = "张科长";
	cr_assert_eq(gu_db_set_user(db, "li"), 0);
	f.note = "已发放助学金";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	cr_assert_eq(status_now(db, id), GU_REF_DELIVERED);

	cr_assert_eq(gu_followup_list(db, id, 3, &fu, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 4, "referred, accepted, in progress, delivered: every step kept");
	cr_assert_eq(fu[0].status, GU_REF_REFERRED);
	cr_assert_eq(fu[1].status, GU_REF_ACCEPTED);
	cr_assert_str_eq(fu[1].on, "2025-03-05");
	cr_assert_str_eq(fu[1].signed_by, "张科长");
	cr_assert_str_eq(fu[1].note, "回执已收");
	cr_assert_str_eq(fu[2].signed_by, "", "an entry that is no slip has no signer");
	cr_assert_eq(fu[3].status, GU_REF_DELIVERED);
	cr_assert_str_eq(fu[3].who, "li", "who entered it");
	gu_followups_free(fu, n);
	cr_assert_eq(audited(db, id, "item 3: accepted, return slip"), 1);
	cr_assert_eq(audited(db, id, "item 3: delivered, return slip"), 1);
	gu_db_close(db);
}

Test(outcome, not_accepted_ends_the_referral_with_its_reason)
{
	char id[GU_ID_SIZE];
	gu_db *db = referred(id);
	gu_followup_new f = { .status = GU_REF_NOT_ACCEPTED, .date = "2025-03-04" };
	gu_referral *due;
	gu_followup *fu;
	size_t n, ndue;
	gu_error err;

	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "no reason");
	f.reason = "elsewhere";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "a family's reason");
	f.reason = "documents";
	f.date = "2025-03-01";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "before the referral");
	cr_assert_not_null(strstr(err.message, "before the referral"), "%s", err.message);
	cr_assert_eq(gu_followup_list(db, id, 5, &fu, &n, &err), 0, "%s", err.message);
	gu_followups_free(fu, n);
	f.date = "2025-03-04";
	cr_assert_eq(gu_followup_add(db, id, 5, &f, &err), -GU_EINVAL, "an item never referred");
	cr_assert_eq(gu_followup_list(db, id, 3, &fu, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1, "nothing refused was stored");
	gu_followups_free(fu, n);

	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	cr_assert_eq(status_now(db, id), GU_REF_NOT_ACCEPTED);
	cr_assert_eq(gu_followup_due(db, "2099-01-01", &due, &ndue, &err), 0, "%s", err.message);
	cr_assert_eq(ndue, 0, "a referral not accepted is no longer followed up");
	gu_referrals_free(due, ndue);
	cr_assert_eq(gu_followup_list(db, id, 3, &fu, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(fu[1].reason, "documents");
	gu_followups_free(fu, n);
	cr_assert_eq(audited(db, id, "item 3: not_accepted (documents)"), 1);

	memset(&f, 0, sizeof f);
	f.status = GU_REF_REFERRED;
	f.date = "2025-03-06";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "referred again: %s", err.message);
	cr_assert_eq(status_now(db, id), GU_REF_REFERRED);
	f.status = GU_REF_DECLINED;
	f.reason = "moved";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	cr_assert_eq(status_now(db, id), GU_REF_DECLINED);
	gu_db_close(db);
}

Test(outcome, every_reason_has_a_code_and_words)
{
	size_t n, i;
	const gu_ref_reason *r = gu_ref_reasons(GU_REF_NOT_ACCEPTED, &n);
	char codes[160];

	cr_assert_gt(n, 1);
	for (i = 0; i < n; i++)
		cr_assert_eq(gu_ref_reason_find(GU_REF_NOT_ACCEPTED, r[i].code), &r[i]);
	cr_assert_null(gu_ref_reasons(GU_REF_DELIVERED, &n));
	cr_assert_eq(n, 0);
	gu_ref_reason_codes(GU_REF_DECLINED, codes, sizeof codes);
	cr_assert_not_null(strstr(codes, "not_needed, "), "%s", codes);
	cr_assert_not_null(strstr(codes, " or other"), "%s", codes);
}
