/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Referral sheets and the consent form of a stored case (db/sheet.h). */

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/eval.h"
#include "core/i18n.h"
#include "core/idcard.h"
#include "core/region.h"
#include "core/sha256.h"
#include "db/access.h"
#include "db/id_rule.h"
#include "db/internal.h"
#include "db/release.h"
#include "db/sheet.h"

/* What one sheet needs from the stored case, gathered once. */
typedef struct gathered {
	gu_case_info info;
	gu_answers a;
	gu_saved_result *results;
	size_t nresults;
	gu_results fresh;            /* the answers evaluated again, for reasons in
	                              * the language in effect */
	bool have_fresh;
	char sex[64], relation[128], county[128], none[32];
	int age;
} gathered;

/* Returns the label of value among question key's choices (in the
 * language in effect), or value itself. */
static const char *choice_label(const gu_policy *p, const char *key, const char *value)
{
	const gu_question *q = gu_policy_find_question(p, key);
	size_t i;

	for (i = 0; q && value && i < q->nchoices; i++)
		if (strcmp(q->choices[i].value, value) == 0)
			return gu_pick(q->choices[i].label_zh, q->choices[i].label_en);
	return value;
}

/* Returns the answer to key, or NULL. */
static const char *answer(const gathered *g, const char *key)
{
	const char *v = gu_answers_get(&g->a, key);

	return v && *v ? v : NULL;
}

/* Reads the case, its answers and results and works out the words the
 * sheets show; returns 0 or < 0 (then g holds nothing to free). */
static int gather(gu_db *db, const gu_policy *p, const char *case_id, bool results,
	gathered *g, gu_error *err)
{
	gu_error quiet;
	const char *v;
	gu_date dob, on;
	int ret;

	memset(g, 0, sizeof *g);
	gu_answers_init(&g->a);
	g->age = -1;
	ret = gu_access_check_case(db, case_id, err);
	if (ret == 0)
		ret = gu_case_get(db, case_id, &g->info, err);
	if (ret == 0)
		ret = gu_case_load_answers(db, case_id, &g->a, err);
	if (ret == 0 && results)
		ret = gu_case_load_verdicts(db, case_id, &g->results, &g->nresults, err);
	if (ret < 0) {
		gu_answers_free(&g->a);
		return ret;
	}
	/* A reason is stored in the language of the screening; the sheet's
	 * language may differ.  Without a fresh evaluation the stored one stays. */
	g->have_fresh = results && gu_evaluate(p, &g->a, &g->fresh, &quiet) == 0;
	snprintf(g->sex, sizeof g->sex, "%s",
		answer(g, GU_KEY_CHILD_SEX) ? choice_label(p, GU_KEY_CHILD_SEX, answer(g, GU_KEY_CHILD_SEX)) : "");
	v = answer(g, "guardian.relation");
	snprintf(g->relation, sizeof g->relation, "%s", v ? choice_label(p, "guardian.relation", v) : "");
	v = answer(g, GU_KEY_CHILD_HUKOU_COUNTY);
	if (v && strcmp(v, "none") == 0)
		snprintf(g->county, sizeof g->county, "%s", _("no hukou"));
	else if (v && !gu_region_name(v, gu_lang() == GU_LANG_ZH, g->county, sizeof g->county))
		snprintf(g->county, sizeof g->county, "%s", v);
	if (answer(g, GU_KEY_CHILD_DOB) && answer(g, GU_KEY_INTERVIEW_DATE)
	    && gu_date_parse(answer(g, GU_KEY_CHILD_DOB), &dob)
	    && gu_date_parse(answer(g, GU_KEY_INTERVIEW_DATE), &on))
		g->age = gu_age_on(dob, on);
	snprintf(g->none, sizeof g->none, "%s", _("none"));
	return 0;
}

