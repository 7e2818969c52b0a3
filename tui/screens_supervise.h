/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The supervision screens: logging in and adding users, the case list
 * with search and filters, one case in full, and the dashboard.  Each
 * entry function runs its screen until the user leaves it and returns
 * what should happen next. */
#ifndef GUANAI_TUI_SCREENS_SUPERVISE_H
#define GUANAI_TUI_SCREENS_SUPERVISE_H

#include "db/visits.h"
#include "tui/app.h"
#include "tui/screen.h"

/* Before anything else: asks who is working and opens the database (on a
 * database without users, the first supervisor's form; with --user and
 * --password-file, nothing).  Returns GU_SCREEN_BACK when the program may
 * go on, or GU_SCREEN_QUIT. */
int gu_screen_login(gu_app *app);

/* "Switch user": logs out whoever is working (the database is closed and
 * its key wiped) and shows the login form; returns GU_SCREEN_BACK once
 * someone has logged in, or GU_SCREEN_QUIT. */
int gu_screen_switch_user(gu_app *app);

/* The idle lock (a gu_idle_fn for gu_input_set_idle, app a gu_app): when
 * a user is logged in, hides the screen and asks for their password again,
 * the idle_lock_minutes setting having passed without a key.  Returns
 * false when the user chose to quit instead, else true. */
bool gu_screen_lock(void *app);
/* The users: a supervisor adds users, resets a password, disables a user
 * (her cases go to the supervisor) and changes a role; everyone changes
 * her own password and may switch user.  Returns a gu_screen_ret. */
int gu_screen_users(gu_app *app);
/* The case list with search as you type, filters, sorting, revealing an
 * ID number and the CSV export; returns a gu_screen_ret. */
int gu_screen_cases(gu_app *app);
/* One case in full: summary, answers, results, timeline; follow-ups,
 * re-screening and review decisions.  Returns a gu_screen_ret. */
int gu_screen_caseview(gu_app *app, const char *case_id);
/* Counts by group, item, township and status, and overdue follow-ups, for
 * a chosen period; returns a gu_screen_ret. */
int gu_screen_dashboard(gu_app *app);
/* The regular visits: the cases visited regularly (which: all, due this
 * month or overdue), Enter opens one; returns a gu_screen_ret. */
int gu_screen_visits(gu_app *app, enum gu_visit_which which);

#endif
