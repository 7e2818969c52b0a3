/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the db/ files share: the store's handle, its persistent prepared
 * statements, transactions and the mapping of SQLite results to errors. */
#ifndef GUANAI_DB_INTERNAL_H
#define GUANAI_DB_INTERNAL_H

#include <sqlite3.h>
#include "db/store.h"

/* The shapes of the list query: kinds of typed text (5), keys fresh or
 * not (2), sorts (5), parts (all, returned, others, count) and the
 * columns (all, or bare: db/search.h). */
#define GU_CASE_LIST_SHAPES (5 * 2 * 5 * 4 * 2)

/* The statements that purge one case (db/purge.c). */
#define GU_PURGE_STEPS 15

/* One slot per persistent statement; each is prepared on first use with
 * the SQL written beside the code that runs it. */
enum gu_st {
	GU_ST_BEGIN, GU_ST_COMMIT, GU_ST_ROLLBACK,
	GU_ST_META_GET, GU_ST_META_SET,
	GU_ST_CASE_INSERT, GU_ST_CASE_GET, GU_ST_CASE_STATE, GU_ST_CASE_TOUCH, GU_ST_CASE_TOUCH_ALL,
	GU_ST_CASE_RESUME_SET, GU_ST_CASE_RESUME_GET, GU_ST_CASE_STATUS_SET,
	GU_ST_CASE_COUNTS, GU_ST_CASE_RESOLVE,
	GU_ST_ANSWER_GET, GU_ST_ANSWER_UPSERT, GU_ST_ANSWER_DELETE, GU_ST_ANSWER_LIST,
	GU_ST_HISTORY_INSERT, GU_ST_HISTORY_LIST,
	GU_ST_RESULT_CLEAR, GU_ST_ALERT_CLEAR, GU_ST_RESULT_INSERT, GU_ST_ALERT_INSERT,
	GU_ST_RESULT_LIST,
	GU_ST_REFERRAL_UPSERT, GU_ST_FOLLOWUP_INSERT, GU_ST_REFERRAL_LIST,
	GU_ST_FOLLOWUP_DUE, GU_ST_FOLLOWUP_LIST,
	GU_ST_USER_INSERT, GU_ST_USER_GET, GU_ST_USER_PASSWORD, GU_ST_USER_COUNT,
	GU_ST_AUDIT_INSERT, GU_ST_AUDIT_LIST, GU_ST_AUDIT_HEAD, GU_ST_CONSENT_GET,
	GU_ST_ACCESS_WORKER, GU_ST_GROUP_CLEAR, GU_ST_GROUP_INSERT, GU_ST_GROUP_LIST,
	GU_ST_IMPORT_SOURCE, GU_ST_IMPORT_BY_SOURCE, GU_ST_IMPORT_BY_CHILD,
	GU_ST_IMPORT_MARK, GU_ST_IMPORT_KEEP, GU_ST_IMPORT_UNDO,
	GU_ST_REVIEW_INSERT, GU_ST_EXPORT_MAX_ITEM, GU_ST_EXPORT_RESULTS, GU_ST_EXPORT_REFERRALS,
	GU_ST_DASH_STATUS_ALL, GU_ST_DASH_STATUS, GU_ST_DASH_GROUPS_ALL, GU_ST_DASH_GROUPS,
	GU_ST_DASH_ITEMS_ALL, GU_ST_DASH_ITEMS, GU_ST_DASH_TOWNSHIPS_ALL, GU_ST_DASH_TOWNSHIPS,
	GU_ST_DASH_FOLLOWUPS_ALL, GU_ST_DASH_FOLLOWUPS,
	GU_ST_DASH_COUNTIES, GU_ST_DASH_WORKERS, GU_ST_DASH_ALERTS,
	GU_ST_NAME_QUEUE_READ, GU_ST_NAME_QUEUE_WAITING, GU_ST_NAME_QUEUE_DELETE, GU_ST_CASE_KEYS_PUT,
	GU_ST_NAME_QUEUE_PRUNE, GU_ST_NAME_QUEUE_READ_ONE, GU_ST_NAME_QUEUE_COUNT, GU_ST_REVIEW_LIST, GU_ST_CASE_ID_NUMBER, GU_ST_PURGE_LIST,
	GU_ST_AUDIT_WALK, GU_ST_RECOVER_META, GU_ST_RECOVER_RECENT,
	GU_ST_TALLY_COUNT, GU_ST_TALLY_TOWNSHIPS, GU_ST_TALLY_WORKERS,
	/* The steps of a purge (db/purge.c), one slot each. */
	GU_ST_PURGE_STEP, GU_ST_PURGE_STEP_LAST = GU_ST_PURGE_STEP + GU_PURGE_STEPS - 1,
	/* The list query (db/search.c), one slot per shape. */
	GU_ST_CASE_LIST, GU_ST_CASE_LIST_LAST = GU_ST_CASE_LIST + GU_CASE_LIST_SHAPES - 1,
	GU_ST_SHEET_INSERT, GU_ST_SHEET_REFERRAL_NEW, GU_ST_SHEET_REFERRAL_MARK, GU_ST_SHEET_FOLLOWUP_NEW, GU_ST_FOLLOWUP_FACTS, GU_ST_EXPORT_ANSWERS,
	GU_ST_CLOSURE_INSERT, GU_ST_CLOSURE_LAST,
	GU_ST_REPORT_INSERT, GU_ST_REPORT_DONE,
	GU_ST_VISIT_INSERT, GU_ST_VISIT_CASE, GU_ST_VISIT_LIST, GU_ST_VISIT_ONE, GU_ST_VISIT_MONTH,
	GU_ST_VISIT_COUNTS,
	GU_ST_REPORT_UNREPORTED, GU_ST_REPORT_LIST,
	GU_ST_POLICY_TEXT_PUT, GU_ST_POLICY_TEXT_GET, GU_ST_BASIS_GET, GU_ST_BASIS_PUT,
	GU_ST_BASIS_DROP, GU_ST_COMPACT_CASES, GU_ST_COMPACT_STORED, GU_ST_COMPACT_CLEAR,
	GU_ST_PREFILL_LAST, GU_ST_SAME_CHILD, GU_ST_SAME_CHILD_ONE, GU_ST_SAME_CHILD_NOTE,
	GU_ST_LEDGER,
	GU_ST_DIFFICULTY_CLEAR, GU_ST_DIFFICULTY_INSERT,
	GU_ST_FAMILY_LINK, GU_ST_FAMILY_COPIED, GU_ST_FAMILY_HISTORY, GU_ST_FAMILY_LIST,
	GU_ST_FAMILY_COPIED_LIST, GU_ST_FAMILY_COPIED_CLEAR,
	GU_ST_XCHG_BUNDLES, GU_ST_XCHG_DEVICES, GU_ST_XCHG_CONFLICTS, GU_ST_XCHG_DUPLICATES,
	GU_ST_XCHG_ASSIGNED, GU_ST_XCHG_WORKER_CASES, GU_ST_XCHG_HELD, GU_ST_DUP_BY_ID,
	GU_ST_DUP_BY_NAME, GU_ST_DUP_BY_PINYIN,
	GU_ST_REVIEW_RETURNED,
	GU_ST_COUNT
};

