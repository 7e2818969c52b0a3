/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Answers that no longer count because their question stopped applying. */

#include <stdlib.h>
#include <string.h>

#include "core/eval_internal.h"
#include "core/stale.h"

/* Returns true when the answer to key is one whose question does not apply
 * under the answers loaded into c. */
static bool is_stale(gu_ectx *c, const char *key)
{
	int mno, m = -1, q = gu_policy_resolve_key(c->p, key, &mno);

	if (q < 0)
		return false;   /* not a question: not ours to judge */
	if (mno) {
		m = gu_ectx_member_index(c, mno);
		if (m < 0)
			return false;
	}
	return !gu_ectx_applies(c, q, m);
}

/* Lists the keys of answers that no longer count; returns how many. */
size_t gu_answers_stale(const gu_policy *p, const gu_answers *a, const char **keys, size_t max)
{
	gu_ectx c;
	size_t i, n = 0;

	if (gu_ectx_init(&c, p) < 0)
		return 0;
	if (gu_ectx_load(&c, a) == 0)
		for (i = 0; i < a->n; i++) {
			if (!is_stale(&c, a->v[i].key))
				continue;
			if (n < max)
				keys[n] = a->v[i].key;
			n++;
		}
	gu_ectx_free(&c);
	return n;
}

/* Removes the answers that no longer count; returns how many, or < 0. */
int gu_answers_drop_stale(const gu_policy *p, gu_answers *a)
{
	size_t n = a->n ? a->n : 1, k, i;
	const char **keys = malloc(n * sizeof *keys);
	char **copies;
	int ret = 0;

	if (!keys)
		return -GU_ENOMEM;
	k = gu_answers_stale(p, a, keys, n);
	copies = calloc(k ? k : 1, sizeof *copies);
	if (!copies) {
		free(keys);
		return -GU_ENOMEM;
	}
	/* copied first: removing an answer frees its key */
	for (i = 0; i < k; i++)
		if (!(copies[i] = strdup(keys[i])))
			ret = -GU_ENOMEM;
	for (i = 0; ret >= 0 && i < k; i++)
		ret += gu_answers_remove(a, copies[i]);
	for (i = 0; i < k; i++)
		free(copies[i]);
	free(copies);
	free(keys);
	return ret;
}
