/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Loading a policy file: its blocks checked and built, its expressions compiled. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/expr.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "core/policy_internal.h"
#include "core/policy_lines.h"
#include "core/qtype.h"
#include "core/region.h"
#include "core/sha256.h"

#define MAX_POLICY_BYTES ((size_t)8 << 20)

typedef struct loader {
	gu_policy *p;
	const char *file;
	gu_error *err;
	gu_blocks blocks;
	size_t cap_q;
	int *qorder;          /* file order of each question (sorting) */
} loader;

static const char *const owner_names[GU_OWN_COUNT] = {
	"interview", "child", "father", "mother", "member", "household"
};

/* Reports an error at line:col; returns the negative code. */
static int fail(loader *ld, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int fail(loader *ld, int line, int col, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return gu_error_set(ld->err, GU_EPOLICY, ld->file, line, col, "%s", msg);
}

/* Returns the attribute name of b (marking it used), or NULL.  A second
 * one of the same name is an error reported through *rc. */
static gu_attr *attr(loader *ld, gu_block *b, const char *name, int *rc)
{
	gu_attr *found = NULL;
	size_t i;

	for (i = 0; i < b->nattrs; i++) {
		if (strcmp(b->attrs[i].name, name) != 0)
			continue;
		if (found && *rc == 0)
			*rc = fail(ld, b->attrs[i].line, b->attrs[i].col,
				_("%s is given twice in this block (first on line %d)"),
				name, found->line);
		if (!found)
			found = &b->attrs[i];
		b->attrs[i].used = 1;
	}
	return found;
}

/* Returns the value of attribute name ("" when absent). */
static const char *attr_text(loader *ld, gu_block *b, const char *name, int *rc)
{
	gu_attr *a = attr(ld, b, name, rc);

	return a ? a->v.s : "";
}

/* Returns the value of a required attribute, or NULL after an error. */
static const char *need(loader *ld, gu_block *b, const char *name, int *rc)
{
	gu_attr *a = attr(ld, b, name, rc);

	if (*rc)
		return NULL;
	if (!a || a->v.len == 0) {
		*rc = fail(ld, b->line, 1, _("%s %s: the attribute \"%s:\" is missing"),
			b->kw, b->arg, name);
		return NULL;
	}
	return a->v.s;
}

/* Checks that every attribute of b was taken; returns 0 or an error. */
static int check_unused(loader *ld, const gu_block *b, const char *known)
{
	size_t i;

	for (i = 0; i < b->nattrs; i++)
		if (!b->attrs[i].used)
			return fail(ld, b->attrs[i].line, b->attrs[i].col,
				_("unknown attribute \"%s\" in a %s block (known: %s)"),
				b->attrs[i].name, b->kw, known);
	return 0;
}

/* Returns true when s is a name: [a-z][a-z0-9_]*. */
static bool is_name(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* Returns true for "yes", false for "no" or "", and reports anything else. */
static bool yes_attr(loader *ld, gu_block *b, const char *name, int *rc)
{
	gu_attr *a = attr(ld, b, name, rc);

	if (!a || strcmp(a->v.s, "no") == 0 || a->v.len == 0)
		return false;
	if (strcmp(a->v.s, "yes") == 0)
		return true;
	if (*rc == 0)
		*rc = fail(ld, a->line, a->col, _("%s: write yes or no, not \"%s\""), name, a->v.s);
	return false;
}

static void *grow(loader *ld, void *v, size_t n, size_t elem);

/* Takes the header's "items: N", the length of the list (GU_ITEMS_DEFAULT
 * without one); returns 0 or the error. */
static int load_item_count(loader *ld, gu_block *b)
{
	int rc = 0;
	gu_attr *a = attr(ld, b, "items", &rc);
	char *end;
	long n;

	ld->p->items_listed = GU_ITEMS_DEFAULT;
	if (rc || !a)
		return rc;
	errno = 0;
	n = strtol(a->v.s, &end, 10);
	if (end == a->v.s || *end || errno || n < 1 || n > GU_ITEMS_MAX) {
		int line, col;

		gu_text_pos(&a->v, 0, &line, &col);
		return fail(ld, line, col, _("items: \"%s\" is not a number of items from 1 to %d"),
			a->v.s, GU_ITEMS_MAX);
	}
	ld->p->items_listed = (int)n;
	return 0;
}

/* Takes the header's "counties:", the county-level codes the region picker
 * offers, in its order (separated by spaces or commas); returns 0 or the
 * error. */
static int load_counties(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	int rc = 0;
	gu_attr *a = attr(ld, b, "counties", &rc);
	const char *s;

	if (rc || !a)
		return rc;
	for (s = a->v.s; *s; ) {
		size_t len = strcspn(s, " ,\n");
		const char **v;
		char *code;

		if (len == 0) {
			s++;
			continue;
		}
		code = gu_arena_strndup(&p->arena, s, len);
		v = grow(ld, p->counties, p->ncounties, sizeof *v);
		if (!code || !v)
			return gu_error_set(ld->err, GU_ENOMEM, ld->file, a->line, 0, NULL);
		if (!gu_region_county(code)) {
			int line, col;

			gu_text_pos(&a->v, (size_t)(s - a->v.s), &line, &col);
			return fail(ld, line, col,
				_("counties: \"%s\" is not a current county-level code (GB/T 2260)"), code);
		}
		v[p->ncounties++] = code;
		p->counties = v;
		s += len;
	}
	return 0;
}

/* Takes the policy block. */
static int load_header(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	int rc = 0;

	if (!is_name(b->arg) && strchr(b->arg, ' '))
		return fail(ld, b->line, b->arg_col, _("the policy id is one word such as chaoyang-2024"));
	p->id = b->arg;
	p->version = need(ld, b, "version", &rc);
	p->effective = need(ld, b, "effective", &rc);
	p->title_zh = attr_text(ld, b, "title_zh", &rc);
	p->title_en = attr_text(ld, b, "title_en", &rc);
	attr(ld, b, "source", &rc);
	attr(ld, b, "note", &rc);
	if (rc)
		return rc;
	{
		gu_attr *a = attr(ld, b, "effective", &rc);
		const char *s = p->effective;
		int y, m, d;
		char tail;

		if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen(s) != 10
				|| m < 1 || m > 12 || d < 1 || d > 31)
			return fail(ld, a->line, a->col, _("effective: \"%s\" is not a date (YYYY-MM-DD)"), s);
	}
	if ((rc = load_item_count(ld, b)) != 0 || (rc = load_counties(ld, b)) != 0)
		return rc;
	return check_unused(ld, b, "version, effective, title_zh, title_en, source, note, items, counties");
}

/* Grows an arena array of elem-size items from n to n + 1; returns it. */
static void *grow(loader *ld, void *v, size_t n, size_t elem)
{
	char *nv = gu_arena_alloc(&ld->p->arena, (n + 1) * elem);

	if (nv && n)
		memcpy(nv, v, n * elem);
	return nv;
}

/* Takes a section block. */
static int load_section(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	gu_section *s;
	size_t i;
	int rc = 0;

	if (!is_name(b->arg))
		return fail(ld, b->line, b->arg_col, _("a section id is a lower-case word, not \"%s\""), b->arg);
	for (i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i].id, b->arg) == 0)
			return fail(ld, b->line, b->arg_col, _("section %s is defined twice"), b->arg);
	s = grow(ld, p->sections, p->nsections, sizeof *s);
	if (!s)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	p->sections = s;
	s += p->nsections++;
	s->id = b->arg;
	s->title_zh = need(ld, b, "zh", &rc);
	s->title_en = need(ld, b, "en", &rc);
	s->intro_zh = attr_text(ld, b, "intro_zh", &rc);
	s->intro_en = attr_text(ld, b, "intro_en", &rc);
	return rc ? rc : check_unused(ld, b, "zh, en, intro_zh, intro_en");
}

