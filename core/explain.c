/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Explaining a verdict: conditions, answers read, and what would settle a verify. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "core/qtype.h"
#include "core/region.h"
#include "core/strbuf.h"

/* Appends fmt with its "%s" replaced by a1, then a2 ("%%" is "%"): a
 * translated format looked up once and used many times. */
static void sb_subst(gu_strbuf *b, const char *fmt, const char *a1, const char *a2)
{
	const char *s = fmt;
	int arg = 0;

	gu_sb_put(b, "", 0);
	while (*s) {
		const char *pc = strchr(s, '%');

		if (!pc) {
			gu_sb_put(b, s, strlen(s));
			break;
		}
		gu_sb_put(b, s, (size_t)(pc - s));
		if (pc[1] == 's') {
			const char *a = arg++ == 0 ? a1 : a2;

			gu_sb_put(b, a, strlen(a));
			s = pc + 2;
		} else {
			gu_sb_put(b, "%", 1);
			s = pc + (pc[1] == '%' ? 2 : 1);
		}
	}
}

/* The settle keys being gathered for one item: their bytes one after
 * the other in buf, then (ks_pack) one block of pointers and bytes. */
typedef struct keyset {
	char **v;            /* after ks_pack: the keys */
	size_t n;
	char *buf;           /* while gathering: the keys, each NUL-terminated */
	size_t len, bcap;
	size_t *off, ocap;   /* where each key starts in buf */
	size_t limit;        /* stop gathering at this many (0: no limit) */
	int failed;
	char ibuf[512];      /* buf and off until they outgrow these */
	size_t ioff[16];
} keyset;

/* Makes ks empty, its keys in its own storage. */
static void ks_init(keyset *ks)
{
	ks->v = NULL;
	ks->n = 0;
	ks->buf = ks->ibuf;
	ks->len = 0;
	ks->bcap = sizeof ks->ibuf;
	ks->off = ks->ioff;
	ks->ocap = sizeof ks->ioff / sizeof ks->ioff[0];
	ks->limit = 0;
	ks->failed = 0;
}

/* Returns p grown to size bytes (old bytes kept), moved to the heap when
 * it is the keyset's own storage; NULL when out of memory. */
static void *ks_grow(void *p, const void *own, size_t used, size_t size)
{
	void *np;

	if (p != own)
		return realloc(p, size);
	np = malloc(size);
	if (np)
		memcpy(np, p, used);
	return np;
}

/* Frees what ks holds on the heap. */
static void ks_free(keyset *ks)
{
	free(ks->v);
	if (ks->buf != ks->ibuf)
		free(ks->buf);
	if (ks->off != ks->ioff)
		free(ks->off);
}

/* Adds key to ks unless it is there. */
static void ks_add(keyset *ks, const char *key)
{
	size_t i, n;

	for (i = 0; i < ks->n; i++)
		if (strcmp(ks->buf + ks->off[i], key) == 0)
			return;
	if (ks->failed)
		return;
	if (ks->n == ks->ocap) {
		size_t cap = ks->ocap * 2;
		size_t *no = ks_grow(ks->off, ks->ioff, ks->n * sizeof *no, cap * sizeof *no);

		if (!no) {
			ks->failed = 1;
			return;
		}
		ks->off = no;
		ks->ocap = cap;
	}
	n = strlen(key) + 1;
	if (ks->len + n > ks->bcap) {
		size_t cap = ks->bcap * 2;
		char *nb;

		while (cap < ks->len + n)
			cap *= 2;
		nb = ks_grow(ks->buf, ks->ibuf, ks->len, cap);
		if (!nb) {
			ks->failed = 1;
			return;
		}
		ks->buf = nb;
		ks->bcap = cap;
	}
	memcpy(ks->buf + ks->len, key, n);
	ks->off[ks->n++] = ks->len;
	ks->len += n;
}

/* Makes ks->v: one allocation holding the pointers, then the keys' bytes
 * (freed with one free); ks->failed when out of memory. */
static void ks_pack(keyset *ks)
{
	char *block;
	size_t i;

	if (ks->failed || ks->n == 0)
		return;
	block = malloc(ks->n * sizeof *ks->v + ks->len);
	if (!block) {
		ks->failed = 1;
		return;
	}
	ks->v = (char **)(void *)block;
	block += ks->n * sizeof *ks->v;
	memcpy(block, ks->buf, ks->len);
	for (i = 0; i < ks->n; i++)
		ks->v[i] = block + ks->off[i];
}

/* Returns the concrete key of question q for compact member m (written
 * into buf for members). */
