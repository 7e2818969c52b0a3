/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The search keys of each case (case_keys): the pinyin and initials of the
 * child's name, computed with ICU, and the ID number reversed, so that its
 * last digits are a prefix an index finds.  They are computed when a name
 * is written, in the transaction that writes it (gu_search_keys_in_tx):
 * always on import, on a save once ICU is loaded.  Names written by plain
 * SQL (the sqlite3 shell, a database from before) or saved before ICU was
 * loaded wait in name_queue for gu_search_refresh, which shows its
 * progress and can be stopped. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/pinyin.h"
#include "db/internal.h"
#include "db/search.h"

/* Names computed in one transaction by gu_search_refresh: about a tenth
 * of a second, so that progress moves and a stop is soon obeyed. */
#define BATCH 500

/* Writes s reversed and upper-cased into out (size bytes). */
void gu_id_reverse(const char *s, char *out, size_t size)
{
	size_t len = strlen(s), i;

	if (len >= size)
		len = size - 1;
	for (i = 0; i < len; i++) {
		char c = s[len - 1 - i];

		out[i] = c == 'x' ? 'X' : c;
	}
	out[len] = '\0';
}

/* One queued case read for its keys. */
struct queued {
	char id[GU_ID_SIZE];
	char *name;
	char idnum[32];
	int returned;
	sqlite3_int64 updated;
};

#define QUEUE_COLUMNS \
	"SELECT q.case_id, c.child_name, c.child_id_number, c.status = 'returned'," \
	" c.updated_at FROM name_queue q JOIN cases c ON c.id = q.case_id"

/* Reads up to max queued cases into v: case_id's alone, or any when
 * case_id is NULL.  Returns the count or < 0. */
static int read_queue(gu_db *db, const char *case_id, struct queued *v, int max,
	gu_error *err)
{
	sqlite3_stmt *st;
	bool oom = false;
	int rc, n = 0;

	if (case_id)
		st = gu_db_slot(db, GU_ST_NAME_QUEUE_READ_ONE,
			QUEUE_COLUMNS " WHERE q.case_id = ?2 LIMIT ?1", &rc);
	else
		st = gu_db_slot(db, GU_ST_NAME_QUEUE_READ, QUEUE_COLUMNS " LIMIT ?1", &rc);
	if (!st)
		goto cleanup;
	if ((rc = sqlite3_bind_int(st, 1, max)) != SQLITE_OK
	    || (case_id && (rc = gu_bind_text(st, 2, case_id)) != SQLITE_OK))
		goto cleanup;
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		gu_column_copy(st, 0, v[n].id, sizeof v[n].id);
		v[n].name = gu_column_dup(st, 1, &oom);
		gu_column_copy(st, 2, v[n].idnum, sizeof v[n].idnum);
		v[n].returned = sqlite3_column_int(st, 3);
		v[n].updated = sqlite3_column_int64(st, 4);
		if (oom)
			break;
		n++;
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (oom) {
		while (n > 0)
			free(v[--n].name);
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	}
	return rc == SQLITE_OK ? n : gu_db_fail(db, rc, err);
}

