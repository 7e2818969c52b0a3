/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The mandatory reports of a case (强制报告 to the public security organ,
 * 控辍保学 to the school or the education office): when, to which unit, by
 * whom, the receipt number or why not yet, or a supervisor's override with
 * its reason.  Only adds. */

#include "db/schema_reports.h"

/* kind is police or education; reported_on the date it was made ('' when
 * not yet, with not_yet saying why); override the reason a supervisor let
 * the case finish without it ('' for a report). */
const char gu_db_schema_reports[] =
	"CREATE TABLE reports ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" kind TEXT NOT NULL CHECK (kind IN ('police', 'education')),"
	" reported_on TEXT NOT NULL DEFAULT '',"
	" unit TEXT NOT NULL DEFAULT '',"
	" reported_by TEXT NOT NULL DEFAULT '',"
	" receipt TEXT NOT NULL DEFAULT '',"
	" not_yet TEXT NOT NULL DEFAULT '',"
	" override TEXT NOT NULL DEFAULT '',"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX reports_by_case ON reports (case_id, kind);";
