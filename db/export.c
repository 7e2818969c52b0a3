/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Exporting the filtered case list with its items as CSV. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/idcard.h"
#include "core/keys.h"
#include "db/access.h"
#include "db/auth.h"
#include "core/region.h"
#include "db/export.h"
#include "db/groups.h"
#include "db/internal.h"
#include "db/release.h"
#include "db/safe_write.h"

#define PAGE 1000

/* A case's items: verdict and referral status per item number 1 .. n,
 * and the answers the CSV shows about the child. */
struct items {
	int n;                             /* item columns */
	char verdict[GU_ITEMS_MAX + 1][16];
	int ref[GU_ITEMS_MAX + 1];         /* enum gu_ref_status, -1 none */
	char date[16], dob[16], sex[16], county[16], guardian[128];
};

/* Writes the header row with n item columns, each named by its number and
 * the policy's name for it (p may be NULL); returns 0 or < 0. */
static int put_header(gu_csv *w, int n, const gu_policy *p)
{
	static const char *const head[] = {
		/* TRANSLATORS: CSV column headers */
		N_("case"), N_("child's name"), N_("ID number"), N_("township"), N_("worker"),
		N_("groups"), N_("status"), N_("made on"), N_("next follow-up"),
		N_("interview date"), N_("age"), N_("sex"), N_("hukou county"), N_("guardian")
	};
	char name[400];
	size_t i;
	int ret = 0, k;

	gu_csv_header_next(w);
	for (i = 0; ret == 0 && i < sizeof head / sizeof head[0]; i++)
		ret = gu_csv_field(w, _(head[i]));
	for (k = 1; ret == 0 && k <= n; k++) {
		const gu_item *it = p ? gu_policy_item_by_number(p, k) : NULL;

		if (it)
			snprintf(name, sizeof name, "%d %s", k, gu_item_name(it));
		else
			/* TRANSLATORS: CSV column header of item number %d */
			snprintf(name, sizeof name, _("item %d"), k);
		ret = gu_csv_field(w, name);
	}
	return ret == 0 ? gu_csv_end_row(w) : ret;
}

/* Copies the answers the CSV shows from the row of ans into it. */
static void take_answer(sqlite3_stmt *ans, struct items *it)
{
	const char *key = (const char *)sqlite3_column_text(ans, 0);

	if (!key)
		return;
	if (strcmp(key, GU_KEY_INTERVIEW_DATE) == 0)
		gu_column_copy(ans, 1, it->date, sizeof it->date);
	else if (strcmp(key, GU_KEY_CHILD_DOB) == 0)
		gu_column_copy(ans, 1, it->dob, sizeof it->dob);
	else if (strcmp(key, GU_KEY_CHILD_SEX) == 0)
		gu_column_copy(ans, 1, it->sex, sizeof it->sex);
	else if (strcmp(key, GU_KEY_CHILD_HUKOU_COUNTY) == 0)
		gu_column_copy(ans, 1, it->county, sizeof it->county);
	else if (strcmp(key, "guardian.name") == 0)
		gu_column_copy(ans, 1, it->guardian, sizeof it->guardian);
}

/* Reads the answers the CSV shows about the child; returns the SQLite result. */
static int read_answers(sqlite3_stmt *ans, const char *case_id, struct items *it)
{
	int rc;

	it->date[0] = it->dob[0] = it->sex[0] = it->county[0] = it->guardian[0] = '\0';
	sqlite3_reset(ans);
	if ((rc = gu_bind_text(ans, 1, case_id)) != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(ans)) == SQLITE_ROW)
		take_answer(ans, it);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Reads a case's results and referrals into it; returns the SQLite result. */
static int read_items(sqlite3_stmt *res, sqlite3_stmt *ref, const char *case_id,
	struct items *it)
{
	int rc, k;

