/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Writing a bundle (docs/exchange.md): every logged change the other side
 * has not acknowledged, as the rows are now, signed and sealed to it, in a
 * new file written through the safe writer. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/bundle_body.h"
#include "core/i18n.h"
#include "db/access.h"
#include "db/exchange_internal.h"
#include "db/release.h"
#include "db/safe_write.h"

/* Who a bundle goes to. */
struct peer {
	char id[GU_ID_SIZE];
	char worker[160];
	unsigned char box_pk[GU_XBOX_PK];
	bool office;                 /* the sender is the office */
};

/* Reads one number that sql (binding ?1 = peer, ?2 = n) selects; returns
 * 0 with *out (0 for NULL) or the SQLite result. */
static int one_number(gu_db *db, const char *sql, const char *peer, long long n,
	long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);

	*out = 0;
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, peer)) == SQLITE_OK
	    && (sqlite3_bind_parameter_count(st) < 2
		|| (rc = sqlite3_bind_int64(st, 2, n)) == SQLITE_OK)) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Finds the peer of a bundle: the office from a laptop, device from the
 * office; returns 0 or < 0. */
static int find_peer(gu_db *db, const gu_xchg_keys *k, const char *device, struct peer *p,
	gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	memset(p, 0, sizeof *p);
	if (k->self.role == GU_XROLE_LAPTOP) {
		if (device)
			return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
				_("--device is for the office; a laptop sends to its office"));
		snprintf(p->id, sizeof p->id, "%s", k->self.office_id);
		memcpy(p->box_pk, k->office_box_pk, GU_XBOX_PK);
		return 0;
	}
	if (!device)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the office sends to one laptop: give --device D (\"%s devices\" lists them)"),
			PACKAGE);
	p->office = true;
	rc = sqlite3_prepare_v2(db->h, "SELECT id, worker, box_pk, state FROM xchg_devices"
		" WHERE id = ?1", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, device)) == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(st, 3);

		gu_column_copy(st, 0, p->id, sizeof p->id);
		gu_column_copy(st, 1, p->worker, sizeof p->worker);
		if (gu_xunhex((const char *)sqlite3_column_text(st, 2), p->box_pk, GU_XBOX_PK,
				"", NULL) < 0)
			ret = gu_error_set(err, GU_EDB_CORRUPT, NULL, 0, 0,
				_("the keys of device %.8s are damaged: register it again"), device);
		else if (state && strcmp(state, "revoked") == 0)
			ret = gu_error_set(err, GU_EPERM, NULL, 0, 0,
				_("device %.8s is revoked: nothing is sent to it"), device);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		ret = gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("no device %s: \"%s devices\" lists them"), device, PACKAGE);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	return ret;
}

/* Appends a JSON string of s (an identifier) to b. */
static void json_name(gu_strbuf *b, const char *s)
{
	gu_sb_put(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			gu_sb_put(b, "\\", 1);
		gu_sb_put(b, s, 1);
	}
	gu_sb_put(b, "\"", 1);
}

/* Appends the "T" line of t to b. */
static void table_line(gu_strbuf *b, const gu_xtable *t)
{
	int i;

	gu_sb_printf(b, "T %s [", t->name);
	for (i = 0; i < t->ncols; i++) {
		if (i)
			gu_sb_put(b, ",", 1);
		json_name(b, t->cols[i]);
	}
	gu_sb_put(b, "] [", 3);
	for (i = 0; i < t->npk; i++) {
		if (i)
			gu_sb_put(b, ",", 1);
		json_name(b, t->cols[t->pk[i]]);
	}
	gu_sb_put(b, "]\n", 2);
}

/* The condition that limits the office's rows to the peer's cases. */
#define FOR_PEER " AND d.tbl <> 'audit' AND d.case_id IN" \
	" (SELECT case_id FROM assignments WHERE assigned_device = ?3)"

/* The condition that leaves out the rows of the cases held back by the
 * consent gate (?4, a JSON array of case ids); their audit entries, which
 * hold no personal data, travel. */
