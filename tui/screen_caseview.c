/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* One case in full: the child's summary, the results with their
 * explanations, a timeline of referrals, follow-ups and review decisions,
 * and the answers by section, as one scrolled document whose result rows
 * can be chosen for a follow-up or to show their explanation. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/idcard.h"
#include "core/keys.h"
#include "core/region.h"
#include "core/text.h"
#include "db/groups.h"
#include "db/release.h"
#include "db/reports.h"
#include "db/review.h"
#include "tui/answer_checks.h"
#include "tui/answer_words.h"
#include "tui/caseview.h"
#include "tui/family.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_util.h"
#include "tui/sheet_print.h"

/* Appends one line to the document; returns 0 or -1. */
int cv_add(cv_state *s, const char *text, enum gu_color_role role, int indent, int item,
	bool heading)
{
	cv_line *l;

	l = gu_grow(s->lines, &s->cap, s->nlines, sizeof *l, 64);
	if (!l)
		return -1;
	s->lines = l;
	l = &s->lines[s->nlines];
	l->text = strdup(text ? text : "");
	if (!l->text)
		return -1;
	l->role = role;
	l->indent = indent;
	l->item = item;
	l->heading = heading;
	s->nlines++;
	return 0;
}

/* Frees the document's lines. */
static void clear_lines(cv_state *s)
{
	size_t i;

	for (i = 0; i < s->nlines; i++)
		free(s->lines[i].text);
	s->nlines = 0;
}

/* Appends text wrapped into w columns; the first row keeps item. */
static void add_wrapped(cv_state *s, int w, const char *text, enum gu_color_role role,
	int indent, int item)
{
	gu_text_line rows[64];
	size_t n, i;
	int cols = w - indent;

	if (cols < 10)
		cols = 10;
	n = gu_text_wrap(text, cols, rows, 64);
	if (n == 0) {
		cv_add(s, "", role, indent, item, false);
		return;
	}
	for (i = 0; i < n && i < 64; i++) {
		char buf[1200];
		size_t len = rows[i].len < sizeof buf ? rows[i].len : sizeof buf - 1;

		memcpy(buf, text + rows[i].start, len);
		buf[len] = '\0';
		cv_add(s, buf, role, indent, i == 0 ? item : 0, false);
	}
}

/* Appends text wrapped into w columns with its later rows hang columns
 * further right, so a dated event's date stands out. */
static void add_hanging(cv_state *s, int w, const char *text, enum gu_color_role role,
	int indent, int hang)
{
	gu_text_line rows[64];
	size_t n, i;
	int cols = w - indent;

	if (cols < 10 + hang) {
		add_wrapped(s, w, text, role, indent, 0);
		return;
	}
	n = gu_text_wrap_hanging(text, cols, hang, rows, 64);
	if (n == 0) {
		cv_add(s, "", role, indent, 0, false);
		return;
	}
	for (i = 0; i < n && i < 64; i++) {
		char buf[1200];
		size_t len = rows[i].len < sizeof buf ? rows[i].len : sizeof buf - 1;

		memcpy(buf, text + rows[i].start, len);
		buf[len] = '\0';
		cv_add(s, buf, role, i == 0 ? indent : indent + hang, 0, false);
	}
}

/* Writes an answer's value in words into buf (the ID number shown in
 * full when the case view shows it so); returns buf. */
static const char *value_words(const cv_state *s, const gu_question *q, const char *value,
	char *buf, size_t size)
{
	if (q && q->type == GU_Q_IDNUMBER && s->shown_id[0]
	    && strcmp(value, s->info.child_id_number) == 0) {
		snprintf(buf, size, "%s", s->shown_id);
		return buf;
	}
	return gu_answer_words(q, value, buf, size);
}

/* Adds the legal basis the answers record (db/release.h), or that none is
 * recorded and exports are refused until it is. */
static void add_basis(gu_app *a, cv_state *s, int w)
{
	const gu_question *q = gu_policy_find_question(a->pol, "consent.basis");
	const char *basis, *who;
	char line[600];
	gu_answers ans;
	gu_error err;

	if (gu_case_load_answers(a->db, s->id, &ans, &err) < 0)
		return;
	basis = gu_answers_get(&ans, "consent.basis");
	who = gu_answers_get(&ans, strcmp(basis ? basis : "", "statutory_duty") == 0
		? "consent.reason" : "consent.by");
	if (gu_consent_recorded(&ans)) {
		snprintf(line, sizeof line, _("Legal basis: %s - %s, %s"), q ? gu_choice_word(q, basis) : basis,
			who, gu_answers_get(&ans, GU_KEY_CONSENT_DATE) ? gu_answers_get(&ans, GU_KEY_CONSENT_DATE) : "-");
		add_wrapped(s, w, line, GU_R_NORMAL, 2, 0);
	} else {
		add_wrapped(s, w, _("Legal basis: none recorded; record the guardian's consent or the "
			"statutory duty before the case's data is exported"), GU_R_VERIFY, 2, 0);
	}
	gu_answers_free(&ans);
}

