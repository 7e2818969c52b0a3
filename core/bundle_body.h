/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A bundle's body (docs/exchange.md): the header of "key value" lines that
 * says who sent it to whom, its place in the sender's chain and the
 * sender's clock, then an empty line and the records. */
#ifndef GUANAI_CORE_BUNDLE_BODY_H
#define GUANAI_CORE_BUNDLE_BODY_H

#include "core/bundle.h"
#include "core/error.h"
#include "core/strbuf.h"

#define GU_XBODY_FIRST "guanai-bundle 1"

typedef struct gu_bundle_head {
	char kind[8];                /* "laptop" or "office" */
	char from[33], to[33];       /* device ids */
	long long seq;               /* 1, 2, 3, ... */
	char prev[GU_XHASH_SIZE];    /* hash of bundle seq - 1, "-" for the first */
	long long clock;             /* the sender's clock, ms since 1970 UTC */
	long long ack;               /* the last bundle from the recipient applied, 0: none */
	long long upto;              /* the sender's change counter when it was written */
	char township[160], worker[160];
	char policy[GU_XHASH_SIZE];  /* SHA-256 of the policy the sender uses, "" not said */
	long long cases;             /* how many cases its records are of */
} gu_bundle_head;

/* The section of an office's bundle that carries its policy file, between
 * the header and the records: "P <hash> <bytes>", a line break, the text
 * of that many bytes and a line break. */
#define GU_XBODY_POLICY "P "

/* Appends the header and the empty line after it to b. */
void gu_bundle_head_write(gu_strbuf *b, const gu_bundle_head *h);

/* Reads the header of body into h; returns 0 with *records pointing at the
 * first record line, or -GU_EINVAL saying what is wrong. */
int gu_bundle_head_parse(const char *body, gu_bundle_head *h, const char **records,
	gu_error *err);

/* Copies s into out (size bytes) with control characters and the letters a
 * file name cannot hold (/ \ : * ? " < > | and spaces) replaced by '_';
 * "" becomes "-".  Returns out. */
char *gu_bundle_name_part(const char *s, char *out, size_t size);

#endif