#define NOT_HELD " AND (d.tbl = 'audit' OR d.case_id IS NULL" \
	" OR d.case_id NOT IN (SELECT value FROM json_each(?4)))"

/* Prepares the statement reading the logged rows of t above counter ?2
 * (for the office's peer ?3; not of the cases held back, ?4), each with
 * its counter, whether it is gone, its key and its values as a JSON array;
 * returns the SQLite result. */
static int prepare_rows(sqlite3 *h, const gu_xtable *t, bool office, sqlite3_stmt **st)
{
	gu_strbuf b = { 0 };
	char *sql;
	int i, rc;

	sql = sqlite3_mprintf("SELECT d.ctr, d.deleted OR t.\"%w\" IS NULL, d.pk, json_array(",
		t->cols[t->pk[0]]);
	gu_sb_printf(&b, "%s", sql ? sql : "");
	b.failed |= !sql;
	sqlite3_free(sql);
	gu_xtable_cols(&b, t, "t.", false);
	sql = sqlite3_mprintf(") FROM xchg_dirty d LEFT JOIN \"%w\" t ON ", t->name);
	gu_sb_printf(&b, "%s", sql ? sql : "");
	b.failed |= !sql;
	sqlite3_free(sql);
	for (i = 0; i < t->npk; i++) {
		sql = sqlite3_mprintf("%st.\"%w\" = json_extract(d.pk, '$[%d]')", i ? " AND " : "",
			t->cols[t->pk[i]], i);
		gu_sb_printf(&b, "%s", sql ? sql : "");
		b.failed |= !sql;
		sqlite3_free(sql);
	}
	gu_sb_printf(&b, " WHERE d.tbl = ?1 AND d.ctr > ?2%s" NOT_HELD " ORDER BY d.ctr",
		office ? FOR_PEER : "");
	sql = gu_sb_take(&b);
	if (!sql)
		return SQLITE_NOMEM;
	rc = sqlite3_prepare_v2(h, sql, -1, st, NULL);
	free(sql);
	return rc;
}

/* Binds the counter (?2), the peer (?3) and the cases held back (?4) of
 * the rows to read. */
static int bind_rows(sqlite3_stmt *st, const struct peer *p, long long acked_ctr,
	const char *held)
{
	int rc = sqlite3_bind_int64(st, 2, acked_ctr);

	if (rc == SQLITE_OK && p->office)
		rc = gu_bind_text(st, 3, p->id);
	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 4, held);
	return rc;
}

/* Appends the records of one table's rows to b; counts them.  Returns the
 * SQLite result. */
static int put_table(gu_db *db, const struct peer *p, long long acked_ctr, const char *held,
	const char *tbl, gu_strbuf *b, long long *rows)
{
	sqlite3_stmt *st = NULL;
	gu_xtable t;
	bool first = true;
	int rc;

	rc = gu_xtable_read(db->h, tbl, &t);
	if (rc == 1)
		return SQLITE_OK; /* a table dropped since: nothing to send */
	if (rc == SQLITE_OK)
		rc = prepare_rows(db->h, &t, p->office, &st);
	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 1, tbl);
	if (rc == SQLITE_OK)
		rc = bind_rows(st, p, acked_ctr, held);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		bool gone = sqlite3_column_int(st, 1) != 0;
		const char *v = (const char *)sqlite3_column_text(st, gone ? 2 : 3);
		int n = sqlite3_column_bytes(st, gone ? 2 : 3);

		rc = SQLITE_OK;
		if (!v)
			continue;
		if (first)
			table_line(b, &t);
		first = false;
		gu_sb_printf(b, "%c %lld ", gone ? 'D' : 'R', (long long)sqlite3_column_int64(st, 0));
		gu_sb_put(b, v, (size_t)n);
		gu_sb_put(b, "\n", 1);
		(*rows)++;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Appends the records of every change above acked_ctr (at the office, of
 * the cases assigned to the peer; not of the cases held, a JSON array) to
 * b, table by table in the order they were made; counts them.  Returns the
 * SQLite result. */
