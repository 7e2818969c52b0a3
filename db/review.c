/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Review decisions: approving a completed case or returning it. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/access.h"
#include "db/internal.h"
#include "db/review.h"

/* Returns the return reasons of the one table (db/reasons.c). */
const gu_return_reason *gu_return_reasons(size_t *n)
{
	return gu_reasons(GU_REASON_RETURN, n);
}

/* Returns the return reason with code, or NULL. */
const gu_return_reason *gu_return_reason_find(const char *code)
{
	return gu_reason_find(GU_REASON_RETURN, code);
}

/* Inserts the decision row inside the transaction; returns 0 or < 0. */
static int insert_review(gu_db *db, const char *case_id, enum gu_review_decision d,
	const char *reason, const char *note, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st;
	char id[GU_ID_SIZE];
	int rc, ret;

	ret = gu_db_new_id(id, err);
	if (ret < 0)
		return ret;
	st = gu_db_slot(db, GU_ST_REVIEW_INSERT,
		"INSERT INTO reviews (id, case_id, decision, reason, note, by, at, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)", &rc);
	if (!st)
		goto cleanup;
	rc = GU_BIND(st, GU_TEXT(id), GU_TEXT(case_id),
		GU_TEXT(d == GU_REVIEW_APPROVE ? "approve" : "return"), GU_TEXT(reason ? reason : ""),
		GU_TEXT(note ? note : ""), GU_TEXT(gu_db_user(db)), GU_INT(now), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Checks a decision's arguments against the case's status; returns 0 or -GU_EINVAL. */
static int check_decision(const char *case_id, enum gu_case_status status,
	enum gu_review_decision d, const char *reason, const char *note, gu_error *err)
{
	if (d == GU_REVIEW_APPROVE) {
		if (status != GU_CASE_COMPLETE)
			return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
				_("case %s is %s: only a complete case can be approved"),
				case_id, gu_case_status_label(status));
		return 0;
	}
	if (d != GU_REVIEW_RETURN)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("not a review decision"));
	if (status != GU_CASE_COMPLETE && status != GU_CASE_REVIEWED)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("case %s is %s: only a complete or reviewed case can be returned"),
			case_id, gu_case_status_label(status));
	if (!gu_return_reason_find(reason))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a reason for returning a case (incomplete, inconsistent, "
			  "documents, verify, wrong_child or other)"), reason ? reason : "");
	if (!note || !*note)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("a returned case needs a note telling the worker what to change"));
	return 0;
}

/* Records a decision; returns 0 or < 0. */
int gu_review_decide(gu_db *db, const char *case_id, enum gu_review_decision d,
	const char *reason, const char *note, gu_error *err)
{
	enum gu_case_status status;
	gu_time_ms now = gu_time_now();
	char detail[700];
	bool completed;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_state_in_tx(db, case_id, &status, &completed, err);
	if (ret == 0)
		ret = check_decision(case_id, status, d, reason, note, err);
	if (ret == 0)
		ret = insert_review(db, case_id, d, d == GU_REVIEW_RETURN ? reason : NULL, note,
			now, err);
	if (ret == 0)
		ret = gu_case_set_status_in_tx(db, case_id,
			d == GU_REVIEW_APPROVE ? GU_CASE_REVIEWED : GU_CASE_RETURNED, NULL, now, err);
	if (ret == 0) {
		if (d == GU_REVIEW_APPROVE)
			snprintf(detail, sizeof detail, "%s", note ? note : "");
		else
			snprintf(detail, sizeof detail, "%s: %s", reason, note);
		ret = gu_audit_add_in_tx(db, d == GU_REVIEW_APPROVE ? "review.approve"
			: "review.return", case_id, detail, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Fills one decision from a row (a gu_row_fill_fn). */
static void fill_review(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_review *r = elem;
	const char *dec = (const char *)sqlite3_column_text(st, 1);

	gu_column_copy(st, 0, r->id, sizeof r->id);
	r->decision = dec && strcmp(dec, "return") == 0 ? GU_REVIEW_RETURN : GU_REVIEW_APPROVE;
	gu_column_copy(st, 2, r->reason, sizeof r->reason);
	r->note = gu_column_dup(st, 3, oom);
	gu_column_copy(st, 4, r->by, sizeof r->by);
	r->at = sqlite3_column_int64(st, 5);
}

/* Frees a list of decisions given as void * (a gu_rows_free_fn). */
static void free_reviews(void *v, size_t n)
{
	gu_reviews_free(v, n);
}

/* Lists a case's decisions newest first; returns 0 or < 0. */
int gu_review_list(gu_db *db, const char *case_id, gu_review **out, size_t *n,
	gu_error *err)
{
	void *v = NULL;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_case_rows(db, GU_ST_REVIEW_LIST,
		"SELECT id, decision, reason, note, by, at FROM reviews WHERE case_id = ?1"
		" ORDER BY at DESC, rowid DESC", case_id, sizeof **out, fill_review, free_reviews,
		&v, n, err);
	*out = v;
	return ret;
}

/* Frees decisions. */
void gu_reviews_free(gu_review *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].note);
	free(v);
}

/* Fills a returned case from the statement's row. */
static void fill_returned(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_returned *r = elem;

	(void)oom;
	gu_column_copy(st, 0, r->id, sizeof r->id);
	gu_column_copy(st, 1, r->child_name, sizeof r->child_name);
	gu_column_copy(st, 2, r->reason, sizeof r->reason);
	gu_column_copy(st, 3, r->note, sizeof r->note);
}

/* Lists the returned cases the session may see; returns 0 or < 0. */
int gu_review_returned(gu_db *db, size_t max, gu_returned **out, size_t *n, gu_error *err)
{
	const char *worker = NULL;
	void *v = NULL;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = gu_access_list_worker(db, NULL, &worker, err);
	if (ret < 0)
		return ret;
	ret = gu_db_list_rows(db, GU_ST_REVIEW_RETURNED,
		"SELECT c.id, c.child_name, r.reason, r.note FROM cases c"
		" JOIN reviews r ON r.id = (SELECT id FROM reviews WHERE case_id = c.id"
		"  AND decision = 'return' ORDER BY at DESC, rowid DESC LIMIT 1)"
		" WHERE c.status = 'returned' AND (?1 IS NULL OR " GU_SQL_CASE_WORKER("c") " = ?1)"
		" ORDER BY r.at DESC LIMIT ?2", GU_VALUES(GU_TEXT(worker), GU_INT((sqlite3_int64)max)),
		sizeof **out, fill_returned, gu_rows_free_flat, &v, n, err);
	*out = v;
	return ret;
}
