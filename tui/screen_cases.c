/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The case list for review: search as you type, filters by township,
 * worker, status, group, item and due date, sorting, masked ID numbers a
 * supervisor may reveal one at a time, and the CSV export of the list. */

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/idcard.h"
#include "core/text.h"
#include "db/auth.h"
#include "db/export.h"
#include "db/groups.h"
#include "db/review.h"
#include "db/search.h"
#include "tui/config_files.h"
#include "tui/harness.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

#define MAX_CHOICES 200
/* Rows listed at most: a longer list is narrowed by typing or filtering. */
#define GROUP_COUNT 3

static const char *const group_names[GROUP_COUNT] = { "floating", "left_behind", "difficult" };

enum popup { POP_NONE, POP_ITEM, POP_ENC, POP_FILE, POP_REPLACE };
enum due { DUE_ANY, DUE_TODAY, DUE_WEEK, DUE_MONTH, DUE_COUNT };

typedef struct cases_state {
	gu_edit query;
	int township;              /* index into towns, -1 any */
	int worker;                /* index into workers, -1 any */
	int status;                /* enum gu_case_status, -1 any */
	int group;                 /* index into group_names, -1 any */
	int item;                  /* 0 any */
	int due;                   /* enum due */
	enum gu_case_sort sort;
	gu_case_row *rows;
	size_t nrows;
	bool more;                 /* more cases match than are read */
	long total;                /* how many match; -1 not counted (a typed query) */
	int cur, top;
	char shown_case[GU_ID_SIZE];   /* the case whose ID number is revealed */
	char shown_id[32];
	char *towns[MAX_CHOICES], *workers[MAX_CHOICES];
	size_t ntowns, nworkers;
	enum popup pop;
	int pop_cur;
	gu_edit file;
	char pop_err[700];
} cases_state;

/* Adds s to a sorted set of strings (at most MAX_CHOICES). */
static void set_add(char **set, size_t *n, const char *s)
{
	size_t i, j;

	if (!s || !*s || *n >= MAX_CHOICES)
		return;
	for (i = 0; i < *n; i++) {
		int c = strcmp(set[i], s);

		if (c == 0)
			return;
		if (c > 0)
			break;
	}
	{
		char *copy = strdup(s);

		if (!copy)
			return;
		for (j = *n; j > i; j--)
			set[j] = set[j - 1];
		set[i] = copy;
		(*n)++;
	}
}

/* Frees a set of strings. */
static void set_free(char **set, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free(set[i]);
	*n = 0;
}

/* Fills f from the state; due_buf (11 bytes) holds the due date. */
static void make_filter(const cases_state *s, gu_case_filter *f, char *due_buf)
{
	static const int days[DUE_COUNT] = { 0, 0, 7, 30 };
	gu_date today;

	memset(f, 0, sizeof *f);
	f->query = s->query.buf;
	f->township = s->township >= 0 ? s->towns[s->township] : NULL;
	f->worker = s->worker >= 0 ? s->workers[s->worker] : NULL;
	f->status_mask = s->status >= 0 ? 1u << s->status : 0;
	f->group = s->group >= 0 ? group_names[s->group] : NULL;
	f->item = s->item;
	f->sort = s->sort;
	if (s->due != DUE_ANY && gu_date_parse(gu_today(), &today)) {
		gu_date_format(gu_date_add_days(today, days[s->due]), due_buf);
		f->due_by = due_buf;
	}
}

/* Returns how many rows one read brings: a screenful. */
static size_t page_rows(const gu_app *a)
{
	return a->lay.body.h > 1 ? (size_t)a->lay.body.h : 1;
}

/* Reads the next screenful after the rows read (all of them again when
 * none are) and notes whether more match; returns 0 or < 0 with the
 * message shown. */
