/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Receiving a bundle (docs/exchange.md, "Receiving"): open and verify it,
 * place it in its sender's chain, then apply it in one transaction, or
 * hold it until the bundle before it has come.  Anything wrong refuses it
 * whole. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bundle_body.h"
#include "core/i18n.h"
#include "db/access.h"
#include "db/exchange_internal.h"

#define DAY_MS (24LL * 3600 * 1000)

/* Who sent a bundle, as this installation knows them. */
struct sender {
	unsigned char sign_pk[GU_XSIGN_PK];
	char worker[160];
};

/* Finds the sender h names and checks it may send here; returns 0 or < 0. */
static int find_sender(gu_db *db, const gu_xchg_keys *k, const gu_bundle_head *h,
	struct sender *s, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	memset(s, 0, sizeof *s);
	if (strcmp(h->to, k->self.id) != 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this bundle was written for another database (%.8s), not this one (%.8s): "
			  "nothing of it was applied"), h->to, k->self.id);
	if (k->self.role == GU_XROLE_LAPTOP) {
		if (strcmp(h->kind, "office") != 0 || strcmp(h->from, k->self.office_id) != 0)
			return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
				_("this bundle does not come from this laptop's office: nothing of it "
				  "was applied"));
		memcpy(s->sign_pk, k->office_sign_pk, GU_XSIGN_PK);
		snprintf(s->worker, sizeof s->worker, "%s", k->self.worker);
		return 0;
	}
	if (strcmp(h->kind, "laptop") != 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this bundle comes from an office, not from a laptop: nothing of it was applied"));
	rc = sqlite3_prepare_v2(db->h, "SELECT sign_pk, state, worker FROM xchg_devices WHERE id = ?1",
		-1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, h->from)) == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(st, 1);

		rc = SQLITE_OK;
		gu_column_copy(st, 2, s->worker, sizeof s->worker);
		if (gu_xunhex((const char *)sqlite3_column_text(st, 0), s->sign_pk, GU_XSIGN_PK,
				"", NULL) < 0)
			ret = gu_error_set(err, GU_EDB_CORRUPT, NULL, 0, 0,
				_("the keys of device %.8s are damaged: register it again"), h->from);
		else if (state && strcmp(state, "revoked") == 0)
			ret = gu_error_set(err, GU_EPERM, NULL, 0, 0,
				_("device %.8s (%s) is revoked: its bundles are refused, nothing of this "
				  "one was applied"), h->from, s->worker);
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
		ret = gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("this bundle comes from device %.8s, which this office does not know "
			  "(worker %s): register its enrolment file with \"%s devices add FILE\"; "
			  "nothing of it was applied"), h->from, h->worker, PACKAGE);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	return ret;
}

/* The sender's chain as received so far. */
struct chain {
	long long last;              /* last applied sequence number, 0: none */
	char last_hash[GU_XHASH_SIZE];
	long long last_upto, last_clock;
	bool seen;                   /* this sequence number came before ... */
	bool seen_held;
	char seen_hash[GU_XHASH_SIZE];   /* ... with this hash */
};

/* Reads the sender's chain and what came before with number seq; returns
 * the SQLite result. */
static int read_chain(gu_db *db, const char *sender, long long seq, struct chain *c)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(c, 0, sizeof *c);
	rc = sqlite3_prepare_v2(db->h, "SELECT seq, hash, upto, clock FROM xchg_received"
		" WHERE sender = ?1 AND state = 'applied' ORDER BY seq DESC LIMIT 1", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, sender)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			c->last = sqlite3_column_int64(st, 0);
			gu_column_copy(st, 1, c->last_hash, sizeof c->last_hash);
			c->last_upto = sqlite3_column_int64(st, 2);
			c->last_clock = sqlite3_column_int64(st, 3);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->h, "SELECT hash, state FROM xchg_received"
			" WHERE sender = ?1 AND seq = ?2", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, sender)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 2, seq)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const char *state = (const char *)sqlite3_column_text(st, 1);

			c->seen = true;
			c->seen_held = state && strcmp(state, "held") == 0;
			gu_column_copy(st, 0, c->seen_hash, sizeof c->seen_hash);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Writes a translated clock warning into out ("" when the clock looks right). */
