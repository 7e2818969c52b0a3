/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Another child of the same family: which answers of a case a brother's
 * or sister's new interview starts with. */
#ifndef GUANAI_CORE_FAMILY_H
#define GUANAI_CORE_FAMILY_H

#include <stdbool.h>
#include "core/answers.h"
#include "core/date.h"

/* Returns true when key is one the family shares (household.*, father.*,
 * mother.*, guardian.*, member.N.*), copied to a sibling's interview. */
bool gu_family_key_shared(const char *key);

/* Fills out (initialised here) with the answers of from that a sibling's
 * interview starts with: those the family shares, and the child of from
 * as one more member (relation sibling, name, sex, age on today when the
 * date of birth is known), unless a member of that name is listed or all
 * GU_MAX_MEMBERS numbers are taken.  Returns 0 or -GU_ENOMEM. */
int gu_family_answers(const gu_answers *from, gu_date today, gu_answers *out);

/* Returns the number N of the member of a that is listed as a sibling
 * named name (the child being interviewed, when its family's case listed
 * it), or 0 when there is none. */
int gu_family_member_named(const gu_answers *a, const char *name);

#endif