static int read_page(gu_app *a, cases_state *s)
{
	gu_case_filter f;
	gu_case_row *v, *grown;
	gu_error err;
	size_t n;
	char due[16];

	make_filter(s, &f, due);
	f.after = s->nrows ? &s->rows[s->nrows - 1] : NULL;
	f.limit = page_rows(a) + 1;
	gu_error_clear(&err);
	if (gu_case_list(a->db, &f, &v, &n, &err) < 0) {
		gu_app_message(a, GU_R_ERROR, err.message[0] ? err.message : gu_code_text(err.code));
		s->more = false;
		return -1;
	}
	/* One row beyond the screenful says whether more match. */
	s->more = n == f.limit;
	if (s->more)
		n--;
	if (n == 0) {
		free(v);
		return 0;
	}
	grown = realloc(s->rows, (s->nrows + n) * sizeof *grown);
	if (!grown) {
		free(v);
		gu_app_message(a, GU_R_ERROR, _("out of memory"));
		return -1;
	}
	memcpy(grown + s->nrows, v, n * sizeof *v);
	s->rows = grown;
	s->nrows += n;
	free(v);
	return 0;
}

/* Runs the search again with the query and filters: the first screenful,
 * and the number of matches when the tally gives it without a query. */
static void run(gu_app *a, cases_state *s)
{
	gu_case_filter f;
	gu_error err;
	char due[16];

	free(s->rows);
	s->rows = NULL;
	s->nrows = 0;
	s->total = 0;
	if (read_page(a, s) == 0) {
		make_filter(s, &f, due);
		s->total = !s->more ? (long)s->nrows
			: s->query.len ? -1 : gu_case_count(a->db, &f, &err);
	}
	s->cur = gu_view_move(s->cur, 0, (int)s->nrows);
}

/* Collects the townships and workers of the cases the session may see
 * (from the case tally) and the worker users, to choose from. */
static void load_choices(gu_app *a, cases_state *s)
{
	gu_user_info *users = NULL;
	char **names = NULL;
	size_t n = 0, i;
	gu_error err;

	if (gu_case_choices(a->db, GU_CHOICE_TOWNSHIPS, &names, &n, &err) == 0) {
		for (i = 0; i < n; i++)
			set_add(s->towns, &s->ntowns, names[i]);
		gu_case_choices_free(names, n);
	}
	if (gu_auth_users_exist(a->db, &err) > 0 && gu_scr_is_supervisor(a)
			&& gu_auth_list_users(a->db, &users, &n, &err) == 0) {
		for (i = 0; i < n; i++)
			if (users[i].role == GU_ROLE_WORKER)
				set_add(s->workers, &s->nworkers, users[i].name);
		free(users);
	}
	if (gu_case_choices(a->db, GU_CHOICE_WORKERS, &names, &n, &err) == 0) {
		for (i = 0; i < n; i++)
			set_add(s->workers, &s->nworkers, names[i]);
		gu_case_choices_free(names, n);
	}
}

/* Returns the translated name of a sort order. */
static const char *sort_label(enum gu_case_sort o)
{
	switch (o) {
	case GU_SORT_UPDATED:
		return _("latest change");
	case GU_SORT_NAME:
		return _("name");
	case GU_SORT_TOWNSHIP:
		return _("township");
	case GU_SORT_DUE:
		return _("follow-up due");
	default:
		return _("returned first");
	}
}

/* Returns the translated name of a due-date filter. */
static const char *due_label(int d)
{
	switch (d) {
	case DUE_TODAY:
		return _("due by today");
	case DUE_WEEK:
		return _("due within 7 days");
	case DUE_MONTH:
		return _("due within 30 days");
	default:
		return _("any");
	}
}

