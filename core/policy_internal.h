/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy's inner structures, shared by the loader, the expression
 * compiler, the skip logic and the evaluator; not a public interface. */
#ifndef GUANAI_CORE_POLICY_INTERNAL_H
#define GUANAI_CORE_POLICY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/eval.h"
#include "core/keys.h"
#include "core/policy.h"
#include "core/policy_lines.h"

/* Nested person quantifiers in one expression. */
#define GU_MAX_VARS 4

/* Who a key belongs to; also the asking order inside a section. */
enum gu_owner {
	GU_OWN_INTERVIEW, GU_OWN_CHILD, GU_OWN_FATHER, GU_OWN_MOTHER,
	GU_OWN_MEMBER, GU_OWN_HOUSEHOLD, GU_OWN_COUNT
};

/* Person kinds a quantifier ranges over (bits of a kind mask). */
enum gu_pkind { GU_PK_CHILD, GU_PK_FATHER, GU_PK_MOTHER, GU_PK_MEMBER, GU_PK_COUNT };

/* Bits of a persons mask: fixed persons, then members by compact index. */
#define GU_PB_CHILD ((uint64_t)1 << 0)
#define GU_PB_FATHER ((uint64_t)1 << 1)
#define GU_PB_MOTHER ((uint64_t)1 << 2)
#define GU_PB_HOUSEHOLD ((uint64_t)1 << 3)
#define GU_PB_MEMBER0 4

/* Question index meaning "the child's age from the date of birth". */
#define GU_Q_CHILD_AGE (-2)
/* Question index meaning "the child's age on the 31 August before the
 * current school year" (child.school_year_age), which decides school age. */
#define GU_Q_CHILD_SCHOOL_AGE (-3)
/* True for the two ages computed from the date of birth. */
#define GU_Q_IS_CHILD_AGE(q) ((q) == GU_Q_CHILD_AGE || (q) == GU_Q_CHILD_SCHOOL_AGE)
/* Question index meaning "the child's age in whole months"
 * (child.age_months), for checks against months counted elsewhere. */
#define GU_Q_CHILD_AGE_MONTHS (-4)
/* Question index meaning "the child's date of birth, from child.dob or
 * else from a valid ID number" (child.birth_date). */
#define GU_Q_CHILD_BIRTH_DATE (-5)
/* Question index meaning "today's date" (the word today in a comparison). */
#define GU_Q_TODAY (-6)
/* The lowest of the computed question indexes. */
#define GU_Q_LAST_DERIVED GU_Q_TODAY
/* True for the values computed from other answers or the clock. */
#define GU_Q_IS_DERIVED(q) ((q) <= GU_Q_CHILD_AGE && (q) >= GU_Q_LAST_DERIVED)
/* Question index meaning "this person has no such question". */
#define GU_Q_NONE (-1)

enum gu_node_kind {
	GU_N_CONST,    /* tv */
	GU_N_AND, GU_N_OR, GU_N_NOT, GU_N_CAP,
	GU_N_AS,       /* a[0] tagged with person bits */
	GU_N_FACT,     /* a closed named fact, memoised */
	GU_N_BOOL,     /* a yes/no answer read as a condition */
	GU_N_CMP,      /* operand op operand */
	GU_N_IN,       /* operand in a set */
	GU_N_HAS_ANY, GU_N_HAS_ALL, /* multi-choice answer against a mask */
	GU_N_BETWEEN,  /* lo <= operand <= hi */
	GU_N_UNKNOWN,  /* the answer is unknown (asked, not known) */
	GU_N_ANY,      /* any person of kinds (a[0]) */
	GU_N_NAMES     /* yes, naming the persons a[0] names when it is not no */
};

enum gu_cmp_op { GU_OP_EQ, GU_OP_NE, GU_OP_LT, GU_OP_LE, GU_OP_GT, GU_OP_GE };

/* What an operand reads. */
enum gu_opd_kind { GU_OPD_LIT, GU_OPD_KEY, GU_OPD_VAR };

typedef struct gu_operand {
	uint8_t kind;          /* enum gu_opd_kind */
	uint8_t var;           /* GU_OPD_VAR: which bound person */
	int32_t q;             /* GU_OPD_KEY: question index or GU_Q_CHILD_AGE */
	int32_t vq[GU_PK_COUNT]; /* GU_OPD_VAR: question per person kind */
	int64_t lit;           /* GU_OPD_LIT: number, yyyymmdd, code, choice index */
	int64_t add;           /* a whole number added to a key's number ("child.age + 12") */
} gu_operand;

