/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The three-valued rule engine: answers read into slots, every item evaluated. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/eval_internal.h"
#include "core/explain.h"
#include "core/i18n.h"
#include "core/idcard.h"
#include "core/keys.h"
#include "core/qtype.h"

/* Makes a context for policy p; returns 0 or -GU_ENOMEM. */
int gu_ectx_init(gu_ectx *c, const gu_policy *p)
{
	size_t nf = p->nfacts ? p->nfacts : 1;

	memset(c, 0, sizeof *c);
	c->p = p;
	c->member_cap = 4;
	c->nslots = p->nquestions + (size_t)c->member_cap * p->nmemberq;
	c->vals = calloc(c->nslots ? c->nslots : 1, sizeof *c->vals);
	c->fact_tv = calloc(nf, sizeof *c->fact_tv);
	c->fact_pm = calloc(nf, sizeof *c->fact_pm);
	c->fact_gen = calloc(nf, sizeof *c->fact_gen);
	c->memo_gen = calloc(p->nnodes ? p->nnodes : 1, sizeof *c->memo_gen);
	c->memo_tv = calloc(p->nnodes ? p->nnodes : 1, sizeof *c->memo_tv);
	c->memo_pm = calloc(p->nnodes ? p->nnodes : 1, sizeof *c->memo_pm);
	if (!c->vals || !c->fact_tv || !c->fact_pm || !c->fact_gen || !c->memo_gen
			|| !c->memo_tv || !c->memo_pm) {
		gu_ectx_free(c);
		return -GU_ENOMEM;
	}
	return 0;
}

/* Frees the context's memory. */
void gu_ectx_free(gu_ectx *c)
{
	free(c->vals);
	free(c->fact_tv);
	free(c->fact_pm);
	free(c->fact_gen);
	free(c->memo_gen);
	free(c->memo_tv);
	free(c->memo_pm);
	memset(c, 0, sizeof *c);
}

/* Returns the slot of question q for compact member m. */
static inline size_t slot_of(const gu_ectx *c, int q, int m)
{
	const gu_policy *p = c->p;

	if (p->qx[q].owner != GU_OWN_MEMBER)
		return (size_t)q;
	return p->nquestions + (size_t)m * p->nmemberq + (size_t)p->qx[q].member_ord;
}

/* Returns the slot of question q for compact member m. */
size_t gu_ectx_slot(const gu_ectx *c, int q, int m)
{
	return slot_of(c, q, m);
}

/* Returns slot i, first emptied when it belongs to an older load: slots
 * are stamped with the load instead of being cleared on every load. */
static inline gu_val *val_fresh(gu_ectx *c, size_t i)
{
	gu_val *v = &c->vals[i];

	if (v->gen != c->gen) {
		v->st = GU_V_NA;
		v->appl = GU_APPL_UNKNOWN;
		v->gen = c->gen;
		v->v = 0;
		v->key = NULL;
		v->s = NULL;
		v->line = 0;
	}
	return v;
}

static inline gu_tv eval_node(gu_ectx *c, const gu_node *n, uint64_t *pm)
	__attribute__((always_inline));
static gu_tv eval_memo(gu_ectx *c, const gu_node *n, uint64_t *pm);

/* Evaluates a tree; returns its value and ORs the persons it names into *pm.
 * With memo_on, a subtree that reads no person variable (and is more than
 * one leaf) is worked out once per answers. */
static inline __attribute__((always_inline)) gu_tv eval_in(gu_ectx *c, const gu_node *n,
	uint64_t *pm)
{
	/* Leaves cost less to evaluate again than to memoise. */
	if (!c->memo_on || n->vars || n->kind == GU_N_CONST
			|| (n->kind >= GU_N_BOOL && n->kind <= GU_N_UNKNOWN))
		return eval_node(c, n, pm);
	return eval_memo(c, n, pm);
}

/* Returns what the loaded answers say of question q for compact member m. */
const gu_val *gu_ectx_val(gu_ectx *c, int q, int m)
{
	return val_fresh(c, slot_of(c, q, m));
}