/* Writes a case's groups as their first letters ("FL", "流留") into buf. */
static const char *group_letters(const char *groups, char *buf, size_t size)
{
	size_t o = 0;
	int g;

	buf[0] = '\0';
	for (g = 0; g < GROUP_COUNT; g++) {
		const char *label, *p = groups;
		size_t len = strlen(group_names[g]);
		bool has = false;

		while (p && *p) {
			if (strncmp(p, group_names[g], len) == 0 && (p[len] == ',' || p[len] == '\0'))
				has = true;
			p = strchr(p, ',');
			if (p)
				p++;
		}
		if (!has)
			continue;
		label = gu_group_label(group_names[g]);
		len = gu_text_next(label, strlen(label), 0);
		if (o + len + 1 >= size)
			break;
		memcpy(buf + o, label, len);
		if (len == 1 && buf[o] >= 'a' && buf[o] <= 'z')
			buf[o] = (char)(buf[o] - 'a' + 'A');
		o += len;
		buf[o] = '\0';
	}
	return buf;
}

/* The columns of the list for a width. */
typedef struct cols {
	int status, name, id, town, worker, groups, due;
} cols;

/* Returns the widest of the translated status words, at most 10. */
static int status_width(void)
{
	int w = 4, s;

	for (s = 0; s < GU_CASE_STATUS_COUNT; s++) {
		int sw = gu_text_width(gu_case_status_label((enum gu_case_status)s));

		if (sw > w)
			w = sw;
	}
	return w > 10 ? 10 : w;
}

/* Computes the column widths for w columns. */
static cols make_cols(int w)
{
	cols c;
	int rest, gw = gu_text_width(_("Groups"));
	char letters[32];

	c.status = status_width();
	c.id = 18;
	c.due = 10;
	c.groups = gu_text_width(group_letters("floating,left_behind,difficult", letters,
		sizeof letters));
	/* the heading may be wider than the letters ("儿童类别" is 8 columns) */
	if (gw > c.groups)
		c.groups = gw > 8 ? 8 : gw;
	rest = w - c.status - c.id - c.due - c.groups - 6;
	if (rest < 15)
		rest = 15;
	c.name = rest * 36 / 100;
	c.town = rest * 36 / 100;
	c.worker = rest - c.name - c.town;
	return c;
}

/* Draws one row of the list (or the header when r is NULL). */
static void draw_row(int y, int x, const cols *c, const gu_case_row *r,
	const cases_state *s, attr_t at)
{
	char idbuf[32], letters[32];
	const char *name, *id;
	int col = x;

	if (r) {
		name = r->child_name[0] ? r->child_name : _("(no name)");
		if (strcmp(r->id, s->shown_case) == 0)
			id = s->shown_id;
		else
			id = strcmp(r->child_id_number, "none") == 0 ? _("none")
				: r->child_id_number[0] ? gu_idcard_mask(r->child_id_number, idbuf) : "";
		gu_put(y, col, c->status, gu_case_status_label(r->status),
			r->status == GU_CASE_RETURNED && at == A_NORMAL ? gu_attr(GU_R_VERIFY) : at);
		col += c->status + 1;
		gu_put(y, col, c->name, name, at);
		col += c->name + 1;
		gu_put(y, col, c->id, id, at);
		col += c->id + 1;
		gu_put(y, col, c->town, r->township, at);
		col += c->town + 1;
		gu_put(y, col, c->worker, r->worker, at);
		col += c->worker + 1;
		gu_put(y, col, c->groups, group_letters(r->groups, letters, sizeof letters), at);
		col += c->groups + 1;
		/* A follow-up due before today is overdue: shown as an alert. */
		gu_put(y, col, c->due, r->next_due, at == A_NORMAL && r->next_due[0]
			&& strcmp(r->next_due, gu_today()) < 0 ? gu_attr(GU_R_ALERT) : at);
		return;
	}
	gu_put(y, col, c->status, _("Status"), at);
	col += c->status + 1;
	gu_put(y, col, c->name, _("Name"), at);
	col += c->name + 1;
	gu_put(y, col, c->id, _("ID number"), at);
	col += c->id + 1;
	gu_put(y, col, c->town, _("Township"), at);
	col += c->town + 1;
	gu_put(y, col, c->worker, _("Worker"), at);
	col += c->worker + 1;
	gu_put(y, col, c->groups, _("Groups"), at);
	col += c->groups + 1;
	gu_put(y, col, c->due, _("Due"), at);
}

