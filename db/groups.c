#include "config.h"
/* Storing and reading the groups a case's results put the child in. */

#include <string.h>

#include "core/i18n.h"
#include "db/groups.h"
#include "db/internal.h"

static const char *const group_names[] = { "floating", "left_behind", "difficult" };
static const char *const group_labels[] = {
	/* TRANSLATORS: the three groups of children, at most 10 columns each */
	N_("floating"), N_("left-behind"), N_("difficult")
};

/* Returns the index of a group name, or -1. */
static int group_index(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof group_names / sizeof group_names[0]; i++)
		if (strlen(group_names[i]) == len && strncmp(group_names[i], name, len) == 0)
			return (int)i;
	return -1;
}

/* Returns true for a known group name. */
bool gu_group_valid(const char *name)
{
	return name && group_index(name, strlen(name)) >= 0;
}

/* Returns the translated name of a group (the name itself when unknown). */
const char *gu_group_label(const char *name)
{
	int i = name ? group_index(name, strlen(name)) : -1;

	return i >= 0 ? _(group_labels[i]) : (name ? name : "");
}

/* Runs one statement binding case_id, grp, now and the device; returns the SQLite result. */
static int run(gu_db *db, const char *sql, const char *case_id, const char *grp,
	gu_time_ms now)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	if (sqlite3_bind_parameter_count(st) >= 2) {
		if ((rc = gu_bind_text(st, 2, grp)) != SQLITE_OK)
			goto cleanup;
		if ((rc = sqlite3_bind_int64(st, 3, now)) != SQLITE_OK)
			goto cleanup;
		if ((rc = gu_bind_text(st, 4, db->device)) != SQLITE_OK)
			goto cleanup;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
cleanup:
	sqlite3_finalize(st);
	return rc;
}

/* Replaces the groups inside a transaction; returns 0 or < 0. */
int gu_case_groups_put_in_tx(gu_db *db, const char *case_id, const char *groups,
	gu_time_ms now, gu_error *err)
{
	const char *p = groups ? groups : "";
	int rc;

	rc = run(db, "DELETE FROM case_groups WHERE case_id = ?1", case_id, NULL, now);
	while (rc == SQLITE_OK && *p) {
		size_t len = strcspn(p, ",");
		int i;

		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len > 0) {
			i = group_index(p, len);
			if (i < 0)
				return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
					_("\"%.*s\" is not a group (floating, left_behind or difficult)"),
					(int)len, p);
			rc = run(db, "INSERT OR IGNORE INTO case_groups (case_id, grp, updated_at, device)"
				" VALUES (?1, ?2, ?3, ?4)", case_id, group_names[i], now);
		}
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Replaces the groups in their own transaction; returns 0 or < 0. */
int gu_case_set_groups(gu_db *db, const char *case_id, const char *groups, gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_groups_put_in_tx(db, case_id, groups, gu_time_now(), err);
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Writes the groups into buf; returns 0 or < 0. */
int gu_case_get_groups(gu_db *db, const char *case_id, char *buf, size_t size,
	gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	GU_ERR_LOCAL(err);

	if (size)
		buf[0] = '\0';
	rc = sqlite3_prepare_v2(db->h,
		"SELECT coalesce(group_concat(grp, ','), '') FROM (SELECT grp FROM case_groups"
		" WHERE case_id = ?1 ORDER BY CASE grp WHEN 'floating' THEN 0"
		" WHEN 'left_behind' THEN 1 ELSE 2 END)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto cleanup;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, buf, size);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}
