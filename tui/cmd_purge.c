/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai purge: lists the closed cases past the policy's retention period
 * and, confirmed with --yes, removes their personal data. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "core/policy.h"
#include "core/text.h"
#include "db/purge.h"
#include "db/store.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_YES = GU_OPT_OWN, OPT_TODAY, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s purge [--yes] [--today DATE]\n"), PACKAGE);
	fputs(_("List the closed cases whose retention period (retention_months in the policy\n"
		"file) has passed.  With --yes, remove their personal data: the child's name and\n"
		"ID number, the answers, notes and explanations.  Each case's status, township,\n"
		"groups and services stay, so the dashboard still counts it.  Supervisors only;\n"
		"every purge is recorded in the audit log.\n\n"), f);
	fputs(_("  --yes         remove the personal data of the cases listed\n"
		"  --today DATE  count the period up to DATE (default: today)\n"
		"  --user NAME   who is working\n"
		"  --password-file FILE  read the password from FILE\n"
		"  --db PATH     the database to purge\n"), f);
}

/* Prints the cases to purge, one per line. */
static void list_cases(const gu_purge_case *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *town = gu_text_escape_controls(v[i].township, GU_ESCAPE_FIELD);

		printf("%s\t%s\t%s\n", v[i].id, v[i].closed_on, town ? town : "?");
		free(town);
	}
}

/* Reads the retention period from the policy file; returns 0 or 2 (printed). */
static int retention(long *months)
{
	gu_policy *p = NULL;
	char buf[1024];
	gu_error err;
	int ret = 0;

	if (gu_policy_load_file(gu_policy_path(), &p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 2;
	}
	if (gu_policy_param_long(p, "retention_months", months) < 0) {
		gu_complain(_("%s has no whole-number parameter retention_months; add one (param "
			"retention_months, value: the months a closed case is kept)"), gu_policy_name(p));
		ret = 2;
	}
	gu_policy_free(p);
	return ret;
}

/* Runs "guanai purge"; returns the exit status. */
int cmd_purge(int argc, char **argv)
{
	static const struct option own[] = {
		{ "yes", no_argument, NULL, OPT_YES },
		{ "today", required_argument, NULL, OPT_TODAY },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	const char *today = NULL;
	gu_purge_case *v = NULL;
	gu_db *db = NULL;
	char buf[1024];
	gu_error err;
	bool yes = false;
	long months = 0;
	size_t n = 0;
	int status;

	status = gu_command_options(argc, argv, "purge", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	yes = o[OPT_YES - GU_OPT_OWN] != NULL;
	today = o[OPT_TODAY - GU_OPT_OWN];
	if (optind < argc) {
		gu_complain(_("\"%s purge\" takes no arguments; see \"%s purge --help\""),
			PACKAGE, PACKAGE);
		return 2;
	}
	status = retention(&months);
	if (status == 0)
		status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (gu_purge_list(db, months, today, &v, &n, &err) < 0
	    || (yes && gu_purge_run(db, v, n, &err) < 0)) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
		goto cleanup;
	}
	list_cases(v, n);
	if (n == 0)
		printf(_("No closed case is past its retention period of %ld months.\n"), months);
	else if (yes)
		printf(_("Personal data removed from cases: %zu; their counts stay.\n"), n);
	else
		printf(_("Closed cases past the retention period of %ld months: %zu; run \"%s purge "
			"--yes\" to remove their personal data.\n"), months, n, PACKAGE);
cleanup:
	free(v);
	gu_db_close(db);
	return status;
}
