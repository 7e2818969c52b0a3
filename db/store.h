/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case store: one SQLite file holding cases, their answers (with the
 * history of changed values), computed results, referrals and follow-ups,
 * users and an append-only audit log.
 *
 * Every function returns 0 (or a count where said) or a negative gu_code
 * with a translated message in err.  A failed call leaves the database
 * sound, and the same call can simply be made again once the cause is
 * fixed (the caller keeps what it was saving; saving the same answer twice
 * is harmless).  Every write is its own BEGIN IMMEDIATE transaction,
 * committed with synchronous=FULL before the call returns: what a call
 * reported as saved survives a crash or a power cut.
 *
 * Ids are 32 lower-case hex digits (128 random bits).  Times are UTC
 * milliseconds since 1970 (gu_time_ms); dates are "YYYY-MM-DD" text. */
#ifndef GUANAI_DB_STORE_H
#define GUANAI_DB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/answers.h"
#include "core/error.h"
#include "core/eval.h"
#include "db/reasons.h"

typedef struct gu_db gu_db;

/* An id as text: 32 hex digits and a NUL. */
#define GU_ID_SIZE 33
typedef int64_t gu_time_ms;

/* ---- opening ---------------------------------------------------------- */

/* Writes the database path to use into buf: opt_path (from --db) when not
 * NULL or empty, else $GUANAI_DB, else $XDG_DATA_HOME/guanai/guanai.db,
 * else $HOME/.local/share/guanai/guanai.db.  Returns 0, or -GU_EINVAL when
 * no place can be found or the path is too long for buf. */
int gu_db_default_path(const char *opt_path, char *buf, size_t size, gu_error *err);
/* Creates the folder a database at path is to be made in, with its missing
 * parents (0700); returns 0 or < 0. */
int gu_db_make_folder(const char *path, gu_error *err);

/* Opens (creating when absent: folder 0700, file 0600) the database at
 * path, applies the pending migrations, and reads back the latest changes
 * when the last program using it did not close it cleanly (then
 * gu_db_notice says so; gu_db_check checks the whole file).  Refuses a file
 * that is not a guanai database (GU_EDB_NOTADB), one from a newer guanai
 * (GU_EDB_NEWER), a damaged one (GU_EDB_CORRUPT), one another guanai is
 * writing (GU_EDB_LOCKED) and one that cannot be written (GU_EDB_READONLY).
 * On success *out is the open store; on failure *out is NULL. */
int gu_db_open(const char *path, gu_db **out, gu_error *err);
/* Caps the memory SQLite keeps for its caches in this process at about
 * bytes (a soft limit: above it cached pages are given back). */
void gu_db_limit_memory(long long bytes);
/* As gu_db_open, but only reads: no folder or file is created, nothing is
 * migrated (an older database is read as it is only when already current;
 * otherwise -GU_EDB_READONLY asks to open it once read-write).  For
 * listing, exporting and checking a database that cannot be written. */
int gu_db_open_readonly(const char *path, gu_db **out, gu_error *err);
/* Ways to open for gu_db_open_path. */
enum {
	GU_DB_OPEN_READONLY = 1 << 0,    /* as gu_db_open_readonly */
	GU_DB_OPEN_ANY_VERSION = 1 << 1, /* with READONLY: also an older layout (for check) */
	GU_DB_OPEN_NO_MIGRATE = 1 << 2   /* leave the layout as it is (tests) */
};
/* Opens the database gu_db_default_path(opt_path) names, with flags;
 * returns 0 or < 0 as gu_db_open. */
int gu_db_open_path(const char *opt_path, unsigned flags, gu_db **out, gu_error *err);
/* Closes the store and marks the close as clean; NULL is allowed. */
void gu_db_close(gu_db *db);

/* Returns the file name the store was opened with. */
const char *gu_db_path(const gu_db *db);
/* Returns this database's device id (32 hex digits, made when created). */
const char *gu_db_device(const gu_db *db);
/* Returns what opening found that the user should be told once (a
 * database others could read, now 0600; a folder others may write), or "". */
const char *gu_db_notice(const gu_db *db);
/* Returns true when gu_db_open found an unclean close and read back the latest changes. */
bool gu_db_was_recovered(const gu_db *db);
/* Sets the user name recorded as "by" for the writes that follow (NULL or
 * "" for none); returns 0 or -GU_ENOMEM. */
