/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai conflicts [--all] | conflicts resolve ID keep-office|keep-laptop|VALUE:
 * the fields a laptop changed on a case the office changed meanwhile. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/exchange.h"
#include "tui/commands.h"
#include "tui/conflict_words.h"
#include "tui/exchange_cli.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_ALL = GU_OPT_OWN, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s conflicts [--all]\n"
		"       %s conflicts resolve ID keep-office|keep-laptop|VALUE\n"), PACKAGE, PACKAGE);
	fputs(_("At the office (a supervisor): list the changes from laptops that met a\n"
		"change made here first (the case was returned, closed, or given to another\n"
		"laptop), with both values of each field: ID, case, table, column, the\n"
		"question (as the case view names it), the office's value and the laptop's\n"
		"(an answer in words), the device's worker, why.  Rows that only follow an\n"
		"answer (its history, the results) are decided with it and listed on their\n"
		"own only with --all or when no answer of theirs is in conflict.  Nothing\n"
		"is overwritten until a supervisor decides: keep the office's value, the\n"
		"laptop's, or a VALUE typed here (an answer checked as the interview checks\n"
		"it).  Every decision is audited and travels to the laptop.\n\n"), f);
	fputs(_("  --all   also the conflicts already decided\n"), f);
}

/* Prints the conflicts, each field named as the case view names it and
 * each value in words; returns the exit status. */
static int list(gu_db *db, const gu_policy *p, bool all)
{
	gu_xchg_conflict *v = NULL;
	char field[300], office[700], laptop[700];
	gu_error err;
	size_t n = 0, i;

	if (gu_xchg_conflict_list(db, all, &v, &n, &err) < 0)
		return gu_cli_fail(&err);
	if (n == 0)
		printf("%s\n", _("No conflict to decide."));
	for (i = 0; i < n; i++) {
		printf("%.8s\t%.8s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", v[i].id, v[i].case_id, v[i].tbl,
			v[i].col, gu_conflict_field(p, &v[i], field, sizeof field),
			gu_conflict_value(p, &v[i], true, office, sizeof office),
			gu_conflict_value(p, &v[i], false, laptop, sizeof laptop), v[i].worker,
			v[i].why);
		if (v[i].resolved)
			printf("\t%s %s", v[i].decision, v[i].decided_by);
		printf("\n");
	}
	gu_xchg_conflicts_free(v, n);
	return 0;
}

/* Runs "guanai conflicts"; returns the exit status. */
int cmd_conflicts(int argc, char **argv)
{
	static const struct option own[] = {
		{ "all", no_argument, NULL, OPT_ALL },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	enum gu_xkeep keep = GU_XKEEP_VALUE;
	const char *how;
	gu_policy *pol = NULL;
	gu_error err;
	gu_db *db;
	char buf[800];
	int status, n;

	status = gu_command_options(argc, argv, "conflicts", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	n = argc - optind;
	if (!(n == 0 || (n == 3 && strcmp(argv[optind], "resolve") == 0))) {
		gu_complain(_("say \"conflicts\" or \"conflicts resolve ID keep-office|keep-laptop|VALUE\"; "
			"see \"%s conflicts --help\""), PACKAGE);
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (gu_policy_load_for(db, &pol, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 2;
		goto done;
	}
	if (n == 0) {
		status = list(db, pol, o[OPT_ALL - GU_OPT_OWN] != NULL);
		goto done;
	}
	how = argv[optind + 2];
	if (strcmp(how, "keep-office") == 0)
		keep = GU_XKEEP_OFFICE;
	else if (strcmp(how, "keep-laptop") == 0)
		keep = GU_XKEEP_LAPTOP;
	if (gu_xchg_conflict_resolve(db, pol, argv[optind + 1], keep, how, &err) < 0)
		status = gu_cli_fail(&err);
	else
		printf(_("Conflict %s is decided (%s).\n"), argv[optind + 1],
			keep == GU_XKEEP_VALUE ? _("the value given") : how);
done:
	gu_policy_free(pol);
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
