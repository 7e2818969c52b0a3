/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The dashboard: for a chosen period, the cases by status, group and
 * township with the open and overdue follow-ups, and the items as bars
 * of eligible and to-verify cases drawn in the terminal. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/region.h"
#include "core/i18n.h"
#include "core/text.h"
#include "db/auth.h"
#include "db/dashboard.h"
#include "db/groups.h"
#include "tui/harness.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

enum period { P_ALL, P_YEAR, P_MONTH, P_30, P_7, P_COUNT, P_CUSTOM = P_COUNT };
enum page { PAGE_OVERVIEW, PAGE_ITEMS, PAGE_COUNT };

typedef struct dash_state {
	enum period period;
	enum page page;
	int item;                 /* the item under the cursor, 1 .. item_count() */
	gu_dashboard d;
	bool loaded;
	char from[11], to[11];
	bool pop;                 /* the custom period form is open */
	int focus;
	gu_edit pfrom, pto;
	char pop_err[700];
	int top;                  /* the first row of the overview's lists shown */
	int list_h;               /* how many of them the last drawing showed */
} dash_state;

/* Returns the translated name of a period. */
static const char *period_label(enum period p)
{
	switch (p) {
	case P_YEAR:
		return _("this year");
	case P_MONTH:
		return _("this month");
	case P_30:
		return _("the last 30 days");
	case P_7:
		return _("the last 7 days");
	case P_CUSTOM:
		return _("the chosen days");
	default:
		return _("all time");
	}
}

/* Loads the counts for the chosen period. */
static void load(gu_app *a, dash_state *s)
{
	gu_date today;
	gu_error err;
	const char *from = NULL;

	if (s->loaded)
		gu_dashboard_free(&s->d);
	s->loaded = false;
	s->top = 0;
	if (s->period == P_CUSTOM) {
		snprintf(s->from, sizeof s->from, "%.10s", s->pfrom.buf);
		snprintf(s->to, sizeof s->to, "%.10s", s->pto.buf);
	} else {
		s->from[0] = s->to[0] = '\0';
	}
	if (s->period != P_ALL && s->period != P_CUSTOM && gu_date_parse(gu_today(), &today)) {
		gu_date f = today;

		if (s->period == P_YEAR)
			f.month = f.day = 1;
		else if (s->period == P_MONTH)
			f.day = 1;
		else
			f = gu_date_add_days(today, s->period == P_30 ? -29 : -6);
		gu_date_format(f, s->from);
		gu_date_format(today, s->to);
		from = s->from;
	}
	gu_error_clear(&err);
	if (s->period == P_CUSTOM)
		from = s->from[0] ? s->from : NULL;
	/* the counts over a county's cases take a while: say so first */
	gu_fill(a->lay.status.y, 0, a->lay.cols, A_NORMAL);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2,
		/* TRANSLATORS: on the status line while the dashboard counts, at most 78 columns */
		_("Counting the cases..."), gu_attr(GU_R_LABEL));
	refresh();
	if (gu_dashboard_load(a->db, from, s->to[0] ? s->to : NULL, gu_today(), &s->d, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message[0] ? err.message : gu_code_text(err.code));
		return;
	}
	s->loaded = true;
}

/* Draws a horizontal bar of count out of max in w columns. */
static void hbar(int y, int x, int w, long count, long max, attr_t at)
{
	int n = max > 0 ? (int)((count * w + max - 1) / max) : 0, i;

	for (i = 0; i < n && i < w; i++)
		mvaddch(y, x + i, '#' | at);
}

/* The lists of the overview, one after another in one scrolled view. */
enum section { SEC_TOWNSHIPS, SEC_COUNTIES, SEC_WORKERS, SEC_COUNT };

/* Returns the title of a section of the overview. */
static const char *section_title(enum section sec)
{
	switch (sec) {
	case SEC_COUNTIES:
		return _("Cases by hukou county");
	case SEC_WORKERS:
		return _("Cases by worker (assigned, else who made it)");
	default:
		return _("Cases by township");
	}
}

