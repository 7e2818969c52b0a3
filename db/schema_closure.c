/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration: a supervisor closes a case with a reason, or reopens it; each
 * decision is a row.  Only adds. */

#include "db/schema_closure.h"

/* action is close or reopen; reason a code of db/closure.c ("" when
 * reopening); prev_status the status the case had before it was closed,
 * which reopening gives back; on_date the day of the decision. */
const char gu_db_schema_closure[] =
	"CREATE TABLE closures ("
	" id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" action TEXT NOT NULL CHECK (action IN ('close', 'reopen')),"
	" reason TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '',"
	" prev_status TEXT NOT NULL DEFAULT '',"
	" on_date TEXT NOT NULL,"
	" by TEXT NOT NULL DEFAULT '',"
	" at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX closures_by_case ON closures (case_id, at);";
