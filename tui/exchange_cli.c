/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Files for the exchange's commands: read whole, or written safely. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/safe_write.h"
#include "tui/exchange_cli.h"
#include "tui/options.h"

/* Prints err's message; returns the exit status for it. */
int gu_cli_fail(const gu_error *err)
{
	char buf[1024];

	gu_complain("%s", gu_error_text(err, buf, sizeof buf));
	return err->code == GU_EINVAL ? 2 : 1;
}

/* Reads a whole file; returns 0 or 1 after a message. */
int gu_cli_read_file(const char *path, size_t max, unsigned char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;
	int status = 0;

	*data = NULL;
	*len = 0;
	if (!f) {
		gu_complain(_("cannot read %s: %s"), path, strerror(errno));
		return 1;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			unsigned char *nb;

			cap = cap ? 2 * cap : 65536;
			nb = cap <= max + 1 ? realloc(buf, cap + 1) : NULL;
			if (!nb) {
				gu_complain(cap > max + 1 ? _("%s is too large to be a guanai file")
					: _("out of memory reading %s"), path);
				status = 1;
				break;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				gu_complain(_("cannot read %s: %s"), path, strerror(errno));
				status = 1;
			}
			break;
		}
	}
	fclose(f);
	if (status != 0) {
		free(buf);
		return status;
	}
	if (!buf && !(buf = malloc(1))) {
		gu_complain(_("out of memory reading %s"), path);
		return 1;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* Writes text to path through the safe writer; returns 0 or 1. */
int gu_cli_write_text(gu_db *db, const char *path, const char *text, bool replace)
{
	size_t n = strlen(text), done = 0;
	gu_safe_file f;
	gu_error err;

	if (gu_safe_open(db, path, replace ? GU_SAFE_REPLACE : 0, &f, &err) < 0)
		return gu_cli_fail(&err) ? 1 : 1;
	while (done < n) {
		ssize_t w = write(f.fd, text + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			gu_complain(_("cannot write %s: %s"), path, strerror(errno));
			gu_safe_abort(&f);
			return 1;
		}
		done += (size_t)w;
	}
	if (gu_safe_commit(&f, &err) < 0)
		return gu_cli_fail(&err) ? 1 : 1;
	return 0;
}
