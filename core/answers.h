/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A set of answers: key = value strings as in the answers contract
 * (shared answers-format.md).  This module knows only the file syntax;
 * the policy checks keys and values (gu_policy_check_answers). */
#ifndef GUANAI_CORE_ANSWERS_H
#define GUANAI_CORE_ANSWERS_H

#include <stddef.h>
#include "core/error.h"

typedef struct gu_answer {
	char *key;    /* "child.dob", "member.2.age" */
	char *value;  /* trimmed; "" allowed (an empty multi-choice) */
	int line;     /* line in the file it came from, 0 when not from a file */
} gu_answer;

typedef struct gu_answers {
	gu_answer *v;   /* in insertion order */
	size_t n, cap;
	size_t *slots;  /* hash index of keys: 1 + position in v, 0 empty */
	size_t nslots;  /* a power of two, at least twice cap; 0 none yet */
} gu_answers;

/* Makes a an empty set. */
void gu_answers_init(gu_answers *a);
/* Frees everything a holds and leaves it empty. */
void gu_answers_free(gu_answers *a);
/* Sets key to value (replacing an earlier value in place); returns 0 or -GU_ENOMEM. */
int gu_answers_set(gu_answers *a, const char *key, const char *value);
/* Returns the value of key, or NULL when the key is absent. */
const char *gu_answers_get(const gu_answers *a, const char *key);
/* Returns the answer for key, or NULL. */
const gu_answer *gu_answers_find(const gu_answers *a, const char *key);
/* Removes key; returns 1 when it was there, 0 when not. */
int gu_answers_remove(gu_answers *a, const char *key);
/* Copies src into dst (dst is initialised here); returns 0 or -GU_ENOMEM. */
int gu_answers_copy(gu_answers *dst, const gu_answers *src);

/* Parses answers-file text.  Syntax only: `key = value` lines, comments,
 * blank lines, a valid key shape, no key twice.  On error returns a negative
 * code and err says "file:line: key: message".  out is initialised here. */
int gu_answers_parse(const char *text, size_t len, const char *filename,
	gu_answers *out, gu_error *err);
/* Reads and parses a file; returns as gu_answers_parse. */
int gu_answers_read_file(const char *path, gu_answers *out, gu_error *err);
/* Reads a file saved in encoding ("utf-8" or "gb18030", see core/recode.h;
 * NULL for UTF-8 as it is), converts it and parses it; returns as
 * gu_answers_parse. */
int gu_answers_read_file_enc(const char *path, const char *encoding, gu_answers *out, gu_error *err);

#endif