/* Where the lines of the reports go: the case view and its width. */
typedef struct report_lines {
	cv_state *s;
	int w;
} report_lines;

/* Adds one line of a report recorded on the case; returns 0. */
static int add_report(const gu_report_row *r, void *ctx)
{
	report_lines *to = ctx;
	const char *kind = r->kind == GU_REPORT_POLICE ? _("强制报告") : _("控辍保学");
	char line[1400];

	if (r->override[0])
		/* TRANSLATORS: the kind of report, the supervisor, the reason */
		snprintf(line, sizeof line, _("%s: finishes without the report, by %s: %s"), kind,
			r->by, r->override);
	else if (r->not_yet[0])
		/* TRANSLATORS: the kind of report, the worker, why not yet */
		snprintf(line, sizeof line, _("%s: not made yet (%s): %s"), kind, r->by, r->not_yet);
	else
		/* TRANSLATORS: the kind of report, the date, the unit, the worker, the receipt */
		snprintf(line, sizeof line, _("%s: reported on %s to %s by %s, receipt %s"), kind,
			r->on, r->unit, r->by, r->receipt[0] ? r->receipt : _("none"));
	add_wrapped(to->s, to->w, line, r->override[0] || r->not_yet[0] ? GU_R_VERIFY : GU_R_NORMAL,
		2, 0);
	return 0;
}

/* Adds the mandatory reports recorded on the case. */
static void add_reports(gu_app *a, cv_state *s, int w)
{
	report_lines to = { s, w };
	gu_error err;

	gu_report_each(a->db, s->id, add_report, &to, &err);
}

/* Adds the family's other cases, each a row Enter opens. */
static void add_family(cv_state *s, int w)
{
	char line[400];

	if (s->nsib == 0)
		return;
	/* TRANSLATORS: heading of the case view's rows of the other children
	 * of the family */
	add_wrapped(s, w, _("Other children of this family (Enter opens the case):"),
		GU_R_NORMAL, 2, 0);
	for (size_t i = 0; i < s->nsib; i++) {
		/* TRANSLATORS: a sibling's row: name, status, interview date */
		snprintf(line, sizeof line, _("%s  %s  interviewed %s"),
			s->sib[i].child_name[0] ? s->sib[i].child_name : _("(no name)"),
			gu_case_status_label(s->sib[i].status),
			s->sib[i].interviewed[0] ? s->sib[i].interviewed : "-");
		add_wrapped(s, w, line, GU_R_NORMAL, 4, CV_SIBLING_ITEM + (int)i);
	}
}

/* Adds the summary of the case. */
static void build_summary(gu_app *a, cv_state *s, int w)
{
	char line[900], masked[32], g[200];
	const char *p = s->groups;
	size_t o = 0;

	cv_add(s, s->info.child_name[0] ? s->info.child_name : _("(no name)"), GU_R_LABEL, 0, 0, true);
	snprintf(line, sizeof line, _("Status: %s    Worker: %s    Township: %s"),
		gu_case_status_label(s->info.status), s->info.worker[0] ? s->info.worker : "-",
		s->info.township[0] ? s->info.township : "-");
	add_wrapped(s, w, line, GU_R_NORMAL, 2, 0);
	if (gu_id_number_to_add(s->info.child_id_number)) {
		/* a floating family without the number at hand: a reminder, not a block */
		snprintf(line, sizeof line, "%s", _("ID number: not at hand at the interview, to be added (e: change the answers)"));
		add_wrapped(s, w, line, GU_R_VERIFY, 2, 0);
	} else {
		/* a child without a number says so, not as a masked number */
		snprintf(line, sizeof line, _("ID number: %s"), s->shown_id[0] ? s->shown_id
			: strcmp(s->info.child_id_number, "none") == 0 ? _("none")
			: s->info.child_id_number[0] ? gu_idcard_mask(s->info.child_id_number, masked) : "-");
		add_wrapped(s, w, line, GU_R_NORMAL, 2, 0);
	}
	add_basis(a, s, w);
	add_reports(a, s, w);
	g[0] = '\0';
	while (p && *p) {
		char name[32];
		size_t n = strcspn(p, ",");

		snprintf(name, sizeof name, "%.*s", (int)n, p);
		o += (size_t)snprintf(g + o, sizeof g - o, "%s%s", o ? _(", ") : "", gu_group_label(name));
		if (o >= sizeof g)
			break;
		p += n;
		if (*p == ',')
			p++;
	}
	snprintf(line, sizeof line, _("Groups: %s"), g[0] ? g : _("none found"));
	add_wrapped(s, w, line, GU_R_NORMAL, 2, 0);
	snprintf(line, sizeof line, _("%d eligible, %d to verify    list version %s"),
		s->info.n_eligible, s->info.n_verify,
		s->info.policy_version[0] ? s->info.policy_version : "-");
	add_wrapped(s, w, line, GU_R_NORMAL, 2, 0);
	add_family(s, w);
	if (s->info.status == GU_CASE_RETURNED) {
		gu_review *rev = NULL;
		size_t nrev = 0, i;
		gu_error err;

		if (gu_review_list(a->db, s->id, &rev, &nrev, &err) < 0)
			return;
		for (i = 0; i < nrev; i++) {
			const gu_return_reason *why = gu_return_reason_find(rev[i].reason);

			if (rev[i].decision != GU_REVIEW_RETURN)
				continue;
			snprintf(line, sizeof line, _("Returned by %s: %s - %s"), rev[i].by,
				why ? _(why->label) : rev[i].reason, rev[i].note ? rev[i].note : "");
			add_wrapped(s, w, line, GU_R_VERIFY, 2, 0);
			break;
		}
		gu_reviews_free(rev, nrev);
	}
}

