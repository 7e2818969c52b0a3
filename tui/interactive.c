/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The interactive program: loads the policy, opens the database, starts
 * curses (or the test harness) and runs the screens' key loop. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "core/i18n.h"
#include "db/crypt_login.h"
#include "tui/app.h"
#include "tui/colors.h"
#include "tui/commands.h"
#include "tui/config_files.h"
#include "tui/harness.h"
#include "tui/options.h"
#include "tui/paint.h"
#include "tui/screens_supervise.h"

/* The screens of the interview's flow, shown one after another. */
static const gu_flow_screen *const flow[GU_SCR_COUNT] = {
	[GU_SCR_START] = &gu_start_flow,
	[GU_SCR_INTERVIEW] = &gu_interview_flow,
	[GU_SCR_RESULT] = &gu_result_flow,
};

/* Leaves the flow's screen on show and enters screen id. */
void gu_flow_go(gu_app *a, enum gu_screen_id id)
{
	const gu_screen *from = flow[a->scr]->screen, *to = flow[id]->screen;

	if (from->leave)
		from->leave(a, flow[a->scr]->st);
	a->scr = id;
	if (to->enter)
		to->enter(a, flow[id]->st);
}

/* Draws the flow's screen on show. */
static void flow_draw(gu_app *a, void *st)
{
	(void)st;
	flow[a->scr]->screen->draw(a, flow[a->scr]->st);
}

/* Hands a key to the flow's screen on show; returns GU_SCREEN_STAY until
 * the program is to end. */
static int flow_key(gu_app *a, void *st, const gu_key *k)
{
	(void)st;
	gu_screen_key(a, flow[a->scr]->screen, flow[a->scr]->st, k);
	return a->quit ? GU_SCREEN_QUIT : GU_SCREEN_STAY;
}

/* The flow as one screen: the program's main loop runs it. */
static const gu_screen flow_screen = { NULL, flow_draw, flow_key, NULL, NULL, 0 };

/* Loads the policy with the screen already up; on failure closes the
 * screen first so the message stays readable.  Returns 0 or -1. */
static int load_policy_or_leave(gu_app *a)
{
	gu_error err;
	char buf[1200];

	gu_error_clear(&err);
	if (gu_policy_load_file(gu_policy_path(), &a->pol, &err) == 0)
		return 0;
	endwin();
	gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
	return -1;
}

/* SQLite's memory for the interactive program: a laptop with 2 GB runs
 * it beside a browser, and a screen never needs more than a few pages of
 * a large database at once (the disk cache of the system keeps the rest
 * close).  Above this SQLite gives back cached pages. */
#define GU_TUI_SQLITE_HEAP (1024 * 1024)

/* Finds the database, which the login screen opens (one that cannot be
 * found is shown on the start screen, which then offers no interview). */
static void open_db(gu_app *a)
{
	gu_error err;

	gu_db_limit_memory(GU_TUI_SQLITE_HEAP);
	gu_error_clear(&err);
	if (gu_db_default_path(gu_opts.db_path, a->db_path, sizeof a->db_path, &err) == 0) {
		a->db_locked = true; /* the login screen opens it */
		return;
	}
	snprintf(a->db_err, sizeof a->db_err, _("The database cannot be used: %s"),
		err.message[0] ? err.message : gu_code_text(err.code));
	a->db = NULL;
}

/* Frees everything a holds. */
static void close_data(gu_app *a)
{
	gu_session_close(a);
	gu_db_close(a->db);
	gu_policy_free(a->pol);
}

/* Runs the screens until the worker quits; returns the exit status. */
int gu_tui_main(int argc, char **argv)
{
	static gu_app app;
	gu_app *a = &app;
	SCREEN *scr = NULL;
	int status = 0;

	(void)argc;
	(void)argv;
	if (gu_harness_start() < 0)
		return 2;
	if (!gu_harness_active() && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		gu_complain(_("the interview screens need a terminal; for batch work see \"%s --help\""),
			PACKAGE);
		return 2;
	}
	if (gu_harness_active()) {
		scr = gu_harness_newterm();
		if (!scr) {
			gu_complain(_("cannot start the screen for terminal \"%s\""), getenv("TERM"));
			status = 2;
			goto cleanup;
		}
	} else if (!initscr()) {
		status = 2;
		goto cleanup;
	}
	/* raw: Ctrl-C is a key (asking before leaving, as Esc), not a signal
	 * that would end the program in the middle of an interview */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	gu_colors_init();
	gu_layout_compute(&a->lay, LINES, COLS);
	/* The start screen shows at once; the policy and the database (whose
	 * opening waits for the disk) are loaded right after and the screen is
	 * filled in.  A policy that cannot be used ends the program. */
	a->db_pending = true;
	gu_flow_go(a, GU_SCR_START);
	gu_screen_paint(a, &flow_screen, NULL);
	if (load_policy_or_leave(a) < 0) {
		status = 2;
		goto cleanup;
	}
	open_db(a);
	a->db_pending = false;
	gu_flow_go(a, GU_SCR_START);
	/* what the open found worth telling once (a file others could read) */
	if (a->db && *gu_db_notice(a->db))
		gu_app_message(a, GU_R_ALERT, gu_db_notice(a->db));
	/* who is working (when the database has users); may end the program */
	if (gu_screen_login(a) == GU_SCREEN_QUIT)
		a->quit = true;
	/* From now on, minutes without a key lock the screens of a logged-in user. */
	gu_input_set_idle(gu_settings_idle_minutes(gu_config()), gu_screen_lock, a);
	if (!a->quit)
		gu_screen_run(a, &flow_screen, NULL);
	endwin();
cleanup:
	if (flow[a->scr]->screen->leave)
		flow[a->scr]->screen->leave(a, flow[a->scr]->st);
	if (scr)
		delscreen(scr);
	close_data(a);
	gu_harness_finish();
	return status;
}
