/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The users: who may log in with which role, and the small form a
 * supervisor adds a worker (or another supervisor) with. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "db/auth.h"
#include "db/crypt_login.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

enum { F_NAME, F_ROLE, F_PASS, F_AGAIN, F_COUNT };

typedef struct users_state {
	gu_user_info *users;
	size_t nusers;
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
	s->focus = F_NAME;
	s->role = s->nusers ? GU_ROLE_WORKER : GU_ROLE_SUPERVISOR;
}

/* Gives the new user a key slot when the database is encrypted; returns
 * 0 or < 0 (err set). */
static int add_slot(gu_app *a, const char *name, const char *password, gu_error *err)
{
	if (!gu_db_has_keys(a->db_path))
		return 0;
	return gu_db_keys_set(a->db_path, name, password, err);
}

/* Makes the key slots with the first supervisor, reopens the database
 * (which encrypts it), logs her in again and shows the recovery key once;
 * returns 0 or < 0 (err set). */
static int encrypt_first(gu_app *a, const char *name, const char *password, gu_error *err)
{
	char recovery[GU_KEY_RECOVERY_TEXT], text[700];
	int ret = gu_db_keys_create(a->db_path, name, password, recovery, err);

	if (ret < 0)
		return ret;
	gu_db_close(a->db);
	a->db = NULL;
	ret = gu_db_open(a->db_path, &a->db, err);
	if (ret == 0)
		ret = gu_auth_login(a->db, name, password, err);
	if (ret < 0) {
		explicit_bzero(recovery, sizeof recovery);
		snprintf(a->db_err, sizeof a->db_err, _("The database cannot be used: %s"),
			err->message[0] ? err->message : gu_code_text(err->code));
		return ret;
	}
	snprintf(text, sizeof text,
		_("The database is now encrypted: each user's password opens it. If every password "
		  "is lost, this recovery key opens it. Write it down or print it now, and keep it "
		  "locked away; it is not shown again:\n\n%.39s\n%s"), recovery, recovery + 40);
	explicit_bzero(recovery, sizeof recovery);
	gu_scr_notice(a, _("recovery key"), text);
	explicit_bzero(text, sizeof text);
	return 0;
}

/* Adds the user the form describes; returns 0 or -1 (err set). */
static int add_user(gu_app *a, users_state *s)
{
	gu_error err;
	bool first = s->nusers == 0;
	char done[300];

	if (s->f[F_NAME].len == 0) {
		snprintf(s->err, sizeof s->err, "%s", _("Type a name."));
		s->focus = F_NAME;
		return -1;
	}
	if (strcmp(s->f[F_PASS].buf, s->f[F_AGAIN].buf) != 0) {
		snprintf(s->err, sizeof s->err, "%s",
			_("The two passwords differ: type the same password twice."));
		memset(s->f[F_PASS].buf, 0, sizeof s->f[F_PASS].buf);
		memset(s->f[F_AGAIN].buf, 0, sizeof s->f[F_AGAIN].buf);
		gu_edit_set(&s->f[F_PASS], NULL, 120);
		gu_edit_set(&s->f[F_AGAIN], NULL, 120);
		s->focus = F_PASS;
		return -1;
	}
	gu_error_clear(&err);
	if (gu_password_check(s->f[F_NAME].buf, s->f[F_PASS].buf, &err) < 0
			|| gu_auth_add_user(a->db, s->f[F_NAME].buf, s->role, s->f[F_PASS].buf, &err) < 0
			|| (first && gu_auth_login(a->db, s->f[F_NAME].buf, s->f[F_PASS].buf, &err) < 0)
			|| (first ? encrypt_first(a, s->f[F_NAME].buf, s->f[F_PASS].buf, &err)
			    : add_slot(a, s->f[F_NAME].buf, s->f[F_PASS].buf, &err)) < 0) {
		snprintf(s->err, sizeof s->err, "%s", err.message[0] ? err.message : gu_code_text(err.code));
		return -1;
	}
	/* TRANSLATORS: "Added worker 李明." */
	snprintf(done, sizeof done, _("Added %s %s."), gu_role_label(s->role), s->f[F_NAME].buf);
	gu_app_message(a, GU_R_OK, done);
	load(a, s);
	clear_form(s);
	return 0;
}

/* Goes back; returns GU_SCREEN_BACK. */
static int key_back(gu_app *a, void *st)
{
	(void)a;
	(void)st;
	return GU_SCREEN_BACK;
}

/* Moves to the next field; returns GU_SCREEN_STAY. */
static int key_next(gu_app *a, void *st)
{
	users_state *s = st;

	(void)a;
	s->focus = (s->focus + 1) % F_COUNT;
	return GU_SCREEN_STAY;
}

