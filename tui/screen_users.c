/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The users: who may log in with which role, and the small form a
 * supervisor adds a user with, sets a password, disables a user who left
 * (her cases go to the supervisor) or changes a role with; a worker's form
 * for her own password.  Both may switch user. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "db/auth.h"
#include "db/crypt_login.h"
#include "tui/paint.h"
#include "tui/screens_supervise.h"
#include "tui/screens_util.h"

enum { F_NAME, F_ROLE, F_PASS, F_AGAIN, F_COUNT };

typedef struct users_state {
	gu_user_info *users;
	size_t nusers;
	bool supervisor;         /* the whole screen, not only one's own password */
	char me[128];            /* who is logged in */
	int focus;
	enum gu_role role;
	gu_edit f[F_COUNT];      /* F_ROLE unused */
	char err[700];
} users_state;

/* Reloads the list of users. */
static void load(gu_app *a, users_state *s)
{
	gu_error err;

	free(s->users);
	s->users = NULL;
	s->nusers = 0;
	if (gu_auth_list_users(a->db, &s->users, &s->nusers, &err) < 0) {
		snprintf(s->err, sizeof s->err, "%s", err.message);
		s->users = NULL;
		s->nusers = 0;
	}
}

/* Empties the form, wiping the passwords. */
static void clear_form(users_state *s)
{
	int i;

	for (i = 0; i < F_COUNT; i++) {
		memset(s->f[i].buf, 0, sizeof s->f[i].buf);
		gu_edit_set(&s->f[i], NULL, i == F_NAME ? 60 : 120);
	}
	s->focus = s->supervisor ? F_NAME : F_PASS;
	s->role = GU_ROLE_WORKER;
}

/* Gives the new user a key slot when the database is encrypted; returns
 * 0 or < 0 (err set). */
static int add_slot(gu_app *a, const char *name, const char *password, gu_error *err)
{
	if (!gu_db_has_keys(a->db_path))
		return 0;
	return gu_db_keys_set(a->db_path, name, password, err);
}

/* Returns the first field of the form: a worker has only her password's. */
static int first_field(const users_state *s)
{
	return s->supervisor ? F_NAME : F_PASS;
}

/* Shows err's message on the form; returns -1. */
static int form_error(users_state *s, const gu_error *err)
{
	snprintf(s->err, sizeof s->err, "%s", err->message[0] ? err->message : gu_code_text(err->code));
	return -1;
}

/* Checks that the two passwords typed agree (else wipes them and says so);
 * returns 0 or -1. */
static int passwords_agree(users_state *s)
{
	if (strcmp(s->f[F_PASS].buf, s->f[F_AGAIN].buf) == 0)
		return 0;
	snprintf(s->err, sizeof s->err, "%s",
		_("The two passwords differ: type the same password twice."));
	explicit_bzero(s->f[F_PASS].buf, sizeof s->f[F_PASS].buf);
	explicit_bzero(s->f[F_AGAIN].buf, sizeof s->f[F_AGAIN].buf);
	gu_edit_set(&s->f[F_PASS], NULL, 120);
	gu_edit_set(&s->f[F_AGAIN], NULL, 120);
	s->focus = F_PASS;
	return -1;
}

/* Checks that the form names a user; returns 0 or -1. */
static int named(users_state *s)
{
	if (s->f[F_NAME].len > 0)
		return 0;
	snprintf(s->err, sizeof s->err, "%s", _("Type a name."));
	s->focus = F_NAME;
	return -1;
}

/* Says text on the message line, reloads the users and empties the form;
 * returns 0. */
static int done(gu_app *a, users_state *s, const char *text)
{
	gu_app_message(a, GU_R_OK, text);
	if (s->supervisor)
		load(a, s);
	clear_form(s);
	return 0;
}