/* Draws the filter lines at y; returns the rows used. */
static int draw_filters(gu_app *a, const cases_state *s, int y, int x, int w)
{
	char l1[700], l2[700], item[16];
	const char *any = _("all");

	snprintf(item, sizeof item, "%d", s->item);
	snprintf(l1, sizeof l1, _("F2 township: %s  F3 worker: %s  F4 status: %s  F5 group: %s"),
		s->township >= 0 ? s->towns[s->township] : any,
		s->worker >= 0 ? s->workers[s->worker] : any,
		s->status >= 0 ? gu_case_status_label((enum gu_case_status)s->status) : any,
		s->group >= 0 ? gu_group_label(group_names[s->group]) : any);
	snprintf(l2, sizeof l2, _("F6 item: %s  F7 follow-up: %s  F8 sort: %s"),
		s->item ? item : any, due_label(s->due), sort_label(s->sort));
	(void)a;
	gu_put(y, x, w, l1, gu_attr(GU_R_DIM));
	gu_put(y + 1, x, w, l2, gu_attr(GU_R_DIM));
	return 2;
}

/* Draws the item picker. */
static void draw_item_popup(gu_app *a, const cases_state *s)
{
	size_t n = gu_policy_item_count(a->pol) + 1, i;
	char (*text)[160] = calloc(n, sizeof *text);
	const char **labels = calloc(n, sizeof *labels);

	if (!text || !labels)
		goto cleanup;
	snprintf(text[0], sizeof text[0], "%s", _("all items"));
	labels[0] = text[0];
	for (i = 1; i < n; i++) {
		const gu_item *it = gu_policy_item(a->pol, i - 1);

		snprintf(text[i], sizeof text[i], "%2d  %s", it->number,
			gu_item_name(it));
		labels[i] = text[i];
	}
	gu_scr_menu(&a->lay, _("Cases with the item"), labels, n, s->pop_cur);
cleanup:
	free(text);
	free(labels);
}

/* Draws the export popups. */
static void draw_export_popup(gu_app *a, cases_state *s)
{
	if (s->pop == POP_ENC) {
		const char *labels[2];

		labels[0] = _("UTF-8 with BOM (Excel, WPS)");
		labels[1] = _("GB18030 (older Chinese programs)");
		gu_scr_menu(&a->lay, _("Export the list: encoding"), labels, 2, s->pop_cur);
	} else if (s->pop == POP_REPLACE) {
		gu_rect r = gu_layout_popup(&a->lay, 7, 66);
		char line[400];

		gu_scr_box(r, _("Export the list: the file exists"));
		snprintf(line, sizeof line, _("%s already exists. Replace it with the list?"),
			s->file.buf);
		gu_put_wrapped(r.y + 2, r.x + 2, r.w - 4, 2, line, A_NORMAL);
		gu_put(r.y + 4, r.x + 2, r.w - 4, _("y replaces it; n or Esc keeps it."),
			gu_attr(GU_R_DIM));
	} else {
		gu_rect r = gu_layout_popup(&a->lay, 9, 66);
		char line[300];

		gu_scr_box(r, _("Export the list: file name"));
		if (s->total < 0)
			snprintf(line, sizeof line, _("Cases to write: more than %zu"), s->nrows);
		else
			snprintf(line, sizeof line, _("Cases to write: %zu"), (size_t)s->total);
		gu_put(r.y + 1, r.x + 2, r.w - 4, line, A_NORMAL);
		gu_edit_draw(&s->file, r.y + 3, r.x + 2, r.w - 4, true);
		if (s->pop_err[0])
			gu_put_wrapped(r.y + 4, r.x + 2, r.w - 4, 3, s->pop_err, gu_attr(GU_R_ERROR));
		else
			gu_put(r.y + 5, r.x + 2, r.w - 4, _("Enter writes the file, Esc cancels."),
				gu_attr(GU_R_DIM));
	}
}

