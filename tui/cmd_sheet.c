/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai sheet: the referral sheets of a case (one per lead department,
 * each with its return slip) or the guardian's consent form, as HTML for
 * A4 printing or as plain text. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/policy.h"
#include "db/safe_write.h"
#include "db/sheet.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_DEPT = GU_OPT_OWN, OPT_OUT, OPT_FORMAT, OPT_FORCE, OPT_CONSENT, OPT_OVERRIDE,
	OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s sheet [OPTION]... ID\n"), PACKAGE);
	fprintf(f, _("       %s sheet --consent [OPTION]... [ID]\n"), PACKAGE);
	fputs(_("Write the referral sheets of case ID: one for each lead department of its\n"
		"eligible and verify items, with the child's essential data, the items with\n"
		"their verdict and reason, the worker, signature lines and a return slip for\n"
		"the department to fill in and send back.  Each sheet printed is recorded on\n"
		"the referral of its items (a referral is made when there was none) and in\n"
		"the audit log.  With --consent, the guardian's consent form (blank without ID).\n\n"), f);
	fputs(_("  --dept NAME        only the sheet for this department (as the policy names it)\n"
		"  --out FILE         write to FILE (never over an existing file without --force);\n"
		"                     default: standard output\n"
		"  --format html|text HTML laid out for A4 printing (default) or plain text\n"
		"  --force            replace FILE when it exists\n"
		"  --consent          the consent form instead of referral sheets\n"
		"  --override-consent REASON  (supervisors) print for a case that records no\n"
		"                     legal basis, for this reason (kept in the audit log)\n"), f);
	fputs(_("  --db PATH          the database to use\n"
		"  --user NAME        who is working\n\n"
		"The ID number is masked unless the policy's sheet_id_number_depts names the\n"
		"department and the user may see whole numbers; printing it whole is recorded\n"
		"as a reveal.\n"), f);
}

/* Sets *format from a --format argument; returns true or prints what is wrong. */
static bool format_ok(const char *arg, enum gu_sheet_format *format)
{
	if (!arg || strcmp(arg, "html") == 0)
		*format = GU_SHEET_HTML;
	else if (strcmp(arg, "text") == 0)
		*format = GU_SHEET_TEXT;
	else {
		gu_complain(_("--format: \"%s\" is not a format; say html or text"), arg);
		return false;
	}
	return true;
}

/* Writes the set to standard output and records it; returns 0 or < 0. */
static int to_stdout(gu_db *db, const gu_sheet_set *s, enum gu_sheet_format format,
	gu_error *err)
{
	char *text = gu_sheet_render(s, format);
	int ret;

	if (!text)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	if (fputs(text, stdout) == EOF || fflush(stdout) != 0)
		ret = gu_error_set(err, GU_EIO, NULL, 0, 0, "%s", _("cannot write to standard output"));
	else
		ret = gu_sheet_record(db, s, gu_sheet_format_name(format), text, err);
	free(text);
	return ret;
}

/* Runs "guanai sheet"; returns the exit status. */
int cmd_sheet(int argc, char **argv)
{
	static const struct option own[] = {
		{ "dept", required_argument, NULL, OPT_DEPT },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "consent", no_argument, NULL, OPT_CONSENT },
		{ "override-consent", required_argument, NULL, OPT_OVERRIDE },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	enum gu_sheet_format format = GU_SHEET_HTML;
	char buf[1024], id[GU_ID_SIZE];
	const char *out;
	bool consent;
	gu_sheet_set *s = NULL;
	gu_policy *p = NULL;
	gu_db *db = NULL;
	gu_error err;
	int status, ret;

	status = gu_command_options(argc, argv, "sheet", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	consent = o[OPT_CONSENT - GU_OPT_OWN] != NULL;
	out = o[OPT_OUT - GU_OPT_OWN];
	if (!format_ok(o[OPT_FORMAT - GU_OPT_OWN], &format))
		return 2;
	if (argc - optind > 1 || (!consent && argc - optind != 1)) {
		gu_complain(_("give the id of one case; \"%s cases\" lists them"), PACKAGE);
		return 2;
	}
	if (gu_policy_load_file(gu_policy_path(), &p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 2;
	}
	s = calloc(1, sizeof *s);
	status = s ? gu_cli_open(0, &db) : 1;
	if (status != 0)
		goto cleanup;
	gu_error_clear(&err);
	ret = optind < argc ? gu_case_resolve(db, argv[optind], id, &err) : 0;
	if (ret == 0 && consent)
		ret = gu_sheet_consent_form(db, p, optind < argc ? id : NULL, s, &err);
	else if (ret == 0)
		ret = gu_sheet_referrals(db, p, id, o[OPT_DEPT - GU_OPT_OWN],
			o[OPT_OVERRIDE - GU_OPT_OWN], s, &err);
	if (ret == 0)
		ret = out ? gu_sheet_write(db, s, format, out,
				o[OPT_FORCE - GU_OPT_OWN] ? GU_SAFE_REPLACE : 0, &err)
			: to_stdout(db, s, format, &err);
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_ENOTFOUND || err.code == GU_EINVAL || err.code == GU_EEXIST
			? 2 : 1;
	} else if (out) {
		fprintf(stderr, _("%s: written to %s (sheets: %zu)\n"), PACKAGE, out, s->n);
	}
	gu_sheet_set_free(s);
cleanup:
	free(s);
	gu_db_close(db);
	gu_policy_free(p);
	return status;
}
