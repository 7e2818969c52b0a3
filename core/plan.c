/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Skip logic: the questions that apply now, in asking order. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/eval_internal.h"
#include "core/idcard.h"
#include "core/keys.h"
#include "core/plan.h"

/* Appends a step; returns 0 or -GU_ENOMEM. */
static int add_step(gu_plan *plan, const char *key, const gu_question *q, bool sure)
{
	if (plan->n == plan->cap) {
		size_t cap = plan->cap ? plan->cap * 2 : 128;
		gu_step *nv = realloc(plan->v, cap * sizeof *nv);

		if (!nv)
			return -GU_ENOMEM;
		plan->v = nv;
		plan->cap = cap;
	}
	snprintf(plan->v[plan->n].key, sizeof plan->v[plan->n].key, "%s", key);
	plan->v[plan->n].q = q;
	plan->v[plan->n].sure = sure;
	plan->n++;
	return 0;
}

/* Builds the ordered list of applicable questions; returns 0 or a code. */
int gu_plan_build(const gu_policy *p, const gu_answers *a, gu_plan *out, gu_error *err)
{
	gu_ectx c;
	size_t i = 0, j;
	int rc = 0;

	memset(out, 0, sizeof *out);
	gu_error_clear(err);
	if (gu_ectx_init(&c, p) < 0)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, NULL);
	if (gu_ectx_load(&c, a) < 0) {
		gu_ectx_free(&c);
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, NULL);
	}
	while (i < p->nquestions && rc == 0) {
		if (p->qx[i].owner != GU_OWN_MEMBER) {
			if (gu_ectx_applies(&c, (int)i, -1))
				rc = add_step(out, p->questions[i].key, &p->questions[i],
					gu_ectx_surely_applies(&c, (int)i, -1));
			i++;
			continue;
		}
		/* A run of member questions in one section: member by member. */
		for (j = i; j < p->nquestions && p->qx[j].owner == GU_OWN_MEMBER
				&& p->questions[j].section == p->questions[i].section; j++)
			;
		for (int m = 0; m < c.nmembers && rc == 0; m++) {
			for (size_t k = i; k < j && rc == 0; k++) {
				char key[64];

				if (!gu_ectx_applies(&c, (int)k, m))
					continue;
				snprintf(key, sizeof key, "member.%d.%s", c.member_no[m], p->qx[k].field);
				rc = add_step(out, key, &p->questions[k],
					gu_ectx_surely_applies(&c, (int)k, m));
			}
		}
		i = j;
	}
	gu_ectx_free(&c);
	if (rc) {
		gu_plan_free(out);
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, NULL);
	}
	return 0;
}

/* Frees the plan. */
void gu_plan_free(gu_plan *plan)
{
	free(plan->v);
	memset(plan, 0, sizeof *plan);
}

/* Returns the first unanswered step at or after from, or plan->n. */
size_t gu_plan_next(const gu_plan *plan, const gu_answers *a, size_t from)
{
	size_t i;

	for (i = from; i < plan->n; i++)
		if (!gu_answers_get(a, plan->v[i].key))
			return i;
	return plan->n;
}

/* Returns the index of key in the plan, or plan->n. */
size_t gu_plan_find(const gu_plan *plan, const char *key)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		if (strcmp(plan->v[i].key, key) == 0)
			return i;
	return plan->n;
}

/* Counts the applicable questions and the answered ones. */
void gu_plan_progress(const gu_plan *plan, const gu_answers *a,
	size_t *answered, size_t *total)
{
	size_t i, n = 0;

	for (i = 0; i < plan->n; i++)
		if (gu_answers_get(a, plan->v[i].key))
			n++;
	*answered = n;
	*total = plan->n;
}

/* Counts the unanswered steps that surely apply. */
size_t gu_plan_left(const gu_plan *plan, const gu_answers *a)
{
	size_t i, n = 0;

	for (i = 0; i < plan->n; i++)
		if (plan->v[i].sure && !gu_answers_get(a, plan->v[i].key))
			n++;
	return n;
}

/* Returns true when the question of a concrete key applies now. */
bool gu_question_applies(const gu_policy *p, const gu_answers *a, const char *key)
{
	gu_ectx c;
	int mno, m = -1, q = gu_policy_resolve_key(p, key, &mno);
	bool r = false;

	if (q < 0 || gu_ectx_init(&c, p) < 0)
		return false;
	if (gu_ectx_load(&c, a) < 0)
		goto cleanup;
	if (mno) {
		m = gu_ectx_member_index(&c, mno);
		if (m < 0) {
			/* A member not yet in the answers: only unconditional questions. */
			r = p->qx[q].when == NULL;
			goto cleanup;
		}
	}
	r = gu_ectx_applies(&c, q, m);
cleanup:
	gu_ectx_free(&c);
	return r;
}

/* Writes what the valid ID number gives for key; returns buf or NULL. */
const char *gu_plan_id_fact(const gu_answers *a, const char *key, char *buf, size_t size)
{
	const char *idn = gu_answers_get(a, GU_KEY_CHILD_ID);
	gu_idcard id;
	char d[16];

	if (!idn || gu_idcard_parse(idn, &id) != GU_ID_OK)
		return NULL;
	if (strcmp(key, GU_KEY_CHILD_DOB) == 0)
		snprintf(buf, size, "%s", gu_date_format(id.dob, d));
	else if (strcmp(key, GU_KEY_CHILD_SEX) == 0)
		snprintf(buf, size, "%s", id.sex == 'm' ? "male" : "female");
	else
		return NULL;
	return buf;
}

/* Returns true when key's answer is what the valid ID number gives. */
bool gu_plan_given_by_id(const gu_answers *a, const char *key)
{
	const char *v = gu_answers_get(a, key);
	char buf[32];

	return v && gu_plan_id_fact(a, key, buf, sizeof buf) && strcmp(v, buf) == 0;
}

/* Counts the screens of questions a full interview shows. */
size_t gu_plan_screens(const gu_plan *plan, const gu_answers *a, bool id_facts_asked)
{
	size_t i, n = 0;

	for (i = 0; i < plan->n; i++)
		if (id_facts_asked || !gu_plan_given_by_id(a, plan->v[i].key))
			n++;
	return n;
}