static const char *slot_key(const gu_ectx *c, int q, int m, char *buf, size_t size)
{
	const gu_policy *p = c->p;
	const char *field;
	size_t n, len;
	int v;
	char digits[16];
	int nd = 0;

	if (q == GU_Q_TODAY)
		return GU_KEY_INTERVIEW_DATE;
	if (GU_Q_IS_DERIVED(q))
		return GU_KEY_CHILD_DOB;
	if (p->qx[q].owner != GU_OWN_MEMBER)
		return p->questions[q].key;
	/* "member." N "." field, without printf: this runs for every settle key. */
	field = p->qx[q].field;
	n = strlen(field);
	v = c->member_no[m];
	do {
		digits[nd++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && nd < (int)sizeof digits);
	if (7 + (size_t)nd + 1 + n + 1 > size)
		return p->questions[q].key;
	memcpy(buf, "member.", 7);
	len = 7;
	while (nd > 0)
		buf[len++] = digits[--nd];
	buf[len++] = '.';
	memcpy(buf + len, field, n + 1);
	return buf;
}

/* Returns the name of person kind k (compact member m) in words, with
 * the member's number ("member 2") written into buf. */
static const char *person_word(const gu_ectx *c, int k, int m, char *buf, size_t size)
{
	if (k == GU_PK_MEMBER) {
		snprintf(buf, size, _("member %d"), m >= 0 && m < c->nmembers ? c->member_no[m] : 0);
		return buf;
	}
	return k == GU_PK_CHILD ? _("child") : k == GU_PK_FATHER ? _("father") : _("mother");
}

/* Returns the person kind that owns question q, or -1 for the interview
 * and the household. */
static int owner_kind(const gu_ectx *c, int q)
{
	if (q < 0)
		return GU_Q_IS_DERIVED(q) && q != GU_Q_TODAY ? GU_PK_CHILD : -1;
	switch (c->p->qx[q].owner) {
	case GU_OWN_CHILD:
		return GU_PK_CHILD;
	case GU_OWN_FATHER:
		return GU_PK_FATHER;
	case GU_OWN_MOTHER:
		return GU_PK_MOTHER;
	case GU_OWN_MEMBER:
		return GU_PK_MEMBER;
	default:
		return -1;
	}
}

/* Appends the label of question q for compact member m, naming the
 * person for a question asked of each parent or member ("member 2's
 * Disability"). */
static void put_label(gu_ectx *c, int q, int m, gu_strbuf *b)
{
	const gu_question *qq;
	const char *label;
	int k = owner_kind(c, q);
	char who[48];

	if (q == GU_Q_CHILD_AGE) {
		gu_sb_printf(b, "%s", _("Age"));
		return;
	}
	if (q == GU_Q_CHILD_SCHOOL_AGE) {
		gu_sb_printf(b, "%s", _("Age on 31 August before this school year"));
		return;
	}
	if (q == GU_Q_CHILD_AGE_MONTHS) {
		gu_sb_printf(b, "%s", _("Age in months"));
		return;
	}
	if (q == GU_Q_CHILD_BIRTH_DATE) {
		gu_sb_printf(b, "%s", _("Date of birth (given or from the ID number)"));
		return;
	}
	if (q == GU_Q_TODAY) {
		gu_sb_printf(b, "%s", _("Today"));
		return;
	}
	qq = &c->p->questions[q];
	label = gu_pick(qq->label_zh, qq->label_en);
	if (qq->is_person && (k == GU_PK_FATHER || k == GU_PK_MOTHER || k == GU_PK_MEMBER))
		/* TRANSLATORS: a person and one of their answers' labels:
		 * "member 2's Disability". */
		sb_subst(b, _("%s's %s"), person_word(c, k, m, who, sizeof who), label);
	else
		gu_sb_printf(b, "%s", label);
}

/* Appends the labels of the choices of q set in mask, at most max of them
 * ("…" after), joined by the list separator; "none" when mask is empty. */
static void put_choices(const gu_question *q, uint64_t mask, size_t max, gu_strbuf *b)
{
	char buf[1024];

	gu_sb_printf(b, "%s", gu_choice_labels(q, mask, max, buf, sizeof buf));
}

/* Appends a literal value v read against question q (choice label, county
 * name, date or number). */
static void put_literal(const gu_ectx *c, int q, int64_t v, gu_strbuf *b)
{
	char buf[1024];
	const gu_question *qq = q >= 0 ? &c->p->questions[q] : NULL;
	const char *w = qq ? gu_qtype(qq->type)->words(qq, v, buf, sizeof buf) : NULL;

	if (!qq && (q == GU_Q_CHILD_BIRTH_DATE || q == GU_Q_TODAY))
		gu_sb_printf(b, "%04lld-%02lld-%02lld", (long long)(v / 10000),
			(long long)(v / 100 % 100), (long long)(v % 100));
	else if (w)
		gu_sb_printf(b, "%s", w);
	else
		gu_sb_printf(b, "%lld", (long long)v);
}

/* Returns true when question q holds an age in years. */
static bool is_age(const gu_ectx *c, int q)
{
	if (GU_Q_IS_CHILD_AGE(q))
		return true;
	return q >= 0 && strcmp(c->p->qx[q].field, "age") == 0;
}

/* Appends the answer an operand read, in words, and gathers its key into
 * ks when it is unknown; returns its state. */
static int put_answer(gu_ectx *c, const gu_operand *o, gu_strbuf *b, keyset *ks, int *qout)
{
	int64_t v = 0;
	int q, m, st;
	char key[96];

	st = gu_ectx_operand(c, o, &v, &q, &m);
	*qout = q;
	if (q == GU_Q_NONE) {
		gu_sb_printf(b, "%s", _("does not apply"));
		return GU_V_NA;
	}
	if (is_age(c, q) && st == GU_V_SET) {
		char num[24];

		snprintf(num, sizeof num, "%lld", (long long)v);
		/* TRANSLATORS: an age in whole years (周岁). */
		sb_subst(b, _("%s years"), num, "");
		return st;
	}
	if (GU_Q_IS_CHILD_AGE(q)) {
		if (st == GU_V_SET) {
			char num[24];

			snprintf(num, sizeof num, "%lld", (long long)v);
			/* TRANSLATORS: an age in whole years (周岁). */
			sb_subst(b, _("%s years"), num, "");
		} else {
			gu_sb_printf(b, "%s", _("not known (give the date of birth or a valid ID number)"));
		}
		if (st == GU_V_UNKNOWN && ks)
			ks_add(ks, GU_KEY_CHILD_DOB);
		return st;
	}
	if (GU_Q_IS_DERIVED(q)) {
		if (st == GU_V_SET)
			put_literal(c, q, v, b);
		else
			gu_sb_printf(b, "%s", _("not known (give the date of birth or a valid ID number)"));
		if (st == GU_V_UNKNOWN && ks)
			ks_add(ks, slot_key(c, q, -1, key, sizeof key));
		return st;
	}
	if (st == GU_V_NA) {
		gu_sb_printf(b, "%s", _("does not apply"));
		return st;
	}
	if (st == GU_V_UNKNOWN) {
		const gu_val *val = gu_ectx_val(c, q, m);

		gu_sb_printf(b, "%s", val->st == GU_V_NA ? _("not answered") : _("not known"));
		if (ks)
			ks_add(ks, slot_key(c, q, m, key, sizeof key));
		return st;
	}
	if (gu_qtype(c->p->questions[q].type)->vtype == GU_VT_TEXT) {
		const gu_val *val = gu_ectx_val(c, q, m);

		gu_sb_printf(b, "%s", val->s ? val->s : "");
		return st;
	}
	put_literal(c, q, v, b);
	return st;
}

/* Appends what a comparison of q with the figure v asks ("under 16",
 * "at least 6"), in years for ages and in days for dates. */
static void put_bound(gu_ectx *c, int q, int op, int64_t v, gu_strbuf *b)
{
	gu_strbuf num = { 0 };
	const char *fmt;

	if (is_age(c, q)) {
		/* an age of at most 15 is an age under 16: as the city writes it */
		if (op == GU_OP_LE)
			v++;
		else if (op == GU_OP_GT)
			v++;
		/* TRANSLATORS: after an answer ("Age: 9 years, under 16"): ages in
		 * whole years (周岁); %s is a number. */
		fmt = op == GU_OP_LE || op == GU_OP_LT ? _(", under %s")
			: op == GU_OP_GE || op == GU_OP_GT ? _(", aged %s or older")
			: op == GU_OP_EQ ? _(", aged %s") : _(", not aged %s");
	} else if (q >= 0 && c->p->questions[q].type == GU_Q_DATE) {
		fmt = op == GU_OP_LE ? _(", on or before %s") : op == GU_OP_LT ? _(", before %s")
			: op == GU_OP_GE ? _(", on or after %s") : op == GU_OP_GT ? _(", after %s")
			: op == GU_OP_EQ ? _(", on %s") : _(", not on %s");
	} else {
		fmt = op == GU_OP_LE ? _(", at most %s") : op == GU_OP_LT ? _(", less than %s")
			: op == GU_OP_GE ? _(", at least %s") : op == GU_OP_GT ? _(", more than %s")
			: op == GU_OP_EQ ? _(", equal to %s") : _(", not %s");
	}
	put_literal(c, q, v, &num);
	sb_subst(b, fmt, num.s ? num.s : "", "");
	free(num.s);
}

/* Appends the labels of a set a condition asks for: choices of q in mask,
 * or the values in set[]. */
static void put_set(gu_ectx *c, int q, const gu_node *n, gu_strbuf *b)
{
	size_t i;

	if (n->nset == 0) {
		if (q >= 0)
			put_choices(&c->p->questions[q], n->mask, 4, b);
		return;
	}
	for (i = 0; i < n->nset && i < 5; i++) {
		const gu_region_entry *e = NULL;
		char digits[16];

		if (i)
			gu_sb_printf(b, "%s", _(", "));
		if (q >= 0 && c->p->questions[q].type == GU_Q_CODE) {
			/* places by name only: the answer beside them has its code */
			snprintf(digits, sizeof digits, "%06lld", (long long)n->set[i]);
			e = gu_region_lookup(digits);
		}
		if (e)
			gu_sb_printf(b, "%s", gu_pick(e->zh, e->en));
		else
			put_literal(c, q, n->set[i], b);
	}
	if (n->nset > 5)
		gu_sb_printf(b, "%s…", _(", "));
}

/* Appends a condition on answers in words: the question's label, the
 * answer in words and, where it matters, what the condition asks. */
static void put_condition(gu_ectx *c, const gu_node *n, gu_tv t, gu_strbuf *b, keyset *ks)
{
	int64_t v = 0;
	int q, m, qy;
	gu_strbuf need = { 0 };
	const char *fmt_need = NULL;

	gu_ectx_operand(c, &n->x, &v, &q, &m);
	if (q == GU_Q_NONE)
		return;
	put_label(c, q, m, b);
	/* TRANSLATORS: between a question's label and its answer. */
	gu_sb_printf(b, "%s", _(": "));
	put_answer(c, &n->x, b, ks, &q);
	switch (n->kind) {
	case GU_N_CMP:
		if (n->y.kind != GU_OPD_LIT) {
			/* two answers compared: both shown, and whether they agree */
			gu_sb_printf(b, "%s", _("; "));
			gu_ectx_operand(c, &n->y, &v, &qy, &m);
			if (qy != GU_Q_NONE)
				put_label(c, qy, m, b);
			gu_sb_printf(b, "%s", _(": "));
			put_answer(c, &n->y, b, ks, &qy);
			if (t != GU_MAYBE && (n->op == GU_OP_EQ || n->op == GU_OP_NE))
				gu_sb_printf(b, "%s", (t == GU_YES) == (n->op == GU_OP_EQ)
					? _(" (the same)") : _(" (different)"));
			break;
		}
		if (n->op == GU_OP_EQ || n->op == GU_OP_NE) {
			if (is_age(c, q) || c->p->questions[q].type == GU_Q_INTEGER) {
				put_bound(c, q, n->op, n->y.lit, b);
			} else if (t == GU_NO) {
				put_literal(c, q, n->y.lit, &need);
				fmt_need = n->op == GU_OP_EQ ? _(" (needed: %s)") : _(" (must not be: %s)");
			}
			break;
		}
		put_bound(c, q, n->op, n->y.lit, b);
		break;
	case GU_N_BETWEEN: {
		gu_strbuf lo = { 0 }, hi = { 0 };

		put_literal(c, q, n->lo, &lo);
		put_literal(c, q, n->hi, &hi);
		sb_subst(b, is_age(c, q) ? _(", aged %s to %s") : _(", from %s to %s"),
			lo.s ? lo.s : "", hi.s ? hi.s : "");
		free(lo.s);
		free(hi.s);
		break;
	}
	case GU_N_IN:
		if (n->nset && c->p->questions[q].type == GU_Q_CODE && t == GU_YES) {
			/* a place in a list: say so, the source line names them */
			gu_sb_printf(&need, "%zu", n->nset);
			/* TRANSLATORS: %s is how many places the policy lists. */
			fmt_need = _(" (one of the %s places listed)");
		} else if (n->nset && c->p->questions[q].type == GU_Q_CODE && t == GU_NO) {
			put_set(c, q, n, &need);
			fmt_need = _(" (listed: %s)");
		} else if (t == GU_NO) {
			put_set(c, q, n, &need);
			fmt_need = _(" (needed one of: %s)");
		}
		break;
	case GU_N_HAS_ANY:
	case GU_N_HAS_ALL:
		if (t == GU_NO) {
			put_set(c, q, n, &need);
			fmt_need = n->kind == GU_N_HAS_ANY ? _(" (needed one of: %s)")
				: _(" (needed all of: %s)");
		}
		break;
	default:
		break;
	}
	if (fmt_need && need.s)
		sb_subst(b, fmt_need, need.s, "");
	if (need.failed)
		b->failed = true;
	free(need.s);
}

/* Returns the mark of a value: [yes], [verify] or [no]. */
static const char *mark(gu_tv t)
{
	/* TRANSLATORS: marks before a condition in an explanation; the middle
	 * one is the verdict "verify" (需核实). */
	return t == GU_YES ? _("[yes]") : t == GU_MAYBE ? _("[verify]") : _("[no]");
}

/* Appends indentation of depth levels. */
static void indent(gu_strbuf *b, int depth)
{
	gu_sb_printf(b, "%*s", 2 + depth * 2, "");
}

/* Appends the name of person kind k, compact member m, with the name the
 * family gave when there is one ("member 2 张福"). */
static void put_person(gu_ectx *c, int k, int m, gu_strbuf *b)
{
	char who[48], key[96];
	int q, member = 0;

	gu_sb_printf(b, "%s", person_word(c, k, m, who, sizeof who));
	if (k == GU_PK_MEMBER)
		snprintf(key, sizeof key, "member.%d.name", c->member_no[m]);
	else
		snprintf(key, sizeof key, "%s.name", k == GU_PK_CHILD ? "child"
			: k == GU_PK_FATHER ? "father" : "mother");
	q = gu_policy_resolve_key(c->p, key, &member);
	if (q >= 0) {
		const gu_val *val = gu_ectx_val(c, q, k == GU_PK_MEMBER ? m : -1);

		if (val->st == GU_V_SET && val->s && *val->s)
			gu_sb_printf(b, " %s", val->s);
	}
}

static void walk(gu_ectx *c, const gu_node *n, int depth, gu_strbuf *b, keyset *ks);

/* Explains each person of "any" whose value is the quantifier's value. */
static void walk_any(gu_ectx *c, const gu_node *n, gu_tv want, int depth, gu_strbuf *b, keyset *ks)
{
	int k, m, sk = c->vkind[n->var], sm = c->vmem[n->var];

	for (k = 0; k < GU_PK_COUNT; k++) {
		int count = k == GU_PK_MEMBER ? c->nmembers : 1;

		if (!(n->kinds & (1u << k)))
			continue;
		for (m = 0; m < count; m++) {
			uint64_t pm = 0;
			gu_tv t;

			c->vkind[n->var] = k;
			c->vmem[n->var] = m;
			t = gu_ectx_eval(c, n->a[0], &pm);
			if (t != GU_NO && t == want) {
				indent(b, depth);
				gu_sb_printf(b, "%s ", mark(t));
				put_person(c, k, m, b);
				gu_sb_printf(b, "\n");
				walk(c, n->a[0], depth + 1, b, t == GU_MAYBE ? ks : NULL);
			}
		}
	}
	c->vkind[n->var] = sk;
	c->vmem[n->var] = sm;
}

/* Appends the persons a quantifier ranges over, in words. */
static void put_kinds(unsigned kinds, gu_strbuf *b)
{
	int k, shown = 0;

	for (k = 0; k < GU_PK_COUNT; k++) {
		if (!(kinds & (1u << k)))
			continue;
		gu_sb_printf(b, "%s%s", shown++ ? _(", ") : "", k == GU_PK_CHILD ? _("child")
			: k == GU_PK_FATHER ? _("father") : k == GU_PK_MOTHER ? _("mother")
			: _("other members"));
	}
}

/* Explains node n at depth; gathers settle keys into ks when not NULL. */
static void walk(gu_ectx *c, const gu_node *n, int depth, gu_strbuf *b, keyset *ks)
{
	uint64_t pm = 0;
	gu_tv t = gu_ectx_eval(c, n, &pm);
	size_t i;

	if (depth > 12)
		return;
	switch (n->kind) {
	case GU_N_AND:
	case GU_N_OR:
		for (i = 0; i < n->na; i++) {
			uint64_t sub = 0;
			gu_tv ct = gu_ectx_eval(c, n->a[i], &sub);

			/* What decided: every part of an and that holds; the parts of
			 * an or that reach its value; what failed, when it fails. */
			if (n->kind == GU_N_OR && t != GU_NO && ct != t)
				continue;
			if (n->kind == GU_N_AND && t == GU_NO && ct != GU_NO)
				continue;
			walk(c, n->a[i], depth, b, ct == GU_MAYBE ? ks : NULL);
		}
		return;
	case GU_N_FACT: {
		const gu_fact *f = &c->p->facts[n->fact];
		const char *label = gu_pick(f->label_zh, f->label_en);

		if (!*label) {
			walk(c, f->node, depth, b, t == GU_MAYBE ? ks : NULL);
			return;
		}
		indent(b, depth);
		gu_sb_printf(b, "%s %s\n", mark(t), label);
		walk(c, f->node, depth + 1, b, t == GU_MAYBE ? ks : NULL);
		return;
	}
	case GU_N_NOT: {
		const gu_node *a = n->a[0];

		indent(b, depth);
		gu_sb_printf(b, "%s %s\n", mark(t), a->kind == GU_N_OR ? _("none of the following:")
			: a->kind == GU_N_AND ? _("not all of the following:") : _("not the following:"));
		walk(c, a, depth + 1, b, t == GU_MAYBE ? ks : NULL);
		return;
	}
	case GU_N_CAP:
		/* Said once: a later part a department decides follows without it. */
		if (c->decide_said) {
			walk(c, n->a[0], depth, b, ks);
			return;
		}
		c->decide_said = true;
		indent(b, depth);
		gu_sb_printf(b, "%s %s\n", mark(t), _("a department must decide"));
		walk(c, n->a[0], depth + 1, b, ks);
		return;
	case GU_N_AS:
		walk(c, n->a[0], depth, b, ks);
		return;
	case GU_N_NAMES:
		/* It only names who receives the item: nothing to explain. */
		return;
	case GU_N_ANY:
		indent(b, depth);
		gu_sb_printf(b, "%s ", mark(t));
		{
			gu_strbuf kinds = { 0 };

			put_kinds(n->kinds, &kinds);
			sb_subst(b, _("any of: %s"), kinds.s ? kinds.s : "", "");
			if (kinds.failed)
				b->failed = true;
			free(kinds.s);
		}
		gu_sb_printf(b, "\n");
		walk_any(c, n, t, depth + 1, b, t == GU_MAYBE ? ks : NULL);
		return;
	case GU_N_CONST:
		if (t == GU_MAYBE && !c->decide_said) {
			c->decide_said = true;
			indent(b, depth);
			gu_sb_printf(b, "%s %s\n", mark(t), _("a department must decide"));
		}
		return;
	default:
		indent(b, depth);
		gu_sb_printf(b, "%s ", mark(t));
		put_condition(c, n, t, b, t == GU_MAYBE ? ks : NULL);
		gu_sb_printf(b, "\n");
		return;
	}
}

/* Adds to ks the unknown answers an operand read. */
static void operand_unknown(gu_ectx *c, const gu_operand *o, keyset *ks)
{
	int64_t v;
	int q, m;
	char key[96];

	if (o->kind == GU_OPD_LIT || gu_ectx_operand(c, o, &v, &q, &m) != GU_V_UNKNOWN
			|| q == GU_Q_NONE)
		return;
	ks_add(ks, slot_key(c, q, m, key, sizeof key));
}

/* Gathers into ks the unknown answers under a node whose value is maybe:
 * the keys whose answers could settle it (no text is written). */
static void settle(gu_ectx *c, const gu_node *n, keyset *ks, int depth)
{
	size_t i;

	if (depth > 24 || (ks->limit && ks->n >= ks->limit))
		return;
	switch (n->kind) {
	case GU_N_CONST:
		return;
	case GU_N_FACT:
		settle(c, c->p->facts[n->fact].node, ks, depth + 1);
		return;
	case GU_N_ANY: {
		int k, m, sk = c->vkind[n->var], sm = c->vmem[n->var];

		for (k = 0; k < GU_PK_COUNT; k++) {
			int count = k == GU_PK_MEMBER ? c->nmembers : 1;

			if (!(n->kinds & (1u << k)))
				continue;
			for (m = 0; m < count; m++) {
				uint64_t pm = 0;

				c->vkind[n->var] = k;
				c->vmem[n->var] = m;
				if (gu_ectx_eval(c, n->a[0], &pm) == GU_MAYBE)
					settle(c, n->a[0], ks, depth + 1);
			}
		}
		c->vkind[n->var] = sk;
		c->vmem[n->var] = sm;
		return;
	}
	case GU_N_AND:
	case GU_N_OR:
	case GU_N_NOT:
	case GU_N_CAP:
	case GU_N_AS:
		for (i = 0; i < n->na; i++) {
			uint64_t pm = 0;

			if (gu_ectx_eval(c, n->a[i], &pm) == GU_MAYBE)
				settle(c, n->a[i], ks, depth + 1);
		}
		return;
	default:
		operand_unknown(c, &n->x, ks);
		operand_unknown(c, &n->y, ks);
		return;
	}
}

/* Returns a malloc'd "a, b, c" of the keys, or NULL. */
static char *join_keys(char **v, size_t n, size_t max)
{
	gu_strbuf b = { 0 };
	size_t i;

	gu_sb_put(&b, "", 0);
	for (i = 0; i < n && i < max; i++) {
		if (i)
			gu_sb_put(&b, ", ", 2);
		gu_sb_put(&b, v[i], strlen(v[i]));
	}
	if (n > max)
		gu_sb_put(&b, ", …", strlen(", …"));
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Returns a malloc'd list in words of the persons "child,member.2" of a
 * result ("child, member 2"), or NULL when out of memory. */
static char *persons_words(gu_ectx *c, const char *persons)
{
	gu_strbuf b = { 0 };
	const char *s = persons;

	gu_sb_put(&b, "", 0);
	while (*s) {
		size_t n = strcspn(s, ",");
		char who[48];

		if (s != persons)
			gu_sb_printf(&b, "%s", _(", "));
		if (n == 5 && strncmp(s, "child", 5) == 0)
			gu_sb_printf(&b, "%s", _("child"));
		else if (n == 6 && strncmp(s, "father", 6) == 0)
			gu_sb_printf(&b, "%s", _("father"));
		else if (n == 6 && strncmp(s, "mother", 6) == 0)
			gu_sb_printf(&b, "%s", _("mother"));
		else if (n == 9 && strncmp(s, "household", 9) == 0)
			gu_sb_printf(&b, "%s", _("household"));
		else if (n > 7 && strncmp(s, "member.", 7) == 0) {
			int m = gu_ectx_member_index(c, atoi(s + 7));

			if (m >= 0)
				put_person(c, GU_PK_MEMBER, m, &b);
			else
				gu_sb_printf(&b, "%s", person_word(c, GU_PK_MEMBER, -1, who, sizeof who));
		} else
			gu_sb_put(&b, s, n);
		s += n;
		if (*s == ',')
			s++;
	}
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Appends the label of a settle key to b, the person in words before it
 * ("member 2's Disability"); returns true, or false when the policy has no
 * question for the key (nothing appended). */
static bool put_key_label(gu_ectx *c, const char *key, gu_strbuf *b)
{
	int member = 0, q = gu_policy_resolve_key(c->p, key, &member);

	if (strcmp(key, GU_KEY_CHILD_DOB) == 0 && q < 0)
		q = c->p->child_dob;
	if (q < 0)
		return false;
	put_label(c, q, member ? gu_ectx_member_index(c, member) : -1, b);
	return true;
}

/* Returns a malloc'd list of the labels of the settle keys, at most max
 * ("…" after), or NULL when out of memory. */
static char *key_labels(gu_ectx *c, const keyset *ks, size_t max)
{
	gu_strbuf b = { 0 };
	size_t i;

	gu_sb_put(&b, "", 0);
	for (i = 0; i < ks->n && i < max; i++) {
		if (i)
			gu_sb_printf(&b, "%s", _(", "));
		if (!put_key_label(c, ks->v[i], &b))
			gu_sb_printf(&b, "%s", ks->v[i]);
	}
	if (ks->n > max)
		gu_sb_printf(&b, "%s…", _(", "));
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Returns a malloc'd short list in words of the answers that would settle
 * a verify, for a reason line: two labels at most, then how many in all
 * ("家庭已有身份、家庭自述经济困难等 3 项"); never a key.  NULL when out of
 * memory. */
static char *short_labels(gu_ectx *c, const keyset *ks)
{
	gu_strbuf b = { 0 }, out = { 0 };
	size_t i, shown = 0;

	gu_sb_put(&b, "", 0);
	for (i = 0; i < ks->n && shown < 2; i++) {
		gu_strbuf one = { 0 };

		gu_sb_put(&one, "", 0);
		if (put_key_label(c, ks->v[i], &one) && !one.failed) {
			if (shown++)
				gu_sb_printf(&b, "%s", _(", "));
			gu_sb_put(&b, one.s, one.len);
		} else if (one.failed)
			b.failed = 1;
		free(one.s);
	}
	if (shown == 0)
		/* TRANSLATORS: in a reason line, instead of the questions to
		 * answer when the policy names none of them. */
		gu_sb_printf(&b, "%s", _("more answers"));
	if (ks->n > shown && shown > 0 && !b.failed)
		/* TRANSLATORS: a short list of questions to answer, in a reason
		 * line; %s is one or two of them, %d how many there are in all:
		 * "家庭已有身份、家庭自述经济困难等 3 项". */
		gu_sb_printf(&out, _("%s and others (%d in all)"), b.s, (int)ks->n);
	else if (!b.failed) {
		out = b;
		b.s = NULL;
	}
	free(b.s);
	if (b.failed || out.failed) {
		free(out.s);
		return NULL;
	}
	return out.s;
}

/* Looks up the language and the reason formats once for an evaluation. */
void gu_explain_prepare(gu_ectx *c)
{
	c->zh = gu_lang() == GU_LANG_ZH;
	/* TRANSLATORS: a reason line; the first %s is the item's condition,
	 * the second the answers still missing. */
	c->fmt_settle = _("%s; verify: answer %s");
	/* TRANSLATORS: after a reason line and c->fmt_sep; %s names the
	 * departments that decide: "需%s核实". */
	c->fmt_decides = _("verify with %s");
	/* TRANSLATORS: between a reason line and what is still to verify. */
	c->fmt_sep = _("; ");
	c->fmt_not_met = _("not met: %s");
	/* TRANSLATORS: a reason line shown to social workers; the first %s is
	 * the item's condition, the second the questions still to answer, by
	 * their labels: "困境儿童；需核实：家庭已有身份". */
	c->fmt_settle_labels = c->labels ? _("%s; verify: %s") : NULL;
}

/* Fills r->reason, r->explanation (when text) and r->settle for item i. */
int gu_explain_item(gu_ectx *c, size_t i, gu_result *r, bool text, bool all_keys)
{
	const gu_item *it = &c->p->items[i];
	const gu_item_x *x = &c->p->ix[i];
	bool zh = c->zh;
	const char *why = zh ? x->reason_zh : x->reason_en;
	const char *depts = zh ? it->depts_zh : it->depts_en;
	gu_strbuf b = { 0 }, rs = { 0 };
	keyset ks;
	char *keys = NULL;
	int rc = -GU_ENOMEM;

	ks_init(&ks);
	c->decide_said = false;
	gu_strbuf *tb = text ? &b : NULL;

	if (text) {
		gu_sb_printf(tb, _("Item %d, %s: %s\n"), it->number, zh ? it->shown_zh : it->shown_en,
			r->verdict == GU_YES ? _("eligible") : r->verdict == GU_MAYBE ? _("verify") : _("not met"));
		if (r->persons[0]) {
			char *words = persons_words(c, r->persons);

			if (!words)
				goto cleanup;
			gu_sb_printf(tb, _("For: %s\n"), words);
			free(words);
		}
	}
	if (text)
		walk(c, x->rule, 0, tb, r->verdict == GU_MAYBE ? &ks : NULL);
	else if (r->verdict == GU_MAYBE) {
		/* The reason line shows four keys and "…" for more. */
		ks.limit = all_keys ? 0 : 5;
		settle(c, x->rule, &ks, 0);
	}
	ks_pack(&ks);
	if (ks.failed)
		goto cleanup;
	if (ks.n && c->labels && r->verdict == GU_MAYBE) {
		keys = short_labels(c, &ks);
		if (!keys)
			goto cleanup;
	} else if (ks.n) {
		keys = join_keys(ks.v, ks.n, 4);
		if (!keys)
			goto cleanup;
	}
	if (text && r->verdict == GU_MAYBE) {
		if (ks.n) {
			char *labels = key_labels(c, &ks, 4);

			if (!labels)
				goto cleanup;
			gu_sb_printf(tb, _("Would settle it: %s\n"), labels);
			free(labels);
		}
		gu_sb_printf(tb, _("Decided by: %s\n"), depts);
	}
	if (text)
		gu_sb_printf(tb, _("Source: %s\n"), it->source);
	if (!text && r->verdict == GU_NO)
		rs.s = NULL; /* batch screening shows no reason for items that are no */
	else if (r->verdict == GU_YES)
		gu_sb_put(&rs, why, strlen(why));
	else if (r->verdict == GU_MAYBE && ks.n)
		sb_subst(&rs, c->labels ? c->fmt_settle_labels : c->fmt_settle, why, keys);
	else if (r->verdict == GU_MAYBE)
	{
		gu_sb_put(&rs, why, strlen(why));
		gu_sb_put(&rs, c->fmt_sep, strlen(c->fmt_sep));
		sb_subst(&rs, c->fmt_decides, depts, "");
	}
	else
		sb_subst(&rs, c->fmt_not_met, why, "");
	if (b.failed || rs.failed)
		goto cleanup;
	r->explanation = b.s;
	r->reason = rs.s;
	b.s = rs.s = NULL;
	r->settle = ks.v;
	r->nsettle = ks.n;
	ks.v = NULL;
	ks.n = 0;
	rc = 0;
cleanup:
	free(keys);
	free(b.s);
	free(rs.s);
	ks_free(&ks);
	return rc;
}

/* One candidate of ask_next. */
struct cand {
	const char *key;
	int count, q, member;
};

/* Orders candidates: most items settled first, then asking order. */
static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->count != y->count)
		return y->count - x->count;
	if (x->q != y->q)
		return x->q - y->q;
	return x->member - y->member;
}

/* Fills out->ask_next from the settle keys of the verify items. */
int gu_explain_ask_next(const gu_policy *p, gu_results *out)
{
	struct cand *cv = NULL;
	size_t n = 0, cap = 0, i, j;
	int rc = -GU_ENOMEM;

	for (i = 0; i < out->n; i++) {
		for (j = 0; j < out->v[i].nsettle; j++) {
			const char *k = out->v[i].settle[j];
			size_t l;

			for (l = 0; l < n; l++)
				if (strcmp(cv[l].key, k) == 0)
					break;
			if (l < n) {
				cv[l].count++;
				continue;
			}
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 16;
				struct cand *nv = realloc(cv, nc * sizeof *nv);

				if (!nv)
					goto cleanup;
				cv = nv;
				cap = nc;
			}
			cv[n].key = k;
			cv[n].count = 1;
			cv[n].q = gu_policy_resolve_key(p, k, &cv[n].member);
			n++;
		}
	}
	if (n)
		qsort(cv, n, sizeof *cv, cand_cmp);
	out->ask_next = calloc(n ? n : 1, sizeof *out->ask_next);
	if (!out->ask_next)
		goto cleanup;
	for (i = 0; i < n; i++) {
		out->ask_next[i] = strdup(cv[i].key);
		if (!out->ask_next[i])
			goto cleanup;
		out->nask++;
	}
	rc = 0;
cleanup:
	free(cv);
	return rc;
}
