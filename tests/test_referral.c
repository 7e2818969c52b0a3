/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The follow-ups of a referral make sense: an item that does not apply,
 * "delivered" without a referral, a date after today or before the
 * interview, a due date before the event, an event before the last one and
 * a second "referred" are each refused with a message, and nothing of a
 * refused follow-up is stored. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "core/date.h"
#include "db/referral_check.h"
#include "tests/test_supervise_util.h"

TestSuite(referral, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Facts of a sensible first referral of item 3 on 2025-03-02. */
static gu_referral_facts first(void)
{
	gu_referral_facts f = { .item = 3, .today = "2025-03-10", .interview_date = "2025-03-01",
		.verdict = "eligible", .referred = false, .status = GU_REF_REFERRED,
		.on = "2025-03-02", .next_due = "2025-04-01" };

	return f;
}

/* Facts of a later entry of a referral made on 2025-03-02. */
static gu_referral_facts later(enum gu_ref_status s, const char *on)
{
	gu_referral_facts f = first();

	f.referred = true;
	f.current = GU_REF_REFERRED;
	f.last_on = "2025-03-02";
	f.status = s;
	f.on = on;
	f.next_due = NULL;
	return f;
}

Test(referral, the_rules_refuse_each_kind_of_nonsense)
{
	gu_referral_facts f = first();
	gu_error err;

	cr_assert_eq(gu_referral_check(&f, &err), 0, "%s", err.message);
	f.verdict = "";
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EINVAL, "an item that does not apply");
	cr_assert_not_null(strstr(err.message, "not eligible"));
	f = first();
	f.status = GU_REF_DELIVERED;
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EINVAL, "delivered without a referral");
	cr_assert_not_null(strstr(err.message, "referred"));
	f = first();
	f.on = "2030-01-01";
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EINVAL, "a date after today");
	cr_assert_not_null(strstr(err.message, "after today"));
	f = first();
	f.on = "2025-02-28";
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EINVAL, "before the interview");
	cr_assert_not_null(strstr(err.message, "interview"));
	f = first();
	f.on = "2025-03-01";
	cr_assert_eq(gu_referral_check(&f, &err), 0, "on the interview day itself");
	f = first();
	f.next_due = "2025-03-01";
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EINVAL, "a due date before the event");
	cr_assert_not_null(strstr(err.message, "next due date"));
	f.next_due = f.on;
	cr_assert_eq(gu_referral_check(&f, &err), 0, "due the same day");
	f = first();
	f.today = f.on;
	cr_assert_eq(gu_referral_check(&f, &err), 0, "today itself");

	f = later(GU_REF_IN_PROGRESS, "2025-03-01");
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EINVAL, "an event before the last one");
	cr_assert_not_null(strstr(err.message, "last entry"));
	f = later(GU_REF_IN_PROGRESS, "2025-03-02");
	cr_assert_eq(gu_referral_check(&f, &err), 0, "the same day as the last one");
	f = later(GU_REF_REFERRED, "2025-03-05");
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EEXIST, "a second referred");
	f = later(GU_REF_DELIVERED, "2025-03-05");
	cr_assert_eq(gu_referral_check(&f, &err), 0, "%s", err.message);
	f.current = GU_REF_DELIVERED;
	f.status = GU_REF_IN_PROGRESS;
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EINVAL, "after the end");
	f.status = GU_REF_REFERRED;
	cr_assert_eq(gu_referral_check(&f, &err), 0, "referred again after the end");
	f.verdict = NULL;
	cr_assert_eq(gu_referral_check(&f, &err), -GU_EINVAL, "referred again, no longer applying");
}

/* Makes a case interviewed on 2025-03-01 with item 3 eligible; writes its id. */
static gu_db *screened(char id[GU_ID_SIZE])
{
	gu_db *db = sv_open();
	gu_result r[1] = { { .item = 3, .verdict = GU_YES, .persons = "child" } };
	gu_results res = { .v = r, .n = 1 };
	gu_error err;

	sv_case(db, "li", "大平房镇", "王小明", "", id);
	cr_assert_eq(gu_case_save_answer(db, id, "interview.date", "2025-03-01", NULL, &err), 0);
	cr_assert_eq(gu_case_save_results(db, id, &res, "p", "1", "h", &err), 0, "%s", err.message);
	return db;
}

/* Counts the follow-ups of item 3 of case id; returns the count. */
static size_t entries(gu_db *db, const char *id)
{
	gu_followup *v;
	size_t n;
	gu_error err;

	cr_assert_eq(gu_followup_list(db, id, 3, &v, &n, &err), 0, "%s", err.message);
	gu_followups_free(v, n);
	return n;
}

Test(referral, the_store_refuses_nonsense_and_keeps_nothing_of_it)
{
	char id[GU_ID_SIZE], today[16], tomorrow[16];
	gu_db *db = screened(id);
	gu_followup_new f = { .status = GU_REF_REFERRED, .date = "2025-03-02", .next_due = "2025-04-01" };
	gu_referral *r;
	size_t n;
	gu_error err;

	gu_date_format(gu_date_today(), today);
	gu_date_format(gu_date_add_days(gu_date_today(), 1), tomorrow);
	cr_assert_eq(gu_followup_add(db, id, 5, &f, &err), -GU_EINVAL, "item 5 does not apply");
	f.status = GU_REF_DELIVERED;
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "delivered first");
	f.status = GU_REF_REFERRED;
	f.date = tomorrow;
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "tomorrow");
	f.date = "2025-02-01";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "before the interview");
	f.date = "2025-03-02";
	f.next_due = "2025-03-01";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "due before the event");
	cr_assert_eq(entries(db, id), 0, "nothing refused was stored");

	f.next_due = "2025-04-01";
	f.unit = "县民政局";
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	f.unit = NULL;
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EEXIST, "referred twice");
	f.status = GU_REF_IN_PROGRESS;
	f.date = "2025-03-01";
	f.next_due = NULL;
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), -GU_EINVAL, "before the last entry");
	f.date = today;
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	f.status = GU_REF_DELIVERED;
	cr_assert_eq(gu_followup_add(db, id, 3, &f, &err), 0, "%s", err.message);
	cr_assert_eq(entries(db, id), 3);
	cr_assert_eq(gu_referral_list(db, id, &r, &n, &err), 0, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(r[0].unit, "县民政局", "the receiving unit stays recorded");
	cr_assert_str_eq(r[0].referred_on, "2025-03-02");
	cr_assert_eq(r[0].status, GU_REF_DELIVERED);
	gu_referrals_free(r, n);
	gu_db_close(db);
}