/* Adds the user the form describes; returns 0 or -1 (err set). */
static int add_user(gu_app *a, users_state *s)
{
	gu_error err;
	char text[300];

	if (named(s) < 0 || passwords_agree(s) < 0)
		return -1;
	gu_error_clear(&err);
	if (gu_password_check(s->f[F_NAME].buf, s->f[F_PASS].buf, &err) < 0
			|| gu_auth_add_user(a->db, s->f[F_NAME].buf, s->role, s->f[F_PASS].buf, &err) < 0
			|| add_slot(a, s->f[F_NAME].buf, s->f[F_PASS].buf, &err) < 0)
		return form_error(s, &err);
	/* TRANSLATORS: "Added worker 李明." */
	snprintf(text, sizeof text, _("Added %s %s."), gu_role_label(s->role), s->f[F_NAME].buf);
	return done(a, s, text);
}

/* Sets the password of name (the user's own, or a supervisor's reset) to
 * the one typed twice; returns 0 or -1 (err set). */
static int set_password(gu_app *a, users_state *s, const char *name)
{
	char who[128], text[300];
	gu_error err;

	if (passwords_agree(s) < 0)
		return -1;
	snprintf(who, sizeof who, "%s", name);
	gu_error_clear(&err);
	if (gu_password_check(who, s->f[F_PASS].buf, &err) < 0
			|| gu_auth_set_password(a->db, who, s->f[F_PASS].buf, &err) < 0)
		return form_error(s, &err);
	/* TRANSLATORS: "The password of li is changed." */
	snprintf(text, sizeof text, _("The password of %s is changed."), who);
	return done(a, s, text);
}

/* Enter: the next field, or on the last one the form's action; returns
 * GU_SCREEN_STAY. */
static int key_enter(gu_app *a, void *st)
{
	users_state *s = st;

	if (s->focus + 1 < F_COUNT) {
		s->focus++;
		return GU_SCREEN_STAY;
	}
	s->err[0] = '\0';
	a->msg[0] = '\0';
	if (s->supervisor)
		add_user(a, s);
	else
		set_password(a, s, s->me);
	return GU_SCREEN_STAY;
}

/* Tab, Down: the next field; returns GU_SCREEN_STAY. */
static int key_next(gu_app *a, void *st)
{
	users_state *s = st;
	int first = first_field(s), n = F_COUNT - first;

	(void)a;
	s->focus = first + (s->focus - first + 1) % n;
	return GU_SCREEN_STAY;
}

/* Shift-Tab, Up: the field before; returns GU_SCREEN_STAY. */
static int key_prev(gu_app *a, void *st)
{
	users_state *s = st;
	int first = first_field(s), n = F_COUNT - first;

	(void)a;
	s->focus = first + (s->focus - first + n - 1) % n;
	return GU_SCREEN_STAY;
}

/* F5: sets the named user's password to the one typed twice; returns
 * GU_SCREEN_STAY. */
static int key_reset(gu_app *a, void *st)
{
	users_state *s = st;

	s->err[0] = '\0';
	a->msg[0] = '\0';
	if (named(s) == 0)
		set_password(a, s, s->f[F_NAME].buf);
	return GU_SCREEN_STAY;
}

/* F6: disables the named user, her cases going to the supervisor; returns
 * GU_SCREEN_STAY. */
static int key_disable(gu_app *a, void *st)
{
	users_state *s = st;
	char text[400];
	gu_error err;

	s->err[0] = '\0';
	a->msg[0] = '\0';
	if (named(s) < 0)
		return GU_SCREEN_STAY;
	gu_error_clear(&err);
	if (gu_auth_disable_user(a->db, s->f[F_NAME].buf, s->me, &err) < 0) {
		form_error(s, &err);
		return GU_SCREEN_STAY;
	}
	/* TRANSLATORS: "li is disabled; her cases are now zhang's." */
	snprintf(text, sizeof text, _("%s is disabled; her cases are now %s's."), s->f[F_NAME].buf,
		s->me);
	done(a, s, text);
	return GU_SCREEN_STAY;
}

