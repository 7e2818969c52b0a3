/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Noticing that the database's write-ahead log was removed or replaced
 * while the program runs (by another program, a careless clean-up).
 * SQLite would go on writing into the removed file and every answer saved
 * after that would vanish when the program closes; instead the answers
 * already committed are copied into the database through the still-open
 * log, and every later save is refused with a message saying how to go on. */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "db/internal.h"

/* Reads the device and inode of the database's -wal file; returns 0, or
 * -1 when it cannot be read (removed). */
static int wal_identity(const gu_db *db, unsigned long long *dev, unsigned long long *ino)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof path, "%s-wal", db->path);
	if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	*dev = (unsigned long long)st.st_dev;
	*ino = (unsigned long long)st.st_ino;
	return 0;
}

/* Notes which file the open log is. */
void gu_db_wal_remember(gu_db *db)
{
	db->wal_known = wal_identity(db, &db->wal_dev, &db->wal_ino) == 0;
}

/* Fills err for a lost log; returns -GU_EDB_WAL_LOST. */
static int lost_error(const gu_db *db, gu_error *err)
{
	return gu_error_set(err, GU_EDB_WAL_LOST, db->path, 0, 0,
		_("another program removed or replaced the database's log file (-wal): this is "
		  "NOT saved, what was saved before is safe; leave guanai and start it again"));
}

/* Checks that the log is still the file opened; when it is not, copies
 * what it held into the database and refuses every later save.  Returns 0
 * or -GU_EDB_WAL_LOST. */
int gu_db_wal_guard(gu_db *db, gu_error *err)
{
	unsigned long long dev, ino;
	int persist = 1;

	if (db->wal_lost)
		return lost_error(db, err);
	if (!db->wal_known || (wal_identity(db, &dev, &ino) == 0
	    && dev == db->wal_dev && ino == db->wal_ino))
		return 0;
	db->wal_lost = true;
	gu_db_rollback(db);
	/* The open handle still reads the removed log: what was committed
	 * there reaches the database file now. */
	(void)sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_FULL, NULL, NULL);
	/* Closing must not delete whatever file now has the log's name. */
	(void)sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	return lost_error(db, err);
}
