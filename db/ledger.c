/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The monthly ledger's figures per township (db/ledger.h). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "core/township.h"
#include "db/access.h"
#include "db/internal.h"
#include "db/ledger.h"
#include "db/visits.h"

/* Every figure but the visits, as rows (township, part, item, key, sub,
 * count).  ?1 the township or NULL, ?2 the worker or NULL, ?3 and ?4 the
 * month's first and last day, ?5 and ?6 the two alerts. */
static const char sql_ledger[] =
	"WITH c AS (SELECT id, township, status,"
	"  (SELECT value FROM answers WHERE case_id = cases.id"
	"   AND key = 'interview.date') AS iv,"
	"  coalesce((SELECT on_date FROM closures WHERE case_id = cases.id"
	"   AND action = 'close' ORDER BY at DESC LIMIT 1), '') AS closed_on"
	"  FROM cases WHERE (?1 IS NULL OR township = ?1) AND (?2 IS NULL OR "
	GU_SQL_CASE_WORKER("cases") " = ?2))"
	" SELECT c.township, 0, 0, g.grp, '', count(*) FROM c"
	"  JOIN case_groups g ON g.case_id = c.id"
	"  WHERE c.status <> 'draft' AND c.iv <= ?4"
	"  AND NOT (c.status = 'closed' AND c.closed_on < ?3) GROUP BY c.township, g.grp"
	" UNION ALL SELECT c.township, 0, 0, 'difficult_' || k.kind, '', count(*) FROM c"
	"  JOIN case_difficulty k ON k.case_id = c.id"
	"  WHERE c.status <> 'draft' AND c.iv <= ?4"
	"  AND NOT (c.status = 'closed' AND c.closed_on < ?3) GROUP BY c.township, k.kind"
	" UNION ALL SELECT township, 1, 0, 'cases', '', count(*) FROM c"
	"  WHERE status <> 'draft' AND iv BETWEEN ?3 AND ?4 GROUP BY township"
	" UNION ALL SELECT c.township, 3, f.item, f.status, '', count(*) FROM followups f"
	"  JOIN c ON c.id = f.case_id WHERE f.status IN ('referred', 'accepted', 'delivered')"
	"  AND f.on_date BETWEEN ?3 AND ?4 GROUP BY c.township, f.item, f.status"
	" UNION ALL SELECT c.township, 4, 0,"
	"  CASE a.alert WHEN ?5 THEN 'police' ELSE 'education' END, 'raised', count(*)"
	"  FROM alerts a JOIN c ON c.id = a.case_id WHERE a.alert IN (?5, ?6)"
	"  AND c.iv BETWEEN ?3 AND ?4 GROUP BY c.township, a.alert"
	" UNION ALL SELECT c.township, 4, 0, r.kind, 'recorded', count(*) FROM reports r"
	"  JOIN c ON c.id = r.case_id WHERE r.reported_on BETWEEN ?3 AND ?4"
	"  GROUP BY c.township, r.kind"
	" UNION ALL SELECT c.township, 5, 0, x.reason, '', count(*) FROM closures x"
	"  JOIN c ON c.id = x.case_id WHERE x.action = 'close'"
	"  AND x.on_date BETWEEN ?3 AND ?4 GROUP BY c.township, x.reason";

/* Appends a zeroed figure to l; returns it, or NULL when memory ran out. */
static gu_ledger_figure *grow(gu_ledger *l, size_t *cap)
{
	gu_ledger_figure *nv;

	if (l->n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 32;

		nv = realloc(l->v, ncap * sizeof *nv);
		if (!nv)
			return NULL;
		l->v = nv;
		*cap = ncap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[0]);
	return &l->v[l->n++];
}

/* Returns the place of a key in its part's printed order (the groups, the
 * referral steps and the alerts in their usual order); others after. */
static int key_rank(const char *key)
{
	static const char *const order[] = { "floating", "left_behind", "difficult",
		GU_FACT_DIFFICULT_A, GU_FACT_DIFFICULT_B, GU_FACT_DIFFICULT_C, "due",
		"done", "referred", "accepted", "delivered", "police", "education" };
	size_t i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (strcmp(key, order[i]) == 0)
			return (int)i;
	return (int)i;
}

/* Orders two figures of a township by part, item, key and sub; returns
 * <0, 0, >0. */
int gu_ledger_order(const gu_ledger_figure *x, const gu_ledger_figure *y)
{
	int c = (int)x->part - (int)y->part;

	if (c == 0)
		c = x->item - y->item;
	if (c == 0)
		c = key_rank(x->key) - key_rank(y->key);
	if (c == 0)
		c = strcmp(x->key, y->key);
	if (c == 0)
		c = strcmp(y->sub, x->sub);   /* raised before recorded */
	return c;
}

