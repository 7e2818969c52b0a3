/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Cases: creating, reading, listing, the resume position and the status. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/township.h"
#include "db/access.h"
#include "db/id_rule.h"
#include "db/exchange.h"
#include "db/internal.h"

/* The worker is the one the office assigned the case to, else its maker. */
#define CASE_COLUMNS \
	"id, status, child_name, child_id_number, township," \
	" " GU_SQL_CASE_WORKER("cases") "," \
	" policy_id, policy_version, policy_hash, device, resume_key, answered," \
	" progress_done, progress_total, n_eligible, n_verify, created_at," \
	" updated_at, coalesce(completed_at, 0)"

/* Fills info from a row of CASE_COLUMNS. */
static void read_case(sqlite3_stmt *st, gu_case_info *c)
{
	char status[16];

	memset(c, 0, sizeof *c);
	gu_column_copy(st, 0, c->id, sizeof c->id);
	gu_column_copy(st, 1, status, sizeof status);
	if (gu_case_status_parse(status, &c->status, NULL) < 0)
		c->status = GU_CASE_DRAFT;
	gu_column_copy(st, 2, c->child_name, sizeof c->child_name);
	gu_column_copy(st, 3, c->child_id_number, sizeof c->child_id_number);
	gu_column_copy(st, 4, c->township, sizeof c->township);
	gu_column_copy(st, 5, c->worker, sizeof c->worker);
	gu_column_copy(st, 6, c->policy_id, sizeof c->policy_id);
	gu_column_copy(st, 7, c->policy_version, sizeof c->policy_version);
	gu_column_copy(st, 8, c->policy_hash, sizeof c->policy_hash);
	gu_column_copy(st, 9, c->device, sizeof c->device);
	gu_column_copy(st, 10, c->resume_key, sizeof c->resume_key);
	c->answered = sqlite3_column_int(st, 11);
	c->progress_done = sqlite3_column_int(st, 12);
	c->progress_total = sqlite3_column_int(st, 13);
	c->n_eligible = sqlite3_column_int(st, 14);
	c->n_verify = sqlite3_column_int(st, 15);
	c->created = sqlite3_column_int64(st, 16);
	c->updated = sqlite3_column_int64(st, 17);
	c->completed = sqlite3_column_int64(st, 18);
}

/* Returns -GU_ENOTFOUND with a message naming the case id. */
int gu_db_no_case(gu_db *db, const char *id, gu_error *err)
{
	return gu_error_set(err, GU_ENOTFOUND, db->path, 0, 0,
		_("there is no case %s in this database; \"guanai cases\" lists them"), id ? id : "");
}

/* Reads a case's status and completion time inside a transaction; returns
 * 0, -GU_ENOTFOUND or < 0. */
int gu_case_state_in_tx(gu_db *db, const char *id, enum gu_case_status *status,
	bool *completed, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_CASE_STATE,
		"SELECT status, completed_at IS NOT NULL FROM cases WHERE id = ?1", err);
	char text[16];
	int rc, ret = 0;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, text, sizeof text);
		if (gu_case_status_parse(text, status, NULL) < 0)
			*status = GU_CASE_DRAFT;
		*completed = sqlite3_column_int(st, 1) != 0;
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		ret = gu_db_no_case(db, id, err);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Inserts a new case inside a transaction; returns 0 or < 0. */
int gu_case_create_in_tx(gu_db *db, const gu_case_new *c, char id[GU_ID_SIZE],
	gu_time_ms now, gu_error *err)
{
	char counted[160];
	sqlite3_stmt *st;
	int rc, ret;

	ret = gu_db_new_id(id, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_CASE_INSERT,
		"INSERT INTO cases (id, status, worker, township, child_name, child_id_number,"
		" policy_id, policy_version, policy_hash, created_at, updated_at, device)"
		" VALUES (?1, 'draft', coalesce(?2, ''), coalesce(?3, ''), coalesce(?4, ''),"
		" coalesce(?5, ''), coalesce(?6, ''), coalesce(?7, ''), coalesce(?8, ''), ?9, ?9, ?10)",
		err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 2, c->worker && *c->worker ? c->worker : gu_db_user(db))) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 3, gu_township_counted_as(c->township, counted, sizeof counted))) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 4, c->child_name)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 5, c->child_id_number)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 6, c->policy_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 7, c->policy_version)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 8, c->policy_hash)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int64(st, 9, now)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 10, db->device)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	ret = gu_search_keys_in_tx(db, id, false, err);
	if (ret < 0)
		return ret;
	return gu_audit_add_in_tx(db, "case.create", id, NULL, now, err);
}

/* Creates a draft case; returns 0 or < 0. */
int gu_case_create(gu_db *db, const gu_case_new *c, char id[GU_ID_SIZE], gu_error *err)
{
	gu_case_new none = { 0 };
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_create_in_tx(db, c ? c : &none, id, gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		id[0] = '\0';
		return ret;
	}
	ret = gu_db_commit(db, err);
	if (ret < 0)
		id[0] = '\0';
	return ret;
}