/* Frees what gather read. */
static void gathered_free(gathered *g)
{
	gu_answers_free(&g->a);
	gu_saved_results_free(g->results, g->nresults);
	g->results = NULL;
	g->nresults = 0;
	if (g->have_fresh)
		gu_results_free(&g->fresh);
	g->have_fresh = false;
}

/* Returns the reason to print for stored result r: the fresh evaluation's,
 * when it gives the item the same verdict, else the stored one. */
static const char *reason_of(const gathered *g, const gu_saved_result *r)
{
	gu_tv want = strcmp(r->verdict, "eligible") == 0 ? GU_YES : GU_MAYBE;
	size_t i;

	for (i = 0; g->have_fresh && i < g->fresh.n; i++)
		if (g->fresh.v[i].item == r->item && g->fresh.v[i].verdict == want
		    && g->fresh.v[i].reason)
			return g->fresh.v[i].reason;
	return r->reason;
}

/* Returns the part for department name in s, adding it when new; NULL
 * when there is no room. */
static gu_sheet_part *part_for(gu_sheet_set *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->parts[i].dept, name) == 0)
			return &s->parts[i];
	if (s->n == sizeof s->parts / sizeof s->parts[0])
		return NULL;
	memset(&s->parts[s->n], 0, sizeof s->parts[s->n]);
	snprintf(s->parts[s->n].dept, sizeof s->parts[s->n].dept, "%s", name);
	return &s->parts[s->n++];
}

/* Returns the name to print for the k-th department of item it (the
 * English one when English is in effect and the lists pair up). */
static void dept_label(const gu_item *it, const char *zh_name, char *out, size_t size)
{
	char zh[GU_DEPTS_MAX][GU_DEPT_SIZE], en[GU_DEPTS_MAX][GU_DEPT_SIZE];
	size_t nz = gu_dept_split(it->depts_zh, zh, GU_DEPTS_MAX);
	size_t ne = gu_dept_split(it->depts_en, en, GU_DEPTS_MAX), k;

	snprintf(out, size, "%s", zh_name);
	if (gu_lang() != GU_LANG_ZH && nz == ne)
		for (k = 0; k < nz; k++)
			if (strcmp(zh[k], zh_name) == 0)
				snprintf(out, size, "%.*s", GU_DEPT_SIZE - 1, en[k]);
}

/* Returns true when want (NULL: any) names the department zh_name of item
 * it, in Chinese or English. */
static bool dept_wanted(const gu_item *it, const char *zh_name, const char *want)
{
	char zh[GU_DEPTS_MAX][GU_DEPT_SIZE], en[GU_DEPTS_MAX][GU_DEPT_SIZE];
	size_t nz, ne, k;

	if (!want)
		return true;
	if (strcmp(zh_name, want) == 0)
		return true;
	nz = gu_dept_split(it->depts_zh, zh, GU_DEPTS_MAX);
	ne = gu_dept_split(it->depts_en, en, GU_DEPTS_MAX);
	for (k = 0; k < nz && k < ne; k++)
		if (strcmp(zh[k], zh_name) == 0 && strcasecmp(en[k], want) == 0)
			return true;
	return false;
}

/* Sorts the case's items into one part per department; returns 0, or
 * -GU_ENOTFOUND when nothing is left for want. */
static int sort_items(const gu_policy *p, const gathered *g, const char *want,
	gu_sheet_set *s, gu_error *err)
{
	char zh[GU_DEPTS_MAX][GU_DEPT_SIZE];
	size_t i, k, n;

	for (i = 0; i < g->nresults; i++) {
		const gu_item *it = gu_policy_item_by_number(p, g->results[i].item);

		if (g->results[i].item <= 0 || !it)
			continue;
		n = gu_dept_split(it->depts_zh, zh, GU_DEPTS_MAX);
		for (k = 0; k < n; k++) {
			gu_sheet_part *part;

			if (!dept_wanted(it, zh[k], want))
				continue;
			part = part_for(s, zh[k]);
			if (part && part->nitems < GU_ITEMS_MAX + 1)
				part->items[part->nitems++] = it->number;
		}
	}
	if (s->n == 0)
		return gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0, want
			? _("case %s has no eligible or verify item for the department \"%s\"; leave out "
			    "--dept for every department of the case")
			: _("case %s has no eligible or verify item to refer"), g->info.id, want);
	return 0;
}