/* F7: gives the named user the role chosen; returns GU_SCREEN_STAY. */
static int key_role(gu_app *a, void *st)
{
	users_state *s = st;
	char text[400];
	gu_error err;

	s->err[0] = '\0';
	a->msg[0] = '\0';
	if (named(s) < 0)
		return GU_SCREEN_STAY;
	gu_error_clear(&err);
	if (gu_auth_set_role(a->db, s->f[F_NAME].buf, s->role, &err) < 0) {
		form_error(s, &err);
		return GU_SCREEN_STAY;
	}
	/* TRANSLATORS: "li is now a supervisor." */
	snprintf(text, sizeof text, _("%s is now a %s."), s->f[F_NAME].buf, gu_role_label(s->role));
	done(a, s, text);
	return GU_SCREEN_STAY;
}

/* F2: logs out and asks who is working next; returns a gu_screen_ret. */
static int key_switch(gu_app *a, void *st)
{
	(void)st;
	return gu_screen_switch_user(a);
}

/* On the role field switches worker and supervisor; returns
 * GU_SCREEN_STAY (on another field the key does nothing). */
static int key_toggle_role(gu_app *a, void *st)
{
	users_state *s = st;

	(void)a;
	if (s->focus == F_ROLE)
		s->role = s->role == GU_ROLE_WORKER ? GU_ROLE_SUPERVISOR : GU_ROLE_WORKER;
	return GU_SCREEN_STAY;
}

/* A supervisor's keys on the users screen. */
static const gu_scr_key sup_keys[] = {
	{ 0, KEY_ENTER, key_enter, "Enter", N_("next / add"), false },
	{ '\t', 0, key_next, NULL, NULL, false },
	{ 0, KEY_DOWN, key_next, NULL, NULL, false },
	{ 0, KEY_BTAB, key_prev, NULL, NULL, false },
	{ 0, KEY_UP, key_prev, NULL, NULL, false },
	{ 0, KEY_F(5), key_reset, "F5", N_("password"), false },
	{ 0, KEY_F(6), key_disable, "F6", N_("disable"), false },
	{ 0, KEY_F(7), key_role, "F7", N_("role"), false },
	{ ' ', 0, key_toggle_role, "Space", N_("role"), true },
	{ 0, KEY_LEFT, key_toggle_role, NULL, NULL, false },
	{ 0, KEY_RIGHT, key_toggle_role, NULL, NULL, false },
	{ 0, KEY_F(2), key_switch, "F2", N_("switch user"), false },
	{ GU_ESC, 0, gu_scr_key_back, "Esc", N_("back"), false },
};

/* A worker's keys: her own password, switching user. */
static const gu_scr_key own_keys[] = {
	{ 0, KEY_ENTER, key_enter, "Enter", N_("next / change"), false },
	{ '\t', 0, key_next, "Tab", N_("next field"), false },
	{ 0, KEY_DOWN, key_next, NULL, NULL, false },
	{ 0, KEY_BTAB, key_prev, NULL, NULL, false },
	{ 0, KEY_UP, key_prev, NULL, NULL, false },
	{ 0, KEY_F(2), key_switch, "F2", N_("switch user"), false },
	{ GU_ESC, 0, gu_scr_key_back, "Esc", N_("back"), false },
};

