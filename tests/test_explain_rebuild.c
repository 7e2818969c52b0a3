/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Explanations rebuilt on demand: for every profile in tests/profiles, a
 * case imported under the policy in use stores no explanation, and the one
 * read back is the one computed at the time, byte for byte; so after an
 * answer changed, and on another handle that has only the policy text the
 * database keeps (as the office has it); without that text the result
 * says it cannot be shown; without a policy in use explanations are
 * stored as before; a purge removes the kept answers. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "core/eval.h"
#include "core/policy.h"
#include "core/sha256.h"
#include "db/internal.h"
#include "db/purge.h"
#include "db/compact.h"
#include "tests/test_supervise_util.h"

#define PROFILES TOP_SRCDIR "/tests/profiles"
#define FLAGS (GU_EVAL_EXPLAIN | GU_EVAL_ASK_NEXT | GU_EVAL_LABELS)

TestSuite(explain, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Loads the city's policy file or fails the test; returns it. */
static gu_policy *policy(void)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_eq(gu_policy_load_file(TOP_SRCDIR "/data/chaoyang-2024.policy", &p, &err), 0,
		"%s: %s", err.where, err.message);
	return p;
}

/* Imports the answers file path under p as a complete case, writing its
 * id and the results computed at the time into r; evaluated tells the save
 * they are its evaluation (as guanai import does). */
static void import_as(gu_db *db, const gu_policy *p, const char *path, gu_results *r,
	char id[GU_ID_SIZE], bool evaluated)
{
	gu_case_new c = { .policy_id = gu_policy_id(p), .policy_version = gu_policy_version(p),
		.policy_hash = gu_policy_hash(p), .evaluated = evaluated };
	gu_answers a;
	gu_error err;

	cr_assert_eq(gu_answers_read_file(path, &a, &err), 0, "%s: %s", path, err.message);
	cr_assert_eq(gu_policy_check_answers(p, &a, path, &err), 0, "%s: %s", path, err.message);
	cr_assert_eq(gu_evaluate_ex(p, &a, r, FLAGS, &err), 0, "%s: %s", path, err.message);
	c.worker = gu_answers_get(&a, "interview.worker");
	c.township = gu_answers_get(&a, "interview.township");
	c.child_name = gu_answers_get(&a, "child.name");
	c.child_id_number = gu_answers_get(&a, "child.id_number");
	cr_assert_eq(gu_case_import(db, &c, &a, r, GU_CASE_COMPLETE, id, &err), 0, "%s: %s", path,
		err.message);
	gu_answers_free(&a);
}

/* Imports path as import_as does, the save evaluating the answers again. */
static void import(gu_db *db, const gu_policy *p, const char *path, gu_results *r,
	char id[GU_ID_SIZE])
{
	import_as(db, p, path, r, id, false);
}

/* Returns the explanation of item in r ("" for none); fails when r does
 * not hold it. */
static const char *computed(const gu_results *r, int item)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].item == item)
			return r->v[i].explanation ? r->v[i].explanation : "";
	cr_assert_fail("item %d was not computed", item);
	return NULL;
}

/* Checks that every saved result of the case reads back with the
 * explanation computed at the time; returns how many results it has. */
static size_t same_as_computed(gu_db *db, const char *id, const gu_results *r, const char *what)
{
	gu_saved_result *v = NULL;
	size_t n = 0, i, results = 0;
	gu_error err;

	cr_assert_eq(gu_case_load_results(db, id, &v, &n, &err), 0, "%s: %s", what, err.message);
	for (i = 0; i < n; i++) {
		if (v[i].item <= 0)
			continue;
		results++;
		cr_assert_str_eq(v[i].explanation, computed(r, v[i].item), "%s: item %d", what,
			v[i].item);
	}
	gu_saved_results_free(v, n);
	return results;
}

/* Returns the result rows of the case (all when id is NULL) that store an
 * explanation. */
