/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai dashboard: counts for a period as text, with bars. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/policy.h"
#include "core/region.h"
#include "core/text.h"
#include "db/dashboard.h"
#include "db/groups.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_FROM = GU_OPT_OWN, OPT_TO, OPT_TODAY, OPT_END };

#define BAR_COLS 40
#define LABEL_COLS 16
/* a township's name two counties share, with its county: 城关街道（北票市） */
#define TOWNSHIP_COLS 18

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s dashboard [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"), PACKAGE);
	fprintf(f, _("Count the cases interviewed in a period (by their interview date): by\n"
		"status, by group, by item (1-%d), by township, by hukou county and by worker\n"
		"(the one a case is assigned to, else who made it), the follow-ups that are\n"
		"open or overdue, and the alerts (强制报告, 控辍保学) raised and reported.  A\n"
		"worker sees only their own cases.\n\n"), gu_policy_items_or_max(NULL));
	fputs(_("  --from DATE   the first day of the period (default: the first case)\n"
		"  --to DATE     the last day of the period (default: today)\n"
		"  --today DATE  count as overdue what was due before DATE (default: today)\n"
		"  --user NAME   who is working\n"
		"  --password-file FILE  read the password from FILE\n"
		"  --db PATH     the database to read\n"), f);
}

/* Prints label (its control characters escaped) padded or cut to cols
 * columns. */
static void put_label(const char *label, int cols)
{
	char *safe = gu_text_escape_controls(label, GU_ESCAPE_FIELD);
	const char *text = safe ? safe : "?";
	int used = 0;
	size_t len = gu_text_fit(text, strlen(text), cols, &used);

	fwrite(text, 1, len, stdout);
	for (; used < cols; used++)
		putchar(' ');
	free(safe);
}

/* Returns the name of item k in the policy, or "" without one. */
static const char *item_name(const gu_policy *p, int k)
{
	const gu_item *it = p ? gu_policy_item_by_number(p, k) : NULL;

	return gu_item_name(it);
}

/* Prints a bar of value scaled so that max fills BAR_COLS. */
static void put_bar(long value, long max)
{
	long cols = max > 0 ? (value * BAR_COLS + max - 1) / max : 0;

	for (; cols > 0; cols--)
		putchar('#');
}

/* Prints one labelled line, its label cols wide, with a count and a bar. */
static void put_line(const char *label, int cols, long value, long max)
{
	fputs("  ", stdout);
	put_label(label, cols);
	printf(" %7ld ", value);
	put_bar(value, max);
	putchar('\n');
}

/* Prints a titled list of counts, most first; counties are named from the
 * region list (their code when it lacks them). */
static void print_counts(const char *title, const gu_dash_count *v, size_t n, bool counties)
{
	size_t i;

	printf("\n%s\n", title);
	for (i = 0; i < n; i++) {
		const char *label = v[i].name;
		const gu_region_entry *e = counties && label[0] ? gu_region_lookup(label) : NULL;

		if (e)
			label = gu_pick(e->zh, e->en);
		put_line(label[0] ? label : _("(none)"), LABEL_COLS, v[i].cases, v[0].cases);
	}
}

/* Prints the dashboard. */
static void print_dashboard(const gu_dashboard *d, const gu_policy *p, const char *from,
	const char *to)
{
	long max;
	size_t i;
	int k, nitems = p ? (int)gu_policy_item_count(p) : 0;

	/* TRANSLATORS: the first line of the dashboard: the cases whose interview
	   date is in the period; the words "from" and "to" are replaced by dates
	   or by "start" and "now" */
	printf(_("Cases by interview date, from %s to %s: %ld\n"), from ? from : _("the start"),
		to ? to : _("now"), d->cases);
	for (k = 0; k < GU_CASE_STATUS_COUNT; k++)
		printf("%s%s %ld", k ? ", " : "  ", gu_case_status_label((enum gu_case_status)k),
			d->by_status[k]);
	putchar('\n');
	printf("\n%s\n", _("Groups"));
	max = d->floating;
	if (d->left_behind > max)
		max = d->left_behind;
	if (d->difficult > max)
		max = d->difficult;
	put_line(gu_group_label("floating"), LABEL_COLS, d->floating, max);
	put_line(gu_group_label("left_behind"), LABEL_COLS, d->left_behind, max);
	put_line(gu_group_label("difficult"), LABEL_COLS, d->difficult, max);
	printf("\n%s\n", _("Items: cases eligible + to verify"));
	max = 0;
	if (d->items > nitems)
		nitems = d->items;
	for (k = 1; k <= nitems; k++)
		if (d->eligible[k] + d->verify[k] > max)
			max = d->eligible[k] + d->verify[k];
	if (d->items > nitems)
		nitems = d->items;
	for (k = 1; k <= nitems; k++) {
		printf("  %2d ", k);
		put_label(item_name(p, k), LABEL_COLS);
		printf(" %6ld + %-5ld ", d->eligible[k], d->verify[k]);
		put_bar(d->eligible[k] + d->verify[k], max);
		putchar('\n');
	}
	printf("\n%s\n", _("Townships"));
	max = d->ntownships ? d->townships[0].cases : 0;
	for (i = 0; i < d->ntownships; i++)
		put_line(d->townships[i].township[0] ? d->townships[i].township : _("(none)"),
			TOWNSHIP_COLS, d->townships[i].cases, max);
	print_counts(_("Hukou counties"), d->counties, d->ncounties, true);
	print_counts(_("Workers (assigned, else who made the case)"), d->workers, d->nworkers,
		false);
	printf("\n");
	printf(_("Follow-ups: %ld open, %ld overdue\n"), d->followups_open, d->overdue);
	/* TRANSLATORS: the cases of the period with the alert, and how many of
	   them have the report recorded (made or overridden by a supervisor) */
	printf(_("强制报告 (child safety): %ld raised, %ld reported\n"),
		d->reports[GU_REPORT_POLICE].raised, d->reports[GU_REPORT_POLICE].recorded);
	/* TRANSLATORS: as above, for a school-age child not in school */
	printf(_("控辍保学 (out of school): %ld raised, %ld reported\n"),
		d->reports[GU_REPORT_EDUCATION].raised, d->reports[GU_REPORT_EDUCATION].recorded);
}

/* Runs "guanai dashboard"; returns the exit status. */
int cmd_dashboard(int argc, char **argv)
{
	static const struct option own[] = {
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "today", required_argument, NULL, OPT_TODAY },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	const char *from = NULL, *to = NULL, *today = NULL;
	gu_policy *p = NULL;
	gu_dashboard d;
	char buf[1024];
	gu_error err;
	gu_db *db;
	int status;

	status = gu_command_options(argc, argv, "dashboard", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	from = o[OPT_FROM - GU_OPT_OWN];
	to = o[OPT_TO - GU_OPT_OWN];
	today = o[OPT_TODAY - GU_OPT_OWN];
	if (optind < argc) {
		gu_complain(_("\"%s dashboard\" takes no arguments; see \"%s dashboard --help\""),
			PACKAGE, PACKAGE);
		return 2;
	}
	status = gu_cli_open(GU_DB_OPEN_READONLY, &db);
	if (status != 0)
		return status;
	if (gu_dashboard_load(db, from, to, today, &d, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	} else {
		/* Without the policy file the items are shown by number only. */
		if (gu_policy_load_file(gu_policy_path(), &p, &err) < 0)
			p = NULL;
		print_dashboard(&d, p, from, to);
		gu_dashboard_free(&d);
		gu_policy_free(p);
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
