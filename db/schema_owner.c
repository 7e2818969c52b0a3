/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration: a case counted under its worker as assigned.  Only adds (it
 * rebuilds a derived table and its triggers).
 *
 * A case's worker is the worker the office assigned it to (the exchange's
 * assignments), else the one who made it (cases.worker): one notion,
 * GU_SQL_CASE_WORKER (db/internal.h), read by the case list's filter,
 * the dashboard, the access check and every list by worker.  The case
 * tally (db/schema_list.c) counted cases.worker, so at the office a case
 * received from a laptop, or handed to another worker, was counted under
 * its maker while the list showed it under the worker it is assigned to.
 * Here the tally is counted again by the case's worker and kept so by
 * triggers on cases (insert, change, removal) and on assignments (insert,
 * change, removal), whichever writes them: the program, an import, a
 * received bundle, the sqlite3 shell.  A case and its assignment may
 * arrive in either order in a bundle (foreign keys are deferred): an
 * assignment without its case counts nothing, and the case counts itself
 * under its assignment when it comes. */

#include "db/internal.h"
#include "db/schema_owner.h"

/* The case's worker, for the row r of cases (new or old in a trigger). */
#define WORKER_OF(r) GU_SQL_CASE_WORKER(r)

/* Counts one case more or less under the township t, worker w, status s;
 * a count that falls to 0 is removed by the trigger case_tally_empty. */
#define TALLY_ADD(t, w, s) \
	" INSERT INTO case_tally (township, worker, status, n) VALUES (" t ", " w ", " s ", 1)" \
	" ON CONFLICT (township, worker, status) DO UPDATE SET n = n + 1;"
#define TALLY_TAKE(t, w, s) \
	" UPDATE case_tally SET n = n - 1" \
	"  WHERE township = " t " AND worker = " w " AND status = " s ";"

/* The same for the case id, counted under worker w (an expression over the
 * case row c); nothing when the case is not (yet) there. */
#define CASE_ADD(id, w) \
	" INSERT INTO case_tally (township, worker, status, n)" \
	"  SELECT c.township, " w ", c.status, 1 FROM cases c WHERE c.id = " id \
	"  ON CONFLICT (township, worker, status) DO UPDATE SET n = n + 1;"
#define CASE_TAKE(id, w) \
	" UPDATE case_tally SET n = n - 1 WHERE (township, worker, status) =" \
	"  (SELECT c.township, " w ", c.status FROM cases c WHERE c.id = " id ");"

/* The worker a case is counted under with the assignment a (new or old). */
#define ASSIGNED(a) "coalesce(nullif(" a ".assigned_worker, ''), c.worker)"

const char gu_db_schema_owner[] =
	"DROP TRIGGER case_tally_insert;"
	"DROP TRIGGER case_tally_delete;"
	"DROP TRIGGER case_tally_update;"
	"DELETE FROM case_tally;"
	"CREATE TRIGGER case_tally_empty AFTER UPDATE OF n ON case_tally WHEN new.n <= 0 BEGIN"
	" DELETE FROM case_tally WHERE township = new.township AND worker = new.worker"
	"  AND status = new.status;"
	" END;"
	"INSERT INTO case_tally (township, worker, status, n)"
	" SELECT c.township, " WORKER_OF("c") ", c.status, count(*) FROM cases c"
	" GROUP BY 1, 2, 3;"
	/* the cases assigned to a worker, for her list */
	"CREATE INDEX assignments_by_worker ON assignments (assigned_worker);"
	"CREATE TRIGGER case_tally_insert AFTER INSERT ON cases BEGIN"
	TALLY_ADD("new.township", WORKER_OF("new"), "new.status")
	" END;"
	/* the assignment, if still there, says whose the case was */
	"CREATE TRIGGER case_tally_delete AFTER DELETE ON cases BEGIN"
	TALLY_TAKE("old.township", WORKER_OF("old"), "old.status")
	" END;"
	"CREATE TRIGGER case_tally_update AFTER UPDATE OF township, worker, status ON cases"
	" WHEN old.township IS NOT new.township OR old.worker IS NOT new.worker"
	"  OR old.status IS NOT new.status BEGIN"
	TALLY_TAKE("old.township", WORKER_OF("old"), "old.status")
	TALLY_ADD("new.township", WORKER_OF("new"), "new.status")
	" END;"
	/* before the insert the case had no assignment: it was its maker's */
	"CREATE TRIGGER case_tally_assign AFTER INSERT ON assignments"
	" WHEN new.assigned_worker <> '' BEGIN"
	CASE_TAKE("new.case_id", "c.worker")
	CASE_ADD("new.case_id", ASSIGNED("new"))
	" END;"
	"CREATE TRIGGER case_tally_reassign AFTER UPDATE OF case_id, assigned_worker"
	" ON assignments WHEN old.case_id IS NOT new.case_id"
	"  OR old.assigned_worker IS NOT new.assigned_worker BEGIN"
	CASE_TAKE("old.case_id", ASSIGNED("old"))
	CASE_ADD("old.case_id", "c.worker")
	CASE_TAKE("new.case_id", "c.worker")
	CASE_ADD("new.case_id", ASSIGNED("new"))
	" END;"
	"CREATE TRIGGER case_tally_unassign AFTER DELETE ON assignments"
	" WHEN old.assigned_worker <> '' BEGIN"
	CASE_TAKE("old.case_id", ASSIGNED("old"))
	CASE_ADD("old.case_id", "c.worker")
	" END;";
