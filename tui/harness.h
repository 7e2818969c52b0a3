/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The test mode: keys from a script file ($GUANAI_TEST_SCRIPT), curses
 * drawing to /dev/null, the screen dumped as UTF-8 text on request, a
 * watchdog, and the time each key took until the screen was updated.
 *
 * Script lines (a '#' line is a comment):
 *   key NAME...     keys by name: Enter Esc Tab BTab Space Backspace Delete
 *                   Up Down Left Right Home End PgUp PgDn F1-F12, C-a to C-z,
 *                   or one character
 *   type TEXT       each character of TEXT, as typed (Chinese too)
 *   dump FILE       the screen as text into FILE ($GUANAI_TEST_DUMP_DIR/FILE
 *                   when that is set), trailing blanks removed; beside
 *                   it FILE's name with .colors for .txt gets the colour
 *                   layer, a letter a column (gu_role_letter)
 *   resize COLS LINES   the terminal changes size
 *   idle            as if no key had come for the idle lock's minutes
 *   kill            the program stops dead, as in a power cut
 *   run COMMAND     runs a shell command and waits for it (to lock the
 *                   database from outside, say)
 *   expect KEY      stops the test (status 3) unless the interview shows
 *                   the question KEY ("@roster" for the roster; "-" for no
 *                   question): a script that lost its way says where
 * When the script ends the program leaves as if quit. */
#ifndef GUANAI_TUI_HARNESS_H
#define GUANAI_TUI_HARNESS_H

#include <stdbool.h>
#include <stdio.h>
#include <curses.h>

#include "tui/input.h"

/* Returns true when the program runs under a test script. */
bool gu_harness_active(void);
/* Opens the script and arms the watchdog when $GUANAI_TEST_SCRIPT is set;
 * returns 0, or -1 after printing why the script cannot be used. */
int gu_harness_start(void);
/* Starts curses on /dev/null at the size $COLUMNS x $LINES; returns the
 * screen, or NULL. */
SCREEN *gu_harness_newterm(void);
/* Reads the next key of the script into k, carrying out the commands met
 * on the way; returns true, or false at the end of the script. */
bool gu_harness_next(gu_key *k);
/* Notes which question the screen shows ("" when none), for "expect". */
void gu_harness_where(const char *key);
/* Notes that the screen is up to date after the last key. */
void gu_harness_key_done(void);
/* Writes the key timings ($GUANAI_TEST_TIMING) and closes the script. */
void gu_harness_finish(void);
/* Writes the whole screen as UTF-8 text lines to f; returns 0 or -1. */
int gu_screen_dump(FILE *f);
/* Writes the colour layer of the screen to f: for each line, one letter a
 * column naming the cell's colour role or attributes (gu_role_letter);
 * returns 0 or -1. */
int gu_screen_dump_colors(FILE *f);
/* Returns today's date as YYYY-MM-DD: $GUANAI_TEST_TODAY under a test
 * script, else the local date.  Static buffer. */
const char *gu_today(void);

#endif
