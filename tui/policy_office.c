/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Which policy a database's new interviews use (docs/exchange.md, "The
 * policy travels"): a policy file named with --policy for this run; else,
 * on an enrolled laptop, the policy its office sent last (kept in the
 * database); else the file gu_policy_path finds. */

#include "db/exchange.h"
#include "tui/options.h"

/* Loads the policy db's new interviews use; returns 0 with *out or < 0. */
int gu_policy_load_for(gu_db *db, gu_policy **out, gu_error *err)
{
	int ret;

	*out = NULL;
	if (db && !gu_opts.policy_path) {
		ret = gu_xchg_office_policy(db, out, err);
		if (ret != 0)
			return ret < 0 ? ret : 0;
	}
	return gu_policy_load_file(gu_policy_path(), out, err);
}

/* Replaces *pol (loaded from gu_policy_path) with the policy db's office
 * sent, when db is a laptop holding one and --policy was not given;
 * returns 1 when it did, 0 when not, or < 0 (*pol unchanged). */
int gu_policy_take_office(gu_db *db, gu_policy **pol, gu_error *err)
{
	gu_policy *office = NULL;
	int ret;

	if (!db || gu_opts.policy_path)
		return 0;
	ret = gu_xchg_office_policy(db, &office, err);
	if (ret <= 0)
		return ret;
	gu_policy_free(*pol);
	*pol = office;
	return 1;
}