/* Returns the compact index of member number n, or -1. */
int gu_ectx_member_index(const gu_ectx *c, int n)
{
	int i;

	for (i = 0; i < c->nmembers; i++)
		if (c->member_no[i] == n)
			return i;
	return -1;
}

/* Reads one answer value of question q into v. */
static void read_value(const gu_question *q, const char *s, gu_val *v)
{
	v->st = GU_V_UNKNOWN;
	if (s[0] == 'u' && strcmp(s, "unknown") == 0)
		return;
	if (gu_qtype(q->type)->read(q, s, &v->v))
		v->st = GU_V_SET;
}

/* Inserts member number n into the sorted list. */
static void note_member(gu_ectx *c, int n)
{
	int i, j;

	for (i = 0; i < c->nmembers; i++) {
		if (c->member_no[i] == n)
			return;
		if (c->member_no[i] > n)
			break;
	}
	if (c->nmembers == GU_MAX_MEMBERS) {
		c->extra_members++;
		return;
	}
	for (j = c->nmembers; j > i; j--)
		c->member_no[j] = c->member_no[j - 1];
	c->member_no[i] = n;
	c->nmembers++;
}

/* Works out the child's date of birth, sex and age. */
static void child_facts(gu_ectx *c, const gu_answers *a)
{
	const gu_policy *p = c->p;
	gu_idcard id;
	gu_date dob, on;

	c->child_dob = 0;
	c->child_sex = 0;
	(void)a;
	if (p->child_id >= 0 && val_fresh(c, (size_t)p->child_id)->st == GU_V_SET) {
		const char *s = c->vals[p->child_id].s;

		if (s && gu_idcard_parse(s, &id) == GU_ID_OK) {
			c->child_dob = (int64_t)id.dob.year * 10000 + id.dob.month * 100 + id.dob.day;
			c->child_sex = id.sex;
		}
	}
	if (p->child_dob >= 0 && val_fresh(c, (size_t)p->child_dob)->st == GU_V_SET)
		c->child_dob = c->vals[p->child_dob].v;
	c->on = val_fresh(c, (size_t)p->interview_date)->st == GU_V_SET
		? c->vals[p->interview_date].v : 0;
	c->age_st = GU_V_UNKNOWN;
	c->age = 0;
	c->school_age = 0;
	c->age_months = 0;
	if (!c->today_fixed) {
		gu_date t = gu_date_today();

		c->today = (int64_t)t.year * 10000 + t.month * 100 + t.day;
	}
	if (c->child_dob && c->on) {
		dob.year = (int)(c->child_dob / 10000);
		dob.month = (int)(c->child_dob / 100 % 100);
		dob.day = (int)(c->child_dob % 100);
		on.year = (int)(c->on / 10000);
		on.month = (int)(c->on / 100 % 100);
		on.day = (int)(c->on % 100);
		c->age = gu_age_on(dob, on);
		c->school_age = gu_age_on(dob, gu_school_year_cutoff(on));
		c->age_months = (int64_t)(on.year - dob.year) * 12 + on.month - dob.month
			- (on.day < dob.day ? 1 : 0);
		if (c->age >= 0)
			c->age_st = GU_V_SET;
	}
}

