/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The policy file travels (docs/exchange.md, "The policy travels"), and
 * the office lists the bundles it received, refused ones too.  Only adds.
 *
 * At the office, xchg_devices.policy is the hash of the policy the device
 * said it uses in its last bundle ('' before it said one): the office's
 * bundle to it carries the office's policy while they differ.  On a
 * laptop, xchg_self.office_policy is the hash of the policy its office
 * sent last ('' when none came), whose text is in policy_texts: the one
 * the laptop screens new interviews with.
 *
 * xchg_received.cases is how many cases a bundle carried (its header's
 * "cases" line); xchg_refused keeps each refused bundle's sender (when it
 * could be read), number and the reason, nothing of its content. */

#include "db/schema_policy_travel.h"

const char gu_db_schema_policy_travel[] =
	"ALTER TABLE xchg_devices ADD COLUMN policy TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE xchg_self ADD COLUMN office_policy TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE xchg_received ADD COLUMN cases INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE xchg_refused ("
	" id INTEGER PRIMARY KEY,"
	" sender TEXT NOT NULL DEFAULT '',"
	" seq INTEGER NOT NULL DEFAULT 0,"
	" at INTEGER NOT NULL,"
	" reason TEXT NOT NULL);";
