/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Re-screening cases on a new date or under a new policy, and comparing. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "db/access.h"
#include "db/internal.h"
#include "db/rescreen.h"
#include "db/search.h"

#define PAGE 500

/* Returns the saved verdict of item in the saved results, GU_NO when absent. */
static gu_tv saved_verdict(const gu_saved_result *v, size_t n, int item)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].item == item)
			return strcmp(v[i].verdict, "eligible") == 0 ? GU_YES : GU_MAYBE;
	return GU_NO;
}

/* Returns the new verdict of item, GU_NO when absent. */
static gu_tv new_verdict(const gu_results *r, int item)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].item == item)
			return r->v[i].verdict;
	return GU_NO;
}

/* Appends a change; returns 0 or -GU_ENOMEM. */
static int add_change(gu_rescreen *out, int item, gu_tv before, gu_tv after)
{
	gu_item_change *nv = realloc(out->changes, (out->nchanges + 1) * sizeof *nv);

	if (!nv)
		return -GU_ENOMEM;
	out->changes = nv;
	nv[out->nchanges].item = item;
	nv[out->nchanges].before = before;
	nv[out->nchanges].after = after;
	nv[out->nchanges].kind = before == GU_NO ? GU_CHANGE_GAINED
		: after == GU_NO ? GU_CHANGE_LOST : GU_CHANGE_VERDICT;
	out->nchanges++;
	return 0;
}

/* Compares saved and new verdicts item by item; returns 0 or -GU_ENOMEM. */
static int compare(const gu_saved_result *saved, size_t nsaved, gu_rescreen *out)
{
	int item, max = 0, ret = 0;
	size_t i;

	for (i = 0; i < nsaved; i++)
		if (saved[i].item > max)
			max = saved[i].item;
	for (i = 0; i < out->results.n; i++)
		if (out->results.v[i].item > max)
			max = out->results.v[i].item;
	for (item = 1; ret == 0 && item <= max; item++) {
		gu_tv before = saved_verdict(saved, nsaved, item);
		gu_tv after = new_verdict(&out->results, item);

		if (before != after)
			ret = add_change(out, item, before, after);
	}
	return ret;
}

/* Re-screens one case; returns 0 or < 0. */
int gu_rescreen_case(gu_db *db, const gu_policy *p, const char *case_id, const char *date,
	gu_rescreen *out, gu_error *err)
{
	gu_answers a;
	gu_case_info info;
	gu_saved_result *saved = NULL;
	size_t nsaved = 0, i;
	const char *d;
	gu_date parsed;
	int ret;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	gu_answers_init(&a);
	if (date && !gu_date_parse(date, &parsed))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a date; write it as YYYY-MM-DD"), date);
	ret = gu_access_check_case(db, case_id, err);
	if (ret == 0)
		ret = gu_case_get(db, case_id, &info, err);
	if (ret == 0)
		ret = gu_case_load_answers(db, case_id, &a, err);
	if (ret == 0)
		ret = gu_case_load_verdicts(db, case_id, &saved, &nsaved, err);
	if (ret < 0)
		goto cleanup;
	snprintf(out->case_id, sizeof out->case_id, "%s", case_id);
	snprintf(out->child_name, sizeof out->child_name, "%s", info.child_name);
	for (i = 0; i < nsaved; i++)
		if (saved[i].item > 0) {
			snprintf(out->saved_policy, sizeof out->saved_policy, "%s",
				saved[i].policy_hash);
			break;
		}
	if (date && gu_answers_set(&a, GU_KEY_INTERVIEW_DATE, date) < 0) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto cleanup;
	}
	d = gu_answers_get(&a, GU_KEY_INTERVIEW_DATE);
	snprintf(out->date, sizeof out->date, "%s", d ? d : "");
	ret = gu_policy_check_answers(p, &a, case_id, err);
	if (ret < 0) {
		ret = -GU_EANSWERS;
		err->code = GU_EANSWERS;
		goto cleanup;
	}
	ret = gu_evaluate_ex(p, &a, &out->results, GU_EVAL_EXPLAIN | GU_EVAL_ASK_NEXT | GU_EVAL_LABELS, err);
	if (ret < 0)
		goto cleanup;
	if (compare(saved, nsaved, out) < 0)
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
cleanup:
	gu_saved_results_free(saved, nsaved);
	gu_answers_free(&a);
	if (ret < 0)
		gu_rescreen_free(out);
	return ret;
}

