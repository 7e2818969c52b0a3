/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai ledger: the monthly ledger (台账) per township and in total, as
 * plain text, HTML for A4 printing or CSV for a spreadsheet. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/policy.h"
#include "core/visit_schedule.h"
#include "db/auth.h"
#include "db/ledger.h"
#include "db/safe_write.h"
#include "tui/commands.h"
#include "tui/ledger_doc.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_MONTH = GU_OPT_OWN, OPT_TOWNSHIP, OPT_FORMAT, OPT_OUT, OPT_FORCE, OPT_ENCODING,
	OPT_END };

enum format { F_TEXT, F_HTML, F_CSV };

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s ledger --month YYYY-MM [OPTION]...\n"), PACKAGE);
	fputs(_("Print the monthly ledger (台账): per township and in total, the children\n"
		"registered by group, the new cases, the regular visits due and done, the\n"
		"referrals made, accepted and delivered by lead department, the alerts\n"
		"(强制报告, 控辍保学) raised and their reports recorded, and the cases closed by\n"
		"reason.  Dated by the interview and event dates.  A worker counts their own\n"
		"cases.\n\n"), f);
	fputs(_("  --month YYYY-MM    the month to count (needed)\n"
		"  --township NAME    only this township\n"
		"  --format F         text (the default), html (laid out for A4 printing) or csv\n"
		"  --encoding ENC     for csv: utf-8 (with a byte order mark, the default) or gb18030\n"
		"  --out FILE         write to FILE (readable by you only), not to the screen\n"
		"  --force            replace FILE when it exists (kept otherwise)\n"
		"  --user NAME        who is working\n"
		"  --db PATH          the database to read\n"), f);
}

/* Sets *f and *enc from the options; returns true or prints what is wrong. */
static bool choices_ok(const char *format, const char *encoding, enum format *f,
	enum gu_csv_encoding *enc)
{
	if (!format || strcmp(format, "text") == 0)
		*f = F_TEXT;
	else if (strcmp(format, "html") == 0)
		*f = F_HTML;
	else if (strcmp(format, "csv") == 0)
		*f = F_CSV;
	else {
		gu_complain(_("--format: \"%s\" is not a format; say text, html or csv"), format);
		return false;
	}
	if (!encoding || strcmp(encoding, "utf-8") == 0 || strcmp(encoding, "utf8") == 0)
		*enc = GU_CSV_UTF8_BOM;
	else if (strcmp(encoding, "gb18030") == 0 && *f == F_CSV)
		*enc = GU_CSV_GB18030;
	else {
		gu_complain(_("--encoding takes utf-8 or gb18030 (for --format csv), not \"%s\""),
			encoding);
		return false;
	}
	return true;
}

/* Reads the visit schedule from the policy into s, and the policy into
 * *p; returns 0, or prints what is wrong and returns the exit status. */
