/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Fills a new database for the screens' tests: a supervisor and two
 * workers, four cases of both workers with their screening results and
 * groups, follow-ups and one case returned by the supervisor (with
 * "longnames", also two children whose names are wider than the list's
 * name column; with "alerts", six more children in six more townships,
 * two with 强制报告, one with 控辍保学); or prints the actions of its audit log, oldest first, for
 * a test to check.
 * Usage: screens_seed DATABASE POLICY [users|nousers|plainusers|longnames|alerts|audit]
 * (plainusers: the users of a database made before encryption, left plain) */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers.h"
#include "core/eval.h"
#include "core/idcard.h"
#include "core/policy.h"
#include "db/auth.h"
#include "db/crypt_login.h"
#include "db/groups.h"
#include "db/reports.h"
#include "db/review.h"
#include "db/store.h"

/* Answers of the four children, one "key = value" per line; the ID number
 * gets its check character in fill_id. */
static const char *const families[] = {
	/* li: a left-behind girl in a village of Jianping */
	"interview.date = 2026-11-02\ninterview.township = 万寿街道\ninterview.worker = li\n"
	"child.name = 张小红\nchild.id_number = 21132220150315042?\nchild.sex = female\n"
	"child.hukou_county = 211322\nchild.hukou_kind = village\nchild.residence_county = 211322\n"
	"child.residence_kind = rural\nchild.lives_with = grandparents\n"
	"father.status = migrant\nmother.status = migrant\nfather.migrant_months = 20\n"
	"mother.migrant_months = 20\nchild.school_stage = primary\nchild.grade = 5\n"
	"child.school_county = 211322\nchild.school_kind = township_village\n"
	"household.status = \nchild.disability = none\nchild.safety = no\n",
	/* li: a floating boy from Beipiao living in Shuangta */
	"interview.date = 2026-11-05\ninterview.township = 凌河街道\ninterview.worker = li\n"
	"child.name = 李明\nchild.id_number = 21138120120708123?\nchild.sex = male\n"
	"child.hukou_county = 211381\nchild.hukou_kind = village\nchild.residence_county = 211302\n"
	"child.residence_kind = urban\nchild.months_at_residence = 30\n"
	"child.lives_with = father, mother\nfather.status = home\nmother.status = home\n"
	"child.school_stage = junior\nchild.grade = 8\nchild.school_county = 211302\n"
	"child.school_kind = county_town_or_city\nhousehold.status = urban_dibao\n"
	"child.disability = none\nchild.safety = no\n",
	/* wang: a girl with a disability in a poor household */
	"interview.date = 2026-11-10\ninterview.township = 建平镇\ninterview.worker = wang\n"
	"child.name = 王芳\nchild.id_number = 21132220180101002?\nchild.sex = female\n"
	"child.hukou_county = 211322\nchild.hukou_kind = county_town\nchild.residence_county = 211322\n"
	"child.residence_kind = urban\nchild.lives_with = mother\nfather.status = deceased\n"
	"mother.status = home\nchild.school_stage = primary\nchild.grade = 2\n"
	"child.school_county = 211322\nchild.school_kind = county_town_or_city\n"
	"household.status = rural_dibao\nchild.disability = certified\n"
	"child.disability_types = physical\nchild.disability_level = 2\nchild.rehab_need = yes\n"
	"child.safety = no\n",
	/* wang: a draft */
	"interview.date = 2026-11-18\ninterview.township = 建平镇\ninterview.worker = wang\n"
	"child.name = 赵磊\nchild.id_number = 21132220200505031?\n",
};

/* Two drafts whose names are wider than the name column at 80 columns:
 * one cut between Latin letters, one between Chinese characters. */
static const char *const long_names[] = {
	"interview.date = 2026-11-19\ninterview.township = 建平镇\ninterview.worker = wang\n"
	"child.name = Alexandrina 李\nchild.id_number = 21132220190203042?\n",
	"interview.date = 2026-11-19\ninterview.township = 建平镇\ninterview.worker = wang\n"
	"child.name = 欧阳娜娜丽莎\nchild.id_number = 21132220170809052?\n",
};

