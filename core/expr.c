/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Parsing and resolving the policy file's condition language. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/expr.h"
#include "core/i18n.h"
#include "core/qtype.h"

enum tok_kind {
	T_END, T_WORD, T_NUMBER, T_DATE, T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE,
	T_COMMA, T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_PLUS, T_MINUS, T_BAD
};

/* The types an operand can have. */

typedef struct tok {
	int kind;
	size_t off, len;
	int64_t num;
} tok;

typedef struct parser {
	gu_expr_env *env;
	const gu_text *t;
	gu_error *err;
	tok cur;
	size_t pos;
	int failed;
} parser;

/* A resolved operand and its type. */
typedef struct opd {
	gu_operand o;
	int type;             /* enum gu_vtype */
	const gu_question *q; /* for choices */
	size_t off;
} opd;

static gu_node *parse_or(parser *ps);

/* Records an error at byte off of the text; returns NULL. */
static gu_node *fail_at(parser *ps, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static gu_node *fail_at(parser *ps, size_t off, const char *fmt, ...)
{
	int line, col;
	char msg[600];
	va_list ap;

	if (ps->failed)
		return NULL;
	ps->failed = 1;
	gu_text_pos(ps->t, off, &line, &col);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	gu_error_set(ps->err, GU_EPOLICY, ps->env->file, line, col, "%s", msg);
	return NULL;
}

/* Returns true for a character of a word. */
static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		|| c == '_' || c == '.' || c == '*';
}

/* Reads the next token into ps->cur. */
static void next(parser *ps)
{
	const char *s = ps->t->s;
	size_t n = ps->t->len, i = ps->pos;
	tok *t = &ps->cur;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	t->off = i;
	t->len = 1;
	t->num = 0;
	if (i >= n) {
		t->kind = T_END;
		t->len = 0;
	} else if (s[i] >= '0' && s[i] <= '9') {
		size_t j = i;
		int64_t v = 0;

		while (j < n && s[j] >= '0' && s[j] <= '9') {
			if (v < (int64_t)1 << 40)
				v = v * 10 + (s[j] - '0');
			j++;
		}
		t->kind = T_NUMBER;
		if (j - i == 4 && j + 6 <= n && s[j] == '-'
				&& s[j + 1] >= '0' && s[j + 1] <= '9' && s[j + 2] >= '0' && s[j + 2] <= '9'
				&& s[j + 3] == '-' && s[j + 4] >= '0' && s[j + 4] <= '9'
				&& s[j + 5] >= '0' && s[j + 5] <= '9') {
			int mo = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
			int d = (s[j + 4] - '0') * 10 + (s[j + 5] - '0');

			t->kind = T_DATE;
			t->num = v * 10000 + mo * 100 + d;
			j += 6;
		} else {
			t->num = v;
		}
		if (j < n && word_char(s[j]))
			t->kind = T_BAD;
		while (j < n && word_char(s[j]))
			j++;
		t->len = j - i;
	} else if (word_char(s[i])) {
		size_t j = i;

		while (j < n && word_char(s[j]))
			j++;
		t->kind = T_WORD;
		t->len = j - i;
	} else {
		switch (s[i]) {
		case '(': t->kind = T_LPAREN; break;
		case ')': t->kind = T_RPAREN; break;
		case '{': t->kind = T_LBRACE; break;
		case '}': t->kind = T_RBRACE; break;
		case ',': t->kind = T_COMMA; break;
		case '=': t->kind = T_EQ; break;
		case '+': t->kind = T_PLUS; break;
		case '-': t->kind = T_MINUS; break;
		case '!':
			t->kind = i + 1 < n && s[i + 1] == '=' ? T_NE : T_BAD;
			t->len = 2;
			break;
		case '<':
			t->kind = i + 1 < n && s[i + 1] == '=' ? T_LE : T_LT;
			t->len = t->kind == T_LE ? 2 : 1;
			break;
		case '>':
			t->kind = i + 1 < n && s[i + 1] == '=' ? T_GE : T_GT;
			t->len = t->kind == T_GE ? 2 : 1;
			break;
		default:
			t->kind = T_BAD;
			while (i + t->len < n && ((unsigned char)s[i + t->len] & 0xc0) == 0x80)
				t->len++;
		}
	}
	ps->pos = t->off + t->len;
}

/* Returns true when the current token is the word w. */
static int is_word(const parser *ps, const char *w)
{
	size_t n = strlen(w);

	return ps->cur.kind == T_WORD && ps->cur.len == n
		&& memcmp(ps->t->s + ps->cur.off, w, n) == 0;
}

/* Copies the current token's text into buf; returns buf. */
static char *tok_text(const parser *ps, char *buf, size_t size)
{
	size_t n = ps->cur.len < size - 1 ? ps->cur.len : size - 1;

	if (ps->cur.kind == T_END)
		snprintf(buf, size, "%s", _("the end of the expression"));
	else {
		memcpy(buf, ps->t->s + ps->cur.off, n);
		buf[n] = '\0';
	}
	return buf;
}