/* Adds the answers by section. */
static void build_answers(gu_app *a, cv_state *s, int w)
{
	gu_answers ans;
	gu_error err;
	size_t sec, i, nsec = gu_policy_section_count(a->pol);
	char line[1200], label[300], value[800];
	bool any_other = false;

	cv_add(s, "", GU_R_NORMAL, 0, 0, false);
	cv_add(s, _("Answers"), GU_R_LABEL, 0, 0, true);
	if (gu_case_load_answers(a->db, s->id, &ans, &err) < 0) {
		add_wrapped(s, w, err.message, GU_R_ERROR, 2, 0);
		return;
	}
	if (ans.n == 0)
		add_wrapped(s, w, _("No answers are saved yet."), GU_R_DIM, 2, 0);
	for (sec = 0; sec <= nsec; sec++) {
		bool head = false;

		for (i = 0; i < ans.n; i++) {
			const gu_question *q = gu_policy_find_question(a->pol, ans.v[i].key);

			if (sec < nsec ? !q || q->section != sec : q != NULL)
				continue;
			if (!head) {
				const gu_section *sc = sec < nsec ? gu_policy_section(a->pol, sec) : NULL;

				cv_add(s, sc ? gu_pick(sc->title_zh, sc->title_en) : _("Other answers"),
					GU_R_DIM, 2, 0, false);
				head = true;
				any_other = sec == nsec;
			}
			/* TRANSLATORS: a question and its answer in the case view */
			snprintf(line, sizeof line, _("%s: %s"), gu_key_label(a, ans.v[i].key, label, sizeof label),
				value_words(s, q, ans.v[i].value, value, sizeof value));
			add_wrapped(s, w, line, GU_R_NORMAL, 4, 0);
		}
	}
	(void)any_other;
	gu_answers_free(&ans);
}

/* Returns the referral of item among refs, or NULL. */
static const gu_referral *find_ref(const gu_referral *refs, size_t n, int item)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (refs[i].item == item)
			return &refs[i];
	return NULL;
}

