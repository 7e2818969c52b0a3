/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration 5: the audit log becomes a hash chain (db/audit_chain.c fills
 * the new columns of the rows already there and puts the guard back), and
 * cases learn when they were closed and when their personal data was
 * purged.  Only adds. */

#include "db/schema_v5.h"

/* seq numbers the audit rows 1, 2, 3, ...; prev_hash is the hash of row
 * seq - 1 ("" for the first), detail_hash the SHA-256 of the detail ("" when
 * none) and hash the SHA-256 of all of these and the row's own fields.  The
 * update guard is dropped here so that the chain can be written over the old
 * rows; gu_audit_chain_migrate creates it again, allowing one change only:
 * a purge clearing a detail, which its detail_hash still vouches for. */
const char gu_db_schema_v5[] =
	"ALTER TABLE audit ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE audit ADD COLUMN detail_hash TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';"
	"DROP TRIGGER audit_no_update;"
	"ALTER TABLE cases ADD COLUMN closed_at INTEGER;"
	"ALTER TABLE cases ADD COLUMN purged_at INTEGER;"
	"UPDATE cases SET closed_at = updated_at WHERE status = 'closed';"
	"CREATE TRIGGER cases_closed_at AFTER UPDATE OF status ON cases"
	" WHEN new.status = 'closed' AND old.status IS NOT 'closed'"
	" BEGIN UPDATE cases SET closed_at = new.updated_at WHERE id = new.id; END;"
	"CREATE INDEX cases_by_closed ON cases (closed_at) WHERE closed_at IS NOT NULL;";