static void clock_check(const gu_bundle_head *h, const struct chain *c, char *out, size_t size)
{
	gu_time_ms now = gu_xchg_clock_now();
	bool office = strcmp(h->kind, "office") == 0;

	out[0] = '\0';
	if (h->clock > now + GU_XCHG_CLOCK_AHEAD_MS)
		snprintf(out, size, office
			? _("the office's clock is %lld days ahead of this one: check the date on "
			    "both computers")
			: _("the sender's clock is %lld days ahead of this one: "
			    "check the date on the laptop"), (h->clock - now) / DAY_MS + 1);
	else if (c->last > 0 && h->clock < c->last_clock)
		snprintf(out, size, office
			? _("the office's clock went back since its bundle %lld: check the date on "
			    "the office's computer")
			: _("the sender's clock went back since its bundle %lld: "
			    "check the date on the laptop"), c->last);
}

/* Records a bundle as applied or held; returns the SQLite result. */
static int record_received(gu_db *db, const gu_bundle_head *h, const char *hash,
	const char *state, const char *body, const gu_xchg_receipt *r)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db->h,
		"INSERT INTO xchg_received (sender, seq, hash, prev, state, clock, ack, upto,"
		" received_at, rows, conflicts, clock_warning, body, cases)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
		" ON CONFLICT (sender, seq) DO UPDATE SET state = excluded.state,"
		" rows = excluded.rows, conflicts = excluded.conflicts,"
		" clock_warning = excluded.clock_warning, body = excluded.body", -1, &st, NULL);
	if (rc == SQLITE_OK
	    && (rc = GU_BIND(st, GU_TEXT(h->from), GU_INT(h->seq), GU_TEXT(hash), GU_TEXT(h->prev),
		GU_TEXT(state), GU_INT(h->clock), GU_INT(h->ack), GU_INT(h->upto),
		GU_INT(gu_time_now()), GU_INT(r->rows), GU_INT(r->conflicts),
		GU_TEXT(r->clock_warning), GU_TEXT(body), GU_INT(h->cases))) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Returns the highest change counter of our bundle seq to peer (0 when
 * none), or -1 when we never wrote that bundle. */
static long long sent_ctr(gu_db *db, const char *peer, long long seq)
{
	sqlite3_stmt *st = NULL;
	long long v = seq == 0 ? 0 : -1;

	if (seq > 0 && sqlite3_prepare_v2(db->h, "SELECT max_ctr FROM xchg_sent"
			" WHERE peer = ?1 AND seq = ?2", -1, &st, NULL) == SQLITE_OK
	    && gu_bind_text(st, 1, peer) == SQLITE_OK && sqlite3_bind_int64(st, 2, seq) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Applies the next bundle of the sender's chain inside the open
 * transaction; returns 0 or < 0. */
static int apply_next(gu_db *db, const gu_xchg_keys *k, const gu_bundle_head *h,
	const char *records, const char *hash, const struct chain *c, gu_xchg_receipt *r,
	gu_error *err)
{
	long long heard;
	char detail[300];
	int ret, rc;

	if (strcmp(h->prev, c->last_hash) != 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("bundle %lld does not follow bundle %lld received before from the same "
			  "sender: a laptop restored from a backup must enrol again as a new device; "
			  "nothing of it was applied"), h->seq, c->last);
	heard = sent_ctr(db, h->from, h->ack);
	if (heard < 0 && k->self.role == GU_XROLE_LAPTOP)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the office has received bundle %lld from this laptop, which this database "
			  "never wrote: it was restored from a backup; enrol it again as a new device "
			  "(\"%s enroll --again OFFICE.pub\"); nothing of this bundle was applied"),
			h->ack, PACKAGE);
	if (heard < 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the bundle acknowledges bundle %lld, which was never written here: it "
			  "belongs to another office or laptop; nothing of it was applied"), h->ack);
	clock_check(h, c, r->clock_warning, sizeof r->clock_warning);
	ret = gu_xchg_exec(db, "PRAGMA defer_foreign_keys = ON;"
		" INSERT INTO xchg_applying (one) VALUES (1)", err);
	if (ret == 0)
		ret = gu_xchg_policy_take(db, k, h, &records, r, err);
	if (ret == 0)
		ret = gu_xchg_apply_records(db, k, h->from, records, h->seq, c->last_upto, heard, r,
			err);
	if (ret == 0)
		ret = gu_xchg_exec(db, "DELETE FROM xchg_applying", err);
	if (ret == 0 && (rc = record_received(db, h, hash, "applied", NULL, r)) != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "from %s seq %lld rows %lld conflicts %lld%s%s",
			h->from, h->seq, r->rows, r->conflicts, r->clock_warning[0] ? " clock " : "",
			r->clock_warning[0] ? "warning" : "");
		ret = gu_xchg_audit_own(db, "exchange.receive", detail, gu_time_now(), err);
	}
	return ret;
}

