/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Who else has the database open: a lock on a file beside it.
 *
 * Every process that opens the database for writing holds a shared lock
 * on the file "<database>-open" while it is open.  The lock dies with its
 * process, so a process that can take it alone (exclusive) knows that no
 * live process has the database open: a marker of an open database then
 * comes from one that died.  Locks of open file descriptions (Linux) also
 * tell two opens in one process apart; elsewhere the process's own. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/internal.h"

#ifdef F_OFD_SETLK
#define LOCK_TRY F_OFD_SETLK
#define LOCK_WAIT F_OFD_SETLKW
#else
#define LOCK_TRY F_SETLK
#define LOCK_WAIT F_SETLKW
#endif

/* Sets a lock of type on the first byte of fd; returns fcntl's result. */
static int lock_byte(int fd, int cmd, short type)
{
	struct flock l;

	memset(&l, 0, sizeof l);
	l.l_type = type;
	l.l_whence = SEEK_SET;
	l.l_start = 0;
	l.l_len = 1;
	return fcntl(fd, cmd, &l);
}

/* Opens the lock file and holds it shared; returns true when no other live
 * process held it (or it cannot be made: then as if alone). */
bool gu_db_open_lock(gu_db *db)
{
	size_t n = strlen(db->path) + sizeof "-open";
	char *name = malloc(n);
	bool alone = true;
	int fd;

	db->open_lock = -1;
	if (!name)
		return true;
	snprintf(name, n, "%s-open", db->path);
	fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(name);
	if (fd < 0)
		return true;
	if (lock_byte(fd, LOCK_TRY, F_WRLCK) != 0)
		alone = false;
	/* Exclusive becomes shared at once; else wait while another open
	 * or close looks at the marker under its exclusive lock. */
	while (lock_byte(fd, LOCK_WAIT, F_RDLCK) != 0) {
		if (errno != EINTR) {
			close(fd);
			return alone;
		}
	}
	db->open_lock = fd;
	return alone;
}

/* Releases the lock; returns true when no other live process holds it,
 * so the database is closed by all (or no lock was held). */
bool gu_db_open_unlock(gu_db *db)
{
	bool last;

	if (db->open_lock < 0)
		return true;
	last = lock_byte(db->open_lock, LOCK_TRY, F_WRLCK) == 0;
	return last;
}

/* Closes the lock file, dropping its lock. */
void gu_db_open_lock_close(gu_db *db)
{
	if (db->open_lock >= 0)
		close(db->open_lock);
	db->open_lock = -1;
}
