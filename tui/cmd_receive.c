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
#include "db/rescreen.h"
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
	fputs(_("On a laptop, the office's policy file that comes with a bundle is checked\n"
		"and kept; new interviews use it from then on, and what it changes for the\n"
		"open drafts is listed.\n"), f);
}

/* Prints what receiving the bundle at path did at the office: whose
 * bundle it was, by its worker. */
static void report_office(const char *path, const gu_xchg_receipt *r)
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
	}
}

/* Prints what receiving the office's bundle at path did on a laptop. */
static void report_laptop(const char *path, const gu_xchg_receipt *r)
{
	if (r->what == GU_XRECV_ALREADY)
		printf(_("%s: the office's bundle %lld was received before: nothing changed\n"),
			path, r->seq);
	else if (r->what == GU_XRECV_HELD)
		printf(_("%s: the office's bundle %lld is held until its bundle %lld comes\n"),
			path, r->seq, r->waiting_for);
	else
		printf(_("%s: the office's bundle %lld applied; changes: %lld\n"), path, r->seq,
			r->rows);
}

/* Prints what receiving the bundle at path did (on a laptop, from the
 * office; at the office, from a laptop). */
static void report(const char *path, const gu_xchg_receipt *r, bool laptop)
{
	if (laptop)
		report_laptop(path, r);
	else
		report_office(path, r);
	if (r->what == GU_XRECV_APPLIED && r->held_applied > 0)
		printf(_("  held bundles applied after it: %lld\n"), r->held_applied);
	if (r->clock_warning[0])
		printf(_("  warning: %s\n"), r->clock_warning);
}

/* Returns the translated word for a verdict in the drafts' list. */
static const char *verdict_word(gu_tv v)
{
	return v == GU_YES ? _("eligible") : v == GU_MAYBE ? _("verify") : _("not met");
}

/* Prints what the office's new policy changes for one open draft (or why
 * it cannot say); for gu_rescreen_drafts. */
static void draft_changes(const char *case_id, const gu_rescreen *r, const gu_error *case_err,
	void *ctx)
{
	size_t i;
	char buf[1024];

	(void)ctx;
	if (!r) {
		printf(_("  case %.8s: %s\n"), case_id, gu_error_text(case_err, buf, sizeof buf));
		return;
	}
	for (i = 0; i < r->nchanges; i++) {
		const gu_item_change *c = &r->changes[i];

		printf(c->kind == GU_CHANGE_GAINED ? _("  case %.8s (%s): item %d gained: %s\n")
			: c->kind == GU_CHANGE_LOST ? _("  case %.8s (%s): item %d lost, was %s\n")
			: _("  case %.8s (%s): item %d now %s\n"), r->case_id, r->child_name, c->item,
			verdict_word(c->kind == GU_CHANGE_LOST ? c->before : c->after));
	}
}

/* Says that the office's policy came, and what it changes for the open
 * drafts (the re-screen of each under it); returns 0 or 1 (it could not
 * be read). */
static int report_policy(gu_db *db, const gu_xchg_receipt *r)
{
	gu_rescreen_summary *sum = calloc(1, sizeof *sum);
	gu_policy *p = NULL;
	gu_error err;
	char buf[1024];
	int status = 0;

	printf(_("The office's policy file (version %s, %.12s) is used for new interviews from "
		"now on.\n"), r->policy_version, r->policy);
	if (!sum || gu_xchg_office_policy(db, &p, &err) != 1
	    || gu_rescreen_drafts(db, p, draft_changes, NULL, sum, &err) < 0) {
		gu_complain(_("what it changes for the open drafts cannot be shown: %s"),
			sum ? gu_error_text(&err, buf, sizeof buf) : _("out of memory"));
		status = 1;
	} else {
		printf(_("Open drafts re-screened under it: %zu, with changes: %zu\n"), sum->cases,
			sum->changed);
	}
	gu_policy_free(p);
	free(sum);
	return status;
}

/* Runs "guanai receive"; returns the exit status. */
int cmd_receive(int argc, char **argv)
{
	gu_xchg_receipt r, policy = { .policy = "" };
	gu_error err;
	gu_db *db;
	bool laptop;
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
	laptop = gu_xchg_role(db) == GU_XROLE_LAPTOP;
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
			report(argv[i], &r, laptop);
			if (r.policy[0])
				policy = r;
		}
		free(data);
	}
	if (policy.policy[0] && report_policy(db, &policy) != 0)
		status = 1;
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
