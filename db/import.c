#include "config.h"
/* Storing a whole interview at once: case, answers, results and status in
 * one transaction, so an import is either all there or not at all. */

#include "db/internal.h"

/* Stores a whole interview; writes the new case id into id; returns 0 or < 0. */
int gu_case_import(gu_db *db, const gu_case_new *c, const gu_answers *a,
	const gu_results *r, enum gu_case_status status, char id[GU_ID_SIZE],
	gu_error *err)
{
	gu_case_new none = { 0 };
	gu_time_ms now = gu_time_now();
	size_t i;
	int ret;
	GU_ERR_LOCAL(err);

	if (!c)
		c = &none;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	ret = gu_case_create_in_tx(db, c, id, now, err);
	for (i = 0; ret == 0 && a && i < a->n; i++)
		ret = gu_answer_put_in_tx(db, id, false, a->v[i].key, a->v[i].value, NULL, now, err);
	if (ret == 0 && r)
		ret = gu_results_put_in_tx(db, id, r, c->policy_id, c->policy_version,
			c->policy_hash, now, err);
	if (ret == 0 && status != GU_CASE_DRAFT)
		ret = gu_case_set_status_in_tx(db, id, status, "import", now, err);
	if (ret == 0)
		ret = gu_db_commit(db, err);
	else
		gu_db_rollback(db);
	if (ret < 0)
		id[0] = '\0';
	return ret;
}