/* Returns how many entries section sec has, and sets *max to its largest
 * count. */
static size_t section_size(const gu_dashboard *d, enum section sec, long *max)
{
	size_t n = sec == SEC_TOWNSHIPS ? d->ntownships : sec == SEC_COUNTIES ? d->ncounties
		: d->nworkers, k;

	*max = 0;
	for (k = 0; k < n; k++) {
		long c = sec == SEC_TOWNSHIPS ? d->townships[k].cases : sec == SEC_COUNTIES
			? d->counties[k].cases : d->workers[k].cases;

		if (c > *max)
			*max = c;
	}
	return n;
}

/* Returns the rows the overview's lists take: each section's title, its
 * entries (or one line saying there are none) and a blank line between. */
static int list_rows(const gu_dashboard *d)
{
	int rows = 0, sec;
	long max;

	for (sec = 0; sec < SEC_COUNT; sec++) {
		size_t n = section_size(d, (enum section)sec, &max);

		rows += (sec ? 2 : 1) + (n ? (int)n : 1);
	}
	return rows;
}

/* Returns the label of entry k of section sec: a township or worker as
 * stored, a county by its name (its code when the list lacks it), or
 * "(none)". */
static const char *entry_label(const gu_dashboard *d, enum section sec, size_t k, long *cases)
{
	const char *name;

	if (sec == SEC_TOWNSHIPS) {
		name = d->townships[k].township;
		*cases = d->townships[k].cases;
	} else if (sec == SEC_COUNTIES) {
		const gu_region_entry *e;

		name = d->counties[k].name;
		*cases = d->counties[k].cases;
		if (name[0] && (e = gu_region_lookup(name)) != NULL)
			name = gu_pick(e->zh, e->en);
	} else {
		name = d->workers[k].name;
		*cases = d->workers[k].cases;
	}
	return name[0] ? name : _("(none)");
}

/* Returns the columns of the lists' names in a text w columns wide: 16
 * (12 when narrow), or 18 when a township's name needs them (a name two
 * counties share, with its county after it: 城关街道（北票市）). */
static int name_cols(const gu_dashboard *d, int w)
{
	size_t k;

	if (w < 60)
		return 12;
	for (k = 0; k < d->ntownships; k++)
		if (gu_text_width(d->townships[k].township) > 16)
			return 18;
	return 16;
}

/* Draws row i of the overview's lists at screen row y. */
static void draw_list_row(gu_app *a, const gu_dashboard *d, int i, int y)
{
	int x = a->lay.margin, w = a->lay.text_w, namew = name_cols(d, w), sec;
	char num[32];

	for (sec = 0; sec < SEC_COUNT; sec++) {
		long max, cases;
		size_t n = section_size(d, (enum section)sec, &max);

		if (sec && i-- == 0)
			return;
		if (i == 0) {
			gu_put(y, x, w, section_title((enum section)sec), gu_attr(GU_R_LABEL));
			return;
		}
		i--;
		if (n == 0 && i == 0) {
			gu_put(y, x + 2, w - 2, _("No cases in this period."), gu_attr(GU_R_DIM));
			return;
		}
		if (i < (int)(n ? n : 1)) {
			gu_put(y, x + 2, namew, entry_label(d, (enum section)sec, (size_t)i, &cases),
				A_NORMAL);
			snprintf(num, sizeof num, "%5ld", cases);
			gu_put(y, x + 3 + namew, 5, num, A_NORMAL);
			hbar(y, x + 10 + namew, w - 12 - namew, cases, max, gu_attr(GU_R_ELIGIBLE));
			return;
		}
		i -= (int)(n ? n : 1);
	}
}