/* Reads a set of answers into the context; returns 0 or -GU_ENOMEM. */
int gu_ectx_load(gu_ectx *c, const gu_answers *a)
{
	const gu_policy *p = c->p;
	size_t i;

	c->nmembers = 0;
	c->extra_members = 0;
	for (i = 0; i < a->n; i++) {
		const char *k = a->v[i].key;

		if (k[0] == 'm' && memcmp(k, "member.", 7) == 0 && k[7] >= '1' && k[7] <= '9') {
			/* As strtol would read it, numbers past a million all alike. */
			long n = 0;

			for (k += 7; *k >= '0' && *k <= '9'; k++)
				n = n < 1000000 ? n * 10 + (*k - '0') : n;
			if (n > 0 && n < 1000000)
				note_member(c, (int)n);
		}
	}
	if (c->nmembers > c->member_cap) {
		size_t n = p->nquestions + (size_t)GU_MAX_MEMBERS * p->nmemberq;
		gu_val *nv = realloc(c->vals, (n ? n : 1) * sizeof *nv);

		if (!nv)
			return -GU_ENOMEM;
		/* New slots carry load 0, which no load has: they read as absent. */
		memset(nv + c->nslots, 0, ((n ? n : 1) - c->nslots) * sizeof *nv);
		c->vals = nv;
		c->nslots = n;
		c->member_cap = GU_MAX_MEMBERS;
	}
	if (++c->gen == 0) {
		/* After 2^32 loads, start the generations again from clean entries. */
		memset(c->memo_gen, 0, p->nnodes * sizeof *c->memo_gen);
		memset(c->fact_gen, 0, p->nfacts * sizeof *c->fact_gen);
		memset(c->vals, 0, c->nslots * sizeof *c->vals);
		c->gen = 1;
	}
	for (i = 0; i < a->n; i++) {
		const char *k = a->v[i].key;
		int mno = 0, m = -1, q;
		gu_val *v;

		/* Keys of members need their number taken out; others are looked up as they are. */
		if (k[0] == 'm' && k[1] == 'e')
			q = gu_policy_resolve_key(p, k, &mno);
		else
			q = gu_policy_lookup(p, k, strlen(k));
		if (q < 0)
			continue;
		if (mno) {
			m = gu_ectx_member_index(c, mno);
			if (m < 0)
				continue;
		}
		v = val_fresh(c, slot_of(c, q, m));
		read_value(&p->questions[q], a->v[i].value, v);
		v->key = a->v[i].key;
		v->s = a->v[i].value;
		v->line = a->v[i].line;
	}
	child_facts(c, a);
	return 0;
}

/* Returns true when question q applies (compact member m, else -1). */
bool gu_ectx_applies(gu_ectx *c, int q, int m)
{
	gu_val *v = val_fresh(c, slot_of(c, q, m));
	const gu_node *w = c->p->qx[q].when;

	if (v->appl == GU_APPL_NO || v->appl == GU_APPL_YES)
		return v->appl == GU_APPL_YES;
	if (v->appl == GU_APPL_WORKING)
		return false;
	if (!w) {
		v->appl = GU_APPL_YES;
		return true;
	}
	v->appl = GU_APPL_WORKING;
	{
		int sk = c->vkind[0], sm = c->vmem[0];
		uint64_t pm = 0;
		gu_tv t;

		if (m >= 0) {
			c->vkind[0] = GU_PK_MEMBER;
			c->vmem[0] = m;
		}
		t = eval_in(c, w, &pm);
		c->vkind[0] = sk;
		c->vmem[0] = sm;
		v = &c->vals[slot_of(c, q, m)];
		v->appl = t != GU_NO ? GU_APPL_YES : GU_APPL_NO;
	}
	return v->appl == GU_APPL_YES;
}

/* Returns true when question q surely applies to compact member m (-1:
 * none): its ask-when condition is yes now, not only maybe. */
bool gu_ectx_surely_applies(gu_ectx *c, int q, int m)
{
	const gu_node *w = c->p->qx[q].when;
	int sk = c->vkind[0], sm = c->vmem[0];
	uint64_t pm = 0;
	gu_tv t;

	if (!gu_ectx_applies(c, q, m))
		return false;
	if (!w)
		return true;
	if (m >= 0) {
		c->vkind[0] = GU_PK_MEMBER;
		c->vmem[0] = m;
	}
	t = eval_in(c, w, &pm);
	c->vkind[0] = sk;
	c->vmem[0] = sm;
	return t == GU_YES;
}

/* Reads question q of member m: returns the state seen by rules. */
static inline int read_slot(gu_ectx *c, int q, int m, int64_t *out)
{
	size_t i = slot_of(c, q, m);
	const gu_val *v = val_fresh(c, i);

	if (v->appl == GU_APPL_NO || (v->appl != GU_APPL_YES && !gu_ectx_applies(c, q, m)))
		return GU_V_NA;
	v = &c->vals[i];
	if (v->st != GU_V_SET)
		return GU_V_UNKNOWN;
	*out = v->v;
	return GU_V_SET;
}