struct gu_db {
	sqlite3 *h;
	char *path;
	char *user;                  /* "" when none */
	char device[GU_ID_SIZE];
	bool recovered;              /* quick_check ran after an unclean close */
	int open_lock;               /* db/open_lock.c: the file held shared, or -1 */
	bool readonly;
	bool file_known;             /* file_dev and file_ino are the open file's */
	unsigned long long file_dev, file_ino;
	char notice[700];            /* told once after the open, or "" */
	bool wal_known;              /* wal_dev and wal_ino are the open log's */
	bool wal_lost;               /* the log was removed or replaced: no more saves */
	unsigned long long wal_dev, wal_ino;
	bool encrypted;              /* opened through the encrypting shim */
	bool logged_in;              /* db/auth.c: a user logged in as user ... */
	enum gu_role role;           /* ... with this role */
	const gu_policy *policy;     /* db/explain_store.c: results saved under it
	                                leave out what it rebuilds; NULL none */
	gu_policy *text_policy;      /* the last policy loaded from policy_texts */
	sqlite3_stmt *st[GU_ST_COUNT];
};

/* Ways to open (store.h), by shorter names. */
#define GU_OPEN_READONLY GU_DB_OPEN_READONLY
#define GU_OPEN_ANY_VERSION GU_DB_OPEN_ANY_VERSION
#define GU_OPEN_NO_MIGRATE GU_DB_OPEN_NO_MIGRATE
/* Opens as gu_db_open with flags; returns 0 or < 0. */
int gu_db_open_flags(const char *path, unsigned flags, gu_db **out, gu_error *err);

