/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai report: records a mandatory report of a case (强制报告 to the
 * police, 控辍保学 to the school or education office), or why it is not
 * made yet, or a supervisor's override. */

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "db/reports.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_DATE = GU_OPT_OWN, OPT_TO, OPT_BY, OPT_RECEIPT, OPT_NOT_YET, OPT_OVERRIDE, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s report ID police|education [OPTION]...\n"), PACKAGE);
	fputs(_("Record a mandatory report of case ID: police for 强制报告 (the child's safety,\n"
		"to the public security organ), education for 控辍保学 (a school-age child not\n"
		"in school, to the school or the township's education office).\n\n"), f);
	fputs(_("  --to UNIT          the police station, school or office reported to\n"
		"  --date YYYY-MM-DD  when it was reported (default: today)\n"
		"  --by NAME          who reported (default: the user working)\n"
		"  --receipt NUMBER   the receipt number, if any\n"
		"  --not-yet REASON   the report is not made yet, and why\n"
		"  --override REASON  (supervisors) let the case finish without the report\n"
		"  --user NAME        who is working\n"
		"  --password-file FILE  read the password from FILE\n"
		"  --db PATH          the database to use\n"), f);
}

/* Runs "guanai report"; returns the exit status. */
int cmd_report(int argc, char **argv)
{
	static const struct option own[] = {
		{ "date", required_argument, NULL, OPT_DATE },
		{ "to", required_argument, NULL, OPT_TO },
		{ "by", required_argument, NULL, OPT_BY },
		{ "receipt", required_argument, NULL, OPT_RECEIPT },
		{ "not-yet", required_argument, NULL, OPT_NOT_YET },
		{ "override", required_argument, NULL, OPT_OVERRIDE },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	gu_report_new r = { 0 };
	char buf[1024];
	gu_error err;
	gu_db *db;
	int status;

	status = gu_command_options(argc, argv, "report", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	if (optind + 2 != argc) {
		gu_complain(_("say \"report ID police|education --to UNIT\"; see \"%s report --help\""),
			PACKAGE);
		return 2;
	}
	if (gu_report_kind_parse(argv[optind + 1], &r.kind, &err) < 0) {
		gu_complain("%s", err.message);
		return 2;
	}
	r.date = o[OPT_DATE - GU_OPT_OWN];
	r.unit = o[OPT_TO - GU_OPT_OWN];
	r.by = o[OPT_BY - GU_OPT_OWN];
	r.receipt = o[OPT_RECEIPT - GU_OPT_OWN];
	r.not_yet = o[OPT_NOT_YET - GU_OPT_OWN];
	r.override = o[OPT_OVERRIDE - GU_OPT_OWN];
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (gu_report_add(db, argv[optind], &r, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	} else if (r.override) {
		printf(_("Case %s may finish without the report: %s.\n"), argv[optind], r.override);
	} else if (r.not_yet && *r.not_yet) {
		printf(_("Case %s: the report is not made yet (%s).\n"), argv[optind], r.not_yet);
	} else {
		printf(_("Case %s: reported to %s.\n"), argv[optind], r.unit);
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