/* Takes a group block (the six groups of items). */
static int load_group(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	gu_group_def *g;
	size_t i;
	int rc = 0;

	if (!is_name(b->arg))
		return fail(ld, b->line, b->arg_col, _("a group id is a lower-case word, not \"%s\""), b->arg);
	for (i = 0; i < p->ngroups; i++)
		if (strcmp(p->groups[i].id, b->arg) == 0)
			return fail(ld, b->line, b->arg_col, _("group %s is defined twice"), b->arg);
	g = grow(ld, p->groups, p->ngroups, sizeof *g);
	if (!g)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	p->groups = g;
	g += p->ngroups++;
	g->id = b->arg;
	g->zh = need(ld, b, "zh", &rc);
	g->en = need(ld, b, "en", &rc);
	return rc ? rc : check_unused(ld, b, "zh, en");
}

/* Returns true when name is already a fact or a parameter. */
static bool name_taken(const gu_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nfacts; i++)
		if (strcmp(p->facts[i].name, name) == 0)
			return true;
	for (i = 0; i < p->nparams; i++)
		if (strcmp(p->params[i].name, name) == 0)
			return true;
	return false;
}

/* Words an expression reserves: no fact or parameter may take them. */
static bool reserved(const char *s)
{
	static const char *const words[] = {
		"and", "or", "not", "cap", "names", "any", "of", "in", "has", "all", "between", "is",
		"unknown", "as", "yes", "no", "maybe", "child", "father", "mother", "member",
		"household", "interview", "this", "none", NULL
	};
	int i;

	for (i = 0; words[i]; i++)
		if (strcmp(words[i], s) == 0)
			return true;
	return false;
}

/* Takes a param block. */
static int load_param(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	gu_param *pa;
	gu_attr *v;
	int rc = 0;

	if (!is_name(b->arg) || reserved(b->arg))
		return fail(ld, b->line, b->arg_col, _("a parameter name is a lower-case word, not \"%s\""), b->arg);
	if (name_taken(p, b->arg))
		return fail(ld, b->line, b->arg_col, _("%s is defined twice (facts and parameters share names)"), b->arg);
	pa = grow(ld, p->params, p->nparams, sizeof *pa);
	if (!pa)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	p->params = pa;
	pa += p->nparams++;
	pa->name = b->arg;
	v = attr(ld, b, "value", &rc);
	if (!rc && (!v || v->v.len == 0))
		return fail(ld, b->line, 1, _("param %s: the attribute \"value:\" is missing"), b->arg);
	if (rc)
		return rc;
	pa->value = v->v.s;
	pa->line = v->v.seg[0].line;
	pa->col = v->v.seg[0].col;
	if (pa->value[0] == '{' && pa->value[v->v.len - 1] != '}')
		return fail(ld, pa->line, pa->col, _("param %s: a set is written {a, b, c}"), b->arg);
	if (memchr(pa->value, '\n', v->v.len))
		return fail(ld, pa->line, pa->col, _("param %s: write the value on one line"), b->arg);
	pa->since = attr_text(ld, b, "since", &rc);
	pa->source = attr_text(ld, b, "source", &rc);
	pa->note = attr_text(ld, b, "note", &rc);
	return rc ? rc : check_unused(ld, b, "value, since, source, note");
}

