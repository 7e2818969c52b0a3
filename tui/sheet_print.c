/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Printing a case's referral sheets from a screen: a new HTML file in the
 * export folder, never over an existing one. */

#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "db/sheet.h"
#include "tui/config_files.h"
#include "tui/harness.h"
#include "tui/sheet_print.h"

/* The most names tried when files of the same day exist already. */
#define MAX_TRIES 50

/* Writes the set to the first free name; returns 0 with the name in path,
 * or < 0 with err set. */
static int write_new(gu_app *a, const gu_sheet_set *s, const char *case_id, char *path,
	size_t size, gu_error *err)
{
	char dir[4096];
	int k, ret = -GU_EEXIST;

	gu_config_export_dir(dir, sizeof dir);
	for (k = 1; k <= MAX_TRIES && ret == -GU_EEXIST; k++) {
		if (k == 1)
			snprintf(path, size, "%ssheets-%.8s-%s.html", dir, case_id, gu_today());
		else
			snprintf(path, size, "%ssheets-%.8s-%s-%d.html", dir, case_id, gu_today(), k);
		gu_error_clear(err);
		ret = gu_sheet_write(a->db, s, GU_SHEET_HTML, path, 0, err);
	}
	return ret;
}

/* Gathers, writes and records the sheets; puts the outcome on the message line. */
void gu_sheet_print(gu_app *a, const char *case_id)
{
	gu_sheet_set *s = calloc(1, sizeof *s);
	char path[4400], msg[4600];
	gu_error err;
	int ret;

	if (!s) {
		gu_app_message(a, GU_R_ERROR, _("out of memory"));
		return;
	}
	gu_error_clear(&err);
	ret = gu_sheet_referrals(a->db, a->pol, case_id, NULL, NULL, s, &err);
	if (ret == 0)
		ret = write_new(a, s, case_id, path, sizeof path, &err);
	if (ret < 0) {
		gu_app_message(a, GU_R_ERROR, err.message[0] ? err.message : gu_code_text(err.code));
	} else {
		/* TRANSLATORS: %s is the file written, %zu the number of departments */
		snprintf(msg, sizeof msg, _("Sheets saved to %s (departments: %zu); open it in a "
			"browser or WPS to print."), path, s->n);
		gu_app_message(a, GU_R_OK, msg);
	}
	gu_sheet_set_free(s);
	free(s);
}