int gu_db_set_user(gu_db *db, const char *user);
/* Sets how long a write waits for another program's lock before it fails
 * with GU_EDB_LOCKED (default 5000 ms). */
void gu_db_set_busy_timeout(gu_db *db, int ms);

/* The schema version this program writes, and the application_id. */
#define GU_DB_SCHEMA_VERSION 23
#define GU_DB_APPLICATION_ID 0x47754169 /* "GuAi" */

/* ---- cases ------------------------------------------------------------ */

enum gu_case_status {
	GU_CASE_DRAFT = 0,  /* being interviewed */
	GU_CASE_COMPLETE,   /* the worker finished it */
	GU_CASE_RETURNED,   /* a supervisor sent it back for changes */
	GU_CASE_REVIEWED,   /* a supervisor accepted it */
	GU_CASE_CLOSED,     /* no more work on it */
	GU_CASE_STATUS_COUNT
};

/* Returns "draft", "complete", "returned", "reviewed" or "closed". */
const char *gu_case_status_name(enum gu_case_status s);
/* Returns the translated word for a status. */
const char *gu_case_status_label(enum gu_case_status s);
/* Sets *out from a status name; returns 0 or -GU_EINVAL. */
int gu_case_status_parse(const char *name, enum gu_case_status *out, gu_error *err);
/* Adds the statuses of a comma-separated list ("draft, returned") to *mask
 * (bits 1u << status); returns 0, or -GU_EINVAL naming the first word that
 * is not a status (or -GU_ENOMEM). */
int gu_case_status_mask_parse(const char *list, unsigned *mask, gu_error *err);

/* What a new case starts with; every text may be NULL. */
typedef struct gu_case_new {
	const char *worker;          /* who interviews */
	const char *township;
	const char *child_name;
	const char *child_id_number;
	const char *policy_id, *policy_version, *policy_hash;
	const char *source_sha256;   /* an imported file's SHA-256, recorded with the
	                              * case so the file is not imported twice; or NULL */
	bool evaluated;              /* the results given with the case are what
	                              * gu_evaluate_ex (explanations, the next
	                              * question, labels) gave for its answers after
	                              * gu_policy_check_answers under the policy of
	                              * policy_hash: the save takes them as they are
	                              * rather than evaluate the answers again */
} gu_case_new;

/* One case as stored (and as listed). */
typedef struct gu_case_info {
	char id[GU_ID_SIZE];
	enum gu_case_status status;
	char child_name[128];        /* from the answer child.name */
	char child_id_number[32];    /* from child.id_number */
	char township[128];          /* from interview.township, else the case's */
	char worker[128];
	char policy_id[64], policy_version[32], policy_hash[72];
	char device[GU_ID_SIZE];     /* the database that created it */
	char resume_key[96];         /* the question on screen when it stopped; "" none */
	int answered;                /* answers saved */
	int progress_done;           /* as given to gu_case_set_resume */
	int progress_total;
	int n_eligible, n_verify;    /* in the saved results */
	gu_time_ms created, updated, completed; /* completed 0 when never */
} gu_case_info;

/* Creates a draft case; writes its new id into id.  Returns 0 or < 0. */
int gu_case_create(gu_db *db, const gu_case_new *c, char id[GU_ID_SIZE], gu_error *err);
/* Reads one case; returns 0, -GU_ENOTFOUND or < 0. */
int gu_case_get(gu_db *db, const char *id, gu_case_info *out, gu_error *err);

/* Saves one confirmed answer in its own transaction.  value NULL removes
 * the answer.  A changed or removed value goes to the history with reason;
 * once a case has been completed a change needs a reason (else
 * -GU_EINVAL).  A value equal to the stored one changes nothing.  Keeps the
 * case's child name, ID number and township in step with the answers. */
int gu_case_save_answer(gu_db *db, const char *case_id, const char *key,
	const char *value, const char *reason, gu_error *err);
/* Saves many answers in one transaction (an import); same rules. */
int gu_case_save_answers(gu_db *db, const char *case_id, const gu_answers *a,
	const char *reason, gu_error *err);
/* Stores a whole interview in one transaction: a new case from c, its
 * answers, its results (r may be NULL; policy from c), its status and the
 * source file's hash (c->source_sha256). */
int gu_case_import(gu_db *db, const gu_case_new *c, const gu_answers *a,
	const gu_results *r, enum gu_case_status status, char id[GU_ID_SIZE],
	gu_error *err);