/* Takes a fact block: "fact NAME" or "fact NAME(p)". */
static int load_fact(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	gu_fact *f;
	gu_attr *body;
	char *name = gu_arena_strndup(&p->arena, b->arg, strlen(b->arg));
	char *paren;
	int rc = 0;

	if (!name)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	paren = strchr(name, '(');
	f = grow(ld, p->facts, p->nfacts, sizeof *f);
	if (!f)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	if (paren) {
		char *close = strchr(paren, ')');

		if (!close || close[1] != '\0')
			return fail(ld, b->line, b->arg_col, _("a fact with a person is written NAME(p)"));
		*paren = '\0';
		*close = '\0';
		f[p->nfacts].param = paren + 1;
		if (!is_name(paren + 1) || reserved(paren + 1))
			return fail(ld, b->line, b->arg_col, _("a fact with a person is written NAME(p)"));
	}
	if (!is_name(name) || reserved(name))
		return fail(ld, b->line, b->arg_col, _("a fact name is a lower-case word, not \"%s\""), name);
	if (name_taken(p, name))
		return fail(ld, b->line, b->arg_col, _("%s is defined twice (facts and parameters share names)"), name);
	p->facts = f;
	f += p->nfacts++;
	f->name = name;
	f->line = b->line;
	body = attr(ld, b, "is", &rc);
	if (!rc && (!body || body->v.len == 0))
		return fail(ld, b->line, 1, _("fact %s: the attribute \"is:\" is missing"), name);
	if (rc)
		return rc;
	f->body = body->v;
	f->label_zh = attr_text(ld, b, "zh", &rc);
	f->label_en = attr_text(ld, b, "en", &rc);
	f->source = attr_text(ld, b, "source", &rc);
	f->group = yes_attr(ld, b, "group", &rc);
	return rc ? rc : check_unused(ld, b, "is, zh, en, source, group");
}

/* Parses the choice lines of a question into q; returns 0 or an error. */
static int load_choices(loader *ld, gu_block *b, gu_question *q)
{
	size_t i, n = 0;
	gu_choice *c;

	for (i = 0; i < b->nattrs; i++)
		if (strcmp(b->attrs[i].name, "choice") == 0)
			n++;
	if (gu_qtype(q->type)->choices == GU_QC_YESNO) {
		static const gu_choice yesno[2] = {
			{ "yes", "是", "yes" }, { "no", "否", "no" }
		};

		if (n)
			return fail(ld, b->line, 1, _("a yesno question has the choices yes and no already"));
		q->choices = yesno;
		q->nchoices = 2;
		return 0;
	}
	if (gu_qtype(q->type)->choices != GU_QC_LISTED) {
		if (n)
			return fail(ld, b->line, 1, _("only choice and multi questions have choices"));
		return 0;
	}
	if (n == 0)
		return fail(ld, b->line, 1, _("question %s: a %s question needs \"choice: value | 中文 | English\" lines"),
			b->arg, gu_qtype(q->type)->name);
	if (n > 63)
		return fail(ld, b->line, 1, _("question %s: at most 63 choices"), b->arg);
	c = gu_arena_alloc(&ld->p->arena, n * sizeof *c);
	if (!c)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	q->choices = c;
	q->nchoices = 0;
	for (i = 0; i < b->nattrs; i++) {
		gu_attr *a = &b->attrs[i];
		char *s, *bar1, *bar2, *e;
		size_t j;

		if (strcmp(a->name, "choice") != 0)
			continue;
		a->used = 1;
		s = gu_arena_strndup(&ld->p->arena, a->v.s, a->v.len);
		if (!s)
			return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
		bar1 = strchr(s, '|');
		bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
		if (!bar2 || strchr(bar2 + 1, '|'))
			return fail(ld, a->line, a->col, _("a choice is written \"choice: value | 中文 | English\""));
		*bar1 = *bar2 = '\0';
		for (e = bar1; e > s && e[-1] == ' '; e--)
			e[-1] = '\0';
		for (e = bar2; e > bar1 + 1 && e[-1] == ' '; e--)
			e[-1] = '\0';
		bar1++;
		bar2++;
		while (*bar1 == ' ')
			bar1++;
		while (*bar2 == ' ')
			bar2++;
		if (!is_name(s) || strcmp(s, "unknown") == 0)
			return fail(ld, a->line, a->col,
				_("\"%s\" cannot be a choice value: use a lower-case word other than unknown"), s);
		if (!*bar1 || !*bar2)
			return fail(ld, a->line, a->col, _("choice %s needs a Chinese and an English label"), s);
		for (j = 0; j < q->nchoices; j++)
			if (strcmp(c[j].value, s) == 0)
				return fail(ld, a->line, a->col, _("choice %s is given twice"), s);
		c[q->nchoices].value = s;
		c[q->nchoices].label_zh = bar1;
		c[q->nchoices].label_en = bar2;
		q->nchoices++;
	}
	return 0;
}