/* Stores the keys of one case and takes it off the queue; returns the SQLite result. */
static int store_keys(gu_db *db, const struct queued *c, gu_time_ms now)
{
	gu_pinyin keys = { NULL, NULL };
	sqlite3_stmt *put, *unqueue = NULL;
	char rev[32];
	int rc;

	put = gu_db_slot(db, GU_ST_CASE_KEYS_PUT,
		"INSERT OR REPLACE INTO case_keys (case_id, name, pinyin, initials, id_reversed,"
		" returned, case_updated, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &rc);
	if (!put)
		return rc;
	/* A name ICU cannot read is still found by its characters. */
	if (gu_pinyin_keys(c->name ? c->name : "", &keys, NULL) < 0)
		keys.full = keys.initials = NULL;
	gu_id_reverse(c->idnum, rev, sizeof rev);
	rc = GU_BIND(put, GU_TEXT(c->id), GU_TEXT(c->name ? c->name : ""),
		GU_TEXT(keys.full ? keys.full : ""), GU_TEXT(keys.initials ? keys.initials : ""),
		GU_TEXT(rev), GU_INT(c->returned), GU_INT(c->updated), GU_INT(now),
		GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(put);
	if (rc != SQLITE_DONE)
		goto cleanup;
	unqueue = gu_db_slot(db, GU_ST_NAME_QUEUE_DELETE,
		"DELETE FROM name_queue WHERE case_id = ?1", &rc);
	if (!unqueue)
		goto cleanup;
	if ((rc = gu_bind_text(unqueue, 1, c->id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(unqueue);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(put);
	sqlite3_reset(unqueue);
	gu_pinyin_free(&keys);
	return rc;
}

/* Computes the keys of case_id when its name or ID number waits for
 * them (and ICU is loaded, or load), inside the caller's transaction;
 * returns 0 or < 0. */
int gu_search_keys_in_tx(gu_db *db, const char *case_id, bool load, gu_error *err)
{
	struct queued one;
	int n, rc;

	if (!load && !gu_pinyin_is_open())
		return 0;
	n = read_queue(db, case_id, &one, 1, err);
	if (n <= 0)
		return n;
	rc = store_keys(db, &one, gu_time_now());
	free(one.name);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Returns how many names wait for their keys (0 when none), or < 0. */
static long queue_length(gu_db *db, gu_error *err)
{
	long count = 0;
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_NAME_QUEUE_COUNT,
		"SELECT count(*) FROM name_queue", &rc);

	if (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		count = (long)sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_OK ? count : gu_db_fail(db, rc, err);
}

/* Returns 1 when names wait in the queue, 0 when none, < 0 on failure. */
int gu_search_queue_waiting(gu_db *db, gu_error *err)
{
	int rc, ret = 0;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_NAME_QUEUE_WAITING,
		"SELECT EXISTS (SELECT 1 FROM name_queue)", &rc);

	if (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ret = sqlite3_column_int(st, 0) != 0;
		rc = SQLITE_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Computes one batch of queued keys in one transaction; returns the count or < 0. */
static int refresh_batch(gu_db *db, struct queued *v, gu_error *err)
{
	sqlite3_stmt *st;
	gu_time_ms now = gu_time_now();
	int n, i, rc = SQLITE_OK, ret;

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	/* Queued cases that no longer exist need no keys. */
	st = gu_db_slot(db, GU_ST_NAME_QUEUE_PRUNE, "DELETE FROM name_queue WHERE case_id NOT IN"
		" (SELECT id FROM cases)", &rc);
	if (st) {
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	if (rc != SQLITE_OK)
		goto fail_rc;
	n = read_queue(db, NULL, v, BATCH, err);
	if (n < 0) {
		ret = n;
		goto fail;
	}
	for (i = 0; rc == SQLITE_OK && i < n; i++)
		rc = store_keys(db, &v[i], now);
	for (i = 0; i < n; i++)
		free(v[i].name);
	if (rc != SQLITE_OK)
		goto fail_rc;
	ret = gu_db_commit(db, err);
	return ret < 0 ? ret : n;
fail_rc:
	ret = gu_db_fail(db, rc, err);
fail:
	gu_db_rollback(db);
	return ret;
}

/* Computes the queued keys a batch at a time, telling progress after each;
 * returns the number done or < 0. */
long gu_search_refresh(gu_db *db, gu_search_progress_fn progress, void *ctx, gu_error *err)
{
	struct queued *v;
	long total = 0, waiting;
	int n;
	GU_ERR_LOCAL(err);

	if (db->readonly)
		return 0;
	waiting = queue_length(db, err);
	if (waiting <= 0)
		return waiting;
	if (progress && !progress(ctx, 0, waiting))
		return 0;
	v = malloc(BATCH * sizeof *v);
	if (!v)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	do {
		n = refresh_batch(db, v, err);
		if (n > 0)
			total += n;
		if (n == BATCH && progress && !progress(ctx, total, waiting))
			break;
	} while (n == BATCH);
	free(v);
	return n < 0 ? n : total;
}
