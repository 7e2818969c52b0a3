/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The 18-character resident ID number (GB 11643-1999). */
#ifndef GUANAI_CORE_IDCARD_H
#define GUANAI_CORE_IDCARD_H

#include <stdbool.h>
#include <stddef.h>
#include "core/date.h"

typedef enum gu_id_status {
	GU_ID_OK = 0,
	GU_ID_EMPTY,       /* nothing typed */
	GU_ID_LENGTH,      /* not 18 characters */
	GU_ID_CHARS,       /* not 17 digits and a digit or X */
	GU_ID_REGION,      /* the first six digits are no region code */
	GU_ID_BIRTHDATE,   /* digits 7-14 are not a real date, or in the future */
	GU_ID_CHECK        /* the check character does not match */
} gu_id_status;

typedef struct gu_idcard {
	char number[19];   /* normalised: upper-case X */
	char region[7];    /* place of first registration */
	gu_date dob;
	char sex;          /* 'm' (odd sequence) or 'f' (even) */
	char check;        /* the check character the first 17 digits require */
} gu_idcard;

/* Parses and checks an ID number ("x" is accepted for "X").  Returns
 * GU_ID_OK and fills out; on an error out->check still holds the expected
 * check character when the first 17 characters were digits. */
gu_id_status gu_idcard_parse(const char *s, gu_idcard *out);
/* Returns the check character ('0'-'9' or 'X') for 17 digits, or 0 when
 * they are not 17 digits. */
char gu_idcard_check_char(const char *first17);
/* Returns a translated sentence saying what is wrong and how to fix it. */
const char *gu_id_status_text(gu_id_status s);
/* Masks an ID number for lists: the first 6 and last 4 characters kept,
 * the 8 between as '*'.  buf must hold 19 bytes; returns buf. */
char *gu_idcard_mask(const char *number, char *buf);
/* As gu_idcard_parse, with the birth date judged against `today`. */
gu_id_status gu_idcard_parse_on(const char *s, gu_date today, gu_idcard *out);
/* Writes into buf a translated sentence with the details of what is wrong
 * ("the last character should be 7, not 5: ..."); returns buf, or NULL
 * when s is a valid ID number. */
const char *gu_idcard_reason(const char *s, char *buf, size_t size);
/* As gu_idcard_reason, with the birth date judged against `today`. */
const char *gu_idcard_reason_on(const char *s, gu_date today, char *buf, size_t size);

#endif