/* Draws the line of the alerts raised and their reports recorded at row y. */
static void draw_alerts(gu_app *a, const gu_dashboard *d, int y)
{
	const gu_dash_alert *po = &d->reports[GU_REPORT_POLICE];
	const gu_dash_alert *ed = &d->reports[GU_REPORT_EDUCATION];
	bool waiting = po->recorded < po->raised || ed->recorded < ed->raised;
	char line[300];

	/* TRANSLATORS: the cases of the period with each alert (强制报告, 控辍保学)
	   and how many of them have the report recorded (made or overridden) */
	snprintf(line, sizeof line, _("Safety alerts %ld, reported %ld   Dropout %ld, reported %ld"),
		po->raised, po->recorded, ed->raised, ed->recorded);
	gu_put(y, a->lay.margin, a->lay.text_w, line,
		waiting ? gu_attr(GU_R_ALERT) : A_NORMAL);
}

/* Draws the overview page from row y. */
static void draw_overview(gu_app *a, dash_state *s, int y)
{
	const gu_dashboard *d = &s->d;
	int x = a->lay.margin, w = a->lay.text_w, end = a->lay.body.y + a->lay.body.h;
	int i, rows = list_rows(d);
	char line[600];
	size_t o = 0;

	o += (size_t)snprintf(line, sizeof line, _("Cases: %ld  "), d->cases);
	/* narrower than 80 columns, one blank between the statuses */
	for (i = 0; i < GU_CASE_STATUS_COUNT && o < sizeof line; i++)
		o += (size_t)snprintf(line + o, sizeof line - o, w < 70 ? " %s %ld" : "  %s %ld",
			gu_case_status_label((enum gu_case_status)i), d->by_status[i]);
	gu_put(y++, x, w, line, A_NORMAL);
	snprintf(line, sizeof line, _("Groups:   %s %ld   %s %ld   %s %ld"),
		gu_group_label("floating"), d->floating, gu_group_label("left_behind"), d->left_behind,
		gu_group_label("difficult"), d->difficult);
	gu_put(y++, x, w, line, A_NORMAL);
	snprintf(line, sizeof line, _("Follow-ups open: %ld   overdue: %ld"), d->followups_open,
		d->overdue);
	gu_put(y++, x, w, line, d->overdue ? gu_attr(GU_R_VERIFY) : A_NORMAL);
	draw_alerts(a, d, y++);
	y++;
	s->list_h = end - y > 1 ? end - y : 1;
	s->top = gu_view_clamp(s->top, rows, s->list_h);
	for (i = 0; i < s->list_h && s->top + i < rows; i++)
		draw_list_row(a, d, s->top + i, y + i);
	if (s->top + s->list_h < rows || s->top > 0) {
		snprintf(line, sizeof line, _("rows %d-%d of %d, Up/Down"), s->top + 1,
			s->top + s->list_h < rows ? s->top + s->list_h : rows, rows);
		gu_put(y - 1, x + w - gu_text_width(line), gu_text_width(line), line,
			gu_attr(GU_R_DIM));
	}
}

/* Returns how many items the dashboard shows: the policy's, or more when a
 * saved result holds a higher item number. */
static int item_count(const gu_app *a, const dash_state *s)
{
	int n = (int)gu_policy_item_count(a->pol);

	return s->d.items > n ? s->d.items : n;
}