/* Returns the index of section id, or -1. */
static int section_index(const gu_policy *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Parses a long attribute; returns 0 or an error. */
static int long_attr(loader *ld, gu_block *b, const char *name, long *out, int *present)
{
	int rc = 0;
	gu_attr *a = attr(ld, b, name, &rc);
	char *end;

	*present = 0;
	if (rc || !a)
		return rc;
	errno = 0;
	*out = strtol(a->v.s, &end, 10);
	if (end == a->v.s || *end || errno)
		return fail(ld, a->line, a->col, _("%s: \"%s\" is not a whole number"), name, a->v.s);
	*present = 1;
	return 0;
}

/* Adds one concrete question (an owner's copy of a block); returns 0 or an error. */
static int add_question(loader *ld, gu_block *b, const char *key, int owner,
	const gu_question *tmpl, int file_order)
{
	gu_policy *p = ld->p;
	size_t i;

	for (i = 0; i < p->nquestions; i++)
		if (strcmp(p->questions[i].key, key) == 0)
			return fail(ld, b->line, b->arg_col, _("question %s is defined twice (first on line %d)"),
				key, p->questions[i].line);
	if (p->nquestions == ld->cap_q) {
		size_t cap = ld->cap_q ? ld->cap_q * 2 : 128;
		gu_question *nq = realloc(p->questions, cap * sizeof *nq);
		gu_qinfo *nx;
		int *no;

		if (!nq)
			return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
		p->questions = nq;
		nx = realloc(p->qx, cap * sizeof *nx);
		if (!nx)
			return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
		p->qx = nx;
		no = realloc(ld->qorder, cap * sizeof *no);
		if (!no)
			return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
		ld->qorder = no;
		ld->cap_q = cap;
	}
	p->questions[p->nquestions] = *tmpl;
	p->questions[p->nquestions].key = gu_arena_strndup(&p->arena, key, strlen(key));
	if (!p->questions[p->nquestions].key)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	memset(&p->qx[p->nquestions], 0, sizeof p->qx[0]);
	p->qx[p->nquestions].owner = owner;
	p->qx[p->nquestions].member_ord = -1;
	{
		const char *k = p->questions[p->nquestions].key;

		p->qx[p->nquestions].field = owner == GU_OWN_MEMBER ? k + 9 : strchr(k, '.') + 1;
	}
	ld->qorder[p->nquestions] = file_order;
	p->nquestions++;
	return 0;
}

/* Returns the owner of a key whose entity (before the first dot) is the n
 * bytes of s, or GU_OWN_COUNT.  The guardian and the consent are facts of
 * the interview: they are asked with it, before the child's questions. */
static int key_owner(const char *s, size_t n)
{
	int owner;

	if ((n == 8 && strncmp(s, "guardian", 8) == 0) || (n == 7 && strncmp(s, "consent", 7) == 0))
		return GU_OWN_INTERVIEW;
	for (owner = 0; owner < GU_OWN_COUNT; owner++)
		if (strlen(owner_names[owner]) == n && strncmp(owner_names[owner], s, n) == 0)
			break;
	return owner;
}

/* The attributes of a question that F1 shows beyond its help: what to
 * ask aloud, what counts and where the fact can be checked. */
#define HELP_ATTRS "ask_zh, ask_en, counts_zh, counts_en, proof_zh, proof_en"

/* Takes a question block (one key, or a person pattern "*.field"). */
static int load_question(loader *ld, gu_block *b, int file_order)
{
	gu_policy *p = ld->p;
	gu_question q;
	const char *type, *sec, *dot;
	int rc = 0, present, owner = -1, sidx, msec, psec;
	long v;

	memset(&q, 0, sizeof q);
	q.line = b->line;
	q.min = 0;
	q.max = 0;
	for (const char *c = b->arg; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'
				|| *c == '.' || *c == '*'))
			return fail(ld, b->line, b->arg_col, _("a question key is written like child.dob or *.age, not \"%s\""),
				b->arg);
	dot = strchr(b->arg, '.');
	if (!dot || dot[1] == '\0' || strchr(strncmp(b->arg, "member.*.", 9) == 0 ? b->arg + 9 : dot + 1, '*'))
		return fail(ld, b->line, b->arg_col, _("a question key is written like child.dob or *.age, not \"%s\""),
			b->arg);
	type = need(ld, b, "type", &rc);
	sec = need(ld, b, "section", &rc);
	q.label_zh = need(ld, b, "zh", &rc);
	q.label_en = need(ld, b, "en", &rc);
	if (rc)
		return rc;
	q.help_zh = attr_text(ld, b, "help_zh", &rc);
	q.help_en = attr_text(ld, b, "help_en", &rc);
	q.ask_zh = attr_text(ld, b, "ask_zh", &rc);
	q.ask_en = attr_text(ld, b, "ask_en", &rc);
	q.counts_zh = attr_text(ld, b, "counts_zh", &rc);
	q.counts_en = attr_text(ld, b, "counts_en", &rc);
	q.proof_zh = attr_text(ld, b, "proof_zh", &rc);
	q.proof_en = attr_text(ld, b, "proof_en", &rc);
	if (!gu_qtype_by_name(type)) {
		gu_attr *a = attr(ld, b, "type", &rc);
		char names[200];

		return fail(ld, a->line, a->col, _("type: \"%s\" is not a type (%s)"), type,
			gu_qtype_names(names, sizeof names));
	}
	q.type = gu_qtype_by_name(type)->type;
	sidx = section_index(p, sec);
	if (sidx < 0) {
		gu_attr *a = attr(ld, b, "section", &rc);

		return fail(ld, a->line, a->col, _("section: no section called \"%s\" is defined above"), sec);
	}
	q.section = (size_t)sidx;
	if ((rc = long_attr(ld, b, "min", &v, &present)) != 0)
		return rc;
	if (present)
		q.min = v;
	if ((rc = long_attr(ld, b, "max", &v, &present)) != 0)
		return rc;
	if (present)
		q.max = v;
	if (q.type == GU_Q_INTEGER && q.max < q.min)
		return fail(ld, b->line, 1, _("question %s: min is above max"), b->arg);
	if (q.type == GU_Q_INTEGER && q.min == 0 && q.max == 0)
		return fail(ld, b->line, 1, _("question %s: an integer question needs min: and max:"), b->arg);
	q.required = yes_attr(ld, b, "required", &rc);
	q.allow_none = yes_attr(ld, b, "none", &rc);
	attr(ld, b, "when", &rc);
	if (rc)
		return rc;
	if ((rc = load_choices(ld, b, &q)) != 0)
		return rc;
	if (b->arg[0] == '*') {
		gu_attr *pa = attr(ld, b, "persons", &rc);
		char *list, *tok, *save = NULL;

		if (b->arg[1] != '.')
			return fail(ld, b->line, b->arg_col, _("a person question is written *.field"));
		if (!pa)
			return fail(ld, b->line, 1, _("question %s: a person question needs \"persons: father, mother, member\""),
				b->arg);
		{
			gu_attr *ms = attr(ld, b, "member_section", &rc);
			gu_attr *ps = attr(ld, b, "parent_section", &rc);

			msec = sidx;
			if (ms) {
				msec = section_index(p, ms->v.s);
				if (msec < 0)
					return fail(ld, ms->line, ms->col,
						_("member_section: no section called \"%s\" is defined above"), ms->v.s);
			}
			psec = sidx;
			if (ps) {
				psec = section_index(p, ps->v.s);
				if (psec < 0)
					return fail(ld, ps->line, ps->col,
						_("parent_section: no section called \"%s\" is defined above"), ps->v.s);
			}
		}
		list = gu_arena_strndup(&p->arena, pa->v.s, pa->v.len);
		if (!list)
			return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
		q.is_person = true;
		for (tok = strtok_r(list, ", \n", &save); tok; tok = strtok_r(NULL, ", \n", &save)) {
			char key[96];
			int o;

			for (o = GU_OWN_CHILD; o <= GU_OWN_MEMBER; o++)
				if (strcmp(owner_names[o], tok) == 0)
					break;
			if (o > GU_OWN_MEMBER)
				return fail(ld, pa->line, pa->col, _("persons: \"%s\" is not child, father, mother or member"), tok);
			snprintf(key, sizeof key, "%s%s", o == GU_OWN_MEMBER ? "member.*" : owner_names[o], b->arg + 1);
			q.section = (size_t)(o == GU_OWN_MEMBER ? msec
				: o == GU_OWN_FATHER || o == GU_OWN_MOTHER ? psec : sidx);
			if ((rc = add_question(ld, b, key, o, &q, file_order)) != 0)
				return rc;
		}
		return check_unused(ld, b, "type, section, member_section, parent_section, zh, en, "
			"help_zh, help_en, " HELP_ATTRS ", choice, min, max, required, none, when, persons");
	}
	owner = key_owner(b->arg, (size_t)(dot - b->arg));
	if (owner == GU_OWN_COUNT)
		return fail(ld, b->line, b->arg_col,
			_("a key starts with interview, guardian, consent, child, father, mother, member.* or household, not \"%s\""),
			b->arg);
	if (owner == GU_OWN_MEMBER && strncmp(b->arg, "member.*.", 9) != 0)
		return fail(ld, b->line, b->arg_col, _("a member question is written member.*.field"));
	if (owner != GU_OWN_MEMBER && strchr(dot + 1, '.'))
		return fail(ld, b->line, b->arg_col, _("a question key is written like child.dob or *.age, not \"%s\""),
			b->arg);
	q.is_person = owner == GU_OWN_MEMBER;
	if ((rc = add_question(ld, b, b->arg, owner, &q, file_order)) != 0)
		return rc;
	return check_unused(ld, b, "type, section, zh, en, help_zh, help_en, " HELP_ATTRS
		", choice, min, max, required, none, when");
}

