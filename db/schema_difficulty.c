/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The kinds of a difficult child (困境儿童, 国发〔2016〕36号): (a) family
 * poverty, (b) the child's own disability, (c) missing or improper
 * guardianship, as the case's saved results found them, one row per kind
 * held, beside its groups (case_groups); the ledger counts them.  A case
 * saved before has none until its results are saved again (re-screening).
 * Only adds. */

#include "db/schema_difficulty.h"

const char gu_db_schema_difficulty[] =
	"CREATE TABLE case_difficulty ("
	" case_id TEXT NOT NULL REFERENCES cases (id),"
	" kind TEXT NOT NULL CHECK (kind IN ('a', 'b', 'c')),"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL,"
	" PRIMARY KEY (case_id, kind)) WITHOUT ROWID;";
