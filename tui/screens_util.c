/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Helpers the supervision screens share: the key loop, key help, hidden
 * fields, a picker box and dates. */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/text.h"
#include "db/auth.h"
#include "tui/harness.h"
#include "tui/listview.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

/* What a notice screen shows. */
typedef struct notice_state {
	const char *title, *text;
} notice_state;

/* Draws a notice. */
static void notice_draw(gu_app *a, void *st)
{
	static const char *const keys[] = { "Esc", N_("back") };
	const notice_state *n = st;

	gu_frame_title(a, n->title);
	gu_put_wrapped(a->lay.body.y, a->lay.margin + 2, a->lay.text_w - 2, a->lay.body.h,
		n->text, gu_attr(GU_R_ERROR));
	gu_scr_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* A notice. */
static const gu_screen notice_screen = { NULL, notice_draw, gu_screen_any_key_back, NULL, NULL, 0 };

/* Shows a notice until a key is pressed; returns a gu_screen_ret. */
int gu_scr_notice(gu_app *a, const char *title, const char *text)
{
	notice_state n;

	n.title = title;
	n.text = text;
	return gu_screen_run(a, &notice_screen, &n);
}

/* Draws the message and key-help lines with the actions translated. */
void gu_scr_bottom(gu_app *a, const char *const *pairs, size_t npairs)
{
	gu_scr_bottom_ranked(a, pairs, NULL, npairs);
}

/* Draws the message and key-help lines with the actions translated, the
 * pairs later[i / 2] marks (NULL: none) dropped first when not all fit. */
void gu_scr_bottom_ranked(gu_app *a, const char *const *pairs, const bool *later, size_t npairs)
{
	const char *t[32];
	size_t i;

	if (npairs > 32)
		npairs = 32;
	for (i = 0; i < npairs; i++)
		t[i] = i % 2 && pairs[i][0] ? _(pairs[i]) : pairs[i];
	gu_frame_bottom_ranked(a, t, later, npairs);
}

/* Draws a hidden field: one '*' per character of e. */
void gu_scr_hidden_draw(const gu_edit *e, int y, int x, int w, bool focus)
{
	size_t pos = 0;
	int n = 0, cur = 0, i;
	attr_t at = gu_attr(GU_R_FIELD);

	while (pos < e->len) {
		if (pos < e->cur)
			cur++;
		pos = gu_text_next(e->buf, e->len, pos);
		n++;
	}
	gu_fill(y, x, w, at);
	for (i = 0; i < n && i < w - 1; i++)
		mvaddch(y, x + i, '*' | at);
	if (focus)
		gu_cursor_at(y, x + (cur < w - 1 ? cur : w - 1));
}

/* Draws a label and its field in one row. */
void gu_scr_form_row(int y, int x, int label_w, int w, const char *label,
	gu_edit *e, bool secret, bool focus)
{
	gu_put(y, x, label_w - 1, label, gu_attr(focus ? GU_R_LABEL : GU_R_NORMAL));
	if (secret)
		gu_scr_hidden_draw(e, y, x + label_w, w - label_w, focus);
	else
		gu_edit_draw(e, y, x + label_w, w - label_w, focus);
}

/* Blanks the rows of r and draws the box. */
void gu_scr_box(gu_rect r, const char *title)
{
	int i;

	for (i = 0; i < r.h; i++)
		gu_fill(r.y + i, 0, COLS, A_NORMAL);
	gu_box(r, title);
}

/* Draws a picker box with the row cur highlighted. */
void gu_scr_menu(const gu_layout *l, const char *title, const char *const *labels,
	size_t n, int cur)
{
	int want_w = gu_text_width(title) + 8, rows, top, i;
	gu_rect r;
	size_t k;

	for (k = 0; k < n; k++) {
		int w = gu_text_width(labels[k]) + 6;

		if (w > want_w)
			want_w = w;
	}
	r = gu_layout_popup(l, (int)n + 2, want_w);
	gu_scr_box(r, title);
	rows = r.h - 2;
	top = gu_view_clamp(cur - rows + 1, (int)n, rows);  /* the rows up to cur */
	for (i = 0; i < rows && (size_t)(top + i) < n; i++) {
		attr_t at = top + i == cur ? gu_attr(GU_R_CURSOR) : A_NORMAL;

		gu_fill(r.y + 1 + i, r.x + 1, r.w - 2, at);
		gu_put(r.y + 1 + i, r.x + 2, r.w - 4, labels[top + i], at);
	}
}

/* Writes the local date of t into buf; returns buf. */
char *gu_scr_date(gu_time_ms t, char *buf)
{
	time_t s = (time_t)(t / 1000);
	struct tm tmv;

	buf[0] = '\0';
	if (t != 0 && localtime_r(&s, &tmv))
		strftime(buf, 11, "%Y-%m-%d", &tmv);
	return buf;
}

/* Returns true when the session may act as a supervisor. */
bool gu_scr_is_supervisor(gu_app *a)
{
	enum gu_role role;
	gu_error err;

	if (!a->db)
		return false;
	if (gu_auth_session(a->db, NULL, &role))
		return role == GU_ROLE_SUPERVISOR;
	return gu_auth_users_exist(a->db, &err) == 0;
}

/* Draws the logged-in user at the right of the status line. */
void gu_scr_who(gu_app *a)
{
	const char *name;
	enum gu_role role;
	char line[300];

	if (!a->db || !gu_auth_session(a->db, &name, &role))
		return;
	/* TRANSLATORS: the user logged in and their role: "zhang (supervisor)" */
	snprintf(line, sizeof line, _("%s (%s)"), name, gu_role_label(role));
	gu_put_right(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
}

/* Returns true for a typed character. */
bool gu_scr_typed(const gu_key *k)
{
	return !k->fn && k->ch >= 0x20 && k->ch != 0x7F && !(k->ch >= 0x80 && k->ch < 0xA0);
}
