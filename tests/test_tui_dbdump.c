/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Prints what the interview screens stored in a database, for the TUI
 * tests to check: every case (oldest first) with its status, resume key,
 * answers and referrals.  Usage: test_tui_dbdump DATABASE; an encrypted
 * database is unlocked as the tests' user ($GUANAI_USER, whose password is
 * in $GUANAI_PASSWORD_FILE). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/auth.h"
#include "db/crypt_login.h"
#include "db/search.h"
#include "db/store.h"

static char password[256];

/* Unwraps the key of the encrypted database at path as the tests' user,
 * keeping her password for the login; returns 0 or -1 (printed). */
static int unlock(const char *path)
{
	const char *user = getenv("GUANAI_USER"), *file = getenv("GUANAI_PASSWORD_FILE");
	struct gu_unlock_report report;
	gu_error err;
	FILE *f = file ? fopen(file, "r") : NULL;

	if (!f || !user || !fgets(password, sizeof password, f)) {
		fprintf(stderr, "%s: GUANAI_USER and GUANAI_PASSWORD_FILE must name the tests' user\n",
			path);
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	password[strcspn(password, "\n")] = '\0';
	if (gu_db_unlock(path, user, password, &report, &err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		return -1;
	}
	return 0;
}

/* Prints one case; returns 0 or 1 on an error. */
static int dump_case(gu_db *db, const gu_case_row *c)
{
	gu_answers ans;
	gu_referral *refs = NULL;
	size_t nrefs = 0, i;
	gu_error err;
	char resume[96];

	if (gu_case_load_answers(db, c->id, &ans, &err) < 0
			|| gu_case_get_resume(db, c->id, resume, sizeof resume, &err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	printf("case %s resume=%s progress=%d/%d\n", gu_case_status_name(c->status), resume,
		c->progress_done, c->progress_total);
	for (i = 0; i < ans.n; i++)
		printf("%s = %s\n", ans.v[i].key, ans.v[i].value);
	gu_answers_free(&ans);
	if (gu_referral_list(db, c->id, &refs, &nrefs, &err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	for (i = 0; i < nrefs; i++)
		printf("referral %d %s next=%s note=%s\n", refs[i].item,
			gu_ref_status_name(refs[i].status), refs[i].next_due,
			refs[i].last_note ? refs[i].last_note : "");
	gu_referrals_free(refs, nrefs);
	return 0;
}

/* Dumps the database named on the command line; returns the exit status. */
int main(int argc, char **argv)
{
	gu_db *db = NULL;
	gu_case_row *cases = NULL;
	gu_case_filter f = { .sort = GU_SORT_UPDATED };
	size_t n = 0, i;
	gu_error err;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DATABASE\n", argv[0]);
		return 2;
	}
	if (gu_db_has_keys(argv[1]) && unlock(argv[1]) < 0)
		return 1;
	if (gu_db_open_readonly(argv[1], &db, &err) < 0
			|| (password[0] && gu_auth_login(db, getenv("GUANAI_USER"), password, &err) < 0)
			|| gu_case_list(db, &f, &cases, &n, &err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		gu_db_close(db);
		return 1;
	}
	for (i = n; i-- > 0;)
		rc |= dump_case(db, &cases[i]);
	free(cases);
	gu_db_close(db);
	return rc;
}
