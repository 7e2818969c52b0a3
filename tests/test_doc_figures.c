/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A ledger's figures in a document: in text, each count at the right edge
 * of the width, a long label wrapped within it (Chinese and English); in
 * HTML, a table of its own with the counts in a narrow column. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/text.h"

TestSuite(doc_figures, .timeout = 60);

/* Returns the display width of the n bytes of s (copied to measure). */
static int width_of(const char *s, size_t n)
{
	char buf[512];

	cr_assert_lt(n, sizeof buf);
	memcpy(buf, s, n);
	buf[n] = '\0';
	return gu_text_width(buf);
}

Test(doc_figures, counts_end_at_the_right_edge_and_long_labels_wrap)
{
	static const char *const labels[] = {
		"Children registered: difficult: guardianship",
		"登记儿童：困境：监护缺失或不当",
		"Referrals: City Human Resources and Social Security Bureau and the Committee "
		"for the Care of the Next Generation delivered",
		"转介：市人力资源和社会保障局、市关心下一代工作委员会、市妇女联合会、市残疾人联合会落实",
	};
	gu_doc d;
	char *text, *line, *save = NULL;
	size_t i;
	int lines = 0, counted = 0;

	setlocale(LC_ALL, "C.UTF-8");
	gu_doc_init(&d, "ledger");
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		gu_doc_add(&d, GU_DOC_FIGURE, labels[i], "1234", NULL, NULL);
	text = gu_doc_text(&d, 60);
	cr_assert_not_null(text);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int w = width_of(line, strlen(line));

		lines++;
		cr_assert_leq(w, 60, "%d columns: %s", w, line);
		if (strlen(line) > 4 && strcmp(line + strlen(line) - 4, "1234") == 0) {
			counted++;
			cr_assert_eq(w, 60, "the count ends at the edge: %s", line);
		}
	}
	cr_assert_eq(counted, 4, "one count per figure");
	cr_assert_gt(lines, 4 + 1, "the long labels take more than one line");
	free(text);
	gu_doc_free(&d);
}

Test(doc_figures, html_puts_them_in_a_table_of_their_own)
{
	gu_doc d;
	char *html;

	gu_doc_init(&d, "ledger");
	gu_doc_add(&d, GU_DOC_FIELD, "Township", "大平房镇", NULL, NULL);
	gu_doc_add(&d, GU_DOC_FIGURE, "New cases: interviewed", "7", NULL, NULL);
	html = gu_doc_html(&d);
	cr_assert_not_null(html);
	cr_assert_not_null(strstr(html, "<table class=\"fields\">\n<tr><th>Township</th>"));
	cr_assert_not_null(strstr(html, "</table>\n<table class=\"figures\">\n"
		"<tr><th>New cases: interviewed</th><td class=\"n\">7</td></tr>"));
	cr_assert_not_null(strstr(html, "table.figures td.n {"), "its column is styled");
	free(html);
	gu_doc_free(&d);
}
