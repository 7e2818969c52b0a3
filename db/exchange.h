/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exchange between laptops and their office (docs/exchange.md): the
 * installation's keys, the office's devices, bundles sent and received,
 * conflicts and possible duplicates.  Secret keys never leave the
 * database through these functions. */
#ifndef GUANAI_DB_EXCHANGE_H
#define GUANAI_DB_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/bundle.h"
#include "core/policy.h"
#include "core/strbuf.h"
#include "db/store.h"

enum gu_xrole { GU_XROLE_NONE = 0, GU_XROLE_OFFICE, GU_XROLE_LAPTOP };

/* What this installation is, without its secrets. */
typedef struct gu_xchg_self {
	enum gu_xrole role;
	char id[GU_ID_SIZE];            /* this database's device id */
	char fingerprint[GU_XFP_SIZE];  /* of its own public keys */
	char township[160], worker[160];
	char office_id[GU_ID_SIZE];     /* on a laptop */
	char office_fingerprint[GU_XFP_SIZE];
} gu_xchg_self;

/* Fills s (role GU_XROLE_NONE when neither office nor laptop); returns 0 or < 0. */
int gu_xchg_self_get(gu_db *db, gu_xchg_self *s, gu_error *err);
/* Returns the role, GU_XROLE_NONE also when it cannot be read. */
enum gu_xrole gu_xchg_role(gu_db *db);

/* Makes this database an office (a supervisor only): its keys, the change
 * log; fills s.  Returns 0 or < 0 (-GU_EEXIST when it already is one). */
int gu_xchg_office_init(gu_db *db, const char *name, gu_xchg_self *s, gu_error *err);
/* Appends the office's public file (ids and public keys) to b; returns 0 or < 0. */
int gu_xchg_office_public(gu_db *db, gu_strbuf *b, gu_error *err);

/* The public file of an office, as read. */
typedef struct gu_xchg_office_file {
	char id[GU_ID_SIZE];
	char name[160];
	char fingerprint[GU_XFP_SIZE];
	unsigned char sign_pk[GU_XSIGN_PK], box_pk[GU_XBOX_PK];
} gu_xchg_office_file;
/* Reads an office's public file; returns 0 or -GU_EINVAL saying what is wrong. */
int gu_xchg_office_file_parse(const char *text, gu_xchg_office_file *o, gu_error *err);

/* Enrols this database as a laptop of the office o, for township and
 * worker: makes its keys, starts the change log (every row there is now
 * will travel), and appends the enrolment file for the office to b.  With
 * again, a laptop enrolled before (restored from a backup) becomes a new
 * device with a new chain.  Returns 0 or < 0 (-GU_EEXIST when already
 * enrolled, without again, or an office). */
int gu_xchg_enroll(gu_db *db, const gu_xchg_office_file *o, const char *township,
	const char *worker, bool again, gu_strbuf *b, gu_xchg_self *s, gu_error *err);

/* Assigns a case to a device and its worker (the office, a supervisor):
 * the case's owner changes, the whole case travels to that device with its
 * next bundle; audited.  Returns 0 or < 0. */
int gu_xchg_assign(gu_db *db, const char *case_id, const char *device, gu_error *err);
/* Assigns every open case (not reviewed or closed) of device from to
 * device to; returns the number of cases or < 0. */
int gu_xchg_assign_all(gu_db *db, const char *from, const char *to, gu_error *err);
/* At the office, hands every case whose worker is name (assigned to her,
 * else made by her: GU_SQL_CASE_WORKER) to heir, inside the caller's
 * transaction: each assigned to heir's newest active device as
 * gu_xchg_assign does (audited, the whole case travelling to it).  When
 * heir has no device, the office's own cases of name (assigned to nobody)
 * take heir as their maker, and a case assigned to name refuses it all
 * (-GU_EINVAL, saying how to go on).  Returns the number of cases or < 0. */
int gu_xchg_hand_over(gu_db *db, const char *name, const char *heir, gu_error *err);

/* One device registered at the office. */
typedef struct gu_xchg_device {
	char id[GU_ID_SIZE];
	char worker[160], township[160];
	char fingerprint[GU_XFP_SIZE];
	bool revoked;
	long long last_seq;          /* the last bundle applied, 0: none */
	gu_time_ms last_at;          /* when it was received, 0: never */
	long long held;              /* bundles waiting for an earlier one */
	long long sent_seq;          /* the last bundle the office wrote for it */
} gu_xchg_device;

