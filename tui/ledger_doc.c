/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The monthly ledger's printed lines, document and CSV rows. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/sheet.h"
#include "core/text.h"
#include "db/difficulty.h"
#include "db/groups.h"
#include "db/reasons.h"
#include "tui/ledger_doc.h"

/* Returns the translated name of a part. */
const char *gu_ledger_part_label(enum gu_ledger_part part)
{
	static const char *const names[GU_LEDGER_PART_COUNT] = {
		N_("Children registered"), N_("New cases"), N_("Regular visits"),
		N_("Referrals"), N_("Alerts"), N_("Cases closed")
	};

	return part < GU_LEDGER_PART_COUNT ? _(names[part]) : "";
}

/* Returns the line of township and label in x, appended (with 0) when it
 * is not there yet; NULL when memory ran out. */
static gu_ledger_line *line_for(gu_ledger_lines *x, const char *township,
	enum gu_ledger_part part, const char *label)
{
	gu_ledger_line *nv;
	size_t i;

	for (i = 0; i < x->n; i++)
		if (x->v[i].township == township && x->v[i].part == part
		    && strcmp(x->v[i].label, label) == 0)
			return &x->v[i];
	if (x->n == x->cap) {
		size_t ncap = x->cap ? 2 * x->cap : 64;

		if (!(nv = realloc(x->v, ncap * sizeof *nv)))
			return NULL;
		x->v = nv;
		x->cap = ncap;
	}
	nv = &x->v[x->n++];
	memset(nv, 0, sizeof *nv);
	nv->township = township;
	nv->part = part;
	snprintf(nv->label, sizeof nv->label, "%s", label);
	return nv;
}

/* Writes the lead department of item (the first the policy lists) into
 * dept; an item the policy does not know is named by its number. */
static void lead_dept(const gu_policy *p, int item, char dept[GU_DEPT_SIZE])
{
	const gu_item *it = p ? gu_policy_item_by_number(p, item) : NULL;
	char names[GU_DEPTS_MAX][GU_DEPT_SIZE];

	if (it && gu_dept_split(gu_pick(it->depts_zh, it->depts_en), names, GU_DEPTS_MAX) > 0)
		snprintf(dept, GU_DEPT_SIZE, "%s", names[0]);
	else
		snprintf(dept, GU_DEPT_SIZE, _("item %d"), item);
}

/* Writes into labels the lines a figure belongs to, in their printed
 * order (a referral or alert brings its sibling lines, with 0, so each
 * department and alert reads whole); sets *which to the one that counts
 * f and returns how many there are. */
static size_t labels_of(const gu_ledger_figure *f, const gu_policy *p, char labels[3][192],
	size_t *which)
{
	static const char *const steps[] = { "referred", "accepted", "delivered" };
	char dept[GU_DEPT_SIZE];
	const gu_reason *r;
	const char *alert;
	size_t i;

	*which = 0;
	switch (f->part) {
	case GU_LEDGER_GROUP:
		snprintf(labels[0], 192, "%s", gu_difficulty_label(f->key)
			? gu_difficulty_label(f->key) : gu_group_label(f->key));
		return 1;
	case GU_LEDGER_NEW:
		snprintf(labels[0], 192, "%s", _("interviewed"));
		return 1;
	case GU_LEDGER_VISIT:
		snprintf(labels[0], 192, "%s", _("visits due"));
		snprintf(labels[1], 192, "%s", _("cases visited"));
		*which = strcmp(f->key, "done") == 0;
		return 2;
	case GU_LEDGER_REFERRAL:
		lead_dept(p, f->item, dept);
		snprintf(labels[0], 192, _("%s referred"), dept);
		snprintf(labels[1], 192, _("%s accepted"), dept);
		snprintf(labels[2], 192, _("%s delivered"), dept);
		for (i = 0; i < 3; i++)
			if (strcmp(f->key, steps[i]) == 0)
				*which = i;
		return 3;
	case GU_LEDGER_ALERT:
		alert = strcmp(f->key, "police") == 0 ? "强制报告" : "控辍保学";
		snprintf(labels[0], 192, _("%s raised"), alert);
		snprintf(labels[1], 192, _("%s reported"), alert);
		*which = strcmp(f->sub, "recorded") == 0;
		return 2;
	case GU_LEDGER_CLOSED:
		r = gu_reason_find(GU_REASON_CLOSE, f->key);
		snprintf(labels[0], 192, "%s", r ? _(r->label) : f->key);
		return 1;
	default:
		return 0;
	}
}

/* Adds figure f to the lines of township; returns 0 or -GU_ENOMEM. */
static int add_figure(gu_ledger_lines *x, const char *township, const gu_ledger_figure *f,
	const gu_policy *p)
{
	char labels[3][192];
	size_t which, n = labels_of(f, p, labels, &which), i;
	gu_ledger_line *line = NULL;

	for (i = 0; i < n; i++) {
		gu_ledger_line *got = line_for(x, township, f->part, labels[i]);

		if (!got)
			return -GU_ENOMEM;
		if (i == which)
			line = got;
	}
	if (line)
		line->n += f->n;
	return 0;
}

