/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Explanations of verdicts: the reason line, the conditions that held and
 * the answers they read, and the answers that would settle a verify. */
#ifndef GUANAI_CORE_EXPLAIN_H
#define GUANAI_CORE_EXPLAIN_H

#include "core/eval_internal.h"

/* Looks up the language and reason formats for one evaluation of c. */
void gu_explain_prepare(gu_ectx *c);
/* Fills r->reason, r->explanation (only when text; else NULL) and
 * r->settle for item i (r->verdict set): every key when text or all_keys,
 * else the first five; returns 0 or -GU_ENOMEM. */
int gu_explain_item(gu_ectx *c, size_t i, gu_result *r, bool text, bool all_keys);
/* Fills out->ask_next from the settle keys of the verify items; returns 0
 * or -GU_ENOMEM. */
int gu_explain_ask_next(const gu_policy *p, gu_results *out);

#endif