/* Writes the list to the file named in the popup, replacing an existing
 * file only when replace (else asking first). */
static void export(gu_app *a, cases_state *s, bool replace)
{
	gu_case_filter f;
	gu_error err;
	char due[16], done[600];
	size_t rows = 0;

	if (s->file.len == 0) {
		snprintf(s->pop_err, sizeof s->pop_err, "%s", _("Type a file name."));
		return;
	}
	make_filter(s, &f, due);
	f.items = (int)gu_policy_item_count(a->pol);
	f.policy = a->pol;
	gu_error_clear(&err);
	if (gu_export_cases_file(a->db, &f, NULL, s->file.buf,
			s->pop_cur == 1 ? GU_CSV_GB18030 : GU_CSV_UTF8_BOM,
			replace ? GU_SAFE_REPLACE : 0, &rows, &err) < 0) {
		s->pop = POP_FILE;
		if (err.code == GU_EEXIST && !replace) {
			s->pop = POP_REPLACE;
			return;
		}
		snprintf(s->pop_err, sizeof s->pop_err, "%s",
			err.message[0] ? err.message : gu_code_text(err.code));
		return;
	}
	snprintf(done, sizeof done, _("Saved %s (cases written: %zu)."),
		s->file.buf, rows);
	gu_app_message(a, GU_R_OK, done);
	s->pop = POP_NONE;
}

/* Takes a key in a popup. */
static void popup_key(gu_app *a, cases_state *s, const gu_key *k)
{
	if (gu_key_char(k, GU_ESC)) {
		s->pop = s->pop == POP_REPLACE ? POP_FILE : POP_NONE;
		return;
	}
	if (s->pop == POP_ITEM) {
		if (gu_view_key(k, &s->pop_cur, (int)gu_policy_item_count(a->pol) + 1, 10))
			return;
		if (gu_key_fn(k, KEY_ENTER)) {
			s->item = s->pop_cur ? gu_policy_item(a->pol, (size_t)s->pop_cur - 1)->number : 0;
			s->pop = POP_NONE;
			s->cur = 0;
			run(a, s);
		}
	} else if (s->pop == POP_ENC) {
		int d = gu_key_digit(k);

		if (gu_view_key(k, &s->pop_cur, 2, 1))
			return;
		if (d == 1 || d == 2)
			s->pop_cur = d - 1;
		if (d == 1 || d == 2 || gu_key_fn(k, KEY_ENTER)) {
			char name[4200], dir[4096];

			/* In the configuration's export folder, else the current one. */
			snprintf(name, sizeof name, "%scases-%s.csv",
				gu_config_export_dir(dir, sizeof dir), gu_today());
			gu_edit_set(&s->file, name, 300);
			s->pop_err[0] = '\0';
			s->pop = POP_FILE;
		}
	} else if (s->pop == POP_REPLACE) {
		if (gu_key_char(k, 'y') || gu_key_char(k, 'Y'))
			export(a, s, true);
		else if (gu_key_char(k, 'n') || gu_key_char(k, 'N'))
			s->pop = POP_FILE;
	} else if (gu_key_fn(k, KEY_ENTER)) {
		export(a, s, false);
	} else if (gu_edit_key(&s->file, k, NULL)) {
		s->pop_err[0] = '\0';
	}
}

