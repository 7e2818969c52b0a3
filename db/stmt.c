/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Persistent prepared statements, write transactions and column helpers. */

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"

/* Returns the statement of slot, prepared once and kept, ready to bind;
 * NULL with the SQLite result in *rc when it cannot be prepared. */
sqlite3_stmt *gu_db_slot(gu_db *db, enum gu_st slot, const char *sql, int *rc)
{
	*rc = SQLITE_OK;
	if (!db->st[slot]) {
		*rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
			&db->st[slot], NULL);
		if (*rc != SQLITE_OK) {
			db->st[slot] = NULL;
			return NULL;
		}
	}
	sqlite3_reset(db->st[slot]);
	sqlite3_clear_bindings(db->st[slot]);
	return db->st[slot];
}

/* Returns the statement of slot ready to bind, or NULL with err set. */
sqlite3_stmt *gu_db_stmt(gu_db *db, enum gu_st slot, const char *sql, gu_error *err)
{
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, slot, sql, &rc);

	if (!st)
		gu_db_fail(db, rc, err);
	return st;
}

/* Runs a statement that returns no rows; returns the SQLite result. */
static int run(gu_db *db, enum gu_st slot, const char *sql, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, slot, sql, err);
	int rc;

	if (!st)
		return sqlite3_errcode(db->h) ? sqlite3_errcode(db->h) : SQLITE_ERROR;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Starts a write transaction; returns 0 or < 0. */
int gu_db_begin(gu_db *db, gu_error *err)
{
	int rc, ret;

	if (!sqlite3_get_autocommit(db->h))
		gu_db_rollback(db);
	ret = gu_db_wal_guard(db, err);
	if (ret < 0)
		return ret;
	rc = run(db, GU_ST_BEGIN, "BEGIN IMMEDIATE", err);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	return 0;
}

/* Commits the transaction unless the log was lost meanwhile; rolls it back
 * when that fails.  A log lost just after the commit is copied into the
 * database by the guard, so the commit stands.  Returns 0 or < 0. */
int gu_db_commit(gu_db *db, gu_error *err)
{
	gu_error later;
	int rc, ret = gu_db_wal_guard(db, err);

	if (ret < 0)
		return ret;
	rc = run(db, GU_ST_COMMIT, "COMMIT", err);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		gu_db_rollback(db);
		return ret;
	}
	(void)gu_db_wal_guard(db, &later);
	return 0;
}

/* Rolls back an open transaction. */
void gu_db_rollback(gu_db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		(void)run(db, GU_ST_ROLLBACK, "ROLLBACK", NULL);
}

/* Binds s as text, or NULL; returns the SQLite result. */
int gu_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Binds each value in turn as ?1..?n; returns SQLITE_OK or the first
 * failure. */
int gu_bind_values(sqlite3_stmt *st, const gu_bind_value *v, size_t n)
{
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; rc == SQLITE_OK && i < n; i++)
		rc = v[i].number ? sqlite3_bind_int64(st, (int)i + 1, v[i].n)
			: gu_bind_text(st, (int)i + 1, v[i].text);
	return rc;
}

/* Copies column i into buf, cut at a character boundary. */
void gu_column_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t len;

	if (size == 0)
		return;
	if (!s) {
		buf[0] = '\0';
		return;
	}
	len = (size_t)sqlite3_column_bytes(st, i);
	if (len >= size) {
		len = size - 1;
		while (len > 0 && (s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
}

/* Returns a malloc'd copy of column i, or NULL (for NULL, or no memory). */
char *gu_column_dup(sqlite3_stmt *st, int i, bool *oom)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t len;
	char *copy;

	if (!s)
		return NULL;
	len = (size_t)sqlite3_column_bytes(st, i);
	copy = malloc(len + 1);
	if (!copy) {
		*oom = true;
		return NULL;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Returns the user recorded as "by". */
const char *gu_db_user(const gu_db *db)
{
	return db->user ? db->user : "";
}