/* Returns the saved result of item in g, or NULL. */
static const gu_saved_result *result_of(const gathered *g, int item)
{
	size_t i;

	for (i = 0; i < g->nresults; i++)
		if (g->results[i].item == item)
			return &g->results[i];
	return NULL;
}

/* Adds one part's sheet to the document; the ID number whole when whole. */
static void draw_part(const gu_policy *p, const gathered *g, gu_sheet_set *s,
	gu_sheet_part *part, const char *today)
{
	gu_sheet_item items[GU_ITEMS_MAX + 1];
	const char *number = answer(g, GU_KEY_CHILD_ID);
	char masked[20], label[GU_DEPT_SIZE];
	gu_sheet_info info = { 0 };
	size_t i;

	for (i = 0; i < part->nitems; i++) {
		const gu_item *it = gu_policy_item_by_number(p, part->items[i]);
		const gu_saved_result *r = result_of(g, part->items[i]);

		items[i].number = part->items[i];
		items[i].name = gu_item_name(it);
		items[i].verdict = r && strcmp(r->verdict, "eligible") == 0 ? _("eligible") : _("verify");
		items[i].reason = r ? reason_of(g, r) : NULL;
		if (it && i == 0)
			dept_label(it, part->dept, label, sizeof label);
	}
	if (!number || strcmp(number, "none") == 0)
		number = g->none;
	else if (!part->id_whole)
		number = gu_idcard_mask(number, masked);
	info.list_title = gu_policy_title(p);
	info.dept = label;
	info.ref = part->ref;
	info.child_name = answer(g, GU_KEY_CHILD_NAME);
	info.child_sex = g->sex;
	info.child_dob = answer(g, GU_KEY_CHILD_DOB);
	info.child_age = g->age;
	info.id_number = number;
	info.township = answer(g, GU_KEY_INTERVIEW_TOWNSHIP);
	info.hukou_county = g->county;
	info.guardian = answer(g, "guardian.name");
	info.guardian_relation = g->relation;
	info.guardian_phone = answer(g, "guardian.phone");
	info.worker = answer(g, GU_KEY_INTERVIEW_WORKER);
	info.interview_date = answer(g, GU_KEY_INTERVIEW_DATE);
	info.printed_on = today;
	info.items = items;
	info.nitems = part->nitems;
	gu_sheet_referral(&s->doc, &info);
}

/* Gives each part a new id and its printed number; returns 0 or < 0. */
static int number_parts(gu_sheet_set *s, gu_error *err)
{
	size_t i;
	int ret;

	for (i = 0; i < s->n; i++) {
		ret = gu_db_new_id(s->parts[i].id, err);
		if (ret < 0)
			return ret;
		snprintf(s->parts[i].ref, sizeof s->parts[i].ref, "%.8s", s->parts[i].id);
	}
	return 0;
}

/* Gathers, gates and draws the referral sheets; returns 0 or < 0. */
int gu_sheet_referrals(gu_db *db, const gu_policy *p, const char *case_id, const char *dept,
	const char *override, gu_sheet_set *out, gu_error *err)
{
	const char *needs = gu_policy_param_text(p, "sheet_id_number_depts");
	char today[16];
	bool may = false;
	gathered g;
	size_t i;
	int ret;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	gu_doc_init(&out->doc, _("Referral sheet for care services"));
	ret = gather(db, p, case_id, true, &g, err);
	if (ret < 0)
		return ret;
	snprintf(out->case_id, sizeof out->case_id, "%s", g.info.id);
	ret = gu_consent_gate(db, g.info.id, &g.a, "sheet", override, err);
	if (ret == 0)
		ret = sort_items(p, &g, dept && *dept ? dept : NULL, out, err);
	if (ret == 0)
		ret = gu_id_may_reveal(db, &may, err);
	if (ret == 0)
		ret = number_parts(out, err);
	gu_date_format(gu_date_today(), today);
	for (i = 0; ret == 0 && i < out->n; i++) {
		out->parts[i].id_whole = may && gu_set_has(needs, out->parts[i].dept);
		draw_part(p, &g, out, &out->parts[i], today);
	}
	gathered_free(&g);
	if (ret == 0 && out->doc.failed)
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	if (ret < 0)
		gu_sheet_set_free(out);
	return ret;
}

