/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai import FILE...: stores answers files as cases, each with the
 * results the rules give, and prints each new case's id. */

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/checks.h"
#include "core/answers.h"
#include "core/eval.h"
#include "core/i18n.h"
#include "db/access.h"
#include "core/keys.h"
#include "core/policy.h"
#include "db/store.h"
#include "tui/commands.h"
#include "tui/login_cli.h"
#include "tui/options.h"

enum { OPT_STATUS = 0x2000, OPT_DUPLICATE, OPT_ENCODING };

/* A batch is committed (one flush to disk) after this many cases or this
 * many seconds, whichever comes first: a disk's flush costs 10 ms or more,
 * a case's storing about one, and the ids still come out as they go. */
#define BATCH_CASES 200
#define BATCH_SECONDS 0.25

/* The cases stored in the open batch, printed once it is committed. */
struct batch {
	char ids[BATCH_CASES][GU_ID_SIZE];
	size_t n;
	double started;              /* when its first case was stored */
	bool open;
};

/* Returns a monotonic time in seconds. */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Commits the open batch and prints its cases' ids, only once they are on
 * disk (a script that is killed still knows every case it stored); returns
 * 0, or 1 after a message (then none of them is stored). */
static int batch_commit(gu_db *db, struct batch *b)
{
	gu_error err;
	char buf[1024];
	size_t i;
	int ret = 0;

	if (!b->open)
		return 0;
	b->open = false;
	if (gu_import_batch_commit(db, &err) < 0) {
		gu_complain(_("%s; nothing was stored after the last id printed (files: %zu): "
			"import those files again"), gu_error_text(&err, buf, sizeof buf), b->n);
		b->n = 0;
		return 1;
	}
	for (i = 0; i < b->n; i++)
		printf("%s\n", b->ids[i]);
	b->n = 0;
	if (fflush(stdout) != 0)
		ret = 1;
	return ret;
}

/* Prints the command's help to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s import [OPTION]... FILE...\n"), PACKAGE);
	fputs(_("Store each answers file as a new case with its screening results, and print\n"
		"the new case's id, one line per file.  A file with an error is not stored.\n\n"), f);
	fputs(_("  --encoding ENC    the files' encoding: utf-8 (default) or gb18030, as\n"
		"                    Windows tools save them\n"), f);
	fputs(_("  --status STATUS   the status of the new cases (default: complete)\n"
		"  --db PATH         the database to write\n"
		"  --policy FILE     the policy file to check and screen with\n"), f);
	fputs(_("  --duplicate new   import an interview stored before once more (by default a\n"
		"                    file imported before, or the same child's interview of the\n"
		"                    same date, is skipped, naming the stored case)\n"), f);
}

/* Tells which stored case holds the same interview as file; returns 1
 * when one does (message printed), 0 when none, or -1 (printed). */
