/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Finding, creating, opening and closing the case store. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/crypt_vfs.h"
#include "db/exchange_internal.h"
#include "db/internal.h"
#include "db/schema.h"

int gu_db_open_busy_ms = 5000;

/* Writes the path to use into buf; returns 0 or -GU_EINVAL. */
int gu_db_default_path(const char *opt_path, char *buf, size_t size, gu_error *err)
{
	const char *env = getenv("GUANAI_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	if (opt_path && *opt_path)
		n = snprintf(buf, size, "%s", opt_path);
	else if (env && *env)
		n = snprintf(buf, size, "%s", env);
	else if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/guanai/guanai.db", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.local/share/guanai/guanai.db", home);
	else
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("cannot tell where the database belongs: HOME is not set; give one with --db PATH"));
	if (n < 0 || (size_t)n >= size)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the database path is too long"));
	return 0;
}

/* Returns the gu_code for a failed file operation's errno. */
static enum gu_code errno_code(int e)
{
	if (e == EACCES || e == EPERM || e == EROFS)
		return GU_EDB_READONLY;
	if (e == ENOSPC || e == EDQUOT)
		return GU_EDB_FULL;
	return GU_EIO;
}

/* Creates dir and its missing parents with mode 0700; returns 0 or < 0. */
static int make_folders(char *dir, const char *path, gu_error *err)
{
	struct stat st;
	char *slash;

	if (dir[0] == '\0' || stat(dir, &st) == 0)
		return 0;
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		int ret;

		*slash = '\0';
		ret = make_folders(dir, path, err);
		*slash = '/';
		if (ret < 0)
			return ret;
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return gu_error_set(err, errno_code(errno), path, 0, 0,
			_("cannot create the folder %s: %s"), dir, strerror(errno));
	return 0;
}

/* Writes the folder of path into dir (size bytes): "." when it has none;
 * returns 0 or -1 when it does not fit. */
static int folder_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t len;

	if (!slash) {
		snprintf(dir, size, ".");
		return 0;
	}
	len = (size_t)(slash - path);
	if (len >= size)
		return -1;
	memcpy(dir, path, len);
	dir[len] = '\0';
	if (len == 0)
		snprintf(dir, size, "/");
	return 0;
}

/* Creates the folder of path and its missing parents (0700); returns 0
 * or < 0. */
int gu_db_make_folder(const char *path, gu_error *err)
{
	char dir[4096];

	if (folder_of(path, dir, sizeof dir) < 0)
		return gu_error_set(err, GU_EINVAL, path, 0, 0, _("the database path is too long"));
	return make_folders(dir, path, err);
}

