/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Answers: saving each confirmed answer in its own transaction, with the
 * history of changed values, and loading a case's answers back. */

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "core/township.h"
#include "db/access.h"
#include "db/internal.h"

/* Reads the stored value of key into *old (malloc'd, NULL when absent);
 * returns 0 or < 0. */
static int old_value(gu_db *db, const char *case_id, const char *key, char **old,
	gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_ANSWER_GET,
		"SELECT value FROM answers WHERE case_id = ?1 AND key = ?2", err);
	bool oom = false;
	int rc;

	*old = NULL;
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 2, key)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*old = gu_column_dup(st, 0, &oom);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	if (oom)
		return gu_error_set(err, GU_ENOMEM, db->path, 0, 0, _("out of memory"));
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Records one change of an answer; returns 0 or < 0. */
static int add_history(gu_db *db, const char *case_id, const char *key,
	const char *old, const char *value, const char *reason, gu_time_ms now,
	gu_error *err)
{
	sqlite3_stmt *st;
	char id[GU_ID_SIZE];
	int rc, ret;

	ret = gu_db_new_id(id, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_HISTORY_INSERT,
		"INSERT INTO answer_history (id, case_id, key, old_value, new_value, reason,"
		" changed_at, changed_by, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?9)", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 2, case_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 3, key)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 4, old)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 5, value)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 6, reason && *reason ? reason : NULL)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int64(st, 7, now)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 8, gu_db_user(db))) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 9, db->device)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Writes (value) or removes (NULL) the answer row; returns 0 or < 0. */
static int write_answer(gu_db *db, const char *case_id, const char *key,
	const char *value, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (value)
		st = gu_db_stmt(db, GU_ST_ANSWER_UPSERT,
			/* a key the case has keeps its place (seq) and its row is
			 * replaced (a view takes no ON CONFLICT: db/schema_compact.c) */
			"INSERT OR REPLACE INTO answers (case_id, key, value, seq, answered_at,"
			" answered_by, updated_at, device) VALUES (?1, ?2, ?3,"
			" coalesce((SELECT seq FROM answers WHERE case_id = ?1 AND key = ?2),"
			"  (SELECT coalesce(max(seq), 0) + 1 FROM answers WHERE case_id = ?1)),"
			" ?4, ?5, ?4, ?6)", err);
	else
		st = gu_db_stmt(db, GU_ST_ANSWER_DELETE,
			"DELETE FROM answers WHERE case_id = ?1 AND key = ?2", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 2, key)) != SQLITE_OK)
		goto cleanup;
	if (value) {
		if ((rc = gu_bind_text(st, 3, value)) != SQLITE_OK)
			goto cleanup;
		if ((rc = sqlite3_bind_int64(st, 4, now)) != SQLITE_OK)
			goto cleanup;
		if ((rc = gu_bind_text(st, 5, gu_db_user(db))) != SQLITE_OK)
			goto cleanup;
		if ((rc = gu_bind_text(st, 6, db->device)) != SQLITE_OK)
			goto cleanup;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Updates the case's time and, for the township's answer, the township it
 * is counted under; returns 0 or < 0.  The name, ID number, answer count,
 * interview date and hukou county follow the answers by triggers
 * (db/schema_derived.c, db/schema_county.c); the township is counted by
 * the program's list (gu_township_counted_as), which SQL cannot read.  The
 * case's owner (worker) is not one of them: the 访谈人 answer is what was
 * typed, ownership is the creator's or an office's assignment
 * (docs/exchange.md). */
static int touch_case(gu_db *db, const char *case_id, const char *key,
	const char *value, gu_time_ms now, gu_error *err)
{
	char counted[160];
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_CASE_TOUCH,
		"UPDATE cases SET updated_at = ?2,"
		" township = CASE WHEN ?3 THEN coalesce(?4, '') ELSE township END"
		" WHERE id = ?1", err);
	bool township = strcmp(key, GU_KEY_INTERVIEW_TOWNSHIP) == 0;
	int rc;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int64(st, 2, now)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int(st, 3, township)) != SQLITE_OK)
		goto cleanup;
	/* the township is counted under its listed name, with its county when
	 * two counties share it (core/township.h) */
	if ((rc = gu_bind_text(st, 4, township
			? gu_township_counted_as(value, counted, sizeof counted) : NULL)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Saves one answer inside the caller's transaction; returns 0 or < 0. */
int gu_answer_put_in_tx(gu_db *db, const char *case_id, bool completed,
	const char *key, const char *value, const char *reason, gu_time_ms now,
	gu_error *err)
{
	char *old = NULL;
	int ret;

	if (!key || !*key)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("an answer needs a key"));
	ret = old_value(db, case_id, key, &old, err);
	if (ret < 0)
		return ret;
	if ((!old && !value) || (old && value && strcmp(old, value) == 0))
		goto cleanup;
	if (completed && (!reason || !*reason)) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%s: this case was completed, so a change needs a reason; give one"), key);
		goto cleanup;
	}
	if (old || completed) {
		ret = add_history(db, case_id, key, old, value, reason, now, err);
		if (ret < 0)
			goto cleanup;
	}
	ret = write_answer(db, case_id, key, value, now, err);
	if (ret < 0)
		goto cleanup;
	ret = touch_case(db, case_id, key, value, now, err);
	/* A name or ID number is searched by keys computed as it is saved
	 * (when ICU is up: else by the case list, with its progress). */
	if (ret == 0 && (strcmp(key, GU_KEY_CHILD_NAME) == 0 || strcmp(key, GU_KEY_CHILD_ID) == 0))
		ret = gu_search_keys_in_tx(db, case_id, false, err);
cleanup:
	free(old);
	return ret;
}

