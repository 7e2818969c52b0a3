/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The rules of a referral's follow-ups (db/referral_check.h).  Dates are
 * "YYYY-MM-DD" text, already checked, so they compare as strings. */

#include <string.h>

#include "core/i18n.h"
#include "db/referral_check.h"

/* Returns true when s is given. */
static bool given(const char *s)
{
	return s && *s;
}

/* Returns true for a status that ends a referral (db/names.c). */
static bool closed(enum gu_ref_status s)
{
	return gu_ref_status_ends(s);
}

/* Checks the dates of the entry; returns 0 or -GU_EINVAL. */
static int check_dates(const gu_referral_facts *f, gu_error *err)
{
	if (strcmp(f->on, f->today) > 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the follow-up date %s is after today (%s): record what has happened, on the "
			  "day it happened"), f->on, f->today);
	if (given(f->interview_date) && strcmp(f->on, f->interview_date) < 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the follow-up date %s is before the case's interview (%s): give the date it "
			  "happened"), f->on, f->interview_date);
	if (given(f->next_due) && strcmp(f->next_due, f->on) < 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the next due date %s is before the follow-up's date %s: give a later one"),
			f->next_due, f->on);
	if (f->referred && given(f->referred_on) && strcmp(f->on, f->referred_on) < 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the follow-up date %s is before the referral (%s): give the date it "
			  "happened"), f->on, f->referred_on);
	if (f->referred && given(f->last_on) && strcmp(f->on, f->last_on) < 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the follow-up date %s is before the referral's last entry (%s): entries are "
			  "recorded in the order they happened"), f->on, f->last_on);
	return 0;
}

/* Checks the entry's reason and return slip; returns 0 or -GU_EINVAL. */
static int check_reason(const gu_referral_facts *f, gu_error *err)
{
	char codes[160];

	if (gu_ref_status_needs_reason(f->status) && !given(f->reason))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" needs a reason: give one of %s (and for other, say what in the note)"),
			gu_ref_status_label(f->status), gu_ref_reason_codes(f->status, codes, sizeof codes));
	if (!gu_ref_status_needs_reason(f->status) && given(f->reason))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("a reason is kept only for \"not accepted\" and \"declined\"; write what "
			  "else there is to say in the note"));
	if (given(f->reason) && !gu_ref_reason_find(f->status, f->reason))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a reason for \"%s\": give one of %s"), f->reason,
			gu_ref_status_label(f->status), gu_ref_reason_codes(f->status, codes, sizeof codes));
	if (given(f->reason) && strcmp(f->reason, "other") == 0 && !given(f->note))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the reason is \"other\": say what it is in the note"));
	if (given(f->signed_by) && !gu_ref_status_on_slip(f->status))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("a department's return slip reports accepted, not accepted or delivered, not "
			  "\"%s\": leave out who signed it"), gu_ref_status_label(f->status));
	return 0;
}

/* Checks the entry against the referral's life; returns 0 or < 0. */
int gu_referral_check(const gu_referral_facts *f, gu_error *err)
{
	int ret = check_dates(f, err);

	if (ret == 0)
		ret = check_reason(f, err);
	if (ret < 0)
		return ret;
	if (!f->referred && !given(f->verdict))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("item %d is not eligible or to verify for this case: only the items its "
			  "results show can be referred"), f->item);
	if (!f->referred && f->status != GU_REF_REFERRED)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("item %d has not been referred: record \"referred\" first, then what the "
			  "department did"), f->item);
	if (f->referred && f->status == GU_REF_REFERRED && !closed(f->current))
		return gu_error_set(err, GU_EEXIST, NULL, 0, 0,
			_("item %d is already referred (on %s); record what happened since instead"),
			f->item, given(f->last_on) ? f->last_on : "?");
	if (f->referred && closed(f->current) && f->status != GU_REF_REFERRED)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the referral of item %d has ended (%s): refer it again first"), f->item,
			gu_ref_status_label(f->current));
	if (f->referred && closed(f->current) && f->status == GU_REF_REFERRED && !given(f->verdict))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("item %d is not eligible or to verify for this case: only the items its "
			  "results show can be referred"), f->item);
	if ((f->status == GU_REF_ACCEPTED || f->status == GU_REF_NOT_ACCEPTED)
	    && f->current != GU_REF_REFERRED)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the department has answered the referral of item %d already (it is now %s): "
			  "record what happened since instead"), f->item,
			gu_ref_status_label(f->current));
	return 0;
}
