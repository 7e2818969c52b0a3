/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The audit log as a hash chain.  Entry n carries the hash of entry n - 1,
 * so an entry removed, inserted or changed with sqlite3 (INSERT OR REPLACE,
 * DROP TRIGGER and all) breaks the chain at that place; the last entry's
 * number and hash are also kept in meta, so cutting off the end shows too.
 * Hashes cover ids, times, user names, actions and a hash of the detail,
 * so a purge may clear a detail without breaking anything. */

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "db/audit_chain.h"
#include "db/internal.h"

/* The guard trigger against changes, allowing a purge to clear a detail. */
static const char guard_update[] =
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" WHEN NOT (new.detail IS NULL AND new.id IS old.id AND new.seq IS old.seq"
	"  AND new.at IS old.at AND new.by IS old.by AND new.action IS old.action"
	"  AND new.case_id IS old.case_id AND new.device IS old.device"
	"  AND new.updated_at IS old.updated_at AND new.prev_hash IS old.prev_hash"
	"  AND new.detail_hash IS old.detail_hash AND new.hash IS old.hash"
	"  AND EXISTS (SELECT 1 FROM cases WHERE id = old.case_id AND purged_at IS NOT NULL))"
	" BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;"
	"CREATE UNIQUE INDEX audit_by_seq ON audit (seq);";

/* Feeds one field, its length first, into the hash. */
static void feed(crypto_hash_sha256_state *h, const char *s)
{
	unsigned char len[8];
	size_t n = s ? strlen(s) : 0;
	int i;

	for (i = 7; i >= 0; i--) {
		len[i] = (unsigned char)(n & 0xff);
		n >>= 8;
	}
	crypto_hash_sha256_update(h, len, sizeof len);
	if (s)
		crypto_hash_sha256_update(h, (const unsigned char *)s, strlen(s));
}

/* Feeds a number as decimal text. */
static void feed_int(crypto_hash_sha256_state *h, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	feed(h, buf);
}

/* Writes the hex SHA-256 of a detail into out, "" for none; returns out. */
const char *gu_audit_detail_hash(const char *detail, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	out[0] = '\0';
	if (detail) {
		crypto_hash_sha256(d, (const unsigned char *)detail, strlen(detail));
		sodium_bin2hex(out, 65, d, sizeof d);
	}
	return out;
}

/* Writes the hex hash of one entry into out; returns out. */
const char *gu_audit_link_hash(const gu_audit_link *l, char out[65])
{
	crypto_hash_sha256_state h;
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_init(&h);
	feed(&h, "guanai audit 1");
	feed_int(&h, l->seq);
	feed(&h, l->prev_hash);
	feed(&h, l->id);
	feed_int(&h, l->at);
	feed(&h, l->by);
	feed(&h, l->action);
	feed(&h, l->case_id);
	feed(&h, l->detail_hash);
	feed(&h, l->device);
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, 65, d, sizeof d);
	return out;
}

/* Fills l from a row of (seq, prev_hash, id, at, by, action, case_id,
 * detail_hash, device) starting at column first. */
static void link_from_row(sqlite3_stmt *st, int first, gu_audit_link *l)
{
	l->seq = sqlite3_column_int64(st, first);
	l->prev_hash = (const char *)sqlite3_column_text(st, first + 1);
	l->id = (const char *)sqlite3_column_text(st, first + 2);
	l->at = sqlite3_column_int64(st, first + 3);
	l->by = (const char *)sqlite3_column_text(st, first + 4);
	l->action = (const char *)sqlite3_column_text(st, first + 5);
	l->case_id = (const char *)sqlite3_column_text(st, first + 6);
	l->detail_hash = (const char *)sqlite3_column_text(st, first + 7);
	l->device = (const char *)sqlite3_column_text(st, first + 8);
}

