/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Bringing a database's schema up to date, one numbered migration per
 * transaction, recorded in PRAGMA user_version. */

#include <stdbool.h>
#include <stdio.h>

#include "core/i18n.h"
#include "db/internal.h"
#include "db/schema.h"
#include "db/schema_compact.h"

/* Reads PRAGMA user_version; returns 0 or < 0. */
int gu_db_user_version(sqlite3 *h, const char *path, int *version, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*version = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK)
		gu_db_fail_handle(h, path, rc, err);
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -(int)gu_db_code(rc);
}

/* Runs sql on h; returns the SQLite result. */
static int exec(sqlite3 *h, const char *sql)
{
	return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

/* Records the new database's own device id and open count; returns the SQLite result. */
static int first_meta(sqlite3 *h, gu_error *err)
{
	char id[GU_ID_SIZE];
	sqlite3_stmt *st = NULL;
	int rc;

	if (gu_db_new_id(id, err) < 0)
		return SQLITE_IOERR;
	rc = sqlite3_prepare_v2(h, "INSERT INTO meta (key, value) VALUES"
		" ('device', ?1), ('open_count', '0')", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_finalize(st);
	return rc;
}

/* Tells the exchange's change log (docs/exchange.md) to log nothing until
 * the migration's end, when the database has one: a migration's own fills
 * (a column read from the answers, counted again) are computed by the same
 * migration at the other end, so they are nobody's change to send.  Sets
 * *quiet when it did; returns the SQLite result. */
static int log_nothing(sqlite3 *h, bool *quiet)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*quiet = false;
	rc = sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
		" AND name = 'xchg_applying'", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		*quiet = rc == SQLITE_ROW;
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK && *quiet)
		rc = exec(h, "INSERT OR IGNORE INTO xchg_applying (one) VALUES (1)");
	return rc;
}

/* Applies migration k (from version k-1) in one transaction; returns 0 or < 0. */
static int step(sqlite3 *h, const char *path, int k, gu_error *err)
{
	char sql[96];
	int rc, version = 0, ret;
	bool quiet = false;

	/* refused before it starts, so nothing is changed */
	if (k == GU_DB_SCHEMA_COMPACT && (ret = gu_db_schema_compact_room(h, path, err)) < 0)
		return ret;
	rc = exec(h, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		return gu_db_fail_handle(h, path, rc, err);
	/* Another program may have migrated while this one waited. */
	ret = gu_db_user_version(h, path, &version, err);
	if (ret < 0)
		goto fail;
	if (version >= k) {
		exec(h, "ROLLBACK");
		return 0;
	}
	rc = log_nothing(h, &quiet);
	if (rc == SQLITE_OK)
		rc = exec(h, gu_db_migrations[k]);
	if (rc == SQLITE_OK && k == 1)
		rc = first_meta(h, err);
	if (rc == SQLITE_OK && k == 5)
		rc = gu_audit_chain_migrate(h);
	if (rc == SQLITE_OK && k == GU_DB_SCHEMA_COMPACT)
		rc = gu_db_schema_compact_finish(h);
	if (rc == SQLITE_OK && quiet)
		rc = exec(h, "DELETE FROM xchg_applying");
	if (rc == SQLITE_OK) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
			k, GU_DB_APPLICATION_ID);
		rc = exec(h, sql);
	}
	if (rc == SQLITE_OK)
		rc = exec(h, "COMMIT");
	if (rc != SQLITE_OK) {
		ret = gu_db_fail_handle(h, path, rc, err);
		goto fail;
	}
	return 0;
fail:
	if (!sqlite3_get_autocommit(h))
		exec(h, "ROLLBACK");
	return ret;
}

/* Migrates h up to target; returns 0 or < 0. */
int gu_db_migrate(sqlite3 *h, const char *path, int target, gu_error *err)
{
	int version = 0, k, ret;

	if (target > gu_db_migration_count)
		target = gu_db_migration_count;
	ret = gu_db_user_version(h, path, &version, err);
	if (ret < 0)
		return ret;
	for (k = version + 1; k <= target; k++) {
		ret = step(h, path, k, err);
		if (ret < 0)
			return ret;
	}
	return 0;
}