/* db/crypt_store.c: decides how the file at path opens (through the
 * encrypting shim when a key is set, encrypting a plain database first
 * unless ro); returns 0 or < 0. */
int gu_db_crypt_choose(gu_db *db, const char *path, bool ro, gu_error *err);
/* Returns the VFS name db's files open with (NULL: SQLite's default). */
const char *gu_db_vfs(const gu_db *db);
/* Encrypts the plain database at path under the key set, into a new file
 * renamed over it once checked, then overwrites the plain bytes; returns 0
 * or < 0. */
int gu_db_encrypt_plain(const char *path, gu_error *err);
/* Returns an sqlite3_malloc'd "file:" URI naming path, with query (NULL:
 * none) after it, or NULL when out of memory. */
char *gu_db_file_uri(const char *path, const char *query);
/* Copies db's key slots beside its backup at path; returns 0 or < 0. */
int gu_db_copy_keys(gu_db *db, const char *path, gu_error *err);

/* How long opening waits for another program's lock, in ms (tests lower it). */
extern int gu_db_open_busy_ms;

/* SQL of the bit of a status mask (1u << enum gu_case_status) for the
 * status in column col: a filter asks "(mask >> " GU_SQL_STATUS_BIT(col) ") & 1". */
#define GU_SQL_STATUS_BIT(col) \
	"CASE " col " WHEN 'draft' THEN 0 WHEN 'complete' THEN 1" \
	" WHEN 'returned' THEN 2 WHEN 'reviewed' THEN 3 ELSE 4 END"

/* SQL of a case's worker, for the case row c (a table name or alias):
 * the worker the office assigned it to (assignments), else the one who
 * made it (cases.worker).  Every filter, count and access check by worker
 * reads this; the case tally keeps its counts by it (db/schema_owner.c). */
#define GU_SQL_CASE_WORKER(c) \
	"coalesce(nullif((SELECT s_.assigned_worker FROM assignments s_" \
	" WHERE s_.case_id = " c ".id), ''), " c ".worker)"

/* Makes err point somewhere: callers may pass NULL. */
#define GU_ERR_LOCAL(err) gu_error err##_local_; if (!(err)) (err) = &err##_local_

/* Returns true when hash is the hash of the policy in use. */
bool gu_explain_policy_in_use(gu_db *db, const char *hash);
/* db/explain_store.c: evaluates the case's answers now into *out (as a
 * save does) when hash is the hash of the policy in use, setting *have;
 * returns 0 or < 0. */
int gu_explain_save_basis(gu_db *db, const char *case_id, const char *hash, gu_results *out,
	bool *have, gu_error *err);
/* Returns true when again (gu_explain_save_basis) gives r's explanation
 * back, so that it need not be stored. */
bool gu_explain_droppable(const gu_results *again, const gu_result *r);
/* Marks (keep) or unmarks the case's results as rebuilt from its answers
 * now, inside a transaction; returns 0 or < 0. */
int gu_explain_set_basis_in_tx(gu_db *db, const char *case_id, bool keep, gu_time_ms now,
	gu_error *err);
/* Reads the answers a case's results were computed from into a; returns
 * 0, 1 when the case has no basis row, or < 0. */
