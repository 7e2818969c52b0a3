/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The regular visits (定期走访) of a case: when the worker went, who was
 * seen, what changed, and whether circumstances changed (the worker was
 * then offered a re-interview).  Only adds. */

#include "db/schema_visits.h"

/* visited_on is YYYY-MM-DD; seen says who was seen; changed is 1 when
 * circumstances changed. */
const char gu_db_schema_visits[] =
	"CREATE TABLE visits ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" visited_on TEXT NOT NULL,"
	" seen TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '',"
	" changed INTEGER NOT NULL DEFAULT 0 CHECK (changed IN (0, 1)),"
	" by TEXT NOT NULL DEFAULT '',"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX visits_by_case ON visits (case_id, visited_on);"
	"CREATE INDEX visits_by_date ON visits (visited_on, case_id);";
