/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Explanations rebuilt on demand (db/schema_slim.c): a result is stored
 * with its verdict, persons, reason and policy hash, and its explanation
 * only when evaluating the answers again under that policy would not give
 * it back; the policy texts are stored once by hash, and result_basis
 * keeps the answers the results were computed from once they change. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/internal.h"

/* Shown for an explanation that cannot be rebuilt. */
#define NO_POLICY N_("The explanation cannot be shown: this database does not hold the policy" \
	" (%.12s) this result was computed with.  Open the case where that policy is, or re-screen" \
	" it.")

/* What every save evaluates with (screens, import, re-screening). */
#define SAVE_FLAGS (GU_EVAL_EXPLAIN | GU_EVAL_ASK_NEXT | GU_EVAL_LABELS)

/* Stores p's text under its hash unless it is there; returns 0 or < 0. */
static int put_policy_text(gu_db *db, const gu_policy *p, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_POLICY_TEXT_PUT,
		"INSERT INTO policy_texts (hash, text, updated_at, device) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT (hash) DO NOTHING", err);
	const char *text = gu_policy_text(p);
	int rc;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, gu_policy_hash(p))) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_text(st, 2, text, (int)strlen(text), SQLITE_STATIC)) != SQLITE_OK)
		goto cleanup;
	if ((rc = sqlite3_bind_int64(st, 3, gu_time_now())) != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 4, db->device)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Makes p the policy results are saved under; returns 0 or < 0. */
int gu_db_use_policy(gu_db *db, const gu_policy *p, gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	db->policy = NULL;
	if (!p)
		return 0;
	if (!db->readonly) {
		ret = gu_db_begin(db, err);
		if (ret == 0)
			ret = put_policy_text(db, p, err);
		if (ret < 0) {
			gu_db_rollback(db);
			return ret;
		}
		ret = gu_db_commit(db, err);
		if (ret < 0)
			return ret;
	}
	db->policy = p;
	return 0;
}

/* Returns the policy whose text hashes to hash: the one in use, or one
 * loaded from policy_texts (kept for the next call); NULL when the
 * database does not hold it or it does not load (then err says why). */
static const gu_policy *policy_by_hash(gu_db *db, const char *hash, gu_error *err)
{
	sqlite3_stmt *st;
	gu_policy *p = NULL;
	int rc;

	if (db->policy && strcmp(gu_policy_hash(db->policy), hash) == 0)
		return db->policy;
	if (db->text_policy && strcmp(gu_policy_hash(db->text_policy), hash) == 0)
		return db->text_policy;
	st = gu_db_stmt(db, GU_ST_POLICY_TEXT_GET, "SELECT text FROM policy_texts WHERE hash = ?1",
		err);
	if (!st)
		return NULL;
	if ((rc = gu_bind_text(st, 1, hash)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		int len = sqlite3_column_bytes(st, 0);

		if (text && gu_policy_load_text(hash, text, (size_t)len, &p, err) == 0
				&& strcmp(gu_policy_hash(p), hash) != 0) {
			gu_policy_free(p);
			p = NULL;
		}
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK) {
		gu_db_fail(db, rc, err);
		return NULL;
	}
	if (p) {
		gu_policy_free(db->text_policy);
		db->text_policy = p;
	}
	return p;
}

/* Reads the answers a case's results were computed from into a (the
 * kept copy, or the answers now while they are unchanged); returns 0, 1
 * when the case has no basis (its explanations are all stored), or < 0. */
int gu_explain_basis_answers(gu_db *db, const char *case_id, gu_answers *a, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_BASIS_GET,
		"SELECT b.answers IS NULL, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')"
		" FROM result_basis b LEFT JOIN json_each(b.answers) j WHERE b.case_id = ?1"
		" ORDER BY j.key", err);
	int rc, ret = 1;
	bool current = false;

	gu_answers_init(a);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 1);
		const char *value = (const char *)sqlite3_column_text(st, 2);

		ret = 0;
		if (sqlite3_column_int(st, 0)) {
			current = true;
			continue;
		}
		if (key && gu_answers_set(a, key, value ? value : "") < 0) {
			ret = gu_error_set(err, GU_ENOMEM, db->path, 0, 0, _("out of memory"));
			break;
		}
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (ret == 0 && rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret == 0 && current) {
		gu_answers_free(a);
		ret = gu_case_load_answers(db, case_id, a, err);
	}
	if (ret != 0)
		gu_answers_free(a);
	return ret;
}

/* Evaluates a under p as a save does into out; returns 0, or 1 when the
 * answers do not pass p's checks (nothing to rebuild from). */
int gu_explain_evaluate(const gu_policy *p, gu_answers *a, gu_results *out)
{
	gu_error quiet;

	memset(out, 0, sizeof *out);
	if (gu_policy_check_answers(p, a, NULL, &quiet) < 0)
		return 1;
	if (gu_evaluate_ex(p, a, out, SAVE_FLAGS, &quiet) < 0) {
		gu_results_free(out);
		memset(out, 0, sizeof *out);
		return 1;
	}
	return 0;
}