int gu_explain_basis_answers(gu_db *db, const char *case_id, gu_answers *a, gu_error *err);
/* Evaluates a under p as a save does into out; returns 0, or 1 when the
 * answers do not pass p's checks. */
int gu_explain_evaluate(const gu_policy *p, gu_answers *a, gu_results *out);
/* Fills the explanations saved results leave out, rebuilt (or a line
 * saying why they cannot be); returns 0 or < 0. */
int gu_explain_fill(gu_db *db, const char *case_id, gu_saved_result *v, size_t n, gu_error *err);

/* Reads back what the last transactions wrote, after an unclean close
 * (db/recover.c); returns 0, or -GU_EDB_CORRUPT (or another error). */
int gu_db_check_recent(gu_db *db, gu_error *err);
/* Runs PRAGMA quick_check on h; returns 0 when ok, else < 0. */
int gu_db_quick_check_handle(sqlite3 *h, const char *path, gu_error *err);

/* Returns the statement for slot (prepared from sql on first use, reset
 * and unbound), or NULL with err set. */
sqlite3_stmt *gu_db_stmt(gu_db *db, enum gu_st slot, const char *sql, gu_error *err);
/* As gu_db_stmt, for code that reports SQLite results: returns the
 * statement, or NULL with the SQLite result in *rc (err untouched). */
sqlite3_stmt *gu_db_slot(gu_db *db, enum gu_st slot, const char *sql, int *rc);

/* db/open_lock.c: held while open, so a marker of an open database can be
 * told from a live other process's */
bool gu_db_open_lock(gu_db *db);
bool gu_db_open_unlock(gu_db *db);
void gu_db_open_lock_close(gu_db *db);

/* Notes the device and inode of the open write-ahead log (db/wal_guard.c). */
void gu_db_wal_remember(gu_db *db);
/* Returns 0 while the log is the file opened; else (and from then on)
 * -GU_EDB_WAL_LOST with a message saying how to go on, after rolling back
 * and copying what the removed log held into the database. */
int gu_db_wal_guard(gu_db *db, gu_error *err);

/* Starts a write transaction (BEGIN IMMEDIATE); returns 0 or < 0. */
int gu_db_begin(gu_db *db, gu_error *err);
/* Commits; on failure rolls back.  Returns 0 or < 0. */
int gu_db_commit(gu_db *db, gu_error *err);
/* Rolls back when a transaction is open. */
void gu_db_rollback(gu_db *db);

/* Fills err from a SQLite result code rc (and the connection's message)
 * and returns the negative gu_code it maps to. */
int gu_db_fail(gu_db *db, int rc, gu_error *err);
/* As gu_db_fail for a handle that is not (yet) a gu_db. */
int gu_db_fail_handle(sqlite3 *h, const char *path, int rc, gu_error *err);
/* Returns the gu_code a SQLite result code maps to. */
enum gu_code gu_db_code(int rc);

/* Writes the ID number s reversed (a final x as X) into out (size bytes),
 * so that its last digits are a prefix (db/search_keys.c). */
void gu_id_reverse(const char *s, char *out, size_t size);
/* Counts from the case tally the cases of a township and a worker (NULL:
 * any) with a status in mask (0: any); returns the count or < 0
 * (db/tally.c). */
long gu_case_tally_count(gu_db *db, const char *township, const char *worker, unsigned mask,
	gu_error *err);
/* Computes the search keys of case_id when its name or ID number changed,
 * inside the caller's transaction (db/search_keys.c).  Loading ICU takes
 * most of a second the first time in a process: unless load, keys wait in
 * the queue when it is not loaded yet (the case list computes them with
 * its progress shown).  Returns 0 or < 0. */
int gu_search_keys_in_tx(gu_db *db, const char *case_id, bool load, gu_error *err);
/* Returns 1 when names wait for their search keys, 0 when none, or < 0. */
int gu_search_queue_waiting(gu_db *db, gu_error *err);