/* Reads an operand: returns its state with its value in *v and the slot read. */
static inline int operand(gu_ectx *c, const gu_operand *o, int64_t *v, int *slot_q, int *slot_m)
{
	int q, m = -1, st;

	*slot_q = GU_Q_NONE;
	*slot_m = -1;
	if (o->kind == GU_OPD_LIT) {
		*v = o->lit;
		return GU_V_SET;
	}
	if (o->kind == GU_OPD_KEY) {
		q = o->q;
	} else {
		int k = c->vkind[o->var];

		q = o->vq[k];
		if (k == GU_PK_MEMBER)
			m = c->vmem[o->var];
	}
	*slot_q = q;
	*slot_m = m;
	if (q == GU_Q_NONE)
		return GU_V_NA;
	if (q == GU_Q_CHILD_AGE) {
		*v = c->age;
		st = c->age_st;
	} else if (q == GU_Q_CHILD_SCHOOL_AGE) {
		*v = c->school_age;
		st = c->age_st;
	} else if (q == GU_Q_CHILD_AGE_MONTHS) {
		*v = c->age_months;
		st = c->age_st;
	} else if (q == GU_Q_CHILD_BIRTH_DATE) {
		*v = c->child_dob;
		st = c->child_dob ? GU_V_SET : GU_V_UNKNOWN;
	} else if (q == GU_Q_TODAY) {
		*v = c->today;
		st = GU_V_SET;
	} else {
		st = read_slot(c, q, m, v);
	}
	if (st == GU_V_SET)
		*v += o->add;
	return st;
}

/* Makes comparisons with today read yyyymmdd instead of the clock's date. */
void gu_ectx_set_today(gu_ectx *c, int64_t yyyymmdd)
{
	c->today = yyyymmdd;
	c->today_fixed = true;
}

/* Reads an operand: returns its state with its value in *v and the slot read. */
int gu_ectx_operand(gu_ectx *c, const gu_operand *o, int64_t *v, int *slot_q, int *slot_m)
{
	return operand(c, o, v, slot_q, slot_m);
}

/* Returns the lower of two values. */
static gu_tv tv_min(gu_tv a, gu_tv b)
{
	return a < b ? a : b;
}

/* Compares a and b with op; returns yes or no. */
static gu_tv compare(int op, int64_t a, int64_t b)
{
	bool r;

	switch (op) {
	case GU_OP_EQ: r = a == b; break;
	case GU_OP_NE: r = a != b; break;
	case GU_OP_LT: r = a < b; break;
	case GU_OP_LE: r = a <= b; break;
	case GU_OP_GT: r = a > b; break;
	default: r = a >= b; break;
	}
	return r ? GU_YES : GU_NO;
}

/* Evaluates a leaf that reads an operand. */
static __attribute__((noinline)) gu_tv eval_leaf(gu_ectx *c, const gu_node *n)
{
	int64_t x = 0, y = 0;
	int q, m, sx = operand(c, &n->x, &x, &q, &m), sy;
	size_t i;

	if (n->kind == GU_N_UNKNOWN)
		return sx == GU_V_UNKNOWN ? GU_YES : GU_NO;
	if (sx == GU_V_NA)
		return GU_NO;
	if (n->kind == GU_N_CMP) {
		sy = operand(c, &n->y, &y, &q, &m);
		if (sy == GU_V_NA)
			return GU_NO;
		if (sx == GU_V_UNKNOWN || sy == GU_V_UNKNOWN)
			return GU_MAYBE;
		return compare(n->op, x, y);
	}
	if (sx == GU_V_UNKNOWN)
		return GU_MAYBE;
	switch (n->kind) {
	case GU_N_BOOL:
		return x ? GU_YES : GU_NO;
	case GU_N_IN:
		if (n->nset == 0)
			return x >= 0 && x < 64 && (n->mask >> x & 1) ? GU_YES : GU_NO;
		for (i = 0; i < n->nset; i++)
			if (n->set[i] == x)
				return GU_YES;
		return GU_NO;
	case GU_N_HAS_ANY:
		return ((uint64_t)x & n->mask) ? GU_YES : GU_NO;
	case GU_N_HAS_ALL:
		return ((uint64_t)x & n->mask) == n->mask ? GU_YES : GU_NO;
	case GU_N_BETWEEN:
		return x >= n->lo && x <= n->hi ? GU_YES : GU_NO;
	default:
		return GU_NO;
	}
}

