/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Turning SQLite's result codes into guanai's error codes and messages
 * that say what happened to the database and what to do about it. */

#include <errno.h>
#include <string.h>

#include "core/i18n.h"
#include "db/internal.h"

/* Returns the gu_code a SQLite result code maps to. */
enum gu_code gu_db_code(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return GU_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return GU_EDB_LOCKED;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return GU_EDB_READONLY;
	case SQLITE_FULL:
		return GU_EDB_FULL;
	case SQLITE_CORRUPT:
		return GU_EDB_CORRUPT;
	case SQLITE_NOTADB:
		return GU_EDB_NOTADB;
	case SQLITE_NOMEM:
		return GU_ENOMEM;
	case SQLITE_IOERR:
		if (rc == SQLITE_IOERR_NOMEM)
			return GU_ENOMEM;
		if (rc == SQLITE_IOERR_DATA)
			return GU_EDB_CORRUPT; /* an encrypted page failed its tag */
		return GU_EIO;
	case SQLITE_CANTOPEN:
		return GU_EIO;
	default:
		return GU_EDB;
	}
}

/* Fills err for code with a message naming detail; returns -(int)code. */
static int describe(const char *path, int rc, const char *detail, gu_error *err)
{
	enum gu_code code = gu_db_code(rc);

	if (!detail)
		detail = sqlite3_errstr(rc);
	switch (code) {
	case GU_EDB_LOCKED:
		return gu_error_set(err, code, path, 0, 0,
			_("the database is in use by another guanai; close the other one, then try again"));
	case GU_EDB_READONLY:
		return gu_error_set(err, code, path, 0, 0,
			_("the database cannot be written (%s); check the permissions of the file and its folder"),
			detail);
	case GU_EDB_FULL:
		return gu_error_set(err, code, path, 0, 0,
			_("the disk is full; free some space, then try again (nothing was lost)"));
	case GU_EDB_CORRUPT:
		if (rc == SQLITE_IOERR_DATA)
			return gu_error_set(err, code, path, 0, 0,
				_("the database is damaged: a page fails its check (it was changed outside "
				  "guanai, or the disk lost it); nothing was read from it; restore the "
				  "database from a backup"));
		return gu_error_set(err, code, path, 0, 0,
			_("the database is damaged (%s); restore it from a backup"), detail);
	case GU_EDB_NOTADB:
		return gu_error_set(err, code, path, 0, 0,
			_("the file is not a guanai database; choose another file with --db"));
	case GU_ENOMEM:
		return gu_error_set(err, code, path, 0, 0, _("out of memory"));
	case GU_EIO:
		return gu_error_set(err, code, path, 0, 0,
			_("cannot read or write the database (%s); check the disk, then try again"),
			detail);
	default:
		return gu_error_set(err, GU_EDB, path, 0, 0, _("database error: %s"), detail);
	}
}

/* Fills err for a failed read or write whose system error (SQLite's
 * record of it, else errno as the failed call left it) tells more than
 * SQLite's code: a disk that became read-only or full.  Returns the
 * negative code, or 0 when the system error adds nothing. */
static int describe_system(sqlite3 *h, const char *path, int rc, int last_errno,
	gu_error *err)
{
	int primary = rc & 0xff, e;

	if (primary != SQLITE_IOERR && primary != SQLITE_READONLY
	    && primary != SQLITE_CANTOPEN && primary != SQLITE_FULL)
		return 0;
	e = h ? sqlite3_system_errno(h) : 0;
	if (e == 0)
		e = last_errno;
	if (e == EROFS)
		return gu_error_set(err, GU_EDB_READONLY, path, 0, 0,
			_("the disk holding the database is read-only, so nothing can be saved; "
			  "make the disk writable (or copy the database to one), then start guanai again"));
	if (e == ENOSPC || e == EDQUOT)
		return gu_error_set(err, GU_EDB_FULL, path, 0, 0,
			_("the disk is full; free some space, then try again (nothing was lost)"));
	return 0;
}

/* Fills err from rc and the handle's message; returns the negative code. */
int gu_db_fail_handle(sqlite3 *h, const char *path, int rc, gu_error *err)
{
	const char *detail = NULL;
	int ret = describe_system(h, path, rc, errno, err);

	if (ret < 0)
		return ret;
	if (h && sqlite3_extended_errcode(h) == rc)
		detail = sqlite3_errmsg(h);
	return describe(path, rc, detail, err);
}

/* Fills err from rc for an open store; returns the negative code. */
int gu_db_fail(gu_db *db, int rc, gu_error *err)
{
	return gu_db_fail_handle(db->h, db->path, rc, err);
}
