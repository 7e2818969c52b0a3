/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Converting an answers file from another encoding to UTF-8. */

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/recode.h"

/* Returns true for the encodings an answers file may be read from. */
bool gu_recode_known(const char *name)
{
	return name && (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "gb18030") == 0);
}

/* Returns the line (from 1) of byte offset at in the text. */
static int line_of(const char *in, size_t at)
{
	int line = 1;

	for (size_t i = 0; i < at; i++)
		if (in[i] == '\n')
			line++;
	return line;
}

/* Converts the text to UTF-8; returns 0 or a negative code (see recode.h). */
int gu_recode_to_utf8(const char *name, const char *in, size_t len,
	const char *filename, char **out, size_t *outlen, gu_error *err)
{
	iconv_t cd = (iconv_t)-1;
	char *buf = NULL, *src = (char *)in, *dst;
	size_t cap = len * 2 + 16, left = len, room;
	int rc = 0;

	*out = NULL;
	*outlen = 0;
	if (!gu_recode_known(name))
		return gu_error_set(err, GU_EINVAL, filename, 0, 0,
			_("--encoding takes utf-8 or gb18030, not \"%s\""), name ? name : "");
	cd = iconv_open("UTF-8", strcasecmp(name, "utf-8") == 0 ? "UTF-8" : "GB18030");
	if (cd == (iconv_t)-1)
		return gu_error_set(err, GU_EINVAL, filename, 0, 0,
			_("this system cannot convert from %s (iconv)"), name);
	buf = malloc(cap + 1);
	if (!buf) {
		rc = gu_error_set(err, GU_ENOMEM, filename, 0, 0, NULL);
		goto cleanup;
	}
	dst = buf;
	room = cap;
	while (left > 0) {
		if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = (size_t)(dst - buf);
			char *nb = realloc(buf, cap * 2 + 1);

			if (!nb) {
				rc = gu_error_set(err, GU_ENOMEM, filename, 0, 0, NULL);
				goto cleanup;
			}
			buf = nb;
			cap *= 2;
			dst = buf + used;
			room = cap - used;
			continue;
		}
		rc = gu_error_set(err, GU_ESYNTAX, filename, line_of(in, (size_t)(src - in)), 0,
			_("the line is not valid %s text: check the file's encoding"),
			strcasecmp(name, "utf-8") == 0 ? "UTF-8" : "GB18030");
		goto cleanup;
	}
	*dst = '\0';
	*out = buf;
	*outlen = (size_t)(dst - buf);
	buf = NULL;
cleanup:
	free(buf);
	iconv_close(cd);
	return rc;
}
