/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The rule for whole ID numbers (db/id_rule.h): who may see them, and the
 * audit entry each time one is shown. */

#include <string.h>

#include "core/i18n.h"
#include "core/idcard.h"
#include "core/keys.h"
#include "db/access.h"
#include "db/id_rule.h"
#include "db/internal.h"

/* Returns true when a query of len trailing digits shows nothing hidden. */
bool gu_id_query_visible(size_t len)
{
	return len <= 4 || len == 18;
}

/* Sets *may from the session's role; returns 0 or < 0. */
int gu_id_may_reveal(gu_db *db, bool *may, gu_error *err)
{
	enum gu_access mode = GU_ACCESS_NONE;
	int ret = gu_access_mode(db, &mode, err);

	*may = ret == 0 && mode == GU_ACCESS_ALL;
	return ret;
}

/* Appends the reveal's audit entry; returns 0 or < 0. */
int gu_id_reveal_in_tx(gu_db *db, const char *case_id, const char *purpose, gu_error *err)
{
	return gu_audit_add_in_tx(db, "case.reveal_id", case_id, purpose, gu_time_now(), err);
}

/* Records a reveal in its own transaction; returns 0 or < 0. */
int gu_id_reveal(gu_db *db, const char *case_id, const char *purpose, gu_error *err)
{
	return gu_audit_add(db, "case.reveal_id", case_id, purpose, err);
}

/* Returns true when s is a number worth masking (not empty, not "none"). */
static bool has_number(const char *s)
{
	return s && *s && strcmp(s, "none") != 0;
}

/* Masks or records the answers' ID number; returns 0 or < 0. */
int gu_id_rule_answers(gu_db *db, const char *case_id, gu_answers *a, const char *purpose,
	bool *masked, gu_error *err)
{
	const char *number = gu_answers_get(a, GU_KEY_CHILD_ID);
	char buf[20];
	bool may = false;
	int ret;
	GU_ERR_LOCAL(err);

	*masked = false;
	if (!has_number(number))
		return 0;
	ret = gu_id_may_reveal(db, &may, err);
	if (ret < 0)
		return ret;
	if (!may) {
		*masked = true;
		if (gu_answers_set(a, GU_KEY_CHILD_ID, gu_idcard_mask(number, buf)) != 0)
			return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		return 0;
	}
	return gu_id_reveal(db, case_id, purpose, err);
}