/* A run of imports in few transactions (one flush to disk for many
 * cases): gu_import_batch_begin starts one, gu_case_import_batched stores
 * a case in it (all of the case or nothing of it: a failed case leaves the
 * batch's earlier cases in it), gu_import_batch_commit makes them all
 * durable at once.  Nothing of a batch is stored until its commit returns
 * 0, so a caller tells a case imported only after that.  Each returns 0
 * or < 0; gu_import_batch_abandon rolls the batch back. */
int gu_import_batch_begin(gu_db *db, gu_error *err);
int gu_case_import_batched(gu_db *db, const gu_case_new *c, const gu_answers *a,
	const gu_results *r, enum gu_case_status status, char id[GU_ID_SIZE],
	gu_error *err);
int gu_import_batch_commit(gu_db *db, gu_error *err);
void gu_import_batch_abandon(gu_db *db);
/* Writes the SHA-256 of the bytes of the file at path into hex; returns 0
 * or < 0 (the file cannot be read). */
int gu_import_file_sha256(const char *path, char hex[65], gu_error *err);
/* Finds a stored case of the same interview as an answers file about to be
 * imported: one imported from a file with the SHA-256 file_sha256 (may be
 * NULL), or one with the same child ID number and interview date (both
 * needed, the number a valid one; either may be NULL).  Writes its id into id; returns 1 when
 * found, 0 when not, or < 0. */
int gu_import_find_same(gu_db *db, const char *file_sha256, const char *child_id_number,
	const char *interview_date, char id[GU_ID_SIZE], gu_error *err);
/* Writes the query plan of gu_import_find_same's look-up by ID number into
 * buf (its steps' details separated by "; "), so a test can tell it reads
 * by an index; returns 0 or < 0. */
int gu_import_same_child_plan(gu_db *db, char *buf, size_t size, gu_error *err);
/* Loads a case's answers into out (initialised here), in the order they
 * were first saved.  Returns 0, -GU_ENOTFOUND or < 0. */
int gu_case_load_answers(gu_db *db, const char *case_id, gu_answers *out, gu_error *err);

/* Remembers the question on screen (key, "" for none) and the progress
 * figures shown with it. */
int gu_case_set_resume(gu_db *db, const char *case_id, const char *key,
	int done, int total, gu_error *err);
/* Writes the remembered question into key (size bytes); "" when none. */
int gu_case_get_resume(gu_db *db, const char *case_id, char *key, size_t size,
	gu_error *err);

/* Changes the status; note (may be NULL) goes to the audit log.  Moving to
 * complete stamps the completion time the first time. */
int gu_case_set_status(gu_db *db, const char *case_id, enum gu_case_status s,
	const char *note, gu_error *err);

/* Lists of cases: gu_case_list and gu_case_count in db/search.h. */
/* Finds the one case whose id starts with prefix (at least 4 hex digits)
 * and writes its full id; returns 0, -GU_ENOTFOUND, or -GU_EINVAL when the
 * prefix is not hex or fits several cases. */
int gu_case_resolve(gu_db *db, const char *prefix, char id[GU_ID_SIZE], gu_error *err);

/* One changed value of an answer. */
typedef struct gu_answer_change {
	char key[96];
	char *old_value;             /* NULL when it was not answered */
	char *new_value;             /* NULL when removed */
	char *reason;                /* NULL when none was needed */
	char by[128];
	gu_time_ms when;
} gu_answer_change;
/* Lists a case's answer changes, oldest first. */
int gu_case_history(gu_db *db, const char *case_id, gu_answer_change **out,
	size_t *n, gu_error *err);
/* Frees what gu_case_history returned. */
void gu_answer_changes_free(gu_answer_change *v, size_t n);

/* ---- results ---------------------------------------------------------- */

/* Replaces the case's saved results with r (items not `no`, and alerts),
 * with the policy they were computed under.  One transaction. */
int gu_case_save_results(gu_db *db, const char *case_id, const gu_results *r,
	const char *policy_id, const char *policy_version, const char *policy_hash,
	gu_error *err);

/* Makes p (which must outlive its use here; NULL: none) the policy results
 * are saved under: stores its text once by its hash (unless read-only), so
 * that a result saved under it stores its explanation only where
 * evaluating the answers again would not give it back; gu_case_load_results
 * rebuilds the others, in the language now in effect, from the text kept
 * by hash, here or received from another device.  Returns 0 or < 0. */
