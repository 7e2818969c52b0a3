/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration: every sheet printed (a referral sheet for one department, or
 * a consent form) is a row, and a referral learns which unit received it
 * and on which sheet.  Only adds. */

#include "db/schema_sheets.h"

/* items lists the item numbers on a referral sheet ("3,7"); sha256 is the
 * hash of the file written; id_whole says whether the whole ID number was
 * on it (the reveal is also an audit entry). */
const char gu_db_schema_sheets[] =
	"CREATE TABLE sheets ("
	" id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),"
	" case_id TEXT REFERENCES cases (id),"
	" kind TEXT NOT NULL CHECK (kind IN ('referral', 'consent')),"
	" dept TEXT NOT NULL DEFAULT '',"
	" items TEXT NOT NULL DEFAULT '',"
	" format TEXT NOT NULL CHECK (format IN ('html', 'text')),"
	" sha256 TEXT NOT NULL,"
	" id_whole INTEGER NOT NULL DEFAULT 0,"
	" printed_on TEXT NOT NULL,"
	" printed_at INTEGER NOT NULL,"
	" printed_by TEXT NOT NULL DEFAULT '',"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE INDEX sheets_by_case ON sheets (case_id, printed_at);"
	"ALTER TABLE referrals ADD COLUMN unit TEXT;"
	"ALTER TABLE referrals ADD COLUMN sheet_id TEXT;";
