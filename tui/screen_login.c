/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Who is working: the login asked before anything else.  On a database
 * with no user yet (a new one, or a plain one made before encryption), the
 * form for its first supervisor, after which the database is encrypted and
 * its recovery key shown once.  --user and --password-file (or
 * $GUANAI_USER and $GUANAI_PASSWORD_FILE) log in without a form. */

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "db/auth.h"
#include "db/crypt_first.h"
#include "db/crypt_login.h"
#include "tui/config_files.h"
#include "tui/login_cli.h"
#include "tui/options.h"
#include "tui/paint.h"
#include "tui/screens_util.h"

enum { F_NAME, F_PASS, F_AGAIN, F_COUNT };

typedef struct login_state {
	int focus;
	bool first;              /* the first supervisor's form */
	gu_edit f[F_COUNT];
	char err[700];
} login_state;

/* Returns the number of fields the form has. */
static int fields(const login_state *s)
{
	return s->first ? F_COUNT : F_AGAIN;
}

/* Empties the form, wiping the passwords; name (may be NULL) is put in. */
static void clear_form(login_state *s, const char *name)
{
	int i;

	for (i = 0; i < F_COUNT; i++) {
		explicit_bzero(s->f[i].buf, sizeof s->f[i].buf);
		gu_edit_set(&s->f[i], NULL, i == F_NAME ? 60 : 120);
	}
	gu_edit_set(&s->f[F_NAME], name, 60);
	s->focus = name && *name ? F_PASS : F_NAME;
}


/* Shows once the recovery key of the database just made, then wipes it;
 * the text that shows it is in memory of its own too (sodium_malloc). */
static void show_recovery(gu_app *a, char *recovery)
{
	enum { TEXT = 700 };
	char *text = gu_cli_secret_alloc(TEXT);

	if (text) {
		snprintf(text, TEXT,
			_("The database is now encrypted: each user's password opens it. If every "
			  "password is lost, this recovery key opens it. Write it down or print it now, "
			  "and keep it locked away; it is not shown again:\n\n%.39s\n%s"), recovery,
			recovery + 40);
		gu_scr_notice(a, _("recovery key"), text);
	} else {
		gu_scr_notice(a, _("recovery key"), _("out of memory"));
	}
	sodium_memzero(recovery, GU_KEY_RECOVERY_TEXT);
	sodium_free(text);
}

/* Opens the database as name with password: unwraps an encrypted one's
 * key, encrypts a plain one that has users (a supervisor's login), or
 * creates the first supervisor when first (recovery: where its recovery
 * key goes, NULL for none); records the login.  Returns 0 or < 0 (err set). */
