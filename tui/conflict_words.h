/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A conflict as a supervisor reads it: the question's name and the two
 * answers in words, never the stored JSON (docs/exchange.md). */
#ifndef GUANAI_TUI_CONFLICT_WORDS_H
#define GUANAI_TUI_CONFLICT_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include "core/policy.h"
#include "db/exchange.h"

/* Writes the field conflict c is about into buf: an answer's question as
 * the case view names it, else table.column; returns buf. */
const char *gu_conflict_field(const gu_policy *p, const gu_xchg_conflict *c, char *buf,
	size_t size);
/* Writes the office's (office true) or the laptop's value of c into buf:
 * an answer in words, "-" for none, else the stored value with its
 * control characters escaped; returns buf. */
const char *gu_conflict_value(const gu_policy *p, const gu_xchg_conflict *c, bool office,
	char *buf, size_t size);

#endif