/* Returns the explanation of item in r, "" when it has none, or NULL
 * when r does not hold the item. */
static const char *explanation_of(const gu_results *r, int item)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].item == item)
			return r->v[i].explanation ? r->v[i].explanation : "";
	return NULL;
}

/* Returns true when hash is the hash of the policy in use (the one a save
 * can rebuild explanations under). */
bool gu_explain_policy_in_use(gu_db *db, const char *hash)
{
	return db->policy && hash && strcmp(hash, gu_policy_hash(db->policy)) == 0;
}

/* Evaluates the case's answers now under the policy in use when hash is
 * its hash, for gu_explain_droppable; returns 0 with *have set when out
 * holds the evaluation, or < 0. */
int gu_explain_save_basis(gu_db *db, const char *case_id, const char *hash, gu_results *out,
	bool *have, gu_error *err)
{
	gu_answers a;
	int ret;

	*have = false;
	memset(out, 0, sizeof *out);
	if (!gu_explain_policy_in_use(db, hash))
		return 0;
	ret = gu_case_load_answers(db, case_id, &a, err);
	if (ret < 0)
		return ret;
	*have = gu_explain_evaluate(db->policy, &a, out) == 0;
	gu_answers_free(&a);
	return 0;
}

/* Returns true when the evaluation again gives r's explanation back. */
bool gu_explain_droppable(const gu_results *again, const gu_result *r)
{
	const char *e = explanation_of(again, r->item);

	return e && strcmp(e, r->explanation ? r->explanation : "") == 0;
}

/* Marks (keep) or unmarks the case's results as rebuilt from its answers
 * now; returns 0 or < 0. */
int gu_explain_set_basis_in_tx(gu_db *db, const char *case_id, bool keep, gu_time_ms now,
	gu_error *err)
{
	sqlite3_stmt *st = keep
		? gu_db_stmt(db, GU_ST_BASIS_PUT,
			"INSERT INTO result_basis (case_id, answers, updated_at, device)"
			" VALUES (?1, NULL, ?2, ?3) ON CONFLICT (case_id) DO UPDATE SET answers = NULL,"
			" updated_at = excluded.updated_at, device = excluded.device", err)
		: gu_db_stmt(db, GU_ST_BASIS_DROP, "DELETE FROM result_basis WHERE case_id = ?1", err);
	int rc;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if (keep && (rc = sqlite3_bind_int64(st, 2, now)) != SQLITE_OK)
		goto cleanup;
	if (keep && (rc = gu_bind_text(st, 3, db->device)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Fills the explanations saved results do not store, rebuilt; one that
 * cannot be rebuilt (the policy text is not in this database) says so.
 * Returns 0 or < 0. */
int gu_explain_fill(gu_db *db, const char *case_id, gu_saved_result *v, size_t n, gu_error *err)
{
	gu_answers a;
	gu_results again;
	const gu_policy *p = NULL;
	const char *hash = NULL;
	size_t i;
	int ret = 0;

	for (i = 0; i < n && !hash; i++)
		if (v[i].item > 0 && v[i].explanation && !v[i].explanation[0])
			hash = v[i].policy_hash;
	if (!hash)
		return 0;
	memset(&again, 0, sizeof again);
	ret = gu_explain_basis_answers(db, case_id, &a, err);
	if (ret != 0)
		return ret < 0 ? ret : 0; /* no basis: nothing was left out */
	{
		gu_error why;

		gu_error_clear(&why);
		p = policy_by_hash(db, hash, &why);
		if (!p && why.code != GU_OK && why.code != GU_ESYNTAX
				&& why.code != GU_EPOLICY && why.code != GU_EINVAL) {
			*err = why;
			ret = -(int)why.code;
			goto cleanup;
		}
	}
	if (p && gu_explain_evaluate(p, &a, &again) != 0)
		p = NULL;
	for (i = 0; i < n; i++) {
		const char *e;
		char *copy;

		if (v[i].item <= 0 || !v[i].explanation || v[i].explanation[0])
			continue;
		e = p && strcmp(v[i].policy_hash, hash) == 0 ? explanation_of(&again, v[i].item) : NULL;
		if (e) {
			copy = strdup(e);
		} else {
			size_t size = strlen(_(NO_POLICY)) + 16;

			copy = malloc(size);
			if (copy)
				snprintf(copy, size, _(NO_POLICY), v[i].policy_hash);
		}
		if (!copy) {
			ret = gu_error_set(err, GU_ENOMEM, db->path, 0, 0, _("out of memory"));
			break;
		}
		free(v[i].explanation);
		v[i].explanation = copy;
	}
cleanup:
	gu_results_free(&again);
	gu_answers_free(&a);
	return ret;
}
