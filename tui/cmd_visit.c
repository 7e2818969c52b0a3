/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai visit: records a regular visit (定期走访) to a case: when, who was
 * seen, what changed. */

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "db/visits.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_DATE = GU_OPT_OWN, OPT_SEEN, OPT_NOTE, OPT_CHANGED, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s visit ID --seen WHO [OPTION]...\n"), PACKAGE);
	fputs(_("Record a regular visit (定期走访) to case ID: who was seen, when, and what\n"
		"changed.  When the family's circumstances changed, interview the case again\n"
		"from its current answers on the case screen.\n\n"), f);
	fputs(_("  --seen WHO         who was seen: the child, a guardian, ... (needed)\n"
		"  --date YYYY-MM-DD  when the visit was made (default: today)\n"
		"  --note TEXT        what changed, in a few words\n"
		"  --changed          the family's circumstances changed\n"
		"  --user NAME        who is working\n"
		"  --password-file FILE  read the password from FILE\n"
		"  --db PATH          the database to use\n"), f);
}

/* Runs "guanai visit"; returns the exit status. */
int cmd_visit(int argc, char **argv)
{
	static const struct option own[] = {
		{ "date", required_argument, NULL, OPT_DATE },
		{ "seen", required_argument, NULL, OPT_SEEN },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "changed", no_argument, NULL, OPT_CHANGED },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	gu_visit_new v = { 0 };
	char buf[1024], today[16];
	gu_error err;
	gu_db *db;
	int status;

	status = gu_command_options(argc, argv, "visit", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	if (optind + 1 != argc) {
		gu_complain(_("say \"visit ID --seen WHO\"; see \"%s visit --help\""), PACKAGE);
		return 2;
	}
	v.date = o[OPT_DATE - GU_OPT_OWN];
	v.seen = o[OPT_SEEN - GU_OPT_OWN];
	v.note = o[OPT_NOTE - GU_OPT_OWN];
	v.changed = o[OPT_CHANGED - GU_OPT_OWN] != NULL;
	gu_date_format(gu_date_today(), today);
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (gu_visit_add(db, argv[optind], &v, today, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	} else {
		printf(_("Case %s: visit of %s recorded.\n"), argv[optind],
			v.date && *v.date ? v.date : today);
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
