/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The guardian's consent form, printed before the interview, as document
 * blocks (core/sheet.h). */

#include <stdio.h>

#include "core/i18n.h"
#include "core/sheet.h"

/* Returns s, or "" for NULL. */
static const char *or_blank(const char *s)
{
	return s ? s : "";
}

/* Appends the form: what, why, who sees it, how long, deletion, signatures. */
void gu_sheet_consent(gu_doc *d, const gu_consent_info *c)
{
	char kept[512];

	if (c->retention_months > 0)
		snprintf(kept, sizeof kept, _("The record is kept while the child receives services. "
			"%ld months after the case is closed, the names, ID numbers, answers and notes "
			"are removed; only counts without names remain."), c->retention_months);
	else
		snprintf(kept, sizeof kept, "%s", _("The record is kept while the child receives "
			"services, and its personal data is removed after the case is closed."));
	gu_doc_add(d, GU_DOC_TITLE, _("Consent form"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_SUBTITLE, or_blank(c->list_title), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Child"), or_blank(c->child_name), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Guardian"), or_blank(c->guardian), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Township or street"), or_blank(c->township), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Social worker"), or_blank(c->worker), NULL, NULL);
	gu_doc_add(d, GU_DOC_HEADING, _("What is collected and why"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_PARA, _("The social worker asks about the child and the household: "
		"names, ID numbers, dates of birth, hukou and residence, the parents' situation, "
		"health and disability, school, housing, work and income. The answers are used only "
		"to find which of the city's care services the child and the family may receive, and "
		"to follow those services up."), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_HEADING, _("Who will see it"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_PARA, _("The social worker and the supervisors of the township or "
		"county office. A department that provides a service receives a referral sheet with "
		"only what it needs for that service; the ID number is masked unless the department "
		"needs it. Every time the record is printed or passed on, it is logged."),
		NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_HEADING, _("How long it is kept"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_PARA, kept, NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_HEADING, _("Asking for a copy, a correction or deletion"),
		NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_PARA, _("The guardian may ask the social worker or the township office "
		"at any time to see the record, to correct it, or to withdraw this consent and have "
		"the record deleted. Withdrawing consent does not take away a service the law "
		"provides."), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_HEADING, _("Consent"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_CHECK, _("I have read this form (or had it read to me) and agree that "
		"the information above is collected and used as described."), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_LINE, _("Relation to the child:"), NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_SIGN, _("Guardian (signature):"), _("Date:"), NULL, NULL);
	gu_doc_add(d, GU_DOC_SIGN, _("Social worker (signature):"), _("Date:"), NULL, NULL);
	gu_doc_add(d, GU_DOC_FIELD, _("Printed on"), or_blank(c->printed_on), NULL, NULL);
}
