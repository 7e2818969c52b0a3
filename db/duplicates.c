/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The stored cases that may be one child (db/duplicates.h): by the ID
 * number's index, by name and township, and by the pinyin's index. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "core/pinyin.h"
#include "db/duplicates.h"
#include "db/internal.h"
#include "db/search.h"

/* Returns true when s is given. */
static bool given(const char *s)
{
	return s && *s;
}

/* Adds id with why to the matches unless it is there; returns 0 or -1 out
 * of memory. */
static int add_match(gu_dup_match **v, size_t *n, const char *id, const char *why)
{
	gu_dup_match *nv;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].case_id, id) == 0)
			return 0;
	nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return -1;
	*v = nv;
	snprintf(nv[*n].case_id, sizeof nv[*n].case_id, "%s", id);
	snprintf(nv[*n].why, sizeof nv[*n].why, "%s", why);
	(*n)++;
	return 0;
}

/* Runs sql (kept in slot) with the texts binds[0..nb-1] as ?1..?nb and
 * adds each id it selects with why; returns 0 or < 0. */
static int collect(gu_db *db, enum gu_st slot, const char *sql, const char *const *binds,
	int nb, const char *why, gu_dup_match **v, size_t *n, gu_error *err)
{
	char (*ids)[GU_ID_SIZE] = NULL;
	size_t nids = 0, j;
	int rc, i, ret;
	sqlite3_stmt *st = gu_db_slot(db, slot, sql, &rc);

	for (i = 0; st && rc == SQLITE_OK && i < nb; i++)
		rc = gu_bind_text(st, i + 1, binds[i]);
	if (rc != SQLITE_OK) {
		sqlite3_reset(st);
		return gu_db_fail(db, rc, err);
	}
	ret = gu_db_read_ids(db, st, &ids, &nids, err);
	for (j = 0; ret == 0 && j < nids; j++)
		if (add_match(v, n, ids[j], why) < 0)
			ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	free(ids);
	return ret;
}

/* The date of birth of stored case c, beside the one looked for (?4). */
#define SAME_DOB " AND (SELECT value FROM answers WHERE case_id = c.id AND key = '" \
	GU_KEY_CHILD_DOB "') = ?4"

/* Finds the possible duplicates; returns 0 or < 0. */
int gu_case_find_duplicates(gu_db *db, const gu_dup_child *c, const char *exclude,
	gu_dup_match **out, size_t *n, gu_error *err)
{
	gu_dup_match *v = NULL;
	gu_pinyin py = { 0 };
	gu_error ignored;
	int ret = 0;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	if (given(c->id_number) && strlen(c->id_number) >= 15) {
		const char *b[] = { c->id_number, exclude };

		ret = collect(db, GU_ST_DUP_BY_ID, "SELECT id FROM cases WHERE child_id_number = ?1"
			" AND child_id_number <> '' AND id IS NOT ?2", b, 2, "id_number", &v, n, err);
	}
	if (ret == 0 && given(c->name) && given(c->dob) && given(c->township)) {
		const char *b[] = { c->name, c->township, exclude, c->dob, NULL };

		ret = collect(db, GU_ST_DUP_BY_NAME, "SELECT c.id FROM cases c WHERE c.child_name = ?1"
			" AND c.child_name <> '' AND c.township = ?2 AND c.id IS NOT ?3" SAME_DOB,
			b, 4, "name_dob_township", &v, n, err);
		/* the pinyin, when the library that computes it can be had; names
		 * stored without theirs (by plain SQL, or before it was loaded)
		 * get them first */
		if (ret == 0 && gu_pinyin_keys(c->name, &py, &ignored) == 0 && py.full[0]) {
			if (gu_search_queue_waiting(db, &ignored) > 0)
				(void)gu_search_refresh(db, NULL, NULL, &ignored);
			b[0] = py.full;
			b[4] = c->name;
			ret = collect(db, GU_ST_DUP_BY_PINYIN, "SELECT c.id FROM case_keys k"
				" JOIN cases c ON c.id = k.case_id"
				" WHERE k.pinyin = ?1 AND k.pinyin <> '' AND c.township = ?2"
				" AND c.id IS NOT ?3 AND c.child_name <> ?5" SAME_DOB,
				b, 5, "pinyin_dob_township", &v, n, err);
		}
		gu_pinyin_free(&py);
	}
	if (ret < 0) {
		free(v);
		*n = 0;
		return ret;
	}
	*out = v;
	return 0;
}