/* Gathers and draws the consent form; returns 0 or < 0. */
int gu_sheet_consent_form(gu_db *db, const gu_policy *p, const char *case_id,
	gu_sheet_set *out, gu_error *err)
{
	gu_consent_info c = { 0 };
	char today[16];
	gathered g;
	long months = 0;
	int ret = 0;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	out->consent = true;
	gu_doc_init(&out->doc, _("Consent form"));
	memset(&g, 0, sizeof g);
	gu_answers_init(&g.a);
	if (case_id && (ret = gather(db, p, case_id, false, &g, err)) < 0)
		return ret;
	snprintf(out->case_id, sizeof out->case_id, "%s", case_id ? g.info.id : "");
	out->n = 1;
	ret = number_parts(out, err);
	if (gu_policy_param_long(p, "retention_months", &months) < 0)
		months = 0;
	c.list_title = gu_policy_title(p);
	c.child_name = answer(&g, GU_KEY_CHILD_NAME);
	c.guardian = answer(&g, "guardian.name");
	c.township = answer(&g, GU_KEY_INTERVIEW_TOWNSHIP);
	c.worker = answer(&g, GU_KEY_INTERVIEW_WORKER);
	c.printed_on = gu_date_format(gu_date_today(), today);
	c.retention_months = months;
	gu_sheet_consent(&out->doc, &c);
	gathered_free(&g);
	if (ret == 0 && out->doc.failed)
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	if (ret < 0)
		gu_sheet_set_free(out);
	return ret;
}

