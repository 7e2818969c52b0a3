/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Making an existing database smaller (db/compact.h). */

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "core/i18n.h"
#include "db/compact.h"
#include "db/exchange_internal.h"
#include "db/internal.h"

#define BATCH 100

/* Returns the ids of the cases with stored explanations under hash as one
 * malloc'd block of *n ids, in *out (NULL when none); returns 0 or < 0. */
static int list_cases(gu_db *db, const char *hash, char (**out)[GU_ID_SIZE], long *n,
	gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_COMPACT_CASES,
		"SELECT DISTINCT case_id FROM results WHERE explanation <> '' AND policy_hash = ?1"
		" ORDER BY case_id", err);
	char (*v)[GU_ID_SIZE] = NULL;
	long cap = 0;
	int rc, ret = 0;

	*out = NULL;
	*n = 0;
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, hash)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			long ncap = cap ? 2 * cap : 256;
			char (*grown)[GU_ID_SIZE] = realloc(v, (size_t)ncap * sizeof *v);

			if (!grown) {
				ret = gu_error_set(err, GU_ENOMEM, db->path, 0, 0, _("out of memory"));
				break;
			}
			v = grown;
			cap = ncap;
		}
		gu_column_copy(st, 0, v[*n], sizeof v[*n]);
		(*n)++;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (ret == 0 && rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret < 0) {
		free(v);
		*n = 0;
		return ret;
	}
	*out = v;
	return 0;
}

/* Empties the stored explanation of one result; returns 0 or < 0. */
static int clear_one(gu_db *db, const char *case_id, int item, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_COMPACT_CLEAR,
		"UPDATE results SET explanation = '' WHERE case_id = ?1 AND item = ?2", err);
	int rc;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int(st, 2, item)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Compares the stored explanations of one case with those evaluating its
 * answers again gives, emptying the identical ones, inside a transaction;
 * returns 0 or < 0. */
static int compact_case(gu_db *db, const char *case_id, gu_compact_report *rep, gu_error *err)
{
	sqlite3_stmt *st;
	gu_answers a;
	gu_results again;
	int rc, ret, nitems = 0, i, left = 0;
	int items[1001];
	bool have_basis, rebuilt;

	memset(&again, 0, sizeof again);
	ret = gu_explain_basis_answers(db, case_id, &a, err);
	if (ret < 0)
		return ret;
	have_basis = ret == 0;
	if (!have_basis && (ret = gu_case_load_answers(db, case_id, &a, err)) < 0)
		return ret;
	rebuilt = gu_explain_evaluate(db->policy, &a, &again) == 0;
	gu_answers_free(&a);
	st = gu_db_stmt(db, GU_ST_COMPACT_STORED,
		"SELECT item, explanation FROM results WHERE case_id = ?1 AND explanation <> ''"
		" AND policy_hash = ?2", err);
	if (!st) {
		ret = -(int)err->code;
		goto cleanup;
	}
	if ((rc = gu_bind_text(st, 1, case_id)) == SQLITE_OK)
		rc = gu_bind_text(st, 2, gu_policy_hash(db->policy));
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		gu_result r;

		memset(&r, 0, sizeof r);
		r.item = sqlite3_column_int(st, 0);
		r.explanation = (char *)sqlite3_column_text(st, 1);
		if (rebuilt && r.item > 0 && r.item <= 1000 && gu_explain_droppable(&again, &r))
			items[nitems++] = r.item;
		else
			rep->kept++;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_reset(st);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		goto cleanup;
	}
	ret = 0;
	for (i = 0; ret == 0 && i < nitems; i++) {
		ret = clear_one(db, case_id, items[i], err);
		left += ret == 0;
	}
	/* the answers now are the basis, unless a kept copy already is */
	if (ret == 0 && left > 0 && !have_basis)
		ret = gu_explain_set_basis_in_tx(db, case_id, true, gu_time_now(), err);
	if (ret == 0)
		rep->left_out += left;
cleanup:
	gu_results_free(&again);
	return ret;
}

/* Empties the stored explanations that rebuild identical; returns 0 or < 0. */
int gu_compact_explanations(gu_db *db, gu_compact_progress_fn progress, void *ctx,
	gu_compact_report *rep, gu_error *err)
{
	char (*ids)[GU_ID_SIZE] = NULL;
	long n = 0, i = 0;
	int ret;
	GU_ERR_LOCAL(err);

	if (!db->policy)
		return gu_error_set(err, GU_EINVAL, db->path, 0, 0,
			_("no policy is in use to rebuild the explanations with"));
	ret = list_cases(db, gu_policy_hash(db->policy), &ids, &n, err);
	if (ret < 0)
		return ret;
	rep->cases = n;
	if (progress && !progress(ctx, 0, n))
		goto cleanup;
	while (ret == 0 && i < n) {
		long end = i + BATCH < n ? i + BATCH : n;

		ret = gu_db_begin(db, err);
		/* the emptied rows stay on this device: the others keep theirs */
		if (ret == 0)
			ret = gu_xchg_exec(db, "INSERT INTO xchg_applying (one) VALUES (1)", err);
		for (; ret == 0 && i < end; i++)
			ret = compact_case(db, ids[i], rep, err);
		if (ret == 0)
			ret = gu_xchg_exec(db, "DELETE FROM xchg_applying", err);
		if (ret < 0) {
			gu_db_rollback(db);
			break;
		}
		ret = gu_db_commit(db, err);
		if (ret == 0 && progress && !progress(ctx, i, n))
			break;
	}
cleanup:
	free(ids);
	return ret;
}

/* Returns the bytes of the file at path (0 when it is not there). */
static long long file_bytes(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* Returns the bytes of the database and its log. */
static long long db_bytes(const gu_db *db)
{
	size_t len = strlen(db->path);
	char *wal = malloc(len + 5);
	long long n = file_bytes(db->path);

	if (wal) {
		memcpy(wal, db->path, len);
		memcpy(wal + len, "-wal", 5);
		n += file_bytes(wal);
		free(wal);
	}
	return n;
}

/* Rewrites the database without its free pages; returns 0 or < 0. */
int gu_compact_vacuum(gu_db *db, gu_compact_report *rep, gu_error *err)
{
	struct statvfs fs;
	long long need, avail;
	char *dir, *slash;
	int rc;
	GU_ERR_LOCAL(err);

	rep->before = db_bytes(db);
	rep->after = rep->before;
	dir = strdup(db->path);
	if (!dir)
		return gu_error_set(err, GU_ENOMEM, db->path, 0, 0, _("out of memory"));
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	rc = statvfs(slash ? dir : ".", &fs);
	free(dir);
	if (rc != 0)
		return gu_error_set(err, GU_EIO, db->path, 0, 0,
			_("cannot tell how much space the disk has left"));
	/* a copy of the file while it is rewritten, and the log of the rewrite */
	need = 2 * rep->before;
	avail = (long long)fs.f_bavail * (long long)fs.f_frsize;
	if (avail < need)
		return gu_error_set(err, GU_EDB_FULL, db->path, 0, 0,
			_("the disk has %lld MB free; rewriting the database needs %lld MB (twice its"
			" size): free some space and run it again (nothing was changed)"),
			avail / 1000000, (need + 999999) / 1000000);
	rc = sqlite3_exec(db->h, "VACUUM", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	rep->after = db_bytes(db);
	return 0;
}