/* Reports "expected X, found Y" at the current token; returns NULL. */
static gu_node *expected(parser *ps, const char *what)
{
	char buf[80];

	return fail_at(ps, ps->cur.off, _("expected %s, found \"%s\""), what,
		tok_text(ps, buf, sizeof buf));
}

/* Returns a new node of kind k at offset off, or NULL. */
static gu_node *new_node(parser *ps, int k, size_t off)
{
	gu_node *n = gu_arena_alloc(&ps->env->p->arena, sizeof *n);
	int line, col;

	if (!n) {
		ps->failed = 1;
		gu_error_set(ps->err, GU_ENOMEM, ps->env->file, 0, 0, NULL);
		return NULL;
	}
	n->kind = (uint8_t)k;
	n->id = ps->env->p->nnodes++;
	gu_text_pos(ps->t, off, &line, &col);
	n->line = line;
	n->col = col;
	n->x.q = n->y.q = GU_Q_NONE;
	return n;
}

/* Sets the node's source text from off to the current position; returns n. */
static gu_node *set_src(parser *ps, gu_node *n, size_t off)
{
	size_t end = ps->cur.kind == T_END ? ps->t->len : ps->cur.off;

	while (end > off && (ps->t->s[end - 1] == ' ' || ps->t->s[end - 1] == '\n'))
		end--;
	if (n && end >= off) {
		char *s = gu_arena_strndup(&ps->env->p->arena, ps->t->s + off, end - off);

		if (s)
			for (char *c = s; *c; c++)
				if (*c == '\n' || *c == '\t')
					*c = ' ';
		n->src = s;
	}
	return n;
}

/* Adds child c to node n; returns 0 or -1. */
static int add_child(parser *ps, gu_node *n, gu_node *c)
{
	gu_node **na = gu_arena_alloc(&ps->env->p->arena, (n->na + 1) * sizeof *na);

	if (!na || !c)
		return -1;
	if (n->na)
		memcpy(na, n->a, n->na * sizeof *na);
	na[n->na++] = c;
	n->a = na;
	return 0;
}

/* Returns the binding called name (len bytes), or NULL. */
static const gu_binding *find_binding(const parser *ps, const char *name, size_t len)
{
	int i;

	for (i = ps->env->nbind - 1; i >= 0; i--)
		if (strlen(ps->env->bind[i].name) == len
				&& memcmp(ps->env->bind[i].name, name, len) == 0)
			return &ps->env->bind[i];
	return NULL;
}