/* Inserts the sheets row of part; returns 0 or < 0. */
static int put_sheet(gu_db *db, const gu_sheet_set *s, const gu_sheet_part *part,
	const char *format, const char *hash, const char *today, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_SHEET_INSERT,
		"INSERT INTO sheets (id, case_id, kind, dept, items, format, sha256, id_whole,"
		" printed_on, printed_at, printed_by, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?12)", err);
	char items[GU_ITEMS_MAX * 4 + 1] = "";
	size_t i, len = 0;
	int rc;

	if (!st)
		return -(int)err->code;
	for (i = 0; i < part->nitems && len + 5 < sizeof items; i++)
		len += (size_t)snprintf(items + len, sizeof items - len, "%s%d", i ? "," : "",
			part->items[i]);
	rc = GU_BIND(st, GU_TEXT(part->id), GU_TEXT(*s->case_id ? s->case_id : NULL),
		GU_TEXT(s->consent ? "consent" : "referral"), GU_TEXT(part->dept), GU_TEXT(items),
		GU_TEXT(format), GU_TEXT(hash), GU_INT(part->id_whole), GU_TEXT(today), GU_INT(now),
		GU_TEXT(gu_db_user(db)), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Runs a referral statement bound to the case, item, part and date (?1-?7,
 * and the user as ?8 when it has one);
 * returns the number of rows changed, or < 0. */
static int run_referral(gu_db *db, sqlite3_stmt *st, const char *case_id, int item,
	const gu_sheet_part *part, const char *today, gu_time_ms now, gu_error *err)
{
	int rc;

	rc = GU_BIND(st, GU_TEXT(case_id), GU_INT(item), GU_TEXT(part->dept), GU_TEXT(part->id),
		GU_TEXT(today), GU_INT(now), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	if (sqlite3_bind_parameter_count(st) >= 8
	    && (rc = gu_bind_text(st, 8, gu_db_user(db))) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? sqlite3_changes(db->h) : gu_db_fail(db, rc, err);
}

/* Puts the sheet on the referral of each of its items: a new referral
 * (and its first follow-up entry) where there was none, else the unit (when
 * none yet) and the sheet; returns 0 or < 0. */
static int mark_referrals(gu_db *db, const char *case_id, const gu_sheet_part *part,
	const char *today, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st;
	size_t i;
	int ret = 0;

	for (i = 0; ret >= 0 && i < part->nitems; i++) {
		st = gu_db_stmt(db, GU_ST_SHEET_REFERRAL_NEW,
			"INSERT INTO referrals (case_id, item, status, referred_on, last_on, who,"
			" last_note, updated_at, device, unit, sheet_id)"
			" SELECT ?1, ?2, 'referred', ?5, ?5, ?8, 'sheet ' || substr(?4, 1, 8), ?6, ?7, ?3, ?4"
			" WHERE NOT EXISTS (SELECT 1 FROM referrals WHERE case_id = ?1 AND item = ?2)",
			err);
		if (!st)
			return -(int)err->code;
		ret = run_referral(db, st, case_id, part->items[i], part, today, now, err);
		if (ret == 1) {
			st = gu_db_stmt(db, GU_ST_SHEET_FOLLOWUP_NEW,
				"INSERT INTO followups (id, case_id, item, status, on_date, who, note,"
				" created_at, updated_at, device) SELECT lower(hex(randomblob(16))), ?1, ?2,"
				" 'referred', ?5, ?8, 'sheet ' || substr(?4, 1, 8) || ': ' || ?3, ?6, ?6, ?7",
				err);
			if (!st)
				return -(int)err->code;
			ret = run_referral(db, st, case_id, part->items[i], part, today, now, err);
		} else if (ret == 0) {
			st = gu_db_stmt(db, GU_ST_SHEET_REFERRAL_MARK,
				"UPDATE referrals SET unit = coalesce(unit, ?3), sheet_id = ?4,"
				" updated_at = ?6, device = ?7 WHERE case_id = ?1 AND item = ?2"
				" AND ?5 IS NOT NULL", err);
			if (!st)
				return -(int)err->code;
			ret = run_referral(db, st, case_id, part->items[i], part, today, now, err);
		}
	}
	return ret < 0 ? ret : 0;
}

/* Records the written sheets in one transaction; returns 0 or < 0. */
int gu_sheet_record(gu_db *db, const gu_sheet_set *s, const char *format, const char *text,
	gu_error *err)
{
	gu_time_ms now = gu_time_now();
	char hash[65], today[16], detail[128];
	size_t i;
	int ret;
	GU_ERR_LOCAL(err);

	gu_sha256_hex(text, strlen(text), hash);
	gu_date_format(gu_date_today(), today);
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	for (i = 0; ret == 0 && i < s->n; i++) {
		const gu_sheet_part *part = &s->parts[i];

		ret = put_sheet(db, s, part, format, hash, today, now, err);
		if (ret == 0 && !s->consent)
			ret = mark_referrals(db, s->case_id, part, today, now, err);
		if (ret == 0) {
			snprintf(detail, sizeof detail, "sheet %s sha256 %s", part->id, hash);
			ret = gu_audit_add_in_tx(db, s->consent ? "sheet.consent" : "sheet.referral",
				*s->case_id ? s->case_id : NULL, detail, now, err);
		}
		if (ret == 0 && part->id_whole)
			ret = gu_id_reveal_in_tx(db, s->case_id, "sheet", err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Frees the document of the set. */
void gu_sheet_set_free(gu_sheet_set *s)
{
	gu_doc_free(&s->doc);
	s->n = 0;
}