static int put_records(gu_db *db, const struct peer *p, long long acked_ctr, const char *held,
	gu_strbuf *b, long long *rows, long long *cases)
{
	sqlite3_stmt *st = NULL;
	char **tables = NULL;
	size_t n = 0, i;
	int rc;

	rc = sqlite3_prepare_v2(db->h, p->office
		? "SELECT m.name FROM sqlite_master m WHERE m.type IN ('table', 'view') AND EXISTS"
		  " (SELECT 1 FROM xchg_dirty d WHERE d.tbl = m.name AND d.ctr > ?1" FOR_PEER
		  NOT_HELD ") ORDER BY m.rowid"
		: "SELECT m.name FROM sqlite_master m WHERE m.type IN ('table', 'view') AND EXISTS"
		  " (SELECT 1 FROM xchg_dirty d WHERE d.tbl = m.name AND d.ctr > ?1" NOT_HELD ")"
		  " ORDER BY m.rowid", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, acked_ctr);
	if (rc == SQLITE_OK && p->office)
		rc = gu_bind_text(st, 3, p->id);
	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 4, held);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char **nv = realloc(tables, (n + 1) * sizeof *nv);

		if (!nv || !name || !(nv[n] = strdup(name))) {
			tables = nv ? nv : tables;
			rc = SQLITE_NOMEM;
			break;
		}
		tables = nv;
		n++;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	st = NULL;
	for (i = 0; rc == SQLITE_OK && i < n; i++)
		rc = put_table(db, p, acked_ctr, held, tables[i], b, rows);
	for (i = 0; i < n; i++)
		free(tables[i]);
	free(tables);
	if (rc == SQLITE_OK) {
		rc = sqlite3_prepare_v2(db->h, p->office
			? "SELECT count(DISTINCT d.case_id) FROM xchg_dirty d WHERE d.ctr > ?1" FOR_PEER
			  NOT_HELD
			: "SELECT count(DISTINCT d.case_id) FROM xchg_dirty d WHERE d.ctr > ?1" NOT_HELD,
			-1, &st, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(st, 1, acked_ctr);
		if (rc == SQLITE_OK && p->office)
			rc = gu_bind_text(st, 3, p->id);
		if (rc == SQLITE_OK)
			rc = gu_bind_text(st, 4, held);
		if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			*cases = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
	}
	return rc;
}

/* Adds id to the cases out holds back; returns 0 or -1 out of memory. */
static int add_held(gu_xchg_sent *out, const char *id)
{
	char (*nv)[GU_ID_SIZE] = realloc(out->held, (out->nheld + 1) * sizeof *nv);

	if (!nv)
		return -1;
	out->held = nv;
	snprintf(out->held[out->nheld++], GU_ID_SIZE, "%s", id);
	return 0;
}

/* The consent gate of a laptop's bundle (docs/privacy.md): finds the cases
 * with changes above acked_ctr whose answers record no legal basis.
 * Without override they are held back: listed in out->held and in held (a
 * JSON array).  With override (a supervisor's reason) they travel, each
 * override in the audit log.  Returns 0 or < 0. */
static int hold_back(gu_db *db, long long acked_ctr, const char *override, gu_strbuf *held,
	gu_xchg_sent *out, gu_error *err)
{
	char (*ids)[GU_ID_SIZE] = NULL;
	char detail[600];
	size_t n = 0, i;
	bool yes;
	int ret;

	ret = gu_db_list_ids(db, GU_ST_XCHG_HELD, "SELECT DISTINCT d.case_id FROM xchg_dirty d"
		" JOIN cases c ON c.id = d.case_id WHERE d.ctr > ?1 AND d.tbl <> 'audit'"
		" ORDER BY d.case_id", GU_VALUES(GU_INT(acked_ctr)), &ids, &n, err);
	if (ret < 0)
		goto cleanup;
	snprintf(detail, sizeof detail, "send: %s", override ? override : "");
	gu_sb_put(held, "[", 1);
	for (i = 0; ret == 0 && i < n; i++) {
		ret = gu_case_consent_recorded(db, ids[i], &yes, err);
		if (ret < 0 || yes)
			continue;
		if (override && *override) {
			ret = gu_access_require_supervisor(db, true, err);
			if (ret == 0)
				ret = gu_audit_add_in_tx(db, "consent.override", ids[i], detail,
					gu_time_now(), err);
			continue;
		}
		gu_sb_printf(held, "%s\"%s\"", out->nheld ? "," : "", ids[i]);
		if (add_held(out, ids[i]) < 0)
			ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	}
	gu_sb_put(held, "]", 1);
	if (ret == 0 && held->failed)
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
cleanup:
	free(ids);
	return ret;
}

