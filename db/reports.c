/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The mandatory reports of a case: recorded, audited, and asked whether one
 * of a kind is made (or overridden by a supervisor). */

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "db/access.h"
#include "db/internal.h"
#include "db/reports.h"

static const char *const kind_names[GU_REPORT_KIND_COUNT] = { "police", "education" };

/* Returns the stored name of a kind. */
const char *gu_report_kind_name(enum gu_report_kind k)
{
	return (unsigned)k < GU_REPORT_KIND_COUNT ? kind_names[k] : "";
}

/* Sets *k from its name; returns 0 or -GU_EINVAL. */
int gu_report_kind_parse(const char *s, enum gu_report_kind *k, gu_error *err)
{
	int i;

	for (i = 0; i < GU_REPORT_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum gu_report_kind)i;
			return 0;
		}
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("\"%s\" is not a kind of report: police (强制报告) or education (控辍保学)"), s);
}

/* Returns true when s holds more than blanks. */
static bool given(const char *s)
{
	return s && s[strspn(s, " \t")] != '\0';
}

/* Checks that r says what the report needs; returns 0 or -GU_EINVAL. */
static int check_new(const gu_report_new *r, gu_error *err)
{
	gu_date d;

	if ((unsigned)r->kind >= GU_REPORT_KIND_COUNT)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("not a kind of report"));
	if (r->override)
		return given(r->override) ? 0 : gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("an override needs its reason: say why the case may finish without the report"));
	if (!given(r->unit) && !given(r->not_yet))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("say to which unit the report was made, or why it is not made yet"));
	if (r->date && *r->date && !gu_date_parse(r->date, &d))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a date; write it as YYYY-MM-DD"), r->date);
	return 0;
}

/* Inserts the report row; returns 0 or < 0. */
static int put_report(gu_db *db, const char *case_id, const gu_report_new *r,
	const char *on, const char *by, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st;
	char id[GU_ID_SIZE];
	int rc, ret = gu_db_new_id(id, err);

	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_REPORT_INSERT,
		"INSERT INTO reports (id, case_id, kind, reported_on, unit, reported_by, receipt,"
		" not_yet, override, created_at, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)", err);
	if (!st)
		return -(int)err->code;
	rc = GU_BIND(st, GU_TEXT(id), GU_TEXT(case_id), GU_TEXT(gu_report_kind_name(r->kind)),
		GU_TEXT(given(r->not_yet) || r->override ? "" : on), GU_TEXT(r->unit ? r->unit : ""),
		GU_TEXT(by), GU_TEXT(r->receipt ? r->receipt : ""),
		GU_TEXT(r->not_yet ? r->not_yet : ""), GU_TEXT(r->override ? r->override : ""),
		GU_INT(now), GU_TEXT(db->device));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Records a report on the case, audited; returns 0 or < 0. */
int gu_report_add(gu_db *db, const char *case_id, const gu_report_new *r, gu_error *err)
{
	gu_time_ms now = gu_time_now();
	char today[16], detail[160];
	const char *on, *by;
	int ret;
	GU_ERR_LOCAL(err);

	ret = check_new(r, err);
	if (ret < 0)
		return ret;
	if (r->override && (ret = gu_access_require_supervisor(db, true, err)) < 0)
		return ret;
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	gu_date_format(gu_date_today(), today);
	on = r->date && *r->date ? r->date : today;
	by = given(r->by) ? r->by : gu_db_user(db);
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = put_report(db, case_id, r, on, by, now, err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "%s: %s", gu_report_kind_name(r->kind),
			r->override ? "override" : given(r->not_yet) ? "not yet" : "made");
		ret = gu_audit_add_in_tx(db, "report.add", case_id, detail, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Returns 1 when a report of kind k is made or overridden, 0 when not. */
int gu_report_done(gu_db *db, const char *case_id, enum gu_report_kind k, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_REPORT_DONE,
		"SELECT count(*) FROM reports WHERE case_id = ?1 AND kind = ?2"
		" AND (reported_on != '' OR override != '')", err);
	int rc, n = 0;

	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK
			|| (rc = gu_bind_text(st, 2, gu_report_kind_name(k))) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		n = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? n > 0 : gu_db_fail(db, rc, err);
}

/* Calls each for every report of the case, the earliest first; returns 0,
 * what each returned, or < 0. */
int gu_report_each(gu_db *db, const char *case_id,
	int (*each)(const gu_report_row *r, void *ctx), void *ctx, gu_error *err)
{
	sqlite3_stmt *st;
	gu_report_row r;
	int rc, ret = 0;
	GU_ERR_LOCAL(err);

	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_REPORT_LIST,
		"SELECT kind, reported_on, unit, reported_by, receipt, not_yet, override"
		" FROM reports WHERE case_id = ?1 ORDER BY created_at, rowid", err);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char kind[32];

		gu_column_copy(st, 0, kind, sizeof kind);
		r.kind = strcmp(kind, "education") == 0 ? GU_REPORT_EDUCATION : GU_REPORT_POLICE;
		gu_column_copy(st, 1, r.on, sizeof r.on);
		gu_column_copy(st, 2, r.unit, sizeof r.unit);
		gu_column_copy(st, 3, r.by, sizeof r.by);
		gu_column_copy(st, 4, r.receipt, sizeof r.receipt);
		gu_column_copy(st, 5, r.not_yet, sizeof r.not_yet);
		gu_column_copy(st, 6, r.override, sizeof r.override);
		ret = each(&r, ctx);
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}