	for (k = 0; k <= it->n; k++) {
		it->verdict[k][0] = '\0';
		it->ref[k] = -1;
	}
	sqlite3_reset(res);
	if ((rc = gu_bind_text(res, 1, case_id)) != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(res)) == SQLITE_ROW) {
		k = sqlite3_column_int(res, 0);
		if (k >= 1 && k <= it->n)
			gu_column_copy(res, 1, it->verdict[k], sizeof it->verdict[k]);
	}
	if (rc != SQLITE_DONE)
		return rc;
	sqlite3_reset(ref);
	if ((rc = gu_bind_text(ref, 1, case_id)) != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(ref)) == SQLITE_ROW) {
		enum gu_ref_status s;

		k = sqlite3_column_int(ref, 0);
		if (k >= 1 && k <= it->n
		    && gu_ref_status_parse((const char *)sqlite3_column_text(ref, 1), &s, NULL) == 0)
			it->ref[k] = (int)s;
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Writes the groups' translated names, separated as the language writes a
 * list ("、" in Chinese), into buf; returns buf. */
static char *group_labels(const char *groups, char *buf, size_t size)
{
	const char *p = groups;

	buf[0] = '\0';
	while (*p) {
		char name[32];
		size_t len = strcspn(p, ",");

		snprintf(name, sizeof name, "%.*s", (int)len, p);
		if (buf[0])
			strncat(buf, _(", "), size - strlen(buf) - 1);
		strncat(buf, gu_group_label(name), size - strlen(buf) - 1);
		p += len;
		if (*p == ',')
			p++;
	}
	return buf;
}

/* Writes the interview date, age, sex, hukou county and guardian (the
 * guardian withheld without a legal basis); returns 0 or < 0. */
static int put_child(gu_csv *w, const struct items *it, bool basis)
{
	char age[16] = "", county[128] = "";
	gu_date dob, on;
	int ret;

	if (gu_date_parse(it->dob, &dob) && gu_date_parse(it->date, &on))
		snprintf(age, sizeof age, "%d", gu_age_on(dob, on));
	if (strcmp(it->county, "none") == 0)
		snprintf(county, sizeof county, "%s", _("none"));
	else if (*it->county && !gu_region_name(it->county, gu_lang() == GU_LANG_ZH, county,
			sizeof county))
		snprintf(county, sizeof county, "%s", it->county);
	if ((ret = gu_csv_field_value(w, it->date)) < 0
	    || (ret = gu_csv_field_value(w, age)) < 0
	    || (ret = gu_csv_field(w, strcmp(it->sex, "male") == 0 ? _("male")
		: strcmp(it->sex, "female") == 0 ? _("female") : it->sex)) < 0
	    || (ret = gu_csv_field(w, county)) < 0)
		return ret;
	return gu_csv_field(w, basis ? it->guardian : "");
}

/* Writes one case's row, its name, ID number and guardian withheld when no
 * legal basis is recorded (db/release.h); returns 0, -GU_EENCODING (row
 * left out) or < 0. */
static int put_case(gu_csv *w, const gu_case_row *c, const struct items *it, bool basis)
{
	char masked[20], groups[160], made[16] = "", cell[96];
	time_t t = (time_t)(c->created / 1000);
	struct tm tm;
	int ret = 0, k;

	if (localtime_r(&t, &tm))
		strftime(made, sizeof made, "%Y-%m-%d", &tm);
	gu_idcard_mask(c->child_id_number, masked);
	if ((ret = gu_csv_field(w, c->id)) < 0
	    || (ret = gu_csv_field(w, basis ? c->child_name
		: _("withheld: record the guardian's consent or the statutory duty first"))) < 0
	    || (ret = gu_csv_field(w, basis ? masked : "")) < 0
	    || (ret = gu_csv_field(w, c->township)) < 0
	    || (ret = gu_csv_field(w, c->worker)) < 0
	    || (ret = gu_csv_field(w, group_labels(c->groups, groups, sizeof groups))) < 0
	    || (ret = gu_csv_field(w, gu_case_status_label(c->status))) < 0
	    || (ret = gu_csv_field_value(w, made)) < 0
	    || (ret = gu_csv_field_value(w, c->next_due)) < 0
	    || (ret = put_child(w, it, basis)) < 0)
		return ret;
	for (k = 1; k <= it->n; k++) {
		const char *v = it->verdict[k];
		const char *label = strcmp(v, "eligible") == 0 ? _("eligible")
			: strcmp(v, "verify") == 0 ? _("verify") : "";

		if (it->ref[k] >= 0)
			snprintf(cell, sizeof cell, "%s%s%s", label, *label ? " / " : "",
				gu_ref_status_label((enum gu_ref_status)it->ref[k]));
		else
			snprintf(cell, sizeof cell, "%s", label);
		if ((ret = gu_csv_field(w, cell)) < 0)
			return ret;
	}
	return gu_csv_end_row(w);
}

/* Returns the number of item columns: the filter's, or more when a saved
 * result holds a higher item number (at most GU_ITEMS_MAX); sets *rc. */
static int item_columns(gu_db *db, const gu_case_filter *f, int *rc)
{
	int n = f->items;
	sqlite3_stmt *st = gu_db_slot(db, GU_ST_EXPORT_MAX_ITEM,
		"SELECT coalesce(max(item), 0) FROM results", rc);

	if (st && (*rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0) > n)
			n = sqlite3_column_int(st, 0);
		*rc = SQLITE_OK;
	}
	sqlite3_reset(st);
	return n < 0 ? 0 : n > GU_ITEMS_MAX ? GU_ITEMS_MAX : n;
}