/* Writes "seq hash" as the recorded head of the chain on h; returns the SQLite result. */
int gu_audit_head_write(sqlite3 *h, long long seq, const char *hash)
{
	sqlite3_stmt *st = NULL;
	char head[96];
	int rc;

	snprintf(head, sizeof head, "%lld %s", seq, hash);
	rc = sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO meta (key, value)"
		" VALUES ('audit_head', ?1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, head, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Chains the rows already in the log (in the order they were written) and
 * puts the guard back, inside migration 5's transaction; returns the SQLite result. */
int gu_audit_chain_migrate(sqlite3 *h)
{
	sqlite3_stmt *rd = NULL, *wr = NULL;
	char prev[65] = "", dh[65], hash[65];
	long long seq = 0;
	gu_audit_link l;
	int rc;

	rc = sqlite3_prepare_v2(h, "SELECT rowid, id, at, by, action, coalesce(case_id, ''),"
		" detail, device FROM audit ORDER BY at, rowid", -1, &rd, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "UPDATE audit SET seq = ?2, prev_hash = ?3,"
			" detail_hash = ?4, hash = ?5 WHERE rowid = ?1", -1, &wr, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(rd)) == SQLITE_ROW) {
		l.seq = ++seq;
		l.prev_hash = prev;
		l.id = (const char *)sqlite3_column_text(rd, 1);
		l.at = sqlite3_column_int64(rd, 2);
		l.by = (const char *)sqlite3_column_text(rd, 3);
		l.action = (const char *)sqlite3_column_text(rd, 4);
		l.case_id = (const char *)sqlite3_column_text(rd, 5);
		l.detail_hash = gu_audit_detail_hash((const char *)sqlite3_column_text(rd, 6), dh);
		l.device = (const char *)sqlite3_column_text(rd, 7);
		gu_audit_link_hash(&l, hash);
		sqlite3_reset(wr);
		if ((rc = sqlite3_bind_int64(wr, 1, sqlite3_column_int64(rd, 0))) != SQLITE_OK
		    || (rc = sqlite3_bind_int64(wr, 2, seq)) != SQLITE_OK
		    || (rc = sqlite3_bind_text(wr, 3, prev, -1, SQLITE_TRANSIENT)) != SQLITE_OK
		    || (rc = sqlite3_bind_text(wr, 4, dh, -1, SQLITE_TRANSIENT)) != SQLITE_OK
		    || (rc = sqlite3_bind_text(wr, 5, hash, -1, SQLITE_TRANSIENT)) != SQLITE_OK)
			break;
		rc = sqlite3_step(wr);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		memcpy(prev, hash, sizeof prev);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(rd);
	sqlite3_finalize(wr);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, guard_update, NULL, NULL, NULL);
	if (rc == SQLITE_OK && seq > 0)
		rc = gu_audit_head_write(h, seq, prev);
	return rc;
}

/* Reads the chain's last entry into *seq and hash ("" and 0 when the log
 * is empty) inside the caller's transaction; returns 0 or < 0. */
