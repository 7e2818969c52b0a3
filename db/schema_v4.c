/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration 4: name search keys, case groups, review decisions and the
 * indexes the supervisor's lists, filters and dashboard need.  Only adds. */

#include "db/schema_v4.h"

/* case_keys holds the pinyin of each child's name, computed (with ICU) by
 * db/search.c, the ID number reversed (so its last digits are a prefix an
 * index finds), and a copy of the case's list order (returned first, then
 * the latest change) kept by a trigger, so that a search reads one index in
 * list order and stops at the first screenful.  name_queue lists the cases
 * whose name or ID number changed since, filled by triggers so that plain
 * SQL (imports, merges, the sqlite3 shell) never needs ICU.  case_groups
 * holds the groups (floating, left_behind, difficult) of a case's saved
 * results.  reviews keeps every supervisor's decision. */
const char gu_db_schema_v4[] =
	"CREATE TABLE case_keys ("
	" case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),"
	" name TEXT NOT NULL DEFAULT '',"
	" pinyin TEXT NOT NULL DEFAULT '',"
	" initials TEXT NOT NULL DEFAULT '',"
	" id_reversed TEXT NOT NULL DEFAULT '',"
	" returned INTEGER NOT NULL DEFAULT 0,"
	" case_updated INTEGER NOT NULL DEFAULT 0,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX case_keys_by_id_end ON case_keys (id_reversed);"
	"CREATE INDEX case_keys_in_list_order ON case_keys"
	" (returned DESC, case_updated DESC, name, pinyin, initials, id_reversed);"
	"CREATE TRIGGER cases_order_update AFTER UPDATE OF status, updated_at ON cases"
	" BEGIN UPDATE case_keys SET returned = (new.status = 'returned'),"
	"  case_updated = new.updated_at WHERE case_id = new.id; END;"
	"CREATE TABLE name_queue ("
	" case_id TEXT PRIMARY KEY NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"INSERT INTO name_queue (case_id, updated_at, device)"
	" SELECT id, updated_at, device FROM cases;"
	"CREATE TRIGGER cases_name_insert AFTER INSERT ON cases"
	" BEGIN INSERT OR REPLACE INTO name_queue (case_id, updated_at, device)"
	"  VALUES (new.id, new.updated_at, new.device); END;"
	"CREATE TRIGGER cases_name_update AFTER UPDATE OF child_name, child_id_number"
	" ON cases WHEN old.child_name IS NOT new.child_name"
	"  OR old.child_id_number IS NOT new.child_id_number"
	" BEGIN INSERT OR REPLACE INTO name_queue (case_id, updated_at, device)"
	"  VALUES (new.id, new.updated_at, new.device); END;"
	"CREATE TABLE case_groups ("
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" grp TEXT NOT NULL CHECK (grp IN ('floating', 'left_behind', 'difficult')),"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" PRIMARY KEY (case_id, grp)) WITHOUT ROWID;"
	"CREATE INDEX case_groups_by_group ON case_groups (grp, case_id);"
	"CREATE TABLE reviews ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" decision TEXT NOT NULL CHECK (decision IN ('approve', 'return')),"
	" reason TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '',"
	" by TEXT NOT NULL DEFAULT '',"
	" at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX reviews_by_case ON reviews (case_id, at);"
	"CREATE INDEX cases_by_worker ON cases (worker, updated_at);"
	"CREATE INDEX cases_by_township ON cases (township, updated_at);"
	"CREATE INDEX cases_by_status ON cases (status, updated_at);"
	"CREATE INDEX cases_by_created ON cases (created_at);"
	"CREATE INDEX results_by_item ON results (item, verdict, case_id);"
	"CREATE INDEX referrals_by_status ON referrals (status, next_due);";