/* Adds the saved results with their explanations. */
static void build_results(gu_app *a, cv_state *s, int w, const gu_referral *refs, size_t nrefs)
{
	gu_saved_result *res = NULL;
	size_t n = 0, i;
	gu_error err;
	char line[1500], persons[300];

	cv_add(s, "", GU_R_NORMAL, 0, 0, false);
	cv_add(s, _("Results"), GU_R_LABEL, 0, 0, true);
	if (gu_case_load_results(a->db, s->id, &res, &n, &err) < 0) {
		add_wrapped(s, w, err.message, GU_R_ERROR, 2, 0);
		return;
	}
	if (n == 0)
		add_wrapped(s, w, _("No results are saved for this case yet."), GU_R_DIM, 2, 0);
	for (i = 0; i < n; i++) {
		const gu_saved_result *r = &res[i];
		const gu_item *it;
		const gu_referral *ref;
		bool eligible;

		if (r->item == 0) {
			snprintf(line, sizeof line, "! %s", r->reason ? r->reason : r->verdict);
			add_wrapped(s, w, line, GU_R_ALERT, 2, 0);
			continue;
		}
		it = gu_policy_item_by_number(a->pol, r->item);
		eligible = strcmp(r->verdict, "eligible") == 0;
		ref = find_ref(refs, nrefs, r->item);
		snprintf(line, sizeof line, "%-2d %s  [%s]  %s", r->item,
			gu_item_name(it), eligible ? _("eligible") : _("verify"),
			gu_persons_words(r->persons, persons, sizeof persons));
		if (ref) {
			size_t o = strlen(line);

			snprintf(line + o, sizeof line - o, "  -> %s", gu_ref_status_label(ref->status));
		}
		add_wrapped(s, w, line, eligible ? GU_R_ELIGIBLE : GU_R_VERIFY, 2, r->item);
		if (r->reason && *r->reason)
			add_wrapped(s, w, r->reason, GU_R_NORMAL, 5, 0);
		if (r->explanation && *r->explanation && r->item > 0 && r->item <= 1000
				&& s->open_item[r->item]) {
			const char *p = r->explanation;

			while (*p) {
				size_t len = strcspn(p, "\n"), lead = 0;
				char part[1200];

				while (lead < len && p[lead] == ' ')
					lead++;
				snprintf(part, sizeof part, "%.*s", (int)(len - lead), p + lead);
				if (part[0])
					add_wrapped(s, w, part, GU_R_DIM, 5 + (int)(lead < 20 ? lead : 20), 0);
				p += len;
				if (*p == '\n')
					p++;
			}
		}
	}
	gu_saved_results_free(res, n);
}

/* One event of the timeline. */
typedef struct cv_event {
	char date[12];
	gu_time_ms order;
	char *text;
} cv_event;

