/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The regular visits' schedule (定期走访): how many months may pass between
 * two visits to a child of each group, from the policy file's parameters
 * visit_months_floating, visit_months_left_behind and
 * visit_months_difficult (docs/policy-format.md). */
#ifndef GUANAI_CORE_VISIT_SCHEDULE_H
#define GUANAI_CORE_VISIT_SCHEDULE_H

#include "core/error.h"
#include "core/policy.h"

/* The groups that have a schedule, in this order. */
enum gu_visit_group { GU_VISIT_FLOATING, GU_VISIT_LEFT_BEHIND, GU_VISIT_DIFFICULT,
	GU_VISIT_GROUP_COUNT };

/* The longest interval a policy may set, in months. */
#define GU_VISIT_MONTHS_MAX 12

/* Months between two visits per group; 0 when that group is not visited
 * regularly.  A child in several groups is visited at the shortest of
 * their intervals. */
typedef struct gu_visit_schedule {
	int months[GU_VISIT_GROUP_COUNT];
} gu_visit_schedule;

/* Returns the stored group name of g ("floating", ...). */
const char *gu_visit_group_name(enum gu_visit_group g);
/* Returns the policy parameter that sets g's interval. */
const char *gu_visit_group_param(enum gu_visit_group g);

/* Fills out from the policy's parameters (a missing one: 0, that group is
 * not visited regularly); returns 0, or -GU_EINVAL with err naming the
 * parameter when one is not a whole number from 0 to GU_VISIT_MONTHS_MAX. */
int gu_visit_schedule_read(const gu_policy *p, gu_visit_schedule *out, gu_error *err);

/* Returns true when the schedule visits some group. */
bool gu_visit_schedule_any(const gu_visit_schedule *s);

#endif
