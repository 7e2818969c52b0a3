/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai devices [add FILE | revoke D | recovery-key D | bundles]: the
 * laptops registered at the office, their last bundle and how long ago,
 * the recovery key a laptop sent sealed when it enrolled, and the bundles
 * received one by one. */

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

enum { OPT_OUT = GU_OPT_OWN, OPT_REASON, OPT_END };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s devices\n"
		"       %s devices add FILE\n"
		"       %s devices revoke DEVICE\n"), PACKAGE, PACKAGE, PACKAGE);
	fprintf(f, _("       %s devices recovery-key DEVICE --reason TEXT --out FILE\n"), PACKAGE);
	fprintf(f, _("       %s devices bundles\n"), PACKAGE);
	fputs(_("At the office (a supervisor): list the laptops registered here, with\n"
		"their worker, fingerprint, last bundle received and how long ago; register\n"
		"a laptop's enrolment file (\"add\", after comparing its fingerprint with\n"
		"the one the laptop shows); or revoke a lost laptop (its later bundles are\n"
		"refused).  DEVICE is the start of a device id or the worker's name.\n"), f);
	fputs(_("\"recovery-key\" opens the recovery key the laptop sent sealed when it\n"
		"enrolled and writes it to FILE (a new file, readable by you only), for\n"
		"\"users passwd NAME --recovery-file FILE\" on that laptop when every password\n"
		"is lost.  The reason is kept in the audit log.\n\n"
		"  --reason TEXT     why the recovery key is needed\n"
		"  --out FILE        the new file to write it to\n"), f);
	fputs(_("\"bundles\" lists the bundles received, newest first: device, worker,\n"
		"number, when, how many cases, and applied, held or refused (with the\n"
		"reason), as the exchange screen does.\n"), f);
}

/* Writes how long ago ms was into buf; returns buf. */
static const char *ago(gu_time_ms at, char *buf, size_t size)
{
	long long s = (gu_time_now() - at) / 1000;

	if (at == 0)
		snprintf(buf, size, "%s", _("never"));
	else if (s < 3600)
		snprintf(buf, size, _("%lld min ago"), s / 60);
	else if (s < 2 * 86400)
		snprintf(buf, size, _("%lld h ago"), s / 3600);
	else
		snprintf(buf, size, _("%lld days ago"), s / 86400);
	return buf;
}

/* Prints the devices; returns the exit status. */
static int list(gu_db *db)
{
	gu_xchg_device *v = NULL;
	gu_error err;
	size_t n = 0, i;
	char when[64];

	if (gu_xchg_device_list(db, &v, &n, &err) < 0)
		return gu_cli_fail(&err);
	if (n == 0)
		printf(_("No device is registered yet: \"%s devices add FILE\" registers a "
			"laptop's enrolment file.\n"), PACKAGE);
	for (i = 0; i < n; i++) {
		printf("%.8s\t%s\t%s\t%s\t%s\t", v[i].id, v[i].worker, v[i].township,
			v[i].fingerprint, v[i].revoked ? _("revoked") : _("active"));
		printf(_("bundle %lld, %s"), v[i].last_seq, ago(v[i].last_at, when, sizeof when));
		if (v[i].held > 0)
			printf(_(", %lld held"), v[i].held);
		printf("\n");
	}
	gu_xchg_devices_free(v, n);
	return 0;
}

/* Prints the bundles received, newest first; returns the exit status. */
static int list_bundles(gu_db *db)
{
	gu_xchg_bundle *v = NULL;
	gu_error err;
	size_t n = 0, i;
	char when[64];

	if (gu_xchg_bundle_list(db, 0, &v, &n, &err) < 0)
		return gu_cli_fail(&err);
	if (n == 0)
		printf("%s\n", _("No bundle was received yet."));
	for (i = 0; i < n; i++) {
		const gu_xchg_bundle *b = &v[i];

		printf("%.8s\t%s\t%lld\t%s\t%lld\t%s", b->sender[0] ? b->sender : "-",
			b->worker[0] ? b->worker : "-", b->seq, ago(b->at, when, sizeof when), b->cases,
			b->state);
		if (b->reason[0])
			printf("\t%s", b->reason);
		printf("\n");
	}
	free(v);
	return 0;
}