typedef struct gu_node {
	uint8_t kind;          /* enum gu_node_kind */
	uint8_t op;            /* enum gu_cmp_op */
	uint8_t var;           /* GU_N_ANY: the variable it binds */
	uint8_t kinds;         /* GU_N_ANY: mask of enum gu_pkind */
	uint8_t names;         /* 1 when the subtree can name persons (any, as) */
	uint8_t vars;          /* person variables the subtree reads unbound (bits) */
	uint32_t id;           /* index for memoising values of closed subtrees */
	gu_tv tv;              /* GU_N_CONST */
	int32_t fact;          /* GU_N_FACT */
	uint64_t mask;         /* GU_N_HAS_*, GU_N_IN on choices, GU_N_AS persons */
	int64_t lo, hi;        /* GU_N_BETWEEN */
	int64_t *set;          /* GU_N_IN on numbers and codes */
	size_t nset;
	gu_operand x, y;       /* operands of comparisons */
	struct gu_node **a;    /* children */
	size_t na;
	int line, col;         /* where it starts in the policy file */
	const char *src;       /* its source text (owned by the policy's arena) */
} gu_node;

typedef struct gu_qinfo {
	int owner;             /* enum gu_owner */
	const char *field;     /* the key after "owner." or "member.*." */
	gu_node *when;         /* ask-when, NULL when always asked */
	int member_ord;        /* member questions: position among them, else -1 */
	int when_line;
} gu_qinfo;

typedef struct gu_param {
	const char *name;
	const char *value;     /* raw text */
	const char *since, *source, *note;
	int line, col;         /* of the value */
} gu_param;

typedef struct gu_fact {
	const char *name;
	const char *param;     /* NULL, or the person parameter's name */
	const char *label_zh, *label_en;
	const char *source;
	gu_text body;          /* expression text with its places */
	int line, col;
	bool group;            /* listed in gu_results.groups */
	gu_node *node;         /* closed facts: compiled body */
	bool compiling;        /* cycle detection */
} gu_fact;

typedef struct gu_item_x {
	const char *attach;    /* default persons: "child", "household", ... */
	uint64_t attach_mask;
	const char *reason_zh, *reason_en;
	gu_node *rule;
} gu_item_x;

typedef struct gu_alert_def {
	const char *id;
	const char *text_zh, *text_en;
	gu_node *when;
	int line;
} gu_alert_def;

typedef struct gu_check_def {
	const char *id;
	const char *text_zh, *text_en;
	bool error;            /* severity: error (an impossible fact) or warning */
	gu_node *when;         /* the answers that deserve it: yes fires the check */
	int line;
} gu_check_def;

typedef struct gu_group_def {
	const char *id, *zh, *en;
} gu_group_def;

/* One key of the hash of concrete keys ("member.*.age" for members). */
typedef struct gu_keyslot {
	const char *key;
	uint32_t hash;
	int q;
	size_t len;
} gu_keyslot;

struct gu_policy {
	char *name;                 /* file name given */
	char *text;                 /* the file's bytes, NUL-terminated */
	char hash[65];
	const char *id, *version, *effective, *title_zh, *title_en;
	void *arena;                /* every string and node (policy_arena.c) */

	gu_section *sections; size_t nsections;
	gu_question *questions; gu_qinfo *qx; size_t nquestions;
	size_t nmemberq;            /* member questions (member_ord 0..n-1) */
	gu_item *items; gu_item_x *ix; size_t nitems;
	int items_listed;           /* the header's "items:", numbered 1 .. items_listed */
	const char **counties; size_t ncounties; /* the header's "counties:", picker order */
	gu_param *params; size_t nparams;
	gu_fact *facts; size_t nfacts;
	gu_alert_def *alerts; size_t nalerts;
	gu_report_unit *units; size_t nunits;
	gu_check_def *checks; size_t nchecks;
	gu_group_def *groups; size_t ngroups;
	gu_keyslot *keys; size_t keycap; /* open addressing, keycap a power of 2 */
	uint32_t nnodes;            /* nodes compiled (ids 0 .. nnodes-1) */
	int child_dob, child_id, child_sex, interview_date; /* question indexes or -1 */
};

/* Arena: allocations freed all at once with the policy. */
void *gu_arena_alloc(void **arena, size_t size);
/* Returns an arena copy of n bytes of s, NUL-terminated, or NULL. */
char *gu_arena_strndup(void **arena, const char *s, size_t n);
/* Frees every block of the arena. */
void gu_arena_free(void **arena);

/* Returns a hash of n bytes of s. */
uint32_t gu_key_hash(const char *s, size_t n);
/* Returns the question index of a concrete or pattern key ("member.*.age"
 * for any member), or -1. n is the key's length. */
int gu_policy_lookup(const gu_policy *p, const char *key, size_t n);
/* Builds the key hash; returns 0 or -GU_ENOMEM. */
int gu_policy_index_keys(gu_policy *p);

/* Returns the question index of a concrete answer key and, for members,
 * its member number in *member (0 for others); -1 when not a key. */
int gu_policy_resolve_key(const gu_policy *p, const char *key, int *member);


#endif