/* Keeps the changes of the cases held back (a JSON array) waiting: they
 * take a counter above the bundle's, so no acknowledgement of it covers
 * them and the next bundle takes them again.  Returns the SQLite result. */
static int keep_held(gu_db *db, long long acked_ctr, const char *held)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_exec(db->h, "UPDATE xchg_clock SET n = n + 1", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->h, "UPDATE xchg_dirty SET ctr = (SELECT n FROM xchg_clock)"
			" WHERE ctr > ?1 AND tbl <> 'audit' AND case_id IN"
			" (SELECT value FROM json_each(?2))", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_bind_int64(st, 1, acked_ctr)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 2, held)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Writes a translated warning about this computer's clock at now into out
 * ("" when it looks right): earlier than the bundle it wrote before
 * (last), or more than a day behind the last bundle from the other side
 * (peer). */
static void clock_check(long long now, long long last, long long peer, char *out,
	size_t size)
{
	out[0] = '\0';
	if (last > 0 && now < last)
		snprintf(out, size, _("this computer's clock went back since the bundle it wrote "
			"before: check its date (the bundle is written; its order does not depend "
			"on the clock)"));
	else if (peer > now + GU_XCHG_CLOCK_AHEAD_MS)
		snprintf(out, size, _("the other side's clock is %lld days ahead of this one: check "
			"the date on both computers"),
			(long long)((peer - now) / GU_XCHG_CLOCK_AHEAD_MS + 1));
}

/* Frees the list of cases a bundle held back. */
void gu_xchg_sent_free(gu_xchg_sent *s)
{
	free(s->held);
	s->held = NULL;
	s->nheld = 0;
}

/* Writes n bytes to fd; returns 0 or -1 with errno set. */
static int write_all(int fd, const unsigned char *data, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, data, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Records the bundle written inside the transaction, keeping its bytes
 * until it is acknowledged (and forgetting those of the bundles that are);
 * returns 0 or < 0. */
static int record_sent(gu_db *db, const char *peer, const gu_bundle_head *h,
	const char *hash, long long rows, const char *file, const unsigned char *sealed,
	size_t sealed_len, long long peer_ack, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	char detail[300];
	int rc;

	rc = sqlite3_prepare_v2(db->h, "UPDATE xchg_sent SET sealed = NULL WHERE peer = ?1"
		" AND seq <= ?2 AND sealed IS NOT NULL", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, peer)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 2, peer_ack)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	rc = sqlite3_prepare_v2(db->h,
		"INSERT INTO xchg_sent (peer, seq, max_ctr, hash, rows, clock, file, sealed)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &st, NULL);
	if (rc == SQLITE_OK
	    && (rc = gu_bind_text(st, 1, peer)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 2, h->seq)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 3, h->upto)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 4, hash)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 5, rows)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 6, h->clock)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 7, file)) == SQLITE_OK
	    && (rc = sqlite3_bind_blob64(st, 8, sealed, sealed_len, SQLITE_STATIC)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	snprintf(detail, sizeof detail, "to %s seq %lld rows %lld", peer, h->seq, rows);
	return gu_xchg_audit_own(db, "exchange.send", detail, h->clock, err);
}

