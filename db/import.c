/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Storing a whole interview at once: case, answers, results and status in
 * one transaction, so an import is either all there or not at all; and
 * finding an interview stored before, so that importing the same file (or
 * the same child's interview of the same day) again makes no second copy. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/idcard.h"
#include "core/sha256.h"
#include "db/internal.h"

/* The meta key that records which case a file's hash was imported as. */
#define SOURCE_KEY_PREFIX "import.sha256."

/* Records the source file's hash for case id inside the transaction;
 * returns 0 or < 0. */
static int put_source(gu_db *db, const char *sha256, const char *id, gu_error *err)
{
	sqlite3_stmt *st;
	char key[96];
	int rc;

	snprintf(key, sizeof key, SOURCE_KEY_PREFIX "%s", sha256);
	st = gu_db_slot(db, GU_ST_IMPORT_SOURCE, "INSERT INTO meta (key, value) VALUES (?1, ?2)"
		" ON CONFLICT (key) DO NOTHING", &rc);
	if (st)
		rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : gu_db_fail(db, rc, err);
}

/* Stores a whole interview inside the open transaction; writes the new
 * case id into id; returns 0 or < 0 (the caller rolls back). */
static int store_case(gu_db *db, const gu_case_new *c, const gu_answers *a,
	const gu_results *r, enum gu_case_status status, char id[GU_ID_SIZE],
	gu_error *err)
{
	gu_case_new none = { 0 };
	gu_time_ms now = gu_time_now();
	int ret;

	if (!c)
		c = &none;
	ret = gu_case_create_in_tx(db, c, id, now, err);
	if (ret == 0)
		ret = gu_answers_put_new_in_tx(db, id, a, now, err);
	if (ret == 0 && r)
		ret = (c->evaluated ? gu_results_put_evaluated_in_tx : gu_results_put_in_tx)(db,
			id, r, c->policy_id, c->policy_version, c->policy_hash, now, err);
	if (ret == 0 && status != GU_CASE_DRAFT)
		ret = gu_case_set_status_in_tx(db, id, status, "import", now, err);
	if (ret == 0 && c->source_sha256 && *c->source_sha256)
		ret = put_source(db, c->source_sha256, id, err);
	/* The name's search keys, computed as it is imported. */
	if (ret == 0)
		ret = gu_search_keys_in_tx(db, id, true, err);
	return ret;
}

/* Stores a whole interview; writes the new case id into id; returns 0 or < 0. */
int gu_case_import(gu_db *db, const gu_case_new *c, const gu_answers *a,
	const gu_results *r, enum gu_case_status status, char id[GU_ID_SIZE],
	gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = store_case(db, c, a, r, status, id, err);
	if (ret == 0)
		ret = gu_db_commit(db, err);
	else
		gu_db_rollback(db);
	if (ret < 0)
		id[0] = '\0';
	return ret;
}

/* Runs one statement of a batch's savepoints; returns the SQLite result. */
static int batch_step(gu_db *db, enum gu_st slot, const char *sql)
{
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, slot, sql, &rc);

	if (!st)
		return rc;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Starts a batch of imports (one write transaction); returns 0 or < 0. */
int gu_import_batch_begin(gu_db *db, gu_error *err)
{
	GU_ERR_LOCAL(err);
	return gu_db_begin(db, err);
}

/* Stores a whole interview in the open batch under a savepoint, so that a
 * failure takes back this case only; returns 0 or < 0. */
int gu_case_import_batched(gu_db *db, const gu_case_new *c, const gu_answers *a,
	const gu_results *r, enum gu_case_status status, char id[GU_ID_SIZE],
	gu_error *err)
{
	int rc, ret;
	GU_ERR_LOCAL(err);

	id[0] = '\0';
	if (sqlite3_get_autocommit(db->h))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("no import batch is open, so the case was not stored"));
	rc = batch_step(db, GU_ST_IMPORT_MARK, "SAVEPOINT import_case");
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	ret = store_case(db, c, a, r, status, id, err);
	if (ret == 0) {
		rc = batch_step(db, GU_ST_IMPORT_KEEP, "RELEASE import_case");
		if (rc == SQLITE_OK)
			return 0;
		ret = gu_db_fail(db, rc, err);
	}
	/* A failed statement may have ended the whole transaction already. */
	if (!sqlite3_get_autocommit(db->h)
	    && batch_step(db, GU_ST_IMPORT_UNDO, "ROLLBACK TO import_case") == SQLITE_OK)
		(void)batch_step(db, GU_ST_IMPORT_KEEP, "RELEASE import_case");
	id[0] = '\0';
	return ret;
}

