/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai send [--out DIR] [--device D]: write the next bundle, from a
 * laptop to its office or from the office to one laptop. */

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

enum { OPT_OUT = GU_OPT_OWN, OPT_DEVICE, OPT_AGAIN, OPT_OVERRIDE, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s send [--out DIR]\n"
		"       %s send --device DEVICE [--out DIR]\n"), PACKAGE, PACKAGE);
	fputs(_("On a laptop: write every change the office has not acknowledged yet into\n"
		"one bundle, sealed to the office and signed by this laptop, named\n"
		"guanai-TOWNSHIP-WORKER-N.bundle, in DIR (default: the current folder, e.g.\n"
		"a USB stick under /media).  At the office (a supervisor): write a bundle\n"
		"for one laptop with the decisions, assignments and follow-up dates of its\n"
		"cases and the acknowledgement of what was received from it.\n\n"), f);
	fputs(_("  --out DIR         the folder to write the bundle in\n"
		"  --device DEVICE   (office) the laptop: the start of its id or its worker\n"
		"  --again N         write bundle N again, as it was: one lost on the way\n"), f);
	fputs(_("A laptop's case that records no legal basis (the guardian's consent or a\n"
		"statutory duty) stays on the laptop, named, until it does.\n"
		"  --override-consent REASON  (supervisors) send those cases too, for this\n"
		"                    reason (kept in the audit log for each case)\n"), f);
}

/* Names the cases a bundle held back and what to record; returns 0. */
static int say_held(const gu_xchg_sent *sent)
{
	size_t i;

	if (sent->nheld == 0)
		return 0;
	printf(_("Held back, recording no legal basis (cases: %zu):\n"), sent->nheld);
	for (i = 0; i < sent->nheld; i++)
		printf("  %s\n", sent->held[i]);
	fputs(_("Record in each interview the guardian's consent (who gave it, their relation,\n"
		"how and when) or the statutory duty and its reason, then send again: the cases\n"
		"go with the next bundle.  A supervisor may send them now with\n"
		"--override-consent REASON.\n"), stdout);
	return 0;
}

/* Makes the policy this database's interviews use the one its bundle
 * names (and, at the office, carries to a laptop that uses another),
 * keeping its text: a laptop's bundle carries it to the office.  Returns 0
 * with *pol, or -1 after saying why. */
static int use_policy(gu_db *db, gu_policy **pol)
{
	gu_error err;
	char buf[1024];

	if (gu_policy_load_for(db, pol, &err) == 0 && gu_db_use_policy(db, *pol, &err) == 0)
		return 0;
	gu_complain(_("%s; a bundle names the policy it was written under: correct the policy "
		"file and send again"), gu_error_text(&err, buf, sizeof buf));
	return -1;
}

/* Runs "guanai send"; returns the exit status. */
int cmd_send(int argc, char **argv)
{
	static const struct option own[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "device", required_argument, NULL, OPT_DEVICE },
		{ "again", required_argument, NULL, OPT_AGAIN },
		{ "override-consent", required_argument, NULL, OPT_OVERRIDE },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	const char *device = NULL, *override;
	char id[GU_ID_SIZE];
	gu_xchg_sent sent;
	gu_policy *pol = NULL;
	gu_error err;
	gu_db *db;
	int status;

	status = gu_command_options(argc, argv, "send", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	if (optind != argc) {
		gu_complain(_("send takes no file names: the folder is given with --out DIR"));
		return 2;
	}
	override = o[OPT_OVERRIDE - GU_OPT_OWN];
	if (override && !override[strspn(override, " \t")]) {
		gu_complain(_("--override-consent needs a reason, e.g. --override-consent "
			"\"强制报告: 派出所要求\""));
		return 2;
	}
	if (override && (o[OPT_AGAIN - GU_OPT_OWN] || o[OPT_DEVICE - GU_OPT_OWN])) {
		gu_complain(_("--override-consent is for a laptop's next bundle, not with --again "
			"or --device"));
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (o[OPT_DEVICE - GU_OPT_OWN]) {
		if (gu_xchg_device_resolve(db, o[OPT_DEVICE - GU_OPT_OWN], id, &err) < 0) {
			status = gu_cli_fail(&err);
			goto done;
		}
		device = id;
	}
	if (o[OPT_AGAIN - GU_OPT_OWN]) {
		char *end;
		long long seq = strtoll(o[OPT_AGAIN - GU_OPT_OWN], &end, 10);

		if (*end || seq < 1) {
			gu_complain(_("--again takes a bundle's number, not \"%s\""),
				o[OPT_AGAIN - GU_OPT_OWN]);
			status = 2;
		} else if (gu_xchg_send_again(db, device, seq, o[OPT_OUT - GU_OPT_OWN], &sent,
				&err) < 0) {
			status = gu_cli_fail(&err);
		} else {
			printf(_("%s: bundle %lld written again, bytes: %zu\n"), sent.path, sent.seq,
				sent.bytes);
		}
		goto done;
	}
	if (use_policy(db, &pol) < 0) {
		status = 1;
		goto done;
	}
	if (gu_xchg_send(db, device, o[OPT_OUT - GU_OPT_OWN], override, &sent, &err) < 0) {
		status = gu_cli_fail(&err);
		goto done;
	}
	printf(_("%s: bundle %lld, changes: %lld, of cases: %lld, bytes: %zu\n"),
		sent.path, sent.seq, sent.rows, sent.cases, sent.bytes);
	if (sent.clock_warning[0])
		printf(_("  warning: %s\n"), sent.clock_warning);
	if (sent.policy)
		printf(_("  with the policy file (version %s), which the laptop does not use yet\n"),
			gu_policy_version(pol));
	say_held(&sent);
	gu_xchg_sent_free(&sent);
done:
	gu_db_close(db);
	gu_policy_free(pol);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
