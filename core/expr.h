/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The condition language of the policy file: parsing an expression and
 * resolving its names to question indexes, facts and parameters. */
#ifndef GUANAI_CORE_EXPR_H
#define GUANAI_CORE_EXPR_H

#include "core/policy_internal.h"
#include "core/policy_lines.h"

/* A name bound to a person while compiling: a fact's parameter, the
 * person a pattern question is asked about (`this`), a quantifier's variable. */
typedef struct gu_binding {
	const char *name;
	int fixed;           /* enum gu_pkind when bound to one person, else -1 */
	int var;             /* the runtime variable when fixed is -1 */
	unsigned kinds;      /* mask of enum gu_pkind the variable ranges over */
} gu_binding;

typedef struct gu_expr_env {
	gu_policy *p;
	const char *file;
	gu_binding bind[8];
	int nbind;
	int nvars;           /* runtime variables in use */
	int depth;           /* fact expansion depth */
} gu_expr_env;

/* Compiles the expression text t; returns the tree, or NULL with err at
 * file:line:column. */
gu_node *gu_expr_compile(gu_expr_env *env, const gu_text *t, gu_error *err);
/* Compiles every closed fact that no rule has reached yet; returns 0 or a
 * negative code. */
int gu_expr_compile_facts(gu_policy *p, const char *file, gu_error *err);
/* Returns the closest known key to key (edit distance at most 3) or NULL. */
const char *gu_policy_suggest(const gu_policy *p, const char *key);
/* Calls fn for each question index the tree reads directly (facts followed). */
void gu_expr_keys(const gu_policy *p, const gu_node *n, void (*fn)(int q, void *ctx), void *ctx);

#endif