/* Moves to the field before; returns GU_SCREEN_STAY. */
static int key_prev(gu_app *a, void *st)
{
	users_state *s = st;

	(void)a;
	s->focus = (s->focus + F_COUNT - 1) % F_COUNT;
	return GU_SCREEN_STAY;
}

/* Goes to the next field, from the last adds the user; returns
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
	add_user(a, s);
	return GU_SCREEN_STAY;
}

/* On the role field switches worker and supervisor (the first user is a
 * supervisor); returns GU_SCREEN_STAY, or GU_SCREEN_PASS on another field
 * (the key is typed there). */
static int key_role(gu_app *a, void *st)
{
	users_state *s = st;

	(void)a;
	if (s->focus != F_ROLE)
		return GU_SCREEN_PASS;
	if (s->nusers > 0)
		s->role = s->role == GU_ROLE_WORKER ? GU_ROLE_SUPERVISOR : GU_ROLE_WORKER;
	else
		snprintf(s->err, sizeof s->err, "%s", _("The first user must be a supervisor."));
	return GU_SCREEN_STAY;
}

/* The users screen's keys: they run it, name themselves in the key bar
 * and make its F1 help; every other key edits the field. */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_enter, "Enter", N_("next / add"), false },
	{ '\t', 0, key_next, "Tab", N_("next field"), false },
	{ 0, KEY_DOWN, key_next, NULL, NULL, false },
	{ 0, KEY_BTAB, key_prev, NULL, NULL, false },
	{ 0, KEY_UP, key_prev, NULL, NULL, false },
	{ ' ', 0, key_role, "Space", N_("role"), false },
	{ 0, KEY_LEFT, key_role, NULL, NULL, false },
	{ 0, KEY_RIGHT, key_role, NULL, NULL, false },
	{ GU_ESC, 0, key_back, "Esc", N_("back"), false },
};

/* Draws the users and the form. */
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
	snprintf(line, sizeof line, _("Users: %zu"), s->nusers);
	gu_put(a->lay.status.y, 1, a->lay.cols - 2, line, gu_attr(GU_R_DIM));
	gu_scr_who(a);
	list_h = a->lay.body.h - form_h;
	if (list_h < 1)
		list_h = 1;
	if (s->nusers == 0)
		gu_put(y, x, w, _("There are no users yet: the first one must be a supervisor."),
			A_NORMAL);
	for (k = 0; k < s->nusers && (int)k < list_h; k++) {
		if ((int)k + 1 == list_h && k + 1 < s->nusers) {
			snprintf(line, sizeof line, _("... and %zu more"), s->nusers - k);
			gu_put(y + (int)k, x, w, line, gu_attr(GU_R_DIM));
			break;
		}
		gu_put(y + (int)k, x, 24, s->users[k].name, A_NORMAL);
		gu_put(y + (int)k, x + 25, w - 25, gu_role_label(s->users[k].role), gu_attr(GU_R_DIM));
	}
	y = a->lay.body.y + list_h;
	gu_put(y++, x, w, _("Add a user"), gu_attr(GU_R_LABEL));
	if (w > lw + 40)
		w = lw + 40;
	for (i = 0; i < F_COUNT; i++, y += 2) {
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
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Takes a key on the users screen; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	users_state *s = st;
	int r;

	if (gu_scr_keys_take(a, st, keys, sizeof keys / sizeof keys[0], k, &r))
		return r;
	if (s->focus != F_ROLE && gu_edit_key(&s->f[s->focus], k, NULL))
		s->err[0] = '\0';
	return GU_SCREEN_STAY;
}

/* Enters the users screen: loads the users, empties the form. */
static void enter(gu_app *a, void *st)
{
	a->msg[0] = '\0';
	load(a, st);
	clear_form(st);
}

/* Leaves the users screen: wipes the form, frees the users. */
static void leave(gu_app *a, void *st)
{
	users_state *s = st;

	(void)a;
	clear_form(s);
	free(s->users);
}

/* The users and the add form. */
static const gu_screen screen = { enter, draw, key, leave, keys, sizeof keys / sizeof keys[0] };

/* Shows the users and the add form to a supervisor; returns a gu_screen_ret. */
int gu_screen_users(gu_app *a)
{
	users_state s;

	if (!a->db)
		return gu_scr_notice(a, _("users"), a->db_err);
	if (!gu_scr_is_supervisor(a))
		return gu_scr_notice(a, _("users"), _("Only a supervisor can add users."));
	memset(&s, 0, sizeof s);
	return gu_screen_run(a, &screen, &s);
}
