/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Who is working: once the database has users, the login asked before
 * anything else; on a fresh database, the offer to create the first
 * supervisor (which one worker's laptop may ignore: without users no login
 * is needed). */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "db/auth.h"
#include "tui/config_files.h"
#include "db/crypt_login.h"
#include "tui/options.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

enum { F_NAME, F_PASS, F_COUNT };

typedef struct login_state {
	int focus;
	gu_edit f[F_COUNT];
	char err[700];
} login_state;

/* Empties the form, wiping the password; name (may be NULL) is put in. */
static void clear_form(login_state *s, const char *name)
{
	int i;

	for (i = 0; i < F_COUNT; i++) {
		memset(s->f[i].buf, 0, sizeof s->f[i].buf);
		gu_edit_set(&s->f[i], NULL, i == F_NAME ? 60 : 120);
	}
	gu_edit_set(&s->f[F_NAME], name, 60);
	s->focus = name && *name ? F_PASS : F_NAME;
}

/* Unwraps the encrypted database's key with the name and password typed,
 * opens the database and records the login; returns 0 or < 0 (err set). */
static int unlock_and_open(gu_app *a, const char *name, const char *password, gu_error *err)
{
	struct gu_unlock_report report;
	int ret = gu_db_unlock(a->db_path, name, password, &report, err);

	if (ret == 0)
		ret = gu_db_open(a->db_path, &a->db, err);
	if (ret == 0)
		ret = gu_auth_login(a->db, name, password, err);
	if (ret == 0) {
		gu_error ignored;

		(void)gu_db_record_login(a->db, &report, &ignored);
		if (*gu_db_notice(a->db))
			gu_app_message(a, GU_R_ALERT, gu_db_notice(a->db));
		a->db_locked = false;
		return 0;
	}
	gu_db_close(a->db);
	a->db = NULL;
	gu_crypt_forget_key();
	return ret < 0 ? ret : -GU_EAUTH;
}

/* Checks the name and password typed; returns 0 or -1 (err set). */
static int log_in(gu_app *a, login_state *s)
{
	gu_error err;
	int ret;

	gu_error_clear(&err);
	ret = a->db_locked ? unlock_and_open(a, s->f[F_NAME].buf, s->f[F_PASS].buf, &err)
		: gu_auth_login(a->db, s->f[F_NAME].buf, s->f[F_PASS].buf, &err);
	if (ret < 0) {
		snprintf(s->err, sizeof s->err, "%s", err.message[0] ? err.message : gu_code_text(err.code));
		memset(s->f[F_PASS].buf, 0, sizeof s->f[F_PASS].buf);
		gu_edit_set(&s->f[F_PASS], NULL, 120);
		s->focus = s->f[F_NAME].len ? F_PASS : F_NAME;
		return -1;
	}
	return 0;
}

/* Quits guanai; returns GU_SCREEN_QUIT. */
static int key_quit(gu_app *a, void *st)
{
	(void)st;
	a->quit = true;
	return GU_SCREEN_QUIT;
}

/* Moves to the other field; returns GU_SCREEN_STAY. */
static int key_field(gu_app *a, void *st)
{
	login_state *s = st;

	(void)a;
	s->focus = !s->focus;
	return GU_SCREEN_STAY;
}

/* Goes from the name to the password, from the password logs in; returns
 * GU_SCREEN_BACK once logged in, else GU_SCREEN_STAY. */
static int key_enter(gu_app *a, void *st)
{
	login_state *s = st;

	if (s->focus == F_NAME) {
		s->focus = F_PASS;
		return GU_SCREEN_STAY;
	}
	s->err[0] = '\0';
	return log_in(a, s) == 0 ? GU_SCREEN_BACK : GU_SCREEN_STAY;
}

/* The login form's keys: they run it, name themselves in the key bar and
 * make its F1 help; every other key edits the field. */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_enter, "Enter", N_("next / done"), false },
	{ '\t', 0, key_field, "Tab", N_("next field"), false },
	{ 0, KEY_DOWN, key_field, NULL, NULL, false },
	{ 0, KEY_BTAB, key_field, NULL, NULL, false },
	{ 0, KEY_UP, key_field, NULL, NULL, false },
	{ GU_ESC, 0, key_quit, "Esc", N_("quit"), false },
};

/* Draws the login form. */
static void draw(gu_app *a, void *st)
{
	login_state *s = st;
	const char *labels[F_COUNT];
	int x = a->lay.margin + 2, w = a->lay.text_w - 2, y = a->lay.body.y, i, lw = 0;

	labels[F_NAME] = _("Name:");
	labels[F_PASS] = _("Password:");
	for (i = 0; i < F_COUNT; i++)
		if (gu_text_width(labels[i]) + 2 > lw)
			lw = gu_text_width(labels[i]) + 2;
	if (w > lw + 40)
		w = lw + 40;
	gu_frame_title(a, _("log in"));
	y += gu_put_wrapped(y, x, a->lay.text_w - 2, 3,
		_("Who is working? Type your name and password."), A_NORMAL);
	y++;
	for (i = 0; i < F_COUNT; i++, y += 2)
		gu_scr_form_row(y, x, lw, w, labels[i], &s->f[i], i == F_PASS, i == s->focus);
	if (s->err[0])
		gu_put_wrapped(y, x, a->lay.text_w - 2, 3, s->err, gu_attr(GU_R_ERROR));
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Takes a key on the login form; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	login_state *s = st;
	int r;

	if (gu_scr_keys_take(a, st, keys, sizeof keys / sizeof keys[0], k, &r))
		return r;
	if (gu_edit_key(&s->f[s->focus], k, NULL))
		s->err[0] = '\0';
	return GU_SCREEN_STAY;
}