/* Returns true when path is on a file system mounted read-only. */
static bool on_read_only_disk(const char *path)
{
	struct statvfs vfs;

	return statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

/* Fills err for a database path that is (or whose folder is) a symbolic
 * link, naming the real path to give instead; returns -GU_EINVAL. */
static int symlink_error(const char *path, const char *link, gu_error *err)
{
	char *real = realpath(path, NULL);
	int ret;

	if (strcmp(link, path) == 0)
		ret = real
			? gu_error_set(err, GU_EINVAL, path, 0, 0,
				_("the database path is a symbolic link; give the file itself instead: --db %s"),
				real)
			: gu_error_set(err, GU_EINVAL, path, 0, 0,
				_("the database path is a symbolic link to nothing; give the path of the database file itself"));
	else
		ret = gu_error_set(err, GU_EINVAL, path, 0, 0,
			_("the database's folder %s is a symbolic link; give the real folder instead: --db %s"),
			link, real ? real : _("(the real path of the file)"));
	free(real);
	return ret;
}

/* Opens the database file itself (creating it 0600 unless ro), never
 * through a symbolic link nor in a folder that is one; records its device
 * and inode, tightens a file others may read to 0600 and notes a folder
 * others may write, each in db->notice.  Returns 0 or < 0. */
static int open_file(gu_db *db, const char *path, bool ro, gu_error *err)
{
	char dir[4096];
	struct stat st;
	int fd, ret = 0;

	if (folder_of(path, dir, sizeof dir) < 0)
		return gu_error_set(err, GU_EINVAL, path, 0, 0, _("the database path is too long"));
	if (strcmp(dir, "/") != 0 && strcmp(dir, ".") != 0 && lstat(dir, &st) == 0
	    && S_ISLNK(st.st_mode))
		return symlink_error(path, dir, err);
	if (!ro) {
		ret = make_folders(dir, path, err);
		if (ret < 0)
			return ret;
		if (access(dir, W_OK | X_OK) < 0)
			return gu_error_set(err, errno_code(errno), path, 0, 0,
				errno == EROFS
				? _("the database cannot be written: its disk is read-only; copy it to a writable disk or open it with a read-only command")
				: _("the database cannot be written (%s); check the permissions of the file and its folder"),
				_("its folder cannot be written"));
	}
	fd = open(path, (ro ? O_RDONLY : O_RDWR | O_CREAT) | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == ELOOP)
		return symlink_error(path, path, err);
	if (fd < 0 && ro)
		return gu_error_set(err, errno == ENOENT ? GU_ENOTFOUND : errno_code(errno), path, 0, 0,
			_("cannot open the database: %s"), strerror(errno));
	if (fd < 0)
		return gu_error_set(err, errno_code(errno), path, 0, 0,
			errno == EROFS
			? _("the database cannot be written: its disk is read-only; copy it to a writable disk or open it with a read-only command")
			: _("the database cannot be written (%s); check the permissions of the file and its folder"),
			strerror(errno));
	if (fstat(fd, &st) == 0) {
		db->file_known = true;
		db->file_dev = (unsigned long long)st.st_dev;
		db->file_ino = (unsigned long long)st.st_ino;
		if ((st.st_mode & 077) && fchmod(fd, st.st_mode & 0600) == 0)
			snprintf(db->notice, sizeof db->notice,
				_("%s: other users could read the database; it is now readable by you only"),
				path);
	}
	close(fd);
	if (stat(dir, &st) == 0 && (st.st_mode & S_IWOTH) && !db->notice[0]
	    && !on_read_only_disk(dir))
		snprintf(db->notice, sizeof db->notice,
			_("%s: other users may write to the database's folder %s and could remove or "
			  "replace the database; keep it in a folder only you can write"), path, dir);
	return ret;
}

/* Flushes the folder holding path to disk, so a file just created there
 * (the database, its write-ahead log) survives a power cut. */
static void sync_folder(const char *path)
{
	char dir[4096];
	int fd;

	if (folder_of(path, dir, sizeof dir) < 0)
		return;
	fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd); /* some file systems cannot sync a folder; nothing to do then */
		close(fd);
	}
}

/* Returns an sqlite3_malloc'd "file:" URI naming path, opened immutable
 * (through vfs unless NULL), or NULL when out of memory. */
static char *immutable_uri(const char *path, const char *vfs)
{
	char query[64];

	snprintf(query, sizeof query, "immutable=1%s%s", vfs ? "&vfs=" : "", vfs ? vfs : "");
	return gu_db_file_uri(path, query);
}

/* Runs a statement returning one integer into *value; returns the SQLite result. */
static int query_int(sqlite3 *h, const char *sql, int *value)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*value = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			*value = 0;
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Checks that h is a guanai database this program can read; sets *version.
 * Returns 0 or < 0. */
static int identify(sqlite3 *h, const char *path, int *version, gu_error *err)
{
	int app = 0, tables = 0, rc;

	rc = query_int(h, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = query_int(h, "PRAGMA user_version", version);
	if (rc == SQLITE_OK)
		rc = query_int(h, "SELECT count(*) FROM sqlite_master", &tables);
	if (rc != SQLITE_OK)
		return gu_db_fail_handle(h, path, rc, err);
	if (app != GU_DB_APPLICATION_ID && !(app == 0 && *version == 0 && tables == 0))
		return gu_error_set(err, GU_EDB_NOTADB, path, 0, 0,
			_("the file is not a guanai database; choose another file with --db"));
	if (*version > GU_DB_SCHEMA_VERSION)
		return gu_error_set(err, GU_EDB_NEWER, path, 0, 0,
			_("the database was written by a newer guanai (layout %d; this one knows up to %d); "
			  "update guanai to open it"), *version, GU_DB_SCHEMA_VERSION);
	return 0;
}

/* Runs PRAGMA quick_check or integrity_check on h; returns 0 when ok,
 * else -GU_EDB_CORRUPT (or another error) with the first problem. */
static int check_handle(sqlite3 *h, const char *path, const char *pragma, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	rc = sqlite3_prepare_v2(h, pragma, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);

		if (!first || strcmp(first, "ok") != 0)
			ret = gu_error_set(err, GU_EDB_CORRUPT, path, 0, 0,
				_("the database is damaged (%s); restore it from a backup"),
				first ? first : "?");
	} else {
		ret = gu_db_fail_handle(h, path, rc, err);
	}
	sqlite3_finalize(st);
	return ret;
}