/* Reads an enrolment file into d (without registering it): its signature
 * and office are checked.  Returns 0 or < 0. */
int gu_xchg_device_read(gu_db *db, const char *text, gu_xchg_device *d, gu_error *err);
/* Registers the device of an enrolment file at the office (a supervisor);
 * returns 0 with d filled, or < 0. */
int gu_xchg_device_add(gu_db *db, const char *text, gu_xchg_device *d, gu_error *err);
/* Lists the devices; returns 0 with a malloc'd array or < 0. */
int gu_xchg_device_list(gu_db *db, gu_xchg_device **out, size_t *n, gu_error *err);
/* Finds the one device whose id starts with prefix, or whose worker is
 * prefix; returns 0 with id filled, -GU_ENOTFOUND or -GU_EINVAL (several). */
int gu_xchg_device_resolve(gu_db *db, const char *prefix, char id[GU_ID_SIZE], gu_error *err);
/* Opens at the office the recovery key device sent sealed when it enrolled
 * (a supervisor, for reason, which the audit keeps) and writes it to the
 * new file path (mode 0600, never over a file), for "users passwd NAME
 * --recovery-file" on that laptop's database.  Returns 0, -GU_ENOTFOUND
 * when the device sent none, or < 0. */
int gu_xchg_recovery_write(gu_db *db, const char *device, const char *reason,
	const char *path, gu_error *err);
/* Revokes a device (a supervisor); returns 0 or < 0. */
int gu_xchg_device_revoke(gu_db *db, const char *id, gu_error *err);

/* What a bundle written held. */
typedef struct gu_xchg_sent {
	long long seq;
	long long rows;              /* records in it */
	long long cases;             /* cases they belong to */
	size_t bytes;
	char path[4096];             /* where it was written */
	char (*held)[GU_ID_SIZE];    /* cases held back: no legal basis recorded */
	size_t nheld;
	char clock_warning[300];     /* "" or a translated warning about this clock */
	bool policy;                 /* it carries the office's policy file */
} gu_xchg_sent;

/* Writes the next bundle into folder dir: on a laptop for the office
 * (device NULL), at the office for device.  A laptop's case whose answers
 * record no legal basis stays out of it, listed in out->held, and travels
 * with a later bundle once its basis is recorded; override (a supervisor's
 * reason, NULL or "" for none) sends it, audited.  Returns 0 or < 0; free
 * out with gu_xchg_sent_free. */
int gu_xchg_send(gu_db *db, const char *device, const char *dir, const char *override,
	gu_xchg_sent *out, gu_error *err);
/* Frees the list of cases a bundle held back. */
void gu_xchg_sent_free(gu_xchg_sent *s);

/* Writes bundle seq (written before, not yet acknowledged) again into
 * folder dir, byte for byte: for a bundle lost on the way.  Returns 0 or < 0. */
int gu_xchg_send_again(gu_db *db, const char *device, long long seq, const char *dir,
	gu_xchg_sent *out, gu_error *err);

/* How many changes wait to be sent (laptop) and the last bundle written
 * and acknowledged; returns 0 or < 0. */
int gu_xchg_pending(gu_db *db, long long *changes, long long *last_sent,
	long long *last_acked, gu_error *err);

enum gu_xreceived {
	GU_XRECV_APPLIED = 0,        /* applied now */
	GU_XRECV_ALREADY,            /* the same bundle came before: nothing changed */
	GU_XRECV_HELD                /* an earlier one is missing: kept until it comes */
};

/* What receiving one bundle did. */
typedef struct gu_xchg_receipt {
	enum gu_xreceived what;
	char sender[GU_ID_SIZE];
	char worker[160];
	long long seq;
	long long rows, skipped, conflicts, duplicates;
	long long held_applied;      /* held bundles applied after it */
	long long waiting_for;       /* with HELD: the missing sequence number */
	char clock_warning[300];     /* "" or a translated warning */
	char policy[72];             /* on a laptop: the office's policy it brought, now
	                              * used for new interviews ("" none new) */
	char policy_version[64];     /* that policy's version */
} gu_xchg_receipt;

/* Verifies, opens and applies one bundle (n bytes) in one transaction, then
 * any held bundle that can follow it.  Refuses a bundle whole (nothing
 * applied) with a message saying why.  Returns 0 with r filled, or < 0. */