/* Makes a new random id (32 hex digits); returns 0 or -GU_EIO. */
int gu_db_new_id(char id[GU_ID_SIZE], gu_error *err);

/* Binds text, or NULL when s is NULL; returns the SQLite result. */
int gu_bind_text(sqlite3_stmt *st, int i, const char *s);
/* One value for GU_BIND: a text (NULL binds NULL) or a whole number. */
typedef struct gu_bind_value {
	bool number;
	const char *text;
	sqlite3_int64 n;
} gu_bind_value;
#define GU_TEXT(s) ((gu_bind_value){ .text = (s) })
#define GU_INT(v) ((gu_bind_value){ .number = true, .n = (v) })
/* Binds v[0..n-1] as ?1..?n; returns SQLITE_OK or the first failure. */
int gu_bind_values(sqlite3_stmt *st, const gu_bind_value *v, size_t n);
/* Binds its values as ?1, ?2, ... of st, as in
 * GU_BIND(st, GU_TEXT(id), GU_INT(now)); returns the SQLite result. */
#define GU_BIND(st, ...) gu_bind_values((st), GU_VALUES(__VA_ARGS__))
/* The two arguments v, nv of a function that binds values, from a list
 * of GU_TEXT and GU_INT. */
#define GU_VALUES(...) (const gu_bind_value[]){ __VA_ARGS__ }, \
	sizeof (const gu_bind_value[]){ __VA_ARGS__ } / sizeof (gu_bind_value)
/* Copies column i (text, "" for NULL) into buf of size bytes. */
void gu_column_copy(sqlite3_stmt *st, int i, char *buf, size_t size);
/* Returns a malloc'd copy of column i, or NULL for NULL (or no memory:
 * then *oom is set). */
char *gu_column_dup(sqlite3_stmt *st, int i, bool *oom);
/* Fills one element of a list from the statement's current row; sets
 * *oom when a copy could not be made. */
typedef void (*gu_row_fill_fn)(sqlite3_stmt *st, void *elem, bool *oom);
/* Frees n elements of a list and the list itself. */
typedef void (*gu_rows_free_fn)(void *v, size_t n);
/* Steps st (already bound) to its end, growing an array of elements of
 * elem_size bytes, each zeroed and then filled; resets st.  Returns 0 with
 * the array in *out (NULL when empty) and its length in *n, or < 0 with
 * nothing left allocated. */
int gu_db_read_rows(gu_db *db, sqlite3_stmt *st, size_t elem_size, gu_row_fill_fn fill,
	gu_rows_free_fn free_rows, void **out, size_t *n, gu_error *err);
/* Frees a list whose elements own nothing (a gu_rows_free_fn). */
void gu_rows_free_flat(void *v, size_t n);
/* Lists the rows that sql (prepared in slot, the values v[0..nv-1] bound
 * as ?1..?nv) selects; as gu_db_read_rows otherwise. */
int gu_db_list_rows(gu_db *db, enum gu_st slot, const char *sql, const gu_bind_value *v,
	size_t nv, size_t elem_size, gu_row_fill_fn fill, gu_rows_free_fn free_rows, void **out,
	size_t *n, gu_error *err);
/* Lists column 0 of the rows that sql selects as ids; as gu_db_list_rows
 * otherwise. */
int gu_db_list_ids(gu_db *db, enum gu_st slot, const char *sql, const gu_bind_value *v,
	size_t nv, char (**out)[GU_ID_SIZE], size_t *n, gu_error *err);
/* Lists the rows of one case that sql (with ?1 the case id, prepared in
 * slot) selects, after checking the session may see that case; as
 * gu_db_read_rows otherwise. */
int gu_db_case_rows(gu_db *db, enum gu_st slot, const char *sql, const char *case_id,
	size_t elem_size, gu_row_fill_fn fill, gu_rows_free_fn free_rows, void **out,
	size_t *n, gu_error *err);
/* Returns the user name to record ("" when none). */
const char *gu_db_user(const gu_db *db);

