/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Referral sheets and the consent form: the document's HTML escapes every
 * stored text and is laid out for A4, the plain text wraps by columns, the
 * departments are split as the policy writes them, the consent gate and
 * the ID number rule hold, and a written sheet is a 0600 file recorded on
 * the referrals and audited with ids and hashes only. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/doc.h"
#include "core/eval.h"
#include "core/idcard.h"
#include "core/sheet.h"
#include "core/text.h"
#include "db/safe_write.h"
#include "db/sheet.h"
#include "tests/test_supervise_util.h"

TestSuite(sheet, .init = sv_setup, .fini = sv_teardown, .timeout = 60);

/* Counts the times needle occurs in hay; returns the count. */
static int count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Loads the city's policy file or fails the test; returns it. */
static gu_policy *policy(void)
{
	gu_policy *p = NULL;
	gu_error err;

	cr_assert_eq(gu_policy_load_file(TOP_SRCDIR "/data/chaoyang-2024.policy", &p, &err), 0,
		"%s: %s", err.where, err.message);
	return p;
}

/* Stores the frozen left-behind household with an ID number, a guardian
 * and (when consent) the guardian's consent, screened; writes its id. */
static void store(gu_db *db, const gu_policy *p, bool consent, char id[GU_ID_SIZE])
{
	gu_case_new c = { .worker = "li", .policy_id = gu_policy_id(p),
		.policy_version = gu_policy_version(p), .policy_hash = gu_policy_hash(p) };
	char number[19] = "21132120150418002";
	gu_answers a;
	gu_results r;
	gu_error err;

	number[17] = gu_idcard_check_char(number);
	number[18] = '\0';
	cr_assert_eq(gu_answers_read_file(TOP_SRCDIR "/tests/profiles/p02-left-behind-dibao.answers",
		&a, &err), 0, "%s", err.message);
	cr_assert_eq(gu_answers_set(&a, "child.id_number", number), 0);
	cr_assert_eq(gu_answers_set(&a, "guardian.name", "张<b>桂兰</b> & \"奶奶\""), 0);
	cr_assert_eq(gu_answers_set(&a, "guardian.relation", "grandparent"), 0);
	cr_assert_eq(gu_answers_set(&a, "guardian.phone", "139 0000 1234"), 0);
	cr_assert_eq(gu_answers_set(&a, "interview.worker", "li"), 0);
	if (consent) {
		cr_assert_eq(gu_answers_set(&a, "consent.basis", "guardian_consent"), 0);
		cr_assert_eq(gu_answers_set(&a, "consent.by", "张桂兰"), 0);
	}
	cr_assert_eq(gu_evaluate(p, &a, &r, &err), 0, "%s", err.message);
	cr_assert_eq(gu_case_import(db, &c, &a, &r, GU_CASE_COMPLETE, id, &err), 0,
		"%s", err.message);
	gu_results_free(&r);
	gu_answers_free(&a);
}

/* Returns the part for department dept in s, or NULL. */
static const gu_sheet_part *part_of(const gu_sheet_set *s, const char *dept)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->parts[i].dept, dept) == 0)
			return &s->parts[i];
	return NULL;
}

