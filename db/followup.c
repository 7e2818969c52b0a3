/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Referrals and their follow-ups: for each item of a case, its status,
 * dated entries with notes, the next due date and who acts. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "db/access.h"
#include "db/internal.h"
#include "db/referral_check.h"

#define REFERRAL_COLUMNS \
	"r.case_id, r.item, coalesce(r.stage, r.status), r.referred_on, r.last_on, coalesce(r.next_due, '')," \
	" r.who, r.last_note, c.child_name, c.township, " GU_SQL_CASE_WORKER("c") ", r.updated_at, coalesce(r.unit, '')"

/* Checks a "YYYY-MM-DD" argument; returns 0 or -GU_EINVAL naming what. */
static int check_date(const char *s, const char *what, gu_error *err)
{
	gu_date d;

	if (!gu_date_parse(s, &d))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%s: \"%s\" is not a date; write it as YYYY-MM-DD"), what, s);
	return 0;
}

/* Returns the name stored in referrals.status, whose CHECK knows five of the
 * statuses (db/schema_outcomes.c): accepted is work in progress there, not
 * accepted an end like not eligible; referrals.stage keeps the status. */
static const char *stored_status(enum gu_ref_status s)
{
	if (s == GU_REF_ACCEPTED)
		return gu_ref_status_name(GU_REF_IN_PROGRESS);
	if (s == GU_REF_NOT_ACCEPTED)
		return gu_ref_status_name(GU_REF_NOT_ELIGIBLE);
	return gu_ref_status_name(s);
}

/* Creates or updates the item's referral row; returns 0 or < 0. */
static int put_referral(gu_db *db, const char *case_id, int item, const gu_followup_new *f,
	const char *on, const char *who, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_REFERRAL_UPSERT,
		"INSERT INTO referrals (case_id, item, status, referred_on, last_on, next_due,"
		" who, last_note, updated_at, device, unit, stage)"
		" VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		" ON CONFLICT (case_id, item) DO UPDATE SET status = excluded.status,"
		" stage = excluded.stage,"
		" unit = coalesce(excluded.unit, unit),"
		" referred_on = min(referred_on, excluded.referred_on),"
		" last_on = max(last_on, excluded.last_on), next_due = excluded.next_due,"
		" who = excluded.who, last_note = excluded.last_note,"
		" updated_at = excluded.updated_at, device = excluded.device", err);
	int rc;

	if (!st)
		return -(int)err->code;
	rc = GU_BIND(st, GU_TEXT(case_id), GU_INT(item), GU_TEXT(stored_status(f->status)),
		GU_TEXT(on), GU_TEXT(f->next_due && *f->next_due ? f->next_due : NULL),
		GU_TEXT(who), GU_TEXT(f->note && *f->note ? f->note : NULL), GU_INT(now),
		GU_TEXT(db->device), GU_TEXT(f->unit && *f->unit ? f->unit : NULL),
		GU_TEXT(gu_ref_status_name(f->status)));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Inserts the dated entry; returns 0 or < 0. */