/* Adds an audit entry the change log leaves out; returns 0 or < 0. */
int gu_xchg_audit_own(gu_db *db, const char *action, const char *detail, long long at,
	gu_error *err)
{
	int ret = gu_xchg_exec(db, "INSERT INTO xchg_applying (one) VALUES (1)", err);

	if (ret == 0) {
		ret = gu_audit_add_in_tx(db, action, NULL, detail, at, err);
		if (ret == 0)
			ret = gu_xchg_exec(db, "DELETE FROM xchg_applying", err);
	}
	return ret;
}

/* Fills the header of the next bundle to p, the clock of the bundle
 * before it (0: none) and of the last one received from p (0: none);
 * returns 0 or < 0. */
static int next_head(gu_db *db, const gu_xchg_keys *k, const struct peer *p,
	gu_bundle_head *h, long long *acked_ctr, long long *peer_ack_out, long long *last_clock,
	long long *peer_clock, gu_error *err)
{
	long long peer_ack = 0;
	sqlite3_stmt *st = NULL;
	int rc;

	memset(h, 0, sizeof *h);
	*last_clock = *peer_clock = 0;
	snprintf(h->kind, sizeof h->kind, "%s", p->office ? "office" : "laptop");
	snprintf(h->from, sizeof h->from, "%s", k->self.id);
	snprintf(h->to, sizeof h->to, "%s", p->id);
	snprintf(h->township, sizeof h->township, "%s", k->self.township);
	snprintf(h->worker, sizeof h->worker, "%s", p->office ? p->worker : k->self.worker);
	h->clock = gu_xchg_clock_now();
	rc = sqlite3_prepare_v2(db->h, "SELECT seq, hash, clock FROM xchg_sent WHERE peer = ?1"
		" ORDER BY seq DESC LIMIT 1", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, p->id)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			h->seq = sqlite3_column_int64(st, 0);
			gu_column_copy(st, 1, h->prev, sizeof h->prev);
			*last_clock = sqlite3_column_int64(st, 2);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	h->seq++;
	if (rc == SQLITE_OK)
		rc = one_number(db, "SELECT max(seq) FROM xchg_received WHERE sender = ?1"
			" AND state = 'applied'", p->id, 0, &h->ack);
	if (rc == SQLITE_OK)
		rc = one_number(db, "SELECT max(ack) FROM xchg_received WHERE sender = ?1"
			" AND state = 'applied'", p->id, 0, &peer_ack);
	if (rc == SQLITE_OK)
		rc = one_number(db, "SELECT max_ctr FROM xchg_sent WHERE peer = ?1 AND seq = ?2",
			p->id, peer_ack, acked_ctr);
	if (rc == SQLITE_OK)
		rc = one_number(db, "SELECT n FROM xchg_clock WHERE ?1 IS NOT NULL", p->id, 0,
			&h->upto);
	if (rc == SQLITE_OK)
		rc = one_number(db, "SELECT clock FROM xchg_received WHERE sender = ?1"
			" ORDER BY seq DESC LIMIT 1", p->id, 0, peer_clock);
	*peer_ack_out = peer_ack;
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Writes the path of a laptop's bundle seq in dir into path:
 * guanai-TOWNSHIP-WORKER-SEQ.bundle (without a township, guanai-WORKER-SEQ).
 * When that file exists, it is another device's of the same worker (a
 * laptop enrolled again, or a new one, writing into a folder its old one
 * used: this device never wrote that number there), and the name takes
 * this device's first 8 digits before the number. */
static void laptop_name(const gu_xchg_self *self, const char *dir, long long seq, char *path,
	size_t size)
{
	char town[64], worker[64], who[140];
	struct stat sb;

	if (self->township[0])
		snprintf(who, sizeof who, "%s-%s",
			gu_bundle_name_part(self->township, town, sizeof town),
			gu_bundle_name_part(self->worker, worker, sizeof worker));
	else
		snprintf(who, sizeof who, "%s",
			gu_bundle_name_part(self->worker, worker, sizeof worker));
	if (!dir || !*dir)
		dir = ".";
	snprintf(path, size, "%s/guanai-%s-%lld.bundle", dir, who, seq);
	if (lstat(path, &sb) == 0)
		snprintf(path, size, "%s/guanai-%s-%.8s-%lld.bundle", dir, who, self->id, seq);
}