int gu_db_use_policy(gu_db *db, const gu_policy *p, gu_error *err);

typedef struct gu_saved_result {
	int item;                    /* 0 for an alert */
	char verdict[32];            /* "eligible", "verify", or the alert id */
	char persons[256];
	char *reason;
	char *explanation;           /* NULL for an alert */
	char policy_hash[72];
	gu_time_ms computed;
} gu_saved_result;
/* Loads the saved results, alerts first then items ascending, with every
 * explanation (those left out rebuilt). */
int gu_case_load_results(gu_db *db, const char *case_id, gu_saved_result **out,
	size_t *n, gu_error *err);
/* As gu_case_load_results for readers of the verdicts alone (re-screening,
 * sheets): an explanation left out stays "" (nothing is evaluated). */
int gu_case_load_verdicts(gu_db *db, const char *case_id, gu_saved_result **out,
	size_t *n, gu_error *err);
/* Frees what gu_case_load_results returned. */
void gu_saved_results_free(gu_saved_result *v, size_t n);

/* ---- referrals and follow-ups ----------------------------------------- */

enum gu_ref_status {
	GU_REF_REFERRED = 0,
	GU_REF_IN_PROGRESS,
	GU_REF_DELIVERED,
	GU_REF_DECLINED,
	GU_REF_NOT_ELIGIBLE,
	GU_REF_ACCEPTED,             /* the department took it on */
	GU_REF_NOT_ACCEPTED,         /* the department refused it (with a reason) */
	GU_REF_STATUS_COUNT
};
/* Returns "referred", "in_progress", "delivered", "declined",
 * "not_eligible", "accepted" or "not_accepted". */
const char *gu_ref_status_name(enum gu_ref_status s);
/* Returns the translated word for a referral status. */
const char *gu_ref_status_label(enum gu_ref_status s);
/* Sets *out from a name; returns 0 or -GU_EINVAL. */
int gu_ref_status_parse(const char *name, enum gu_ref_status *out, gu_error *err);
/* Returns the status at position i (0 ..< GU_REF_STATUS_COUNT) of a
 * referral's life, in the order it is lived: referred, accepted, not
 * accepted, in progress, delivered, declined, not eligible. */
enum gu_ref_status gu_ref_status_in_order(int i);
/* Returns true for a status that ends a referral (delivered, declined,
 * not eligible, not accepted). */
bool gu_ref_status_ends(enum gu_ref_status s);
/* Returns true for a status that needs a reason (not accepted, declined). */
bool gu_ref_status_needs_reason(enum gu_ref_status s);
/* Returns true for a status a department's return slip reports (accepted,
 * not accepted, delivered). */
bool gu_ref_status_on_slip(enum gu_ref_status s);

/* A reason a department did not accept a referral, or a family declined
 * it: a row of the one table of reasons (db/reasons.h). */
typedef gu_reason gu_ref_reason;
/* Returns the reasons for status s (none for one that needs none), *n
 * their count. */
const gu_ref_reason *gu_ref_reasons(enum gu_ref_status s, size_t *n);
/* Returns the reason with code for status s, or NULL. */
const gu_ref_reason *gu_ref_reason_find(enum gu_ref_status s, const char *code);
/* Returns the codes of status s's reasons as "a, b or c" in buf. */
const char *gu_ref_reason_codes(enum gu_ref_status s, char *buf, size_t size);

/* One dated follow-up of an item of a case. */
typedef struct gu_followup_new {
	enum gu_ref_status status;   /* the referral's status from now on */
	const char *date;            /* "YYYY-MM-DD" it happened; NULL today */
	const char *note;            /* may be NULL */
	const char *next_due;        /* "YYYY-MM-DD"; NULL or "" for none */
	const char *who;             /* NULL: the store's user */
	const char *unit;            /* the unit that received the referral; NULL or ""
	                              * keeps the one recorded */
	const char *reason;          /* a code of gu_ref_reasons(status): needed for
	                              * not accepted and declined, refused otherwise */
	const char *signed_by;       /* who signed the department's return slip this
	                              * entry copies; NULL or "" when it is not one */
} gu_followup_new;
/* Records a follow-up and updates the item's referral (creating it with
 * the first entry) in one transaction. */
int gu_followup_add(gu_db *db, const char *case_id, int item,
	const gu_followup_new *f, gu_error *err);

