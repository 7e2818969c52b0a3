/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A case's personal data leaving the program (an answers file, a CSV row,
 * and later a referral sheet or a bundle): the consent gate, the rule for
 * whole ID numbers and the audit entry, in one place (db/release.c). */
#ifndef GUANAI_DB_RELEASE_H
#define GUANAI_DB_RELEASE_H

#include <stdbool.h>

#include "core/answers.h"
#include "db/store.h"

/* Returns true when a's consent.* keys record a legal basis: the guardian's
 * consent (and who gave it) or a statutory duty (and which). */
bool gu_consent_recorded(const gu_answers *a);

/* Sets *yes to whether case_id's stored answers record a legal basis
 * (gu_consent_recorded); returns 0 or < 0. */
int gu_case_consent_recorded(gu_db *db, const char *case_id, bool *yes, gu_error *err);

/* The consent gate.  Returns 0 when case_id's answers a record a legal
 * basis, or when override (a reason, NULL or "" for none) is given by a
 * supervisor: then the override and its reason are an audit entry.
 * Otherwise -GU_EPERM with a message saying what to record (or that only a
 * supervisor may override), or < 0. */
int gu_consent_gate(gu_db *db, const char *case_id, const gu_answers *a,
	const char *purpose, const char *override, gu_error *err);

/* Releases a case's answers for purpose ("export", ...): the consent gate,
 * then the ID number rule (db/id_rule.h: *masked says whether the number
 * was masked in a), then an audit entry "case.<purpose>".  Returns 0 when a
 * may leave, or < 0 with nothing to leave. */
int gu_case_release(gu_db *db, const char *case_id, gu_answers *a, const char *purpose,
	const char *override, bool *masked, gu_error *err);

#endif