/* Evaluates "any v of kinds (body)". */
static __attribute__((noinline)) gu_tv eval_any(gu_ectx *c, const gu_node *n, uint64_t *pm)
{
	gu_tv best = GU_NO;
	uint64_t acc = 0;
	int k, m, sk = c->vkind[n->var], sm = c->vmem[n->var];

	for (k = 0; k < GU_PK_COUNT; k++) {
		int count = k == GU_PK_MEMBER ? c->nmembers : 1;

		if (!(n->kinds & (1u << k)))
			continue;
		for (m = 0; m < count; m++) {
			uint64_t sub = 0, me;
			gu_tv t;

			c->vkind[n->var] = k;
			c->vmem[n->var] = m;
			t = eval_in(c, n->a[0], &sub);
			if (t == GU_NO || t < best)
				continue;
			me = k == GU_PK_CHILD ? GU_PB_CHILD : k == GU_PK_FATHER ? GU_PB_FATHER
				: k == GU_PK_MOTHER ? GU_PB_MOTHER : (uint64_t)1 << (GU_PB_MEMBER0 + m);
			if (t > best) {
				best = t;
				acc = 0;
			}
			acc |= me | sub;
		}
	}
	c->vkind[n->var] = sk;
	c->vmem[n->var] = sm;
	if (best != GU_NO)
		*pm |= acc;
	return best;
}

/* Evaluates an "and": the lowest value; persons of all parts when not no. */
static __attribute__((noinline)) gu_tv eval_and(gu_ectx *c, const gu_node *n, uint64_t *pm)
{
	gu_tv r = GU_YES;
	uint64_t acc = 0;
	size_t i;

	for (i = 0; i < n->na && r != GU_NO; i++) {
		gu_tv t = eval_in(c, n->a[i], &acc);

		if (t < r)
			r = t;
	}
	if (r != GU_NO)
		*pm |= acc;
	return r;
}

/* Evaluates an "or": the highest value; persons of the parts reaching it. */
static __attribute__((noinline)) gu_tv eval_or(gu_ectx *c, const gu_node *n, uint64_t *pm)
{
	gu_tv best = GU_NO;
	uint64_t acc = 0;
	size_t i;

	for (i = 0; i < n->na; i++) {
		uint64_t sub = 0;
		gu_tv t = eval_in(c, n->a[i], &sub);

		if (t > best) {
			best = t;
			acc = sub;
		} else if (t == best) {
			acc |= sub;
		}
		if (best == GU_YES && !n->names)
			break;
	}
	if (best != GU_NO)
		*pm |= acc;
	return best;
}

/* Evaluates a node with one child: not, cap, as; a fact. */
static __attribute__((noinline)) gu_tv eval_unary(gu_ectx *c, const gu_node *n, uint64_t *pm)
{
	uint64_t sub = 0;
	gu_tv t;

	switch (n->kind) {
	case GU_N_NOT:
		t = eval_in(c, n->a[0], &sub);
		return t == GU_YES ? GU_NO : t == GU_NO ? GU_YES : GU_MAYBE;
	case GU_N_CAP:
		return tv_min(eval_in(c, n->a[0], pm), GU_MAYBE);
	case GU_N_NAMES:
		if (eval_in(c, n->a[0], &sub) != GU_NO)
			*pm |= sub;
		return GU_YES;
	case GU_N_AS:
		t = eval_in(c, n->a[0], &sub);
		if (t != GU_NO)
			*pm |= sub | n->mask;
		return t;
	default:
		if (c->fact_gen[n->fact] != c->gen) {
			c->fact_tv[n->fact] = eval_in(c, c->p->facts[n->fact].node, &sub);
			c->fact_pm[n->fact] = sub;
			c->fact_gen[n->fact] = c->gen;
		}
		if (c->fact_tv[n->fact] != GU_NO)
			*pm |= c->fact_pm[n->fact];
		return c->fact_tv[n->fact];
	}
}

