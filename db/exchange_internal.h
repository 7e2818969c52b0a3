/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the exchange's db/ files share (db/exchange_*.c). */
#ifndef GUANAI_DB_EXCHANGE_INTERNAL_H
#define GUANAI_DB_EXCHANGE_INTERNAL_H

#include "core/bundle_body.h"
#include "db/exchange.h"
#include "db/internal.h"

/* This installation's keys and peers, secrets included (never shown). */
typedef struct gu_xchg_keys {
	gu_xchg_self self;
	gu_xkeys keys;
	unsigned char office_sign_pk[GU_XSIGN_PK], office_box_pk[GU_XBOX_PK];
} gu_xchg_keys;

/* Reads the keys; returns 0, -GU_ENOTFOUND (neither office nor laptop) or < 0. */
int gu_xchg_keys_load(gu_db *db, gu_xchg_keys *k, gu_error *err);
/* Wipes the secrets of k. */
void gu_xchg_keys_wipe(gu_xchg_keys *k);

/* Returns true when table tbl never travels (local to one file or the
 * exchange's own). */
bool gu_xchg_table_local(const char *tbl);
/* Returns true when the receiver keeps table tbl's rows apart from its own
 * (another database's audit entries). */
bool gu_xchg_table_apart(const char *tbl);
/* Returns true when only the office writes table tbl. */
bool gu_xchg_table_office_only(const char *tbl);

/* Creates the change log's triggers on every replicated table that has
 * none yet and logs the rows already there, inside the caller's
 * transaction; joining (the database becomes an office or a laptop) logs
 * the rows of the views that travel as tables too, which their own
 * triggers log afterwards.  Returns the SQLite result. */
int gu_xchg_capture_install(sqlite3 *h, bool joining);

/* Gives the tables a later migration added their triggers when this
 * database is an office or a laptop (run at every open); returns 0 or < 0. */
int gu_xchg_capture_refresh(gu_db *db, gu_error *err);

/* Logs every row of a case again (in every replicated table), so that the
 * whole case travels with the next bundle; returns the SQLite result. */
int gu_xchg_log_case(sqlite3 *h, const char *case_id);

/* A table as the exchange sees it: its columns and primary key. */
typedef struct gu_xtable {
	char name[64];
	int ncols, npk;
	char cols[64][64];
	int pk[8];                   /* indexes into cols, in key order */
	bool has_case_id;
	bool is_view;                /* a view that travels as a table (no ON CONFLICT) */
} gu_xtable;
/* Reads table name's columns; returns 0, 1 when it has no such table or no
 * declared key, or the SQLite result (> 1). */
int gu_xtable_read(sqlite3 *h, const char *name, gu_xtable *t);
/* Appends the quoted column list (prefix before each name, "new." say) to b. */
void gu_xtable_cols(gu_strbuf *b, const gu_xtable *t, const char *prefix, bool pk_only);

/* Applies the records of one verified bundle from sender inside the
 * caller's transaction (the change log paused); counts into r.  Returns 0
 * or < 0 (the caller rolls back). */
int gu_xchg_apply_records(gu_db *db, const gu_xchg_keys *k, const char *sender,
	const char *records, long long seq, long long prev_upto, long long heard_ctr,
	gu_xchg_receipt *r, gu_error *err);

/* Appends the office's policy section (core/bundle_body.h) for device to
 * b when the device uses another policy than db's in use; returns 1 when
 * it did, 0 when not, or < 0. */
int gu_xchg_policy_put(gu_db *db, const char *device, gu_strbuf *b, gu_error *err);
/* Takes the policy part of a verified bundle with header h inside the
 * receiver's transaction: at the office, notes the policy the laptop uses
 * (a laptop's bundle carrying a policy is refused); on a laptop, checks
 * and keeps the office's policy section at *records (moving *records past
 * it), naming it in r when it is new.  Returns 0 or < 0 (refused whole). */
int gu_xchg_policy_take(gu_db *db, const gu_xchg_keys *k, const gu_bundle_head *h,
	const char **records, gu_xchg_receipt *r, gu_error *err);

/* Gives an encrypted laptop a new recovery key and appends it, sealed to
 * the office's box_pk, as a "recovery" line (of its enrolment file) to b;
 * a database without key slots appends nothing.  Returns 0 or < 0. */
int gu_xchg_recovery_seal(gu_db *db, const unsigned char box_pk[GU_XBOX_PK], gu_strbuf *b,
	gu_error *err);
/* Checks the hex of a sealed recovery key read from an enrolment file;
 * returns 0 or -1. */
int gu_xchg_recovery_check(const char *hex);

/* Returns the time a bundle carries and a receiver compares it with, in UTC
 * milliseconds (db/exchange_clock.c; the shell tests shift it). */
gu_time_ms gu_xchg_clock_now(void);
/* A sender's clock this far ahead of the receiver's is a warning. */
#define GU_XCHG_CLOCK_AHEAD_MS (24LL * 3600 * 1000)

/* Runs sql (no rows) on db; returns 0 or < 0. */
int gu_xchg_exec(gu_db *db, const char *sql, gu_error *err);

/* Adds, inside the open transaction, an audit entry of the exchange itself
 * (a bundle written or read), which the change log leaves out: no bundle
 * carries it, so a send's own entry does not make the next send non-empty
 * (db/exchange_send.c).  Returns 0 or < 0. */
int gu_xchg_audit_own(gu_db *db, const char *action, const char *detail, long long at,
	gu_error *err);

#endif
