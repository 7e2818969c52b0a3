/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The policy's checks evaluated on a set of answers: which hold, which
 * answers they read, and an imported file rejected by the first error. */

#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/date.h"
#include "core/eval_internal.h"
#include "core/i18n.h"

/* Returns how many checks the policy has. */
size_t gu_policy_check_count(const gu_policy *p)
{
	return p->nchecks;
}

/* Copies check i of p into hit. */
static void fill_hit(const gu_policy *p, size_t i, gu_check_hit *hit)
{
	const gu_check_def *ck = &p->checks[i];

	hit->id = ck->id;
	hit->error = ck->error;
	hit->text = gu_pick(ck->text_zh, ck->text_en);
	hit->line = ck->line;
}

/* Evaluates the checks on a; returns how many hold, or -GU_ENOMEM. */
int gu_checks_find(const gu_policy *p, const gu_answers *a, const char *today,
	gu_check_hit *out, size_t max)
{
	gu_ectx c;
	gu_date t;
	size_t i, n = 0;
	int pass;

	if (p->nchecks == 0)
		return 0;
	if (gu_ectx_init(&c, p) < 0)
		return -GU_ENOMEM;
	if (today && gu_date_parse(today, &t))
		gu_ectx_set_today(&c, (int64_t)t.year * 10000 + t.month * 100 + t.day);
	if (gu_ectx_load(&c, a) < 0) {
		gu_ectx_free(&c);
		return -GU_ENOMEM;
	}
	/* Errors first, then warnings, each in file order. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < p->nchecks; i++) {
			uint64_t pm = 0;

			if (p->checks[i].error != (pass == 0))
				continue;
			if (gu_ectx_eval(&c, p->checks[i].when, &pm) != GU_YES)
				continue;
			if (n < max)
				fill_hit(p, i, &out[n]);
			n++;
		}
	gu_ectx_free(&c);
	return (int)n;
}

/* Returns true when operand o reads question q; a value computed from the
 * date of birth, the ID number or the interview date reads them too. */
static bool operand_reads(const gu_policy *p, const gu_operand *o, int q)
{
	int k;

	if (o->kind == GU_OPD_KEY) {
		if (o->q == q)
			return true;
		if (GU_Q_IS_DERIVED(o->q))
			return q == p->interview_date
				|| (o->q != GU_Q_TODAY && (q == p->child_dob || q == p->child_id));
		return false;
	}
	if (o->kind == GU_OPD_VAR)
		for (k = 0; k < GU_PK_COUNT; k++)
			if (o->vq[k] == q)
				return true;
	return false;
}

/* Returns true when the tree n reads question q, following facts. */
static bool tree_reads(const gu_policy *p, const gu_node *n, int q)
{
	size_t i;

	if (!n)
		return false;
	if (n->kind == GU_N_FACT)
		return tree_reads(p, p->facts[n->fact].node, q);
	if (operand_reads(p, &n->x, q) || operand_reads(p, &n->y, q))
		return true;
	for (i = 0; i < n->na; i++)
		if (tree_reads(p, n->a[i], q))
			return true;
	return false;
}

/* Returns the check called id, or NULL. */
static const gu_check_def *find_check(const gu_policy *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nchecks; i++)
		if (strcmp(p->checks[i].id, id) == 0)
			return &p->checks[i];
	return NULL;
}

/* Returns true when the check reads question q. */
static bool reads_q(const gu_policy *p, const gu_check_def *ck, int q)
{
	return tree_reads(p, ck->when, q);
}

/* Returns true when the check called id reads the answer to key. */
bool gu_check_reads(const gu_policy *p, const char *id, const char *key)
{
	const gu_check_def *ck = find_check(p, id);
	int mno, q = gu_policy_resolve_key(p, key, &mno);

	return ck && q >= 0 && reads_q(p, ck, q);
}

/* Sets err to hit's message at the last answer of a that its check reads;
 * returns the negative code of err. */
static int hit_error(const gu_policy *p, const gu_answers *a, const char *filename,
	const gu_check_hit *hit, gu_error *err)
{
	const gu_check_def *ck = find_check(p, hit->id);
	const gu_answer *at = NULL;
	size_t i;

	for (i = 0; i < a->n; i++) {
		int mno, q = gu_policy_resolve_key(p, a->v[i].key, &mno);

		if (q >= 0 && reads_q(p, ck, q) && (!at || a->v[i].line > at->line))
			at = &a->v[i];
	}
	return gu_error_set(err, GU_EANSWERS, filename, at ? at->line : 0, 0, "%s%s%s",
		at ? at->key : "", at ? ": " : "", hit->text);
}

/* Rejects answers a failing error check; returns 0 or an error at file:line. */
int gu_checks_reject(const gu_policy *p, const gu_answers *a, const char *filename,
	gu_error *err)
{
	gu_check_hit hit;
	int n = gu_checks_find(p, a, NULL, &hit, 1);

	if (n < 0)
		return gu_error_set(err, GU_ENOMEM, filename, 0, 0, NULL);
	if (n == 0 || !hit.error)
		return 0;
	return hit_error(p, a, filename, &hit, err);
}

/* Sets warn to the k-th warning check that holds for a; returns 1, or 0
 * when there are not that many. */
int gu_checks_warning(const gu_policy *p, const gu_answers *a, const char *filename,
	size_t k, gu_error *warn)
{
	gu_check_hit hits[64];
	int n = gu_checks_find(p, a, NULL, hits, sizeof hits / sizeof hits[0]);
	size_t i, seen = 0;

	for (i = 0; n > 0 && i < (size_t)n && i < sizeof hits / sizeof hits[0]; i++) {
		if (hits[i].error)
			continue;
		if (seen++ == k) {
			hit_error(p, a, filename, &hits[i], warn);
			return 1;
		}
	}
	return 0;
}
