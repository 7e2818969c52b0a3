/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration: a referral's life gains the department's answer (accepted or
 * not accepted, with the reason) and the family's refusal with its reason,
 * and an entry can be a department's return slip (who signed it).  Only
 * adds. */

#include "db/schema_outcomes.h"

/* referrals.stage is the referral's status with every step of its life
 * (referrals.status keeps its five values: accepted is stored there as
 * in_progress, not accepted as not_eligible); NULL on rows older than this
 * layout, whose status is then their stage.  followups.status, which has no
 * CHECK, holds the same names.  reason is a code of db/names.c for not
 * accepted and declined; signed_by names who signed a return slip, "" for
 * an entry that is not one. */
const char gu_db_schema_outcomes[] =
	"ALTER TABLE referrals ADD COLUMN stage TEXT CHECK (stage IS NULL OR stage IN"
	" ('referred', 'accepted', 'not_accepted', 'in_progress', 'delivered', 'declined',"
	" 'not_eligible'));"
	"ALTER TABLE followups ADD COLUMN reason TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE followups ADD COLUMN signed_by TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX followups_by_date ON followups (on_date, status);";
