/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one table of reasons a decision is given with: returning a case to
 * its worker, closing a case, a department not accepting a referral and a
 * family declining one (db/reasons.c). */
#ifndef GUANAI_DB_REASONS_H
#define GUANAI_DB_REASONS_H

#include <stddef.h>

enum gu_reason_kind {
	GU_REASON_RETURN = 0,        /* a supervisor returns a case */
	GU_REASON_CLOSE,             /* a supervisor closes a case */
	GU_REASON_NOT_ACCEPTED,      /* a department did not accept a referral */
	GU_REASON_DECLINED,          /* the family declined a referral */
	GU_REASON_KIND_COUNT
};

/* A reason: its code as stored and its words (a msgid, translated where
 * it is shown). */
typedef struct gu_reason {
	enum gu_reason_kind kind;
	const char *code;
	const char *label;
} gu_reason;

/* Returns the reasons of kind k (NULL for none), *n their count. */
const gu_reason *gu_reasons(enum gu_reason_kind k, size_t *n);
/* Returns the reason of kind k with code, or NULL. */
const gu_reason *gu_reason_find(enum gu_reason_kind k, const char *code);
/* Writes the codes of kind k as "a, b or c" into buf; returns buf. */
const char *gu_reason_codes(enum gu_reason_kind k, char *buf, size_t size);

#endif
