/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Storing the kinds of a difficult child (db/difficulty.h). */

#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "db/difficulty.h"
#include "db/internal.h"

/* The kinds, in bit order: the stored letter, the ledger's key, its name. */
static const struct {
	const char *letter, *key, *label;
} kinds[] = {
	{ "a", GU_FACT_DIFFICULT_A, N_("difficult: family poverty") },
	{ "b", GU_FACT_DIFFICULT_B, N_("difficult: own disability") },
	{ "c", GU_FACT_DIFFICULT_C, N_("difficult: guardianship") },
};

/* Runs the statement of slot for case_id (and letter, when not NULL);
 * returns the SQLite result. */
static int run(gu_db *db, enum gu_st slot, const char *sql, const char *case_id,
	const char *letter, gu_time_ms now)
{
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, slot, sql, &rc);

	if (!st)
		return rc;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if (letter && ((rc = gu_bind_text(st, 2, letter)) != SQLITE_OK
			|| (rc = sqlite3_bind_int64(st, 3, now)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 4, db->device)) != SQLITE_OK))
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc;
}

/* Replaces the case's kinds; returns 0 or < 0. */
int gu_case_difficulty_put_in_tx(gu_db *db, const char *case_id, unsigned held,
	gu_time_ms now, gu_error *err)
{
	size_t k;
	int rc = run(db, GU_ST_DIFFICULTY_CLEAR, "DELETE FROM case_difficulty WHERE case_id = ?1",
		case_id, NULL, now);

	for (k = 0; rc == SQLITE_OK && k < sizeof kinds / sizeof kinds[0]; k++)
		if (held & (1u << k))
			rc = run(db, GU_ST_DIFFICULTY_INSERT, "INSERT INTO case_difficulty"
				" (case_id, kind, updated_at, device) VALUES (?1, ?2, ?3, ?4)",
				case_id, kinds[k].letter, now);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Returns the name of a kind's ledger key, or NULL. */
const char *gu_difficulty_label(const char *key)
{
	size_t k;

	for (k = 0; key && k < sizeof kinds / sizeof kinds[0]; k++)
		if (strcmp(key, kinds[k].key) == 0)
			return _(kinds[k].label);
	return NULL;
}