/* Orders events by date, then by when they were recorded. */
static int event_cmp(const void *x, const void *y)
{
	const cv_event *a = x, *b = y;
	int c = strcmp(a->date, b->date);

	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Appends an event (text copied). */
static void add_event(cv_event **v, size_t *n, size_t *cap, const char *date, gu_time_ms order,
	const char *text)
{
	cv_event *nv = gu_grow(*v, cap, *n, sizeof *nv, 16);

	if (!nv)
		return;
	*v = nv;
	(*v)[*n].text = strdup(text);
	if (!(*v)[*n].text)
		return;
	snprintf((*v)[*n].date, sizeof (*v)[*n].date, "%s", date);
	(*v)[*n].order = order;
	(*n)++;
}

/* Adds the timeline of follow-ups and review decisions. */
static void build_timeline(gu_app *a, cv_state *s, int w, const gu_referral *refs, size_t nrefs)
{
	cv_event *ev = NULL;
	size_t nev = 0, cap = 0, i, j;
	gu_review *rev = NULL;
	size_t nrev = 0;
	gu_error err;
	char line[1500], date[12];

	cv_add(s, "", GU_R_NORMAL, 0, 0, false);
	cv_add(s, _("Timeline"), GU_R_LABEL, 0, 0, true);
	for (i = 0; i < nrefs; i++) {
		gu_followup *fu = NULL;
		size_t nfu = 0;
		const gu_item *it = gu_policy_item_by_number(a->pol, refs[i].item);

		if (gu_followup_list(a->db, s->id, refs[i].item, &fu, &nfu, &err) < 0)
			continue;
		for (j = 0; j < nfu; j++) {
			const gu_ref_reason *why;
			/* TRANSLATORS: date, item number, item name, referral status */
			int o = snprintf(line, sizeof line, _("%s  %d %s: %s"), fu[j].on, refs[i].item,
				gu_item_name(it), gu_ref_status_label(fu[j].status));

			why = gu_ref_reason_find(fu[j].status, fu[j].reason);
			if (why && o > 0 && (size_t)o < sizeof line)
				o += snprintf(line + o, sizeof line - (size_t)o, " (%s)", _(why->label));
			if (fu[j].note && *fu[j].note && o > 0 && (size_t)o < sizeof line)
				o += snprintf(line + o, sizeof line - (size_t)o, " - %s", fu[j].note);
			if (fu[j].signed_by[0] && o > 0 && (size_t)o < sizeof line)
				/* TRANSLATORS: who signed a department's return slip */
				o += snprintf(line + o, sizeof line - (size_t)o, _("; return slip signed by %s"),
					fu[j].signed_by);
			if (fu[j].next_due[0] && o > 0 && (size_t)o < sizeof line)
				o += snprintf(line + o, sizeof line - (size_t)o, _(" (next: %s)"), fu[j].next_due);
			if (fu[j].who[0] && o > 0 && (size_t)o < sizeof line)
				snprintf(line + o, sizeof line - (size_t)o, _(" [%s]"), fu[j].who);
			add_event(&ev, &nev, &cap, fu[j].on, fu[j].created, line);
		}
		gu_followups_free(fu, nfu);
	}
	if (gu_review_list(a->db, s->id, &rev, &nrev, &err) == 0) {
		for (i = 0; i < nrev; i++) {
			const gu_return_reason *why = gu_return_reason_find(rev[i].reason);

			gu_scr_date(rev[i].at, date);
			if (rev[i].decision == GU_REVIEW_APPROVE)
				snprintf(line, sizeof line, _("%s  approved by %s"), date, rev[i].by);
			else
				snprintf(line, sizeof line, _("%s  returned by %s: %s - %s"), date, rev[i].by,
					why ? _(why->label) : rev[i].reason, rev[i].note ? rev[i].note : "");
			add_event(&ev, &nev, &cap, date, rev[i].at, line);
		}
		gu_reviews_free(rev, nrev);
	}
	if (nev == 0)
		add_wrapped(s, w, _("No follow-up or review yet."), GU_R_DIM, 2, 0);
	if (nev > 1)
		qsort(ev, nev, sizeof *ev, event_cmp);
	for (i = 0; i < nev; i++) {
		/* later rows line up under the text after the date and two spaces */
		add_hanging(s, w, ev[i].text, GU_R_NORMAL, 2, 12);
		free(ev[i].text);
	}
	free(ev);
}

/* Rebuilds the document for width w. */
static void build(gu_app *a, cv_state *s, int w)
{
	gu_referral *refs = NULL;
	size_t nrefs = 0;
	gu_error err;
	int old_item = s->cur >= 0 && (size_t)s->cur < s->nlines ? s->lines[s->cur].item : 0;
	size_t i;

	clear_lines(s);
	if (gu_referral_list(a->db, s->id, &refs, &nrefs, &err) < 0) {
		refs = NULL;
		nrefs = 0;
	}
	build_summary(a, s, w);
	build_results(a, s, w, refs, nrefs);
	build_timeline(a, s, w, refs, nrefs);
	build_answers(a, s, w);
	gu_referrals_free(refs, nrefs);
	s->built_w = w;
	s->cur = -1;
	for (i = 0; old_item && i < s->nlines; i++)
		if (s->lines[i].item == old_item) {
			s->cur = (int)i;
			break;
		}
	if (s->top >= (int)s->nlines)
		s->top = 0;
}

/* Reloads the case and asks for the document to be rebuilt; returns 0 or -1. */
int cv_reload(gu_app *a, cv_state *s)
{
	gu_error err;

	if (gu_case_get(a->db, s->id, &s->info, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message);
		return -1;
	}
	if (gu_case_get_groups(a->db, s->id, s->groups, sizeof s->groups, &err) < 0)
		s->groups[0] = '\0';
	free(s->sib);
	s->sib = NULL;
	s->nsib = 0;
	if (gu_family_siblings(a->db, s->id, &s->sib, &s->nsib, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message[0] ? err.message : gu_code_text(err.code));
		s->sib = NULL;
		s->nsib = 0;
	}
	s->built_w = 0;
	return 0;
}

/* Returns the rows the document has on screen. */
static int page_rows(const gu_app *a)
{
	return a->lay.body.h > 1 ? a->lay.body.h : 1;
}

/* Moves the cursor or scrolls by dir (+1/-1) lines. */
static void step(gu_app *a, cv_state *s, int dir)
{
	int h = page_rows(a), i;

	for (i = (s->cur >= 0 ? s->cur : s->top) + dir; i >= 0 && i < (int)s->nlines; i += dir) {
		if (i < s->top - 1 || i > s->top + h)
			break;
		if (s->lines[i].item) {
			s->cur = i;
			return;
		}
	}
	s->top = gu_view_clamp(s->top + dir, (int)s->nlines, h);
	if (s->cur >= 0 && (s->cur < s->top || s->cur >= s->top + h))
		s->cur = -1;
}

/* Scrolls a page and puts the cursor on the first result row shown. */
static void page(gu_app *a, cv_state *s, int dir)
{
	int h = page_rows(a), i;

	s->top = gu_view_clamp(s->top + dir * (h - 1), (int)s->nlines, h);
	s->cur = -1;
	for (i = s->top; i < s->top + h && i < (int)s->nlines; i++)
		if (s->lines[i].item) {
			s->cur = i;
			break;
		}
}

/* Shows or hides the full ID number. */
static void reveal(gu_app *a, cv_state *s)
{
	gu_error err;

	if (s->shown_id[0]) {
		memset(s->shown_id, 0, sizeof s->shown_id);
	} else if (!gu_scr_is_supervisor(a)) {
		gu_app_message(a, GU_R_ERROR, _("Only a supervisor can see a whole ID number."));
		return;
	} else if (gu_case_reveal_id(a->db, s->id, s->shown_id, sizeof s->shown_id, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message[0] ? err.message : gu_code_text(err.code));
		return;
	} else {
		gu_app_message(a, GU_R_OK,
			_("The full ID number is shown; this is recorded in the audit log."));
	}
	s->built_w = 0;
}

/* Opens the case in the interview or result screen; returns a gu_screen_ret. */
static int edit(gu_app *a, cv_state *s, const char *reason)
{
	bool editable = s->info.status == GU_CASE_DRAFT || s->info.status == GU_CASE_RETURNED;

	if (gu_session_open(a, s->id) < 0)
		return GU_SCREEN_STAY;
	snprintf(a->ses->change_reason, sizeof a->ses->change_reason, "%s", reason ? reason : "");
	gu_flow_go(a, editable ? GU_SCR_INTERVIEW : GU_SCR_RESULT);
	return GU_SCREEN_JUMP;
}

/* Goes back to the list; returns GU_SCREEN_BACK. */
static int key_back(gu_app *a, void *st)
{
	(void)a;
	(void)st;
	return GU_SCREEN_BACK;
}

/* Moves down a line; returns GU_SCREEN_STAY. */
static int key_down(gu_app *a, void *st)
{
	step(a, st, 1);
	return GU_SCREEN_STAY;
}

/* Moves up a line; returns GU_SCREEN_STAY. */
static int key_up(gu_app *a, void *st)
{
	step(a, st, -1);
	return GU_SCREEN_STAY;
}

/* Moves down a page; returns GU_SCREEN_STAY. */
static int key_page_down(gu_app *a, void *st)
{
	page(a, st, 1);
	return GU_SCREEN_STAY;
}

/* Moves up a page; returns GU_SCREEN_STAY. */
static int key_page_up(gu_app *a, void *st)
{
	page(a, st, -1);
	return GU_SCREEN_STAY;
}

/* Goes to the first line; returns GU_SCREEN_STAY. */
static int key_home(gu_app *a, void *st)
{
	cv_state *s = st;

	s->top = 0;
	page(a, s, 0);
	return GU_SCREEN_STAY;
}

/* Goes to the last page; returns GU_SCREEN_STAY. */
static int key_end(gu_app *a, void *st)
{
	cv_state *s = st;

	s->top = (int)s->nlines;
	page(a, s, 0);
	return GU_SCREEN_STAY;
}

/* Goes to the next heading, after the last to the first; returns
 * GU_SCREEN_STAY. */
static int key_next_part(gu_app *a, void *st)
{
	cv_state *s = st;
	size_t i;

	for (i = (size_t)s->top + 1; i < s->nlines; i++)
		if (s->lines[i].heading)
			break;
	s->top = i < s->nlines ? (int)i : 0;
	page(a, s, 0);
	return GU_SCREEN_STAY;
}

/* Opens or closes the explanation of the result under the cursor; returns
 * GU_SCREEN_STAY. */
static int key_explain(gu_app *a, void *st)
{
	cv_state *s = st;
	int item = s->cur >= 0 ? s->lines[s->cur].item : 0;

	if (item >= CV_SIBLING_ITEM && (size_t)(item - CV_SIBLING_ITEM) < s->nsib) {
		/* a sibling's case, over this one; back here after */
		int r = gu_screen_caseview(a, s->sib[item - CV_SIBLING_ITEM].id);

		cv_reload(a, s);
		return r == GU_SCREEN_BACK ? GU_SCREEN_STAY : r;
	}
	if (item > 0 && item <= 1000) {
		s->open_item[item] = !s->open_item[item];
		s->built_w = 0;
	}
	return GU_SCREEN_STAY;
}

/* Opens the follow-up form; returns GU_SCREEN_STAY. */
static int key_followup(gu_app *a, void *st)
{
	cv_popup_open(a, st, CV_POP_FOLLOWUP);
	return GU_SCREEN_STAY;
}

/* Opens the form recording a regular visit; returns GU_SCREEN_STAY. */
static int key_visit(gu_app *a, void *st)
{
	cv_popup_open(a, st, CV_POP_VISIT);
	return GU_SCREEN_STAY;
}

/* Opens the re-screening form; returns GU_SCREEN_STAY. */
static int key_rescreen(gu_app *a, void *st)
{
	cv_popup_open(a, st, CV_POP_RESCREEN);
	return GU_SCREEN_STAY;
}

/* Opens the approval form; returns GU_SCREEN_STAY. */
static int key_approve(gu_app *a, void *st)
{
	cv_popup_open(a, st, CV_POP_APPROVE);
	return GU_SCREEN_STAY;
}

/* Opens the form that returns the case to its worker; returns
 * GU_SCREEN_STAY. */
static int key_return(gu_app *a, void *st)
{
	cv_popup_open(a, st, CV_POP_RETURN);
	return GU_SCREEN_STAY;
}

/* Opens the form that closes the case, or reopens a closed one; returns
 * GU_SCREEN_STAY. */
static int key_close(gu_app *a, void *st)
{
	cv_popup_open(a, st, CV_POP_CLOSE);
	return GU_SCREEN_STAY;
}

/* Opens the case for editing (a case past the draft asks why first);
 * returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key_edit(gu_app *a, void *st)
{
	cv_state *s = st;

	/* a case that left the draft state keeps why its answers change */
	if (s->info.status != GU_CASE_DRAFT) {
		cv_popup_open(a, s, CV_POP_EDIT);
		return GU_SCREEN_STAY;
	}
	return edit(a, s, NULL);
}