/* Shows or hides the full ID number of the case under the cursor. */
static void reveal(gu_app *a, cases_state *s)
{
	const gu_case_row *r;
	gu_error err;

	if ((size_t)s->cur >= s->nrows)
		return;
	r = &s->rows[s->cur];
	if (strcmp(s->shown_case, r->id) == 0) {
		s->shown_case[0] = s->shown_id[0] = '\0';
		return;
	}
	if (!gu_scr_is_supervisor(a)) {
		gu_app_message(a, GU_R_ERROR, _("Only a supervisor can see a whole ID number."));
		return;
	}
	gu_error_clear(&err);
	if (gu_case_reveal_id(a->db, r->id, s->shown_id, sizeof s->shown_id, &err) < 0) {
		s->shown_case[0] = '\0';
		gu_app_message(a, GU_R_ERROR, err.message[0] ? err.message : gu_code_text(err.code));
		return;
	}
	snprintf(s->shown_case, sizeof s->shown_case, "%s", r->id);
	gu_app_message(a, GU_R_OK,
		_("The full ID number is shown; this is recorded in the audit log."));
}

/* Steps a choice index through -1 (any) and 0..n-1; returns the next one. */
static int cycle(int cur, size_t n)
{
	return cur + 1 >= (int)n ? -1 : cur + 1;
}

/* Shows the list again from its first row under the filters changed;
 * returns GU_SCREEN_STAY. */
static int refilter(gu_app *a, cases_state *s)
{
	s->cur = s->top = 0;
	run(a, s);
	return GU_SCREEN_STAY;
}

/* Cycles the township filter; returns GU_SCREEN_STAY. */
static int key_township(gu_app *a, void *st)
{
	cases_state *s = st;

	s->township = cycle(s->township, s->ntowns);
	return refilter(a, s);
}

/* Cycles the worker filter; returns GU_SCREEN_STAY. */
static int key_worker(gu_app *a, void *st)
{
	cases_state *s = st;

	s->worker = cycle(s->worker, s->nworkers);
	return refilter(a, s);
}

/* Cycles the status filter; returns GU_SCREEN_STAY. */
static int key_status(gu_app *a, void *st)
{
	cases_state *s = st;

	s->status = cycle(s->status, GU_CASE_STATUS_COUNT);
	return refilter(a, s);
}

/* Cycles the group filter; returns GU_SCREEN_STAY. */
static int key_group(gu_app *a, void *st)
{
	cases_state *s = st;

	s->group = cycle(s->group, GROUP_COUNT);
	return refilter(a, s);
}

/* Opens the item picker on the item chosen; returns GU_SCREEN_STAY. */
static int key_item(gu_app *a, void *st)
{
	cases_state *s = st;
	size_t i;

	s->pop = POP_ITEM;
	s->pop_cur = 0;
	if (s->item)
		for (i = 0; i < gu_policy_item_count(a->pol); i++)
			if (gu_policy_item(a->pol, i)->number == s->item)
				s->pop_cur = (int)i + 1;
	return GU_SCREEN_STAY;
}

/* Cycles the follow-up filter; returns GU_SCREEN_STAY. */
static int key_due(gu_app *a, void *st)
{
	cases_state *s = st;

	s->due = (s->due + 1) % DUE_COUNT;
	return refilter(a, s);
}

/* Cycles the order of the list; returns GU_SCREEN_STAY. */
static int key_sort(gu_app *a, void *st)
{
	cases_state *s = st;

	s->sort = (enum gu_case_sort)((s->sort + 1) % GU_SORT_COUNT);
	return refilter(a, s);
}

/* Opens the export form; returns GU_SCREEN_STAY. */
static int key_export(gu_app *a, void *st)
{
	cases_state *s = st;

	(void)a;
	s->pop = POP_ENC;
	s->pop_cur = 0;
	return GU_SCREEN_STAY;
}

/* Shows or hides the whole ID number of the case under the cursor;
 * returns GU_SCREEN_STAY. */
static int key_reveal(gu_app *a, void *st)
{
	reveal(a, st);
	return GU_SCREEN_STAY;
}

/* Goes back; returns GU_SCREEN_BACK. */
static int key_back(gu_app *a, void *st)
{
	(void)a;
	(void)st;
	return GU_SCREEN_BACK;
}

/* Opens the case under the cursor in full; returns a gu_screen_ret or
 * GU_SCREEN_STAY. */
