/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Which policy a database's new interviews use (docs/exchange.md, "The
 * policy travels"): a policy file named with --policy for this run; else,
 * on an enrolled laptop, the policy its office sent last (kept in the
 * database); else the file gu_policy_path finds. */

#include "core/keys.h"
#include "core/policy.h"
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

/* Returns the number of items of the policy db's new interviews use
 * (gu_policy_load_for), or 0 when it cannot be loaded. */
int gu_policy_items(gu_db *db)
{
	gu_policy *p = NULL;
	gu_error err;
	int items = 0;

	if (gu_policy_load_for(db, &p, &err) == 0)
		items = (int)gu_policy_item_count(p);
	gu_policy_free(p);
	return items;
}

/* Returns the highest item number a command accepts on db: the policy's
 * count, or GU_ITEMS_MAX without a policy. */
int gu_policy_items_or_max(gu_db *db)
{
	int n = gu_policy_items(db);

	return n > 0 ? n : GU_ITEMS_MAX;
}
