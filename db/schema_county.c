/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Two answers kept in the case row for the counts over a county's cases:
 * the interview date (interview.date: the visits due, the dashboard's
 * periods) and the child's hukou county (child.hukou_county: the
 * dashboard's counties).  Read from the row (and its index), they cost a
 * page or so per hundred cases where the answers cost a page or two per
 * case.  Triggers on answer_rows keep them in the transaction that saves,
 * imports, receives or removes the answer, whichever path writes it. */

#include "db/schema_county.h"

/* The case a row of answer_rows belongs to. */
#define CASE_OF(r) "(SELECT id FROM case_numbers WHERE no = " r ".case_no)"

/* Sets the row's column for key from r's value (v: the value or ''). */
#define KEEP(r, v) \
	" UPDATE cases SET" \
	"  interviewed = CASE " r ".key WHEN 'interview.date' THEN " v " ELSE interviewed END," \
	"  hukou_county = CASE " r ".key WHEN 'child.hukou_county' THEN " v \
	"   ELSE hukou_county END" \
	" WHERE id = " CASE_OF(r) ";"

#define KEPT(r) r ".key IN ('interview.date', 'child.hukou_county')"

/* The columns, filled from the answers; the index serving the visits'
 * counts (status, then the worker a worker's counts are scoped to). */
const char gu_db_schema_county[] =
	"ALTER TABLE cases ADD COLUMN interviewed TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE cases ADD COLUMN hukou_county TEXT NOT NULL DEFAULT '';"
	"UPDATE cases SET"
	" interviewed = coalesce((SELECT a.value FROM case_numbers n JOIN answer_rows a"
	"  ON a.case_no = n.no AND a.key = 'interview.date' WHERE n.id = cases.id), ''),"
	" hukou_county = coalesce((SELECT a.value FROM case_numbers n JOIN answer_rows a"
	"  ON a.case_no = n.no AND a.key = 'child.hukou_county' WHERE n.id = cases.id), '')"
	" WHERE EXISTS (SELECT 1 FROM case_numbers n JOIN answer_rows a ON a.case_no = n.no"
	"  AND a.key IN ('interview.date', 'child.hukou_county') WHERE n.id = cases.id);"
	"CREATE INDEX cases_by_visit ON cases (status, worker, id, interviewed, township);"
	"CREATE TRIGGER case_answers_insert AFTER INSERT ON answer_rows WHEN " KEPT("new")
	" BEGIN" KEEP("new", "new.value") " END;"
	"CREATE TRIGGER case_answers_update AFTER UPDATE OF key, value, case_no ON answer_rows"
	" WHEN " KEPT("old") " OR " KEPT("new")
	" BEGIN" KEEP("old", "''") KEEP("new", "new.value") " END;"
	"CREATE TRIGGER case_answers_delete AFTER DELETE ON answer_rows WHEN " KEPT("old")
	" BEGIN" KEEP("old", "''") " END;"
	/* a received bundle may bring a case's answers before its row (foreign
	 * keys are deferred while it is applied): the row takes them on insert */
	"CREATE TRIGGER case_row_insert AFTER INSERT ON cases"
	" WHEN EXISTS (SELECT 1 FROM case_numbers WHERE id = new.id)"
	" BEGIN UPDATE cases SET"
	"  interviewed = coalesce((SELECT a.value FROM case_numbers n JOIN answer_rows a"
	"   ON a.case_no = n.no AND a.key = 'interview.date' WHERE n.id = new.id), interviewed),"
	"  hukou_county = coalesce((SELECT a.value FROM case_numbers n JOIN answer_rows a"
	"   ON a.case_no = n.no AND a.key = 'child.hukou_county' WHERE n.id = new.id), hukou_county)"
	"  WHERE id = new.id;"
	" END;";