/* The login form. */
static const gu_screen login_screen = { NULL, draw, key, NULL, keys, sizeof keys / sizeof keys[0] };

/* Asks who is working when the database has users (then shows the start
 * screen again for that user), or offers on a fresh database to create the
 * first supervisor; returns GU_SCREEN_BACK to go on or GU_SCREEN_QUIT. */
int gu_screen_login(gu_app *a)
{
	static login_state s;
	gu_case_filter all;
	gu_error err;
	int users, r;

	if (!a->db && !a->db_locked)
		return GU_SCREEN_BACK;
	gu_error_clear(&err);
	users = a->db_locked ? 1 : gu_auth_users_exist(a->db, &err);
	if (users < 0) {
		gu_app_message(a, GU_R_ERROR, err.message);
		return GU_SCREEN_BACK;
	}
	if (users == 0) {
		memset(&all, 0, sizeof all);
		if (gu_case_count(a->db, &all, &err) == 0)
			gu_app_message(a, GU_R_LABEL,
				/* TRANSLATORS: on the message line of the start screen, at most 78 columns */
				_("No users yet: press u to add the first supervisor, or work without logins."));
		return GU_SCREEN_BACK;
	}
	memset(&s, 0, sizeof s);
	clear_form(&s, gu_opts.user);
	r = gu_screen_run(a, &login_screen, &s);
	clear_form(&s, NULL);
	if (r == GU_SCREEN_BACK)
		gu_flow_go(a, GU_SCR_START);
	return r;
}

/* The idle lock's state: whose password unlocks, and the login form. */
typedef struct lock_state {
	char who[128];
	int minutes;
	login_state form;
} lock_state;

/* Unlocks when the password typed is right; returns GU_SCREEN_BACK then,
 * else GU_SCREEN_STAY. */
static int lock_enter(gu_app *a, void *st)
{
	lock_state *l = st;

	l->form.err[0] = '\0';
	return log_in(a, &l->form) == 0 ? GU_SCREEN_BACK : GU_SCREEN_STAY;
}

/* The lock's keys: they run it, name themselves in the key bar and make
 * its F1 help; every other key edits the password. */
static const gu_scr_key lock_keys[] = {
	{ 0, KEY_ENTER, lock_enter, "Enter", N_("unlock"), false },
	{ GU_ESC, 0, key_quit, "Esc", N_("quit"), false },
};

/* Draws the lock over the whole screen, showing no case data. */
static void lock_draw(gu_app *a, void *st)
{
	lock_state *l = st;
	const char *label = _("Password:");
	int x = a->lay.margin + 2, y = a->lay.body.y, lw = gu_text_width(label) + 2;
	char text[600];

	gu_frame_title(a, _("locked"));
	snprintf(text, sizeof text,
		_("No key was pressed for a while (idle_lock_minutes = %d), so the case data is hidden. %s, type your password to go on; Esc quits guanai (nothing saved is lost)."),
		l->minutes, l->who);
	y += gu_put_wrapped(y, x, a->lay.text_w - 2, 4, text, A_NORMAL);
	y++;
	gu_scr_form_row(y, x, lw, lw + 40 < a->lay.text_w - 2 ? lw + 40 : a->lay.text_w - 2,
		label, &l->form.f[F_PASS], true, true);
	if (l->form.err[0])
		gu_put_wrapped(y + 2, x, a->lay.text_w - 2, 3, l->form.err, gu_attr(GU_R_ERROR));
	gu_scr_keys_bottom(a, lock_keys, sizeof lock_keys / sizeof lock_keys[0]);
}

/* Takes a key on the lock; returns GU_SCREEN_BACK once the password is
 * right, GU_SCREEN_QUIT on Esc, else GU_SCREEN_STAY. */
static int lock_key(gu_app *a, void *st, const gu_key *k)
{
	lock_state *l = st;
	int r;

	if (gu_scr_keys_take(a, st, lock_keys, sizeof lock_keys / sizeof lock_keys[0], k, &r))
		return r;
	if (gu_edit_key(&l->form.f[F_PASS], k, NULL))
		l->form.err[0] = '\0';
	return GU_SCREEN_STAY;
}

/* The idle lock. */
static const gu_screen lock_screen = { NULL, lock_draw, lock_key, NULL, lock_keys, sizeof lock_keys / sizeof lock_keys[0] };

/* Locks the screens until the user who is working types their password
 * again (see screens_supervise.h); returns false when guanai is to end. */
bool gu_screen_lock(void *app)
{
	static lock_state l;
	gu_app *a = app;
	const char *who = NULL;
	int r;

	if (!a->db || !gu_auth_session(a->db, &who, NULL) || !who || !*who)
		return true;
	memset(&l, 0, sizeof l);
	snprintf(l.who, sizeof l.who, "%s", who);
	l.minutes = gu_settings_idle_minutes(gu_config());
	clear_form(&l.form, l.who);
	r = gu_screen_run(a, &lock_screen, &l);
	clear_form(&l.form, NULL);
	return r != GU_SCREEN_QUIT;
}
