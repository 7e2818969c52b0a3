/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who may see and change which case.  A worker sees and edits only the
 * cases whose worker is their own name; a supervisor sees all; a database
 * without any user who can log in (one worker's laptop that skipped
 * set-up) needs no login and shows everything.  Once such users exist,
 * nothing is shown until someone logs in (db/auth.h). */
#ifndef GUANAI_DB_ACCESS_H
#define GUANAI_DB_ACCESS_H

#include <stdbool.h>
#include "db/store.h"

enum gu_access {
	GU_ACCESS_NONE = 0,  /* users exist and nobody is logged in */
	GU_ACCESS_OWN,       /* a worker: their own cases */
	GU_ACCESS_ALL        /* a supervisor, or a database without users */
};

/* Sets *mode to what the session may see; returns 0 or < 0. */
int gu_access_mode(gu_db *db, enum gu_access *mode, gu_error *err);

/* Returns 0 when the session may read and change a case whose worker is
 * worker, -GU_EPERM (with a message naming the case) when not, or < 0. */
int gu_access_check_worker(gu_db *db, const char *case_id, const char *worker,
	gu_error *err);

/* As gu_access_check_worker, reading the case's worker from the database.
 * A case that does not exist passes (the caller reports it missing). */
int gu_access_check_case(gu_db *db, const char *case_id, gu_error *err);

/* Sets *worker to the worker a case list must be limited to: NULL for no
 * limit beyond the caller's, the session user for a worker.  Returns 0,
 * -GU_EPERM when nobody is logged in although users exist, or < 0.  When
 * the caller asked for another worker's cases, a worker gets -GU_EPERM. */
int gu_access_list_worker(gu_db *db, const char *requested, const char **worker,
	gu_error *err);

/* Returns 0 when a supervisor is logged in (or the database has no users
 * and allow_without_users is set), else -GU_EPERM with a message. */
int gu_access_require_supervisor(gu_db *db, bool allow_without_users, gu_error *err);

#endif