/* Evaluates a tree; returns its value and ORs the persons it names into *pm. */
gu_tv gu_ectx_eval(gu_ectx *c, const gu_node *n, uint64_t *pm)
{
	return eval_in(c, n, pm);
}

/* Evaluates a closed subtree once per answers (memo_on); returns its value
 * and ORs the persons it names into *pm. */
static __attribute__((noinline)) gu_tv eval_memo(gu_ectx *c, const gu_node *n, uint64_t *pm)
{
	uint64_t sub = 0;
	gu_tv t;

	if (c->memo_gen[n->id] == c->gen) {
		*pm |= c->memo_pm[n->id];
		return c->memo_tv[n->id];
	}
	t = eval_node(c, n, &sub);
	c->memo_gen[n->id] = c->gen;
	c->memo_tv[n->id] = t;
	c->memo_pm[n->id] = sub;
	*pm |= sub;
	return t;
}

/* Evaluates one node by its kind (inlined into every caller: one call per
 * node of the tree); returns its value. */
static inline gu_tv eval_node(gu_ectx *c, const gu_node *n, uint64_t *pm)
{
	switch (n->kind) {
	case GU_N_CONST:
		return n->tv;
	case GU_N_AND:
		return eval_and(c, n, pm);
	case GU_N_OR:
		return eval_or(c, n, pm);
	case GU_N_NOT:
	case GU_N_CAP:
	case GU_N_NAMES:
	case GU_N_AS:
	case GU_N_FACT:
		if (n->kind == GU_N_FACT && c->fact_gen[n->fact] == c->gen) {
			if (c->fact_tv[n->fact] != GU_NO)
				*pm |= c->fact_pm[n->fact];
			return c->fact_tv[n->fact];
		}
		return eval_unary(c, n, pm);
	case GU_N_ANY:
		return eval_any(c, n, pm);
	default:
		return eval_leaf(c, n);
	}
}

/* Appends name (and a member number when m > 0) to buf, comma first
 * when not empty; returns the new length. */
static size_t add_person(char *buf, size_t len, size_t size, const char *name, int m)
{
	char num[16];
	size_t n = strlen(name), k = 0;

	if (m > 0) {
		int v = m;
		char tmp[16];
		size_t j = 0;

		while (v > 0 && j < sizeof tmp) {
			tmp[j++] = (char)('0' + v % 10);
			v /= 10;
		}
		num[k++] = '.';
		while (j > 0)
			num[k++] = tmp[--j];
	}
	if (len + (len ? 1 : 0) + n + k + 1 > size)
		return len;
	if (len)
		buf[len++] = ',';
	memcpy(buf + len, name, n);
	len += n;
	memcpy(buf + len, num, k);
	len += k;
	buf[len] = '\0';
	return len;
}

/* Writes the names of person bits pm into buf. */
void gu_persons_text(const gu_ectx *c, uint64_t pm, char *buf, size_t size)
{
	size_t len = 0;
	int m;

	buf[0] = '\0';
	if (pm & GU_PB_CHILD)
		len = add_person(buf, len, size, "child", 0);
	if (pm & GU_PB_FATHER)
		len = add_person(buf, len, size, "father", 0);
	if (pm & GU_PB_MOTHER)
		len = add_person(buf, len, size, "mother", 0);
	for (m = 0; m < c->nmembers; m++)
		if (pm & ((uint64_t)1 << (GU_PB_MEMBER0 + m)))
			len = add_person(buf, len, size, "member", c->member_no[m]);
	if (pm & GU_PB_HOUSEHOLD)
		len = add_person(buf, len, size, "household", 0);
}

