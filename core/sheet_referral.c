/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A referral sheet and its return slip, as document blocks (core/sheet.h). */

#include <stdio.h>

#include "core/i18n.h"
#include "core/sheet.h"

/* Returns s, or "" for NULL. */
static const char *or_blank(const char *s)
{
	return s ? s : "";
}

/* Appends the child's essential data. */
static void put_child(gu_doc *d, const gu_sheet_info *s)
{
	char age[64] = "", dob[96], guardian[320];

	if (s->child_age >= 0)
		snprintf(age, sizeof age, _("%d years"), s->child_age);
	snprintf(dob, sizeof dob, "%s%s%s%s", or_blank(s->child_dob),
		*age && s->child_dob && *s->child_dob ? " (" : "", age,
		*age && s->child_dob && *s->child_dob ? ")" : "");
	snprintf(guardian, sizeof guardian, "%s%s%s%s", or_blank(s->guardian),
		s->guardian_relation && *s->guardian_relation ? " (" : "",
		or_blank(s->guardian_relation),
		s->guardian_relation && *s->guardian_relation ? ")" : "");
	gu_doc_add(d, GU_DOC_HEADING, _("The child"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Name"), or_blank(s->child_name), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Sex"), or_blank(s->child_sex), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Date of birth (age)"), dob, NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("ID number"), or_blank(s->id_number), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Township or street"), or_blank(s->township), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Hukou county"), or_blank(s->hukou_county), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Guardian"), guardian, NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Guardian's phone"), or_blank(s->guardian_phone), NULL, NULL);
}

/* Appends the items referred, one row each. */
static void put_items(gu_doc *d, const gu_sheet_info *s)
{
	char no[16];
	size_t i;

	gu_doc_add(d, GU_DOC_HEADING, _("Services referred"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_HEAD, _("Item"), _("Service"), _("Verdict"), _("Reason"));
	for (i = 0; i < s->nitems; i++) {
		snprintf(no, sizeof no, "%d", s->items[i].number);
		gu_doc_add(d, GU_DOC_ROW, no, or_blank(s->items[i].name),
			or_blank(s->items[i].verdict), or_blank(s->items[i].reason));
	}
	gu_doc_add(d, GU_DOC_PARA, _("\"Verify\" means the family appears to qualify but a fact "
		"must be checked by your unit (a document, a certificate or a register) before the "
		"service is given."), NULL, NULL, NULL);
}

/* Appends the return slip after a cutting line. */
static void put_slip(gu_doc *d, const gu_sheet_info *s)
{
	gu_doc_add(d, GU_DOC_CUT, _("cut here: the receiving unit fills in the slip below and "
		"returns it to the worker"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_HEADING, _("Return slip"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Sheet number"), or_blank(s->ref), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Child"), or_blank(s->child_name), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Receiving unit"), or_blank(s->dept), NULL, NULL);
	gu_doc_add(d, GU_DOC_CHECK, _("Accepted"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_CHECK, _("Not accepted"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_LINE, _("Why not:"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_CHECK, _("Service delivered"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_LINE, _("Delivered on:"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_SIGN, _("Handled by (signature):"), _("Date:"), NULL, NULL);
	gu_doc_add(d, GU_DOC_SIGN, _("Unit's seal:"), _("Date:"), NULL, NULL);
}

/* Appends the whole sheet: title, child, items, referrer, signatures, slip. */
void gu_sheet_referral(gu_doc *d, const gu_sheet_info *s)
{
	char sub[512];

	snprintf(sub, sizeof sub, _("Sheet No. %s, to %s"), or_blank(s->ref), or_blank(s->dept));
	gu_doc_add(d, GU_DOC_TITLE, _("Referral sheet for care services"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_SUBTITLE, or_blank(s->list_title), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_SUBTITLE, sub, NULL, NULL, NULL);
	put_child(d, s);
	put_items(d, s);
	gu_doc_add(d, GU_DOC_HEADING, _("Referred by"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Social worker"), or_blank(s->worker), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Interview date"), or_blank(s->interview_date), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Printed on"), or_blank(s->printed_on), NULL, NULL);
	gu_doc_add(d, GU_DOC_PARA, _("Please accept the services above within your unit's duties, "
		"and fill in and return the slip below within 15 working days."), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_SIGN, _("Social worker (signature):"), _("Date:"), NULL, NULL);
	gu_doc_add(d, GU_DOC_SIGN, _("Township office (seal):"), _("Date:"), NULL, NULL);
	put_slip(d, s);
}
