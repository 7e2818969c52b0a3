/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai followup: records what happened to one referral of a case. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "db/access.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_DATE = GU_OPT_OWN, OPT_NOTE, OPT_DUE, OPT_UNIT, OPT_REASON, OPT_SIGNED_BY, OPT_END };

/* Prints the reasons of status s, one a line, to f. */
static void reason_lines(FILE *f, enum gu_ref_status s)
{
	size_t n, i;
	const gu_ref_reason *r = gu_ref_reasons(s, &n);

	fprintf(f, "      %s:\n", gu_ref_status_label(s));
	for (i = 0; i < n; i++)
		fprintf(f, "        %-14s %s\n", r[i].code, _(r[i].label));
}

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s followup ID ITEM STATUS [OPTION]...\n"), PACKAGE);
	fprintf(f, _("Record a follow-up of item ITEM (1-%d) of case ID: the referral's status from\n"
		"now on (referred, accepted, not_accepted, in_progress, delivered, declined or\n"
		"not_eligible), when it happened, a note and when to follow it up next.\n"
		"A department's return slip is entered the same way: accepted, not_accepted or\n"
		"delivered, its date, --signed-by and its note.\n\n"), gu_policy_items_or_max(NULL));
	fputs(_("  --date YYYY-MM-DD  when it happened (default: today)\n"
		"  --note TEXT        what happened\n"
		"  --due YYYY-MM-DD   when to follow it up next\n"
		"  --user NAME        who is working\n"
		"  --password-file FILE  read the password from FILE\n"
		"  --db PATH          the database to use\n"), f);
	fputs(_("  --unit NAME        the unit that received the referral (kept from then on)\n"), f);
	fputs(_("  --reason CODE      why it was not accepted or declined (needed for those):\n"), f);
	reason_lines(f, GU_REF_NOT_ACCEPTED);
	reason_lines(f, GU_REF_DECLINED);
	fputs(_("  --signed-by NAME   who signed the department's return slip this copies\n"), f);
}

/* Returns true when s is empty or a date; prints what is wrong otherwise. */
static bool date_ok(const char *s, const char *option)
{
	gu_date d;

	if (!s || gu_date_parse(s, &d))
		return true;
	gu_complain(_("%s: \"%s\" is not a date; write it as YYYY-MM-DD"), option, s);
	return false;
}

/* Parses an item number of the list of db's policy (its office's on an
 * enrolled laptop) into *item; returns true or prints what is wrong. */
static bool item_ok(gu_db *db, const char *s, int *item)
{
	int max = gu_policy_items_or_max(db);
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max) {
		gu_complain(_("\"%s\" is not an item number; give a number from 1 to %d"), s, max);
		return false;
	}
	*item = (int)v;
	return true;
}

/* Runs "guanai followup"; returns the exit status. */
int cmd_followup(int argc, char **argv)
{
	static const struct option own[] = {
		{ "date", required_argument, NULL, OPT_DATE },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "due", required_argument, NULL, OPT_DUE },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "signed-by", required_argument, NULL, OPT_SIGNED_BY },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	gu_followup_new fu = { 0 };
	char buf[1024];
	gu_error err;
	gu_db *db;
	int status, item = 0;

	status = gu_command_options(argc, argv, "followup", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	fu.date = o[OPT_DATE - GU_OPT_OWN];
	fu.note = o[OPT_NOTE - GU_OPT_OWN];
	fu.next_due = o[OPT_DUE - GU_OPT_OWN];
	fu.unit = o[OPT_UNIT - GU_OPT_OWN];
	fu.reason = o[OPT_REASON - GU_OPT_OWN];
	fu.signed_by = o[OPT_SIGNED_BY - GU_OPT_OWN];
	if (optind + 3 != argc) {
		gu_complain(_("say \"followup ID ITEM STATUS\"; see \"%s followup --help\""), PACKAGE);
		return 2;
	}
	if (!date_ok(fu.date, "--date") || !date_ok(fu.next_due, "--due"))
		return 2;
	if (gu_ref_status_parse(argv[optind + 2], &fu.status, &err) < 0) {
		gu_complain("%s", err.message);
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (!item_ok(db, argv[optind + 1], &item))
		status = 2;
	else if (gu_access_check_case(db, argv[optind], &err) < 0
	    || gu_followup_add(db, argv[optind], item, &fu, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL || err.code == GU_EEXIST ? 2 : 1;
	} else {
		printf(_("Item %d of case %s: %s.\n"), item, argv[optind],
			gu_ref_status_label(fu.status));
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