/* Runs a quick_check on h; returns 0 when ok, else < 0. */
int gu_db_quick_check_handle(sqlite3 *h, const char *path, gu_error *err)
{
	return check_handle(h, path, "PRAGMA quick_check", err);
}

/* Reads a meta value into buf; returns 0, 1 when absent, or < 0. */
static int meta_get(gu_db *db, const char *key, char *buf, size_t size, gu_error *err)
{
	sqlite3_stmt *st = gu_db_stmt(db, GU_ST_META_GET,
		"SELECT value FROM meta WHERE key = ?1", err);
	int rc, ret = 1;

	if (!st)
		return -(int)err->code;
	rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (rc != SQLITE_OK)
		goto cleanup;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		gu_column_copy(st, 0, buf, size);
		ret = 0;
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
cleanup:
	if (rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	sqlite3_reset(st);
	return ret;
}

/* Writes a meta value in its own transaction; returns 0 or < 0. */
static int meta_set(gu_db *db, const char *key, const char *value, gu_error *err)
{
	sqlite3_stmt *st;
	int rc, ret;

	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	st = gu_db_stmt(db, GU_ST_META_SET,
		"INSERT INTO meta (key, value) VALUES (?1, ?2)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value", err);
	if (!st) {
		gu_db_rollback(db);
		return -(int)err->code;
	}
	rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		ret = gu_db_fail(db, rc, err);
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* After an unclean close reads back what a crash can touch (db/recover.c,
 * in a time that does not grow with the database) and says so; marks the
 * database as open.  The mark of an open database says nothing while
 * another live process has it open (db/open_lock.c).  Returns 0 or < 0. */
static int check_last_close(gu_db *db, gu_error *err)
{
	char count[32] = "0";
	bool alone = gu_db_open_lock(db);
	int ret = meta_get(db, "open_count", count, sizeof count, err);

	if (ret < 0)
		return ret;
	if (alone && strcmp(count, "0") != 0) {
		ret = gu_db_check_recent(db, err);
		if (ret < 0)
			return ret;
		db->recovered = true;
		if (!db->notice[0])
			snprintf(db->notice, sizeof db->notice, "%s",
				/* TRANSLATORS: on the message line of the start screen, at most 78 columns */
				_("Not closed cleanly last time: saved work kept. Full check: guanai check"));
		ret = gu_db_begin(db, err);
		if (ret == 0)
			ret = gu_audit_add_in_tx(db, "db.recovered", NULL,
				"the latest changes read back after an unclean close", gu_time_now(), err);
		if (ret == 0)
			ret = gu_db_commit(db, err);
		else
			gu_db_rollback(db);
		if (ret < 0)
			return ret;
	}
	return meta_set(db, "open_count", "1", err);
}

/* Opens the database with flags; returns 0 or < 0. */
int gu_db_open_flags(const char *path, unsigned flags, gu_db **out, gu_error *err)
{
	bool ro = (flags & GU_OPEN_READONLY) != 0;
	gu_db *db = NULL;
	int rc, ret, version = 0;
	char mode[16] = "";
	GU_ERR_LOCAL(err);

	*out = NULL;
	gu_error_clear(err);
	if (!path || !*path)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no database file was given"));
	db = calloc(1, sizeof *db);
	if (db)
		db->open_lock = -1; /* db/open_lock.c: none held yet */
	if (!db || !(db->path = strdup(path))) {
		ret = gu_error_set(err, GU_ENOMEM, path, 0, 0, _("out of memory"));
		goto fail;
	}
	db->readonly = true; /* until it is open: no clean close to record */
	ret = open_file(db, path, ro, err);
	if (ret < 0)
		goto fail;
	ret = gu_db_crypt_choose(db, path, ro, err);
	if (ret < 0)
		goto fail;
	db->readonly = ro;
	if (ro && on_read_only_disk(path)) {
		char *uri = immutable_uri(path, gu_db_vfs(db));

		/* Nothing can change the file, and SQLite cannot make the shared
		 * memory file a write-ahead log needs there: read it as it is. */
		rc = uri ? sqlite3_open_v2(uri, &db->h,
				SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL)
			: SQLITE_NOMEM;
		sqlite3_free(uri);
	} else {
		/* The program has one thread, so a connection needs no mutex of
		 * its own: without it, reading a column does not lock and unlock
		 * one (a sixth of the CPU time of listing every case). */
		rc = sqlite3_open_v2(path, &db->h,
			(ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
				| SQLITE_OPEN_NOMUTEX,
			gu_db_vfs(db));
	}
	if (rc == SQLITE_OK && db->encrypted)
		rc = gu_crypt_prepare(db->h);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, gu_db_open_busy_ms);
	rc = sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		goto fail;
	}
	ret = identify(db->h, path, &version, err);
	if (ret < 0)
		goto fail;
	if (!ro) {
		sqlite3_stmt *st = NULL;

		rc = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1, &st, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			gu_column_copy(st, 0, mode, sizeof mode);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_OK) {
			ret = gu_db_fail(db, rc, err);
			goto fail;
		}
		if (strcmp(mode, "wal") != 0) {
			ret = gu_error_set(err, GU_EDB, path, 0, 0,
				_("the database cannot use write-ahead logging (journal mode %s); "
				  "put it on a local disk"), mode);
			goto fail;
		}
	}
	/* Pages are decrypted as they are read: for the commands that read
	 * (guanai cases, export), a cache of 8 MB (filled only as far as pages
	 * are used) keeps a list of a county's cases, whose groups and
	 * follow-ups are looked up case by case, from reading and decrypting
	 * the same pages again and again (SQLite's default 2 MB made guanai
	 * cases read each page three times at 20,000 cases).  The screens keep
	 * the default: their memory has a budget and they read a screenful. */
	rc = sqlite3_exec(db->h, ro ? "PRAGMA synchronous = FULL; PRAGMA cache_size = -8192"
		: "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		ret = gu_db_fail(db, rc, err);
		goto fail;
	}
	if (!ro && !(flags & GU_OPEN_NO_MIGRATE)) {
		ret = gu_db_migrate(db->h, path, GU_DB_SCHEMA_VERSION, err);
		if (ret < 0)
			goto fail;
		version = GU_DB_SCHEMA_VERSION;
	}
	if (version != GU_DB_SCHEMA_VERSION && !(flags & (GU_OPEN_ANY_VERSION | GU_OPEN_NO_MIGRATE))) {
		ret = gu_error_set(err, GU_EDB_READONLY, path, 0, 0,
			_("the database has an older layout (%d); open it once with write access to update it"),
			version);
		goto fail;
	}
	if (version >= 1) {
		ret = meta_get(db, "device", db->device, sizeof db->device, err);
		if (ret < 0)
			goto fail;
	}
	if (!ro && version == GU_DB_SCHEMA_VERSION) {
		ret = check_last_close(db, err);
		if (ret == 0)
			ret = gu_xchg_capture_refresh(db, err);
		if (ret < 0)
			goto fail;
		/* The file and its log now exist: make their names durable too. */
		sync_folder(path);
		gu_db_wal_remember(db);
	}
	*out = db;
	return 0;
fail:
	if (db) {
		db->readonly = true; /* not a clean close to record */
		gu_db_close(db);
	}
	return ret;
}

