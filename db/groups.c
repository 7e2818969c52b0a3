/* SPDX-License-Identifier: GPL-3.0-or-later */
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
static int run(gu_db *db, enum gu_st slot, const char *sql, const char *case_id,
	const char *grp, gu_time_ms now)
{
	int rc;
	sqlite3_stmt *st = gu_db_slot(db, slot, sql, &rc);

	if (!st)
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
	sqlite3_reset(st);
	return rc;
}

/* Calls each(index, name, len, ctx) for every name in a comma-separated
 * list (blanks around names ignored) until it returns non-zero; returns
 * that value, or 0. */
static int for_each_name(const char *groups, int (*each)(int i, const char *name, size_t len,
	void *ctx), void *ctx)
{
	const char *p = groups ? groups : "";
	int ret = 0;

	while (ret == 0 && *p) {
		size_t len = strcspn(p, ",");
		const char *name = p;

		p += len;
		if (*p == ',')
			p++;
		while (len > 0 && *name == ' ') {
			name++;
			len--;
		}
		while (len > 0 && name[len - 1] == ' ')
			len--;
		if (len > 0)
			ret = each(group_index(name, len), name, len, ctx);
	}
	return ret;
}

/* Reports an unknown group name; returns -GU_EINVAL or 0. */
static int check_name(int i, const char *name, size_t len, void *ctx)
{
	if (i >= 0)
		return 0;
	return gu_error_set(ctx, GU_EINVAL, NULL, 0, 0,
		_("\"%.*s\" is not a group (floating, left_behind or difficult)"), (int)len, name);
}

/* What store_name needs. */
struct put {
	gu_db *db;
	const char *case_id;
	gu_time_ms now;
};

/* Stores one known group of a case (unknown ones are left out); returns
 * the SQLite result. */
static int store_name(int i, const char *name, size_t len, void *ctx)
{
	const struct put *p = ctx;

	(void)name;
	(void)len;
	if (i < 0)
		return SQLITE_OK;
	return run(p->db, GU_ST_GROUP_INSERT, "INSERT OR IGNORE INTO case_groups (case_id, grp, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4)", p->case_id, group_names[i], p->now);
}

/* Replaces the groups inside a transaction; returns 0 or < 0. */
int gu_case_groups_put_in_tx(gu_db *db, const char *case_id, const char *groups,
	gu_time_ms now, gu_error *err)
{
	struct put p = { db, case_id, now };
	int rc;

	rc = run(db, GU_ST_GROUP_CLEAR, "DELETE FROM case_groups WHERE case_id = ?1", case_id, NULL, now);
	if (rc == SQLITE_OK)
		rc = for_each_name(groups, store_name, &p);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Replaces the groups in their own transaction; returns 0 or < 0. */
int gu_case_set_groups(gu_db *db, const char *case_id, const char *groups, gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	ret = for_each_name(groups, check_name, err);
	if (ret < 0)
		return ret;
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
	sqlite3_stmt *st;
	int rc;
	GU_ERR_LOCAL(err);

	if (size)
		buf[0] = '\0';
	st = gu_db_slot(db, GU_ST_GROUP_LIST,
		"SELECT coalesce(group_concat(grp, ','), '') FROM (SELECT grp FROM case_groups"
		" WHERE case_id = ?1 ORDER BY CASE grp WHEN 'floating' THEN 0"
		" WHEN 'left_behind' THEN 1 ELSE 2 END)", &rc);
	if (!st)
		goto cleanup;
	if ((rc = gu_bind_text(st, 1, case_id)) != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, buf, size);
		rc = SQLITE_OK;
	}
cleanup:
	sqlite3_reset(st);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}