/* Takes an item block. */
static int load_item(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	gu_item *it;
	gu_item_x *x;
	char *end;
	long num;
	size_t i;
	int rc = 0;
	const char *grp;

	errno = 0;
	num = strtol(b->arg, &end, 10);
	if (end == b->arg || *end || errno)
		return fail(ld, b->line, b->arg_col, _("an item is numbered: item 12, not \"%s\""), b->arg);
	if (num < 1 || num > p->items_listed)
		return fail(ld, b->line, b->arg_col, _("item %ld: items are numbered 1 to %d"), num,
			p->items_listed);
	for (i = 0; i < p->nitems; i++)
		if (p->items[i].number == num)
			return fail(ld, b->line, b->arg_col, _("item %ld is defined twice (first on line %d)"),
				num, p->items[i].line);
	it = grow(ld, p->items, p->nitems, sizeof *it);
	x = grow(ld, p->ix, p->nitems, sizeof *x);
	if (!it || !x)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	p->items = it;
	p->ix = x;
	it += p->nitems;
	x += p->nitems;
	p->nitems++;
	it->number = (int)num;
	it->line = b->line;
	grp = need(ld, b, "group", &rc);
	it->target_zh = need(ld, b, "target_zh", &rc);
	it->target_en = need(ld, b, "target_en", &rc);
	it->name_zh = need(ld, b, "name_zh", &rc);
	it->name_en = need(ld, b, "name_en", &rc);
	it->short_zh = attr_text(ld, b, "short_zh", &rc);
	it->short_en = attr_text(ld, b, "short_en", &rc);
	it->content_zh = need(ld, b, "content_zh", &rc);
	it->content_en = need(ld, b, "content_en", &rc);
	it->depts_zh = need(ld, b, "depts_zh", &rc);
	it->depts_en = need(ld, b, "depts_en", &rc);
	it->source = need(ld, b, "source", &rc);
	x->attach = need(ld, b, "attach", &rc);
	x->reason_zh = need(ld, b, "reason_zh", &rc);
	x->reason_en = need(ld, b, "reason_en", &rc);
	need(ld, b, "rule", &rc);
	if (rc)
		return rc;
	if (!*it->short_zh != !*it->short_en)
		return fail(ld, b->line, 1, _("item %ld: give both short_zh and short_en, or neither"), num);
	for (i = 0; i < p->ngroups; i++)
		if (strcmp(p->groups[i].id, grp) == 0)
			break;
	if (i == p->ngroups) {
		gu_attr *a = attr(ld, b, "group", &rc);

		return fail(ld, a->line, a->col, _("group: no group called \"%s\" is defined above"), grp);
	}
	it->group_id = p->groups[i].id;
	it->group_zh = p->groups[i].zh;
	it->group_en = p->groups[i].en;
	{
		char list[256], *tok, *save = NULL;
		gu_attr *a = attr(ld, b, "attach", &rc);

		snprintf(list, sizeof list, "%s", x->attach);
		for (tok = strtok_r(list, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
			if (strcmp(tok, "child") == 0)
				x->attach_mask |= GU_PB_CHILD;
			else if (strcmp(tok, "father") == 0)
				x->attach_mask |= GU_PB_FATHER;
			else if (strcmp(tok, "mother") == 0)
				x->attach_mask |= GU_PB_MOTHER;
			else if (strcmp(tok, "household") == 0)
				x->attach_mask |= GU_PB_HOUSEHOLD;
			else if (strcmp(tok, "persons") != 0)
				return fail(ld, a->line, a->col,
					_("attach: \"%s\" is not child, father, mother, household or persons"), tok);
		}
	}
	return check_unused(ld, b, "group, target_zh, target_en, name_zh, name_en, short_zh, short_en, content_zh, "
		"content_en, depts_zh, depts_en, source, attach, rule, reason_zh, reason_en");
}

/* Takes an alert block. */
static int load_alert(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	gu_alert_def *al;
	int rc = 0;

	if (!is_name(b->arg) || strlen(b->arg) > 31)
		return fail(ld, b->line, b->arg_col, _("an alert id is a lower-case word of at most 31 letters"));
	al = grow(ld, p->alerts, p->nalerts, sizeof *al);
	if (!al)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	p->alerts = al;
	al += p->nalerts++;
	al->id = b->arg;
	al->line = b->line;
	al->text_zh = need(ld, b, "zh", &rc);
	al->text_en = need(ld, b, "en", &rc);
	need(ld, b, "when", &rc);
	return rc ? rc : check_unused(ld, b, "zh, en, when");
}

/* Takes a unit block: a unit of a township a mandatory report goes to. */
static int load_unit(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	gu_report_unit *u;
	int rc = 0;

	if (!is_name(b->arg) || strlen(b->arg) > 31)
		return fail(ld, b->line, b->arg_col, _("a unit id is a lower-case word of at most 31 letters"));
	u = grow(ld, p->units, p->nunits, sizeof *u);
	if (!u)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	p->units = u;
	u += p->nunits++;
	u->id = b->arg;
	u->kind = need(ld, b, "kind", &rc);
	u->township = need(ld, b, "township", &rc);
	u->zh = need(ld, b, "zh", &rc);
	u->en = need(ld, b, "en", &rc);
	attr(ld, b, "note", &rc);   /* what is still to be confirmed: for people only */
	if (rc)
		return rc;
	if (strcmp(u->kind, "police") != 0 && strcmp(u->kind, "education") != 0) {
		gu_attr *a = attr(ld, b, "kind", &rc);

		return fail(ld, a->line, a->col, _("kind: \"%s\" is not police or education"), u->kind);
	}
	return check_unused(ld, b, "kind, township, zh, en, note");
}

/* Takes a check block: answers that disagree, an error or a warning. */
static int load_check(loader *ld, gu_block *b)
{
	gu_policy *p = ld->p;
	gu_check_def *ck;
	const char *sev;
	int rc = 0;

	if (!is_name(b->arg) || strlen(b->arg) > 31)
		return fail(ld, b->line, b->arg_col, _("a check id is a lower-case word of at most 31 letters"));
	ck = grow(ld, p->checks, p->nchecks, sizeof *ck);
	if (!ck)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, b->line, 0, NULL);
	p->checks = ck;
	ck += p->nchecks++;
	ck->id = b->arg;
	ck->line = b->line;
	ck->text_zh = need(ld, b, "zh", &rc);
	ck->text_en = need(ld, b, "en", &rc);
	need(ld, b, "when", &rc);
	sev = need(ld, b, "severity", &rc);
	if (rc)
		return rc;
	if (strcmp(sev, "error") == 0) {
		ck->error = true;
	} else if (strcmp(sev, "warning") != 0) {
		gu_attr *a = attr(ld, b, "severity", &rc);

		return fail(ld, a ? a->line : b->line, a ? a->col : b->arg_col,
			_("severity is error (an impossible fact) or warning (asks to confirm)"));
	}
	return check_unused(ld, b, "zh, en, when, severity");
}

