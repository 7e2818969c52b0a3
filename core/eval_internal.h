/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evaluator's working state, shared by evaluation, skip logic and
 * explanations; not a public interface. */
#ifndef GUANAI_CORE_EVAL_INTERNAL_H
#define GUANAI_CORE_EVAL_INTERNAL_H

#include <stdint.h>
#include "core/eval.h"
#include "core/policy_internal.h"

/* What is known of one answer. */
enum gu_vstate { GU_V_NA, GU_V_UNKNOWN, GU_V_SET };
/* Whether a question applies, as far as it is worked out. */
enum gu_appl { GU_APPL_UNKNOWN, GU_APPL_WORKING, GU_APPL_NO, GU_APPL_YES };

typedef struct gu_val {
	uint8_t st;          /* as read from the answers: absent, unknown or set */
	uint8_t appl;        /* enum gu_appl */
	uint32_t gen;        /* the load this slot belongs to: older slots read as absent */
	int64_t v;           /* number, yyyymmdd, code (none = 0), choice index, mask, yes = 1 */
	const char *key;     /* the answer's key in the answers (for explanations) */
	const char *s;       /* the answer's text */
	int line;
} gu_val;

/* The state of one evaluation; made once and reused for many answers. */
typedef struct gu_ectx {
	const gu_policy *p;
	size_t nslots;              /* questions plus GU_MAX_MEMBERS copies of member questions */
	gu_val *vals;
	int nmembers;
	int member_cap;             /* members the slots have room for */
	int member_no[GU_MAX_MEMBERS]; /* member numbers in ascending order */
	bool memo_on;               /* memoise closed subtrees (explanations) */
	uint32_t gen;               /* answers loaded so far: memo entries of older loads are stale */
	uint32_t *memo_gen;         /* per node: the load its memo entry belongs to */
	gu_tv *memo_tv;
	uint64_t *memo_pm;
	gu_tv *fact_tv;
	uint64_t *fact_pm;
	uint32_t *fact_gen;         /* per fact: the load its value belongs to */
	int vkind[GU_MAX_VARS], vmem[GU_MAX_VARS];
	int64_t on;                 /* interview.date as yyyymmdd, 0 when unknown */
	uint8_t age_st;
	int64_t age;                /* the child's age in whole years */
	int64_t school_age;         /* its age on the 31 August before the school year */
	int64_t child_dob;          /* yyyymmdd, 0 when not known */
	int64_t age_months;         /* the child's age in whole months */
	int64_t today;              /* yyyymmdd: the clock's date unless set (gu_ectx_set_today) */
	bool today_fixed;
	char child_sex;             /* 'm', 'f' or 0 */
	int extra_members;          /* member numbers beyond GU_MAX_MEMBERS (ignored) */
	bool zh;                    /* explanations in Chinese */
	bool decide_said;           /* this explanation has said "a department must decide" */
	const char *fmt_settle;     /* translated reason formats, looked up once */
	const char *fmt_decides;
	const char *fmt_not_met;
	const char *fmt_sep;        /* between a reason and what is still to verify */
	bool labels;                /* reasons name answers by labels (GU_EVAL_LABELS) */
	const char *fmt_settle_labels; /* the reason format then */
} gu_ectx;

/* Makes a context for policy p; returns 0 or -GU_ENOMEM. */
int gu_ectx_init(gu_ectx *c, const gu_policy *p);
/* Frees the context's memory. */
void gu_ectx_free(gu_ectx *c);
/* Reads a set of answers into the context; returns 0 or -GU_ENOMEM. */
int gu_ectx_load(gu_ectx *c, const gu_answers *a);
/* Makes comparisons with today read the date yyyymmdd instead of the clock's. */
void gu_ectx_set_today(gu_ectx *c, int64_t yyyymmdd);
/* Evaluates a tree; returns its value and ORs the persons it names into *pm. */
gu_tv gu_ectx_eval(gu_ectx *c, const gu_node *n, uint64_t *pm);
/* Returns true when question q applies (member m: compact index, else -1). */
bool gu_ectx_applies(gu_ectx *c, int q, int m);
/* Returns true when question q surely applies to member m: its condition
 * is yes, not only maybe. */
bool gu_ectx_surely_applies(gu_ectx *c, int q, int m);
/* Returns the slot of question q for compact member m. */
size_t gu_ectx_slot(const gu_ectx *c, int q, int m);
/* Returns what the loaded answers say of question q for compact member m
 * (absent when they do not answer it). */
const gu_val *gu_ectx_val(gu_ectx *c, int q, int m);
/* Reads an operand: returns its state and value in *v. */
int gu_ectx_operand(gu_ectx *c, const gu_operand *o, int64_t *v, int *slot_q, int *slot_m);
/* Writes the name of person bits pm ("child,father,member.2,household"). */
void gu_persons_text(const gu_ectx *c, uint64_t pm, char *buf, size_t size);
/* Returns the compact index of member number n, or -1. */
int gu_ectx_member_index(const gu_ectx *c, int n);
/* Computes every item's verdict and persons (no text) into tv[] and pm[]. */
void gu_ectx_verdicts(gu_ectx *c, gu_tv *tv, uint64_t *pm);

#endif
