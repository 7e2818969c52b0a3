/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Answers files saved by other tools: text in another encoding (GB18030,
 * as Windows tools in China save it) converted to UTF-8 through iconv. */
#ifndef GUANAI_CORE_RECODE_H
#define GUANAI_CORE_RECODE_H

#include <stdbool.h>
#include <stddef.h>
#include "core/error.h"

/* Returns true when name is an encoding an answers file may be read from:
 * "utf-8" or "gb18030" (either case). */
bool gu_recode_known(const char *name);
/* Converts len bytes of text in encoding name (see gu_recode_known) to
 * UTF-8 in a new malloc'd buffer *out of *outlen bytes (NUL-terminated).
 * Returns 0, or a negative code with err naming the file's line that is
 * not valid in that encoding (*out is then NULL). */
int gu_recode_to_utf8(const char *name, const char *in, size_t len,
	const char *filename, char **out, size_t *outlen, gu_error *err);

#endif