static int put_entry(gu_db *db, const char *case_id, int item, const gu_followup_new *f,
	const char *on, const char *who, gu_time_ms now, gu_error *err)
{
	sqlite3_stmt *st;
	char id[GU_ID_SIZE];
	int rc, ret;

	ret = gu_db_new_id(id, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_FOLLOWUP_INSERT,
		"INSERT INTO followups (id, case_id, item, status, on_date, next_due, who, note,"
		" created_at, updated_at, device, reason, signed_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12)",
		err);
	if (!st)
		return -(int)err->code;
	rc = GU_BIND(st, GU_TEXT(id), GU_TEXT(case_id), GU_INT(item),
		GU_TEXT(gu_ref_status_name(f->status)), GU_TEXT(on),
		GU_TEXT(f->next_due && *f->next_due ? f->next_due : NULL), GU_TEXT(who),
		GU_TEXT(f->note && *f->note ? f->note : NULL), GU_INT(now), GU_TEXT(db->device),
		GU_TEXT(f->reason ? f->reason : ""), GU_TEXT(f->signed_by ? f->signed_by : ""));
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* What the rules need from the store, read inside the transaction. */
typedef struct stored_facts {
	char interview_date[16], verdict[16], status[16], last_on[16], referred_on[16];
	bool referred;
} stored_facts;

/* Reads the case's interview date, the item's verdict and its referral;
 * returns 0 or < 0. */
static int read_facts(gu_db *db, const char *case_id, int item, stored_facts *out,
	gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_FOLLOWUP_FACTS,
		"SELECT (SELECT value FROM answers WHERE case_id = ?1 AND key = 'interview.date'),"
		" (SELECT verdict FROM results WHERE case_id = ?1 AND item = ?2),"
		" coalesce(r.stage, r.status), r.last_on, r.referred_on"
		" FROM (SELECT 1) LEFT JOIN referrals r ON r.case_id = ?1 AND r.item = ?2", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -(int)err->code;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK
	    || (rc = sqlite3_bind_int(st, 2, item)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, out->interview_date, sizeof out->interview_date);
		gu_column_copy(st, 1, out->verdict, sizeof out->verdict);
		out->referred = sqlite3_column_type(st, 2) != SQLITE_NULL;
		gu_column_copy(st, 2, out->status, sizeof out->status);
		gu_column_copy(st, 3, out->last_on, sizeof out->last_on);
		gu_column_copy(st, 4, out->referred_on, sizeof out->referred_on);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Checks the new entry against the stored referral (db/referral_check.h);
 * returns 0 or < 0. */
static int check_entry(gu_db *db, const char *case_id, int item, const gu_followup_new *f,
	const char *on, const char *today, gu_error *err)
{
	gu_referral_facts facts = { 0 };
	stored_facts sf;
	gu_date d;
	int ret = read_facts(db, case_id, item, &sf, err);

	if (ret < 0)
		return ret;
	facts.item = item;
	facts.today = today;
	/* an interview date that is not a date cannot order anything */
	facts.interview_date = gu_date_parse(sf.interview_date, &d) ? sf.interview_date : NULL;
	facts.verdict = sf.verdict;
	facts.referred = sf.referred;
	if (gu_ref_status_parse(sf.status, &facts.current, NULL) < 0)
		facts.current = GU_REF_REFERRED;
	facts.last_on = sf.last_on;
	facts.status = f->status;
	facts.on = on;
	facts.next_due = f->next_due;
	facts.referred_on = sf.referred_on;
	facts.reason = f->reason;
	facts.note = f->note;
	facts.signed_by = f->signed_by;
	return gu_referral_check(&facts, err);
}

/* Records a follow-up and updates the referral; returns 0 or < 0. */
int gu_followup_add(gu_db *db, const char *case_id, int item,
	const gu_followup_new *f, gu_error *err)
{
	enum gu_case_status status;
	gu_time_ms now = gu_time_now();
	char today[16], detail[128];
	const char *on, *who;
	bool completed;
	int ret;
	GU_ERR_LOCAL(err);
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;

	if (item < 1 || item > 999)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("%d is not an item number"), item);
	if ((unsigned)f->status >= GU_REF_STATUS_COUNT)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("not a referral status"));
	gu_date_format(gu_date_today(), today);
	on = f->date && *f->date ? f->date : today;
	if ((ret = check_date(on, _("follow-up date"), err)) < 0)
		return ret;
	if (f->next_due && *f->next_due &&
	    (ret = check_date(f->next_due, _("next due date"), err)) < 0)
		return ret;
	who = f->who && *f->who ? f->who : gu_db_user(db);
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_state_in_tx(db, case_id, &status, &completed, err);
	if (ret == 0)
		ret = check_entry(db, case_id, item, f, on, today, err);
	if (ret == 0)
		ret = put_referral(db, case_id, item, f, on, who, now, err);
	if (ret == 0)
		ret = put_entry(db, case_id, item, f, on, who, now, err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "item %d: %s%s%s%s%s", item,
			gu_ref_status_name(f->status), f->reason && *f->reason ? " (" : "",
			f->reason && *f->reason ? f->reason : "", f->reason && *f->reason ? ")" : "",
			f->signed_by && *f->signed_by ? ", return slip" : "");
		ret = gu_audit_add_in_tx(db, "followup.add", case_id, detail, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Fills one referral from a row of REFERRAL_COLUMNS. */
static void fill_referral(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_referral *r = elem;
	char status[16];

	gu_column_copy(st, 0, r->case_id, sizeof r->case_id);
	r->item = sqlite3_column_int(st, 1);
	gu_column_copy(st, 2, status, sizeof status);
	if (gu_ref_status_parse(status, &r->status, NULL) < 0)
		r->status = GU_REF_REFERRED;
	gu_column_copy(st, 3, r->referred_on, sizeof r->referred_on);
	gu_column_copy(st, 4, r->last_on, sizeof r->last_on);
	gu_column_copy(st, 5, r->next_due, sizeof r->next_due);
	gu_column_copy(st, 6, r->who, sizeof r->who);
	r->last_note = gu_column_dup(st, 7, oom);
	gu_column_copy(st, 8, r->child_name, sizeof r->child_name);
	gu_column_copy(st, 9, r->township, sizeof r->township);
	gu_column_copy(st, 10, r->worker, sizeof r->worker);
	r->updated = sqlite3_column_int64(st, 11);
	gu_column_copy(st, 12, r->unit, sizeof r->unit);
}

/* Frees a list of referrals given as void *. */
static void free_referrals(void *v, size_t n)
{
	gu_referrals_free(v, n);
}

/* Lists a case's referrals by item; returns 0 or < 0. */
int gu_referral_list(gu_db *db, const char *case_id, gu_referral **out,
	size_t *n, gu_error *err)
{
	void *v;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_case_rows(db, GU_ST_REFERRAL_LIST,
		"SELECT " REFERRAL_COLUMNS " FROM referrals r JOIN cases c ON c.id = r.case_id"
		" WHERE r.case_id = ?1 ORDER BY r.item",
		case_id, sizeof **out, fill_referral, free_referrals, &v, n, err);
	*out = v;
	return ret;
}

/* Lists open referrals due on or before date; returns 0 or < 0. */
int gu_followup_due(gu_db *db, const char *date, gu_referral **out, size_t *n,
	gu_error *err)
{
	const char *worker = NULL;
	char today[16];
	void *v;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	if (!date || !*date)
		date = gu_date_format(gu_date_today(), today);
	if ((ret = check_date(date, _("due date"), err)) < 0)
		return ret;
	/* A worker sees the follow-ups of their own cases only. */
	if ((ret = gu_access_list_worker(db, NULL, &worker, err)) < 0)
		return ret;
	ret = gu_db_list_rows(db, GU_ST_FOLLOWUP_DUE,
		"SELECT " REFERRAL_COLUMNS " FROM referrals r JOIN cases c ON c.id = r.case_id"
		" WHERE r.status IN ('referred', 'in_progress') AND r.next_due IS NOT NULL"
		" AND r.next_due <= ?1 AND (?2 IS NULL OR " GU_SQL_CASE_WORKER("c") " = ?2) AND c.status <> 'closed'"
		" ORDER BY r.next_due, c.child_name, r.item",
		GU_VALUES(GU_TEXT(date), GU_TEXT(worker)),
		sizeof **out, fill_referral, free_referrals, &v, n, err);
	*out = v;
	return ret;
}

/* Frees referrals. */
void gu_referrals_free(gu_referral *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].last_note);
	free(v);
}