static int read_policy(gu_policy **p, gu_visit_schedule *s)
{
	char buf[1024];
	gu_error err;

	if (gu_policy_load_file(gu_policy_path(), p, &err) < 0
	    || gu_visit_schedule_read(*p, s, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	return 0;
}

/* Writes the CSV to out (standard output when NULL, else the safe way);
 * returns 0 or < 0. */
static int put_csv(gu_db *db, const gu_ledger_lines *x, const char *month,
	enum gu_csv_encoding enc, const char *out, unsigned flags, gu_error *err)
{
	gu_safe_file sf;
	FILE *f = stdout;
	gu_csv w;
	int fd, ret;

	if (out) {
		if ((ret = gu_safe_open(db, out, flags, &sf, err)) < 0)
			return ret;
		fd = dup(sf.fd);
		if (fd < 0 || !(f = fdopen(fd, "w"))) {
			ret = gu_error_set(err, GU_EIO, out, 0, 0, _("cannot create the file: %s"),
				strerror(errno));
			if (fd >= 0)
				close(fd);
			gu_safe_abort(&sf);
			return ret;
		}
	}
	ret = gu_csv_init(&w, enc, f, err);
	if (ret == 0 && gu_ledger_csv(&w, x, month) < 0)
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	if (ret == 0)
		ret = gu_csv_finish(&w, err);
	gu_csv_free(&w);
	if (!out)
		return ret;
	if (fclose(f) != 0 && ret == 0)
		ret = gu_error_set(err, GU_EIO, out, 0, 0, _("cannot write the file: %s"),
			strerror(errno));
	if (ret < 0)
		gu_safe_abort(&sf);
	else
		ret = gu_safe_commit(&sf, err);
	return ret;
}

/* Writes text to out (standard output when NULL, else the safe way);
 * returns 0 or < 0. */
static int put_text(gu_db *db, const char *text, const char *out, unsigned flags,
	gu_error *err)
{
	size_t len = strlen(text), done = 0;
	gu_safe_file sf;
	int ret;

	if (!out) {
		if (fputs(text, stdout) == EOF || fflush(stdout) != 0)
			return gu_error_set(err, GU_EIO, NULL, 0, 0, "%s",
				_("cannot write to standard output"));
		return 0;
	}
	if ((ret = gu_safe_open(db, out, flags, &sf, err)) < 0)
		return ret;
	while (done < len) {
		ssize_t k = write(sf.fd, text + done, len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			ret = gu_error_set(err, GU_EIO, out, 0, 0, _("cannot write the file: %s"),
				strerror(errno));
			gu_safe_abort(&sf);
			return ret;
		}
		done += (size_t)k;
	}
	return gu_safe_commit(&sf, err);
}

/* Prints the ledger in format f; returns 0 or < 0. */
static int print_ledger(gu_db *db, const gu_ledger_lines *x, const char *month,
	const char *township, enum format f, enum gu_csv_encoding enc, const char *out,
	unsigned flags, gu_error *err)
{
	const char *who = NULL;
	char *text;
	gu_doc d;
	int ret;

	if (f == F_CSV)
		return put_csv(db, x, month, enc, out, flags, err);
	gu_auth_session(db, &who, NULL);
	gu_ledger_doc(&d, x, month, township, who);
	text = f == F_HTML ? gu_doc_html(&d) : gu_doc_text(&d, 80);
	gu_doc_free(&d);
	if (!text)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	ret = put_text(db, text, out, flags, err);
	free(text);
	return ret;
}

/* Runs "guanai ledger"; returns the exit status. */
int cmd_ledger(int argc, char **argv)
{
	static const struct option own[] = {
		{ "month", required_argument, NULL, OPT_MONTH },
		{ "township", required_argument, NULL, OPT_TOWNSHIP },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const format_names[] = { "text", "html", "csv" };
	const char *o[OPT_END - GU_OPT_OWN] = { NULL };
	enum gu_csv_encoding enc;
	gu_visit_schedule sched;
	gu_ledger_lines x = { 0 };
	gu_ledger l = { 0 };
	char buf[1024], detail[128];
	const char *month, *township, *out;
	gu_policy *p = NULL;
	gu_db *db = NULL;
	enum format f;
	gu_error err;
	int status, ret;

	status = gu_command_options(argc, argv, "ledger", usage, own, gu_option_keep, o);
	if (status >= 0)
		return status;
	month = o[OPT_MONTH - GU_OPT_OWN];
	township = o[OPT_TOWNSHIP - GU_OPT_OWN];
	out = o[OPT_OUT - GU_OPT_OWN];
	if (optind < argc) {
		gu_complain(_("\"%s ledger\" takes no arguments; see \"%s ledger --help\""),
			PACKAGE, PACKAGE);
		return 2;
	}
	if (!month) {
		gu_complain(_("say which month with --month YYYY-MM"));
		return 2;
	}
	if (!choices_ok(o[OPT_FORMAT - GU_OPT_OWN], o[OPT_ENCODING - GU_OPT_OWN], &f, &enc))
		return 2;
	if ((status = read_policy(&p, &sched)) != 0)
		goto cleanup;
	if ((status = gu_cli_open(0, &db)) != 0)
		goto cleanup;
	gu_error_clear(&err);
	ret = gu_ledger_load(db, &sched, month, township, &l, &err);
	if (ret == 0 && gu_ledger_lines_make(&l, p, &x) < 0)
		ret = gu_error_set(&err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	if (ret == 0)
		ret = print_ledger(db, &x, l.month, township, f, enc, out,
			o[OPT_FORCE - GU_OPT_OWN] ? GU_SAFE_REPLACE : 0, &err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "%s; %s; townships: %zu; lines: %zu", l.month,
			format_names[f], x.townships, x.n);
		ret = gu_audit_add(db, "ledger.print", NULL, detail, &err);
	}
	if (ret < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = err.code == GU_EINVAL || err.code == GU_EEXIST || err.code == GU_EPERM
			? 2 : 1;
	} else if (out) {
		fprintf(stderr, _("%s: written to %s\n"), PACKAGE, out);
	}
cleanup:
	gu_ledger_lines_free(&x);
	gu_ledger_free(&l);
	gu_db_close(db);
	gu_policy_free(p);
	return status;
}
