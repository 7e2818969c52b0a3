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

/* Appends s to the line at p with tabs and line breaks made spaces and
 * other control characters escaped (core/text.h; p has room for four
 * times its length); returns the end. */
static char *add_field(char *p, const char *s)
{
	return p + gu_text_escape_controls_into(s, GU_ESCAPE_FIELD, p);
}

/* Appends s to the line at p; returns the end. */
static char *add_text(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* Appends v in decimal and the character after to the line at p; returns
 * the end. */
static char *add_int(char *p, int v, char after)
{
	char digits[16];
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	int n = 0;

	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*p++ = '-';
	while (n > 0)
		*p++ = digits[--n];
	*p++ = after;
	return p;
}

/* Writes the local time of ms (since the epoch) as "YYYY-MM-DD HH:MM" into
 * when (32 bytes); the minute last written is kept, so the many cases
 * changed within one minute (an import) are formatted once. */
static void format_when(gu_time_ms ms, char when[32])
{
	static time_t last_minute = (time_t)-1;
	static char last[32];
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (t / 60 != last_minute || t < 0) {
		last[0] = '\0';
		if (localtime_r(&t, &tm))
			strftime(last, sizeof last, "%Y-%m-%d %H:%M", &tm);
		last_minute = t < 0 ? (time_t)-1 : t / 60;
	}
	memcpy(when, last, sizeof last);
}

/* Prints one case as a line, built whole and written at once. */
static void put_case(const gu_case_row *c)
{
	/* every field escaped may take four times its room */
	char line[4 * (sizeof c->child_name + sizeof c->child_id_number + sizeof c->township
		+ sizeof c->worker) + sizeof c->id + 128];
	char when[32], masked[19], *p = line;

	format_when(c->updated, when);
	p = add_text(p, c->id);
	*p++ = '\t';
	p = add_text(p, gu_case_status_name(c->status));
	*p++ = '\t';
	p = add_text(p, when);
	*p++ = '\t';
	p = add_field(p, c->child_name);
	*p++ = '\t';
	/* ID numbers are never listed whole; a supervisor reveals one on screen. */
	p = add_field(p, c->child_id_number[0] && strcmp(c->child_id_number, "none") != 0
		? gu_idcard_mask(c->child_id_number, masked) : c->child_id_number);
	*p++ = '\t';
	p = add_field(p, c->township);
	*p++ = '\t';
	p = add_field(p, c->worker);
	*p++ = '\t';
	p = add_int(p, c->answered, '\t');
	p = add_int(p, c->progress_done, '/');
	p = add_int(p, c->progress_total, '\t');
	p = add_int(p, c->n_eligible, '\t');
	p = add_int(p, c->n_verify, '\n');
	fwrite(line, 1, (size_t)(p - line), stdout);
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
	/* the lines go out in large blocks, not one write a line */
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
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
