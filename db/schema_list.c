/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration: lists that read only what they show.  Only adds.
 *
 * Each order of the case list (db/search.c) reads an index in its order
 * and starts a page after the last row shown, with the case id as the
 * last key so that every row has one place: (updated_at, id) for the
 * latest change, (status, updated_at, id) for the returned cases the
 * default order shows first, (township, updated_at DESC, id DESC) for the
 * township order.
 *
 * case_tally counts the cases of each township, worker (since migration 21
 * the case's worker as assigned, db/schema_owner.c) and status, kept by
 * triggers on every insert, change and removal, whoever writes (the
 * program, an import, a merge, the sqlite3 shell).  The filter choices of
 * the case list and the counts a screen shows at start read it instead of
 * every case.  Like meta it is derived and local to one file: it has no
 * updated_at or device, and an exchange leaves it out (its triggers count
 * the cases received). */

#include "db/schema_list.h"

#define TALLY_ADD(t, w, s) \
	" INSERT INTO case_tally (township, worker, status, n) VALUES (" t ", " w ", " s ", 1)" \
	" ON CONFLICT (township, worker, status) DO UPDATE SET n = n + 1;"
#define TALLY_TAKE(t, w, s) \
	" UPDATE case_tally SET n = n - 1" \
	"  WHERE township = " t " AND worker = " w " AND status = " s ";" \
	" DELETE FROM case_tally" \
	"  WHERE township = " t " AND worker = " w " AND status = " s " AND n <= 0;"

const char gu_db_schema_list[] =
	"CREATE INDEX cases_in_list_order ON cases (updated_at, id);"
	"CREATE INDEX cases_by_status_in_list_order ON cases (status, updated_at, id);"
	"CREATE INDEX cases_by_township_in_list_order ON cases"
	" (township, updated_at DESC, id DESC);"
	"CREATE TABLE case_tally ("
	" township TEXT NOT NULL,"
	" worker TEXT NOT NULL,"
	" status TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (township, worker, status)) WITHOUT ROWID;"
	"INSERT INTO case_tally (township, worker, status, n)"
	" SELECT township, worker, status, count(*) FROM cases GROUP BY 1, 2, 3;"
	"CREATE TRIGGER case_tally_insert AFTER INSERT ON cases BEGIN"
	TALLY_ADD("new.township", "new.worker", "new.status")
	" END;"
	"CREATE TRIGGER case_tally_delete AFTER DELETE ON cases BEGIN"
	TALLY_TAKE("old.township", "old.worker", "old.status")
	" END;"
	"CREATE TRIGGER case_tally_update AFTER UPDATE OF township, worker, status ON cases"
	" WHEN old.township IS NOT new.township OR old.worker IS NOT new.worker"
	"  OR old.status IS NOT new.status BEGIN"
	TALLY_TAKE("old.township", "old.worker", "old.status")
	TALLY_ADD("new.township", "new.worker", "new.status")
	" END;";
