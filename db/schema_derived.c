/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration: the case row's columns read from its answers, kept one way.
 * Only adds (triggers, and the answer count counted again).
 *
 * The child's name (child.name), ID number (child.id_number) and the
 * number of answers saved (answered) were written by the program beside
 * each answer it saved (db/answers.c), so an answer written another way
 * (a received bundle, the sqlite3 shell) left them behind.  Like the
 * interview date and the hukou county (db/schema_county.c), triggers on
 * answer_rows now keep them in the transaction that writes the answer,
 * whichever path writes it; a case row that arrives after its answers (a
 * received bundle, foreign keys deferred) takes them on insert.
 *
 * The township (interview.township) stays written by the program: it is
 * counted under its listed name, with its county when two counties share
 * it (gu_township_counted_as, core/township.h), from the list compiled into
 * the program, which SQL cannot read (docs/architecture.md). */

#include "db/schema_derived.h"

/* The case a row of answer_rows belongs to. */
#define CASE_OF(r) "(SELECT id FROM case_numbers WHERE no = " r ".case_no)"

/* The number of answers of the case number n. */
#define COUNT_OF(n) "(SELECT count(*) FROM answer_rows WHERE case_no = " n ")"

/* Sets the name and ID number of r's case from r's value (v: the value or ''). */
#define KEEP(r, v) \
	" UPDATE cases SET" \
	"  child_name = CASE " r ".key WHEN 'child.name' THEN " v " ELSE child_name END," \
	"  child_id_number = CASE " r ".key WHEN 'child.id_number' THEN " v \
	"   ELSE child_id_number END" \
	" WHERE id = " CASE_OF(r) ";"

#define KEPT(r) r ".key IN ('child.name', 'child.id_number')"

/* Counts the answers of r's case again. */
#define COUNT(r) " UPDATE cases SET answered = " COUNT_OF(r ".case_no") \
	" WHERE id = " CASE_OF(r) ";"

/* The value of key among the answers of the case id. */
#define ANSWER(id, key) \
	"(SELECT a.value FROM case_numbers n JOIN answer_rows a ON a.case_no = n.no" \
	" AND a.key = '" key "' WHERE n.id = " id ")"

/* Puts case r in the queue of names to key (db/search_keys.c) unless it is
 * there, without a conflict clause: a statement's ON CONFLICT overrides
 * its triggers' own, so the "INSERT OR REPLACE" of layout 4 failed when an
 * upsert (a received case row) changed a name whose answer had queued the
 * case already. */
#define QUEUE(r) \
	" INSERT INTO name_queue (case_id, updated_at, device)" \
	"  SELECT " r ".id, " r ".updated_at, " r ".device" \
	"  WHERE NOT EXISTS (SELECT 1 FROM name_queue WHERE case_id = " r ".id);"

const char gu_db_schema_derived[] =
	"DROP TRIGGER cases_name_insert;"
	"DROP TRIGGER cases_name_update;"
	"CREATE TRIGGER cases_name_insert AFTER INSERT ON cases BEGIN" QUEUE("new") " END;"
	"CREATE TRIGGER cases_name_update AFTER UPDATE OF child_name, child_id_number"
	" ON cases WHEN old.child_name IS NOT new.child_name"
	"  OR old.child_id_number IS NOT new.child_id_number BEGIN" QUEUE("new") " END;"
	"UPDATE cases SET answered = coalesce((SELECT count(*) FROM case_numbers n"
	" JOIN answer_rows a ON a.case_no = n.no WHERE n.id = cases.id), 0),"
	" child_name = coalesce(" ANSWER("cases.id", "child.name") ", child_name),"
	" child_id_number = coalesce(" ANSWER("cases.id", "child.id_number") ", child_id_number);"
	"CREATE TRIGGER case_answer_added AFTER INSERT ON answer_rows BEGIN"
	COUNT("new")
	" END;"
	"CREATE TRIGGER case_answer_removed AFTER DELETE ON answer_rows BEGIN"
	COUNT("old")
	" END;"
	"CREATE TRIGGER case_answer_moved AFTER UPDATE OF case_no ON answer_rows"
	" WHEN old.case_no IS NOT new.case_no BEGIN"
	COUNT("old") COUNT("new")
	" END;"
	"CREATE TRIGGER case_names_insert AFTER INSERT ON answer_rows WHEN " KEPT("new")
	" BEGIN" KEEP("new", "new.value") " END;"
	"CREATE TRIGGER case_names_update AFTER UPDATE OF key, value, case_no ON answer_rows"
	" WHEN " KEPT("old") " OR " KEPT("new")
	" BEGIN" KEEP("old", "''") KEEP("new", "new.value") " END;"
	"CREATE TRIGGER case_names_delete AFTER DELETE ON answer_rows WHEN " KEPT("old")
	" BEGIN" KEEP("old", "''") " END;"
	/* a received bundle may bring a case's answers before its row */
	"CREATE TRIGGER case_row_answers AFTER INSERT ON cases"
	" WHEN EXISTS (SELECT 1 FROM case_numbers WHERE id = new.id)"
	" BEGIN UPDATE cases SET"
	"  answered = coalesce((SELECT count(*) FROM case_numbers n JOIN answer_rows a"
	"   ON a.case_no = n.no WHERE n.id = new.id), 0),"
	"  child_name = coalesce(" ANSWER("new.id", "child.name") ", child_name),"
	"  child_id_number = coalesce(" ANSWER("new.id", "child.id_number") ", child_id_number)"
	"  WHERE id = new.id;"
	" END;";
