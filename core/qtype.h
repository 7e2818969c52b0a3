/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Question types: one descriptor per type holds everything the core knows
 * about it (its name in the policy file, its choices, how the rules see
 * its values, how a value is checked and read, and how a value is said in
 * words).  Adding a type is one row here and one widget in tui/. */
#ifndef GUANAI_CORE_QTYPE_H
#define GUANAI_CORE_QTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"
#include "core/policy.h"

/* How the rules see a value: what an expression may compare it with. */
enum gu_vtype {
	GU_VT_NUMBER, GU_VT_DATE, GU_VT_CODE, GU_VT_CHOICE, GU_VT_MULTI, GU_VT_YESNO, GU_VT_TEXT
};

/* Where a type's choices come from. */
enum gu_qchoices {
	GU_QC_NONE,     /* no choices */
	GU_QC_YESNO,    /* yes and no, given */
	GU_QC_LISTED    /* "choice:" lines in the policy file */
};

typedef struct gu_qtype_ops {
	enum gu_qtype type;
	const char *name;            /* the word after "type:" in the policy file */
	enum gu_qchoices choices;
	enum gu_vtype vtype;
	/* Checks a value other than "unknown"; returns 0 or an error with a
	 * translated message and no place. */
	int (*check)(const gu_question *q, const char *value, gu_error *err);
	/* Reads a value other than "unknown" as the rules see it into *v;
	 * returns false when it cannot be read (the answer is then unknown). */
	bool (*read)(const gu_question *q, const char *value, int64_t *v);
	/* Writes a value read by read() in words into buf ("working away",
	 * "建平县 211322", "2015-03-02"); returns buf, or NULL for a type whose
	 * answer is shown as typed (text, ID number, phone). */
	const char *(*words)(const gu_question *q, int64_t v, char *buf, size_t size);
} gu_qtype_ops;

/* Returns the descriptor of type t. */
const gu_qtype_ops *gu_qtype(enum gu_qtype t);
/* Returns the descriptor named name ("date"), or NULL. */
const gu_qtype_ops *gu_qtype_by_name(const char *name);
/* Writes the names of every type, separated by ", ", into buf; returns buf. */
const char *gu_qtype_names(char *buf, size_t size);

/* Returns the index of the n bytes of s among q's choices, or -1. */
int gu_choice_at(const gu_question *q, const char *s, size_t n);
/* Finds the next item of a comma-separated list at or after *s: returns
 * its start with its length (trailing spaces cut) in *n and *s moved past
 * it, or NULL at the end. */
const char *gu_list_next(const char **s, size_t *n);
/* Writes the labels of q's choices set in mask, at most max of them ("…"
 * after), joined as the language joins a list, "none" for an empty mask,
 * into buf; returns buf. */
const char *gu_choice_labels(const gu_question *q, uint64_t mask, size_t max, char *buf,
	size_t size);

#endif
