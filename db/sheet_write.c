/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Writing sheets to a file the user named, the safe way, and recording
 * them (db/sheet.h). */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/internal.h"
#include "db/safe_write.h"
#include "db/sheet.h"

/* The width of a plain-text sheet, in columns. */
#define TEXT_WIDTH 72

/* Returns the set rendered in format (malloc'd), or NULL when out of memory. */
char *gu_sheet_render(const gu_sheet_set *s, enum gu_sheet_format format)
{
	return format == GU_SHEET_HTML ? gu_doc_html(&s->doc) : gu_doc_text(&s->doc, TEXT_WIDTH);
}

/* Returns the name of a format as the sheets table records it. */
const char *gu_sheet_format_name(enum gu_sheet_format format)
{
	return format == GU_SHEET_HTML ? "html" : "text";
}

/* Writes all n bytes of text to fd; returns 0 or -1 with errno set. */
static int write_all(int fd, const char *text, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, text, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		text += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Renders, writes through the safe writer and records; returns 0 or < 0. */
int gu_sheet_write(gu_db *db, const gu_sheet_set *s, enum gu_sheet_format format,
	const char *path, unsigned flags, gu_error *err)
{
	gu_safe_file sf;
	char *text;
	int ret;
	GU_ERR_LOCAL(err);

	text = gu_sheet_render(s, format);
	if (!text)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	ret = gu_safe_open(db, path, flags, &sf, err);
	if (ret < 0) {
		free(text);
		return ret;
	}
	if (write_all(sf.fd, text, strlen(text)) < 0) {
		ret = gu_error_set(err, GU_EIO, path, 0, 0, _("cannot write the file: %s"),
			strerror(errno));
		gu_safe_abort(&sf);
	} else {
		ret = gu_safe_commit(&sf, err);
	}
	if (ret == 0)
		ret = gu_sheet_record(db, s, gu_sheet_format_name(format), text, err);
	free(text);
	return ret;
}