typedef struct gu_referral {
	char case_id[GU_ID_SIZE];
	int item;
	enum gu_ref_status status;
	char referred_on[12];        /* date of the first entry */
	char last_on[12];            /* date of the latest entry */
	char next_due[12];           /* "" for none */
	char who[128];
	char *last_note;             /* NULL when none */
	char child_name[128], township[128], worker[128]; /* of the case */
	gu_time_ms updated;
	char unit[128];              /* the receiving unit; "" not recorded */
} gu_referral;
/* Lists the referrals of a case by item. */
int gu_referral_list(gu_db *db, const char *case_id, gu_referral **out,
	size_t *n, gu_error *err);
/* Lists open referrals (referred or in progress) of every case not closed
 * whose next due date is on or before date ("YYYY-MM-DD"; NULL for today),
 * soonest first. */
int gu_followup_due(gu_db *db, const char *date, gu_referral **out, size_t *n,
	gu_error *err);
/* Frees what gu_referral_list or gu_followup_due returned. */
void gu_referrals_free(gu_referral *v, size_t n);

typedef struct gu_followup {
	char id[GU_ID_SIZE];
	enum gu_ref_status status;
	char on[12];
	char next_due[12];
	char who[128];
	char *note;                  /* NULL when none */
	gu_time_ms created;
	char reason[24];             /* a reason code, "" for none */
	char signed_by[128];         /* who signed the return slip, "" when not one */
} gu_followup;
/* Lists the follow-ups of one item of a case, oldest first. */
int gu_followup_list(gu_db *db, const char *case_id, int item, gu_followup **out,
	size_t *n, gu_error *err);
/* Frees what gu_followup_list returned. */
void gu_followups_free(gu_followup *v, size_t n);

/* ---- users ------------------------------------------------------------ */

enum gu_role { GU_ROLE_WORKER = 0, GU_ROLE_SUPERVISOR };
/* Adds a user; password_hash may be NULL (set later).  -GU_EINVAL when the
 * name is taken. */
int gu_user_add(gu_db *db, const char *name, enum gu_role role,
	const char *password_hash, gu_error *err);
/* Reads a user's role and password hash (hash may be NULL, hash_size 0);
 * returns 0 or -GU_ENOTFOUND. */
int gu_user_get(gu_db *db, const char *name, enum gu_role *role,
	char *hash, size_t hash_size, gu_error *err);
/* Replaces a user's password hash. */
int gu_user_set_password_hash(gu_db *db, const char *name, const char *password_hash,
	gu_error *err);
/* Returns the number of users (>= 0) or < 0. */
int gu_user_count(gu_db *db, gu_error *err);

/* ---- audit log -------------------------------------------------------- */

typedef struct gu_audit_entry {
	char id[GU_ID_SIZE];
	gu_time_ms when;
	char by[128];
	char action[64];             /* "case.create", "case.status", ... */
	char case_id[GU_ID_SIZE];    /* "" when about no case */
	char *detail;                /* NULL when none */
} gu_audit_entry;
/* Appends an entry (the log cannot be changed or shortened). */
int gu_audit_add(gu_db *db, const char *action, const char *case_id,
	const char *detail, gu_error *err);
/* Lists entries, newest first, of one case (NULL for all); limit 0 for all. */
int gu_audit_list(gu_db *db, const char *case_id, size_t limit,
	gu_audit_entry **out, size_t *n, gu_error *err);
/* Frees what gu_audit_list returned. */
void gu_audit_entries_free(gu_audit_entry *v, size_t n);

/* ---- whole-file operations -------------------------------------------- */

/* Checks that the file is a whole guanai database (its application_id,
 * a known layout and that layout's tables; -GU_EDB_NOTADB or
 * -GU_EDB_CORRUPT otherwise), then runs PRAGMA integrity_check; returns 0
 * when it says ok, -GU_EDB_CORRUPT with its first problem in err otherwise. */
int gu_db_check(gu_db *db, gu_error *err);
/* Copies the database to path with the online backup API, runs
 * quick_check on the copy and puts it in place through the safe writer
 * (db/safe_write.h: 0600, never the database itself, an existing file only
 * with GU_SAFE_REPLACE in flags, else -GU_EEXIST).  Returns 0 or < 0. */
int gu_db_backup(gu_db *db, const char *path, unsigned flags, gu_error *err);

/* Returns the time now in UTC milliseconds, strictly increasing within a process. */
gu_time_ms gu_time_now(void);

#endif
