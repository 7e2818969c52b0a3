/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai cases: the stored cases as tab-separated lines, newest first. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/idcard.h"
#include "core/text.h"
#include "db/search.h"
#include "db/store.h"
#include "tui/commands.h"
#include "tui/cases_csv.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_STATUS = 0x2000, OPT_WORKER, OPT_TOWNSHIP, OPT_SEARCH, OPT_LIMIT };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s cases [OPTION]...\n"), PACKAGE);
	fputs(_("List the stored cases, newest change first, one per line with tabs between:\n"
		"id, status, last change, child's name, ID number (masked), township, worker,\n"
		"answers saved, progress, eligible items, items to verify.\n\n"), f);
	fputs(_("  --status LIST     only these statuses, such as draft,returned\n"
		"  --worker NAME     only this worker's cases\n"
		"  --township NAME   only cases of this township\n"
		"  --search TEXT     only children whose name or ID number contains TEXT\n"
		"  --limit N         at most N cases\n"
		"  --db PATH         the database to read\n"), f);
	fputs(_("  --user NAME       who is working, once the database has users\n"
		"  --password-file FILE  read that user's password from FILE\n"
		"  --csv             write the cases and their services as CSV for a\n"
		"                    spreadsheet instead (\"cases --csv --help\" for its options)\n"), f);
}

/* Prints s with tabs and line breaks made spaces and other control
 * characters escaped (core/text.h). */
static void put_field(const char *s)
{
	char *safe = gu_text_escape_controls(s, GU_ESCAPE_FIELD);

	fputs(safe ? safe : "?", stdout);
	free(safe);
}

/* Prints one case as a line. */
static void put_case(const gu_case_row *c)
{
	char when[32] = "", masked[19];
	time_t t = (time_t)(c->updated / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	printf("%s\t%s\t%s\t", c->id, gu_case_status_name(c->status), when);
	put_field(c->child_name);
	putchar('\t');
	/* ID numbers are never listed whole; a supervisor reveals one on screen. */
	put_field(c->child_id_number[0] && strcmp(c->child_id_number, "none") != 0
		? gu_idcard_mask(c->child_id_number, masked) : c->child_id_number);
	putchar('\t');
	put_field(c->township);
	putchar('\t');
	put_field(c->worker);
	printf("\t%d\t%d/%d\t%d\t%d\n", c->answered, c->progress_done, c->progress_total,
		c->n_eligible, c->n_verify);
}

/* Runs "guanai cases"; returns the exit status. */
int cmd_cases(int argc, char **argv)
{
	static const struct option longopts[] = {
		GU_COMMON_LONGOPTS,
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "worker", required_argument, NULL, OPT_WORKER },
		{ "township", required_argument, NULL, OPT_TOWNSHIP },
		{ "search", required_argument, NULL, OPT_SEARCH },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ "help", no_argument, NULL, GU_OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	/* the lines show neither the groups nor the next follow-up */
	gu_case_filter f = { .sort = GU_SORT_UPDATED, .bare = true };
	gu_case_row last;
	size_t limit = 0, printed = 0;
	gu_db *db = NULL;
	gu_error err;
	char buf[1024], *end;
	int opt, status = 0;

	/* The spreadsheet export has options of its own. */
	for (opt = 1; opt < argc && strcmp(argv[opt], "--") != 0; opt++)
		if (strcmp(argv[opt], "--csv") == 0)
			return gu_cases_csv(argc, argv);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case GU_OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_STATUS:
			if (gu_case_status_mask_parse(optarg, &f.status_mask, &err) < 0) {
				gu_complain("%s", err.message);
				return 2;
			}
			break;
		case OPT_WORKER:
			f.worker = optarg;
			break;
		case OPT_TOWNSHIP:
			f.township = optarg;
			break;
		case OPT_SEARCH:
			f.query = optarg;
			break;
		case OPT_LIMIT:
			limit = (size_t)strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || limit == 0) {
				gu_complain(_("--limit takes a number above 0, not \"%s\""), optarg);
				return 2;
			}
			break;
		case '?':
			gu_complain(_("unknown option or missing argument \"%s\"; see \"%s cases --help\""),
				argv[optind - 1], PACKAGE);
			return 2;
		default:
			if (gu_common_option(opt, optarg) != 0)
				return 2;
		}
	}
	if (optind < argc) {
		gu_complain(_("\"%s cases\" takes no arguments; see \"%s cases --help\""), PACKAGE,
			PACKAGE);
		return 2;
	}
	status = gu_cli_open(GU_DB_OPEN_READONLY, &db);
	if (status != 0)
		return status;
	/* Pages of cases, so a large database needs little memory; each page
	 * starts after the last case printed, so each costs the same. */
	for (;;) {
		gu_case_row *v;
		size_t n, i;

		f.limit = 500;
		if (limit && limit - printed < f.limit)
			f.limit = limit - printed;
		if (gu_case_list(db, &f, &v, &n, &err) < 0) {
			gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
			status = 1;
			break;
		}
		for (i = 0; i < n; i++)
			put_case(&v[i]);
		if (n > 0)
			last = v[n - 1];
		free(v);
		f.after = &last;
		printed += n;
		if (n < f.limit || (limit && printed >= limit))
			break;
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