/* Owner rank inside a section: the asking order of persons. */
static int owner_rank(int owner)
{
	return owner;
}

/* Sorts the questions by section, person and file order (insertion sort,
 * stable); returns 0 or -GU_ENOMEM. */
static int sort_questions(loader *ld)
{
	gu_policy *p = ld->p;
	size_t i, j, n = p->nquestions;
	int ord = 0;

	for (i = 1; i < n; i++) {
		gu_question q = p->questions[i];
		gu_qinfo x = p->qx[i];
		int fo = ld->qorder[i];

		j = i;
		while (j > 0) {
			const gu_question *a = &p->questions[j - 1];
			int ra = owner_rank(p->qx[j - 1].owner), rb = owner_rank(x.owner);

			if (a->section < q.section || (a->section == q.section
					&& (ra < rb || (ra == rb && ld->qorder[j - 1] <= fo))))
				break;
			p->questions[j] = p->questions[j - 1];
			p->qx[j] = p->qx[j - 1];
			ld->qorder[j] = ld->qorder[j - 1];
			j--;
		}
		p->questions[j] = q;
		p->qx[j] = x;
		ld->qorder[j] = fo;
	}
	for (i = 0; i < n; i++)
		if (p->qx[i].owner == GU_OWN_MEMBER)
			p->qx[i].member_ord = ord++;
	p->nmemberq = (size_t)ord;
	return 0;
}

/* Finds block attribute name of the block at line; returns it or NULL. */
static gu_attr *block_attr(loader *ld, int line, const char *kw, const char *name)
{
	size_t i, j;

	for (i = 0; i < ld->blocks.n; i++) {
		gu_block *b = &ld->blocks.v[i];

		if (b->line != line || strcmp(b->kw, kw) != 0)
			continue;
		for (j = 0; j < b->nattrs; j++)
			if (strcmp(b->attrs[j].name, name) == 0)
				return &b->attrs[j];
	}
	return NULL;
}

struct cycle_ctx {
	const gu_policy *p;
	int *state;
	int found;
};

static void visit_q(int q, void *ctx);

/* Visits the questions q's ask-when reads (depth first). */
static void visit_q(int q, void *ctx)
{
	struct cycle_ctx *c = ctx;

	if (c->found >= 0 || c->state[q] == 2)
		return;
	if (c->state[q] == 1) {
		c->found = q;
		return;
	}
	c->state[q] = 1;
	gu_expr_keys(c->p, c->p->qx[q].when, visit_q, ctx);
	c->state[q] = 2;
}

/* Marks the nodes whose subtree can name persons (n->names) and the
 * person variables it reads unbound (n->vars); returns n->names. */
static int mark_names(gu_policy *p, gu_node *n, int depth)
{
	size_t i;
	int r = n->kind == GU_N_ANY || n->kind == GU_N_AS;
	unsigned vars = 0;

	if (depth > 64) {
		n->names = 1;
		n->vars = 0xff;
		return 1;
	}
	if (n->kind == GU_N_FACT)
		r = mark_names(p, p->facts[n->fact].node, depth + 1);
	if (n->x.kind == GU_OPD_VAR)
		vars |= 1u << n->x.var;
	if (n->y.kind == GU_OPD_VAR)
		vars |= 1u << n->y.var;
	for (i = 0; i < n->na; i++) {
		r |= mark_names(p, n->a[i], depth + 1);
		vars |= n->a[i]->vars;
	}
	if (n->kind == GU_N_ANY)
		vars &= ~(1u << n->var);
	n->names = (uint8_t)(r != 0);
	n->vars = (uint8_t)vars;
	return r;
}