/* Starts the interview of another child of this family; returns
 * GU_SCREEN_JUMP, or GU_SCREEN_STAY when it could not start. */
static int key_sibling(gu_app *a, void *st)
{
	cv_state *s = st;

	return gu_family_begin(a, s->id);
}

/* Shows or hides the whole ID number; returns GU_SCREEN_STAY. */
static int key_reveal(gu_app *a, void *st)
{
	reveal(a, st);
	return GU_SCREEN_STAY;
}

/* Prints the case's referral sheets and shows the referrals they made;
 * returns GU_SCREEN_STAY. */
static int key_print(gu_app *a, void *st)
{
	cv_state *s = st;

	gu_sheet_print(a, s->id);
	cv_reload(a, s);
	s->built_w = 0;
	return GU_SCREEN_STAY;
}

/* The case view's keys: they run it, name themselves in the key bar and
 * make its F1 help. */
/* The key bar keeps Enter, the review keys, Esc, e and c at 80 columns;
 * follow-up, visit, show ID and print fill what room is left (a worker,
 * who has no review or close keys, sees them all). */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_explain, "Enter", N_("explain"), false },
	{ 'f', 0, key_followup, "f", N_("follow-up"), false, true },
	{ 'v', 0, key_visit, "v", N_("visit"), false, true },
	{ 's', 0, key_rescreen, "s", N_("re-screen"), true },
	{ 'a', 0, key_approve, "a/x", N_("approve/return"), false },
	{ 'x', 0, key_return, NULL, NULL, false },
	{ GU_ESC, 0, key_back, "Esc", N_("back"), false },
	{ 'q', 0, key_back, NULL, NULL, false },
	{ 'e', 0, key_edit, "e", N_("edit"), false },
	{ 'c', 0, key_close, "c", N_("close/reopen"), false },
	{ 18, 0, key_reveal, "Ctrl-R", N_("show ID"), false, true },
	{ 'p', 0, key_print, "p", N_("print sheets"), false, true },
	{ 'n', 0, key_sibling, "n", N_("another child of this family"), true },
	{ 0, KEY_DOWN, key_down, "Up/Down", N_("move"), true },
	{ 0, KEY_UP, key_up, NULL, NULL, false },
	{ 0, KEY_NPAGE, key_page_down, "PgUp/PgDn", N_("page"), true },
	{ ' ', 0, key_page_down, NULL, NULL, false },
	{ 0, KEY_PPAGE, key_page_up, NULL, NULL, false },
	{ 0, KEY_HOME, key_home, "Home/End", N_("first/last"), true },
	{ 0, KEY_END, key_end, NULL, NULL, false },
	{ '\t', 0, key_next_part, "Tab", N_("next part"), true },
};

