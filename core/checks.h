/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy's checks: answers that cannot all be true (errors) or that
 * deserve a second look (warnings), written as `check` blocks of the
 * policy file (docs/policy-format.md) and evaluated on a set of answers. */
#ifndef GUANAI_CORE_CHECKS_H
#define GUANAI_CORE_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include "core/answers.h"
#include "core/policy.h"

/* One check that holds for a set of answers. */
typedef struct gu_check_hit {
	const char *id;        /* the check's id in the policy file */
	bool error;            /* an impossible fact; else a warning to confirm */
	const char *text;      /* its message in the language in effect */
	int line;              /* where the check is written in the policy file */
} gu_check_hit;

/* Returns how many checks the policy has. */
size_t gu_policy_check_count(const gu_policy *p);
/* Evaluates every check of p on the answers a, reading the word today as
 * the date today ("YYYY-MM-DD"; NULL for the clock's date).  Writes the
 * checks that hold (their condition is yes), errors first, at most max of
 * them, into out; returns how many hold (possibly more than max), or a
 * negative code when memory runs out. */
int gu_checks_find(const gu_policy *p, const gu_answers *a, const char *today,
	gu_check_hit *out, size_t max);
/* Returns true when the check called id reads the answer to the concrete
 * key ("member.2.age" for a member question), directly or through a fact. */
bool gu_check_reads(const gu_policy *p, const char *id, const char *key);
/* Checks the answers against the policy's error checks as an imported file
 * is checked: returns 0, or a negative code with err at "filename:line" of
 * the last answer the first failing check reads and its message. */
int gu_checks_reject(const gu_policy *p, const gu_answers *a, const char *filename,
	gu_error *err);
/* Sets warn ("filename:line", "key: message") to the k-th warning check
 * (counting from 0) that holds for the answers a; returns 1, or 0 when
 * fewer hold. */
int gu_checks_warning(const gu_policy *p, const gu_answers *a, const char *filename,
	size_t k, gu_error *warn);

#endif
