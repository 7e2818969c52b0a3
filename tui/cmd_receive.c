/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai receive FILE...: verify, open and apply bundles, each whole or
 * not at all. */

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

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s receive FILE...\n"), PACKAGE);
	fputs(_("Apply bundles: at the office those of the registered laptops (a\n"
		"supervisor), on a laptop those of its office.  Each bundle is checked\n"
		"(sealed to this installation, signed by a known device that is not\n"
		"revoked, whole, in its sender's order) and applied in one transaction, or\n"
		"refused whole with the reason.  The same bundle twice changes nothing; a\n"
		"bundle that comes before the one it follows is held until that one comes.\n"
		"A change to a case the office changed meanwhile is kept as a conflict\n"
		"(\"conflicts\"), and a child who may already have a case is listed by\n"
		"\"duplicates\".\n"), f);
}

/* Prints what receiving the bundle at path did. */
static void report(const char *path, const gu_xchg_receipt *r)
{
	if (r->what == GU_XRECV_ALREADY) {
		printf(_("%s: bundle %lld of %s was received before: nothing changed\n"), path,
			r->seq, r->worker);
	} else if (r->what == GU_XRECV_HELD) {
		printf(_("%s: bundle %lld of %s is held until bundle %lld comes\n"), path, r->seq,
			r->worker, r->waiting_for);
	} else {
		printf(_("%s: bundle %lld of %s applied; changes: %lld, conflicts: %lld, "
			"possible duplicates: %lld\n"), path, r->seq, r->worker, r->rows, r->conflicts,
			r->duplicates);
		if (r->held_applied > 0)
			printf(_("  held bundles applied after it: %lld\n"), r->held_applied);
	}
	if (r->clock_warning[0])
		printf(_("  warning: %s\n"), r->clock_warning);
}

/* Runs "guanai receive"; returns the exit status. */
int cmd_receive(int argc, char **argv)
{
	gu_xchg_receipt r;
	gu_error err;
	gu_db *db;
	int status, i;

	status = gu_command_options(argc, argv, "receive", usage, NULL, NULL, NULL);
	if (status >= 0)
		return status;
	if (optind == argc) {
		gu_complain(_("give the bundles to receive; see \"%s receive --help\""), PACKAGE);
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	for (i = optind; i < argc; i++) {
		unsigned char *data = NULL;
		size_t len;
		char buf[1024];

		if (gu_cli_read_file(argv[i], GU_CLI_BUNDLE_MAX, &data, &len) != 0) {
			status = 1;
			continue;
		}
		if (gu_xchg_receive(db, data, len, &r, &err) < 0) {
			gu_complain("%s: %s", argv[i], gu_error_text(&err, buf, sizeof buf));
			status = 1;
		} else {
			report(argv[i], &r);
		}
		free(data);
	}
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