/* Returns "eligible", "verify" or "no". */
const char *gu_tv_verdict(gu_tv v)
{
	return v == GU_YES ? "eligible" : v == GU_MAYBE ? "verify" : "no";
}

/* Frees a string array of n entries. */
static void free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Frees results. */
void gu_results_free(gu_results *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].reason);
		free(r->v[i].explanation);
		free(r->v[i].settle);   /* one block: the pointers, then the keys */
	}
	free(r->v);
	for (i = 0; i < r->nalerts; i++)
		free(r->alerts[i].text);
	free(r->alerts);
	free_strv(r->ask_next, r->nask);
	memset(r, 0, sizeof *r);
}

/* Computes every item's verdict and persons (no text) into tv[] and pm[]. */
void gu_ectx_verdicts(gu_ectx *c, gu_tv *tv, uint64_t *pm)
{
	const gu_policy *p = c->p;
	size_t i;

	for (i = 0; i < p->nitems; i++) {
		pm[i] = 0;
		tv[i] = eval_in(c, p->ix[i].rule, &pm[i]);
		if (tv[i] != GU_NO && pm[i] == 0)
			pm[i] = p->ix[i].attach_mask;
	}
}

/* Returns true when the policy's fact name (no person) holds, yes or maybe. */
static bool fact_held(gu_ectx *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->p->nfacts; i++) {
		const gu_fact *f = &c->p->facts[i];
		uint64_t pm = 0;

		if (strcmp(f->name, name) == 0 && !f->param && f->node)
			return gu_ectx_eval(c, f->node, &pm) != GU_NO;
	}
	return false;
}

/* Returns the kinds of a difficult child held (GU_FACT_DIFFICULT_A .. C as
 * bits 0 .. 2), 0 for a child the group difficult does not hold. */
static unsigned difficult_kinds(gu_ectx *c)
{
	static const char *const kinds[] = { GU_FACT_DIFFICULT_A, GU_FACT_DIFFICULT_B,
		GU_FACT_DIFFICULT_C };
	unsigned k, held = 0;

	if (!fact_held(c, GU_GROUP_DIFFICULT))
		return 0;
	for (k = 0; k < 3; k++)
		if (fact_held(c, kinds[k]))
			held |= 1u << k;
	return held;
}

/* Fills the alerts and groups of r; returns 0 or -GU_ENOMEM. */
static int alerts_and_groups(gu_ectx *c, gu_results *r)
{
	const gu_policy *p = c->p;
	size_t i, len = 0;

	r->alerts = calloc(p->nalerts ? p->nalerts : 1, sizeof *r->alerts);
	if (!r->alerts)
		return -GU_ENOMEM;
	for (i = 0; i < p->nalerts; i++) {
		uint64_t pm = 0;
		gu_alert *al;

		if (gu_ectx_eval(c, p->alerts[i].when, &pm) != GU_YES)
			continue;
		al = &r->alerts[r->nalerts];
		snprintf(al->id, sizeof al->id, "%s", p->alerts[i].id);
		al->text = strdup(gu_pick(p->alerts[i].text_zh, p->alerts[i].text_en));
		if (!al->text)
			return -GU_ENOMEM;
		r->nalerts++;
	}
	r->groups[0] = '\0';
	for (i = 0; i < p->nfacts; i++) {
		uint64_t pm = 0;
		size_t need;

		if (!p->facts[i].group || p->facts[i].param || !p->facts[i].node)
			continue;
		if (gu_ectx_eval(c, p->facts[i].node, &pm) == GU_NO)
			continue;
		need = strlen(p->facts[i].name) + (len ? 1 : 0);
		if (len + need + 1 > sizeof r->groups)
			continue;
		len += (size_t)snprintf(r->groups + len, sizeof r->groups - len, "%s%s",
			len ? "," : "", p->facts[i].name);
	}
	r->difficult_kinds = difficult_kinds(c);
	return 0;
}

