/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai duplicates [--all] | duplicates different A B | duplicates merge
 * KEEP OTHER: cases that may be one child entered twice. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/exchange.h"
#include "tui/commands.h"
#include "tui/exchange_cli.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_ALL = GU_OPT_OWN, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s duplicates [--all]\n"
		"       %s duplicates different CASE CASE\n"
		"       %s duplicates merge KEEP OTHER\n"), PACKAGE, PACKAGE, PACKAGE);
	fputs(_("At the office (a supervisor): the pairs of cases that may be the same\n"
		"child, found on receiving (the same ID number, or the same name, date of\n"
		"birth and township).  Mark a pair as different children, or merge OTHER\n"
		"into KEEP: the answers KEEP lacks are copied from OTHER, both histories\n"
		"stay, OTHER is closed with a note naming KEEP.  Both are audited.\n\n"), f);
	fputs(_("  --all   also the pairs already decided\n"), f);
}

/* Prints the pairs; returns the exit status. */
static int list(gu_db *db, bool all)
{
	gu_xchg_duplicate *v = NULL;
	gu_error err;
	size_t n = 0, i;

	if (gu_xchg_duplicate_list(db, all, &v, &n, &err) < 0)
		return gu_cli_fail(&err);
	if (n == 0)
		printf("%s\n", _("No possible duplicate to decide."));
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\n", v[i].case_a, v[i].case_b,
			strcmp(v[i].why, "id_number") == 0 ? _("same ID number")
			: strcmp(v[i].why, "pinyin_dob_township") == 0
			? _("same name in pinyin, date of birth and township")
			: _("same name, date of birth and township"), v[i].state);
	free(v);
	return 0;
}

/* Runs "guanai duplicates"; returns the exit status. */
int cmd_duplicates(int argc, char **argv)
{
	static const struct option own[] = {
		{ "all", no_argument, NULL, OPT_ALL },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	char a[GU_ID_SIZE], b[GU_ID_SIZE];
	gu_error err;
	gu_db *db;
	int status, n;

	status = gu_command_options(argc, argv, "duplicates", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	n = argc - optind;
	if (!(n == 0 || (n == 3 && (strcmp(argv[optind], "different") == 0
				    || strcmp(argv[optind], "merge") == 0)))) {
		gu_complain(_("say \"duplicates\", \"duplicates different CASE CASE\" or "
			"\"duplicates merge KEEP OTHER\"; see \"%s duplicates --help\""), PACKAGE);
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (n == 0) {
		status = list(db, o[OPT_ALL - GU_OPT_OWN] != NULL);
		goto done;
	}
	if (gu_case_resolve(db, argv[optind + 1], a, &err) < 0
	    || gu_case_resolve(db, argv[optind + 2], b, &err) < 0) {
		status = gu_cli_fail(&err);
		goto done;
	}
	if (strcmp(argv[optind], "different") == 0) {
		if (gu_xchg_duplicate_different(db, a, b, &err) < 0)
			status = gu_cli_fail(&err);
		else
			printf(_("Cases %.8s and %.8s are marked as different children.\n"), a, b);
	} else if (gu_xchg_duplicate_merge(db, a, b, &err) < 0) {
		status = gu_cli_fail(&err);
	} else {
		printf(_("Case %.8s is merged into case %.8s and closed.\n"), b, a);
	}
done:
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
