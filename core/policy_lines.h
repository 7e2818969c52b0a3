/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a policy file into blocks of attributes, keeping the line and
 * column of every byte of a value so errors can point into it. */
#ifndef GUANAI_CORE_POLICY_LINES_H
#define GUANAI_CORE_POLICY_LINES_H

#include <stddef.h>
#include "core/error.h"

/* A piece of a value that starts at byte off, line line, column col. */
typedef struct gu_seg {
	size_t off;
	int line, col;
} gu_seg;

/* A value with its place: continuation lines are joined with '\n'. */
typedef struct gu_text {
	const char *s;
	size_t len;
	const gu_seg *seg;
	size_t nseg;
} gu_text;

typedef struct gu_attr {
	const char *name;
	int line, col;          /* of the name */
	gu_text v;
	int used;               /* set when the loader took it */
} gu_attr;

typedef struct gu_block {
	const char *kw;         /* "item", "question", ... */
	const char *arg;        /* what follows the keyword */
	int line, arg_col;
	gu_attr *attrs;
	size_t nattrs, cap;
} gu_block;

typedef struct gu_blocks {
	gu_block *v;
	size_t n, cap;
} gu_blocks;

/* Splits text into blocks; strings live in *arena.  Returns 0, or a
 * negative code with err at file:line:column. */
int gu_policy_read_blocks(const char *name, const char *text, size_t len,
	void **arena, gu_blocks *out, gu_error *err);
/* Frees the arrays of out (not the arena strings). */
void gu_blocks_free(gu_blocks *out);
/* Finds the line and column of byte off of t. */
void gu_text_pos(const gu_text *t, size_t off, int *line, int *col);

#endif
