/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The consent gate and the release of a case's answers (db/release.h). */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/access.h"
#include "db/id_rule.h"
#include "db/internal.h"
#include "db/release.h"

/* Returns true when key has a non-empty value in a. */
static bool has(const gu_answers *a, const char *key)
{
	const char *v = gu_answers_get(a, key);

	return v && *v;
}

/* Returns true when a legal basis is recorded. */
bool gu_consent_recorded(const gu_answers *a)
{
	const char *basis = gu_answers_get(a, "consent.basis");

	if (!basis)
		return false;
	if (strcmp(basis, "guardian_consent") == 0)
		return has(a, "consent.by");
	if (strcmp(basis, "statutory_duty") == 0)
		return has(a, "consent.reason");
	return false;
}

/* Reads a case's consent.* answers and judges them; returns 0 or < 0. */
int gu_case_consent_recorded(gu_db *db, const char *case_id, bool *yes, gu_error *err)
{
	sqlite3_stmt *st;
	gu_answers a;
	int rc;
	GU_ERR_LOCAL(err);

	*yes = false;
	st = gu_db_stmt(db, GU_ST_CONSENT_GET, "SELECT key, value FROM answers"
		" WHERE case_id = ?1 AND key IN ('consent.basis', 'consent.by', 'consent.reason')", err);
	if (!st)
		return -(int)err->code;
	gu_answers_init(&a);
	rc = gu_bind_text(st, 1, case_id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = gu_answers_set(&a, (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1)) == 0 ? SQLITE_OK : SQLITE_NOMEM;
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_reset(st);
	*yes = rc == SQLITE_OK && gu_consent_recorded(&a);
	gu_answers_free(&a);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Checks the basis or records a supervisor's override; returns 0 or < 0. */
int gu_consent_gate(gu_db *db, const char *case_id, const gu_answers *a,
	const char *purpose, const char *override, gu_error *err)
{
	char detail[600];
	int ret;
	GU_ERR_LOCAL(err);

	if (gu_consent_recorded(a))
		return 0;
	if (!override || !*override)
		return gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("case %s records no legal basis for passing on its personal data: record in "
			  "the interview the guardian's consent (who gave it, their relation, how and "
			  "when) or the statutory duty and its reason; a supervisor may override with a "
			  "reason"), case_id);
	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	snprintf(detail, sizeof detail, "%s: %s", purpose, override);
	return gu_audit_add(db, "consent.override", case_id, detail, err);
}

/* Gates, masks or records, and audits a release; returns 0 or < 0. */
int gu_case_release(gu_db *db, const char *case_id, gu_answers *a, const char *purpose,
	const char *override, bool *masked, gu_error *err)
{
	char action[64];
	int ret;
	GU_ERR_LOCAL(err);

	*masked = false;
	ret = gu_consent_gate(db, case_id, a, purpose, override, err);
	if (ret == 0)
		ret = gu_id_rule_answers(db, case_id, a, purpose, masked, err);
	if (ret < 0)
		return ret;
	snprintf(action, sizeof action, "case.%s", purpose);
	return gu_audit_add(db, action, case_id, *masked ? "id_number masked" : NULL, err);
}