/* Applies the held bundles that can now follow; counts them in r.
 * Returns 0 or < 0 (what was applied before the failure stays). */
static int apply_held(gu_db *db, const gu_xchg_keys *k, const char *sender,
	gu_xchg_receipt *r, gu_error *err)
{
	for (;;) {
		sqlite3_stmt *st = NULL;
		gu_xchg_receipt hr;
		gu_bundle_head h;
		struct chain c;
		const char *records;
		char *body = NULL, hash[GU_XHASH_SIZE];
		bool oom = false;
		int ret, rc;

		ret = gu_db_begin(db, err);
		if (ret < 0)
			return ret;
		rc = read_chain(db, sender, 0, &c);
		if (rc == SQLITE_OK)
			rc = sqlite3_prepare_v2(db->h, "SELECT body FROM xchg_received WHERE sender = ?1"
				" AND seq = ?2 AND state = 'held'", -1, &st, NULL);
		if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, sender)) == SQLITE_OK
		    && (rc = sqlite3_bind_int64(st, 2, c.last + 1)) == SQLITE_OK) {
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW) {
				body = gu_column_dup(st, 0, &oom);
				rc = oom ? SQLITE_NOMEM : SQLITE_OK;
			} else if (rc == SQLITE_DONE) {
				rc = SQLITE_OK;
			}
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_OK || !body) {
			gu_db_rollback(db);
			return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
		}
		memset(&hr, 0, sizeof hr);
		ret = gu_bundle_head_parse(body, &h, &records, err);
		if (ret == 0) {
			gu_xhash(body, strlen(body), hash);
			ret = apply_next(db, k, &h, records, hash, &c, &hr, err);
		}
		free(body);
		if (ret < 0) {
			gu_db_rollback(db);
			return ret;
		}
		ret = gu_db_commit(db, err);
		if (ret < 0)
			return ret;
		r->held_applied++;
		r->rows += hr.rows;
		r->skipped += hr.skipped;
		r->conflicts += hr.conflicts;
		r->duplicates += hr.duplicates;
		if (hr.policy[0]) {
			snprintf(r->policy, sizeof r->policy, "%s", hr.policy);
			snprintf(r->policy_version, sizeof r->policy_version, "%s",
				hr.policy_version);
		}
	}
}

/* Lists a refused bundle (its sender and number when they could be read,
 * h NULL when not) with the reason, in a transaction of its own; nothing
 * of its content is kept.  A failure to list it is ignored: the refusal
 * itself is what the caller reports. */