/* Returns the fact or parameter index called name, or -1. */
static int find_fact(const gu_policy *p, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < p->nfacts; i++)
		if (strlen(p->facts[i].name) == len && memcmp(p->facts[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/* Returns the parameter called name, or NULL. */
static const gu_param *find_param(const gu_policy *p, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < p->nparams; i++)
		if (strlen(p->params[i].name) == len && memcmp(p->params[i].name, name, len) == 0)
			return &p->params[i];
	return NULL;
}

static const char *const kind_names[GU_PK_COUNT] = { "child", "father", "mother", "member" };

/* Returns the person kind named by n bytes of s, or -1. */
static int person_kind(const char *s, size_t n)
{
	int k;

	for (k = 0; k < GU_PK_COUNT; k++)
		if (strlen(kind_names[k]) == n && memcmp(kind_names[k], s, n) == 0)
			return k;
	return -1;
}

/* Returns how the rules see the values of question q. */
static int qtype_vtype(const gu_question *q)
{
	return (int)gu_qtype(q->type)->vtype;
}

/* Returns how the rules see a computed value (GU_Q_IS_DERIVED). */
static int derived_vtype(int q)
{
	return q == GU_Q_CHILD_BIRTH_DATE || q == GU_Q_TODAY ? GU_VT_DATE : GU_VT_NUMBER;
}

/* Returns the question index for person kind k and field, or GU_Q_NONE. */
static int kind_field(const gu_policy *p, int k, const char *field, size_t n)
{
	char key[96];

	if (n + 16 > sizeof key)
		return GU_Q_NONE;
	if (k == GU_PK_CHILD && n == 3 && memcmp(field, "age", 3) == 0)
		return GU_Q_CHILD_AGE;
	if (k == GU_PK_CHILD && n == 15 && memcmp(field, "school_year_age", 15) == 0)
		return GU_Q_CHILD_SCHOOL_AGE;
	if (k == GU_PK_CHILD && n == 10 && memcmp(field, "age_months", 10) == 0)
		return GU_Q_CHILD_AGE_MONTHS;
	if (k == GU_PK_CHILD && n == 10 && memcmp(field, "birth_date", 10) == 0)
		return GU_Q_CHILD_BIRTH_DATE;
	snprintf(key, sizeof key, "%s.%.*s", k == GU_PK_MEMBER ? "member.*" : kind_names[k],
		(int)n, field);
	return gu_policy_lookup(p, key, strlen(key));
}

/* Resolves the word at the current token as a key reference into o;
 * returns 0, 1 when the word is not a key, or -1 after an error. */
static int resolve_key(parser *ps, opd *o)
{
	const char *s = ps->t->s + ps->cur.off;
	size_t n = ps->cur.len;
	const char *dot = memchr(s, '.', n);
	const gu_binding *b;
	gu_policy *p = ps->env->p;
	char word[96];

	memset(o, 0, sizeof *o);
	o->off = ps->cur.off;
	if (!dot)
		return 1;
	tok_text(ps, word, sizeof word);
	b = find_binding(ps, s, (size_t)(dot - s));
	if (b && b->fixed < 0) {
		int k, first = -1;

		o->o.kind = GU_OPD_VAR;
		o->o.var = (uint8_t)b->var;
		for (k = 0; k < GU_PK_COUNT; k++) {
			o->o.vq[k] = GU_Q_NONE;
			if (b->kinds & (1u << k)) {
				o->o.vq[k] = kind_field(p, k, dot + 1, (size_t)(s + n - dot - 1));
				if (o->o.vq[k] != GU_Q_NONE && first < 0)
					first = k;
			}
		}
		for (k = 0; first < 0 && k < GU_PK_COUNT; k++) {
			/* No person it ranges over has the field, another has: not asked. */
			int other = kind_field(p, k, dot + 1, (size_t)(s + n - dot - 1));

			if (other < 0)
				continue;
			o->q = &p->questions[other];
			o->type = qtype_vtype(o->q);
			next(ps);
			return 0;
		}
		if (first < 0) {
			fail_at(ps, ps->cur.off, _("%s: no question of that name for these persons"),
				word);
			return -1;
		}
		if (GU_Q_IS_DERIVED(o->o.vq[first])) {
			o->type = derived_vtype(o->o.vq[first]);
			for (k = first + 1; k < GU_PK_COUNT; k++)
				if (o->o.vq[k] >= 0 && qtype_vtype(&p->questions[o->o.vq[k]]) != o->type) {
					fail_at(ps, ps->cur.off, _("%s: not of one type for all persons"), word);
					return -1;
				}
		} else {
			o->q = &p->questions[o->o.vq[first]];
			o->type = qtype_vtype(o->q);
		}
		next(ps);
		return 0;
	}
	{
		int k = b ? b->fixed : -1;
		int q;

		if (k < 0) {
			size_t hn = (size_t)(dot - s);

			k = person_kind(s, hn);
			if (k == GU_PK_MEMBER) {
				fail_at(ps, ps->cur.off,
					_("%s: reach members through \"any m of member (m.FIELD ...)\""),
					word);
				return -1;
			}
		}
		if (k >= 0) {
			q = kind_field(p, k, dot + 1, (size_t)(s + n - dot - 1));
			if (q == GU_Q_NONE && b) {
				/* A person parameter: a field other persons have reads as
				 * not asked for this one (a member has no status). */
				int j;

				for (j = 0; j < GU_PK_COUNT; j++) {
					int other = kind_field(p, j, dot + 1, (size_t)(s + n - dot - 1));

					if (other < 0)
						continue;
					o->o.kind = GU_OPD_KEY;
					o->o.q = GU_Q_NONE;
					o->q = &p->questions[other];
					o->type = qtype_vtype(o->q);
					next(ps);
					return 0;
				}
			}
		} else {
			q = gu_policy_lookup(p, s, n);
		}
		if (q == GU_Q_NONE || q < GU_Q_LAST_DERIVED) {
			char full[128];
			const char *sug;

			if (b)
				snprintf(full, sizeof full, "%s%.*s", kind_names[k], (int)(s + n - dot), dot);
			else
				snprintf(full, sizeof full, "%s", word);
			sug = gu_policy_suggest(p, full);
			if (sug)
				fail_at(ps, ps->cur.off, _("%s: no such key; did you mean %s?"), full, sug);
			else
				fail_at(ps, ps->cur.off, _("%s: no such key in the questions"), full);
			return -1;
		}
		o->o.kind = GU_OPD_KEY;
		o->o.q = q;
		if (GU_Q_IS_DERIVED(q)) {
			o->type = derived_vtype(q);
		} else {
			o->q = &p->questions[q];
			o->type = qtype_vtype(o->q);
		}
		next(ps);
		return 0;
	}
}

static const char *const type_names[] = {
	N_("a number"), N_("a date"), N_("a region code"), N_("a choice"),
	N_("a multiple choice"), N_("a yes/no answer"), N_("a text")
};

/* Parses a literal or a numeric/date parameter of type want into *out;
 * returns 0 or -1 after an error.  Choices resolve against q. */
static int parse_value(parser *ps, int want, const gu_question *q, int64_t *out)
{
	char buf[96];

	tok_text(ps, buf, sizeof buf);
	if (ps->cur.kind == T_END) {
		expected(ps, _("a value"));
		return -1;
	}
	switch (want) {
	case GU_VT_NUMBER:
		if (ps->cur.kind == T_NUMBER) {
			*out = ps->cur.num;
			break;
		}
		if (ps->cur.kind == T_WORD) {
			const gu_param *pa = find_param(ps->env->p, ps->t->s + ps->cur.off, ps->cur.len);
			char *end;
			long v;

			if (pa) {
				v = strtol(pa->value, &end, 10);
				if (*end == '\0' && end != pa->value) {
					*out = v;
					break;
				}
				fail_at(ps, ps->cur.off, _("parameter %s is not a number"), buf);
				return -1;
			}
		}
		fail_at(ps, ps->cur.off, _("\"%s\" is not a number; this comparison needs %s"),
			buf, _(type_names[GU_VT_NUMBER]));
		return -1;
	case GU_VT_DATE:
		if (ps->cur.kind == T_DATE) {
			*out = ps->cur.num;
			break;
		}
		if (ps->cur.kind == T_WORD) {
			const gu_param *pa = find_param(ps->env->p, ps->t->s + ps->cur.off, ps->cur.len);

			if (pa && strlen(pa->value) == 10 && pa->value[4] == '-' && pa->value[7] == '-') {
				*out = atol(pa->value) * 10000 + atol(pa->value + 5) * 100 + atol(pa->value + 8);
				break;
			}
		}
		fail_at(ps, ps->cur.off, _("\"%s\" is not a date (YYYY-MM-DD); a date is compared only with a date"),
			buf);
		return -1;
	case GU_VT_CODE:
		if (ps->cur.kind == T_NUMBER && ps->cur.len == 6) {
			*out = ps->cur.num;
			break;
		}
		if (is_word(ps, "none")) {
			*out = 0;
			break;
		}
		fail_at(ps, ps->cur.off, _("\"%s\" is not a 6-digit region code or none"), buf);
		return -1;
	case GU_VT_YESNO:
		if (is_word(ps, "yes") || is_word(ps, "no")) {
			*out = is_word(ps, "yes");
			break;
		}
		fail_at(ps, ps->cur.off, _("\"%s\" is not yes or no"), buf);
		return -1;
	case GU_VT_CHOICE:
	case GU_VT_MULTI: {
		int i = ps->cur.kind == T_WORD ? gu_choice_at(q, ps->t->s + ps->cur.off, ps->cur.len) : -1;

		if (i < 0) {
			fail_at(ps, ps->cur.off, _("\"%s\" is not a choice of %s"), buf, q->key);
			return -1;
		}
		*out = i;
		break;
	}
	default:
		fail_at(ps, ps->cur.off, _("%s answers cannot be compared"), _(type_names[want]));
		return -1;
	}
	next(ps);
	return 0;
}

/* Adds a value to a node's number set; returns 0 or -1. */
static int set_add(parser *ps, gu_node *n, int64_t v)
{
	int64_t *ns = gu_arena_alloc(&ps->env->p->arena, (n->nset + 1) * sizeof *ns);

	if (!ns)
		return -1;
	if (n->nset)
		memcpy(ns, n->set, n->nset * sizeof *ns);
	ns[n->nset++] = v;
	n->set = ns;
	return 0;
}

/* Adds one element (already the current token) of a set to n. */
static int set_element(parser *ps, gu_node *n, const opd *x)
{
	int64_t v;

	if (parse_value(ps, x->type == GU_VT_MULTI ? GU_VT_MULTI : x->type, x->q, &v) < 0)
		return -1;
	if (x->type == GU_VT_CHOICE || x->type == GU_VT_MULTI || x->type == GU_VT_YESNO)
		n->mask |= (uint64_t)1 << (v & 63);
	else if (set_add(ps, n, v) < 0)
		return -1;
	return 0;
}

/* Parses "{a, b, ...}" or a parameter holding such a set into n. */
static int parse_set(parser *ps, gu_node *n, const opd *x)
{
	if (ps->cur.kind == T_WORD && !memchr(ps->t->s + ps->cur.off, '.', ps->cur.len)) {
		const gu_param *pa = find_param(ps->env->p, ps->t->s + ps->cur.off, ps->cur.len);

		if (pa && pa->value[0] == '{') {
			/* Parse the parameter's own text as the set. */
			parser sub = *ps;
			gu_text pt;
			gu_seg seg;
			char buf[96];

			seg.off = 0;
			seg.line = pa->line;
			seg.col = pa->col;
			pt.s = pa->value;
			pt.len = strlen(pa->value);
			pt.seg = &seg;
			pt.nseg = 1;
			sub.t = &pt;
			sub.pos = 0;
			next(&sub);
			if (parse_set(&sub, n, x) < 0) {
				ps->failed = 1;
				return -1;
			}
			(void)buf;
			next(ps);
			return 0;
		}
	}
	if (ps->cur.kind != T_LBRACE) {
		expected(ps, _("\"{\" starting a set of values, or a parameter holding one"));
		return -1;
	}
	next(ps);
	for (;;) {
		if (set_element(ps, n, x) < 0)
			return -1;
		if (ps->cur.kind == T_RBRACE)
			break;
		if (ps->cur.kind != T_COMMA) {
			expected(ps, _("\",\" or \"}\""));
			return -1;
		}
		next(ps);
	}
	next(ps);
	return 0;
}

/* Parses the comparison after operand x (or makes x a condition). */
static gu_node *parse_comparison(parser *ps, opd *x, size_t start)
{
	static const int ops[] = { T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE };
	gu_node *n;
	int i;
	char buf[96];

	for (i = 0; i < 6; i++)
		if (ps->cur.kind == ops[i])
			break;
	if (i < 6) {
		size_t opoff = ps->cur.off;

		n = new_node(ps, GU_N_CMP, start);
		if (!n)
			return NULL;
		n->op = (uint8_t)i;
		n->x = x->o;
		next(ps);
		if ((x->type == GU_VT_CHOICE || x->type == GU_VT_YESNO) && i > 1)
			return fail_at(ps, opoff, _("%s is a choice: compare it with = or != or in {...}"),
				x->q->key);
		if (x->type == GU_VT_MULTI)
			return fail_at(ps, opoff, _("%s is a multiple choice: use \"has any of {...}\" or \"has all of {...}\""),
				x->q->key);
		if (x->type == GU_VT_TEXT)
			return fail_at(ps, opoff, _("%s is a text answer: it cannot be compared"),
				x->q ? x->q->key : "");
		if (is_word(ps, "today")) {
			if (x->type != GU_VT_DATE)
				return fail_at(ps, ps->cur.off, _("cannot compare %s with %s"),
					_(type_names[x->type]), _(type_names[GU_VT_DATE]));
			n->y.kind = GU_OPD_KEY;
			n->y.q = GU_Q_TODAY;
			next(ps);
			return set_src(ps, n, start);
		}
		if (ps->cur.kind == T_WORD && memchr(ps->t->s + ps->cur.off, '.', ps->cur.len)) {
			opd y;
			int r = resolve_key(ps, &y);

			if (r < 0)
				return NULL;
			if (r == 0) {
				if (y.type != x->type || x->type == GU_VT_CHOICE || x->type == GU_VT_YESNO)
					return fail_at(ps, y.off, _("cannot compare %s with %s"),
						_(type_names[x->type]), _(type_names[y.type]));
				n->y = y.o;
				if (ps->cur.kind == T_PLUS || ps->cur.kind == T_MINUS) {
					bool minus = ps->cur.kind == T_MINUS;

					if (y.type != GU_VT_NUMBER)
						return fail_at(ps, ps->cur.off,
							_("only a number can have a number added (KEY + N)"));
					next(ps);
					if (ps->cur.kind != T_NUMBER) {
						expected(ps, _("a whole number after + or -"));
						return NULL;
					}
					n->y.add = minus ? -ps->cur.num : ps->cur.num;
					next(ps);
				}
				return set_src(ps, n, start);
			}
		}
		n->y.kind = GU_OPD_LIT;
		if (parse_value(ps, x->type, x->q, &n->y.lit) < 0)
			return NULL;
		return set_src(ps, n, start);
	}
	if (is_word(ps, "in")) {
		next(ps);
		if (x->type == GU_VT_MULTI)
			return fail_at(ps, ps->cur.off, _("%s is a multiple choice: use \"has any of {...}\""),
				x->q->key);
		if (x->type == GU_VT_TEXT || x->type == GU_VT_DATE)
			return fail_at(ps, ps->cur.off, _("\"in\" takes a choice, a number or a region code, not %s"),
				_(type_names[x->type]));
		n = new_node(ps, GU_N_IN, start);
		if (!n)
			return NULL;
		n->x = x->o;
		if (parse_set(ps, n, x) < 0)
			return NULL;
		return set_src(ps, n, start);
	}
	if (is_word(ps, "has")) {
		int all;

		next(ps);
		all = is_word(ps, "all");
		if (!all && !is_word(ps, "any"))
			return expected(ps, _("\"any of\" or \"all of\" after \"has\""));
		next(ps);
		if (!is_word(ps, "of"))
			return expected(ps, "\"of\"");
		next(ps);
		if (x->type != GU_VT_MULTI)
			return fail_at(ps, x->off, _("\"has any of\" needs a multiple-choice answer, not %s"),
				_(type_names[x->type]));
		n = new_node(ps, all ? GU_N_HAS_ALL : GU_N_HAS_ANY, start);
		if (!n)
			return NULL;
		n->x = x->o;
		if (parse_set(ps, n, x) < 0)
			return NULL;
		return set_src(ps, n, start);
	}
	if (is_word(ps, "between")) {
		next(ps);
		if (x->type != GU_VT_NUMBER && x->type != GU_VT_DATE)
			return fail_at(ps, x->off, _("\"between\" needs a number or a date, not %s"),
				_(type_names[x->type]));
		n = new_node(ps, GU_N_BETWEEN, start);
		if (!n)
			return NULL;
		n->x = x->o;
		if (parse_value(ps, x->type, NULL, &n->lo) < 0)
			return NULL;
		if (!is_word(ps, "and"))
			return expected(ps, _("\"and\" in \"between A and B\""));
		next(ps);
		if (parse_value(ps, x->type, NULL, &n->hi) < 0)
			return NULL;
		return set_src(ps, n, start);
	}
	if (is_word(ps, "is")) {
		next(ps);
		if (!is_word(ps, "unknown"))
			return expected(ps, _("\"unknown\" after \"is\""));
		next(ps);
		n = new_node(ps, GU_N_UNKNOWN, start);
		if (!n)
			return NULL;
		n->x = x->o;
		return set_src(ps, n, start);
	}
	if (x->type == GU_VT_YESNO) {
		n = new_node(ps, GU_N_BOOL, start);
		if (!n)
			return NULL;
		n->x = x->o;
		return set_src(ps, n, start);
	}
	tok_text(ps, buf, sizeof buf);
	return fail_at(ps, ps->cur.off,
		_("expected a comparison (=, !=, <, <=, >, >=, in, has any of, between, is unknown) after the key, found \"%s\""),
		buf);
}

/* Compiles fact f with its parameter bound to b (or closed); returns its tree. */
static gu_node *expand_fact(parser *ps, gu_fact *f, const gu_binding *b, size_t at)
{
	gu_expr_env *env = ps->env;
	parser sub;
	gu_node *n;
	int saved = env->nbind;

	if (env->depth > 16 || f->compiling)
		return fail_at(ps, at, _("fact %s refers to itself"), f->name);
	if (b) {
		if (env->nbind >= 8)
			return fail_at(ps, at, _("facts nest too deeply at %s"), f->name);
		env->bind[env->nbind] = *b;
		env->bind[env->nbind].name = f->param;
		env->nbind++;
	}
	memset(&sub, 0, sizeof sub);
	sub.env = env;
	sub.t = &f->body;
	sub.err = ps->err;
	f->compiling = true;
	env->depth++;
	next(&sub);
	n = parse_or(&sub);
	if (n && sub.cur.kind != T_END)
		n = expected(&sub, _("\"and\", \"or\" or the end of the expression"));
	env->depth--;
	f->compiling = false;
	env->nbind = saved;
	if (!n)
		ps->failed = 1;
	return n;
}

/* Parses a person argument (child, father, mother, or a bound name) into *b. */
static int parse_person_arg(parser *ps, gu_binding *b)
{
	const gu_binding *nb;
	int k;

	if (ps->cur.kind != T_WORD) {
		expected(ps, _("a person (child, father, mother or a variable)"));
		return -1;
	}
	nb = find_binding(ps, ps->t->s + ps->cur.off, ps->cur.len);
	k = person_kind(ps->t->s + ps->cur.off, ps->cur.len);
	if (nb) {
		*b = *nb;
	} else if (k >= 0 && k != GU_PK_MEMBER) {
		b->fixed = k;
		b->var = -1;
		b->kinds = 1u << k;
	} else {
		expected(ps, _("a person (child, father, mother or a variable)"));
		return -1;
	}
	next(ps);
	return 0;
}

/* Parses "any V of kinds (expr)". */
static gu_node *parse_any(parser *ps, size_t start)
{
	gu_expr_env *env = ps->env;
	gu_node *n, *body;
	gu_binding b;
	char name[32];

	next(ps);
	if (ps->cur.kind != T_WORD || memchr(ps->t->s + ps->cur.off, '.', ps->cur.len)
			|| ps->cur.len >= sizeof name)
		return expected(ps, _("a variable name after \"any\""));
	tok_text(ps, name, sizeof name);
	next(ps);
	if (!is_word(ps, "of"))
		return expected(ps, "\"of\"");
	next(ps);
	b.fixed = -1;
	b.kinds = 0;
	for (;;) {
		int k = ps->cur.kind == T_WORD ? person_kind(ps->t->s + ps->cur.off, ps->cur.len) : -1;

		if (k < 0)
			return expected(ps, _("child, father, mother or member"));
		b.kinds |= 1u << k;
		next(ps);
		if (ps->cur.kind != T_COMMA)
			break;
		next(ps);
	}
	if (env->nvars >= GU_MAX_VARS || env->nbind >= 8)
		return fail_at(ps, start, _("quantifiers nest too deeply"));
	b.var = env->nvars;
	b.name = gu_arena_strndup(&env->p->arena, name, strlen(name));
	n = new_node(ps, GU_N_ANY, start);
	if (!n || !b.name)
		return NULL;
	n->var = (uint8_t)b.var;
	n->kinds = (uint8_t)b.kinds;
	if (ps->cur.kind != T_LPAREN)
		return expected(ps, "\"(\"");
	next(ps);
	env->bind[env->nbind++] = b;
	env->nvars++;
	body = parse_or(ps);
	env->nvars--;
	env->nbind--;
	if (!body)
		return NULL;
	if (ps->cur.kind != T_RPAREN)
		return expected(ps, "\")\"");
	next(ps);
	if (add_child(ps, n, body) < 0)
		return NULL;
	return set_src(ps, n, start);
}

/* Parses a primary: parentheses, constants, cap(), any, facts, comparisons. */
static gu_node *parse_primary(parser *ps)
{
	size_t start = ps->cur.off;
	gu_node *n;

	if (ps->cur.kind == T_LPAREN) {
		next(ps);
		n = parse_or(ps);
		if (!n)
			return NULL;
		if (ps->cur.kind != T_RPAREN)
			return expected(ps, "\")\"");
		next(ps);
		return n;
	}
	if (ps->cur.kind != T_WORD)
		return expected(ps, _("a condition"));
	if (is_word(ps, "yes") || is_word(ps, "maybe") || is_word(ps, "no")) {
		n = new_node(ps, GU_N_CONST, start);
		if (!n)
			return NULL;
		n->tv = is_word(ps, "yes") ? GU_YES : is_word(ps, "maybe") ? GU_MAYBE : GU_NO;
		next(ps);
		return set_src(ps, n, start);
	}
	if (is_word(ps, "cap") || is_word(ps, "names")) {
		gu_node *c;
		const char *word = is_word(ps, "cap") ? "cap" : "names";
		int kind = is_word(ps, "cap") ? GU_N_CAP : GU_N_NAMES;

		next(ps);
		if (ps->cur.kind != T_LPAREN)
			return expected(ps, word[0] == 'c' ? "\"(\" after cap" : "\"(\" after names");
		next(ps);
		c = parse_or(ps);
		if (!c)
			return NULL;
		if (ps->cur.kind != T_RPAREN)
			return expected(ps, "\")\"");
		next(ps);
		n = new_node(ps, kind, start);
		if (!n || add_child(ps, n, c) < 0)
			return NULL;
		return set_src(ps, n, start);
	}
	if (is_word(ps, "any"))
		return parse_any(ps, start);
	if (!memchr(ps->t->s + ps->cur.off, '.', ps->cur.len)) {
		int fi = find_fact(ps->env->p, ps->t->s + ps->cur.off, ps->cur.len);
		char buf[96];

		tok_text(ps, buf, sizeof buf);
		if (fi < 0)
			return fail_at(ps, start, _("%s: no such fact, key or keyword"), buf);
		{
			gu_fact *f = &ps->env->p->facts[fi];

			next(ps);
			if (f->param) {
				gu_binding b;

				if (ps->cur.kind != T_LPAREN)
					return fail_at(ps, start, _("fact %s takes a person: %s(father)"), f->name, f->name);
				next(ps);
				if (parse_person_arg(ps, &b) < 0)
					return NULL;
				if (ps->cur.kind != T_RPAREN)
					return expected(ps, "\")\"");
				next(ps);
				return expand_fact(ps, f, &b, start);
			}
			if (!f->node) {
				gu_expr_env closed;

				memset(&closed, 0, sizeof closed);
				closed.p = ps->env->p;
				closed.file = ps->env->file;
				closed.depth = ps->env->depth;
				{
					gu_expr_env *saved = ps->env;

					ps->env = &closed;
					f->node = expand_fact(ps, f, NULL, start);
					ps->env = saved;
				}
				if (!f->node)
					return NULL;
			}
			n = new_node(ps, GU_N_FACT, start);
			if (!n)
				return NULL;
			n->fact = fi;
			return set_src(ps, n, start);
		}
	}
	{
		opd x;
		int r = resolve_key(ps, &x);

		if (r < 0)
			return NULL;
		return parse_comparison(ps, &x, start);
	}
}

/* Parses "not X" and "X as PERSON". */
static gu_node *parse_not(parser *ps)
{
	size_t start = ps->cur.off;
	gu_node *n, *c;

	if (is_word(ps, "not")) {
		next(ps);
		c = parse_not(ps);
		n = c ? new_node(ps, GU_N_NOT, start) : NULL;
		if (!n || add_child(ps, n, c) < 0)
			return NULL;
		return set_src(ps, n, start);
	}
	c = parse_primary(ps);
	if (!c)
		return NULL;
	if (is_word(ps, "as")) {
		uint64_t bit = 0;

		next(ps);
		if (is_word(ps, "child"))
			bit = GU_PB_CHILD;
		else if (is_word(ps, "father"))
			bit = GU_PB_FATHER;
		else if (is_word(ps, "mother"))
			bit = GU_PB_MOTHER;
		else if (is_word(ps, "household"))
			bit = GU_PB_HOUSEHOLD;
		else
			return expected(ps, _("child, father, mother or household after \"as\""));
		next(ps);
		n = new_node(ps, GU_N_AS, start);
		if (!n || add_child(ps, n, c) < 0)
			return NULL;
		n->mask = bit;
		return set_src(ps, n, start);
	}
	return c;
}

/* Parses a chain of one binary operator. */
static gu_node *parse_chain(parser *ps, const char *word, int kind, gu_node *(*sub)(parser *))
{
	size_t start = ps->cur.off;
	gu_node *first = sub(ps), *n;

	if (!first || !is_word(ps, word))
		return first;
	n = new_node(ps, kind, start);
	if (!n || add_child(ps, n, first) < 0)
		return NULL;
	while (is_word(ps, word)) {
		gu_node *c;

		next(ps);
		c = sub(ps);
		if (!c || add_child(ps, n, c) < 0)
			return NULL;
	}
	return set_src(ps, n, start);
}

/* Parses an "and" chain. */
static gu_node *parse_and(parser *ps)
{
	return parse_chain(ps, "and", GU_N_AND, parse_not);
}

/* Parses an "or" chain (the whole expression). */
static gu_node *parse_or(parser *ps)
{
	return parse_chain(ps, "or", GU_N_OR, parse_and);
}

/* Compiles the expression text t; returns its tree or NULL. */
gu_node *gu_expr_compile(gu_expr_env *env, const gu_text *t, gu_error *err)
{
	parser ps;
	gu_node *n;

	memset(&ps, 0, sizeof ps);
	ps.env = env;
	ps.t = t;
	ps.err = err;
	next(&ps);
	if (ps.cur.kind == T_END)
		return fail_at(&ps, 0, _("the expression is empty"));
	n = parse_or(&ps);
	if (n && ps.cur.kind != T_END)
		return expected(&ps, _("\"and\", \"or\" or the end of the expression"));
	return ps.failed ? NULL : n;
}

/* Compiles the closed facts no rule reached; returns 0 or a negative code. */
int gu_expr_compile_facts(gu_policy *p, const char *file, gu_error *err)
{
	size_t i;

	for (i = 0; i < p->nfacts; i++) {
		gu_fact *f = &p->facts[i];
		gu_expr_env env;

		memset(&env, 0, sizeof env);
		env.p = p;
		env.file = file;
		if (f->param) {
			/* Check the body once with the parameter ranging over all persons. */
			gu_node *n;

			env.bind[0].name = f->param;
			env.bind[0].fixed = -1;
			env.bind[0].var = 0;
			env.bind[0].kinds = (1u << GU_PK_COUNT) - 1;
			env.nbind = 1;
			env.nvars = 1;
			n = gu_expr_compile(&env, &f->body, err);
			if (!n)
				return -(int)err->code;
			continue;
		}
		if (f->node)
			continue;
		f->compiling = true;
		f->node = gu_expr_compile(&env, &f->body, err);
		f->compiling = false;
		if (!f->node)
			return -(int)err->code;
	}
	return 0;
}

/* Returns the edit distance of a and b, capped at 9. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[80], prev;

	if (la >= 79 || lb >= 79)
		return 9;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int cur = row[j];
			int best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb] > 9 ? 9 : row[lb];
}

/* Returns the closest question key to key, or NULL when none is close. */
const char *gu_policy_suggest(const gu_policy *p, const char *key)
{
	const char *best = NULL;
	int bestd = 4;
	size_t i;
	char pat[96];
	const char *k = key;

	/* member.3.agee is compared with member.*.age */
	if (strncmp(key, "member.", 7) == 0 && key[7] >= '0' && key[7] <= '9') {
		const char *d = key + 7;

		while (*d >= '0' && *d <= '9')
			d++;
		snprintf(pat, sizeof pat, "member.*%s", d);
		k = pat;
	}
	for (i = 0; i < p->nquestions; i++) {
		int d = distance(k, p->questions[i].key);

		if (d < bestd) {
			bestd = d;
			best = p->questions[i].key;
		}
	}
	return best;
}

/* Calls fn for a question an operand reads. */
static void operand_keys(const gu_operand *o, void (*fn)(int, void *), void *ctx)
{
	int k;

	if (o->kind == GU_OPD_KEY && o->q >= 0)
		fn(o->q, ctx);
	else if (o->kind == GU_OPD_VAR)
		for (k = 0; k < GU_PK_COUNT; k++)
			if (o->vq[k] >= 0)
				fn(o->vq[k], ctx);
}

/* Calls fn for each question index the tree reads, following facts. */
void gu_expr_keys(const gu_policy *p, const gu_node *n, void (*fn)(int q, void *ctx), void *ctx)
{
	size_t i;

	if (!n)
		return;
	if (n->kind == GU_N_FACT) {
		gu_expr_keys(p, p->facts[n->fact].node, fn, ctx);
		return;
	}
	operand_keys(&n->x, fn, ctx);
	operand_keys(&n->y, fn, ctx);
	for (i = 0; i < n->na; i++)
		gu_expr_keys(p, n->a[i], fn, ctx);
}
