/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The schema, as numbered migrations.  A migration is never changed once
 * released; a new one is added at the end and only adds, or changes how
 * rows are stored while every table keeps its columns (16, 17).  Every
 * table that travels has a declared primary key (text ids or composite
 * keys, no AUTOINCREMENT) and updated_at and device columns, so several
 * laptops' databases can be merged (docs/exchange.md); answers and results
 * are views of such columns over compact tables local to one file, as
 * meta is. */

#include <stddef.h>

#include "db/schema.h"
#include "db/schema_compact.h"
#include "db/schema_indexes.h"
#include "db/schema_dupkeys.h"
#include "db/schema_recovery.h"
#include "db/schema_difficulty.h"
#include "db/schema_reports.h"
#include "db/schema_outcomes.h"
#include "db/schema_visits.h"
#include "db/schema_county.h"
#include "db/schema_owner.h"
#include "db/schema_derived.h"
#include "db/schema_family.h"

/* 1: cases, answers and the history of changed answers. */
static const char m1[] =
	"CREATE TABLE meta ("
	" key TEXT PRIMARY KEY NOT NULL,"
	" value TEXT NOT NULL);"
	"CREATE TABLE cases ("
	" id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
	" status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN"
	"  ('draft', 'complete', 'returned', 'reviewed', 'closed')),"
	" child_name TEXT NOT NULL DEFAULT '',"
	" child_id_number TEXT NOT NULL DEFAULT '',"
	" township TEXT NOT NULL DEFAULT '',"
	" worker TEXT NOT NULL DEFAULT '',"
	" policy_id TEXT NOT NULL DEFAULT '',"
	" policy_version TEXT NOT NULL DEFAULT '',"
	" policy_hash TEXT NOT NULL DEFAULT '',"
	" resume_key TEXT NOT NULL DEFAULT '',"
	" progress_done INTEGER NOT NULL DEFAULT 0,"
	" progress_total INTEGER NOT NULL DEFAULT 0,"
	" answered INTEGER NOT NULL DEFAULT 0,"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" completed_at INTEGER,"
	" device TEXT NOT NULL);"
	"CREATE INDEX cases_by_update ON cases (updated_at);"
	"CREATE TABLE answers ("
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" key TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" seq INTEGER NOT NULL,"
	" answered_at INTEGER NOT NULL,"
	" answered_by TEXT NOT NULL DEFAULT '',"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" PRIMARY KEY (case_id, key)) WITHOUT ROWID;"
	"CREATE TABLE answer_history ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" key TEXT NOT NULL,"
	" old_value TEXT,"
	" new_value TEXT,"
	" reason TEXT,"
	" changed_at INTEGER NOT NULL,"
	" changed_by TEXT NOT NULL DEFAULT '',"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX answer_history_by_case ON answer_history (case_id, changed_at);";

/* 2: computed results and alerts, referrals and their follow-ups. */
static const char m2[] =
	"CREATE TABLE results ("
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 999),"
	" verdict TEXT NOT NULL CHECK (verdict IN ('eligible', 'verify')),"
	" persons TEXT NOT NULL DEFAULT '',"
	" reason TEXT NOT NULL DEFAULT '',"
	" explanation TEXT NOT NULL DEFAULT '',"
	" policy_id TEXT NOT NULL DEFAULT '',"
	" policy_version TEXT NOT NULL DEFAULT '',"
	" policy_hash TEXT NOT NULL DEFAULT '',"
	" computed_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" PRIMARY KEY (case_id, item));"
	"CREATE TABLE alerts ("
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" alert TEXT NOT NULL,"
	" text TEXT NOT NULL DEFAULT '',"
	" policy_hash TEXT NOT NULL DEFAULT '',"
	" computed_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" PRIMARY KEY (case_id, alert));"
	"ALTER TABLE cases ADD COLUMN n_eligible INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE cases ADD COLUMN n_verify INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE referrals ("
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" item INTEGER NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN"
	"  ('referred', 'in_progress', 'delivered', 'declined', 'not_eligible')),"
	" referred_on TEXT NOT NULL,"
	" last_on TEXT NOT NULL,"
	" next_due TEXT,"
	" who TEXT NOT NULL DEFAULT '',"
	" last_note TEXT,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" PRIMARY KEY (case_id, item));"
	"CREATE INDEX referrals_due ON referrals (next_due)"
	" WHERE status IN ('referred', 'in_progress');"
	"CREATE TABLE followups ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" case_id TEXT NOT NULL,"
	" item INTEGER NOT NULL,"
	" status TEXT NOT NULL,"
	" on_date TEXT NOT NULL,"
	" next_due TEXT,"
	" who TEXT NOT NULL DEFAULT '',"
	" note TEXT,"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" FOREIGN KEY (case_id, item) REFERENCES referrals (case_id, item));"
	"CREATE INDEX followups_by_item ON followups (case_id, item, created_at);";

/* 3: users and the append-only audit log. */
static const char m3[] =
	"CREATE TABLE users ("
	" name TEXT PRIMARY KEY NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN ('worker', 'supervisor')),"
	" password_hash TEXT,"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE TABLE audit ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" at INTEGER NOT NULL,"
	" by TEXT NOT NULL DEFAULT '',"
	" action TEXT NOT NULL,"
	" case_id TEXT,"
	" detail TEXT,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX audit_by_case ON audit (case_id, at);"
	"CREATE INDEX audit_by_time ON audit (at);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit log cannot be shortened'); END;";

extern const char gu_db_schema_v4[]; /* 4: supervision, in db/schema_v4.c */
extern const char gu_db_schema_v5[]; /* 5: the audit chain, in db/schema_v5.c */
extern const char gu_db_schema_exchange[]; /* the exchange, in db/schema_exchange.c */
extern const char gu_db_schema_list[]; /* list indexes and tally, in db/schema_list.c */
extern const char gu_db_schema_sheets[]; /* printed sheets, in db/schema_sheets.c */
extern const char gu_db_schema_closure[]; /* case closures, in db/schema_closure.c */
extern const char gu_db_schema_reports[]; /* mandatory reports, in db/schema_reports.c */
extern const char gu_db_schema_visits[]; /* regular visits, in db/schema_visits.c */
extern const char gu_db_schema_outcomes[]; /* referral outcomes, in db/schema_outcomes.c */
extern const char gu_db_schema_recovery[]; /* sealed recovery keys, in db/schema_recovery.c */
extern const char gu_db_schema_dupkeys[]; /* names' pinyin indexed, in db/schema_dupkeys.c */
extern const char gu_db_schema_slim[]; /* policy texts, results' bases, in db/schema_slim.c */
/* the policy's hashes the exchange keeps, in db/schema_policy_travel.c */
extern const char gu_db_schema_policy_travel[];
extern const char gu_db_schema_difficulty[]; /* kinds of difficult children, in db/schema_difficulty.c */
const char *const gu_db_migrations[] = { NULL, m1, m2, m3, gu_db_schema_v4, gu_db_schema_v5,
	gu_db_schema_exchange, gu_db_schema_list, gu_db_schema_sheets, gu_db_schema_closure,
	gu_db_schema_reports, gu_db_schema_visits, gu_db_schema_outcomes, gu_db_schema_recovery,
	gu_db_schema_dupkeys, gu_db_schema_slim, gu_db_schema_policy_travel, gu_db_schema_difficulty,
	gu_db_schema_indexes, gu_db_schema_compact, gu_db_schema_county,
	gu_db_schema_owner, gu_db_schema_derived, gu_db_schema_family };
const int gu_db_migration_count = (int)(sizeof gu_db_migrations / sizeof gu_db_migrations[0]) - 1;
