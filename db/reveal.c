/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Revealing a masked ID number to a supervisor, with an audit entry. */

#include <string.h>

#include "core/i18n.h"
#include "db/access.h"
#include "db/id_rule.h"
#include "db/internal.h"
#include "db/review.h"

/* Reads the full ID number inside the transaction; returns 0, -GU_ENOTFOUND or < 0. */
static int read_id_number(gu_db *db, const char *case_id, char *out, size_t size,
	gu_error *err)
{
	sqlite3_stmt *st;
	int rc, ret = 0;

	st = gu_db_slot(db, GU_ST_CASE_ID_NUMBER, "SELECT child_id_number FROM cases WHERE id = ?1",
		&rc);
	if (!st)
		goto cleanup;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, out, size);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		ret = gu_db_no_case(db, case_id, err);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Reveals a case's ID number and audits it; returns 0 or < 0. */
int gu_case_reveal_id(gu_db *db, const char *case_id, char *out, size_t size,
	gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	if (size)
		out[0] = '\0';
	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = read_id_number(db, case_id, out, size, err);
	if (ret == 0)
		ret = gu_id_reveal_in_tx(db, case_id, "screen", err);
	if (ret == 0)
		ret = gu_db_commit(db, err);
	else
		gu_db_rollback(db);
	if (ret < 0 && size)
		memset(out, 0, size);
	return ret;
}