/* Draws the users and the form (a worker: her own password's). */
static void draw(gu_app *a, void *st)
{
	users_state *s = st;
	const char *labels[F_COUNT];
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y, lw = 0, i;
	int form_h = 2 * F_COUNT + 3, list_h;
	char line[400];
	size_t k;

	labels[F_NAME] = _("Name:");
	labels[F_ROLE] = _("Role:");
	labels[F_PASS] = _("Password:");
	labels[F_AGAIN] = _("Password again:");
	for (i = 0; i < F_COUNT; i++)
		if (gu_text_width(labels[i]) + 2 > lw)
			lw = gu_text_width(labels[i]) + 2;
	gu_frame_title(a, _("users"));
	if (s->supervisor) {
		snprintf(line, sizeof line, _("Users: %zu"), s->nusers);
		gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	}
	gu_scr_who(a);
	list_h = s->supervisor ? a->lay.body.h - form_h : 0;
	if (list_h < 0)
		list_h = 0;
	for (k = 0; k < s->nusers && (int)k < list_h; k++) {
		if ((int)k + 1 == list_h && k + 1 < s->nusers) {
			snprintf(line, sizeof line, _("... and %zu more"), s->nusers - k);
			gu_put(y + (int)k, x, w, line, gu_attr(GU_R_DIM));
			break;
		}
		gu_put(y + (int)k, x, 24, s->users[k].name, A_NORMAL);
		gu_put(y + (int)k, x + 25, w - 25, s->users[k].has_password
			/* TRANSLATORS: a user who left and can no longer log in */
			? gu_role_label(s->users[k].role) : _("disabled"), gu_attr(GU_R_DIM));
	}
	y = a->lay.body.y + list_h;
	gu_put(y++, x, w, s->supervisor ? _("Add a user, or change the one named (F5-F7)")
		: _("Change my password"), gu_attr(GU_R_LABEL));
	if (w > lw + 40)
		w = lw + 40;
	for (i = first_field(s); i < F_COUNT; i++, y += 2) {
		if (i == F_ROLE) {
			snprintf(line, sizeof line, "< %s >", gu_role_label(s->role));
			gu_put(y, x, lw - 1, labels[i], gu_attr(s->focus == i ? GU_R_LABEL : GU_R_NORMAL));
			gu_put(y, x + lw, w - lw, line, s->focus == i ? gu_attr(GU_R_CURSOR) : A_NORMAL);
		} else {
			gu_scr_form_row(y, x, lw, w, labels[i], &s->f[i], i != F_NAME, i == s->focus);
		}
	}
	if (s->err[0])
		gu_put(y - 1, x, a->lay.text_w, s->err, gu_attr(GU_R_ERROR));
	if (s->supervisor)
		gu_scr_keys_bottom(a, sup_keys, sizeof sup_keys / sizeof sup_keys[0]);
	else
		gu_scr_keys_bottom(a, own_keys, sizeof own_keys / sizeof own_keys[0]);
}

/* Takes a key on the users screen: a field's editing first, then the
 * screen's table; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	users_state *s = st;

	if (s->focus != F_ROLE && gu_edit_key(&s->f[s->focus], k, NULL)) {
		s->err[0] = '\0';
		return GU_SCREEN_STAY;
	}
	if (s->supervisor)
		return gu_scr_keys_run(a, s, sup_keys, sizeof sup_keys / sizeof sup_keys[0], k);
	return gu_scr_keys_run(a, s, own_keys, sizeof own_keys / sizeof own_keys[0], k);
}

/* The users screen as a supervisor and as a worker sees it. */
static const gu_screen sup_screen = { NULL, draw, key, NULL, sup_keys, sizeof sup_keys / sizeof sup_keys[0] };
static const gu_screen own_screen = { NULL, draw, key, NULL, own_keys, sizeof own_keys / sizeof own_keys[0] };

/* Shows the users screen: a supervisor's, or a worker's own password's;
 * returns a gu_screen_ret. */
int gu_screen_users(gu_app *a)
{
	users_state s;
	const char *me = NULL;
	int r;

	if (!a->db)
		return gu_scr_notice(a, _("users"), a->db_err);
	memset(&s, 0, sizeof s);
	s.supervisor = gu_scr_is_supervisor(a);
	if (gu_auth_session(a->db, &me, NULL) && me)
		snprintf(s.me, sizeof s.me, "%s", me);
	a->msg[0] = '\0';
	if (s.supervisor)
		load(a, &s);
	clear_form(&s);
	r = gu_screen_run(a, s.supervisor ? &sup_screen : &own_screen, &s);
	clear_form(&s);
	free(s.users);
	return r;
}
