/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Results: the verdicts the rule engine computed for a case, stored with
 * the policy they were computed under, and read back. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/difficulty.h"
#include "db/groups.h"
#include "db/groups.h"
#include "db/access.h"
#include "db/internal.h"

/* Runs a statement bound to the case id alone; returns 0 or < 0. */
static int run_for_case(gu_db *db, enum gu_st slot, const char *sql, const char *case_id,
	gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, slot, sql, err);
	int rc;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if (sqlite3_bind_parameter_count(st) >= 2 &&
	    (rc = sqlite3_bind_int64(st, 2, now)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Inserts one result row, its explanation left out when lean (it is
 * rebuilt when read); returns 0 or < 0. */
static int put_result(gu_db *db, const char *case_id, const gu_result *r, bool lean,
	const char *pid, const char *pver, const char *phash, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_RESULT_INSERT,
		"INSERT INTO results (case_id, item, verdict, persons, reason, explanation,"
		" policy_id, policy_version, policy_hash, computed_at, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), coalesce(?6, ''), coalesce(?7, ''),"
		" coalesce(?8, ''), coalesce(?9, ''), ?10, ?10, ?11)", err);
	int rc;

	if (!st)
		return -(int)err->code;
	rc = GU_BIND(st, GU_TEXT(case_id), GU_INT(r->item),
		GU_TEXT(r->verdict == GU_YES ? "eligible" : "verify"), GU_TEXT(r->persons),
		GU_TEXT(r->reason), GU_TEXT(lean ? "" : r->explanation), GU_TEXT(pid),
		GU_TEXT(pver), GU_TEXT(phash), GU_INT(now), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Inserts one alert row; returns 0 or < 0. */
static int put_alert(gu_db *db, const char *case_id, const gu_alert *a,
	const char *phash, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_ALERT_INSERT,
		"INSERT INTO alerts (case_id, alert, text, policy_hash, computed_at, updated_at, device)"
		" VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, ''), ?5, ?5, ?6)"
		" ON CONFLICT (case_id, alert) DO UPDATE SET text = excluded.text", err);
	int rc;

	if (!st)
		return -(int)err->code;
	rc = GU_BIND(st, GU_TEXT(case_id), GU_TEXT(a->id), GU_TEXT(a->text), GU_TEXT(phash),
		GU_INT(now), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Replaces a case's results inside a transaction; when evaluated, r is
 * the evaluation of the stored answers under the policy in use (the save
 * need not evaluate them again); returns 0 or < 0. */
static int put_results(gu_db *db, const char *case_id, const gu_results *r, bool evaluated,
	const char *policy_id, const char *policy_version, const char *policy_hash,
	gu_time_ms now, gu_error *err)
{
	char detail[160];
	int ret = 0, eligible = 0, verify = 0;
	size_t i;
	gu_results again;
	const gu_results *check = &again;
	bool have_again, lean_any = false;

	memset(&again, 0, sizeof again);
	/* what evaluating the stored answers again gives back need not be stored */
	if (evaluated) {
		have_again = gu_explain_policy_in_use(db, policy_hash);
		check = r;
	} else {
		ret = gu_explain_save_basis(db, case_id, policy_hash, &again, &have_again, err);
	}
	if (ret == 0)
		ret = run_for_case(db, GU_ST_RESULT_CLEAR, "DELETE FROM results WHERE case_id = ?1",
			case_id, now, err);
	if (ret == 0)
		ret = run_for_case(db, GU_ST_ALERT_CLEAR, "DELETE FROM alerts WHERE case_id = ?1",
			case_id, now, err);
	for (i = 0; ret == 0 && i < r->n; i++) {
		bool lean;

		if (r->v[i].verdict == GU_NO)
			continue;
		if (r->v[i].verdict == GU_YES)
			eligible++;
		else
			verify++;
		lean = have_again && gu_explain_droppable(check, &r->v[i]);
		lean_any = lean_any || lean;
		ret = put_result(db, case_id, &r->v[i], lean, policy_id, policy_version, policy_hash,
			now, err);
	}
	gu_results_free(&again);
	if (ret == 0)
		ret = gu_explain_set_basis_in_tx(db, case_id, lean_any, now, err);
	for (i = 0; ret == 0 && i < r->nalerts; i++)
		ret = put_alert(db, case_id, &r->alerts[i], policy_hash, now, err);
	if (ret == 0)
		ret = run_for_case(db, GU_ST_CASE_COUNTS,
			"UPDATE cases SET updated_at = ?2,"
			" n_eligible = (SELECT count(*) FROM results WHERE case_id = ?1"
			"  AND verdict = 'eligible'),"
			" n_verify = (SELECT count(*) FROM results WHERE case_id = ?1"
			"  AND verdict = 'verify') WHERE id = ?1", case_id, now, err);
	if (ret == 0) /* the groups, for lists and the dashboard (db/groups.c) */
		ret = gu_case_groups_put_in_tx(db, case_id, r->groups, now, err);
	if (ret == 0) /* the kinds of a difficult child, for the ledger */
		ret = gu_case_difficulty_put_in_tx(db, case_id, r->difficult_kinds, now, err);
	if (ret < 0)
		return ret;
	snprintf(detail, sizeof detail, "eligible %d, verify %d, policy %.64s", eligible, verify,
		policy_hash ? policy_hash : "");
	return gu_audit_add_in_tx(db, "results.save", case_id, detail, now, err);
}

/* Replaces a case's results inside a transaction; returns 0 or < 0. */
int gu_results_put_in_tx(gu_db *db, const char *case_id, const gu_results *r,
	const char *policy_id, const char *policy_version, const char *policy_hash,
	gu_time_ms now, gu_error *err)
{
	return put_results(db, case_id, r, false, policy_id, policy_version, policy_hash, now,
		err);
}

/* Replaces a case's results computed from its stored answers under the
 * policy in use inside a transaction; returns 0 or < 0. */
int gu_results_put_evaluated_in_tx(gu_db *db, const char *case_id, const gu_results *r,
	const char *policy_id, const char *policy_version, const char *policy_hash,
	gu_time_ms now, gu_error *err)
{
	return put_results(db, case_id, r, true, policy_id, policy_version, policy_hash, now,
		err);
}

/* Replaces a case's results in one transaction; returns 0 or < 0. */
int gu_case_save_results(gu_db *db, const char *case_id, const gu_results *r,
	const char *policy_id, const char *policy_version, const char *policy_hash,
	gu_error *err)
{
	enum gu_case_status status;
	bool completed;
	int ret;
	GU_ERR_LOCAL(err);
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_state_in_tx(db, case_id, &status, &completed, err);
	if (ret == 0)
		ret = gu_results_put_in_tx(db, case_id, r, policy_id, policy_version, policy_hash,
			gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Fills one saved result or alert from a row. */
static void fill_saved(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_saved_result *s = elem;

	s->item = sqlite3_column_int(st, 0);
	gu_column_copy(st, 1, s->verdict, sizeof s->verdict);
	gu_column_copy(st, 2, s->persons, sizeof s->persons);
	s->reason = gu_column_dup(st, 3, oom);
	s->explanation = gu_column_dup(st, 4, oom);
	gu_column_copy(st, 5, s->policy_hash, sizeof s->policy_hash);
	s->computed = sqlite3_column_int64(st, 6);
}

/* Frees a list of saved results given as void *. */
static void free_saved(void *v, size_t n)
{
	gu_saved_results_free(v, n);
}

/* Loads saved alerts and results, the explanations left out rebuilt when
 * explain; returns 0 or < 0. */
static int load_results(gu_db *db, const char *case_id, bool explain, gu_saved_result **out,
	size_t *n, gu_error *err)
{
	void *v;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_case_rows(db, GU_ST_RESULT_LIST,
		"SELECT 0, alert, '', text, NULL, policy_hash, computed_at FROM alerts"
		" WHERE case_id = ?1"
		" UNION ALL SELECT item, verdict, persons, reason, explanation, policy_hash,"
		" computed_at FROM results WHERE case_id = ?1 ORDER BY 1, 2",
		case_id, sizeof **out, fill_saved, free_saved, &v, n, err);
	if (ret == 0 && explain)
		ret = gu_explain_fill(db, case_id, v, *n, err);
	if (ret < 0) {
		gu_saved_results_free(v, *n);
		v = NULL;
		*n = 0;
	}
	*out = v;
	return ret;
}

/* Loads saved alerts and results with every explanation; returns 0 or < 0. */
int gu_case_load_results(gu_db *db, const char *case_id, gu_saved_result **out,
	size_t *n, gu_error *err)
{
	return load_results(db, case_id, true, out, n, err);
}

/* Loads saved alerts and results, explanations as stored; returns 0 or < 0. */
int gu_case_load_verdicts(gu_db *db, const char *case_id, gu_saved_result **out,
	size_t *n, gu_error *err)
{
	return load_results(db, case_id, false, out, n, err);
}

/* Frees saved results. */
void gu_saved_results_free(gu_saved_result *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].reason);
		free(v[i].explanation);
	}
	free(v);
}
