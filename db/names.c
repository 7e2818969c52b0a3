/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The names of case and referral statuses, as stored and as shown. */

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/store.h"

static const char *const case_names[GU_CASE_STATUS_COUNT] = {
	"draft", "complete", "returned", "reviewed", "closed"
};
static const char *const case_labels[GU_CASE_STATUS_COUNT] = {
	/* TRANSLATORS: case statuses, at most 8 columns each */
	N_("draft"), N_("complete"), N_("returned"), N_("reviewed"), N_("closed")
};
static const char *const ref_names[GU_REF_STATUS_COUNT] = {
	"referred", "in_progress", "delivered", "declined", "not_eligible", "accepted",
	"not_accepted"
};
static const char *const ref_labels[GU_REF_STATUS_COUNT] = {
	/* TRANSLATORS: referral statuses, at most 12 columns each */
	N_("referred"), N_("in progress"), N_("delivered"), N_("declined"), N_("not eligible"),
	N_("accepted"), N_("not accepted")
};
/* The statuses in the order a referral lives them. */
static const enum gu_ref_status ref_order[GU_REF_STATUS_COUNT] = {
	GU_REF_REFERRED, GU_REF_ACCEPTED, GU_REF_NOT_ACCEPTED, GU_REF_IN_PROGRESS,
	GU_REF_DELIVERED, GU_REF_DECLINED, GU_REF_NOT_ELIGIBLE
};

/* Returns the stored name of a case status. */
const char *gu_case_status_name(enum gu_case_status s)
{
	return (unsigned)s < GU_CASE_STATUS_COUNT ? case_names[s] : "draft";
}

/* Returns the translated word for a case status. */
const char *gu_case_status_label(enum gu_case_status s)
{
	return _((unsigned)s < GU_CASE_STATUS_COUNT ? case_labels[s] : case_labels[0]);
}

/* Sets *out from a status name; returns 0 or -GU_EINVAL. */
int gu_case_status_parse(const char *name, enum gu_case_status *out, gu_error *err)
{
	unsigned i;

	for (i = 0; name && i < GU_CASE_STATUS_COUNT; i++)
		if (strcmp(name, case_names[i]) == 0) {
			*out = (enum gu_case_status)i;
			return 0;
		}
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("\"%s\" is not a case status (draft, complete, returned, reviewed or closed)"),
		name ? name : "");
}

/* Adds the statuses of a comma-separated list to *mask; returns 0 or < 0. */
int gu_case_status_mask_parse(const char *list, unsigned *mask, gu_error *err)
{
	char *copy = strdup(list), *save = NULL, *word;
	int ret = 0;

	if (!copy)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, NULL);
	for (word = strtok_r(copy, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		enum gu_case_status s;

		while (*word == ' ')
			word++;
		ret = gu_case_status_parse(word, &s, err);
		if (ret < 0)
			break;
		*mask |= 1u << s;
	}
	free(copy);
	return ret;
}

/* Returns the stored name of a referral status. */
const char *gu_ref_status_name(enum gu_ref_status s)
{
	return (unsigned)s < GU_REF_STATUS_COUNT ? ref_names[s] : "referred";
}

/* Returns the translated word for a referral status. */
const char *gu_ref_status_label(enum gu_ref_status s)
{
	return _((unsigned)s < GU_REF_STATUS_COUNT ? ref_labels[s] : ref_labels[0]);
}

/* Sets *out from a referral status name; returns 0 or -GU_EINVAL. */
int gu_ref_status_parse(const char *name, enum gu_ref_status *out, gu_error *err)
{
	unsigned i;

	for (i = 0; name && i < GU_REF_STATUS_COUNT; i++)
		if (strcmp(name, ref_names[i]) == 0) {
			*out = (enum gu_ref_status)i;
			return 0;
		}
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("\"%s\" is not a referral status (referred, accepted, not_accepted, in_progress, "
		  "delivered, declined or not_eligible)"),
		name ? name : "");
}

/* Returns the status at position i of a referral's life. */
enum gu_ref_status gu_ref_status_in_order(int i)
{
	return i >= 0 && i < GU_REF_STATUS_COUNT ? ref_order[i] : GU_REF_REFERRED;
}

/* Returns true for a status that ends a referral. */
bool gu_ref_status_ends(enum gu_ref_status s)
{
	return s == GU_REF_DELIVERED || s == GU_REF_DECLINED || s == GU_REF_NOT_ELIGIBLE
		|| s == GU_REF_NOT_ACCEPTED;
}

/* Returns true for a status that needs a reason. */
bool gu_ref_status_needs_reason(enum gu_ref_status s)
{
	return s == GU_REF_NOT_ACCEPTED || s == GU_REF_DECLINED;
}

/* Returns true for a status a department's return slip reports. */
bool gu_ref_status_on_slip(enum gu_ref_status s)
{
	return s == GU_REF_ACCEPTED || s == GU_REF_NOT_ACCEPTED || s == GU_REF_DELIVERED;
}

/* Returns the kind of reasons status s takes, or GU_REASON_KIND_COUNT. */
static enum gu_reason_kind reason_kind(enum gu_ref_status s)
{
	if (s == GU_REF_NOT_ACCEPTED)
		return GU_REASON_NOT_ACCEPTED;
	return s == GU_REF_DECLINED ? GU_REASON_DECLINED : GU_REASON_KIND_COUNT;
}

/* Returns the reasons of status s (db/reasons.c), *n their count. */
const gu_ref_reason *gu_ref_reasons(enum gu_ref_status s, size_t *n)
{
	return gu_reasons(reason_kind(s), n);
}

/* Returns the reason with code for status s, or NULL. */
const gu_ref_reason *gu_ref_reason_find(enum gu_ref_status s, const char *code)
{
	return gu_reason_find(reason_kind(s), code);
}

/* Returns the codes of status s's reasons as "a, b or c" in buf. */
const char *gu_ref_reason_codes(enum gu_ref_status s, char *buf, size_t size)
{
	return gu_reason_codes(reason_kind(s), buf, size);
}