static void note_refused(gu_db *db, const gu_bundle_head *h, const char *reason)
{
	sqlite3_stmt *st = NULL;
	gu_error ignored;

	if (db->readonly || gu_db_begin(db, &ignored) < 0)
		return;
	if (sqlite3_prepare_v2(db->h, "INSERT INTO xchg_refused (sender, seq, at, reason)"
			" VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL) == SQLITE_OK
	    && gu_bind_text(st, 1, h ? h->from : "") == SQLITE_OK
	    && sqlite3_bind_int64(st, 2, h ? h->seq : 0) == SQLITE_OK
	    && sqlite3_bind_int64(st, 3, gu_time_now()) == SQLITE_OK
	    && gu_bind_text(st, 4, reason) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE) {
		sqlite3_finalize(st);
		(void)gu_db_commit(db, &ignored);
		return;
	}
	sqlite3_finalize(st);
	gu_db_rollback(db);
}

/* Returns true when an error is the bundle's (refused), not the
 * database's or the memory's. */
static bool bundle_fault(const gu_error *err)
{
	return err->code == GU_EINVAL || err->code == GU_EPERM;
}

/* Verifies, opens and applies one bundle; returns 0 or < 0. */
int gu_xchg_receive(gu_db *db, const unsigned char *data, size_t n, gu_xchg_receipt *r,
	gu_error *err)
{
	gu_bundle_opened o;
	gu_bundle_head h;
	gu_xchg_keys k;
	struct sender s;
	struct chain c;
	const char *records;
	char hash[GU_XHASH_SIZE];
	bool head_read = false;
	int ret, rc;
	GU_ERR_LOCAL(err);

	memset(r, 0, sizeof *r);
	memset(&o, 0, sizeof o);
	ret = gu_xchg_keys_load(db, &k, err);
	if (ret < 0)
		return ret;
	if (k.self.role == GU_XROLE_OFFICE)
		ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		goto cleanup;
	ret = gu_bundle_open(data, n, &k.keys, &o, err);
	if (ret == 0)
		ret = gu_bundle_head_parse(o.body, &h, &records, err);
	head_read = ret == 0;
	if (ret == 0)
		ret = find_sender(db, &k, &h, &s, err);
	if (ret == 0)
		ret = gu_bundle_verify(&o, s.sign_pk, err);
	if (ret < 0)
		goto refused;
	snprintf(r->sender, sizeof r->sender, "%s", h.from);
	snprintf(r->worker, sizeof r->worker, "%s", s.worker);
	r->seq = h.seq;
	gu_xhash(o.body, o.body_len, hash);
	ret = gu_db_begin(db, err);
	if (ret < 0)
		goto cleanup;
	rc = read_chain(db, h.from, h.seq, &c);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
	} else if (c.seen && strcmp(c.seen_hash, hash) == 0) {
		r->what = c.seen_held ? GU_XRECV_HELD : GU_XRECV_ALREADY;
		r->waiting_for = c.last + 1;
		gu_db_rollback(db);
		goto cleanup;
	} else if (c.seen || h.seq <= c.last) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("a different bundle %lld came from this sender before: this one is an old "
			  "copy, or the laptop was restored from a backup and must enrol again as a "
			  "new device; nothing of it was applied"), h.seq);
	} else if (h.seq > c.last + 1) {
		clock_check(&h, &c, r->clock_warning, sizeof r->clock_warning);
		rc = record_received(db, &h, hash, "held", o.body, r);
		if (rc != SQLITE_OK)
			ret = gu_db_fail(db, rc, err);
		r->what = GU_XRECV_HELD;
		r->waiting_for = c.last + 1;
	} else {
		ret = apply_next(db, &k, &h, records, hash, &c, r, err);
		r->what = GU_XRECV_APPLIED;
	}
	if (ret < 0) {
		gu_db_rollback(db);
		goto refused;
	}
	ret = gu_db_commit(db, err);
	if (ret == 0 && r->what == GU_XRECV_APPLIED)
		ret = apply_held(db, &k, h.from, r, err);
	goto cleanup;
refused:
	if (bundle_fault(err))
		note_refused(db, head_read ? &h : NULL, err->message);
cleanup:
	gu_bundle_opened_free(&o);
	gu_xchg_keys_wipe(&k);
	return ret;
}