/* With "alerts": six more left-behind children of li in six townships of
 * five counties, as a printf format of the township, the county, the
 * name, the day of November, the school stage and grade lines and the
 * answer to child.safety; two with 强制报告 (one reported), one with
 * 控辍保学, so the dashboard has more townships than a screen and alerts. */
static const char alerts_family[] =
	"interview.date = 2026-11-%02d\ninterview.township = %s\ninterview.worker = li\n"
	"child.name = %s\nchild.id_number = %s201503150%d2?\nchild.sex = female\n"
	"child.hukou_county = %s\nchild.hukou_kind = village\nchild.residence_county = %s\n"
	"child.residence_kind = rural\nchild.lives_with = grandparents\n"
	"father.status = migrant\nmother.status = migrant\nfather.migrant_months = 20\n"
	"mother.migrant_months = 20\n%s"
	"child.school_county = %s\nchild.school_kind = township_village\n"
	"household.status = \nchild.disability = none\nchild.safety = %s\n";

static const struct alerts_child {
	int day;
	const char *township, *county, *name, *school, *safety;
} alerts_children[] = {
	{ 3, "柳城街道", "211321", "刘小燕", "child.school_stage = primary\nchild.grade = 4\n", "yes" },
	{ 4, "松岭门蒙古族乡", "211321", "白雪", "child.school_stage = primary\nchild.grade = 3\n",
		"yes" },
	{ 6, "老官地镇", "211322", "孙丽", "child.school_stage = out_of_school\n", "no" },
	{ 7, "南公营子镇", "211324", "周敏", "child.school_stage = primary\nchild.grade = 6\n", "no" },
	{ 8, "城关街道", "211381", "吴倩", "child.school_stage = junior\nchild.grade = 7\n", "no" },
	{ 9, "宋杖子镇", "211382", "郑洁", "child.school_stage = primary\nchild.grade = 2\n", "no" },
};

/* Replaces a final '?' of child.id_number with its check character. */
static void fill_id(gu_answers *a)
{
	const char *v = gu_answers_get(a, "child.id_number");
	char id[19];

	if (!v || strlen(v) != 18)
		return;
	memcpy(id, v, 18);
	id[18] = '\0';
	id[17] = gu_idcard_check_char(id);
	gu_answers_set(a, "child.id_number", id);
}

/* Stores one family as a case; returns 0 or 1 (message printed). */
static int add_case(gu_db *db, const gu_policy *p, const char *text, enum gu_case_status st,
	char id[GU_ID_SIZE])
{
	gu_answers a;
	gu_results r;
	gu_case_new c;
	gu_error err;
	char buf[1200], day[16];
	int ret = 1;

	memset(&r, 0, sizeof r);
	if (gu_answers_parse(text, strlen(text), "seed", &a, &err) < 0)
		goto fail;
	fill_id(&a);
	/* the legal basis every interview records first, on the interview's day */
	snprintf(day, sizeof day, "%s", gu_answers_get(&a, "interview.date")
		? gu_answers_get(&a, "interview.date") : "");
	if (!gu_answers_get(&a, "consent.basis")
	    && (gu_answers_set(&a, "consent.basis", "guardian_consent") < 0
		|| gu_answers_set(&a, "consent.by", "李芳") < 0
		|| (day[0] && gu_answers_set(&a, "consent.date", day) < 0)))
		goto fail;
	if (gu_policy_check_answers(p, &a, "seed", &err) < 0 || gu_evaluate(p, &a, &r, &err) < 0)
		goto fail;
	memset(&c, 0, sizeof c);
	c.worker = gu_answers_get(&a, "interview.worker");
	c.township = gu_answers_get(&a, "interview.township");
	c.child_name = gu_answers_get(&a, "child.name");
	c.child_id_number = gu_answers_get(&a, "child.id_number");
	c.policy_id = gu_policy_id(p);
	c.policy_version = gu_policy_version(p);
	c.policy_hash = gu_policy_hash(p);
	if (gu_case_import(db, &c, &a, st == GU_CASE_DRAFT ? NULL : &r, st, id, &err) < 0)
		goto fail;
	if (st != GU_CASE_DRAFT && gu_case_set_groups(db, id, r.groups, &err) < 0)
		goto fail;
	ret = 0;
	goto cleanup;
fail:
	fprintf(stderr, "screens_seed: %s\n", gu_error_text(&err, buf, sizeof buf));
cleanup:
	gu_results_free(&r);
	gu_answers_free(&a);
	return ret;
}

