/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The exchange's tables (docs/exchange.md): this installation's keys, the
 * office's devices, the change log the triggers write, the bundles sent and
 * received, rows kept apart, conflicts, possible duplicates and the
 * assignments of cases.  Only adds.  The triggers on the replicated tables
 * are made by db/exchange_capture.c when a database becomes an office or a
 * laptop, since later migrations add tables. */

#include "db/schema_exchange.h"

const char gu_db_schema_exchange[] =
	/* one row: role 'office' or 'laptop', its exchange id (new at each
	 * enrolment: a restored laptop enrols again as a new device), the key
	 * pairs (hex), and on a laptop the office's id and public keys */
	"CREATE TABLE xchg_self ("
	" one INTEGER PRIMARY KEY CHECK (one = 1),"
	" role TEXT NOT NULL CHECK (role IN ('office', 'laptop')),"
	" xid TEXT NOT NULL,"                /* the id bundles name it by */
	" sign_pk TEXT NOT NULL, sign_sk TEXT NOT NULL,"
	" box_pk TEXT NOT NULL, box_sk TEXT NOT NULL,"
	" township TEXT NOT NULL DEFAULT '',"
	" worker TEXT NOT NULL DEFAULT '',"
	" office_id TEXT NOT NULL DEFAULT '',"
	" office_sign_pk TEXT NOT NULL DEFAULT '',"
	" office_box_pk TEXT NOT NULL DEFAULT '',"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE xchg_devices ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" worker TEXT NOT NULL DEFAULT '',"
	" township TEXT NOT NULL DEFAULT '',"
	" sign_pk TEXT NOT NULL, box_pk TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'revoked')),"
	" added_at INTEGER NOT NULL,"
	" added_by TEXT NOT NULL DEFAULT '',"
	" revoked_at INTEGER);"
	"CREATE TABLE xchg_clock (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL);"
	"INSERT INTO xchg_clock (one, n) VALUES (1, 0);"
	"CREATE TABLE xchg_dirty ("
	" tbl TEXT NOT NULL, pk TEXT NOT NULL, case_id TEXT,"
	" ctr INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (tbl, pk)) WITHOUT ROWID;"
	"CREATE INDEX xchg_dirty_by_ctr ON xchg_dirty (ctr);"
	"CREATE INDEX xchg_dirty_by_table ON xchg_dirty (tbl, ctr);"
	"CREATE INDEX xchg_dirty_by_case ON xchg_dirty (case_id, ctr);"
	"CREATE TABLE xchg_applying (one INTEGER PRIMARY KEY CHECK (one = 1));"
	"CREATE TABLE xchg_sent ("
	" peer TEXT NOT NULL, seq INTEGER NOT NULL,"
	" max_ctr INTEGER NOT NULL, hash TEXT NOT NULL,"
	" rows INTEGER NOT NULL, clock INTEGER NOT NULL, file TEXT NOT NULL DEFAULT '',"
	" sealed BLOB,"                      /* kept until acknowledged, to write it again */
	" PRIMARY KEY (peer, seq));"
	"CREATE TABLE xchg_received ("
	" sender TEXT NOT NULL, seq INTEGER NOT NULL,"
	" hash TEXT NOT NULL, prev TEXT NOT NULL DEFAULT '',"
	" state TEXT NOT NULL CHECK (state IN ('applied', 'held')),"
	" clock INTEGER NOT NULL, ack INTEGER NOT NULL DEFAULT 0,"
	" upto INTEGER NOT NULL DEFAULT 0,"
	" received_at INTEGER NOT NULL,"
	" rows INTEGER NOT NULL DEFAULT 0, conflicts INTEGER NOT NULL DEFAULT 0,"
	" clock_warning TEXT NOT NULL DEFAULT '',"
	" body TEXT,"
	" PRIMARY KEY (sender, seq));"
	"CREATE TABLE xchg_remote_rows ("
	" sender TEXT NOT NULL, tbl TEXT NOT NULL, pk TEXT NOT NULL,"
	" row TEXT NOT NULL, received_at INTEGER NOT NULL,"
	" PRIMARY KEY (sender, tbl, pk)) WITHOUT ROWID;"
	"CREATE TABLE xchg_conflicts ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" sender TEXT NOT NULL, seq INTEGER NOT NULL,"
	" tbl TEXT NOT NULL, pk TEXT NOT NULL, case_id TEXT,"
	" col TEXT NOT NULL,"                /* '*' for a whole row */
	" office_value TEXT,"                /* JSON; NULL when the office lacks the row */
	" laptop_value TEXT,"                /* JSON; NULL when the laptop deleted it */
	" why TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),"
	" decision TEXT, decided_by TEXT, decided_at INTEGER,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX xchg_conflicts_open ON xchg_conflicts (state, at);"
	"CREATE TABLE xchg_duplicates ("
	" case_a TEXT NOT NULL, case_b TEXT NOT NULL,"
	" why TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'merged', 'different')),"
	" decided_by TEXT, decided_at INTEGER,"
	" at INTEGER NOT NULL,"
	" PRIMARY KEY (case_a, case_b));"
	/* who owns a case: written by the office, replicated */
	"CREATE TABLE assignments ("
	" case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),"
	" assigned_device TEXT NOT NULL,"
	" assigned_worker TEXT NOT NULL DEFAULT '',"
	" assigned_by TEXT NOT NULL DEFAULT '',"
	" assigned_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX assignments_by_device ON assignments (assigned_device);"
	/* what finds a possible duplicate without reading every case */
	"CREATE INDEX cases_by_child_id ON cases (child_id_number) WHERE child_id_number <> '';"
	"CREATE INDEX cases_by_child_name ON cases (child_name, township) WHERE child_name <> '';";