/* Draws the message line and the key bar: the review keys (a/x) and the
 * close key are offered to a supervisor only, and not on an enrolled
 * laptop, where cases are neither reviewed nor closed. */
static void keys_bottom(gu_app *a, const cv_state *s)
{
	gu_scr_key shown[sizeof keys / sizeof keys[0]];
	size_t i;

	memcpy(shown, keys, sizeof keys);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		shown[i].quiet = shown[i].quiet
			|| (!s->supervisor && (keys[i].act == key_approve || keys[i].act == key_return))
			|| (!s->may_close && keys[i].act == key_close);
	gu_scr_keys_bottom(a, shown, sizeof shown / sizeof shown[0]);
}

/* Draws the case view. */
static void draw(gu_app *a, void *st)
{
	cv_state *s = st;
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y, h = page_rows(a), i, n;
	char line[400], pos[64];

	if (s->built_w != w)
		build(a, s, w);
	gu_frame_title(a, _("case"));
	n = snprintf(line, sizeof line, "%s  %s",
		s->info.child_name[0] ? s->info.child_name : _("(no name)"),
		gu_case_status_label(s->info.status));
	if (s->info.status == GU_CASE_DRAFT && n > 0 && (size_t)n < sizeof line)
		/* answers saved of the questions that apply, as the drafts list shows them */
		snprintf(line + n, sizeof line - (size_t)n, "  %s %d/%d", _("Answered"), s->info.answered,
			s->info.progress_total > s->info.answered ? s->info.progress_total : s->info.answered);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	/* TRANSLATORS: the first line on screen of the case view and all its lines */
	snprintf(pos, sizeof pos, _("line %d of %zu"), s->top + 1, s->nlines);
	gu_put_right(a->lay.status.y, 1, a->lay.cols - 2, pos, gu_attr(GU_R_DIM));
	if (s->cur >= 0)
		gu_view_follow(s->cur, &s->top, h);
	for (i = 0; i < h && (size_t)(s->top + i) < s->nlines; i++) {
		const cv_line *l = &s->lines[s->top + i];
		attr_t at = s->top + i == s->cur ? gu_attr(GU_R_CURSOR) : gu_attr(l->role);

		if (s->top + i == s->cur)
			gu_fill(y + i, x, w, at);
		gu_put(y + i, x + l->indent, w - l->indent, l->text, at);
	}
	if (s->pop != CV_POP_NONE)
		cv_popup_draw(a, s);
	keys_bottom(a, s);
}

