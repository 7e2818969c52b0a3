/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Answers that no longer count: kept in the interview and its history, but
 * their question stopped applying when an earlier answer changed (a
 * deceased father's age and months away), so no rule reads them and no
 * export carries them. */
#ifndef GUANAI_CORE_STALE_H
#define GUANAI_CORE_STALE_H

#include <stddef.h>
#include "core/answers.h"
#include "core/policy.h"

/* Writes into keys (at most max of them) the keys of the answers of a
 * whose question does not apply now, in the answers' order; the keys point
 * into a.  Returns how many there are (possibly more than max). */
size_t gu_answers_stale(const gu_policy *p, const gu_answers *a, const char **keys, size_t max);
/* Removes from a the answers that no longer count; returns how many were
 * removed, or a negative code when memory runs out. */
int gu_answers_drop_stale(const gu_policy *p, gu_answers *a);

#endif