/* Orders two pointers to figures as gu_ledger_order; returns <0, 0, >0. */
static int by_order(const void *a, const void *b)
{
	return gu_ledger_order(*(const gu_ledger_figure *const *)a,
		*(const gu_ledger_figure *const *)b);
}

/* Sums the ledger into lines; returns 0 or -GU_ENOMEM. */
int gu_ledger_lines_make(const gu_ledger *l, const gu_policy *p, gu_ledger_lines *out)
{
	const char *cur = NULL;   /* the township's first figure names it for all */
	const gu_ledger_figure **order = NULL;
	int ret = 0;
	size_t i;

	memset(out, 0, sizeof *out);
	for (i = 0; ret == 0 && i < l->n; i++) {
		if (!cur || strcmp(l->v[i].township, cur) != 0) {
			cur = l->v[i].township;
			out->townships++;
		}
		ret = add_figure(out, cur, &l->v[i], p);
	}
	/* the total, its figures in the printed order whatever their township */
	if (ret == 0 && l->n && !(order = malloc(l->n * sizeof *order)))
		ret = -GU_ENOMEM;
	for (i = 0; ret == 0 && i < l->n; i++)
		order[i] = &l->v[i];
	if (ret == 0 && l->n)
		qsort(order, l->n, sizeof *order, by_order);
	for (i = 0; ret == 0 && i < l->n; i++)
		ret = add_figure(out, NULL, order[i], p);
	free(order);
	if (ret < 0)
		gu_ledger_lines_free(out);
	return ret;
}

/* Frees the lines. */
void gu_ledger_lines_free(gu_ledger_lines *x)
{
	free(x->v);
	memset(x, 0, sizeof *x);
}

/* Returns the name a township is printed under ("" is a case without one). */
static const char *township_name(const char *township)
{
	if (!township)
		return _("Total");
	return *township ? township : _("(no township)");
}

/* Builds the ledger's document. */
void gu_ledger_doc(gu_doc *d, const gu_ledger_lines *x, const char *month,
	const char *township, const char *printed_by)
{
	char title[128], sub[512], num[32], day[11];
	char *safe = gu_text_escape_controls(township ? township : _("every township"),
		GU_ESCAPE_FIELD);
	char label[256];
	const char *shown = (const char *)1;
	size_t i;

	snprintf(title, sizeof title, _("Monthly ledger %s"), month);
	gu_doc_init(d, title);
	gu_doc_add(d, GU_DOC_TITLE, title, NULL, NULL, NULL);
	gu_date_format(gu_date_today(), day);
	snprintf(sub, sizeof sub, _("Township: %s · printed on %s by %s"),
		safe ? safe : "?", day, printed_by && *printed_by ? printed_by : "-");
	free(safe);
	gu_doc_add(d, GU_DOC_SUBTITLE, sub, NULL, NULL, NULL);
	gu_doc_add(d, GU_DOC_PARA, _("Dated by the interview, visit, follow-up, report and "
		"closing dates.  Registered: children whose interview is finished by the "
		"month's end and whose case was not closed before it began."), NULL, NULL, NULL);
	if (x->n == 0)
		gu_doc_add(d, GU_DOC_PARA, _("Nothing was recorded in this month."), NULL, NULL,
			NULL);
	for (i = 0; i < x->n; i++) {
		const gu_ledger_line *ln = &x->v[i];

		if (ln->township != shown) {
			gu_doc_add(d, GU_DOC_HEADING, township_name(ln->township), NULL, NULL, NULL);
			shown = ln->township;
		}
		snprintf(label, sizeof label, _("%s: %s"), gu_ledger_part_label(ln->part),
			ln->label);
		snprintf(num, sizeof num, "%ld", ln->n);
		gu_doc_add(d, GU_DOC_FIGURE, label, num, NULL, NULL);
	}
	gu_doc_add(d, GU_DOC_SIGN, _("Checked by"), NULL, NULL, NULL);
}

/* Writes the CSV rows; returns 0 or < 0. */
int gu_ledger_csv(gu_csv *w, const gu_ledger_lines *x, const char *month)
{
	const char *head[] = { _("Month"), _("Township"), _("Part"), _("Figure"), _("Count") };
	int ret;
	size_t i;

	gu_csv_header_next(w);
	ret = gu_csv_row(w, head, 5);
	for (i = 0; (ret == 0 || ret == -GU_EENCODING) && i < x->n; i++) {
		const gu_ledger_line *ln = &x->v[i];

		if ((ret = gu_csv_field(w, month)) < 0
		    || (ret = gu_csv_field(w, township_name(ln->township))) < 0
		    || (ret = gu_csv_field(w, gu_ledger_part_label(ln->part))) < 0
		    || (ret = gu_csv_field(w, ln->label)) < 0
		    || (ret = gu_csv_field_long(w, ln->n)) < 0)
			return ret;
		ret = gu_csv_end_row(w);
	}
	return ret == -GU_EENCODING ? 0 : ret;
}
