/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The one table of reasons (db/reasons.h). */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/reasons.h"

/* Every kind's reasons, a kind's rows together; "other" always last and
 * always needing a note that says what it is. */
static const gu_reason reasons[] = {
	/* TRANSLATORS: reasons for returning a case, at most 30 columns each */
	{ GU_REASON_RETURN, "incomplete", N_("answers are missing") },
	{ GU_REASON_RETURN, "inconsistent", N_("answers contradict each other") },
	{ GU_REASON_RETURN, "documents", N_("proof or documents are missing") },
	{ GU_REASON_RETURN, "verify", N_("items to verify need checking") },
	{ GU_REASON_RETURN, "wrong_child", N_("wrong child or family") },
	{ GU_REASON_RETURN, "other", N_("other (see the note)") },
	/* TRANSLATORS: reasons for closing a case, at most 30 columns each */
	{ GU_REASON_CLOSE, "turned_18", N_("the child turned 18") },
	{ GU_REASON_CLOSE, "moved_out", N_("moved out of the city") },
	{ GU_REASON_CLOSE, "not_qualified", N_("no longer qualifies") },
	{ GU_REASON_CLOSE, "duplicate", N_("a duplicate of another case") },
	{ GU_REASON_CLOSE, "other", N_("other (see the note)") },
	/* TRANSLATORS: why a department did not accept a referral */
	{ GU_REASON_NOT_ACCEPTED, "criteria", N_("does not meet the department's criteria") },
	{ GU_REASON_NOT_ACCEPTED, "documents", N_("papers missing") },
	{ GU_REASON_NOT_ACCEPTED, "jurisdiction", N_("not this department's area") },
	{ GU_REASON_NOT_ACCEPTED, "quota", N_("no place or funds at present") },
	{ GU_REASON_NOT_ACCEPTED, "other", N_("other (say what in the note)") },
	/* TRANSLATORS: why a family declined a referral */
	{ GU_REASON_DECLINED, "not_needed", N_("the family says it is not needed") },
	{ GU_REASON_DECLINED, "elsewhere", N_("already received elsewhere") },
	{ GU_REASON_DECLINED, "moved", N_("the family moved away") },
	{ GU_REASON_DECLINED, "unwilling", N_("the family does not want it") },
	{ GU_REASON_DECLINED, "other", N_("other (say what in the note)") },
};

/* Returns the reasons of kind k, *n their count. */
const gu_reason *gu_reasons(enum gu_reason_kind k, size_t *n)
{
	size_t i, first = 0, count = 0;

	for (i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].kind == k && count++ == 0)
			first = i;
	*n = count;
	return count ? &reasons[first] : NULL;
}

/* Returns the reason of kind k with code, or NULL. */
const gu_reason *gu_reason_find(enum gu_reason_kind k, const char *code)
{
	size_t n, i;
	const gu_reason *r = gu_reasons(k, &n);

	for (i = 0; code && i < n; i++)
		if (strcmp(r[i].code, code) == 0)
			return &r[i];
	return NULL;
}

/* Writes the codes of kind k as "a, b or c" into buf; returns buf. */
const char *gu_reason_codes(enum gu_reason_kind k, char *buf, size_t size)
{
	size_t n, i, o = 0;
	const gu_reason *r = gu_reasons(k, &n);

	if (size)
		buf[0] = '\0';
	for (i = 0; i < n && o < size; i++) {
		int w = snprintf(buf + o, size - o, "%s%s", i == 0 ? "" : i + 1 == n ? _(" or ") : ", ",
			r[i].code);

		if (w < 0)
			break;
		o += (size_t)w;
	}
	return buf;
}