/* Draws the items as vertical bars from row y. */
static void draw_items(gu_app *a, dash_state *s, int y)
{
	const gu_dashboard *d = &s->d;
	int end = a->lay.body.y + a->lay.body.h, h = end - y - 5, x0, i, r;
	int nitems = item_count(a, s);
	long max = 0;
	const gu_item *it;
	char line[600];

	if (h < 2)
		h = 2;
	x0 = (a->lay.cols - nitems * 2) / 2;
	if (x0 < 0)
		x0 = 0;
	for (i = 1; i <= nitems; i++)
		if (d->eligible[i] + d->verify[i] > max)
			max = d->eligible[i] + d->verify[i];
	for (i = 1; i <= nitems; i++) {
		long tot = d->eligible[i] + d->verify[i];
		int bar = max ? (int)((tot * h + max - 1) / max) : 0;
		int el = tot ? (int)((d->eligible[i] * bar + tot / 2) / tot) : 0;
		int x = x0 + (i - 1) * 2;
		attr_t lab = i == s->item ? gu_attr(GU_R_CURSOR) : gu_attr(GU_R_DIM);

		if (d->eligible[i] > 0 && el == 0)
			el = 1;
		if (d->verify[i] > 0 && el == bar && bar > 1)
			el = bar - 1;
		for (r = 0; r < bar; r++) {
			bool is_el = r < el;

			mvaddch(y + h - 1 - r, x, (is_el ? '#' : '+')
				| gu_attr(is_el ? GU_R_ELIGIBLE : GU_R_VERIFY));
		}
		if (i >= 10)
			mvaddch(y + h, x, (chtype)('0' + i / 10) | lab);
		else
			mvaddch(y + h, x, ' ' | lab);
		mvaddch(y + h + 1, x, (chtype)('0' + i % 10) | lab);
	}
	snprintf(line, sizeof line, _("# eligible   + to verify   the tallest bar: %ld cases"), max);
	gu_put(y + h + 2, x0, a->lay.cols - x0 - 1, line, gu_attr(GU_R_DIM));
	it = gu_policy_item_by_number(a->pol, s->item);
	snprintf(line, sizeof line, _("%d %s: %ld eligible, %ld to verify"), s->item,
		gu_item_name(it), d->eligible[s->item], d->verify[s->item]);
	gu_put(y + h + 3, x0, a->lay.cols - x0 - 1, line, gu_attr(GU_R_LABEL));
	if (it)
		gu_put(y + h + 4, x0 + 2, a->lay.cols - x0 - 3, gu_pick(it->target_zh, it->target_en),
			gu_attr(GU_R_DIM));
}