/* Orders figures by township, then as gu_ledger_order; returns <0, 0, >0. */
static int figure_cmp(const void *a, const void *b)
{
	const gu_ledger_figure *x = a, *y = b;
	int c = strcmp(x->township, y->township);

	return c ? c : gu_ledger_order(x, y);
}

/* Reads the figures of the one query into l; returns 0 or < 0. */
static int load_counts(gu_db *db, const char *township, const char *worker,
	const char *first, const char *last, gu_ledger *l, size_t *cap, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_LEDGER, sql_ledger, err);
	gu_ledger_figure *f;
	int rc, ret = 0;

	if (!st)
		return -(int)err->code;
	rc = GU_BIND(st, GU_TEXT(township), GU_TEXT(worker), GU_TEXT(first), GU_TEXT(last),
		GU_TEXT(GU_ALERT_MANDATORY_REPORT), GU_TEXT(GU_ALERT_DROPOUT));
	if (rc != SQLITE_OK)
		goto cleanup;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!(f = grow(l, cap))) {
			ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
			break;
		}
		gu_column_copy(st, 0, f->township, sizeof f->township);
		f->part = (enum gu_ledger_part)sqlite3_column_int(st, 1);
		f->item = sqlite3_column_int(st, 2);
		gu_column_copy(st, 3, f->key, sizeof f->key);
		gu_column_copy(st, 4, f->sub, sizeof f->sub);
		f->n = (long)sqlite3_column_int64(st, 5);
	}
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	if (rc != SQLITE_OK && ret == 0)
		ret = gu_db_fail(db, rc, err);
	return ret;
}

/* Adds the visits due and done per township to l; returns 0 or < 0. */
static int load_visits(gu_db *db, const gu_visit_schedule *s, const char *month,
	const char *township, gu_ledger *l, size_t *cap, gu_error *err)
{
	gu_visit_month *v = NULL;
	size_t n = 0, i;
	int ret = gu_visit_month_counts(db, s, month, township, &v, &n, err);

	for (i = 0; ret == 0 && i < n; i++) {
		static const char *const keys[] = { "due", "done" };
		long counts[2] = { v[i].due, v[i].done };
		size_t k;

		for (k = 0; ret == 0 && k < 2; k++) {
			gu_ledger_figure *f;

			if (counts[k] == 0)
				continue;
			if (!(f = grow(l, cap))) {
				ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
				break;
			}
			snprintf(f->township, sizeof f->township, "%s", v[i].township);
			f->part = GU_LEDGER_VISIT;
			snprintf(f->key, sizeof f->key, "%s", keys[k]);
			f->n = counts[k];
		}
	}
	free(v);
	return ret;
}

/* Loads a month's ledger; returns 0 or < 0. */
int gu_ledger_load(gu_db *db, const gu_visit_schedule *s, const char *month,
	const char *township, gu_ledger *out, gu_error *err)
{
	char first[11], last[11], counted[160];
	const char *worker;
	size_t cap = 0;
	gu_date d;
	int ret;
	GU_ERR_LOCAL(err);

	memset(out, 0, sizeof *out);
	snprintf(first, sizeof first, "%.7s-01", month ? month : "");
	if (!month || strlen(month) != 7 || month[4] != '-' || !gu_date_parse(first, &d))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a month; write it as YYYY-MM"), month ? month : "");
	/* the last day: the day before the next month's first */
	d = gu_date_add_days(d, 31);
	snprintf(last, sizeof last, "%04d-%02d-01", d.year, d.month);
	if (!gu_date_parse(last, &d))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("\"%s\" is not a month; write it as YYYY-MM"), month);
	gu_date_format(gu_date_add_days(d, -1), last);
	snprintf(out->month, sizeof out->month, "%.7s", month);
	/* a township written with its county is counted under the listed name
	 * (with its county after it when two counties share the name) */
	township = gu_township_counted_as(township, counted, sizeof counted);
	ret = gu_access_list_worker(db, NULL, &worker, err);
	if (ret == 0)
		ret = load_counts(db, township, worker, first, last, out, &cap, err);
	if (ret == 0)
		ret = load_visits(db, s, out->month, township, out, &cap, err);
	if (ret < 0) {
		gu_ledger_free(out);
		return ret;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof out->v[0], figure_cmp);
	return 0;
}

/* Frees the ledger's figures. */
void gu_ledger_free(gu_ledger *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
