/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The cases whose alert (强制报告, 控辍保学) still waits for its report
 * (db/reports.h): what the start screen shows first. */

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "db/access.h"
#include "db/internal.h"
#include "db/reports.h"

/* Reads one row into u; returns 0 or -GU_EINVAL for a status not known. */
static int read_row(sqlite3_stmt *st, gu_unreported *u, gu_error *err)
{
	char status[16];

	memset(u, 0, sizeof *u);
	gu_column_copy(st, 0, u->case_id, sizeof u->case_id);
	gu_column_copy(st, 1, u->child_name, sizeof u->child_name);
	gu_column_copy(st, 2, u->township, sizeof u->township);
	gu_column_copy(st, 3, status, sizeof status);
	u->kind = sqlite3_column_int(st, 4) ? GU_REPORT_EDUCATION : GU_REPORT_POLICE;
	return gu_case_status_parse(status, &u->status, err);
}

/* Lists the cases waiting for a report; returns 0 or < 0. */
int gu_report_unreported(gu_db *db, size_t max, gu_unreported **out, size_t *n,
	gu_error *err)
{
	sqlite3_stmt *st;
	gu_unreported *v;
	const char *worker;
	int rc, ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = gu_access_list_worker(db, NULL, &worker, err);
	if (ret < 0)
		return ret;
	v = calloc(max ? max : 1, sizeof *v);
	if (!v)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	st = gu_db_stmt(db, GU_ST_REPORT_UNREPORTED,
		"SELECT c.id, c.child_name, c.township, c.status, a.alert = ?3"
		" FROM alerts a JOIN cases c ON c.id = a.case_id"
		" WHERE a.alert IN (?2, ?3) AND c.status <> 'closed'"
		" AND (?1 IS NULL OR " GU_SQL_CASE_WORKER("c") " = ?1)"
		" AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.case_id = a.case_id"
		"  AND r.kind = CASE a.alert WHEN ?2 THEN 'police' ELSE 'education' END"
		"  AND (r.reported_on <> '' OR r.override <> ''))"
		" ORDER BY c.updated_at DESC, c.id, a.alert LIMIT ?4", err);
	if (!st) {
		free(v);
		return -(int)err->code;
	}
	if ((rc = gu_bind_text(st, 1, worker)) != SQLITE_OK
	    || (rc = gu_bind_text(st, 2, GU_ALERT_MANDATORY_REPORT)) != SQLITE_OK
	    || (rc = gu_bind_text(st, 3, GU_ALERT_DROPOUT)) != SQLITE_OK
	    || (rc = sqlite3_bind_int64(st, 4, (sqlite3_int64)max)) != SQLITE_OK)
		goto cleanup;
	while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		ret = read_row(st, &v[(*n)++], err);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret < 0) {
		free(v);
		*n = 0;
		return ret;
	}
	*out = v;
	return 0;
}
