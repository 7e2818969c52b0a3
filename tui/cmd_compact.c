/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai compact: leaves out the explanations a database stored before
 * they were rebuilt on demand, where the policy gives them back
 * identical, then rewrites the file without the space they took. */

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/policy.h"
#include "db/compact.h"
#include "db/store.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s compact [--db PATH]\n"), PACKAGE);
	fputs(_("Make the database smaller: the explanations its results stored are left out\n"
		"where the policy file gives them back identical (they are then rebuilt when\n"
		"shown); the others are kept.  Then the file is rewritten without the space\n"
		"they took, which needs free space of twice the file's size on its disk.\n"), f);
}

/* Returns the seconds of the monotonic clock. */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Says on standard error how far the comparison is, at most twice a
 * second; returns true to go on. */
static bool progress(void *ctx, long done, long total)
{
	double *last = ctx, t = now_s();

	if (done < total && t - *last < 0.5)
		return true;
	*last = t;
	fprintf(stderr, _("%s: %ld of %ld cases compared\n"), PACKAGE, done, total);
	return true;
}

/* Runs "guanai compact"; returns the exit status. */
int cmd_compact(int argc, char **argv)
{
	gu_policy *p = NULL;
	gu_db *db = NULL;
	gu_compact_report rep = { 0 };
	gu_error err;
	char buf[1024];
	double last = 0;
	int status = gu_command_options(argc, argv, "compact", usage, NULL, NULL, NULL);

	if (status >= 0)
		return status;
	if (optind < argc) {
		gu_complain(_("\"%s compact\" takes no arguments; use --db PATH to choose the database"),
			PACKAGE);
		return 2;
	}
	if (gu_policy_load_file(gu_policy_path(), &p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0) {
		gu_policy_free(p);
		return status;
	}
	if (gu_db_use_policy(db, p, &err) < 0
			|| gu_compact_explanations(db, progress, &last, &rep, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 1;
		goto cleanup;
	}
	printf(_("%s: %ld explanations left out (rebuilt when shown), %ld kept, of %ld cases\n"),
		gu_db_path(db), rep.left_out, rep.kept, rep.cases);
	fprintf(stderr, _("%s: rewriting the database without the space they took\n"), PACKAGE);
	if (gu_compact_vacuum(db, &rep, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 1;
		goto cleanup;
	}
	printf(_("%s: %.1f MB before, %.1f MB now\n"), gu_db_path(db), (double)rep.before / 1e6,
		(double)rep.after / 1e6);
cleanup:
	gu_db_close(db);
	gu_policy_free(p);
	return status;
}