/* Stores the children of "alerts" and the 强制报告 of the first, made;
 * returns 0 or 1 (message printed). */
static int add_alerts(gu_db *db, const gu_policy *p)
{
	gu_report_new made = { .kind = GU_REPORT_POLICE, .date = "2026-11-03",
		.unit = "柳城派出所", .receipt = "2026-1103" };
	char text[2000], id[GU_ID_SIZE], first[GU_ID_SIZE] = "";
	gu_error err;
	size_t i;

	for (i = 0; i < sizeof alerts_children / sizeof alerts_children[0]; i++) {
		const struct alerts_child *c = &alerts_children[i];

		snprintf(text, sizeof text, alerts_family, c->day, c->township, c->name, c->county,
			(int)i, c->county, c->county, c->school, c->county, c->safety);
		if (add_case(db, p, text, GU_CASE_COMPLETE, id))
			return 1;
		if (i == 0)
			snprintf(first, sizeof first, "%s", id);
	}
	if (gu_report_add(db, first, &made, &err) < 0) {
		fprintf(stderr, "screens_seed: %s\n", err.message);
		return 1;
	}
	return 0;
}

/* Adds a follow-up; returns 0 or 1. */
static int follow(gu_db *db, const char *id, int item, enum gu_ref_status st, const char *on,
	const char *note, const char *due)
{
	gu_followup_new f;
	gu_error err;

	memset(&f, 0, sizeof f);
	f.status = st;
	f.date = on;
	f.note = note;
	f.next_due = due;
	if (gu_followup_add(db, id, item, &f, &err) < 0) {
		fprintf(stderr, "screens_seed: %s\n", err.message);
		return 1;
	}
	return 0;
}

/* Prints the audit log's actions, oldest first; returns the exit status. */
static int print_audit(gu_db *db)
{
	gu_audit_entry *v = NULL;
	size_t n = 0, i;
	gu_error err;

	if (gu_audit_list(db, NULL, 0, &v, &n, &err) < 0) {
		fprintf(stderr, "screens_seed: %s\n", err.message);
		return 1;
	}
	for (i = n; i > 0; i--)
		printf("%s %s\n", v[i - 1].action, v[i - 1].by);
	gu_audit_entries_free(v, n);
	return 0;
}

/* Makes the key slots of the database at path (zhang, li and wang, no
 * recovery key) so that it is created encrypted, as guanai creates every
 * database, or unlocks it as zhang when it has them; returns 0 or < 0. */
static int encrypt(const char *path, gu_error *err)
{
	struct gu_unlock_report report;

	if (gu_db_has_keys(path))
		return gu_db_unlock(path, "zhang", "supervisor-pw", &report, err);
	if (gu_db_keys_create(path, "zhang", "supervisor-pw", NULL, err) < 0
			|| gu_db_keys_set(path, "li", "worker-li-pw", err) < 0
			|| gu_db_keys_set(path, "wang", "worker-wang-pw", err) < 0)
		return -1;
	return 0;
}

/* Adds n drafts named 草稿001, 草稿002 and on, each saved after the one
 * before (so the newest is the last), for the pages of the drafts list;
 * returns 0 or -1. */