int gu_audit_head_in_tx(gu_db *db, long long *seq, char hash[65], gu_error *err)
{
	sqlite3_stmt *st;
	int rc;

	*seq = 0;
	hash[0] = '\0';
	st = gu_db_stmt(db, GU_ST_AUDIT_HEAD,
		"SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", err);
	if (!st)
		return -(int)err->code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		gu_column_copy(st, 1, hash, 65);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Fails the verification at entry seq (id) for reason; returns -GU_EDB_CORRUPT. */
static int broken(gu_db *db, gu_audit_check *out, long long seq, const char *id,
	const char *reason, gu_error *err)
{
	out->first_bad = seq > 0 ? seq : 1;
	snprintf(out->bad_id, sizeof out->bad_id, "%s", id ? id : "");
	return gu_error_set(err, GU_EDB_CORRUPT, gu_db_path(db), 0, 0,
		_("the audit log was altered at entry %lld (id %s): %s; the entries before it "
		  "are intact.  Keep this file as evidence and compare it with the office's copy "
		  "or a backup"), out->first_bad, out->bad_id[0] ? out->bad_id : "-", reason);
}

/* Reads the recorded head ("seq hash", "" when none) into buf; returns the SQLite result. */
static int recorded_head(sqlite3 *h, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	int rc;

	buf[0] = '\0';
	rc = sqlite3_prepare_v2(h, "SELECT value FROM meta WHERE key = 'audit_head'", -1, &st,
		NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			gu_column_copy(st, 0, buf, size);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Returns the name of a missing guard trigger, or NULL when both are there
 * (or the query failed: then *rc is set). */
static const char *missing_guard(sqlite3 *h, int *rc)
{
	static const char *const guards[] = { "audit_no_update", "audit_no_delete" };
	sqlite3_stmt *st = NULL;
	const char *missing = NULL;
	size_t i;

	*rc = sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
		" AND name = ?1 AND tbl_name = 'audit'", -1, &st, NULL);
	for (i = 0; *rc == SQLITE_OK && !missing && i < sizeof guards / sizeof guards[0]; i++) {
		sqlite3_reset(st);
		*rc = sqlite3_bind_text(st, 1, guards[i], -1, SQLITE_STATIC);
		if (*rc == SQLITE_OK)
			*rc = sqlite3_step(st);
		if (*rc == SQLITE_DONE)
			missing = guards[i];
		if (*rc == SQLITE_ROW || *rc == SQLITE_DONE)
			*rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return missing;
}

/* Walks the chain in order; returns 0, -GU_EDB_CORRUPT or < 0. */
static int walk(gu_db *db, gu_audit_check *out, gu_error *err)
{
	sqlite3_stmt *st;
	char prev[65] = "", hash[65], dh[65], head[96], expect[96];
	const char *detail;
	gu_audit_link l;
	int rc, ret = 0;

	st = gu_db_slot(db, GU_ST_AUDIT_WALK, "SELECT seq, prev_hash, id, at, by, action,"
		" coalesce(case_id, ''), detail_hash, device, hash, detail,"
		" detail IS NULL AND detail_hash != '' AND NOT EXISTS (SELECT 1 FROM cases"
		"  WHERE id = audit.case_id AND purged_at IS NOT NULL) FROM audit"
		" ORDER BY seq, rowid", &rc);
	while (rc == SQLITE_OK && ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		link_from_row(st, 0, &l);
		detail = (const char *)sqlite3_column_text(st, 10);
		out->entries++;
		if (l.seq != out->entries || strcmp(l.prev_hash ? l.prev_hash : "", prev) != 0)
			ret = broken(db, out, out->entries, l.id,
				_("it does not follow the entry before it (an entry was removed or inserted)"),
				err);
		else if ((detail && strcmp(gu_audit_detail_hash(detail, dh),
			l.detail_hash ? l.detail_hash : "") != 0) || sqlite3_column_int(st, 11))
			ret = broken(db, out, l.seq, l.id,
				_("its detail was changed or removed, and its case was never purged"), err);
		else if (strcmp(gu_audit_link_hash(&l, hash),
			(const char *)sqlite3_column_text(st, 9)) != 0)
			ret = broken(db, out, l.seq, l.id,
				_("it does not match its hash (it was changed or replaced)"), err);
		memcpy(prev, hash, sizeof prev);
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	if (ret < 0)
		return ret;
	rc = recorded_head(db->h, head, sizeof head);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	snprintf(expect, sizeof expect, "%lld %s", out->entries, prev);
	if (out->entries > 0 ? strcmp(head, expect) != 0 : head[0] != '\0')
		return broken(db, out, out->entries + 1, NULL,
			_("the entries from there on were removed (the log ends before its recorded end)"),
			err);
	return 0;
}

/* Verifies the chain and its guards; returns 0, -GU_EDB_CORRUPT or < 0. */
int gu_audit_verify(gu_db *db, gu_audit_check *out, gu_error *err)
{
	const char *missing;
	int version = 0, ret, rc;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	ret = gu_db_user_version(db->h, gu_db_path(db), &version, err);
	if (ret < 0 || version < 5)
		return ret;
	out->chained = true;
	ret = walk(db, out, err);
	if (ret < 0)
		return ret;
	missing = missing_guard(db->h, &rc);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	if (missing)
		return gu_error_set(err, GU_EDB_CORRUPT, gu_db_path(db), 0, 0,
			_("the audit log's guard %s was removed; the chain of its %lld "
			  "entries is intact, but compare the file with the office's copy or a backup"),
			missing, out->entries);
	return 0;
}