/* Frees a re-screen. */
void gu_rescreen_free(gu_rescreen *r)
{
	free(r->changes);
	r->changes = NULL;
	r->nchanges = 0;
	gu_results_free(&r->results);
	memset(&r->results, 0, sizeof r->results);
}

/* Adds one case's changes to the summary. */
static void count(gu_rescreen_summary *sum, const gu_rescreen *r)
{
	size_t i;

	sum->cases++;
	if (r->nchanges)
		sum->changed++;
	for (i = 0; i < r->nchanges; i++) {
		int item = r->changes[i].item;

		if (item < 1 || item >= 1000)
			continue;
		if (r->changes[i].kind == GU_CHANGE_GAINED)
			sum->gained[item]++;
		else if (r->changes[i].kind == GU_CHANGE_LOST)
			sum->lost[item]++;
		else
			sum->verdict[item]++;
	}
}

/* Re-screens every visible case of the statuses in mask (bits 1u <<
 * status, 0 any); returns 0 or < 0. */
static int rescreen_list(gu_db *db, const gu_policy *p, const char *date, unsigned mask,
	gu_rescreen_fn each, void *ctx, gu_rescreen_summary *sum, gu_error *err)
{
	gu_case_filter f = { .sort = GU_SORT_UPDATED, .limit = PAGE, .status_mask = mask };
	gu_case_row last;
	gu_date parsed;
	int ret;
	GU_ERR_LOCAL(err);

	memset(sum, 0, sizeof *sum);
	if (date && !gu_date_parse(date, &parsed))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a date; write it as YYYY-MM-DD"), date);
	ret = 0;
	while (ret == 0) {
		gu_case_row *v;
		size_t n, i;

		ret = gu_case_list(db, &f, &v, &n, err);
		if (ret < 0)
			break;
		for (i = 0; i < n; i++) {
			gu_rescreen r;
			gu_error case_err;

			if (gu_rescreen_case(db, p, v[i].id, date, &r, &case_err) < 0) {
				if (case_err.code == GU_ENOMEM || case_err.code == GU_EDB
				    || case_err.code == GU_EIO || case_err.code == GU_EDB_CORRUPT) {
					*err = case_err;
					ret = -(int)case_err.code;
					break;
				}
				sum->failed++;
				if (each)
					each(v[i].id, NULL, &case_err, ctx);
				continue;
			}
			count(sum, &r);
			if (each)
				each(v[i].id, &r, NULL, ctx);
			gu_rescreen_free(&r);
		}
		if (n > 0)
			last = v[n - 1];
		free(v);
		if (ret < 0 || n < PAGE)
			break;
		f.after = &last;
	}
	return ret;
}

/* Re-screens every visible case; returns 0 or < 0. */
int gu_rescreen_all(gu_db *db, const gu_policy *p, const char *date, gu_rescreen_fn each,
	void *ctx, gu_rescreen_summary *sum, gu_error *err)
{
	return rescreen_list(db, p, date, 0, each, ctx, sum, err);
}

/* Re-screens the open drafts (being interviewed or returned); returns 0 or
 * < 0. */
int gu_rescreen_drafts(gu_db *db, const gu_policy *p, gu_rescreen_fn each, void *ctx,
	gu_rescreen_summary *sum, gu_error *err)
{
	return rescreen_list(db, p, NULL, 1u << GU_CASE_DRAFT | 1u << GU_CASE_RETURNED, each, ctx,
		sum, err);
}
