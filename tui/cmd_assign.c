/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai assign CASE DEVICE | assign --from DEVICE DEVICE: the office gives
 * a case (or every open case of a device) to a laptop and its worker. */

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

enum { OPT_FROM = GU_OPT_OWN, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s assign CASE DEVICE\n"
		"       %s assign --from DEVICE DEVICE\n"), PACKAGE, PACKAGE);
	fputs(_("At the office (a supervisor): give a case to a laptop and its worker, or\n"
		"with --from every open case of one laptop to another (a laptop that was\n"
		"lost or enrolled again).  The case's owner is its assignment, never the\n"
		"interviewer's name typed in it; the whole case travels to the new laptop\n"
		"with the office's next bundle for it.  Audited.  DEVICE is the start of a\n"
		"device id or the worker's name.\n"), f);
}

/* Runs "guanai assign"; returns the exit status. */
int cmd_assign(int argc, char **argv)
{
	static const struct option own[] = {
		{ "from", required_argument, NULL, OPT_FROM },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	char from[GU_ID_SIZE], to[GU_ID_SIZE], id[GU_ID_SIZE];
	const char *from_name;
	gu_error err;
	gu_db *db;
	int status, n;

	status = gu_command_options(argc, argv, "assign", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	from_name = o[OPT_FROM - GU_OPT_OWN];
	if (argc - optind != (from_name ? 1 : 2)) {
		gu_complain(_("say \"assign CASE DEVICE\" or \"assign --from DEVICE DEVICE\"; "
			"see \"%s assign --help\""), PACKAGE);
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (gu_xchg_device_resolve(db, argv[argc - 1], to, &err) < 0) {
		status = gu_cli_fail(&err);
	} else if (from_name) {
		if (gu_xchg_device_resolve(db, from_name, from, &err) < 0
		    || (n = gu_xchg_assign_all(db, from, to, &err)) < 0)
			status = gu_cli_fail(&err);
		else
			printf(_("Open cases of device %.8s given to device %.8s: %d\n"), from, to, n);
	} else if (gu_case_resolve(db, argv[optind], id, &err) < 0
		   || gu_xchg_assign(db, id, to, &err) < 0) {
		status = gu_cli_fail(&err);
	} else {
		printf(_("Case %.8s is now device %.8s's.\n"), id, to);
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