/* Opens read-write, creating and migrating; returns 0 or < 0. */
int gu_db_open(const char *path, gu_db **out, gu_error *err)
{
	return gu_db_open_flags(path, 0, out, err);
}

/* Opens read-only; returns 0 or < 0. */
int gu_db_open_readonly(const char *path, gu_db **out, gu_error *err)
{
	return gu_db_open_flags(path, GU_OPEN_READONLY, out, err);
}

/* Closes the store, recording a clean close. */
void gu_db_close(gu_db *db)
{
	unsigned i;

	if (!db)
		return;
	if (db->h && !db->readonly && db->device[0]) {
		gu_error ignored;

		gu_db_rollback(db);
		/* Closed by all only when no other live process holds it open. */
		if (gu_db_open_unlock(db))
			(void)meta_set(db, "open_count", "0", &ignored);
	}
	gu_db_open_lock_close(db);
	for (i = 0; i < GU_ST_COUNT; i++)
		sqlite3_finalize(db->st[i]);
	sqlite3_close(db->h);
	gu_policy_free(db->text_policy);
	free(db->path);
	free(db->user);
	free(db);
}

/* Returns the file name. */
const char *gu_db_path(const gu_db *db)
{
	return db->path;
}

/* Returns what the open found worth telling once, or "". */
const char *gu_db_notice(const gu_db *db)
{
	return db->notice;
}