/* Updates the case's time and the township it is counted under (NULL:
 * not among the answers) once, after all the answers of a new case were
 * written (the other columns read from answers follow them by triggers,
 * see touch_case); returns 0 or < 0. */
static int touch_new_case(gu_db *db, const char *case_id, const char *township,
	gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_CASE_TOUCH_ALL,
		"UPDATE cases SET updated_at = ?2, township = coalesce(?3, township) WHERE id = ?1",
		err);
	int rc;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int64(st, 2, now)) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 3, township)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Saves the answers of a case created in this transaction; returns 0 or < 0. */
int gu_answers_put_new_in_tx(gu_db *db, const char *case_id, const gu_answers *a,
	gu_time_ms now, gu_error *err)
{
	const char *township = NULL;
	char counted[160];
	size_t i;
	int ret = 0;

	for (i = 0; ret == 0 && a && i < a->n; i++) {
		const char *key = a->v[i].key, *value = a->v[i].value;

		if (!key || !*key)
			return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("an answer needs a key"));
		/* nothing to remove in a new case */
		if (!value)
			continue;
		ret = write_answer(db, case_id, key, value, now, err);
		if (strcmp(key, GU_KEY_INTERVIEW_TOWNSHIP) == 0)
			township = gu_township_counted_as(value, counted, sizeof counted);
	}
	if (ret == 0)
		ret = touch_new_case(db, case_id, township, now, err);
	return ret;
}

/* After answers were saved inside the transaction: a case a supervisor had
 * approved goes back to "complete" when any answer changed, so the change
 * is reviewed again.  before is sqlite3_total_changes() before the saves.
 * Returns 0 or < 0. */
static int reopen_review_in_tx(gu_db *db, const char *case_id, enum gu_case_status status,
	int before, gu_error *err)
{
	if (status != GU_CASE_REVIEWED || sqlite3_total_changes(db->h) == before)
		return 0;
	return gu_case_set_status_in_tx(db, case_id, GU_CASE_COMPLETE,
		"answers changed after review", gu_time_now(), err);
}

/* Saves one confirmed answer in its own transaction; returns 0 or < 0. */
int gu_case_save_answer(gu_db *db, const char *case_id, const char *key,
	const char *value, const char *reason, gu_error *err)
{
	enum gu_case_status status;
	bool completed;
	int ret, before;
	GU_ERR_LOCAL(err);

	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_state_in_tx(db, case_id, &status, &completed, err);
	before = sqlite3_total_changes(db->h);
	if (ret == 0)
		ret = gu_answer_put_in_tx(db, case_id, completed, key, value, reason,
			gu_time_now(), err);
	if (ret == 0)
		ret = reopen_review_in_tx(db, case_id, status, before, err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Saves a set of answers in one transaction; returns 0 or < 0. */
int gu_case_save_answers(gu_db *db, const char *case_id, const gu_answers *a,
	const char *reason, gu_error *err)
{
	enum gu_case_status status;
	gu_time_ms now = gu_time_now();
	bool completed;
	size_t i;
	int ret, before;
	GU_ERR_LOCAL(err);

	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_state_in_tx(db, case_id, &status, &completed, err);
	before = sqlite3_total_changes(db->h);
	for (i = 0; ret == 0 && i < a->n; i++)
		ret = gu_answer_put_in_tx(db, case_id, completed, a->v[i].key, a->v[i].value,
			reason, now, err);
	if (ret == 0)
		ret = reopen_review_in_tx(db, case_id, status, before, err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Loads a case's answers in the order first saved; returns 0 or < 0. */
int gu_case_load_answers(gu_db *db, const char *case_id, gu_answers *out, gu_error *err)
{
	sqlite3_stmt *st;
	size_t rows = 0;
	int rc, ret = 0;
	GU_ERR_LOCAL(err);

	gu_answers_init(out);
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_ANSWER_LIST,
		"SELECT key, value FROM answers WHERE case_id = ?1 ORDER BY seq", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *value = (const char *)sqlite3_column_text(st, 1);

		rows++;
		ret = gu_answers_set(out, key ? key : "", value ? value : "");
		if (ret < 0) {
			ret = gu_error_set(err, GU_ENOMEM, db->path, 0, 0, _("out of memory"));
			break;
		}
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (ret == 0 && rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret == 0 && rows == 0) {
		gu_case_info info;

		ret = gu_case_get(db, case_id, &info, err);
	}
	if (ret < 0)
		gu_answers_free(out);
	return ret;
}

/* Fills one answer change from a row. */
static void fill_change(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_answer_change *c = elem;

	gu_column_copy(st, 0, c->key, sizeof c->key);
	c->old_value = gu_column_dup(st, 1, oom);
	c->new_value = gu_column_dup(st, 2, oom);
	c->reason = gu_column_dup(st, 3, oom);
	gu_column_copy(st, 4, c->by, sizeof c->by);
	c->when = sqlite3_column_int64(st, 5);
}

/* Frees a list of answer changes given as void *. */
static void free_changes(void *v, size_t n)
{
	gu_answer_changes_free(v, n);
}

/* Lists a case's answer changes, oldest first; returns 0 or < 0. */
int gu_case_history(gu_db *db, const char *case_id, gu_answer_change **out,
	size_t *n, gu_error *err)
{
	void *v;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_case_rows(db, GU_ST_HISTORY_LIST,
		"SELECT key, old_value, new_value, reason, changed_by, changed_at"
		" FROM answer_history WHERE case_id = ?1 ORDER BY changed_at, rowid",
		case_id, sizeof **out, fill_change, free_changes, &v, n, err);
	*out = v;
	return ret;
}

/* Frees answer changes. */
void gu_answer_changes_free(gu_answer_change *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].old_value);
		free(v[i].new_value);
		free(v[i].reason);
	}
	free(v);
}