/* Takes a key on the case view: a popup's, else one of its keys; returns
 * a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	cv_state *s = st;

	if (s->pop == CV_POP_EDIT && gu_key_fn(k, KEY_ENTER)) {
		if (s->f[CV_F_NOTE].len == 0) {
			snprintf(s->pop_err, sizeof s->pop_err, "%s",
				_("Write why the answers change first: the reason is kept with each change."));
			return GU_SCREEN_STAY;
		}
		s->pop = CV_POP_NONE;
		return edit(a, s, s->f[CV_F_NOTE].buf);
	}
	if (s->pop == CV_POP_REVISIT && (gu_key_char(k, 'y') || gu_key_char(k, 'Y'))) {
		s->pop = CV_POP_NONE;
		return edit(a, s, cv_visit_reason(s));
	}
	if (s->pop != CV_POP_NONE) {
		cv_popup_key(a, s, k);
		return GU_SCREEN_STAY;
	}
	a->msg[0] = '\0';
	return gu_scr_keys_run(a, s, keys, sizeof keys / sizeof keys[0], k);
}

/* Records that the case is viewed; returns 0, or -1 with the message shown. */
static int audit_view(gu_app *a, cv_state *s)
{
	gu_error err;

	if (gu_audit_add(a->db, "case.view", s->id, NULL, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message[0] ? err.message : gu_code_text(err.code));
		return -1;
	}
	return 0;
}

/* The case view. */
static const gu_screen screen = { NULL, draw, key, NULL, keys, sizeof keys / sizeof keys[0] };

/* Shows one case until the user leaves; returns a gu_screen_ret. */
int gu_screen_caseview(gu_app *a, const char *case_id)
{
	cv_state *s;
	int r = GU_SCREEN_BACK, i;

	if (!a->db || !case_id)
		return GU_SCREEN_BACK;
	s = calloc(1, sizeof *s);
	if (!s) {
		gu_app_message(a, GU_R_ERROR, _("out of memory"));
		return GU_SCREEN_BACK;
	}
	snprintf(s->id, sizeof s->id, "%s", case_id);
	s->cur = -1;
	s->supervisor = cv_may_close(a);
	s->may_close = cv_may_close(a);
	a->msg[0] = '\0';
	if (cv_reload(a, s) == 0 && audit_view(a, s) == 0)
		r = gu_screen_run(a, &screen, s);
	clear_lines(s);
	free(s->lines);
	free(s->sib);
	if (s->have_rs)
		gu_rescreen_free(&s->rs);
	for (i = 0; i < CV_F_COUNT; i++)
		memset(s->f[i].buf, 0, sizeof s->f[i].buf);
	memset(s->shown_id, 0, sizeof s->shown_id);
	free(s);
	return r;
}