static int open_as(gu_app *a, const char *name, const char *password, bool first,
	char *recovery, gu_error *err)
{
	struct gu_unlock_report report;
	int ret;

	memset(&report, 0, sizeof report);
	gu_db_close(a->db);
	a->db = NULL;
	if (first) {
		ret = gu_db_create_first(a->db_path, name, password, recovery, &a->db, err);
	} else if (!gu_db_has_keys(a->db_path)) {
		ret = gu_db_encrypt_by(a->db_path, name, password, &a->db, err);
	} else {
		ret = gu_db_unlock(a->db_path, name, password, &report, err);
		if (ret == 0)
			ret = gu_db_open(a->db_path, &a->db, err);
		if (ret == 0)
			ret = gu_auth_login(a->db, name, password, err);
	}
	/* results saved from now on leave out the explanations the policy's
	 * text rebuilds (when it cannot be stored they keep them) */
	if (ret == 0 && a->pol) {
		/* an enrolled laptop screens with the policy its office sent
		 * (nothing of the file's is in use before the login) */
		(void)gu_policy_take_office(a->db, &a->pol, NULL);
		(void)gu_db_use_policy(a->db, a->pol, NULL);
	}
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

/* Checks the name and passwords typed; returns 0 or -1 (err set). */
static int log_in(gu_app *a, login_state *s)
{
	char *recovery = NULL;
	gu_error err;
	int ret;

	gu_error_clear(&err);
	/* the recovery key only ever in memory of its own, wiped when freed */
	if (s->first && !(recovery = gu_cli_secret_alloc(GU_KEY_RECOVERY_TEXT))) {
		ret = gu_error_set(&err, GU_ENOMEM, NULL, 0, 0, "%s", _("out of memory"));
	} else if (s->first && strcmp(s->f[F_PASS].buf, s->f[F_AGAIN].buf) != 0) {
		ret = gu_error_set(&err, GU_EINVAL, NULL, 0, 0, "%s",
			_("The two passwords differ: type the same password twice."));
	} else {
		ret = a->db_locked ? open_as(a, s->f[F_NAME].buf, s->f[F_PASS].buf, s->first,
				s->first ? recovery : NULL, &err)
			: gu_auth_login(a->db, s->f[F_NAME].buf, s->f[F_PASS].buf, &err);
	}
	if (ret < 0) {
		snprintf(s->err, sizeof s->err, "%s", err.message[0] ? err.message : gu_code_text(err.code));
		explicit_bzero(s->f[F_PASS].buf, sizeof s->f[F_PASS].buf);
		explicit_bzero(s->f[F_AGAIN].buf, sizeof s->f[F_AGAIN].buf);
		gu_edit_set(&s->f[F_PASS], NULL, 120);
		gu_edit_set(&s->f[F_AGAIN], NULL, 120);
		s->focus = s->f[F_NAME].len ? F_PASS : F_NAME;
		sodium_free(recovery);
		return -1;
	}
	if (s->first)
		show_recovery(a, recovery);
	sodium_free(recovery);
	return 0;
}

/* Quits guanai; returns GU_SCREEN_QUIT. */
static int key_quit(gu_app *a, void *st)
{
	(void)st;
	a->quit = true;
	return GU_SCREEN_QUIT;
}

/* Moves to the next field; returns GU_SCREEN_STAY. */
static int key_next_field(gu_app *a, void *st)
{
	login_state *s = st;

	(void)a;
	s->focus = (s->focus + 1) % fields(s);
	return GU_SCREEN_STAY;
}

/* Moves to the field before; returns GU_SCREEN_STAY. */
static int key_prev_field(gu_app *a, void *st)
{
	login_state *s = st;

	(void)a;
	s->focus = (s->focus + fields(s) - 1) % fields(s);
	return GU_SCREEN_STAY;
}

/* Goes to the next field, from the last logs in (or creates the first
 * supervisor); returns GU_SCREEN_BACK once logged in, else GU_SCREEN_STAY. */
static int key_enter(gu_app *a, void *st)
{
	login_state *s = st;

	if (s->focus + 1 < fields(s)) {
		s->focus++;
		return GU_SCREEN_STAY;
	}
	s->err[0] = '\0';
	return log_in(a, s) == 0 ? GU_SCREEN_BACK : GU_SCREEN_STAY;
}

/* The login form's keys: they run it, name themselves in the key bar and
 * make its F1 help; every other key edits the field. */
static const gu_scr_key keys[] = {
	{ 0, KEY_ENTER, key_enter, "Enter", N_("next / done"), false },
	{ '\t', 0, key_next_field, "Tab", N_("next field"), false },
	{ 0, KEY_DOWN, key_next_field, NULL, NULL, false },
	{ 0, KEY_BTAB, key_prev_field, NULL, NULL, false },
	{ 0, KEY_UP, key_prev_field, NULL, NULL, false },
	{ GU_ESC, 0, key_quit, "Esc", N_("quit"), false },
};

/* Draws the login form, or the first supervisor's. */
static void draw(gu_app *a, void *st)
{
	login_state *s = st;
	const char *labels[F_COUNT];
	int x = a->lay.margin + 2, w = a->lay.text_w - 2, y = a->lay.body.y, i, lw = 0;

	labels[F_NAME] = _("Name:");
	labels[F_PASS] = _("Password:");
	labels[F_AGAIN] = _("Password again:");
	for (i = 0; i < fields(s); i++)
		if (gu_text_width(labels[i]) + 2 > lw)
			lw = gu_text_width(labels[i]) + 2;
	if (w > lw + 40)
		w = lw + 40;
	gu_frame_title(a, s->first ? _("first supervisor") : _("log in"));
	y += gu_put_wrapped(y, x, a->lay.text_w - 2, 4, s->first
		? _("There are no users yet. Create the first supervisor (she adds the others): "
		    "the database is then encrypted, and its recovery key shown once.")
		: _("Who is working? Type your name and password."), A_NORMAL);
	y++;
	for (i = 0; i < fields(s); i++, y += 2)
		gu_scr_form_row(y, x, lw, w, labels[i], &s->f[i], i != F_NAME, i == s->focus);
	if (s->err[0])
		gu_put_wrapped(y, x, a->lay.text_w - 2, 3, s->err, gu_attr(GU_R_ERROR));
	gu_scr_keys_bottom(a, keys, sizeof keys / sizeof keys[0]);
}

/* Takes a key on the login form: its table, else the field's editing;
 * returns a gu_screen_ret or GU_SCREEN_STAY. */
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

/* Logs in with --user and --password-file without a form (a database with
 * no user yet gets her as its first supervisor, without a recovery key);
 * returns 0, or -1 with err set for the form to show. */
static int log_in_given(gu_app *a, bool first, char *err, size_t size)
{
	char password[256];
	gu_error e;
	FILE *f = fopen(gu_opts.password_file, "r");
	int ret = -1;

	if (!f) {
		snprintf(err, size, _("cannot open the password file %s: %s"), gu_opts.password_file,
			strerror(errno));
		return -1;
	}
	if (fgets(password, sizeof password, f)) {
		password[strcspn(password, "\r\n")] = '\0';
		gu_error_clear(&e);
		ret = open_as(a, gu_opts.user, password, first, NULL, &e);
		if (ret < 0)
			snprintf(err, size, "%s", e.message[0] ? e.message : gu_code_text(e.code));
	} else {
		snprintf(err, size, _("the password file %s is empty; write the password on its "
			"first line"), gu_opts.password_file);
	}
	fclose(f);
	explicit_bzero(password, sizeof password);
	return ret;
}

/* Asks who is working (the database is opened only then), or on a
 * database with no user yet for its first supervisor; then shows the start
 * screen again for her.  Returns GU_SCREEN_BACK to go on or GU_SCREEN_QUIT. */
int gu_screen_login(gu_app *a)
{
	static login_state s;
	gu_error err;
	int users = 0, r;

	if (!a->db_locked)
		return GU_SCREEN_BACK; /* the database cannot be used: a->db_err says why */
	memset(&s, 0, sizeof s);
	gu_error_clear(&err);
	if (!gu_db_has_keys(a->db_path) || !gu_db_exists(a->db_path)) {
		r = gu_db_plain_users(a->db_path, &users, &err);
		if (r < 0) {
			snprintf(a->db_err, sizeof a->db_err, _("The database cannot be used: %s"),
				err.message[0] ? err.message : gu_code_text(err.code));
			a->db_locked = false;
			gu_flow_go(a, GU_SCR_START);
			return GU_SCREEN_BACK;
		}
		s.first = users == 0;
	}
	if (gu_opts.user && *gu_opts.user && gu_opts.password_file
			&& log_in_given(a, s.first, s.err, sizeof s.err) == 0) {
		gu_flow_go(a, GU_SCR_START);
		return GU_SCREEN_BACK;
	}
	clear_form(&s, gu_opts.user);
	r = gu_screen_run(a, &login_screen, &s);
	clear_form(&s, NULL);
	if (r == GU_SCREEN_BACK)
		gu_flow_go(a, GU_SCR_START);
	return r;
}

/* Logs the user out (the database closed, its key wiped) and asks who is
 * working next; returns GU_SCREEN_BACK once someone has logged in, or
 * GU_SCREEN_QUIT. */
int gu_screen_switch_user(gu_app *a)
{
	gu_session_close(a);
	gu_db_close(a->db);
	a->db = NULL;
	gu_crypt_forget_key();
	a->db_locked = true;
	/* whoever comes next logs in herself */
	gu_opts.user = NULL;
	gu_opts.password_file = NULL;
	if (gu_screen_login(a) == GU_SCREEN_QUIT) {
		a->quit = true;
		return GU_SCREEN_QUIT;
	}
	return GU_SCREEN_BACK;
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

/* Takes a key on the lock: its table, else the password's editing;
 * returns GU_SCREEN_BACK once the password is right, GU_SCREEN_QUIT on
 * Esc, else GU_SCREEN_STAY. */
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
 * again (see screens_supervise.h); returns false when guanai is to end.
 * An encrypted database's key leaves memory while it is locked: the
 * database is closed (its files' keys wiped) and the key forgotten
 * (sodium_free wipes it); the password unwraps it again. */
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
	if (gu_db_has_keys(a->db_path)) {
		gu_db_close(a->db);
		a->db = NULL;
		gu_crypt_forget_key();
		a->db_locked = true;
	}
	r = gu_screen_run(a, &lock_screen, &l);
	clear_form(&l.form, NULL);
	return r != GU_SCREEN_QUIT;
}
