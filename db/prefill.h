/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Values to offer on a new interview from the interviews done before on
 * this laptop (the interviewer's name, the township). */
#ifndef GUANAI_DB_PREFILL_H
#define GUANAI_DB_PREFILL_H

#include <stddef.h>
#include "db/store.h"

/* Copies into buf the answer to key last given on this device by the user
 * logged in (any user when none is), leaving out the case being asked
 * (NULL: none).  Returns 1 when there is one, 0 when there is none (buf
 * ""), or < 0 with err set. */
int gu_prefill_last(gu_db *db, const char *key, const char *except_case,
	char *buf, size_t size, gu_error *err);

#endif