static int key_open(gu_app *a, void *st)
{
	cases_state *s = st;
	char id[GU_ID_SIZE];
	int r;

	if ((size_t)s->cur >= s->nrows)
		return GU_SCREEN_STAY;
	snprintf(id, sizeof id, "%s", s->rows[s->cur].id);
	s->shown_case[0] = '\0';
	r = gu_screen_caseview(a, id);
	if (r != GU_SCREEN_BACK)
		return r;
	run(a, s);
	return GU_SCREEN_STAY;
}

/* Moves the cursor by delta rows (a whole ID number shown is hidden when
 * it leaves its case); returns GU_SCREEN_STAY. */
static int move_by(gu_app *a, cases_state *s, int delta)
{
	int before = s->cur;

	s->cur = gu_view_move(s->cur, delta, (int)s->nrows);
	/* At the last row read: the next screenful, and on down the rest of
	 * the move in it. */
	if (delta > 0 && s->more && s->cur >= (int)s->nrows - 1 && read_page(a, s) == 0)
		s->cur = gu_view_move(before, delta, (int)s->nrows);
	if (s->cur != before)
		s->shown_case[0] = '\0';
	return GU_SCREEN_STAY;
}

/* Moves up a row; returns GU_SCREEN_STAY. */
static int key_up(gu_app *a, void *st)
{
	(void)a;
	return move_by(a, st, -1);
}

/* Moves down a row; returns GU_SCREEN_STAY. */
static int key_down(gu_app *a, void *st)
{
	(void)a;
	return move_by(a, st, 1);
}

/* Moves up a page; returns GU_SCREEN_STAY. */
static int key_page_up(gu_app *a, void *st)
{
	return move_by(a, st, -(a->lay.body.h - 5 > 1 ? a->lay.body.h - 5 : 1));
}

/* Moves down a page; returns GU_SCREEN_STAY. */
static int key_page_down(gu_app *a, void *st)
{
	return move_by(a, st, a->lay.body.h - 5 > 1 ? a->lay.body.h - 5 : 1);
}

/* The case list's keys: they run it, name themselves in the key bar and
 * make its F1 help; every other key edits the search (Home and End too). */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_open, "Enter", N_("open"), false },
	{ 0, KEY_F(2), key_township, "F2-F8", N_("filter"), false },
	{ 0, KEY_F(3), key_worker, NULL, NULL, false },
	{ 0, KEY_F(4), key_status, NULL, NULL, false },
	{ 0, KEY_F(5), key_group, NULL, NULL, false },
	{ 0, KEY_F(6), key_item, NULL, NULL, false },
	{ 0, KEY_F(7), key_due, NULL, NULL, false },
	{ 0, KEY_F(8), key_sort, NULL, NULL, false },
	{ 0, KEY_F(9), key_export, "F9", N_("export"), false },
	{ 18, 0, key_reveal, "Ctrl-R", N_("show ID"), false },
	{ GU_ESC, 0, key_back, "Esc", N_("back"), false },
	{ 0, KEY_UP, key_up, "Up/Down", N_("move"), true },
	{ 0, KEY_DOWN, key_down, NULL, NULL, false },
	{ 0, KEY_PPAGE, key_page_up, "PgUp/PgDn", N_("page"), true },
	{ 0, KEY_NPAGE, key_page_down, NULL, NULL, false },
};