/* The working memory of many evaluations. */
struct gu_evaluator {
	gu_ectx c;
	gu_tv *tv;
	uint64_t *pm;
};

/* Returns a new evaluator for p, or NULL when out of memory. */
gu_evaluator *gu_evaluator_new(const gu_policy *p)
{
	gu_evaluator *ev = calloc(1, sizeof *ev);

	if (!ev)
		return NULL;
	if (gu_ectx_init(&ev->c, p) < 0) {
		free(ev);
		return NULL;
	}
	ev->tv = calloc(p->nitems ? p->nitems : 1, sizeof *ev->tv);
	ev->pm = calloc(p->nitems ? p->nitems : 1, sizeof *ev->pm);
	if (!ev->tv || !ev->pm) {
		gu_evaluator_free(ev);
		return NULL;
	}
	return ev;
}

/* Frees an evaluator; NULL is allowed. */
void gu_evaluator_free(gu_evaluator *ev)
{
	if (!ev)
		return;
	gu_ectx_free(&ev->c);
	free(ev->tv);
	free(ev->pm);
	free(ev);
}

/* Evaluates every item with the evaluator's memory; returns 0 or a code. */
int gu_evaluator_run(gu_evaluator *ev, const gu_answers *a, gu_results *out, unsigned flags,
	gu_error *err)
{
	bool text = (flags & GU_EVAL_EXPLAIN) != 0;
	bool all_keys = (flags & (GU_EVAL_ASK_NEXT | GU_EVAL_LABELS)) != 0;
	gu_ectx *c = &ev->c;
	const gu_policy *p = c->p;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	gu_error_clear(err);
	/* Each result is filled in below: no need to clear the whole array. */
	out->v = malloc((p->nitems ? p->nitems : 1) * sizeof *out->v);
	if (!out->v || gu_ectx_load(c, a) < 0) {
		rc = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, NULL);
		goto cleanup;
	}
	/* Reasons and explanations evaluate the same subtrees again and again:
	 * memoise from the verdicts on, so that they start from their values. */
	c->memo_on = true;
	gu_ectx_verdicts(c, ev->tv, ev->pm);
	c->labels = (flags & GU_EVAL_LABELS) != 0;
	gu_explain_prepare(c);
	for (i = 0; i < p->nitems; i++) {
		gu_result *r = &out->v[i];

		r->item = p->items[i].number;
		r->verdict = ev->tv[i];
		r->persons[0] = '\0';
		r->reason = NULL;
		r->explanation = NULL;
		r->settle = NULL;
		r->nsettle = 0;
		out->n = i + 1;     /* what gu_results_free may free on an error */
		if (ev->tv[i] != GU_NO)
			gu_persons_text(c, ev->pm[i], r->persons, sizeof r->persons);
		if (gu_explain_item(c, i, r, text, all_keys) < 0) {
			rc = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, NULL);
			goto cleanup;
		}
	}
	if (alerts_and_groups(c, out) < 0
			|| ((flags & GU_EVAL_ASK_NEXT) && gu_explain_ask_next(p, out) < 0)) {
		rc = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, NULL);
		goto cleanup;
	}
	return 0;
cleanup:
	gu_results_free(out);
	return rc;
}

/* Evaluates every item; returns 0 or a negative code. */
int gu_evaluate(const gu_policy *p, const gu_answers *a, gu_results *out, gu_error *err)
{
	return gu_evaluate_ex(p, a, out, GU_EVAL_EXPLAIN | GU_EVAL_ASK_NEXT, err);
}

/* As gu_evaluate, building what flags ask for. */
int gu_evaluate_ex(const gu_policy *p, const gu_answers *a, gu_results *out, unsigned flags,
	gu_error *err)
{
	gu_evaluator *ev = gu_evaluator_new(p);
	int rc;

	if (!ev) {
		memset(out, 0, sizeof *out);
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, NULL);
	}
	rc = gu_evaluator_run(ev, a, out, flags, err);
	gu_evaluator_free(ev);
	return rc;
}
