/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The cases of one family: a brother's or sister's interview started from
 * a case is linked to it (the family is every case reached through links,
 * either way), and the answers it was started with are marked as copied
 * until the worker confirms or changes them.  Both tables have declared
 * keys, so they travel in bundles as every case row does.  Only adds. */

#include "db/schema_family.h"

/* family_links: case_id was started from sibling_id (one row per link);
 * copied_answers: the answer key of case_id still holds the value copied
 * from the case from_case. */
const char gu_db_schema_family[] =
	"CREATE TABLE family_links ("
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" sibling_id TEXT NOT NULL REFERENCES cases (id),"
	" created_at INTEGER NOT NULL,"
	" created_by TEXT NOT NULL DEFAULT '',"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" PRIMARY KEY (case_id, sibling_id),"
	" CHECK (case_id <> sibling_id));"
	"CREATE INDEX family_links_back ON family_links (sibling_id);"
	"CREATE TABLE copied_answers ("
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" key TEXT NOT NULL,"
	" from_case TEXT NOT NULL REFERENCES cases (id),"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" PRIMARY KEY (case_id, key));";
