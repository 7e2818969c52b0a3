/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Holds a write lock on a database for a while, as another program would:
 * the TUI tests use it to make a save fail and then be retried.
 * Usage: test_tui_lock DATABASE SECONDS READY-FILE
 * Takes BEGIN IMMEDIATE, creates READY-FILE, sleeps, rolls back. */

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Locks, signals, waits and unlocks; returns the exit status. */
int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	FILE *ready;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: %s DATABASE SECONDS READY-FILE\n", argv[0]);
		return 2;
	}
	if (sqlite3_open(argv[1], &db) != SQLITE_OK
			|| sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", argv[0], db ? sqlite3_errmsg(db) : "cannot open");
		goto cleanup;
	}
	ready = fopen(argv[3], "w");
	if (!ready)
		goto cleanup;
	fclose(ready);
	sleep((unsigned)atoi(argv[2]));
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	rc = 0;
cleanup:
	sqlite3_close(db);
	return rc;
}
