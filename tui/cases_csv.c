/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai cases --csv: the filtered case list and its items as a CSV file
 * for Excel, in UTF-8 with a BOM or in GB18030. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "core/policy.h"
#include "db/export.h"
#include "db/groups.h"
#include "tui/cases_csv.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum {
	OPT_CSV = 0x2100, OPT_ENCODING, OPT_OUTPUT, OPT_STATUS, OPT_WORKER, OPT_TOWNSHIP,
	OPT_SEARCH, OPT_GROUP, OPT_ITEM, OPT_DUE, OPT_SORT, OPT_LIMIT, OPT_FORCE,
	OPT_OVERRIDE
};

/* Prints the CSV options' help to f. */
void gu_cases_csv_usage(FILE *f)
{
	fprintf(f, _("Usage: %s cases --csv [OPTION]...\n"), PACKAGE);
	fputs(_("Write the cases as CSV for a spreadsheet: one row per case with the child's\n"
		"name, the masked ID number, township, worker, groups, status, the next\n"
		"follow-up and each item's verdict and referral.\n\n"), f);
	fprintf(f, _("  --encoding ENC    utf-8 (with a byte order mark, the default) or gb18030\n"
		"  --output FILE     write to FILE (made readable by you only), not to the screen\n"
		"  --status LIST     only these statuses (draft,complete,returned,reviewed,closed)\n"
		"  --worker NAME     only this worker's cases\n"
		"  --township NAME   only cases of this township\n"
		"  --search TEXT     part of a name, its pinyin or initials, or an ID number's end\n"
		"  --group GROUP     only floating, left_behind or difficult children\n"
		"  --item N          only cases where item N (1-%d) applies\n"
		"  --due-by DATE     only cases with a follow-up due by DATE (YYYY-MM-DD)\n"
		"  --sort ORDER      default, updated, name, township or due\n"
		"  --limit N         at most N cases\n"), gu_policy_items_or_max(NULL));
	fputs(_("  --force           replace the --output FILE when it exists (kept otherwise)\n"), f);
	fputs(_("A case that records no legal basis is written without its name, ID number\n"
		"and guardian.\n"
		"  --override-consent REASON  (supervisors) write those too, for this reason\n"
		"                    (kept in the audit log for each such case)\n"), f);
}

/* Parses a positive number no larger than max; returns it, or -1 (printed). */
static long parse_number(const char *s, long max, const char *option)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max) {
		gu_complain(_("%s takes a number from 1 to %ld, not \"%s\""), option, max, s);
		return -1;
	}
	return v;
}

/* Where the options go. */
struct ctx {
	gu_case_filter *f;
	enum gu_csv_encoding *enc;
	const char **output;
	unsigned *flags;
	const char **override;
};

/* Takes one of the options of "cases --csv" into ctx; returns 0 or the
 * exit status after a message. */
static int take(int opt, const char *arg, void *ctx)
{
	const struct ctx *c = ctx;
	gu_error err;
	gu_date d;
	long v;

	switch (opt) {
	case OPT_CSV:
		break;
	case OPT_ENCODING:
		if (strcmp(arg, "utf-8") == 0 || strcmp(arg, "utf8") == 0)
			*c->enc = GU_CSV_UTF8_BOM;
		else if (strcmp(arg, "gb18030") == 0)
			*c->enc = GU_CSV_GB18030;
		else {
			gu_complain(_("--encoding takes utf-8 or gb18030, not \"%s\""), arg);
			return 2;
		}
		break;
	case OPT_OUTPUT:
		*c->output = arg;
		break;
	case OPT_FORCE:
		*c->flags |= GU_SAFE_REPLACE;
		break;
	case OPT_OVERRIDE:
		if (!arg[strspn(arg, " \t")]) {
			gu_complain(_("--override-consent needs a reason, e.g. --override-consent "
				"\"强制报告: 派出所要求\""));
			return 2;
		}
		*c->override = arg;
		break;
	case OPT_STATUS:
		if (gu_case_status_mask_parse(arg, &c->f->status_mask, &err) < 0) {
			gu_complain("%s", err.message);
			return 2;
		}
		break;
	case OPT_WORKER:
		c->f->worker = arg;
		break;
	case OPT_TOWNSHIP:
		c->f->township = arg;
		break;
	case OPT_SEARCH:
		c->f->query = arg;
		break;
	case OPT_GROUP:
		if (!gu_group_valid(arg)) {
			gu_complain(_("\"%s\" is not a group (floating, left_behind or difficult)"),
				arg);
			return 2;
		}
		c->f->group = arg;
		break;
	case OPT_ITEM:
		/* the policy's count is checked once the database is open */
		if ((v = parse_number(arg, GU_ITEMS_MAX, "--item")) < 0)
			return 2;
		c->f->item = (int)v;
		break;
	case OPT_DUE:
		if (!gu_date_parse(arg, &d)) {
			gu_complain(_("%s: \"%s\" is not a date; write it as YYYY-MM-DD"),
				"--due-by", arg);
			return 2;
		}
		c->f->due_by = arg;
		break;
	case OPT_SORT:
		if (gu_case_sort_parse(arg, &c->f->sort, &err) < 0) {
			gu_complain("%s", err.message);
			return 2;
		}
		break;
	case OPT_LIMIT:
		if ((v = parse_number(arg, 100000000L, "--limit")) < 0)
			return 2;
		c->f->limit = (size_t)v;
		break;
	}
	return 0;
}