/* Returns the device id. */
const char *gu_db_device(const gu_db *db)
{
	return db->device;
}

/* Returns true when the open ran a quick_check after an unclean close. */
bool gu_db_was_recovered(const gu_db *db)
{
	return db->recovered;
}

/* Sets the user recorded with writes; returns 0 or -GU_ENOMEM. */
int gu_db_set_user(gu_db *db, const char *user)
{
	char *copy = NULL;

	if (user && *user && !(copy = strdup(user)))
		return -GU_ENOMEM;
	free(db->user);
	db->user = copy;
	return 0;
}

/* Sets the busy timeout. */
void gu_db_set_busy_timeout(gu_db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms);
}

/* The tables a guanai database has (answers and results views from
 * layout 19), with the layout that added each. */
static const struct {
	int version;
	const char *name;
} schema_tables[] = {
	{ 1, "meta" }, { 1, "cases" }, { 1, "answers" }, { 1, "answer_history" },
	{ 2, "results" }, { 2, "alerts" }, { 2, "referrals" }, { 2, "followups" },
	{ 3, "users" }, { 3, "audit" },
	{ 4, "case_keys" }, { 4, "name_queue" }, { 4, "case_groups" }, { 4, "reviews" },
	{ 19, "answer_rows" }, { 19, "case_numbers" }, { 19, "device_numbers" },
	{ 19, "result_rows" }, { 19, "policy_numbers" },
};

/* Checks that h is a whole guanai database: its application_id, a layout
 * this program knows and every table of that layout; returns 0, or
 * -GU_EDB_CORRUPT / -GU_EDB_NOTADB naming what is missing. */
static int check_schema(sqlite3 *h, const char *path, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int app = 0, version = 0, rc, ret = 0;
	size_t i;

	rc = query_int(h, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = query_int(h, "PRAGMA user_version", &version);
	if (rc != SQLITE_OK)
		return gu_db_fail_handle(h, path, rc, err);
	if (app != GU_DB_APPLICATION_ID)
		return gu_error_set(err, GU_EDB_NOTADB, path, 0, 0,
			_("the file is not a guanai database (empty, or written by another program); "
			  "choose another file with --db"));
	if (version < 1 || version > GU_DB_SCHEMA_VERSION)
		return gu_error_set(err, GU_EDB_CORRUPT, path, 0, 0,
			_("the database is damaged (its layout number %d is unknown); restore it from a backup"),
			version);
	rc = sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view')"
		" AND name = ?1",
		-1, &st, NULL);
	for (i = 0; rc == SQLITE_OK && ret == 0 && i < sizeof schema_tables / sizeof schema_tables[0]; i++) {
		if (schema_tables[i].version > version)
			continue;
		sqlite3_reset(st);
		rc = sqlite3_bind_text(st, 1, schema_tables[i].name, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			ret = gu_error_set(err, GU_EDB_CORRUPT, path, 0, 0,
				_("the database is damaged (its table %s is missing); restore it from a backup"),
				schema_tables[i].name);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK && ret == 0)
		ret = gu_db_fail_handle(h, path, rc, err);
	sqlite3_finalize(st);
	return ret;
}

/* Runs integrity_check after checking the schema; returns 0 or < 0. */
int gu_db_check(gu_db *db, gu_error *err)
{
	int ret;
	GU_ERR_LOCAL(err);

	ret = check_schema(db->h, db->path, err);
	if (ret == 0)
		ret = check_handle(db->h, db->path, "PRAGMA integrity_check", err);
	return ret;
}

/* Opens the database the options name; returns 0 or < 0. */
int gu_db_open_path(const char *opt_path, unsigned flags, gu_db **out, gu_error *err)
{
	char path[4096];
	int ret;

	*out = NULL;
	ret = gu_db_default_path(opt_path, path, sizeof path, err);
	if (ret < 0)
		return ret;
	return gu_db_open_flags(path, flags, out, err);
}