/* Draws the case list. */
static void draw(gu_app *a, void *st)
{
	cases_state *s = st;
	int x = 1, w = a->lay.cols - 2, y = a->lay.body.y, h, i, lw;
	cols c = make_cols(w);
	char line[300];

	gu_frame_title(a, _("cases"));
	if (s->total < 0)
		snprintf(line, sizeof line, _("The first %zu cases: type or filter to find others"),
			s->nrows);
	else
		snprintf(line, sizeof line, _("Cases in the list: %zu"), (size_t)s->total);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	gu_scr_who(a);
	lw = gu_put(y, x, w, _("Search:"), gu_attr(GU_R_LABEL)) + 1;
	gu_edit_draw(&s->query, y, x + lw, w - lw > 40 ? 40 : w - lw, s->pop == POP_NONE);
	y++;
	y += draw_filters(a, s, y, x, w);
	draw_row(y++, x, &c, NULL, s, gu_attr(GU_R_LABEL));
	h = a->lay.body.y + a->lay.body.h - y;
	if (s->nrows == 0)
		gu_put(y, x, w, s->query.len ? _("No case matches the search and filters.")
			: _("No case matches the filters."), A_NORMAL);
	if (h < 1)
		h = 1;
	gu_view_follow(s->cur, &s->top, h);
	for (i = s->top; i < (int)s->nrows && i < s->top + h; i++, y++) {
		attr_t at = i == s->cur ? gu_attr(GU_R_CURSOR) : A_NORMAL;

		if (i == s->cur)
			gu_fill(y, x, w, at);
		draw_row(y, x, &c, &s->rows[i], s, at);
	}
	if (s->pop == POP_ITEM)
		draw_item_popup(a, s);
	else if (s->pop != POP_NONE)
		draw_export_popup(a, s);
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Takes a key on the case list: a popup's, one of its keys, else an edit
 * of the search; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	cases_state *s = st;
	int r;

	if (s->pop != POP_NONE) {
		popup_key(a, s, k);
		return GU_SCREEN_STAY;
	}
	a->msg[0] = '\0';
	if (gu_scr_keys_take(a, st, keys, sizeof keys / sizeof keys[0], k, &r))
		return r;
	if (gu_edit_key(&s->query, k, NULL)) {
		s->cur = s->top = 0;
		s->shown_case[0] = '\0';
		run(a, s);
	}
	return GU_SCREEN_STAY;
}

/* Shows how far the search keys of names written without them (an
 * upgrade, plain SQL) are; returns false to stop when a key was pressed
 * (a gu_search_progress_fn). */
static bool keys_progress(void *ctx, long done, long total)
{
	gu_app *a = ctx;
	struct pollfd key = { .fd = 0, .events = POLLIN };
	char line[300];

	snprintf(line, sizeof line,
		/* TRANSLATORS: on the status line, at most 78 columns */
		_("Search keys for older names: %ld of %ld (a key stops; the rest later)"),
		done, total);
	gu_fill(a->lay.status.y, 0, a->lay.cols, A_NORMAL);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_LABEL));
	refresh();
	if (gu_harness_active() || poll(&key, 1, 0) != 1)
		return true;
	(void)gu_next_key();
	return false;
}

/* The case list. */
static const gu_screen screen = { NULL, draw, key, NULL, keys, sizeof keys / sizeof keys[0] };

/* Shows the case list until the user leaves; returns a gu_screen_ret. */
int gu_screen_cases(gu_app *a)
{
	cases_state *s;
	gu_error err;
	int r;

	if (!a->db)
		return gu_scr_notice(a, _("cases"), a->db_err);
	s = calloc(1, sizeof *s);
	if (!s) {
		gu_app_message(a, GU_R_ERROR, _("out of memory"));
		return GU_SCREEN_BACK;
	}
	s->township = s->worker = s->status = s->group = -1;
	gu_edit_set(&s->query, NULL, 120);
	a->msg[0] = '\0';
	gu_error_clear(&err);
	if (gu_search_refresh(a->db, keys_progress, a, &err) < 0)
		gu_app_message(a, GU_R_ERROR, err.message);
	run(a, s);
	load_choices(a, s);
	r = gu_screen_run(a, &screen, s);
	free(s->rows);
	set_free(s->towns, &s->ntowns);
	set_free(s->workers, &s->nworkers);
	memset(s->shown_id, 0, sizeof s->shown_id);
	free(s);
	return r;
}