/* Registers the enrolment file at path; returns the exit status. */
static int add(gu_db *db, const char *path)
{
	unsigned char *data = NULL;
	gu_xchg_device d;
	gu_error err;
	size_t len;
	int status = gu_cli_read_file(path, 64 * 1024, &data, &len);

	if (status != 0)
		return status;
	if (gu_xchg_device_add(db, (const char *)data, &d, &err) < 0)
		status = gu_cli_fail(&err);
	else
		printf(_("Device %.8s of %s is registered; its fingerprint is %s (compare it "
			"with the one the laptop showed).\n"), d.id, d.worker, d.fingerprint);
	free(data);
	return status;
}

/* Revokes the device named; returns the exit status. */
static int revoke(gu_db *db, const char *name)
{
	char id[GU_ID_SIZE];
	gu_error err;

	if (gu_xchg_device_resolve(db, name, id, &err) < 0
	    || gu_xchg_device_revoke(db, id, &err) < 0)
		return gu_cli_fail(&err);
	printf(_("Device %.8s is revoked: its bundles are refused from now on.\n"), id);
	return 0;
}

/* Writes the recovery key of the device named to the new file out, for
 * reason; returns the exit status. */
static int recovery_key(gu_db *db, const char *name, const char *reason, const char *out)
{
	char id[GU_ID_SIZE];
	gu_error err;

	if (gu_xchg_device_resolve(db, name, id, &err) < 0
	    || gu_xchg_recovery_write(db, id, reason, out, &err) < 0)
		return gu_cli_fail(&err);
	printf(_("The recovery key of device %.8s is in %s (readable by you only).  On that\n"
		"laptop: \"%s users passwd NAME --recovery-file %s\"; then delete the file.\n"),
		id, out, PACKAGE, out);
	return 0;
}

/* Runs "guanai devices"; returns the exit status. */
int cmd_devices(int argc, char **argv)
{
	static const struct option own[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "reason", required_argument, NULL, OPT_REASON },
		{ NULL, 0, NULL, 0 }
	};
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	bool recovery, bundles;
	gu_db *db;
	int status, n;

	status = gu_command_options(argc, argv, "devices", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	n = argc - optind;
	recovery = n == 2 && strcmp(argv[optind], "recovery-key") == 0;
	bundles = n == 1 && strcmp(argv[optind], "bundles") == 0;
	if (!(n == 0 || recovery || bundles || (n == 2 && (strcmp(argv[optind], "add") == 0
				    || strcmp(argv[optind], "revoke") == 0)))) {
		gu_complain(_("say \"devices\", \"devices add FILE\", \"devices revoke DEVICE\" or "
			"\"devices bundles\"; see \"%s devices --help\""), PACKAGE);
		return 2;
	}
	if (recovery != (o[OPT_OUT - GU_OPT_OWN] != NULL)
	    || (!recovery && o[OPT_REASON - GU_OPT_OWN])) {
		gu_complain(_("--out and --reason go with \"devices recovery-key DEVICE\", which "
			"needs --out FILE; see \"%s devices --help\""), PACKAGE);
		return 2;
	}
	status = gu_cli_open(0, &db);
	if (status != 0)
		return status;
	if (n == 0)
		status = list(db);
	else if (bundles)
		status = list_bundles(db);
	else if (recovery)
		status = recovery_key(db, argv[optind + 1], o[OPT_REASON - GU_OPT_OWN],
			o[OPT_OUT - GU_OPT_OWN]);
	else if (strcmp(argv[optind], "add") == 0)
		status = add(db, argv[optind + 1]);
	else
		status = revoke(db, argv[optind + 1]);
	gu_db_close(db);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