/* Writes the next bundle into dir; returns 0 or < 0. */
int gu_xchg_send(gu_db *db, const char *device, const char *dir, const char *override,
	gu_xchg_sent *out, gu_error *err)
{
	gu_strbuf b = { 0 }, held = { 0 }, recs = { 0 };
	gu_bundle_head h;
	gu_xchg_keys k;
	gu_safe_file f;
	struct peer p;
	unsigned char *sealed = NULL;
	size_t sealed_len = 0;
	long long acked_ctr = 0, peer_ack = 0;
	long long last_clock, peer_clock;
	char hash[GU_XHASH_SIZE], worker[64];
	char *body = NULL;
	bool file_open = false;
	int ret, rc;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	ret = gu_xchg_keys_load(db, &k, err);
	if (ret < 0)
		return ret;
	if (k.self.role == GU_XROLE_OFFICE)
		ret = gu_access_require_supervisor(db, true, err);
	if (ret == 0)
		ret = find_peer(db, &k, device, &p, err);
	if (ret == 0)
		ret = gu_db_begin(db, err);
	if (ret < 0)
		goto cleanup;
	ret = next_head(db, &k, &p, &h, &acked_ctr, &peer_ack, &last_clock, &peer_clock, err);
	if (ret < 0)
		goto fail;
	clock_check(h.clock, last_clock, peer_clock, out->clock_warning, sizeof out->clock_warning);
	if (db->policy)
		snprintf(h.policy, sizeof h.policy, "%s", gu_policy_hash(db->policy));
	if (p.office)
		gu_sb_put(&held, "[]", 2);
	else
		ret = hold_back(db, acked_ctr, override, &held, out, err);
	if (ret < 0 || held.failed) {
		ret = ret < 0 ? ret : gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto fail;
	}
	/* the records first: the header says how many cases they are of */
	rc = put_records(db, &p, acked_ctr, held.s, &recs, &out->rows, &out->cases);
	if (rc == SQLITE_OK && out->nheld > 0)
		rc = keep_held(db, acked_ctr, held.s);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		goto fail;
	}
	h.cases = out->cases;
	gu_bundle_head_write(&b, &h);
	if (p.office) {
		ret = gu_xchg_policy_put(db, p.id, &b, err);
		if (ret < 0)
			goto fail;
		out->policy = ret == 1;
		ret = 0;
	}
	gu_sb_put(&b, recs.s ? recs.s : "", recs.len);
	body = recs.failed ? NULL : gu_sb_take(&b);
	if (!body) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto fail;
	}
	gu_xhash(body, strlen(body), hash);
	ret = gu_bundle_seal(body, strlen(body), k.keys.sign_sk, p.box_pk, &sealed, &sealed_len,
		err);
	if (ret < 0)
		goto fail;
	if (p.office)
		snprintf(out->path, sizeof out->path, "%s/guanai-office-%s-%.8s-%lld.bundle",
			dir && *dir ? dir : ".", gu_bundle_name_part(p.worker, worker, sizeof worker),
			p.id, h.seq);
	else
		laptop_name(&k.self, dir, h.seq, out->path, sizeof out->path);
	ret = gu_safe_open(db, out->path, 0, &f, err);
	if (ret < 0)
		goto fail;
	file_open = true;
	if (write_all(f.fd, sealed, sealed_len) < 0) {
		ret = gu_error_set(err, GU_EIO, out->path, 0, 0, _("cannot write the bundle: %s"),
			strerror(errno));
		goto fail;
	}
	ret = record_sent(db, p.id, &h, hash, out->rows, out->path, sealed, sealed_len, peer_ack,
		err);
	if (ret < 0)
		goto fail;
	file_open = false;
	ret = gu_safe_commit(&f, err);
	if (ret < 0)
		goto fail;
	ret = gu_db_commit(db, err);
	if (ret < 0)
		goto cleanup;
	out->seq = h.seq;
	out->bytes = sealed_len;
	goto cleanup;