/* Runs one query returning a number on the scratch database; returns it. */
static long long scalar(const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	cr_assert_eq(sqlite3_open_v2(sv_path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

Test(sheet, html_escapes_every_text_and_is_laid_out_for_a4)
{
	gu_doc d;
	char *html;

	gu_doc_init(&d, "t<i>");
	gu_doc_add(&d, GU_DOC_TITLE, "<script>alert(1)</script>", NULL, NULL, NULL);
	gu_doc_add(&d, GU_DOC_FIELD, "name", "a & b \"c\" 'd'\x01", NULL, NULL);
	gu_doc_add(&d, GU_DOC_ROW, "1", "x", "y", "line1\nline2");
	gu_doc_add(&d, GU_DOC_CUT, "cut", NULL, NULL, NULL);
	gu_doc_add(&d, GU_DOC_CHECK, "ok", NULL, NULL, NULL);
	gu_doc_add(&d, GU_DOC_TITLE, "second", NULL, NULL, NULL);
	html = gu_doc_html(&d);
	cr_assert_not_null(html);
	cr_assert_null(strstr(html, "<script>"));
	cr_assert_null(strstr(html, "<i>"));
	cr_assert_not_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	cr_assert_not_null(strstr(html, "a &amp; b &quot;c&quot; &#39;d&#39;\xef\xbf\xbd"));
	cr_assert_not_null(strstr(html, "line1<br>line2"));
	cr_assert_not_null(strstr(html, "size: A4"));
	cr_assert_not_null(strstr(html, "<meta charset=\"utf-8\">"));
	cr_assert_not_null(strstr(html, "Noto Serif CJK SC"));
	cr_assert_not_null(strstr(html, "SimSun"));
	cr_assert_eq(count(html, "<section class=\"page\">"), 2);
	cr_assert_eq(count(html, "</section>"), 2);
	cr_assert_eq(count(html, "<div class=\"slip\">"), 1);
	cr_assert_eq(count(html, "<table"), count(html, "</table>"));
	cr_assert_eq(count(html, "<div"), count(html, "</div>"));
	free(html);
	gu_doc_free(&d);
}

Test(sheet, text_wraps_by_columns_and_escapes_controls)
{
	gu_doc d;
	char *text, *line, *save = NULL;

	gu_doc_init(&d, "t");
	gu_doc_add(&d, GU_DOC_TITLE, "关爱服务转介单", NULL, NULL, NULL);
	gu_doc_add(&d, GU_DOC_PARA, "请贵单位按职责受理上述服务事项，并于十五个工作日内填写下方回执交回，"
		"谢谢配合。请贵单位按职责受理上述服务事项。", NULL, NULL, NULL);
	gu_doc_add(&d, GU_DOC_FIELD, "姓名", "a\x1b[2Jb", NULL, NULL);
	gu_doc_add(&d, GU_DOC_CUT, "沿此线剪下", NULL, NULL, NULL);
	text = gu_doc_text(&d, 40);
	cr_assert_not_null(text);
	cr_assert_null(strchr(text, '\x1b'));
	cr_assert_not_null(strstr(text, "a\\x1B[2Jb") ? strstr(text, "a\\x1B[2Jb") : strstr(text, "a\\x1b[2Jb"));
	cr_assert_not_null(strstr(text, "---- 沿此线剪下 ----"));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cr_assert_leq(gu_text_width(line), 40, "too wide: %s", line);
	free(text);
	gu_doc_free(&d);
}

Test(sheet, departments_split_as_the_policy_writes_them)
{
	char out[GU_DEPTS_MAX][GU_DEPT_SIZE];

	cr_assert_eq(gu_dept_split("市教育局、市残联", out, GU_DEPTS_MAX), 2);
	cr_assert_str_eq(out[0], "市教育局");
	cr_assert_str_eq(out[1], "市残联");
	cr_assert_eq(gu_dept_split(" City Education Bureau,  City Disabled Persons' Federation ", out,
		GU_DEPTS_MAX), 2);
	cr_assert_str_eq(out[1], "City Disabled Persons' Federation");
	cr_assert_eq(gu_dept_split("市民政局", out, GU_DEPTS_MAX), 1);
	cr_assert_eq(gu_dept_split("、、", out, GU_DEPTS_MAX), 0);
	cr_assert_eq(gu_dept_split("a,b,c", out, 2), 2);
	cr_assert(gu_set_has("{市公安局, 市医保局}", "市医保局"));
	cr_assert(gu_set_has("{市公安局, 市医保局}", "市公安局"));
	cr_assert_not(gu_set_has("{市公安局, 市医保局}", "市医保"));
	cr_assert_not(gu_set_has("市公安局", "市公安局"));
	cr_assert_not(gu_set_has(NULL, "市公安局"));
}

Test(sheet, refused_without_a_legal_basis_unless_a_supervisor_overrides)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_sheet_set *s = calloc(1, sizeof *s);
	char id[GU_ID_SIZE];
	gu_error err;

	store(db, p, false, id);
	cr_assert_eq(gu_sheet_referrals(db, p, id, NULL, NULL, s, &err), -GU_EPERM);
	cr_assert_eq(gu_sheet_referrals(db, p, id, NULL, "县民政局书面要求", s, &err), 0, "%s",
		err.message);
	cr_assert_gt(s->n, 1);
	gu_sheet_set_free(s);
	cr_assert_eq(scalar("SELECT count(*) FROM audit WHERE action = 'consent.override'"), 1);
	free(s);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(sheet, one_sheet_per_lead_department_with_its_items)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_sheet_set *s = calloc(1, sizeof *s);
	const gu_sheet_part *edu;
	char id[GU_ID_SIZE], *html;
	gu_error err;
	size_t i;

	store(db, p, true, id);
	cr_assert_eq(gu_sheet_referrals(db, p, id, NULL, NULL, s, &err), 0, "%s", err.message);
	edu = part_of(s, "市教育局");
	cr_assert_not_null(edu);
	cr_assert_gt(edu->nitems, 0);
	for (i = 0; i < edu->nitems; i++)
		cr_assert_not_null(strstr(gu_policy_item_by_number(p, edu->items[i])->depts_zh,
			"市教育局"), "item %d", edu->items[i]);
	html = gu_sheet_render(s, GU_SHEET_HTML);
	cr_assert_eq(count(html, "<section class=\"page\">"), (int)s->n);
	cr_assert_not_null(strstr(html, "张&lt;b&gt;桂兰&lt;/b&gt; &amp; &quot;奶奶&quot;"));
	free(html);
	gu_sheet_set_free(s);

	cr_assert_eq(gu_sheet_referrals(db, p, id, "City Education Bureau", NULL, s, &err), 0);
	cr_assert_eq(s->n, 1);
	cr_assert_str_eq(s->parts[0].dept, "市教育局");
	gu_sheet_set_free(s);
	cr_assert_eq(gu_sheet_referrals(db, p, id, "市气象局", NULL, s, &err), -GU_ENOTFOUND);
	cr_assert_not_null(strstr(err.message, "市气象局"));
	free(s);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(sheet, id_number_whole_only_for_departments_that_need_it)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_sheet_set *s = calloc(1, sizeof *s);
	char id[GU_ID_SIZE], *text, number[19] = "21132120150418002", masked[20];
	const gu_sheet_part *civil, *edu;
	gu_error err;
	size_t i;
	int whole = 0;

	number[17] = gu_idcard_check_char(number);
	number[18] = '\0';
	gu_idcard_mask(number, masked);
	store(db, p, true, id);
	cr_assert_eq(gu_sheet_referrals(db, p, id, NULL, NULL, s, &err), 0, "%s", err.message);
	civil = part_of(s, "市民政局");
	edu = part_of(s, "市教育局");
	cr_assert(civil && civil->id_whole);
	cr_assert(edu && !edu->id_whole);
	for (i = 0; i < s->n; i++) {
		whole += s->parts[i].id_whole;
		cr_assert_eq(s->parts[i].id_whole, strcmp(s->parts[i].dept, "市民政局") == 0
			|| strcmp(s->parts[i].dept, "市医保局") == 0
			|| strcmp(s->parts[i].dept, "市公安局") == 0, "%s", s->parts[i].dept);
	}
	text = gu_sheet_render(s, GU_SHEET_TEXT);
	cr_assert_eq(count(text, number), whole, "the whole number on those sheets only");
	cr_assert_eq(count(text, masked), (int)s->n - whole);
	cr_assert_eq(gu_sheet_record(db, s, "text", text, &err), 0, "%s", err.message);
	cr_assert_eq(scalar("SELECT count(*) FROM audit WHERE action = 'case.reveal_id'"
		" AND detail = 'sheet'"), whole);
	cr_assert_eq(scalar("SELECT count(*) FROM sheets WHERE id_whole = 1"), whole);
	free(text);
	gu_sheet_set_free(s);

	/* A worker never gets the whole number, not even on that sheet. */
	sv_user(db, "boss", GU_ROLE_SUPERVISOR);
	sv_login(db, "boss");
	sv_user(db, "li", GU_ROLE_WORKER);
	sv_login(db, "li");
	cr_assert_eq(gu_sheet_referrals(db, p, id, "市民政局", NULL, s, &err), 0, "%s", err.message);
	cr_assert_not(s->parts[0].id_whole);
	text = gu_sheet_render(s, GU_SHEET_TEXT);
	cr_assert_null(strstr(text, number));
	free(text);
	gu_sheet_set_free(s);
	free(s);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(sheet, a_written_sheet_is_a_private_file_recorded_on_the_referrals)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_sheet_set *s = calloc(1, sizeof *s);
	char id[GU_ID_SIZE], path[160], sql[256];
	gu_audit_entry *log;
	gu_referral *refs;
	size_t n, i;
	struct stat st;
	gu_error err;

	store(db, p, true, id);
	snprintf(path, sizeof path, "%s/sheet.html", sv_dir);
	cr_assert_eq(gu_sheet_referrals(db, p, id, "市教育局", NULL, s, &err), 0, "%s", err.message);
	cr_assert_eq(gu_sheet_write(db, s, GU_SHEET_HTML, path, 0, &err), 0, "%s", err.message);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	cr_assert_eq(gu_sheet_write(db, s, GU_SHEET_HTML, path, 0, &err), -GU_EEXIST);
	cr_assert_eq(scalar("SELECT count(*) FROM sheets"), 1, "a refused write is not recorded");

	cr_assert_eq(gu_referral_list(db, id, &refs, &n, &err), 0);
	cr_assert_eq(n, s->parts[0].nitems);
	for (i = 0; i < n; i++)
		cr_assert_eq(refs[i].status, GU_REF_REFERRED);
	gu_referrals_free(refs, n);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM referrals WHERE unit = '市教育局'"
		" AND sheet_id = '%s'", s->parts[0].id);
	cr_assert_eq(scalar(sql), (long long)s->parts[0].nitems);

	/* Printed again (replacing the file): no second referral, a second sheet. */
	gu_sheet_set_free(s);
	cr_assert_eq(gu_sheet_referrals(db, p, id, "市教育局", NULL, s, &err), 0, "%s", err.message);
	cr_assert_eq(gu_sheet_write(db, s, GU_SHEET_HTML, path, GU_SAFE_REPLACE, &err), 0, "%s",
		err.message);
	cr_assert_eq(scalar("SELECT count(*) FROM referrals"), (long long)s->parts[0].nitems);
	cr_assert_eq(scalar("SELECT count(*) FROM followups"), (long long)s->parts[0].nitems);
	cr_assert_eq(scalar("SELECT count(*) FROM sheets"), 2);

	cr_assert_eq(gu_audit_list(db, id, 0, &log, &n, &err), 0);
	for (i = 0; i < n; i++)
		if (log[i].detail)
			cr_assert_null(strstr(log[i].detail, "张"), "a name in the audit log: %s",
				log[i].detail);
	gu_audit_entries_free(log, n);
	cr_assert_eq(scalar("SELECT count(*) FROM audit WHERE action = 'sheet.referral'"
		" AND detail LIKE 'sheet % sha256 %'"), 2);
	gu_sheet_set_free(s);
	free(s);
	gu_db_close(db);
	gu_policy_free(p);
}

Test(sheet, the_consent_form_blank_or_for_a_case)
{
	gu_policy *p = policy();
	gu_db *db = sv_open();
	gu_sheet_set *s = calloc(1, sizeof *s);
	char id[GU_ID_SIZE], *text;
	gu_error err;

	cr_assert_eq(gu_sheet_consent_form(db, p, NULL, s, &err), 0, "%s", err.message);
	text = gu_sheet_render(s, GU_SHEET_TEXT);
	cr_assert_not_null(strstr(text, "Consent form"));
	cr_assert_not_null(strstr(text, "36 months"), "the retention from the policy");
	cr_assert_eq(gu_sheet_record(db, s, "text", text, &err), 0, "%s", err.message);
	free(text);
	gu_sheet_set_free(s);
	store(db, p, false, id);
	cr_assert_eq(gu_sheet_consent_form(db, p, id, s, &err), 0, "%s", err.message);
	text = gu_sheet_render(s, GU_SHEET_TEXT);
	cr_assert_not_null(strstr(text, "张欣怡"));
	free(text);
	gu_sheet_set_free(s);
	cr_assert_eq(scalar("SELECT count(*) FROM sheets WHERE kind = 'consent'"), 1);
	free(s);
	gu_db_close(db);
	gu_policy_free(p);
}