/* Draws the form for a period of chosen days. */
static void draw_popup(gu_app *a, dash_state *s)
{
	gu_rect r = gu_layout_popup(&a->lay, 9, 60);
	const char *from = _("From:"), *to = _("To:");
	int lw = gu_text_width(from) > gu_text_width(to) ? gu_text_width(from) : gu_text_width(to);

	lw += 2;
	gu_scr_box(r, _("Interview dates to count"));
	gu_put(r.y + 2, r.x + 2, lw, from, gu_attr(s->focus == 0 ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&s->pfrom, r.y + 2, r.x + 2 + lw, 12, s->focus == 0);
	gu_put(r.y + 3, r.x + 2, lw, to, gu_attr(s->focus == 1 ? GU_R_LABEL : GU_R_NORMAL));
	gu_edit_draw(&s->pto, r.y + 3, r.x + 2 + lw, 12, s->focus == 1);
	gu_put_wrapped(r.y + 5, r.x + 2, r.w - 4, 2, s->pop_err[0] ? s->pop_err
		: _("YYYY-MM-DD, both days included; empty for no limit. Enter on To shows them."),
		gu_attr(s->pop_err[0] ? GU_R_ERROR : GU_R_DIM));
}

/* Turns to the other page; returns GU_SCREEN_STAY. */
static int key_page(gu_app *a, void *st)
{
	dash_state *s = st;

	(void)a;
	s->page = (enum page)((s->page + 1) % PAGE_COUNT);
	return GU_SCREEN_STAY;
}

/* Counts the next period; returns GU_SCREEN_STAY. */
static int key_period(gu_app *a, void *st)
{
	dash_state *s = st;

	s->period = s->period == P_CUSTOM ? P_ALL : (enum period)((s->period + 1) % P_COUNT);
	load(a, s);
	return GU_SCREEN_STAY;
}

/* Opens the form for a period of chosen days; returns GU_SCREEN_STAY. */
static int key_choose(gu_app *a, void *st)
{
	dash_state *s = st;

	(void)a;
	s->pop = true;
	s->focus = 0;
	s->pop_err[0] = '\0';
	return GU_SCREEN_STAY;
}

/* Shows the next item, after the last the first; returns GU_SCREEN_STAY. */
static int key_next_item(gu_app *a, void *st)
{
	dash_state *s = st;

	s->page = PAGE_ITEMS;
	s->item = s->item < item_count(a, s) ? s->item + 1 : 1;
	return GU_SCREEN_STAY;
}

/* Shows the item before, before the first the last; returns GU_SCREEN_STAY. */
static int key_prev_item(gu_app *a, void *st)
{
	dash_state *s = st;

	s->page = PAGE_ITEMS;
	s->item = s->item > 1 ? s->item - 1 : item_count(a, s);
	return GU_SCREEN_STAY;
}

/* Scrolls the overview's lists by delta rows; returns GU_SCREEN_STAY. */
static int scroll_by(dash_state *s, int delta)
{
	int rows = s->loaded ? list_rows(&s->d) : 0, h = s->list_h > 0 ? s->list_h : 1;

	s->page = PAGE_OVERVIEW;
	s->top = gu_view_move(gu_view_clamp(s->top, rows, h), delta, rows - h + 1);
	return GU_SCREEN_STAY;
}

/* Scrolls the lists a row down; returns GU_SCREEN_STAY. */
static int key_down(gu_app *a, void *st)
{
	(void)a;
	return scroll_by(st, 1);
}

/* Scrolls the lists a row up; returns GU_SCREEN_STAY. */
static int key_up(gu_app *a, void *st)
{
	(void)a;
	return scroll_by(st, -1);
}

/* Scrolls the lists a page down; returns GU_SCREEN_STAY. */
static int key_page_down(gu_app *a, void *st)
{
	dash_state *s = st;

	(void)a;
	return scroll_by(s, s->list_h > 1 ? s->list_h - 1 : 1);
}

/* Scrolls the lists a page up; returns GU_SCREEN_STAY. */
static int key_page_up(gu_app *a, void *st)
{
	dash_state *s = st;

	(void)a;
	return scroll_by(s, -(s->list_h > 1 ? s->list_h - 1 : 1));
}

/* Shows the lists from their first row; returns GU_SCREEN_STAY. */
static int key_home(gu_app *a, void *st)
{
	dash_state *s = st;

	(void)a;
	return scroll_by(s, -s->top);
}

/* Shows the lists' last rows; returns GU_SCREEN_STAY. */
static int key_end(gu_app *a, void *st)
{
	dash_state *s = st;

	(void)a;
	return scroll_by(s, s->loaded ? list_rows(&s->d) : 0);
}

/* The dashboard's keys: they run it and name themselves in the key bar. */
static const gu_scr_key keys[] = {
	{ '\t', 0, key_page, "Tab", N_("overview / items") },
	{ 0, KEY_BTAB, key_page, NULL, NULL },
	{ 'p', 0, key_period, "p", N_("period") },
	{ 0, KEY_F(2), key_period, NULL, NULL },
	{ 'c', 0, key_choose, "c", N_("choose days") },
	{ 0, KEY_DOWN, key_down, "Up/Down", N_("scroll"), true },
	{ 0, KEY_UP, key_up, NULL, NULL },
	{ 0, KEY_NPAGE, key_page_down, "PgUp/PgDn", N_("page"), true },
	{ 0, KEY_PPAGE, key_page_up, NULL, NULL },
	{ 0, KEY_HOME, key_home, "Home/End", N_("first / last rows"), true },
	{ 0, KEY_END, key_end, NULL, NULL },
	{ 0, KEY_RIGHT, key_next_item, "Left/Right", N_("item") },
	{ 0, KEY_LEFT, key_prev_item, NULL, NULL },
	{ GU_ESC, 0, gu_scr_key_back, "Esc", N_("back") },
	{ 'q', 0, gu_scr_key_back, NULL, NULL },
};

/* Returns the columns the name and role of the user working take at the
 * right of the status line (0 without a session). */
static int who_width(gu_app *a)
{
	const char *name;
	enum gu_role role;
	char who[300];

	if (!a->db || !gu_auth_session(a->db, &name, &role))
		return 0;
	snprintf(who, sizeof who, _("%s (%s)"), name, gu_role_label(role));
	return gu_text_width(who);
}

/* Draws the dashboard. */
static void draw(gu_app *a, void *st)
{
	dash_state *s = st;
	char line[300];

	gu_frame_title(a, _("dashboard"));
	/* TRANSLATORS: the header says what is counted: cases dated by the day
	   of the interview, over all time */
	if (s->period == P_ALL)
		snprintf(line, sizeof line, _("Cases by interview date: %s"), period_label(s->period));
	else
		/* TRANSLATORS: as above, from the first day to the last */
		snprintf(line, sizeof line, _("Cases by interview date, %s to %s"),
			s->from[0] ? s->from : "...", s->to[0] ? s->to : "...");
	gu_put(a->lay.status.y, 1, a->lay.cols - 3 - who_width(a), line, gu_attr(GU_R_DIM));
	gu_scr_who(a);
	if (s->loaded) {
		if (s->page == PAGE_OVERVIEW)
			draw_overview(a, s, a->lay.body.y);
		else
			draw_items(a, s, a->lay.body.y);
	}
	if (s->pop)
		draw_popup(a, s);
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Takes a key in the custom period form. */
static void popup_key(gu_app *a, dash_state *s, const gu_key *k)
{
	gu_date d;

	if (gu_key_char(k, GU_ESC)) {
		s->pop = false;
	} else if (gu_key_char(k, '\t') || gu_key_fn(k, KEY_BTAB) || gu_key_fn(k, KEY_UP)
			|| gu_key_fn(k, KEY_DOWN)) {
		s->focus = !s->focus;
	} else if (gu_key_fn(k, KEY_ENTER)) {
		if (s->focus == 0) {
			s->focus = 1;
		} else if ((s->pfrom.len && !gu_date_parse(s->pfrom.buf, &d))
				|| (s->pto.len && !gu_date_parse(s->pto.buf, &d))) {
			snprintf(s->pop_err, sizeof s->pop_err, "%s",
				_("A date is not a real date: write it as YYYY-MM-DD, or leave it empty."));
		} else {
			s->pop = false;
			s->period = P_CUSTOM;
			load(a, s);
		}
	} else if (gu_edit_key(s->focus ? &s->pto : &s->pfrom, k, NULL)) {
		s->pop_err[0] = '\0';
	}
}

/* Takes a key on the dashboard; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	dash_state *s = st;

	a->msg[0] = '\0';
	if (s->pop) {
		popup_key(a, s, k);
		return GU_SCREEN_STAY;
	}
	return gu_scr_keys_run(a, s, keys, sizeof keys / sizeof keys[0], k);
}

/* Enters the dashboard: loads the counts. */
static void enter(gu_app *a, void *st)
{
	a->msg[0] = '\0';
	load(a, st);
}

/* Leaves the dashboard: frees the counts. */
static void leave(gu_app *a, void *st)
{
	dash_state *s = st;

	(void)a;
	if (s->loaded)
		gu_dashboard_free(&s->d);
}

/* The dashboard. */
static const gu_screen screen = { enter, draw, key, leave, NULL, 0 };

/* Shows the dashboard until the user leaves; returns a gu_screen_ret. */
int gu_screen_dashboard(gu_app *a)
{
	dash_state s;

	if (!a->db)
		return gu_scr_notice(a, _("dashboard"), a->db_err);
	memset(&s, 0, sizeof s);
	s.item = 1;
	gu_edit_set(&s.pfrom, NULL, 10);
	gu_edit_set(&s.pto, gu_today(), 10);
	return gu_screen_run(a, &screen, &s);
}