/* Compiles every expression; returns 0 or an error. */
static int compile_all(loader *ld)
{
	gu_policy *p = ld->p;
	size_t i;
	int rc;

	for (i = 0; i < p->nquestions; i++) {
		gu_attr *a = block_attr(ld, p->questions[i].line, "question", "when");
		gu_expr_env env;
		int o = p->qx[i].owner;

		if (!a)
			continue;
		memset(&env, 0, sizeof env);
		env.p = p;
		env.file = ld->file;
		env.bind[0].name = "this";
		if (o == GU_OWN_MEMBER) {
			env.bind[0].fixed = -1;
			env.bind[0].var = 0;
			env.bind[0].kinds = 1u << GU_PK_MEMBER;
			env.nvars = 1;
		} else {
			env.bind[0].fixed = o == GU_OWN_FATHER ? GU_PK_FATHER : o == GU_OWN_MOTHER
				? GU_PK_MOTHER : GU_PK_CHILD;
			env.bind[0].var = -1;
			env.bind[0].kinds = 1u << env.bind[0].fixed;
		}
		env.nbind = 1;
		p->qx[i].when_line = a->line;
		p->qx[i].when = gu_expr_compile(&env, &a->v, ld->err);
		if (!p->qx[i].when)
			return -(int)ld->err->code;
	}
	rc = gu_expr_compile_facts(p, ld->file, ld->err);
	if (rc)
		return rc;
	for (i = 0; i < p->nitems; i++) {
		gu_attr *a = block_attr(ld, p->items[i].line, "item", "rule");
		gu_expr_env env;

		memset(&env, 0, sizeof env);
		env.p = p;
		env.file = ld->file;
		p->ix[i].rule = gu_expr_compile(&env, &a->v, ld->err);
		if (!p->ix[i].rule)
			return -(int)ld->err->code;
	}
	for (i = 0; i < p->nalerts; i++) {
		gu_attr *a = block_attr(ld, p->alerts[i].line, "alert", "when");
		gu_expr_env env;

		memset(&env, 0, sizeof env);
		env.p = p;
		env.file = ld->file;
		p->alerts[i].when = gu_expr_compile(&env, &a->v, ld->err);
		if (!p->alerts[i].when)
			return -(int)ld->err->code;
	}
	for (i = 0; i < p->nchecks; i++) {
		gu_attr *a = block_attr(ld, p->checks[i].line, "check", "when");
		gu_expr_env env;

		memset(&env, 0, sizeof env);
		env.p = p;
		env.file = ld->file;
		p->checks[i].when = gu_expr_compile(&env, &a->v, ld->err);
		if (!p->checks[i].when)
			return -(int)ld->err->code;
	}
	for (i = 0; i < p->nfacts; i++)
		if (p->facts[i].node)
			mark_names(p, p->facts[i].node, 0);
	for (i = 0; i < p->nitems; i++)
		mark_names(p, p->ix[i].rule, 0);
	for (i = 0; i < p->nalerts; i++)
		mark_names(p, p->alerts[i].when, 0);
	for (i = 0; i < p->nquestions; i++)
		if (p->qx[i].when)
			mark_names(p, p->qx[i].when, 0);
	{
		struct cycle_ctx c;

		c.p = p;
		c.found = -1;
		c.state = calloc(p->nquestions ? p->nquestions : 1, sizeof *c.state);
		if (!c.state)
			return gu_error_set(ld->err, GU_ENOMEM, ld->file, 0, 0, NULL);
		for (i = 0; i < p->nquestions && c.found < 0; i++)
			visit_q((int)i, &c);
		if (c.found >= 0) {
			int line = p->qx[c.found].when_line;

			free(c.state);
			return fail(ld, line, 1,
				_("question %s: its ask-when condition depends on itself through other questions"),
				p->questions[c.found].key);
		}
		free(c.state);
	}
	return 0;
}

/* Sorts items by number. */
/* Returns an arena copy of name, followed by " · " and its short form when
 * there is one, or NULL when out of memory. */
static const char *shown_name(loader *ld, const char *name, const char *short_form)
{
	size_t n = strlen(name), m = strlen(short_form);
	char *s;

	if (m == 0)
		return name;
	s = gu_arena_alloc(&ld->p->arena, n + m + sizeof " · ");
	if (s)
		snprintf(s, n + m + sizeof " · ", "%s · %s", name, short_form);
	return s;
}

/* Checks that items sharing a name (in either language) each have a short
 * form, and builds the names they are shown by; returns 0 or an error. */
static int name_items(loader *ld)
{
	gu_policy *p = ld->p;
	gu_item *a, *b;
	size_t i, j;

	for (i = 0; i < p->nitems; i++) {
		a = &p->items[i];
		for (j = 0; j < p->nitems; j++) {
			b = &p->items[j];
			if (i == j || *a->short_zh || (strcmp(a->name_zh, b->name_zh) != 0
					&& strcmp(a->name_en, b->name_en) != 0))
				continue;
			return fail(ld, a->line, 1, _("item %d: item %d has the same name; give each of them "
				"short_zh and short_en, a short form of its target that tells them apart"),
				a->number, b->number);
		}
		a->shown_zh = shown_name(ld, a->name_zh, a->short_zh);
		a->shown_en = shown_name(ld, a->name_en, a->short_en);
		if (!a->shown_zh || !a->shown_en)
			return gu_error_set(ld->err, GU_ENOMEM, ld->file, a->line, 0, NULL);
	}
	return 0;
}

