/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai rescreen: evaluates stored cases again on a new date or under a
 * new policy file and prints which items they gained, lost or changed. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/rescreen.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_ALL = GU_OPT_OWN, OPT_DATE, OPT_END };

static const char *const kind_names[] = { "gained", "lost", "changed" };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s rescreen ID|--all [--date YYYY-MM-DD] [--policy FILE]\n"), PACKAGE);
	fputs(_("Evaluate stored cases again, on a new interview date or under another policy\n"
		"file, and compare with their saved results.  One line per changed item, with\n"
		"tabs between: case, item, gained/lost/changed, verdict before, verdict now.\n"
		"With --all a summary follows.  Nothing is stored.\n\n"), f);
	fputs(_("  --all             every case you may see\n"
		"  --date DATE       count ages on this day instead of the interview date\n"
		"  --policy FILE     use this policy file\n"
		"  --user NAME       who is working\n"
		"  --password-file FILE  read the password from FILE\n"
		"  --db PATH         the database to read\n"), f);
}

/* Prints the changes of one case. */
static void put_changes(const gu_rescreen *r)
{
	size_t i;

	for (i = 0; i < r->nchanges; i++)
		printf("%s\t%d\t%s\t%s\t%s\n", r->case_id, r->changes[i].item,
			kind_names[r->changes[i].kind], gu_tv_verdict(r->changes[i].before),
			gu_tv_verdict(r->changes[i].after));
}

/* Prints a case's changes, or why it failed; for gu_rescreen_all. */
static void each_case(const char *case_id, const gu_rescreen *r, const gu_error *case_err,
	void *ctx)
{
	char buf[1024];

	(void)ctx;
	if (r)
		put_changes(r);
	else
		gu_complain(_("case %s: %s"), case_id, gu_error_text(case_err, buf, sizeof buf));
}

/* Prints the summary of --all. */
static void put_summary(const gu_rescreen_summary *s)
{
	int item;

	printf(_("%zu cases re-screened, %zu with changes, %zu could not be evaluated\n"),
		s->cases, s->changed, s->failed);
	for (item = 1; item < 1000; item++)
		if (s->gained[item] || s->lost[item] || s->verdict[item])
			printf(_("item %d: %zu gained, %zu lost, %zu changed verdict\n"), item,
				s->gained[item], s->lost[item], s->verdict[item]);
}

/* Runs "guanai rescreen"; returns the exit status. */
int cmd_rescreen(int argc, char **argv)
{
	static const struct option own[] = {
		{ "all", no_argument, NULL, OPT_ALL },
		{ "date", required_argument, NULL, OPT_DATE },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	const char *date = NULL;
	bool all = false;
	gu_policy *p = NULL;
	gu_db *db = NULL;
	char buf[1024];
	gu_error err;
	int status;

	status = gu_command_options(argc, argv, "rescreen", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	all = o[OPT_ALL - GU_OPT_OWN] != NULL;
	date = o[OPT_DATE - GU_OPT_OWN];
	if (all ? optind != argc : optind + 1 != argc) {
		gu_complain(_("give one case ID or --all; see \"%s rescreen --help\""), PACKAGE);
		return 2;
	}
	status = gu_cli_open(GU_DB_OPEN_READONLY, &db);
	if (status != 0)
		goto cleanup;
	/* a laptop's new interviews use the policy its office sent */
	if (gu_policy_load_for(db, &p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 1;
		goto cleanup;
	}
	if (all) {
		gu_rescreen_summary *sum = malloc(sizeof *sum);

		if (!sum || gu_rescreen_all(db, p, date, each_case, NULL, sum, &err) < 0) {
			if (!sum)
				gu_error_set(&err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
			gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
			status = err.code == GU_EINVAL ? 2 : 1;
		} else {
			put_summary(sum);
			status = sum->failed ? 1 : 0;
		}
		free(sum);
	} else {
		gu_rescreen r;

		if (gu_rescreen_case(db, p, argv[optind], date, &r, &err) < 0) {
			gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
			status = err.code == GU_EINVAL ? 2 : 1;
		} else {
			put_changes(&r);
			gu_rescreen_free(&r);
		}
	}
cleanup:
	gu_db_close(db);
	gu_policy_free(p);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