static long stored_explanations(gu_db *db, const char *id)
{
	sqlite3_stmt *st;
	long n;

	cr_assert_eq(sqlite3_prepare_v2(db->h, "SELECT count(*) FROM results WHERE explanation <> ''"
		" AND (?1 IS NULL OR case_id = ?1)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Runs one statement on the raw handle or fails the test. */
static void exec(gu_db *db, const char *sql)
{
	cr_assert_eq(sqlite3_exec(db->h, sql, NULL, NULL, NULL), SQLITE_OK, "%s: %s", sql,
		sqlite3_errmsg(db->h));
}

/* The answers files of tests/profiles, sorted; *n of them (free each). */
static char **profiles(size_t *n)
{
	struct dirent **list;
	char **v;
	int k, i;

	k = scandir(PROFILES, &list, NULL, alphasort);
	cr_assert_gt(k, 0, "no profiles in " PROFILES);
	v = calloc((size_t)k, sizeof *v);
	cr_assert_not_null(v);
	*n = 0;
	for (i = 0; i < k; i++) {
		size_t len = strlen(list[i]->d_name);

		if (len > 8 && strcmp(list[i]->d_name + len - 8, ".answers") == 0) {
			v[*n] = malloc(sizeof PROFILES + len + 1);
			cr_assert_not_null(v[*n]);
			sprintf(v[*n], "%s/%s", PROFILES, list[i]->d_name);
			(*n)++;
		}
		free(list[i]);
	}
	free(list);
	return v;
}

Test(explain, the_policy_text_is_the_bytes_its_hash_is_of)
{
	gu_policy *p = policy();
	char hex[65];

	gu_sha256_hex(gu_policy_text(p), strlen(gu_policy_text(p)), hex);
	cr_assert_str_eq(hex, gu_policy_hash(p));
	gu_policy_free(p);
}

Test(explain, every_profile_reads_back_its_explanations_without_storing_them)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_results *r;
	char (*ids)[GU_ID_SIZE];
	size_t n, i, results = 0;
	char **files = profiles(&n);
	gu_error err;

	cr_assert_geq(n, 20, "only %zu profiles", n);
	r = calloc(n, sizeof *r);
	ids = calloc(n, sizeof *ids);
	cr_assert(r && ids);
	cr_assert_eq(gu_db_use_policy(db, p, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++) {
		gu_results once;
		char id[GU_ID_SIZE];

		import(db, p, files[i], &r[i], ids[i]);
		results += same_as_computed(db, ids[i], &r[i], files[i]);
		/* as guanai import saves: the results taken as the evaluation,
		 * the answers evaluated once */
		import_as(db, p, files[i], &once, id, true);
		cr_assert_eq(same_as_computed(db, id, &once, files[i]),
			same_as_computed(db, ids[i], &r[i], files[i]), "%s", files[i]);
		gu_results_free(&once);
	}
	cr_assert_gt(results, n, "the profiles have %zu results", results);
	cr_assert_eq(stored_explanations(db, NULL), 0, "explanations were stored");
	/* another handle, without the policy file: the text kept by hash */
	gu_db_close(db);
	db = sv_open();
	for (i = 0; i < n; i++)
		same_as_computed(db, ids[i], &r[i], files[i]);
	gu_db_close(db);
	for (i = 0; i < n; i++) {
		gu_results_free(&r[i]);
		free(files[i]);
	}
	free(r);
	free(ids);
	free(files);
	gu_policy_free(p);
}

Test(explain, a_changed_answer_leaves_the_explanation_as_computed)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_results r, now;
	char id[GU_ID_SIZE];
	size_t i;
	gu_error err;
	bool differs = false;
	gu_answers a;

	cr_assert_eq(gu_db_use_policy(db, p, &err), 0, "%s", err.message);
	import(db, p, PROFILES "/p02-left-behind-dibao.answers", &r, id);
	/* the mother comes home: the explanations computed now would differ */
	cr_assert_eq(gu_case_save_answer(db, id, "mother.status", "home", "came back", &err), 0,
		"%s", err.message);
	cr_assert_eq(gu_case_save_answer(db, id, "child.lives_with", "mother", "came back", &err),
		0, "%s", err.message);
	cr_assert_eq(gu_case_load_answers(db, id, &a, &err), 0);
	cr_assert_eq(gu_evaluate_ex(p, &a, &now, FLAGS, &err), 0, "%s", err.message);
	for (i = 0; i < r.n && !differs; i++) {
		const char *e = r.v[i].explanation ? r.v[i].explanation : "";
		size_t j;

		for (j = 0; j < now.n; j++)
			if (now.v[j].item == r.v[i].item)
				differs = differs || strcmp(e, now.v[j].explanation
					? now.v[j].explanation : "") != 0 || now.v[j].verdict != r.v[i].verdict;
	}
	cr_assert(differs, "the change should change what the policy says");
	cr_assert_gt(same_as_computed(db, id, &r, "after the change"), 0);
	/* and on a handle without the policy file */
	gu_db_close(db);
	db = sv_open();
	cr_assert_gt(same_as_computed(db, id, &r, "after the change, reopened"), 0);
	gu_answers_free(&a);
	gu_results_free(&now);
	gu_results_free(&r);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(explain, a_result_whose_policy_text_is_missing_says_so)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_results r;
	char id[GU_ID_SIZE];
	gu_saved_result *v = NULL;
	size_t n = 0, i, said = 0;
	gu_error err;

	cr_assert_eq(gu_db_use_policy(db, p, &err), 0, "%s", err.message);
	import(db, p, PROFILES "/p03-orphan-beipiao.answers", &r, id);
	gu_db_close(db);
	db = sv_open();
	exec(db, "DELETE FROM policy_texts");
	cr_assert_eq(gu_case_load_results(db, id, &v, &n, &err), 0, "%s", err.message);
	for (i = 0; i < n; i++)
		if (v[i].item > 0) {
			cr_assert_not_null(strstr(v[i].explanation, "cannot be shown"), "item %d: %s",
				v[i].item, v[i].explanation);
			cr_assert_not_null(strstr(v[i].explanation, "policy"));
			said++;
		}
	cr_assert_gt(said, 0);
	gu_saved_results_free(v, n);
	gu_results_free(&r);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(explain, without_a_policy_in_use_explanations_are_stored)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_results r;
	char id[GU_ID_SIZE];

	import(db, p, PROFILES "/p01-floating-pupil.answers", &r, id);
	cr_assert_gt(stored_explanations(db, id), 0);
	cr_assert_gt(same_as_computed(db, id, &r, "stored"), 0);
	gu_results_free(&r);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(explain, a_purge_removes_the_kept_answers)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_results r;
	char id[GU_ID_SIZE];
	sqlite3_stmt *st;
	gu_purge_case pc;
	gu_error err;

	cr_assert_eq(gu_db_use_policy(db, p, &err), 0, "%s", err.message);
	import(db, p, PROFILES "/p02-left-behind-dibao.answers", &r, id);
	cr_assert_eq(gu_case_save_answer(db, id, "mother.status", "home", "came back", &err), 0,
		"%s", err.message);
	cr_assert_eq(sqlite3_prepare_v2(db->h, "SELECT count(*) FROM result_basis"
		" WHERE answers IS NOT NULL", -1, &st, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(st, 0), 1, "the answers as they were are kept");
	sqlite3_reset(st);
	memset(&pc, 0, sizeof pc);
	snprintf(pc.id, sizeof pc.id, "%s", id);
	cr_assert_eq(gu_purge_run(db, &pc, 1, &err), 0, "%s", err.message);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(st, 0), 0, "a purged case keeps no answers");
	sqlite3_finalize(st);
	gu_results_free(&r);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(explain, compacting_leaves_out_what_rebuilds_and_keeps_the_rest)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_results *r;
	char (*ids)[GU_ID_SIZE];
	size_t n, i, changed = 0;
	char **files = profiles(&n);
	gu_compact_report rep;
	gu_error err;
	long before_changed;

	r = calloc(n, sizeof *r);
	ids = calloc(n, sizeof *ids);
	cr_assert(r && ids);
	/* as a database written before explanations were left out */
	for (i = 0; i < n; i++) {
		import(db, p, files[i], &r[i], ids[i]);
		if (strstr(files[i], "p02-left-behind-dibao"))
			changed = i;
	}
	cr_assert_gt(stored_explanations(db, NULL), (long)n);
	/* an answer changed after the results: they no longer rebuild */
	cr_assert_eq(gu_case_save_answer(db, ids[changed], "mother.status", "home", "came back",
		&err), 0, "%s", err.message);
	before_changed = stored_explanations(db, ids[changed]);
	memset(&rep, 0, sizeof rep);
	cr_assert_eq(gu_compact_explanations(db, NULL, NULL, &rep, &err), -GU_EINVAL,
		"without a policy in use nothing can be compared");
	cr_assert_eq(gu_db_use_policy(db, p, &err), 0, "%s", err.message);
	cr_assert_eq(gu_compact_explanations(db, NULL, NULL, &rep, &err), 0, "%s", err.message);
	cr_assert(rep.cases > 0 && rep.cases <= (long)n, "%ld cases compared", rep.cases);
	cr_assert_gt(rep.left_out, rep.kept);
	cr_assert_gt(rep.kept, 0, "the changed case keeps what no longer rebuilds");
	cr_assert_eq(stored_explanations(db, NULL), rep.kept);
	cr_assert_leq(stored_explanations(db, ids[changed]), before_changed);
	cr_assert_eq(stored_explanations(db, ids[changed]), rep.kept);
	for (i = 0; i < n; i++)
		same_as_computed(db, ids[i], &r[i], files[i]);
	cr_assert_eq(gu_compact_vacuum(db, &rep, &err), 0, "%s", err.message);
	cr_assert_lt(rep.after, rep.before, "the file is smaller");
	gu_db_close(db);
	/* and again on a new handle */
	db = sv_open();
	for (i = 0; i < n; i++) {
		same_as_computed(db, ids[i], &r[i], files[i]);
		gu_results_free(&r[i]);
		free(files[i]);
	}
	gu_db_close(db);
	free(r);
	free(ids);
	free(files);
	gu_policy_free(p);
}

Test(explain, readers_of_verdicts_alone_rebuild_nothing)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_results r;
	char id[GU_ID_SIZE];
	gu_saved_result *v = NULL, *w = NULL;
	size_t n = 0, m = 0, i;
	gu_error err;

	cr_assert_eq(gu_db_use_policy(db, p, &err), 0, "%s", err.message);
	import(db, p, PROFILES "/p02-left-behind-dibao.answers", &r, id);
	cr_assert_eq(gu_case_load_verdicts(db, id, &v, &n, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_load_results(db, id, &w, &m, &err), 0, "%s", err.message);
	cr_assert_eq(n, m);
	cr_assert_gt(n, 0);
	for (i = 0; i < n; i++) {
		cr_assert_eq(v[i].item, w[i].item);
		cr_assert_str_eq(v[i].verdict, w[i].verdict);
		cr_assert_str_eq(v[i].reason, w[i].reason);
		if (v[i].item > 0) {
			cr_assert_str_eq(v[i].explanation, "", "item %d", v[i].item);
			cr_assert_str_neq(w[i].explanation, "", "item %d", w[i].item);
		}
	}
	gu_saved_results_free(v, n);
	gu_saved_results_free(w, m);
	gu_results_free(&r);
	gu_db_close(db);
	gu_policy_free(p);
}
