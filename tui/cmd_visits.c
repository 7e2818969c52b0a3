/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai visits: the cases visited regularly (定期走访), the earliest next
 * visit first, one per line, streamed as the database gives them. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/visit_schedule.h"
#include "db/visits.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_DUE = GU_OPT_OWN, OPT_OVERDUE, OPT_TOWNSHIP, OPT_TODAY, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s visits [--due|--overdue] [--township NAME]\n"), PACKAGE);
	fputs(_("List the cases visited regularly (定期走访), the earliest next visit first, one\n"
		"per line with tabs between: the date the next visit is due by, the case id,\n"
		"the last visit (- when none yet), the child's name, township and worker.\n"
		"How often each group is visited is set in the policy file.  A closed case\n"
		"is not listed; a worker sees their own cases.\n\n"), f);
	fputs(_("  --due             only the visits due from today to the end of this month\n"
		"  --overdue         only the visits whose date has passed\n"
		"  --township NAME   only cases of this township\n"
		"  --today YYYY-MM-DD  count as if today were this date\n"
		"  --user NAME       who is working\n"
		"  --password-file FILE  read the password from FILE\n"
		"  --db PATH         the database to read\n"), f);
}

/* Prints s with tabs and line breaks made spaces and other control
 * characters escaped (core/text.h). */
static void put_field(const char *s)
{
	char *safe = gu_text_escape_controls(s, GU_ESCAPE_FIELD);

	fputs(safe ? safe : "?", stdout);
	free(safe);
}

/* Prints one case of the list as a line; returns 0, or 1 when stdout
 * fails (which stops the list). */
static int put_visit(const gu_visit_due *v, void *ctx)
{
	(void)ctx;
	printf("%s\t%s\t%s\t", v->next, v->case_id, v->last[0] ? v->last : "-");
	put_field(v->child_name);
	putchar('\t');
	put_field(v->township);
	putchar('\t');
	put_field(v->worker);
	putchar('\n');
	return ferror(stdout) ? 1 : 0;
}

/* Reads the schedule from the policy file into s; returns 0, or prints
 * what is wrong and returns the exit status. */
static int read_schedule(gu_visit_schedule *s)
{
	gu_policy *p = NULL;
	char buf[1024];
	gu_error err;
	int ret;

	if (gu_policy_load_file(gu_policy_path(), &p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	ret = gu_visit_schedule_read(p, s, &err);
	gu_policy_free(p);
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	return 0;
}

/* Runs "guanai visits"; returns the exit status. */
int cmd_visits(int argc, char **argv)
{
	static const struct option own[] = {
		{ "due", no_argument, NULL, OPT_DUE },
		{ "overdue", no_argument, NULL, OPT_OVERDUE },
		{ "township", required_argument, NULL, OPT_TOWNSHIP },
		{ "today", required_argument, NULL, OPT_TODAY },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	enum gu_visit_which which = GU_VISITS_ALL;
	gu_visit_schedule sched;
	char buf[1024], today[16];
	gu_error err;
	gu_date d;
	gu_db *db;
	int status, ret;

	status = gu_command_options(argc, argv, "visits", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	if (optind < argc) {
		gu_complain(_("\"%s visits\" takes no arguments; see \"%s visits --help\""),
			PACKAGE, PACKAGE);
		return 2;
	}
	if (o[OPT_DUE - GU_OPT_OWN] && o[OPT_OVERDUE - GU_OPT_OWN]) {
		gu_complain(_("give --due or --overdue, not both"));
		return 2;
	}
	if (o[OPT_DUE - GU_OPT_OWN])
		which = GU_VISITS_DUE;
	if (o[OPT_OVERDUE - GU_OPT_OWN])
		which = GU_VISITS_OVERDUE;
	if (o[OPT_TODAY - GU_OPT_OWN]) {
		if (!gu_date_parse(o[OPT_TODAY - GU_OPT_OWN], &d)) {
			gu_complain(_("--today: \"%s\" is not a date; write it as YYYY-MM-DD"),
				o[OPT_TODAY - GU_OPT_OWN]);
			return 2;
		}
		gu_date_format(d, today);
	} else {
		gu_date_format(gu_date_today(), today);
	}
	status = read_schedule(&sched);
	if (status != 0)
		return status;
	status = gu_cli_open(GU_DB_OPEN_READONLY, &db);
	if (status != 0)
		return status;
	ret = gu_visits_each(db, &sched, which, o[OPT_TOWNSHIP - GU_OPT_OWN], today, put_visit,
		NULL, &err);
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 1;
	} else if (ret > 0) {
		status = 1;
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
