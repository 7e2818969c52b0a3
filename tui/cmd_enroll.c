/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai enroll OFFICE.pub: make this laptop's keys, store the office's
 * public keys once their fingerprint is confirmed, and write the enrolment
 * file the office registers. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bundle_body.h"
#include "core/i18n.h"
#include "db/exchange.h"
#include "tui/commands.h"
#include "tui/exchange_cli.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_WORKER = GU_OPT_OWN, OPT_TOWNSHIP, OPT_FINGERPRINT, OPT_OUT, OPT_FORCE, OPT_AGAIN,
	OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s enroll OFFICE.pub --worker NAME [--township T]\n"
		"          [--fingerprint FP] [--out FILE] [--force] [--again]\n"), PACKAGE);
	fputs(_("Enrol this laptop with its office.  The office's fingerprint is shown to\n"
		"compare with the one the office reads to you (or give it with\n"
		"--fingerprint); then the laptop's keys are made and the enrolment file is\n"
		"written (guanai-device-NAME.enrol unless --out says otherwise) for the\n"
		"office to register with \"devices add\".  From then on every change on\n"
		"this laptop is sent to the office by \"send\".\n\n"), f);
	fputs(_("  --worker NAME       the worker who uses this laptop\n"
		"  --township T        her township\n"
		"  --fingerprint FP    the office's fingerprint, as read to you\n"
		"  --out FILE          where to write the enrolment file\n"
		"  --force             replace an existing FILE\n"
		"  --again             enrol again as a new device: a laptop restored from a\n"
		"                      backup, whose bundles the office refuses\n"), f);
}

/* Returns true when the user confirms the office's fingerprint fp (or
 * gave the same with --fingerprint); prints why not otherwise. */
static bool confirmed(const char *fp, const char *given)
{
	char line[64];

	printf(_("The office's fingerprint is %s\n"), fp);
	if (given) {
		if (strcmp(given, fp) == 0)
			return true;
		gu_complain(_("the fingerprint given (%s) is not the office's file's (%s): this "
			"file is not from your office; nothing was changed"), given, fp);
		return false;
	}
	if (!isatty(STDIN_FILENO)) {
		gu_complain(_("compare the fingerprint with the one the office reads to you, "
			"and give it with --fingerprint"));
		return false;
	}
	printf(_("Is it the one the office read to you? [y/N] "));
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin) || (line[0] != 'y' && line[0] != 'Y')) {
		gu_complain(_("not enrolled: nothing was changed"));
		return false;
	}
	return true;
}

/* Runs "guanai enroll"; returns the exit status. */
int cmd_enroll(int argc, char **argv)
{
	static const struct option own[] = {
		{ "worker", required_argument, NULL, OPT_WORKER },
		{ "township", required_argument, NULL, OPT_TOWNSHIP },
		{ "fingerprint", required_argument, NULL, OPT_FINGERPRINT },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "again", no_argument, NULL, OPT_AGAIN },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	gu_xchg_office_file office;
	gu_strbuf b = { 0 };
	gu_xchg_self self;
	unsigned char *data = NULL;
	size_t len;
	char out[600], part[64];
	char *text = NULL;
	const char *worker;
	gu_error err;
	gu_db *db = NULL;
	int status;

	status = gu_command_options(argc, argv, "enroll", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	worker = o[OPT_WORKER - GU_OPT_OWN];
	if (optind + 1 != argc || !worker || !*worker) {
		gu_complain(_("say \"enroll OFFICE.pub --worker NAME\"; see \"%s enroll --help\""),
			PACKAGE);
		return 2;
	}
	status = gu_cli_read_file(argv[optind], 64 * 1024, &data, &len);
	if (status != 0)
		return status;
	if (gu_xchg_office_file_parse((const char *)data, &office, &err) < 0) {
		status = gu_cli_fail(&err);
		goto done;
	}
	if (!confirmed(office.fingerprint, o[OPT_FINGERPRINT - GU_OPT_OWN])) {
		status = 1;
		goto done;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		goto done;
	if (o[OPT_OUT - GU_OPT_OWN])
		snprintf(out, sizeof out, "%s", o[OPT_OUT - GU_OPT_OWN]);
	else
		snprintf(out, sizeof out, "guanai-device-%s.enrol",
			gu_bundle_name_part(worker, part, sizeof part));
	if (gu_xchg_enroll(db, &office, o[OPT_TOWNSHIP - GU_OPT_OWN], worker,
			o[OPT_AGAIN - GU_OPT_OWN] != NULL, &b, &self, &err) < 0) {
		status = gu_cli_fail(&err);
		goto done;
	}
	text = gu_sb_take(&b);
	if (!text) {
		gu_complain(_("out of memory"));
		status = 1;
		goto done;
	}
	status = gu_cli_write_text(db, out, text, o[OPT_FORCE - GU_OPT_OWN] != NULL);
	if (status != 0) {
		gu_complain(_("the laptop is enrolled, but its enrolment file was not written"));
		goto done;
	}
	printf(_("This laptop is enrolled with office %s.\n"
		"Its own fingerprint: %s\n"
		"Give %s to the office (\"%s devices add %s\").\n"),
		office.name[0] ? office.name : office.fingerprint, self.fingerprint, out, PACKAGE, out);
	if (strstr(text, "\nrecovery "))
		fputs(_("A new recovery key travels in it, sealed so only the office can open it;\n"
			"the recovery key shown before no longer opens this database.\n"), stdout);
done:
	free(text);
	free(gu_sb_take(&b));
	free(data);
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
