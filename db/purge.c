/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Purging the personal data of cases past their retention (db/purge.h). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "db/access.h"
#include "db/internal.h"
#include "db/purge.h"

/* What a purge clears, in order; ?1 is the case id, ?2 the time.  The case
 * is marked purged first, so that the audit guard lets its details go. */
static const char *const purge_sql[GU_PURGE_STEPS] = {
	"UPDATE cases SET child_name = '', child_id_number = '', purged_at = ?2,"
	" updated_at = ?2 WHERE id = ?1",
	"DELETE FROM result_basis WHERE case_id = ?1",
	"DELETE FROM answers WHERE case_id = ?1",
	"DELETE FROM answer_history WHERE case_id = ?1",
	"UPDATE case_keys SET name = '', pinyin = '', initials = '', id_reversed = '',"
	" updated_at = ?2 WHERE case_id = ?1",
	"DELETE FROM name_queue WHERE case_id = ?1",
	"UPDATE results SET explanation = '', persons = '', reason = '', updated_at = ?2"
	" WHERE case_id = ?1",
	"UPDATE alerts SET text = '', updated_at = ?2 WHERE case_id = ?1",
	"UPDATE referrals SET who = '', last_note = NULL, updated_at = ?2 WHERE case_id = ?1",
	"UPDATE followups SET who = '', note = NULL, signed_by = '', updated_at = ?2"
	" WHERE case_id = ?1",
	"UPDATE reviews SET note = '', updated_at = ?2 WHERE case_id = ?1",
	"UPDATE visits SET seen = '', note = '', updated_at = ?2 WHERE case_id = ?1",
	"UPDATE reports SET not_yet = '', updated_at = ?2 WHERE case_id = ?1",
	"UPDATE closures SET note = '', updated_at = ?2 WHERE case_id = ?1",
	"UPDATE audit SET detail = NULL WHERE case_id = ?1 AND detail IS NOT NULL",
};

/* Fills one listed case from a row. */
static void fill_case(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_purge_case *c = elem;

	(void)oom;
	gu_column_copy(st, 0, c->id, sizeof c->id);
	gu_column_copy(st, 1, c->closed_on, sizeof c->closed_on);
	gu_column_copy(st, 2, c->township, sizeof c->township);
}

/* Lists the cases past retention; returns 0 or < 0. */
int gu_purge_list(gu_db *db, long months, const char *today, gu_purge_case **out,
	size_t *n, gu_error *err)
{
	char day[12];
	gu_date d;
	void *v = NULL;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	if (months < 0 || months > 1200)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the retention period must be 0 to 1200 months, not %ld; correct "
			  "retention_months in the policy file"), months);
	if (today && !gu_date_parse(today, &d))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a date; write it as YYYY-MM-DD"), today);
	snprintf(day, sizeof day, "%s", today ? today : "now");
	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_list_rows(db, GU_ST_PURGE_LIST, "SELECT id,"
		" date(closed_at / 1000, 'unixepoch', 'localtime'), township FROM cases"
		" WHERE status = 'closed' AND purged_at IS NULL AND closed_at IS NOT NULL"
		" AND date(closed_at / 1000, 'unixepoch', 'localtime')"
		"  < date(?1, '-' || ?2 || ' months')"
		" ORDER BY closed_at, id", GU_VALUES(GU_TEXT(day), GU_INT(months)),
		sizeof **out, fill_case, gu_rows_free_flat, &v, n, err);
	*out = v;
	return ret;
}

/* Runs each purge statement for one case; returns 0 or < 0. */
static int purge_case(gu_db *db, const char *id, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; rc == SQLITE_OK && i < GU_PURGE_STEPS; i++) {
		st = gu_db_slot(db, (enum gu_st)(GU_ST_PURGE_STEP + i), purge_sql[i], &rc);
		if (st)
			rc = gu_bind_text(st, 1, id);
		if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) >= 2)
			rc = sqlite3_bind_int64(st, 2, now);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_reset(st);
	}
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	return gu_audit_add_in_tx(db, "case.purge", id, NULL, now, err);
}

/* Purges the listed cases in one transaction; returns 0 or < 0. */
int gu_purge_run(gu_db *db, const gu_purge_case *cases, size_t n, gu_error *err)
{
	gu_time_ms now = gu_time_now();
	size_t i;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	for (i = 0; ret == 0 && i < n; i++)
		ret = purge_case(db, cases[i].id, now, err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}
