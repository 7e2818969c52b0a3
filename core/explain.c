#include "config.h"
/* Explaining a verdict: conditions, answers read, and what would settle a verify. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "core/i18n.h"

/* A growing string. */
typedef struct sbuf {
	char *s;
	size_t len, cap;
	int failed;
} sbuf;

/* Appends formatted text to b. */
static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!b || b->failed)
		return;
	for (;;) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->failed = 1;
			return;
		}
		if (b->s && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		{
			size_t cap = (b->cap + (size_t)n + 1) * 2;
			char *ns = realloc(b->s, cap);

			if (!ns) {
				b->failed = 1;
				return;
			}
			b->s = ns;
			b->cap = cap;
		}
	}
}

/* Appends n bytes of s to b. */
static void sb_put(sbuf *b, const char *s, size_t n)
{
	if (!b || b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *ns = realloc(b->s, cap);

		if (!ns) {
			b->failed = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends fmt with its "%s" replaced by a1, then a2 ("%%" is "%"): a
 * translated format looked up once and used many times. */
static void sb_subst(sbuf *b, const char *fmt, const char *a1, const char *a2)
{
	const char *s = fmt;
	int arg = 0;

	sb_put(b, "", 0);
	while (*s) {
		const char *pc = strchr(s, '%');

		if (!pc) {
			sb_put(b, s, strlen(s));
			break;
		}
		sb_put(b, s, (size_t)(pc - s));
		if (pc[1] == 's') {
			const char *a = arg++ == 0 ? a1 : a2;

			sb_put(b, a, strlen(a));
			s = pc + 2;
		} else {
			sb_put(b, "%", 1);
			s = pc + (pc[1] == '%' ? 2 : 1);
		}
	}
}

/* The settle keys being gathered for one item. */
typedef struct keyset {
	char **v;
	size_t n, cap;
	size_t limit;        /* stop gathering at this many (0: no limit) */
	int failed;
} keyset;

/* Adds key to ks unless it is there; returns nothing. */
static void ks_add(keyset *ks, const char *key)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (strcmp(ks->v[i], key) == 0)
			return;
	if (ks->n == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 8;
		char **nv = realloc(ks->v, cap * sizeof *nv);

		if (!nv) {
			ks->failed = 1;
			return;
		}
		ks->v = nv;
		ks->cap = cap;
	}
	ks->v[ks->n] = strdup(key);
	if (!ks->v[ks->n]) {
		ks->failed = 1;
		return;
	}
	ks->n++;
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

	if (q == GU_Q_CHILD_AGE)
		return "child.dob";
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

/* Describes the answer an operand read ("child.school_stage = primary"). */
static void describe_operand(gu_ectx *c, const gu_operand *o, sbuf *b, keyset *ks, int *first)
{
	int64_t v;
	int q, m, st;
	char buf[96];
	const char *key;

	if (o->kind == GU_OPD_LIT)
		return;
	st = gu_ectx_operand(c, o, &v, &q, &m);
	if (q == GU_Q_NONE)
		return;
	key = slot_key(c, q, m, buf, sizeof buf);
	sb_printf(b, "%s", *first ? "  (" : "; ");
	*first = 0;
	if (q == GU_Q_CHILD_AGE) {
		if (st == GU_V_SET)
			sb_printf(b, _("age %lld"), (long long)v);
		else
			sb_printf(b, "%s", _("age not known: give child.dob or a valid child.id_number"));
		if (st == GU_V_UNKNOWN && ks)
			ks_add(ks, "child.dob");
		return;
	}
	if (st == GU_V_NA) {
		sb_printf(b, _("%s does not apply"), key);
		return;
	}
	{
		const gu_val *val = &c->vals[gu_ectx_slot(c, q, m)];

		if (val->st == GU_V_NA)
			sb_printf(b, _("%s not answered"), key);
		else
			sb_printf(b, "%s = %s", key, val->s && *val->s ? val->s : _("(none)"));
	}
	if (st == GU_V_UNKNOWN && ks)
		ks_add(ks, key);
}

/* Returns the mark of a value: [yes], [maybe] or [no]. */
static const char *mark(gu_tv t)
{
	/* TRANSLATORS: marks before a condition in an explanation. */
	return t == GU_YES ? _("[yes]") : t == GU_MAYBE ? _("[maybe]") : _("[no]");
}

/* Appends indentation of depth levels. */
static void indent(sbuf *b, int depth)
{
	sb_printf(b, "%*s", 2 + depth * 2, "");
}

static void walk(gu_ectx *c, const gu_node *n, int depth, sbuf *b, keyset *ks);

/* Explains each person of "any" whose value is not no. */
static void walk_any(gu_ectx *c, const gu_node *n, int depth, sbuf *b, keyset *ks)
{
	int k, m, sk = c->vkind[n->var], sm = c->vmem[n->var];

	for (k = 0; k < GU_PK_COUNT; k++) {
		int count = k == GU_PK_MEMBER ? c->nmembers : 1;

		if (!(n->kinds & (1u << k)))
			continue;
		for (m = 0; m < count; m++) {
			uint64_t pm = 0;
			gu_tv t;
			char who[32];

			c->vkind[n->var] = k;
			c->vmem[n->var] = m;
			t = gu_ectx_eval(c, n->a[0], &pm);
			if (t != GU_NO) {
				if (k == GU_PK_MEMBER)
					snprintf(who, sizeof who, "member.%d", c->member_no[m]);
				else
					snprintf(who, sizeof who, "%s", k == GU_PK_CHILD ? "child"
						: k == GU_PK_FATHER ? "father" : "mother");
				indent(b, depth);
				sb_printf(b, "%s %s\n", mark(t), who);
				walk(c, n->a[0], depth + 1, b, t == GU_MAYBE ? ks : NULL);
			}
		}
	}
	c->vkind[n->var] = sk;
	c->vmem[n->var] = sm;
}

/* Explains node n at depth; gathers settle keys into ks when not NULL. */
static void walk(gu_ectx *c, const gu_node *n, int depth, sbuf *b, keyset *ks)
{
	uint64_t pm = 0;
	gu_tv t = gu_ectx_eval(c, n, &pm);
	size_t i;
	int first = 1;

	if (depth > 12)
		return;
	switch (n->kind) {
	case GU_N_AND:
	case GU_N_OR:
		for (i = 0; i < n->na; i++) {
			uint64_t sub = 0;
			gu_tv ct = gu_ectx_eval(c, n->a[i], &sub);

			/* What decided: every part of an and; the parts of an or that held. */
			if (n->kind == GU_N_OR && t != GU_NO && ct == GU_NO)
				continue;
			if (n->kind == GU_N_AND && t == GU_NO && ct != GU_NO)
				continue;
			walk(c, n->a[i], depth, b, ct == GU_MAYBE ? ks : NULL);
		}
		return;
	case GU_N_FACT: {
		const gu_fact *f = &c->p->facts[n->fact];
		const char *label = gu_pick(f->label_zh, f->label_en);

		indent(b, depth);
		sb_printf(b, "%s %s%s%s%s\n", mark(t), f->name, *label ? " (" : "", label, *label ? ")" : "");
		walk(c, f->node, depth + 1, b, t == GU_MAYBE ? ks : NULL);
		return;
	}
	case GU_N_NOT:
		indent(b, depth);
		sb_printf(b, "%s %s\n", mark(t), n->src ? n->src : "");
		walk(c, n->a[0], depth + 1, b, t == GU_MAYBE ? ks : NULL);
		return;
	case GU_N_CAP:
		indent(b, depth);
		sb_printf(b, "%s %s\n", mark(t), _("the department decides (cap: at most verify)"));
		walk(c, n->a[0], depth + 1, b, ks);
		return;
	case GU_N_AS:
		walk(c, n->a[0], depth, b, ks);
		return;
	case GU_N_ANY:
		indent(b, depth);
		sb_printf(b, "%s %s\n", mark(t), n->src ? n->src : "");
		walk_any(c, n, depth + 1, b, t == GU_MAYBE ? ks : NULL);
		return;
	case GU_N_CONST:
		return;
	default:
		indent(b, depth);
		sb_printf(b, "%s %s", mark(t), n->src ? n->src : "");
		describe_operand(c, &n->x, b, t == GU_MAYBE ? ks : NULL, &first);
		describe_operand(c, &n->y, b, t == GU_MAYBE ? ks : NULL, &first);
		sb_printf(b, "%s\n", first ? "" : ")");
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
	sbuf b = { 0 };
	size_t i;

	sb_put(&b, "", 0);
	for (i = 0; i < n && i < max; i++) {
		if (i)
			sb_put(&b, ", ", 2);
		sb_put(&b, v[i], strlen(v[i]));
	}
	if (n > max)
		sb_put(&b, ", …", strlen(", …"));
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Looks up the language and the reason formats once for an evaluation. */
void gu_explain_prepare(gu_ectx *c)
{
	c->zh = gu_lang() == GU_LANG_ZH;
	/* TRANSLATORS: a reason line; the first %s is the item's condition,
	 * the second the answers still missing. */
	c->fmt_settle = _("%s; verify: answer %s");
	/* TRANSLATORS: the second %s names the departments that decide. */
	c->fmt_decides = _("%s; verify with %s");
	c->fmt_not_met = _("not met: %s");
}

/* Fills r->reason, r->explanation (when text) and r->settle for item i. */
int gu_explain_item(gu_ectx *c, size_t i, gu_result *r, bool text, bool all_keys)
{
	const gu_item *it = &c->p->items[i];
	const gu_item_x *x = &c->p->ix[i];
	bool zh = c->zh;
	const char *why = zh ? x->reason_zh : x->reason_en;
	const char *depts = zh ? it->depts_zh : it->depts_en;
	sbuf b = { 0 }, rs = { 0 };
	keyset ks = { 0 };
	char *keys = NULL;
	int rc = -GU_ENOMEM;

	sbuf *tb = text ? &b : NULL;

	if (text) {
		sb_printf(tb, _("Item %d, %s: %s\n"), it->number, zh ? it->name_zh : it->name_en,
			r->verdict == GU_YES ? _("eligible") : r->verdict == GU_MAYBE ? _("verify") : _("not met"));
		if (r->persons[0])
			sb_printf(tb, _("For: %s\n"), r->persons);
	}
	if (text)
		walk(c, x->rule, 0, tb, r->verdict == GU_MAYBE ? &ks : NULL);
	else if (r->verdict == GU_MAYBE) {
		/* The reason line shows four keys and "…" for more. */
		ks.limit = all_keys ? 0 : 5;
		settle(c, x->rule, &ks, 0);
	}
	if (ks.failed)
		goto cleanup;
	if (ks.n) {
		keys = join_keys(ks.v, ks.n, 4);
		if (!keys)
			goto cleanup;
	}
	if (text && r->verdict == GU_MAYBE) {
		if (ks.n)
			sb_printf(tb, _("Would settle it: %s\n"), keys);
		sb_printf(tb, _("Decided by: %s\n"), depts);
	}
	if (text)
		sb_printf(tb, _("Source: %s\n"), it->source);
	if (!text && r->verdict == GU_NO)
		rs.s = NULL; /* batch screening shows no reason for items that are no */
	else if (r->verdict == GU_YES)
		sb_put(&rs, why, strlen(why));
	else if (r->verdict == GU_MAYBE && ks.n)
		sb_subst(&rs, c->fmt_settle, why, keys);
	else if (r->verdict == GU_MAYBE)
		sb_subst(&rs, c->fmt_decides, why, depts);
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
	for (size_t j = 0; j < ks.n; j++)
		free(ks.v[j]);
	free(ks.v);
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