static int add_drafts(gu_db *db, const gu_policy *p, int n)
{
	char text[300], id[GU_ID_SIZE];
	int i;

	for (i = 1; i <= n; i++) {
		snprintf(text, sizeof text, "interview.date = 2026-11-20\ninterview.township = 建平镇\n"
			"interview.worker = wang\nchild.name = 草稿%03d\nchild.dob = 2018-05-05\n", i);
		if (add_case(db, p, text, GU_CASE_DRAFT, id))
			return -1;
	}
	return 0;
}

/* Fills the database; returns the exit status. */
int main(int argc, char **argv)
{
	gu_policy *p = NULL;
	gu_db *db = NULL;
	gu_error err;
	char ids[6][GU_ID_SIZE], buf[1200];
	bool many = argc > 3 && strcmp(argv[3], "drafts") == 0;
	bool users = argc < 4 || (strcmp(argv[3], "nousers") != 0 && !many);
	bool plain = argc > 3 && strcmp(argv[3], "plainusers") == 0;
	int status = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: screens_seed DATABASE POLICY "
			"[users|nousers|plainusers|longnames|alerts|audit|drafts [N]]\n");
		return 2;
	}
	gu_error_clear(&err);
	if (gu_policy_load_file(argv[2], &p, &err) < 0 || (users && !plain && encrypt(argv[1], &err) < 0)
			|| gu_db_open(argv[1], &db, &err) < 0) {
		fprintf(stderr, "screens_seed: %s\n", gu_error_text(&err, buf, sizeof buf));
		goto cleanup;
	}
	if (argc > 3 && strcmp(argv[3], "audit") == 0) {
		status = print_audit(db);
		goto cleanup;
	}
	if (users) {
		gu_auth_set_limits(1, 8192);
		if (gu_auth_add_user(db, "zhang", GU_ROLE_SUPERVISOR, "supervisor-pw", &err) < 0
				|| gu_auth_login(db, "zhang", "supervisor-pw", &err) < 0
				|| gu_auth_add_user(db, "li", GU_ROLE_WORKER, "worker-li-pw", &err) < 0
				|| gu_auth_add_user(db, "wang", GU_ROLE_WORKER, "worker-wang-pw", &err) < 0) {
			fprintf(stderr, "screens_seed: %s\n", err.message);
			goto cleanup;
		}
	}
	if (add_case(db, p, families[0], GU_CASE_COMPLETE, ids[0])
			|| add_case(db, p, families[1], GU_CASE_COMPLETE, ids[1])
			|| add_case(db, p, families[2], GU_CASE_COMPLETE, ids[2])
			|| add_case(db, p, families[3], GU_CASE_DRAFT, ids[3]))
		goto cleanup;
	if (argc > 3 && strcmp(argv[3], "longnames") == 0
			&& (add_case(db, p, long_names[0], GU_CASE_DRAFT, ids[4])
			|| add_case(db, p, long_names[1], GU_CASE_DRAFT, ids[5])))
		goto cleanup;
	if (many && add_drafts(db, p, argc > 4 ? atoi(argv[4]) : 450) < 0)
		goto cleanup;
	if (argc > 3 && strcmp(argv[3], "alerts") == 0 && add_alerts(db, p))
		goto cleanup;
	if (follow(db, ids[1], 12, GU_REF_REFERRED, "2026-11-05", "家庭医生签约", "2026-11-15")
			|| follow(db, ids[2], 18, GU_REF_REFERRED, "2026-11-10", "残联康复评估", "2026-12-10")
			|| follow(db, ids[2], 18, GU_REF_IN_PROGRESS, "2026-11-16", NULL, "2026-12-20"))
		goto cleanup;
	if (users && gu_review_decide(db, ids[0], GU_REVIEW_RETURN, "documents", "请补充户口本照片",
			&err) < 0) {
		fprintf(stderr, "screens_seed: %s\n", err.message);
		goto cleanup;
	}
	status = 0;
cleanup:
	gu_db_close(db);
	gu_policy_free(p);
	return status;
}