/* Commits the batch: every case stored in it is on disk; returns 0 or < 0. */
int gu_import_batch_commit(gu_db *db, gu_error *err)
{
	GU_ERR_LOCAL(err);
	return gu_db_commit(db, err);
}

/* Rolls back the batch and every case stored in it. */
void gu_import_batch_abandon(gu_db *db)
{
	gu_db_rollback(db);
}

/* Hashes the file's bytes; returns 0 or < 0. */
int gu_import_file_sha256(const char *path, char hex[65], gu_error *err)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL, *bigger;
	size_t len = 0, cap = 0, got;
	int ret = 0;
	GU_ERR_LOCAL(err);

	if (!f)
		return gu_error_set(err, errno == ENOENT ? GU_ENOTFOUND : GU_EIO, path, 0, 0,
			_("cannot read the file: %s"), strerror(errno));
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			bigger = realloc(data, cap);
			if (!bigger) {
				ret = gu_error_set(err, GU_ENOMEM, path, 0, 0, _("out of memory"));
				goto cleanup;
			}
			data = bigger;
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	if (ferror(f)) {
		ret = gu_error_set(err, GU_EIO, path, 0, 0, _("cannot read the file: %s"),
			strerror(errno));
		goto cleanup;
	}
	gu_sha256_hex(data, len, hex);
cleanup:
	free(data);
	fclose(f);
	return ret;
}

/* Runs sql (one text column, binds ?1 and ?2) into id; returns 1, 0 or < 0. */
static int find_one(gu_db *db, enum gu_st slot, const char *sql, const char *p1,
	const char *p2, char id[GU_ID_SIZE], gu_error *err)
{
	int rc, ret = 0;
	sqlite3_stmt *st = gu_db_slot(db, slot, sql, &rc);

	if (st)
		rc = sqlite3_bind_text(st, 1, p1, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && p2)
		rc = sqlite3_bind_text(st, 2, p2, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, id, GU_ID_SIZE);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = gu_db_fail(db, rc, err);
	}
	sqlite3_reset(st);
	return ret;
}

/* The same child's interview of the same day: by the partial index
 * cases_by_child_id (its condition repeated, so the planner may use it),
 * not by a scan of the cases in the order they were made. */
static const char same_child_sql[] =
	"SELECT c.id FROM cases c JOIN answers a"
	" ON a.case_id = c.id AND a.key = 'interview.date'"
	" WHERE c.child_id_number = ?1 AND c.child_id_number <> '' AND a.value = ?2"
	" ORDER BY c.created_at LIMIT 1";

/* Writes the query plan of the same-child look-up into buf, its steps'
 * details separated by "; "; returns 0 or < 0. */
int gu_import_same_child_plan(gu_db *db, char *buf, size_t size, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t len = 0;
	int rc;
	char *sql;
	GU_ERR_LOCAL(err);

	if (size > 0)
		buf[0] = '\0';
	sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", same_child_sql);
	if (!sql)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);

		if (len + 1 < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "; " : "",
				d ? d : "");
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return rc == SQLITE_DONE ? 0 : gu_db_fail(db, rc, err);
}

/* Finds a stored case of the same interview; returns 1, 0 or < 0. */
int gu_import_find_same(gu_db *db, const char *file_sha256, const char *child_id_number,
	const char *interview_date, char id[GU_ID_SIZE], gu_error *err)
{
	gu_idcard card;
	char key[96];
	int ret = 0;
	GU_ERR_LOCAL(err);

	if (file_sha256 && *file_sha256) {
		snprintf(key, sizeof key, SOURCE_KEY_PREFIX "%s", file_sha256);
		ret = find_one(db, GU_ST_IMPORT_BY_SOURCE, "SELECT c.id FROM meta m JOIN cases c ON c.id = m.value"
			" WHERE m.key = ?1", key, NULL, id, err);
	}
	/* Only a real ID number names one child ("none" is many children). */
	if (ret == 0 && child_id_number && gu_idcard_parse(child_id_number, &card) == GU_ID_OK
	    && interview_date && *interview_date)
		ret = find_one(db, GU_ST_IMPORT_BY_CHILD, same_child_sql, child_id_number,
			interview_date, id, err);
	return ret;
}