static void sort_items(gu_policy *p)
{
	size_t i, j;

	for (i = 1; i < p->nitems; i++) {
		gu_item it = p->items[i];
		gu_item_x x = p->ix[i];

		for (j = i; j > 0 && p->items[j - 1].number > it.number; j--) {
			p->items[j] = p->items[j - 1];
			p->ix[j] = p->ix[j - 1];
		}
		p->items[j] = it;
		p->ix[j] = x;
	}
}

/* Builds the policy from its blocks; returns 0 or an error. */
static int build(loader *ld)
{
	gu_policy *p = ld->p;
	size_t i;
	int rc = 0, have_header = 0, n;

	for (i = 0; i < ld->blocks.n && rc == 0; i++) {
		gu_block *b = &ld->blocks.v[i];

		if (strcmp(b->kw, "policy") == 0) {
			if (have_header)
				return fail(ld, b->line, 1, _("the policy block is given twice"));
			have_header = 1;
			rc = load_header(ld, b);
			continue;
		}
		if (!have_header)
			return fail(ld, b->line, 1, _("the file starts with \"policy ID\" and its version and effective date"));
		if (b->arg[0] == '\0')
			return fail(ld, b->line, (int)strlen(b->kw) + 1, _("%s needs a name after it"), b->kw);
		if (strcmp(b->kw, "section") == 0)
			rc = load_section(ld, b);
		else if (strcmp(b->kw, "group") == 0)
			rc = load_group(ld, b);
		else if (strcmp(b->kw, "param") == 0)
			rc = load_param(ld, b);
		else if (strcmp(b->kw, "question") == 0)
			rc = load_question(ld, b, (int)i);
		else if (strcmp(b->kw, "fact") == 0)
			rc = load_fact(ld, b);
		else if (strcmp(b->kw, "item") == 0)
			rc = load_item(ld, b);
		else if (strcmp(b->kw, "alert") == 0)
			rc = load_alert(ld, b);
		else if (strcmp(b->kw, "check") == 0)
			rc = load_check(ld, b);
		else if (strcmp(b->kw, "unit") == 0)
			rc = load_unit(ld, b);
		else
			rc = fail(ld, b->line, 1, _("\"%s\" is not a block: policy, section, group, param, "
				"question, fact, item, alert, check or unit"), b->kw);
	}
	if (rc)
		return rc;
	if (!have_header)
		return fail(ld, 1, 1, _("the file starts with \"policy ID\" and its version and effective date"));
	sort_items(p);
	for (n = 1, i = 0; n <= p->items_listed; n++) {
		if (i < p->nitems && p->items[i].number == n) {
			i++;
			continue;
		}
		return fail(ld, ld->blocks.v[0].line, 1, _("item %d is missing: the list has %d items"), n, p->items_listed);
	}
	if ((rc = name_items(ld)) != 0)
		return rc;
	if ((rc = sort_questions(ld)) != 0)
		return rc;
	if (gu_policy_index_keys(p) < 0)
		return gu_error_set(ld->err, GU_ENOMEM, ld->file, 0, 0, NULL);
	p->child_dob = gu_policy_lookup(p, GU_KEY_CHILD_DOB, sizeof GU_KEY_CHILD_DOB - 1);
	p->child_id = gu_policy_lookup(p, GU_KEY_CHILD_ID, sizeof GU_KEY_CHILD_ID - 1);
	p->child_sex = gu_policy_lookup(p, GU_KEY_CHILD_SEX, sizeof GU_KEY_CHILD_SEX - 1);
	p->interview_date = gu_policy_lookup(p, GU_KEY_INTERVIEW_DATE, sizeof GU_KEY_INTERVIEW_DATE - 1);
	if (p->interview_date < 0)
		return fail(ld, ld->blocks.v[0].line, 1, _("the question interview.date is missing: ages are counted on it"));
	return compile_all(ld);
}

/* Loads a policy from text in memory; returns 0 or a negative code. */
int gu_policy_load_text(const char *name, const char *text, size_t len,
	gu_policy **out, gu_error *err)
{
	loader ld;
	gu_policy *p;
	int rc;

	*out = NULL;
	gu_error_clear(err);
	memset(&ld, 0, sizeof ld);
	p = calloc(1, sizeof *p);
	if (!p)
		return gu_error_set(err, GU_ENOMEM, name, 0, 0, NULL);
	p->name = strdup(name);
	p->text = malloc(len + 1);
	if (!p->name || !p->text) {
		rc = gu_error_set(err, GU_ENOMEM, name, 0, 0, NULL);
		goto cleanup;
	}
	memcpy(p->text, text, len);
	p->text[len] = '\0';
	gu_sha256_hex(text, len, p->hash);
	ld.p = p;
	ld.file = name;
	ld.err = err;
	rc = gu_policy_read_blocks(name, p->text, len, &p->arena, &ld.blocks, err);
	if (rc)
		goto cleanup;
	rc = build(&ld);
cleanup:
	gu_blocks_free(&ld.blocks);
	free(ld.qorder);
	if (rc) {
		gu_policy_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

/* Reads and loads a policy file; returns 0 or a negative code. */
int gu_policy_load_file(const char *path, gu_policy **out, gu_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	if (!f)
		return gu_error_set(err, GU_EIO, path, 0, 0, _("cannot open the policy file: %s"),
			strerror(errno));
	for (;;) {
		size_t got;

		if (len + 65536 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 262144;
			if (cap > MAX_POLICY_BYTES * 2) {
				rc = gu_error_set(err, GU_EPOLICY, path, 0, 0,
					_("the file is too large for a policy file"));
				goto cleanup;
			}
			nb = realloc(buf, cap);
			if (!nb) {
				rc = gu_error_set(err, GU_ENOMEM, path, 0, 0, NULL);
				goto cleanup;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		rc = gu_error_set(err, GU_EIO, path, 0, 0, _("cannot read the policy file: %s"),
			strerror(errno));
		goto cleanup;
	}
	rc = gu_policy_load_text(path, buf ? buf : "", len, out, err);
cleanup:
	free(buf);
	fclose(f);
	return rc;
}
