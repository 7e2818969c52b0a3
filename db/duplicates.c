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

/* Runs sql (kept in slot) with the values vals[0..nv-1] bound as ?1..?nv
 * and adds each id it selects with why; returns 0 or < 0. */
static int collect(gu_db *db, enum gu_st slot, const char *sql, const gu_bind_value *vals,
	size_t nv, const char *why, gu_dup_match **v, size_t *n, gu_error *err)
{
	char (*ids)[GU_ID_SIZE] = NULL;
	size_t nids = 0, i;
	int ret = gu_db_list_ids(db, slot, sql, vals, nv, &ids, &nids, err);

	for (i = 0; ret == 0 && i < nids; i++)
		if (add_match(v, n, ids[i], why) < 0)
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
	if (given(c->id_number) && strlen(c->id_number) >= 15)
		ret = collect(db, GU_ST_DUP_BY_ID, "SELECT id FROM cases WHERE child_id_number = ?1"
			" AND child_id_number <> '' AND id IS NOT ?2",
			GU_VALUES(GU_TEXT(c->id_number), GU_TEXT(exclude)), "id_number", &v, n, err);
	if (ret == 0 && given(c->name) && given(c->dob) && given(c->township)) {
		ret = collect(db, GU_ST_DUP_BY_NAME, "SELECT c.id FROM cases c WHERE c.child_name = ?1"
			" AND c.child_name <> '' AND c.township = ?2 AND c.id IS NOT ?3" SAME_DOB,
			GU_VALUES(GU_TEXT(c->name), GU_TEXT(c->township), GU_TEXT(exclude),
			GU_TEXT(c->dob)), "name_dob_township", &v, n, err);
		/* the pinyin, when the library that computes it can be had; names
		 * stored without theirs (by plain SQL, or before it was loaded)
		 * get them first */
		if (ret == 0 && gu_pinyin_keys(c->name, &py, &ignored) == 0 && py.full[0]) {
			if (gu_search_queue_waiting(db, &ignored) > 0)
				(void)gu_search_refresh(db, NULL, NULL, &ignored);
			ret = collect(db, GU_ST_DUP_BY_PINYIN, "SELECT c.id FROM case_keys k"
				" JOIN cases c ON c.id = k.case_id"
				" WHERE k.pinyin = ?1 AND k.pinyin <> '' AND c.township = ?2"
				" AND c.id IS NOT ?3 AND c.child_name <> ?5" SAME_DOB,
				GU_VALUES(GU_TEXT(py.full), GU_TEXT(c->township), GU_TEXT(exclude),
				GU_TEXT(c->dob), GU_TEXT(c->name)), "pinyin_dob_township", &v, n, err);
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