static int already_stored(gu_db *db, const char *file, const gu_answers *a, char sha[65])
{
	char buf[1024], id[GU_ID_SIZE];
	gu_error err;
	int found;

	if (gu_import_file_sha256(file, sha, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return -1;
	}
	found = gu_import_find_same(db, sha, gu_answers_get(a, GU_KEY_CHILD_ID),
		gu_answers_get(a, GU_KEY_INTERVIEW_DATE), id, &err);
	if (found < 0) {
		gu_complain("%s: %s", file, gu_error_text(&err, buf, sizeof buf));
		return -1;
	}
	if (found)
		gu_complain(_("%s: the same interview is already stored as case %s; skipped "
			"(--duplicate new imports it again)"), file, id);
	return found;
}

/* Checks, screens and stores one file in the batch b (started here when
 * none is open); returns 0, 2 for a bad file, 1 for a database failure
 * (message printed). */
static int import_one(gu_db *db, struct batch *b, const gu_policy *p, const char *file,
	const char *encoding, enum gu_case_status status, bool again)
{
	gu_answers a;
	gu_results r;
	gu_error err;
	char buf[1024], id[GU_ID_SIZE], sha[65] = "";
	gu_case_new c;
	int ret = 0, found;

	memset(&r, 0, sizeof r);
	if (gu_answers_read_file_enc(file, encoding, &a, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 2;
	}
	if (gu_policy_check_answers(p, &a, file, &err) < 0 || gu_checks_reject(p, &a, file, &err) < 0
			|| gu_evaluate_ex(p, &a, &r, GU_EVAL_EXPLAIN | GU_EVAL_ASK_NEXT | GU_EVAL_LABELS, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		ret = 2;
		goto cleanup;
	}
	{
		size_t from = 0;

		while (gu_policy_answer_warning(p, &a, file, &from, &err) > 0)
			gu_complain(_("warning: %s"), gu_error_text(&err, buf, sizeof buf));
	}
	found = again ? 0 : already_stored(db, file, &a, sha);
	if (found != 0) {
		ret = found < 0 ? 1 : 0;
		goto cleanup;
	}
	memset(&c, 0, sizeof c);
	c.source_sha256 = sha;
	c.worker = gu_answers_get(&a, GU_KEY_INTERVIEW_WORKER);
	if (!c.worker || !*c.worker)
		c.worker = gu_opts.user;
	c.township = gu_answers_get(&a, GU_KEY_INTERVIEW_TOWNSHIP);
	c.child_name = gu_answers_get(&a, GU_KEY_CHILD_NAME);
	c.child_id_number = gu_answers_get(&a, GU_KEY_CHILD_ID);
	c.policy_id = gu_policy_id(p);
	c.policy_version = gu_policy_version(p);
	c.policy_hash = gu_policy_hash(p);
	/* the results above are the evaluation the save would make again */
	c.evaluated = true;
	if (!b->open) {
		if (gu_import_batch_begin(db, &err) < 0) {
			gu_complain("%s: %s", file, gu_error_text(&err, buf, sizeof buf));
			ret = 1;
			goto cleanup;
		}
		b->open = true;
		b->started = now_s();
	}
	if (gu_case_import_batched(db, &c, &a, &r, status, id, &err) < 0) {
		gu_complain("%s: %s", file, gu_error_text(&err, buf, sizeof buf));
		ret = 1;
		goto cleanup;
	}
	snprintf(b->ids[b->n++], GU_ID_SIZE, "%s", id);
	if (b->n == BATCH_CASES || now_s() - b->started >= BATCH_SECONDS)
		ret = batch_commit(db, b);
cleanup:
	gu_results_free(&r);
	gu_answers_free(&a);
	return ret;
}

/* What the command's own options say. */
struct opts {
	enum gu_case_status status;
	const char *encoding;
	bool again;
	bool status_given;
};

/* Takes one of the command's own options into ctx; returns 0 or the exit
 * status after a message. */
static int take(int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;

	gu_error err;

	if (opt == OPT_STATUS) {
		if (gu_case_status_parse(arg, &o->status, &err) < 0) {
			gu_complain("%s", err.message);
			return 2;
		}
		if (o->status != GU_CASE_DRAFT && o->status != GU_CASE_COMPLETE) {
			gu_complain(_("an import is a draft or complete (--status draft or complete): "
				"review decisions are made by a supervisor, never imported"));
			return 2;
		}
		o->status_given = true;
	} else if (opt == OPT_DUPLICATE) {
		if (strcmp(arg, "new") != 0 && strcmp(arg, "skip") != 0) {
			gu_complain(_("--duplicate takes new or skip, not \"%s\""), arg);
			return 2;
		}
		o->again = strcmp(arg, "new") == 0;
	} else if (opt == OPT_ENCODING) {
		return gu_encoding_option(arg, &o->encoding);
	}
	return 0;
}

/* Runs "guanai import"; returns the exit status. */
int cmd_import(int argc, char **argv)
{
	static const struct option own[] = {
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "duplicate", required_argument, NULL, OPT_DUPLICATE },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { .status = GU_CASE_COMPLETE };
	enum gu_case_status status = GU_CASE_COMPLETE;
	const char *encoding = NULL;
	gu_policy *p = NULL;
	gu_db *db = NULL;
	struct batch *b = NULL;
	gu_error err;
	char buf[1024];
	int i, worst = 0;
	bool again = false;

	i = gu_command_options(argc, argv, "import", usage, own, take, &o);
	if (i >= 0)
		return i;
	status = o.status;
	encoding = o.encoding;
	again = o.again;
	if (optind >= argc) {
		gu_complain(_("give the answers files to import; see \"%s import --help\""), PACKAGE);
		return 2;
	}
	if ((worst = gu_cli_open(0, &db)) != 0)
		return worst;
	/* a laptop screens with the policy its office sent */
	if (gu_policy_load_for(db, &p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		gu_db_close(db);
		return 2;
	}
	if (o.status_given && gu_access_require_supervisor(db, true, &err) < 0) {
		gu_complain("%s", _("--status is for a supervisor: a worker's imports are "
			"complete cases"));
		gu_db_close(db);
		gu_policy_free(p);
		return 1;
	}
	if (gu_opts.user && gu_db_set_user(db, gu_opts.user) < 0) {
		gu_complain("%s", _("out of memory"));
		worst = 1;
	}
	/* the results leave out the explanations this policy's text rebuilds */
	if (worst == 0 && gu_db_use_policy(db, p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		worst = 1;
	}
	b = calloc(1, sizeof *b);
	if (!b && worst == 0) {
		gu_complain("%s", _("out of memory"));
		worst = 1;
	}
	for (i = optind; i < argc && worst != 1; i++) {
		int rc = import_one(db, b, p, argv[i], encoding, status, again);

		/* A database failure stops at once (the cases stored before it
		 * are kept); a bad file does not. */
		if (rc == 1 || (rc == 2 && worst == 0))
			worst = rc;
	}
	if (b && batch_commit(db, b) != 0)
		worst = 1;
	free(b);
	gu_db_close(db);
	gu_policy_free(p);
	if (fflush(stdout) != 0)
		worst = 1;
	return worst;
}
