/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai backup FILE: a consistent, checked copy of the database. */

#include <getopt.h>
#include <stdio.h>

#include "core/i18n.h"
#include "db/safe_write.h"
#include "db/store.h"
#include "tui/commands.h"
#include "db/access.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_FORCE = 0x2200 };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s backup [--db PATH] [--force] FILE\n"), PACKAGE);
	fputs(_("Copy the database to FILE while it may be in use, write the copy to disk\n"
		"and check it.  An existing FILE is kept unless --force is given; FILE can\n"
		"never be the database itself.\n"), f);
}

/* What the command's own options say. */
struct opts {
	unsigned flags;
};

/* Takes one of the command's own options into ctx; returns 0 or the exit
 * status after a message. */
static int take(int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;

	(void)arg;
	if (opt == OPT_FORCE)
		o->flags |= GU_SAFE_REPLACE;
	return 0;
}

/* Runs "guanai backup"; returns the exit status. */
int cmd_backup(int argc, char **argv)
{
	static const struct option own[] = {
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { 0 };
	unsigned flags = 0;
	gu_db *db = NULL;
	gu_error err;
	char buf[1024];
	int status = 0;

	status = gu_command_options(argc, argv, "backup", usage, own, take, &o);
	if (status >= 0)
		return status;
	flags = o.flags;
	if (argc - optind != 1) {
		gu_complain(_("give one file to write the backup to; see \"%s backup --help\""),
			PACKAGE);
		return 2;
	}
	status = gu_cli_open(GU_DB_OPEN_READONLY, &db);
	if (status != 0)
		return status;
	/* A backup holds every case: once users exist, only a supervisor makes one. */
	if (gu_access_require_supervisor(db, true, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 1;
	} else if (gu_db_backup(db, argv[optind], flags, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 1;
	} else {
		printf(_("%s: backup written and checked\n"), argv[optind]);
	}
	gu_db_close(db);
	return status;
}