/* Appends the audit entries of a CSV export to w, in one transaction: a
 * supervisor's override for each of the cases (n of them) it wrote whole
 * for want of a legal basis, with its reason, then the export itself
 * (rows cases, withheld of them without name and ID number): counts and
 * ids, never names.  Returns 0 or < 0. */
static int audit_into(gu_db *w, size_t rows, size_t withheld, const char *override,
	char (*ids)[GU_ID_SIZE], size_t n, gu_error *err)
{
	char detail[600];
	size_t i;
	int ret = gu_db_begin(w, err);

	snprintf(detail, sizeof detail, "csv: %s", override ? override : "");
	for (i = 0; ret == 0 && i < n; i++)
		ret = gu_audit_add_in_tx(w, "consent.override", ids[i], detail, gu_time_now(), err);
	if (n > 0)
		snprintf(detail, sizeof detail, "csv; rows: %zu; withheld: %zu; overridden: %zu",
			rows, withheld, n);
	else
		snprintf(detail, sizeof detail, "csv; rows: %zu; withheld: %zu", rows, withheld);
	if (ret == 0)
		ret = gu_audit_add_in_tx(w, "cases.export", NULL, detail, gu_time_now(), err);
	if (ret == 0)
		return gu_db_commit(w, err);
	gu_db_rollback(w);
	return ret;
}

/* Records a CSV export in db's audit (audit_into), through a writable
 * handle of its own, as the same user, when db was opened read-only.
 * Returns 0 or < 0 (an export that cannot be recorded is refused). */
static int audit_export(gu_db *db, size_t rows, size_t withheld, const char *override,
	char (*ids)[GU_ID_SIZE], size_t n, gu_error *err)
{
	const char *who = NULL;
	gu_db *w = NULL;
	int ret;

	if (!db->readonly)
		return audit_into(db, rows, withheld, override, ids, n, err);
	ret = gu_db_open(db->path, &w, err);
	if (ret == 0 && gu_auth_session(db, &who, NULL) && who)
		ret = gu_db_set_user(w, who) < 0
			? gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory")) : 0;
	if (ret == 0)
		ret = audit_into(w, rows, withheld, override, ids, n, err);
	gu_db_close(w);
	return ret;
}

/* Adds id to the n cases of *ids written under an override; returns 0 or
 * -GU_ENOMEM. */
static int add_overridden(char (**ids)[GU_ID_SIZE], size_t *n, const char *id)
{
	char (*nv)[GU_ID_SIZE] = realloc(*ids, (*n + 1) * sizeof *nv);

	if (!nv)
		return -GU_ENOMEM;
	*ids = nv;
	snprintf(nv[(*n)++], GU_ID_SIZE, "%s", id);
	return 0;
}