/* Fills one follow-up from a row. */
static void fill_followup(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_followup *e = elem;
	char status[16];

	gu_column_copy(st, 0, e->id, sizeof e->id);
	gu_column_copy(st, 1, status, sizeof status);
	if (gu_ref_status_parse(status, &e->status, NULL) < 0)
		e->status = GU_REF_REFERRED;
	gu_column_copy(st, 2, e->on, sizeof e->on);
	gu_column_copy(st, 3, e->next_due, sizeof e->next_due);
	gu_column_copy(st, 4, e->who, sizeof e->who);
	e->note = gu_column_dup(st, 5, oom);
	e->created = sqlite3_column_int64(st, 6);
	gu_column_copy(st, 7, e->reason, sizeof e->reason);
	gu_column_copy(st, 8, e->signed_by, sizeof e->signed_by);
}

/* Frees a list of follow-ups given as void *. */
static void free_followups(void *v, size_t n)
{
	gu_followups_free(v, n);
}

/* Lists one item's follow-ups, oldest first; returns 0 or < 0. */
int gu_followup_list(gu_db *db, const char *case_id, int item, gu_followup **out,
	size_t *n, gu_error *err)
{
	void *v;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = gu_access_check_case(db, case_id, err);
	if (ret < 0)
		return ret;
	ret = gu_db_list_rows(db, GU_ST_FOLLOWUP_LIST,
		"SELECT id, status, on_date, coalesce(next_due, ''), who, note, created_at, reason,"
		" signed_by FROM followups WHERE case_id = ?1 AND item = ?2 ORDER BY on_date, created_at",
		GU_VALUES(GU_TEXT(case_id), GU_INT(item)),
		sizeof **out, fill_followup, free_followups, &v, n, err);
	*out = v;
	return ret;
}

/* Frees follow-ups. */
void gu_followups_free(gu_followup *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].note);
	free(v);
}
