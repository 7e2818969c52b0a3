/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai export ID: writes a stored case as an answers file. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/answers.h"
#include "core/i18n.h"
#include "core/policy.h"
#include "core/stale.h"
#include "core/text.h"
#include "db/release.h"
#include "db/store.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s export [OPTION]... ID\n"), PACKAGE);
	fputs(_("Write the answers of the case ID (or the first digits of its id) to standard\n"
		"output as an answers file, in the order the policy asks the questions.\n\n"), f);
	fputs(_("  --db PATH         the database to read\n"
		"  --policy FILE     the policy file that orders the questions\n"), f);
	fputs(_("  --override-consent REASON  (supervisors) export a case that records no\n"
		"                    legal basis, for this reason (kept in the audit log)\n\n"
		"Only a supervisor gets the child's whole ID number; every export is recorded\n"
		"in the audit log.\n"), f);
}

enum { OPT_OVERRIDE = GU_OPT_OWN, OPT_END };

/* Runs "guanai export"; returns the exit status. */
int cmd_export(int argc, char **argv)
{
	static const struct option own[] = {
		{ "override-consent", required_argument, NULL, OPT_OVERRIDE },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	char buf[1024], id[GU_ID_SIZE], *text = NULL, *safe = NULL;
	const char *override = NULL;
	bool masked = false;
	gu_policy *p = NULL;
	gu_db *db = NULL;
	gu_answers a;
	gu_error err;
	int status;

	gu_answers_init(&a);
	status = gu_command_options(argc, argv, "export", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	status = 0;
	override = o[OPT_OVERRIDE - GU_OPT_OWN];
	if (argc - optind != 1) {
		gu_complain(_("give the id of one case; \"%s cases\" lists them"), PACKAGE);
		return 2;
	}
	if (gu_policy_load_file(gu_policy_path(), &p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 2;
	}
	/* Written to: every export is an audit entry. */
	status = gu_cli_open(0, &db);
	if (status != 0)
		goto cleanup;
	if (gu_case_resolve(db, argv[optind], id, &err) < 0 ||
	    gu_case_load_answers(db, id, &a, &err) < 0 ||
	    gu_case_release(db, id, &a, "export", override, &masked, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_ENOTFOUND || err.code == GU_EINVAL ? 2 : 1;
		goto cleanup;
	}
	if (masked)
		gu_complain("%s", _("the child's ID number is masked: only a supervisor may export it "
			"whole"));
	/* answers that no longer count (their question stopped applying) stay
	 * in the case's history, not in what leaves it */
	if (gu_answers_drop_stale(p, &a) < 0) {
		gu_complain("%s", _("out of memory"));
		status = 1;
		goto cleanup;
	}
	text = gu_policy_format_answers(p, &a);
	if (!text) {
		gu_complain("%s", _("out of memory"));
		status = 1;
		goto cleanup;
	}
	safe = gu_text_escape_controls(text, GU_ESCAPE_KEEP_LINES);
	if (!safe || fputs(safe, stdout) == EOF || fflush(stdout) != 0)
		status = 1;
cleanup:
	free(safe);
	free(text);
	gu_answers_free(&a);
	gu_db_close(db);
	gu_policy_free(p);
	return status;
}
