/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai review: a supervisor approves a completed case or returns it. */

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/closure.h"
#include "db/review.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_REASON = GU_OPT_OWN, OPT_NOTE, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	const gu_return_reason *r = NULL;
	const gu_close_reason *c = NULL;
	size_t n = 0, i;

	fprintf(f, _("Usage: %s review ID approve [--note TEXT]\n"
		"       %s review ID return --reason CODE --note TEXT\n"), PACKAGE, PACKAGE);
	fprintf(f, _("       %s review ID close --reason CODE [--note TEXT]\n"
		"       %s review ID reopen --note TEXT\n"), PACKAGE, PACKAGE);
	fputs(_("Approve a completed case, or return it to its worker with a reason and a\n"
		"note saying what to change.  Only a supervisor may review.  Every decision\n"
		"is kept in the audit log.\n\n"), f);
	fputs(_("Close a case when there is no more work on it, with a reason; reopen it\n"
		"with a note saying why (it gets back the status it had).\n\n"), f);
	fputs(_("Reasons for returning a case:\n"), f);
	r = gu_return_reasons(&n);
	for (i = 0; i < n; i++)
		fprintf(f, "  %-14s %s\n", r[i].code, _(r[i].label));
	fputs("\n", f);
	fputs(_("Reasons for closing a case:\n"), f);
	c = gu_close_reasons(&n);
	for (i = 0; i < n; i++)
		fprintf(f, "  %-14s %s\n", c[i].code, _(c[i].label));
	fputs("\n", f);
	fputs(_("  --reason CODE   why the case is returned (one of the codes above)\n"
		"  --note TEXT     what the worker should change (needed to return)\n"
		"  --user NAME     the supervisor\n"
		"  --password-file FILE  read the supervisor's password from FILE\n"
		"  --db PATH       the database to use\n"), f);
	fputs(_("  to close a case, --reason is a closing reason above and --note says more;\n"
		"  to reopen one, --note says why\n"), f);
}

/* Closes or reopens a case as what says; returns the exit status. */
static int closure(const char *id, const char *what, const char *reason, const char *note)
{
	bool close = strcmp(what, "close") == 0;
	char buf[1024];
	gu_error err;
	gu_db *db;
	int status, ret;

	if (close && !reason) {
		gu_complain(_("closing a case needs --reason CODE; see \"%s review --help\" "
			"for the codes"), PACKAGE);
		return 2;
	}
	if (!close && reason) {
		gu_complain(_("--reason is for closing or returning a case, not for reopening it"));
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	ret = close ? gu_case_close(db, id, reason, note, &err) : gu_case_reopen(db, id, note, &err);
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	} else if (close) {
		printf(_("Case %s is closed.\n"), id);
	} else {
		printf(_("Case %s is reopened.\n"), id);
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}

/* Runs "guanai review"; returns the exit status. */
int cmd_review(int argc, char **argv)
{
	static const struct option own[] = {
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	const char *reason = NULL, *note = NULL, *id, *what;
	enum gu_review_decision d;
	char buf[1024];
	gu_error err;
	gu_db *db;
	int status;

	status = gu_command_options(argc, argv, "review", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	reason = o[OPT_REASON - GU_OPT_OWN];
	note = o[OPT_NOTE - GU_OPT_OWN];
	if (optind + 2 != argc) {
		gu_complain(_("say \"review ID approve\" or \"review ID return --reason CODE --note TEXT\"; "
			"see \"%s review --help\""), PACKAGE);
		return 2;
	}
	id = argv[optind];
	what = argv[optind + 1];
	if (strcmp(what, "close") == 0 || strcmp(what, "reopen") == 0)
		return closure(id, what, reason, note);
	if (strcmp(what, "approve") == 0) {
		d = GU_REVIEW_APPROVE;
		if (reason) {
			gu_complain(_("--reason is for returning a case, not for approving it"));
			return 2;
		}
	} else if (strcmp(what, "return") == 0) {
		d = GU_REVIEW_RETURN;
		if (!reason || !note) {
			gu_complain(_("returning a case needs --reason CODE and --note TEXT; "
				"see \"%s review --help\" for the codes"), PACKAGE);
			return 2;
		}
	} else {
		gu_complain(_("\"%s\" is not a decision: say approve, return, close or reopen"), what);
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (gu_review_decide(db, id, d, reason, note, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	} else if (d == GU_REVIEW_APPROVE) {
		printf(_("Case %s is approved.\n"), id);
	} else {
		printf(_("Case %s is returned to its worker.\n"), id);
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
