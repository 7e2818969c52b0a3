/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai case ID: prints one case's summary and the other cases of its
 * family. */

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/idcard.h"
#include "core/text.h"
#include "db/family.h"
#include "db/store.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s case [OPTION]... ID\n"), PACKAGE);
	fputs(_("Print the case ID (or the first digits of its id): the child, its status, who\n"
		"interviews, the township, the results counted, and the other children of its\n"
		"family (their cases' short ids, statuses, interview dates and names).\n\n"), f);
	fputs(_("  --db PATH         the database to read\n"), f);
}

/* Prints one line "label: value" with the value's control characters
 * escaped; returns 0 or -1 when it could not be written. */
static int put(const char *label, const char *value)
{
	char *safe = gu_text_escape_controls(value && *value ? value : "-", GU_ESCAPE_FIELD);
	int r = safe && printf("%s: %s\n", label, safe) >= 0 ? 0 : -1;

	free(safe);
	return r;
}

/* Prints the case and its family; returns 0 or -1. */
static int print_case(const gu_case_info *c, const gu_sibling *sib, size_t nsib)
{
	char masked[32], counts[64], line[400];
	int r = 0;

	snprintf(counts, sizeof counts, "%d / %d", c->n_eligible, c->n_verify);
	r |= put(_("case"), c->id);
	r |= put(_("child"), c->child_name);
	/* a number is shown masked, as the case list shows it; "none" as it is */
	r |= put(_("ID number"), strlen(c->child_id_number) == 18
		? gu_idcard_mask(c->child_id_number, masked) : c->child_id_number);
	r |= put(_("status"), gu_case_status_label(c->status));
	r |= put(_("worker"), c->worker);
	r |= put(_("township"), c->township);
	r |= put(_("eligible / to verify"), counts);
	/* TRANSLATORS: guanai case: the number of the family's other cases,
	 * then one line for each */
	if (printf(_("other children of this family: %zu\n"), nsib) < 0)
		r = -1;
	for (size_t i = 0; i < nsib; i++) {
		char *safe;

		snprintf(line, sizeof line, "%.8s  %s  %s  %s", sib[i].id,
			gu_case_status_label(sib[i].status),
			sib[i].interviewed[0] ? sib[i].interviewed : "-",
			sib[i].child_name[0] ? sib[i].child_name : _("(no name)"));
		safe = gu_text_escape_controls(line, GU_ESCAPE_FIELD);
		if (!safe || printf("  %s\n", safe) < 0)
			r = -1;
		free(safe);
	}
	return r;
}

/* Runs "guanai case"; returns the exit status. */
int cmd_case(int argc, char **argv)
{
	char buf[1024], id[GU_ID_SIZE];
	gu_sibling *sib = NULL;
	size_t nsib = 0;
	gu_case_info info;
	gu_db *db = NULL;
	gu_error err;
	int status;

	status = gu_command_options(argc, argv, "case", usage, NULL, NULL, NULL);
	if (status >= 0)
		return status;
	if (argc - optind != 1) {
		gu_complain(_("give the id of one case; \"%s cases\" lists them"), PACKAGE);
		return 2;
	}
	status = gu_cli_open(GU_DB_OPEN_READONLY, &db);
	if (status != 0)
		return status;
	if (gu_case_resolve(db, argv[optind], id, &err) < 0
			|| gu_case_get(db, id, &info, &err) < 0
			|| gu_family_siblings(db, id, &sib, &nsib, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_ENOTFOUND || err.code == GU_EINVAL ? 2 : 1;
		goto cleanup;
	}
	if (print_case(&info, sib, nsib) < 0 || fflush(stdout) != 0)
		status = 1;
cleanup:
	free(sib);
	gu_db_close(db);
	return status;
}
