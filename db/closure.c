/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Closing a case with a reason and reopening it (db/closure.h). */

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "db/access.h"
#include "db/closure.h"
#include "db/exchange.h"
#include "db/internal.h"

/* Returns the closing reasons of the one table (db/reasons.c). */
const gu_close_reason *gu_close_reasons(size_t *n)
{
	return gu_reasons(GU_REASON_CLOSE, n);
}

/* Returns the closing reason with code, or NULL. */
const gu_close_reason *gu_close_reason_find(const char *code)
{
	return gu_reason_find(GU_REASON_CLOSE, code);
}

/* Inserts one closures row inside the transaction; returns 0 or < 0. */
static int insert_closure(gu_db *db, const char *case_id, const char *action,
	const char *reason, const char *note, enum gu_case_status prev, gu_time_ms now,
	gu_error *err)
{
	sqlite3_stmt *st;
	char id[GU_ID_SIZE], today[11];
	int rc, ret;

	ret = gu_db_new_id(id, err);
	if (ret < 0)
		return ret;
	gu_date_format(gu_date_today(), today);
	st = gu_db_slot(db, GU_ST_CLOSURE_INSERT,
		"INSERT INTO closures (id, case_id, action, reason, note, prev_status, on_date, by,"
		" at, updated_at, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)", &rc);
	if (!st)
		goto cleanup;
	rc = GU_BIND(st, GU_TEXT(id), GU_TEXT(case_id), GU_TEXT(action),
		GU_TEXT(reason ? reason : ""), GU_TEXT(note ? note : ""),
		GU_TEXT(gu_case_status_name(prev)), GU_TEXT(today), GU_TEXT(gu_db_user(db)),
		GU_INT(now), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Reads the last closing row of a case into out (all "" when none) and the
 * status it had before; returns 0 or < 0. */
static int read_last_close(gu_db *db, const char *case_id, gu_closure *out,
	char prev[16], gu_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	prev[0] = '\0';
	st = gu_db_slot(db, GU_ST_CLOSURE_LAST,
		"SELECT reason, note, on_date, by, prev_status FROM closures"
		" WHERE case_id = ?1 AND action = 'close' ORDER BY at DESC, rowid DESC LIMIT 1", &rc);
	if (!st)
		goto cleanup;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, out->reason, sizeof out->reason);
		gu_column_copy(st, 1, out->note, sizeof out->note);
		gu_column_copy(st, 2, out->on, sizeof out->on);
		gu_column_copy(st, 3, out->by, sizeof out->by);
		gu_column_copy(st, 4, prev, 16);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
cleanup:
	if (st)
		sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Checks a closing against the case's status; returns 0 or -GU_EINVAL. */
static int check_close(const char *case_id, enum gu_case_status status, const char *reason,
	const char *note, gu_error *err)
{
	if (status == GU_CASE_CLOSED)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("case %s is closed already; reopen it first to close it again"), case_id);
	if (!gu_close_reason_find(reason))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a reason for closing a case (turned_18, moved_out, "
			  "not_qualified, duplicate or other)"), reason ? reason : "");
	if (strcmp(reason, "other") == 0 && (!note || !*note))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("closing a case for another reason needs a note saying what the reason is"));
	return 0;
}

/* Returns the status a reopened case gets back: the one stored at its
 * closing, else complete when it was ever completed, else draft. */
static enum gu_case_status status_before(const char *prev, bool completed)
{
	enum gu_case_status s;
	gu_error ignored;

	if (prev[0] && gu_case_status_parse(prev, &s, &ignored) == 0 && s != GU_CASE_CLOSED)
		return s;
	return completed ? GU_CASE_COMPLETE : GU_CASE_DRAFT;
}

/* Runs one decision in a transaction; returns 0 or < 0. */
static int decide(gu_db *db, const char *case_id, bool close, const char *reason,
	const char *note, gu_error *err)
{
	enum gu_case_status status, next;
	gu_time_ms now = gu_time_now();
	char detail[700], prev[16];
	gu_closure last;
	bool completed;
	int ret;

	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	/* a review decision is the office's; a laptop receives it */
	if (gu_xchg_role(db) == GU_XROLE_LAPTOP)
		return gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("this is a worker's laptop: a case is closed or reopened at the office, and "
			  "the decision comes back with the next bundle"));
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_state_in_tx(db, case_id, &status, &completed, err);
	if (ret == 0 && close)
		ret = check_close(case_id, status, reason, note, err);
	if (ret == 0 && !close && status != GU_CASE_CLOSED)
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("case %s is %s, not closed: there is nothing to reopen"),
			case_id, gu_case_status_label(status));
	if (ret == 0 && !close && (!note || !*note))
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("reopening a case needs a note saying why"));
	next = GU_CASE_CLOSED;
	if (ret == 0 && !close) {
		ret = read_last_close(db, case_id, &last, prev, err);
		next = status_before(prev, completed);
	}
	if (ret == 0)
		ret = insert_closure(db, case_id, close ? "close" : "reopen", close ? reason : "",
			note, status, now, err);
	if (ret == 0)
		ret = gu_case_set_status_in_tx(db, case_id, next, NULL, now, err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "%s%s%s", close ? reason : "",
			close && note && *note ? ": " : "", note ? note : "");
		ret = gu_audit_add_in_tx(db, close ? "case.close" : "case.reopen", case_id,
			detail, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Closes a case; returns 0 or < 0. */
int gu_case_close(gu_db *db, const char *case_id, const char *reason, const char *note,
	gu_error *err)
{
	GU_ERR_LOCAL(err);
	return decide(db, case_id, true, reason, note, err);
}

/* Reopens a case; returns 0 or < 0. */
int gu_case_reopen(gu_db *db, const char *case_id, const char *note, gu_error *err)
{
	GU_ERR_LOCAL(err);
	return decide(db, case_id, false, NULL, note, err);
}

/* Reads a case's last closing; returns 0 or < 0. */
int gu_case_closure(gu_db *db, const char *case_id, gu_closure *out, gu_error *err)
{
	char prev[16];
	int ret;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	return read_last_close(db, case_id, out, prev, err);
}