fail:
	if (file_open)
		gu_safe_abort(&f);
	gu_db_rollback(db);
	gu_xchg_sent_free(out);
cleanup:
	free(gu_sb_take(&b));
	free(gu_sb_take(&recs));
	free(gu_sb_take(&held));
	free(body);
	free(sealed);
	gu_xchg_keys_wipe(&k);
	return ret;
}

/* Counts the changes not yet sent and the last bundles; returns 0 or < 0. */
int gu_xchg_pending(gu_db *db, long long *changes, long long *last_sent,
	long long *last_acked, gu_error *err)
{
	gu_xchg_keys k;
	long long upto = 0;
	int ret, rc;
	GU_ERR_LOCAL(err);

	*changes = *last_sent = *last_acked = 0;
	ret = gu_xchg_keys_load(db, &k, err);
	if (ret < 0)
		return ret;
	gu_xchg_keys_wipe(&k);
	rc = one_number(db, "SELECT max(seq) FROM xchg_sent WHERE peer = ?1", k.self.office_id, 0,
		last_sent);
	if (rc == SQLITE_OK)
		rc = one_number(db, "SELECT max(ack) FROM xchg_received WHERE sender = ?1"
			" AND state = 'applied'", k.self.office_id, 0, last_acked);
	if (rc == SQLITE_OK)
		rc = one_number(db, "SELECT max_ctr FROM xchg_sent WHERE peer = ?1 AND seq = ?2",
			k.self.office_id, *last_sent, &upto);
	if (rc == SQLITE_OK)
		rc = one_number(db, "SELECT count(*) FROM xchg_dirty WHERE ctr > ?2 AND ?1 IS NOT NULL"
			/* audit entries of no case (a login) travel with the next
			 * bundle but call for none by themselves */
			" AND NOT (tbl = 'audit' AND case_id IS NULL)",
			k.self.office_id, upto, changes);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Writes bundle seq to the peer again into dir; returns 0 or < 0. */
int gu_xchg_send_again(gu_db *db, const char *device, long long seq, const char *dir,
	gu_xchg_sent *out, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	gu_safe_file f;
	gu_xchg_keys k;
	struct peer p;
	const char *name;
	int ret, rc;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	ret = gu_xchg_keys_load(db, &k, err);
	if (ret < 0)
		return ret;
	gu_xchg_keys_wipe(&k);
	if (k.self.role == GU_XROLE_OFFICE)
		ret = gu_access_require_supervisor(db, true, err);
	if (ret == 0)
		ret = find_peer(db, &k, device, &p, err);
	if (ret < 0)
		return ret;
	rc = sqlite3_prepare_v2(db->h, "SELECT sealed, file, rows FROM xchg_sent WHERE peer = ?1"
		" AND seq = ?2", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, p.id)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 2, seq)) == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		ret = gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("bundle %lld was never written here"), seq);
	} else if (rc != SQLITE_ROW) {
		ret = gu_db_fail(db, rc, err);
	} else if (sqlite3_column_type(st, 0) != SQLITE_BLOB) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("bundle %lld was received and acknowledged: it is not needed again"), seq);
	} else {
		name = strrchr((const char *)sqlite3_column_text(st, 1), '/');
		snprintf(out->path, sizeof out->path, "%s/%s", dir && *dir ? dir : ".",
			name ? name + 1 : (const char *)sqlite3_column_text(st, 1));
		out->seq = seq;
		out->rows = sqlite3_column_int64(st, 2);
		out->bytes = (size_t)sqlite3_column_bytes(st, 0);
		ret = gu_safe_open(db, out->path, 0, &f, err);
		if (ret == 0 && write_all(f.fd, sqlite3_column_blob(st, 0), out->bytes) < 0) {
			ret = gu_error_set(err, GU_EIO, out->path, 0, 0,
				_("cannot write the bundle: %s"), strerror(errno));
			gu_safe_abort(&f);
		} else if (ret == 0) {
			ret = gu_safe_commit(&f, err);
		}
	}
	sqlite3_finalize(st);
	return ret;
}