int gu_xchg_receive(gu_db *db, const unsigned char *data, size_t n, gu_xchg_receipt *r,
	gu_error *err);

/* One conflict kept at the office. */
typedef struct gu_xchg_conflict {
	char id[GU_ID_SIZE];
	char sender[GU_ID_SIZE], worker[160];
	long long seq;
	char tbl[64], case_id[GU_ID_SIZE], col[64];
	char *pk, *office_value, *laptop_value;  /* JSON; NULL when absent */
	char key[128];               /* an answer's key ("child.grade"), else "" */
	char *office_answer, *laptop_answer;  /* an answer's value as typed, else NULL */
	bool derived;                /* a row that only follows an answer */
	char follows[128];           /* the key of the one answer it follows, "" when it
	                              * follows every answer of its case (docs/exchange.md) */
	char why[32];                /* "office-changed", "closed", "assigned" */
	bool resolved;
	char decision[32], decided_by[160];
	gu_time_ms at;
} gu_xchg_conflict;

/* Lists the conflicts (open only unless all; an open row that only
 * follows an answer is left out while an open answer conflict of the same
 * case, sender and bundle exists, docs/exchange.md); returns 0 or < 0. */
int gu_xchg_conflict_list(gu_db *db, bool all, gu_xchg_conflict **out, size_t *n,
	gu_error *err);
/* Frees a conflict list. */
void gu_xchg_conflicts_free(gu_xchg_conflict *v, size_t n);

enum gu_xkeep { GU_XKEEP_OFFICE, GU_XKEEP_LAPTOP, GU_XKEEP_VALUE };
/* Decides one open conflict (a supervisor; id or a prefix of it): keeps the
 * office's value, the laptop's, or value (an answer's checked against pol
 * as the interview checks it); audited.  Deciding the last open answer
 * conflict of a case's bundle decides the rows that follow the answers
 * with it, each audited.  Returns 0 or < 0. */
int gu_xchg_conflict_resolve(gu_db *db, const gu_policy *pol, const char *id,
	enum gu_xkeep keep, const char *value, gu_error *err);

/* A pair of cases that may be one child. */
typedef struct gu_xchg_duplicate {
	char case_a[GU_ID_SIZE];     /* the older (interviewed first): a merge keeps it */
	char case_b[GU_ID_SIZE];
	char why[32];                /* "id_number" or "name_dob_township" */
	char state[16];              /* "open", "merged", "different" */
	gu_time_ms at;
} gu_xchg_duplicate;

/* Lists the possible duplicates (open only unless all), each pair's older
 * case first; returns 0 or < 0. */
int gu_xchg_duplicate_list(gu_db *db, bool all, gu_xchg_duplicate **out, size_t *n,
	gu_error *err);
/* Marks two cases as different children (a supervisor); returns 0 or < 0. */
int gu_xchg_duplicate_different(gu_db *db, const char *a, const char *b, gu_error *err);
/* Merges other into keep (a supervisor): the answers keep lacks are copied
 * from other, both histories stay, other is closed with a note naming keep;
 * audited.  Returns 0 or < 0. */
int gu_xchg_duplicate_merge(gu_db *db, const char *keep, const char *other, gu_error *err);

/* Loads the policy file this laptop's office sent last (kept in the
 * database by hash, docs/exchange.md): the one its new interviews use.
 * Returns 1 with *out (free with gu_policy_free), 0 when none came or this
 * database is no laptop, or < 0. */
int gu_xchg_office_policy(gu_db *db, gu_policy **out, gu_error *err);

/* A bundle received (or refused) here. */
typedef struct gu_xchg_bundle {
	char sender[GU_ID_SIZE];     /* "" when a refused bundle could not be read */
	char worker[160];            /* the sender's, as registered */
	long long seq;               /* 0 when not read */
	gu_time_ms at;               /* when it was read */
	long long cases;             /* cases its records are of (as its sender counted) */
	char state[16];              /* "applied", "held" or "refused" */
	char reason[300];            /* refused: why */
} gu_xchg_bundle;

/* Lists the last limit bundles (0: all) received here (a supervisor at the office),
 * newest first, refused ones with the reason; returns 0 with a malloc'd
 * array or < 0. */
int gu_xchg_bundle_list(gu_db *db, size_t limit, gu_xchg_bundle **out, size_t *n,
	gu_error *err);

/* Frees a device list. */
void gu_xchg_devices_free(gu_xchg_device *v, size_t n);

#endif
