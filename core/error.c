/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one table of error codes, and filling a gu_error. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/i18n.h"

#define GU_ERROR_TEXT(name, text) text,
static const char *const code_texts[] = { GU_ERROR_TABLE(GU_ERROR_TEXT) };
#undef GU_ERROR_TEXT

/* Clears e. */
void gu_error_clear(gu_error *e)
{
	if (!e)
		return;
	e->code = GU_OK;
	e->where[0] = '\0';
	e->message[0] = '\0';
}

/* Returns the translated short description of code. */
const char *gu_code_text(enum gu_code code)
{
	if ((unsigned)code >= GU_CODE_COUNT)
		return _("unknown error");
	return _(code_texts[code]);
}

/* Fills e and returns -(int)code. */
int gu_error_set(gu_error *e, enum gu_code code, const char *file, int line,
	int column, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -(int)code;
	e->code = code;
	e->where[0] = '\0';
	if (file && line > 0 && column > 0)
		snprintf(e->where, sizeof e->where, "%s:%d:%d", file, line, column);
	else if (file && line > 0)
		snprintf(e->where, sizeof e->where, "%s:%d", file, line);
	else if (file)
		snprintf(e->where, sizeof e->where, "%s", file);
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(e->message, sizeof e->message, fmt, ap);
		va_end(ap);
	} else {
		snprintf(e->message, sizeof e->message, "%s", gu_code_text(code));
	}
	return -(int)code;
}

/* Returns "where: message" written into buf. */
const char *gu_error_text(const gu_error *e, char *buf, size_t size)
{
	if (!e || size == 0)
		return "";
	if (e->where[0])
		snprintf(buf, size, "%s: %s", e->where, e->message);
	else
		snprintf(buf, size, "%s", e->message[0] ? e->message : gu_code_text(e->code));
	return buf;
}