/* Appends to the audit log inside the caller's transaction. */
int gu_audit_add_in_tx(gu_db *db, const char *action, const char *case_id,
	const char *detail, gu_time_ms when, gu_error *err);

/* One entry of the audit chain, as its hash covers it (db/audit_chain.c). */
typedef struct gu_audit_link {
	long long seq;               /* 1, 2, 3, ... */
	const char *prev_hash;       /* hex hash of entry seq - 1, "" for the first */
	const char *id;
	long long at;
	const char *by;
	const char *action;
	const char *case_id;         /* "" when about no case */
	const char *detail_hash;     /* hex SHA-256 of the detail, "" when none */
	const char *device;
} gu_audit_link;
/* Writes the hex SHA-256 of a detail (NULL: "") into out; returns out. */
const char *gu_audit_detail_hash(const char *detail, char out[65]);
/* Writes the hex hash of one chain entry into out; returns out. */
const char *gu_audit_link_hash(const gu_audit_link *l, char out[65]);
/* Reads the chain's last entry number and hash (0 and "" when empty);
 * returns 0 or < 0. */
int gu_audit_head_in_tx(gu_db *db, long long *seq, char hash[65], gu_error *err);
/* Records the chain's last entry in meta; returns the SQLite result. */
int gu_audit_head_write(sqlite3 *h, long long seq, const char *hash);
/* Chains the audit rows migration 5 found and restores the guard; returns
 * the SQLite result. */
int gu_audit_chain_migrate(sqlite3 *h);

/* Returns -GU_ENOTFOUND with a message naming the case. */
int gu_db_no_case(gu_db *db, const char *id, gu_error *err);
/* Reads a case's status and whether it was ever completed; returns 0,
 * -GU_ENOTFOUND or < 0. */
int gu_case_state_in_tx(gu_db *db, const char *id, enum gu_case_status *status,
	bool *completed, gu_error *err);
/* Inserts a new case (and its audit entry) inside a transaction. */
int gu_case_create_in_tx(gu_db *db, const gu_case_new *c, char id[GU_ID_SIZE],
	gu_time_ms now, gu_error *err);
/* Changes a case's status (and logs it) inside a transaction. */
int gu_case_set_status_in_tx(gu_db *db, const char *case_id, enum gu_case_status s,
	const char *note, gu_time_ms now, gu_error *err);
/* Saves one answer inside a transaction (see gu_case_save_answer). */
int gu_answer_put_in_tx(gu_db *db, const char *case_id, bool completed,
	const char *key, const char *value, const char *reason, gu_time_ms now,
	gu_error *err);
/* Saves the answers of a case created in this transaction (an import):
 * the rows as gu_answer_put_in_tx writes them (a new case has no history),
 * the case row updated once for all of them.  The caller computes the
 * search keys.  Returns 0 or < 0. */
int gu_answers_put_new_in_tx(gu_db *db, const char *case_id, const gu_answers *a,
	gu_time_ms now, gu_error *err);
/* Replaces a case's results inside a transaction. */
int gu_results_put_in_tx(gu_db *db, const char *case_id, const gu_results *r,
	const char *policy_id, const char *policy_version, const char *policy_hash,
	gu_time_ms now, gu_error *err);
/* As gu_results_put_in_tx for results the caller computed from exactly the
 * answers stored for the case, under the policy in use, as a save evaluates
 * (gu_case_new.evaluated): the save takes them as its evaluation again
 * instead of evaluating the stored answers a second time. */
int gu_results_put_evaluated_in_tx(gu_db *db, const char *case_id, const gu_results *r,
	const char *policy_id, const char *policy_version, const char *policy_hash,
	gu_time_ms now, gu_error *err);

/* Migrations: the number there are, and bringing h from its user_version
 * up to target (each step in its own transaction).  Returns 0 or < 0. */
int gu_db_migrate(sqlite3 *h, const char *path, int target, gu_error *err);
/* Reads PRAGMA user_version into *version; returns 0 or < 0. */
int gu_db_user_version(sqlite3 *h, const char *path, int *version, gu_error *err);

#endif