/* Reads one case; returns 0, -GU_ENOTFOUND or < 0. */
int gu_case_get(gu_db *db, const char *id, gu_case_info *out, gu_error *err)
{
	sqlite3_stmt *st;
	int rc, ret = 0;
	GU_ERR_LOCAL(err);

	ret = gu_access_check_case(db, id, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_CASE_GET, "SELECT " CASE_COLUMNS " FROM cases WHERE id = ?1", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_case(st, out);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		ret = gu_db_no_case(db, id, err);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Remembers the question on screen and the progress; returns 0 or < 0. */
int gu_case_set_resume(gu_db *db, const char *case_id, const char *key,
	int done, int total, gu_error *err)
{
	sqlite3_stmt *st;
	int rc, ret;
	GU_ERR_LOCAL(err);
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_CASE_RESUME_SET,
		"UPDATE cases SET resume_key = coalesce(?2, ''), progress_done = ?3,"
		" progress_total = ?4, updated_at = ?5 WHERE id = ?1", err);
	if (!st) {
		gu_db_rollback(db);
		return -(int)err->code;
	}
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 2, key)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int(st, 3, done)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int(st, 4, total)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int64(st, 5, gu_time_now())) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		gu_db_rollback(db);
		return ret;
	}
	if (sqlite3_changes(db->h) == 0) {
		gu_db_rollback(db);
		return gu_db_no_case(db, case_id, err);
	}
	return gu_db_commit(db, err);
}

/* Writes the remembered question into key; returns 0 or < 0. */
int gu_case_get_resume(gu_db *db, const char *case_id, char *key, size_t size,
	gu_error *err)
{
	sqlite3_stmt *st;
	int rc, ret = 0;
	GU_ERR_LOCAL(err);
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;

	st = gu_db_stmt(db, GU_ST_CASE_RESUME_GET, "SELECT resume_key FROM cases WHERE id = ?1", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, key, size);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		ret = gu_db_no_case(db, case_id, err);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Changes the status inside a transaction and logs it; returns 0 or < 0. */
int gu_case_set_status_in_tx(gu_db *db, const char *case_id, enum gu_case_status s,
	const char *note, gu_time_ms now, gu_error *err)
{
	enum gu_case_status old;
	sqlite3_stmt *st;
	bool completed;
	char detail[640];
	int rc, ret;

	if ((unsigned)s >= GU_CASE_STATUS_COUNT)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("not a case status"));
	if ((s == GU_CASE_REVIEWED || s == GU_CASE_CLOSED || s == GU_CASE_RETURNED)
	    && gu_xchg_role(db) == GU_XROLE_LAPTOP)
		return gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("this laptop is enrolled with an office: only the office reviews, "
			  "returns and closes cases"));
	ret = gu_case_state_in_tx(db, case_id, &old, &completed, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_CASE_STATUS_SET,
		"UPDATE cases SET status = ?2, updated_at = ?3,"
		" completed_at = CASE WHEN ?2 = 'complete' AND completed_at IS NULL"
		" THEN ?3 ELSE completed_at END WHERE id = ?1", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 2, gu_case_status_name(s))) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int64(st, 3, now)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	snprintf(detail, sizeof detail, "%s -> %s%s%s", gu_case_status_name(old),
		gu_case_status_name(s), note && *note ? ": " : "", note ? note : "");
	return gu_audit_add_in_tx(db, "case.status", case_id, detail, now, err);
}

/* Changes the status; returns 0 or < 0. */
int gu_case_set_status(gu_db *db, const char *case_id, enum gu_case_status s,
	const char *note, gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_set_status_in_tx(db, case_id, s, note, gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Finds the one case whose id starts with prefix; returns 0 or < 0. */
int gu_case_resolve(gu_db *db, const char *prefix, char id[GU_ID_SIZE], gu_error *err)
{
	sqlite3_stmt *st;
	char low[GU_ID_SIZE], high[GU_ID_SIZE];
	size_t len = prefix ? strlen(prefix) : 0, i;
	int rc, found = 0;
	GU_ERR_LOCAL(err);

	id[0] = '\0';
	for (i = 0; i < len; i++)
		if (!strchr("0123456789abcdef", prefix[i]) || prefix[i] == '\0')
			break;
	if (len < 4 || len > 32 || i < len)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a case id (32 digits 0-9 and a-f, or at least their first 4)"),
			prefix ? prefix : "");
	memcpy(low, prefix, len);
	memcpy(high, prefix, len);
	memset(low + len, '0', 32 - len);
	memset(high + len, 'f', 32 - len);
	low[32] = high[32] = '\0';
	st = gu_db_stmt(db, GU_ST_CASE_RESOLVE,
		"SELECT id FROM cases WHERE id BETWEEN ?1 AND ?2 ORDER BY id LIMIT 2", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, low)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 2, high)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++ == 0)
			gu_column_copy(st, 0, id, GU_ID_SIZE);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK) {
		id[0] = '\0';
		return gu_db_fail(db, rc, err);
	}
	if (found == 0)
		return gu_db_no_case(db, prefix, err);
	if (found > 1) {
		id[0] = '\0';
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("several cases have an id starting with %s; give more of it"), prefix);
	}
	return 0;
}
