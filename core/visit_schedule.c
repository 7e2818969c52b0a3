/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The regular visits' schedule read from the policy's parameters
 * (core/visit_schedule.h). */

#include <string.h>

#include "core/i18n.h"
#include "core/visit_schedule.h"

static const char *const group_names[GU_VISIT_GROUP_COUNT] = {
	"floating", "left_behind", "difficult"
};
static const char *const group_params[GU_VISIT_GROUP_COUNT] = {
	"visit_months_floating", "visit_months_left_behind", "visit_months_difficult"
};

/* Returns g's stored name, or "" for no group. */
const char *gu_visit_group_name(enum gu_visit_group g)
{
	return (unsigned)g < GU_VISIT_GROUP_COUNT ? group_names[g] : "";
}

/* Returns g's parameter name, or "" for no group. */
const char *gu_visit_group_param(enum gu_visit_group g)
{
	return (unsigned)g < GU_VISIT_GROUP_COUNT ? group_params[g] : "";
}

/* Reads the schedule; returns 0 or -GU_EINVAL. */
int gu_visit_schedule_read(const gu_policy *p, gu_visit_schedule *out, gu_error *err)
{
	long v;
	int g;

	memset(out, 0, sizeof *out);
	for (g = 0; g < GU_VISIT_GROUP_COUNT; g++) {
		if (!gu_policy_param_text(p, group_params[g]))
			continue;
		if (gu_policy_param_long(p, group_params[g], &v) < 0 || v < 0
		    || v > GU_VISIT_MONTHS_MAX)
			return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
				_("the policy's parameter %s must be a number of months from 0 to %d "
				  "(0: that group is not visited regularly), not \"%s\""),
				group_params[g], GU_VISIT_MONTHS_MAX,
				gu_policy_param_text(p, group_params[g]));
		out->months[g] = (int)v;
	}
	return 0;
}

/* Returns true when some group has an interval. */
bool gu_visit_schedule_any(const gu_visit_schedule *s)
{
	int g;

	for (g = 0; g < GU_VISIT_GROUP_COUNT; g++)
		if (s->months[g] > 0)
			return true;
	return false;
}