/* Parses the options into f and the others; returns 0, or an exit status. */
static int parse(int argc, char **argv, gu_case_filter *f, enum gu_csv_encoding *enc,
	const char **output, unsigned *flags, const char **override)
{
	static const struct option own[] = {
		{ "csv", no_argument, NULL, OPT_CSV },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "worker", required_argument, NULL, OPT_WORKER },
		{ "township", required_argument, NULL, OPT_TOWNSHIP },
		{ "search", required_argument, NULL, OPT_SEARCH },
		{ "group", required_argument, NULL, OPT_GROUP },
		{ "item", required_argument, NULL, OPT_ITEM },
		{ "due-by", required_argument, NULL, OPT_DUE },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ "override-consent", required_argument, NULL, OPT_OVERRIDE },
		{ NULL, 0, NULL, 0 }
	};
	struct ctx c = { f, enc, output, flags, override };
	int rc;

	optind = 0;
	rc = gu_command_options(argc, argv, "cases", gu_cases_csv_usage, own, take, &c);
	if (rc >= 0)
		return rc == 0 ? -1 : rc;
	if (optind < argc) {
		gu_complain(_("\"%s cases\" takes no arguments; see \"%s cases --help\""), PACKAGE,
			PACKAGE);
		return 2;
	}
	return 0;
}

/* Writes the CSV to standard output; returns 0 or < 0. */
static int to_stdout(gu_db *db, const gu_case_filter *f, const char *override,
	enum gu_csv_encoding enc, gu_error *err)
{
	gu_csv w;
	int ret = gu_csv_init(&w, enc, stdout, err);

	if (ret == 0)
		ret = gu_export_cases_csv(db, f, override, &w, NULL, err);
	if (ret == 0)
		ret = gu_csv_finish(&w, err);
	gu_csv_free(&w);
	return ret;
}

/* Runs "guanai cases --csv"; returns the exit status. */
int gu_cases_csv(int argc, char **argv)
{
	gu_case_filter f = { 0 };
	enum gu_csv_encoding enc = GU_CSV_UTF8_BOM;
	const char *output = NULL, *override = NULL;
	unsigned flags = 0;
	char buf[1024];
	gu_policy *p = NULL;
	gu_error err;
	gu_db *db;
	int status;

	status = parse(argc, argv, &f, &enc, &output, &flags, &override);
	if (status != 0)
		return status < 0 ? 0 : status;
	status = gu_cli_open(GU_DB_OPEN_READONLY, &db);
	if (status != 0)
		return status;
	/* the item columns are named from the policy of the database's new
	 * interviews (its office's on an enrolled laptop); without one, by number */
	if (gu_policy_load_for(db, &p, &err) == 0) {
		f.policy = p;
		f.items = (int)gu_policy_item_count(p);
	}
	if (f.item > (p ? f.items : GU_ITEMS_MAX)) {
		gu_complain(_("%s takes a number from 1 to %ld, not \"%d\""), "--item",
			(long)f.items, f.item);
		gu_db_close(db);
		gu_policy_free(p);
		return 2;
	}
	if ((output ? gu_export_cases_file(db, &f, override, output, enc, flags, NULL, &err)
	     : to_stdout(db, &f, override, enc, &err)) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL ? 2 : 1;
	}
	gu_db_close(db);
	gu_policy_free(p);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