/* Writes the CSV rows; returns 0 or < 0. */
int gu_export_cases_csv(gu_db *db, const gu_case_filter *fin, const char *override,
	gu_csv *w, size_t *rows, gu_error *err)
{
	static const gu_case_filter all = { 0 };
	gu_case_filter f = fin ? *fin : all;
	sqlite3_stmt *res = NULL, *ref = NULL, *ans = NULL;
	struct items *it = NULL;
	gu_case_row last;
	size_t done = 0, listed = 0, withheld = 0, noverridden = 0;
	char (*overridden)[GU_ID_SIZE] = NULL;
	bool basis = false;
	int rc, ret;
	GU_ERR_LOCAL(err);

	if (rows)
		*rows = 0;
	if (override && !*override)
		override = NULL;
	if (override && (ret = gu_access_require_supervisor(db, true, err)) < 0)
		return ret;
	f.after = NULL;
	f.offset = 0;
	/* An export by name order or a search is a batch itself: the names
	 * still waiting for their keys get them first. */
	if (f.sort == GU_SORT_NAME || (f.query && *f.query)) {
		gu_error ignored;

		(void)gu_search_refresh(db, NULL, NULL, &ignored);
	}
	it = malloc(sizeof *it);
	if (!it) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto cleanup;
	}
	res = gu_db_slot(db, GU_ST_EXPORT_RESULTS,
		"SELECT item, verdict FROM results WHERE case_id = ?1", &rc);
	if (res)
		ref = gu_db_slot(db, GU_ST_EXPORT_REFERRALS,
			"SELECT item, coalesce(stage, status) FROM referrals WHERE case_id = ?1", &rc);
	if (ref)
		ans = gu_db_slot(db, GU_ST_EXPORT_ANSWERS,
			"SELECT key, value FROM answers WHERE case_id = ?1 AND key IN"
			" ('" GU_KEY_INTERVIEW_DATE "', '" GU_KEY_CHILD_DOB "', '" GU_KEY_CHILD_SEX "',"
			" '" GU_KEY_CHILD_HUKOU_COUNTY "', 'guardian.name')", &rc);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		goto cleanup;
	}
	it->n = item_columns(db, &f, &rc);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		goto cleanup;
	}
	ret = put_header(w, it->n, f.policy);
	if (ret == -GU_EENCODING)
		ret = 0; /* gu_csv_finish reports it */
	while (ret == 0) {
		gu_case_row *v;
		size_t n, i, page = PAGE;

		if (fin && fin->limit && fin->limit - listed < page)
			page = fin->limit - listed;
		if (page == 0)
			break;
		f.limit = page;
		ret = gu_case_list(db, &f, &v, &n, err);
		if (ret < 0)
			break;
		for (i = 0; ret == 0 && i < n; i++) {
			rc = read_items(res, ref, v[i].id, it);
			if (rc == SQLITE_OK)
				rc = read_answers(ans, v[i].id, it);
			if (rc != SQLITE_OK) {
				ret = gu_db_fail(db, rc, err);
				break;
			}
			ret = gu_case_consent_recorded(db, v[i].id, &basis, err);
			if (ret == 0 && !basis && override) {
				ret = add_overridden(&overridden, &noverridden, v[i].id);
				basis = true;
			}
			if (ret == 0)
				ret = put_case(w, &v[i], it, basis);
			if (ret == -GU_EENCODING)
				ret = 0;
			if (ret == 0)
				done++;
			if (ret == 0 && !basis)
				withheld++;
		}
		if (n > 0)
			last = v[n - 1];
		free(v);
		if (n < page)
			break;
		/* The next page starts after the last row: each costs the same. */
		f.after = &last;
		listed += n;
	}
	if (ret == -GU_ENOMEM)
		gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	else if (ret == -GU_EIO)
		gu_error_set(err, GU_EIO, NULL, 0, 0, _("cannot write the CSV file: %s"),
			strerror(errno));
cleanup:
	sqlite3_reset(res);
	sqlite3_reset(ref);
	sqlite3_reset(ans);
	free(it);
	if (ret == 0)
		ret = audit_export(db, done, withheld, override, overridden, noverridden, err);
	free(overridden);
	if (rows)
		*rows = done;
	return ret;
}

/* Writes the CSV to path through the safe writer; returns 0 or < 0. */
int gu_export_cases_file(gu_db *db, const gu_case_filter *f, const char *override,
	const char *path, enum gu_csv_encoding enc, unsigned flags, size_t *rows, gu_error *err)
{
	gu_safe_file sf;
	gu_csv w;
	FILE *out;
	int fd, ret;
	GU_ERR_LOCAL(err);

	if (rows)
		*rows = 0;
	ret = gu_safe_open(db, path, flags, &sf, err);
	if (ret < 0)
		return ret;
	fd = dup(sf.fd);
	if (fd < 0 || !(out = fdopen(fd, "w"))) {
		ret = gu_error_set(err, GU_EIO, path, 0, 0, _("cannot create the file: %s"),
			strerror(errno));
		if (fd >= 0)
			close(fd);
		gu_safe_abort(&sf);
		return ret;
	}
	ret = gu_csv_init(&w, enc, out, err);
	if (ret == 0)
		ret = gu_export_cases_csv(db, f, override, &w, rows, err);
	if (ret == 0)
		ret = gu_csv_finish(&w, err);
	gu_csv_free(&w);
	if (fclose(out) != 0 && ret == 0)
		ret = gu_error_set(err, GU_EIO, path, 0, 0, _("cannot write the file: %s"),
			strerror(errno));
	if (ret < 0)
		gu_safe_abort(&sf);
	else
		ret = gu_safe_commit(&sf, err);
	return ret;
}
