/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration: smaller cases.  Only adds.
 *
 * An explanation is rebuilt from the policy a result was computed with and
 * the answers it was computed from (db/explain_store.c), so a result need
 * not store it.  policy_texts holds each policy text once, by the SHA-256
 * of its bytes (the results' policy_hash).  result_basis says, per case,
 * that its results can be rebuilt: answers is NULL while the case's
 * answers are still those the results were computed from; the first
 * change of an answer after that copies the answers as they were into it
 * (a trigger, whoever writes; not while an exchange applies what another
 * device sent, whose own basis row travels with it).  Both tables travel
 * in bundles like the results, so that the office can rebuild what a
 * laptop computed.  A result whose explanation is stored ('' not) shows
 * the stored one, as before. */

#include "db/schema_slim.h"

/* The answers of case c in their order, as a JSON array of [key, value]. */
#define ANSWERS_OF(c) \
	"(SELECT json_group_array(json_array(key, value)) FROM" \
	" (SELECT key, value FROM answers WHERE case_id = " c " ORDER BY seq))"
/* Keeps the answers the results of case c were computed from, the first
 * time they change. */
#define KEEP_BASIS(c) \
	" BEGIN UPDATE result_basis SET answers = " ANSWERS_OF(c) \
	"  WHERE case_id = " c " AND answers IS NULL; END;"
#define WHEN_BASIS(c) \
	" WHEN NOT EXISTS (SELECT 1 FROM xchg_applying) AND EXISTS (SELECT 1 FROM result_basis" \
	"  WHERE case_id = " c " AND answers IS NULL)"

const char gu_db_schema_slim[] =
	"CREATE TABLE policy_texts ("
	" hash TEXT PRIMARY KEY NOT NULL,"
	" text TEXT NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE result_basis ("
	" case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),"
	" answers TEXT,"
	" updated_at INTEGER NOT NULL,"
	" device TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TRIGGER result_basis_on_insert BEFORE INSERT ON answers"
	WHEN_BASIS("new.case_id") KEEP_BASIS("new.case_id")
	"CREATE TRIGGER result_basis_on_update BEFORE UPDATE OF key, value, seq ON answers"
	WHEN_BASIS("old.case_id") " AND (old.value IS NOT new.value OR old.key IS NOT new.key"
	" OR old.seq IS NOT new.seq)" KEEP_BASIS("old.case_id")
	"CREATE TRIGGER result_basis_on_delete BEFORE DELETE ON answers"
	WHEN_BASIS("old.case_id") KEEP_BASIS("old.case_id");
