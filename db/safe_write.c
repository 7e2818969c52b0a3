/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Writing a user-named file without ever destroying the database or a
 * file the user did not agree to replace (see db/safe_write.h). */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/internal.h"
#include "db/safe_write.h"

/* The files SQLite keeps beside a database, and db/open_lock.c's. */
static const char *const companions[] = { "", "-wal", "-shm", "-journal", "-open" };
#define COMPANION_COUNT (sizeof companions / sizeof companions[0])

/* Fills err for a failed system call on path; returns the negative code. */
static int fail_errno(gu_error *err, const char *path, int e)
{
	if (e == EROFS)
		return gu_error_set(err, GU_EDB_READONLY, path, 0, 0,
			_("cannot write the file: the disk is read-only; choose a folder on a writable disk"));
	if (e == ENOSPC || e == EDQUOT)
		return gu_error_set(err, GU_EDB_FULL, path, 0, 0,
			_("cannot write the file: the disk is full; free some space or choose another disk"));
	if (e == EACCES || e == EPERM)
		return gu_error_set(err, GU_EIO, path, 0, 0,
			_("cannot write the file: %s; choose a folder you may write to"), strerror(e));
	return gu_error_set(err, GU_EIO, path, 0, 0, _("cannot write the file: %s"),
		strerror(e));
}

/* Fills err for a target that exists; returns -GU_EEXIST. */
static int exists_error(const gu_safe_file *f, gu_error *err)
{
	return gu_error_set(err, GU_EEXIST, f->target, 0, 0,
		_("the file exists and was left as it is; choose another name, or confirm "
		  "replacing it (--force for a command)"));
}

/* Splits path into a malloc'd folder ("." when none) and points *name at
 * the last component; returns the folder, or NULL when out of memory. */
static char *split_path(const char *path, const char **name)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (!slash) {
		*name = path;
		return strdup(".");
	}
	*name = slash + 1;
	if (slash == path)
		return strdup("/");
	dir = malloc((size_t)(slash - path) + 1);
	if (dir) {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	return dir;
}

/* Returns true when a and b are the same file. */
static bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Returns the suffix ("" for the database itself, "-wal", ...) of the
 * database file the target name in the folder dir_st would be, or NULL
 * when it is none of them. */
static const char *database_name(const gu_db *db, const struct stat *dir_st, const char *name)
{
	const char *db_name;
	char *db_dir = split_path(db->path, &db_name);
	struct stat st;
	size_t len = strlen(db_name), i;
	bool same_dir;

	if (!db_dir)
		return NULL;
	same_dir = stat(db_dir, &st) == 0 && same_inode(&st, dir_st);
	free(db_dir);
	if (!same_dir || strncmp(name, db_name, len) != 0)
		return NULL;
	for (i = 0; i < COMPANION_COUNT; i++)
		if (strcmp(name + len, companions[i]) == 0)
			return companions[i];
	return NULL;
}

/* Returns the suffix of the database file that target_st is (by device
 * and inode), or NULL when it is none of them. */
static const char *database_file(const gu_db *db, const struct stat *target_st)
{
	char path[4200];
	struct stat st;
	size_t i;

	if (db->file_known && target_st->st_dev == db->file_dev
	    && target_st->st_ino == db->file_ino)
		return "";
	for (i = 0; i < COMPANION_COUNT; i++) {
		snprintf(path, sizeof path, "%s%s", db->path, companions[i]);
		if (stat(path, &st) == 0 && same_inode(&st, target_st))
			return companions[i];
	}
	return NULL;
}

/* Checks that the target may be written: not the database or one of its
 * files, not a folder, and not an existing file unless replace.  Returns 0
 * or < 0. */
static int check_target(gu_db *db, const gu_safe_file *f, bool replace, gu_error *err)
{
	const char *which = NULL;
	struct stat dir_st, st, link_st;
	bool exists, present;

	if (fstat(f->dir_fd, &dir_st) < 0)
		return fail_errno(err, f->target, errno);
	exists = fstatat(f->dir_fd, f->name, &st, 0) == 0;
	if (!exists && errno != ENOENT && errno != ELOOP)
		return fail_errno(err, f->target, errno);
	/* A symlink, even a dangling one, is a file the user may not lose. */
	present = exists || fstatat(f->dir_fd, f->name, &link_st, AT_SYMLINK_NOFOLLOW) == 0;
	if (db) {
		which = database_name(db, &dir_st, f->name);
		if (!which && exists)
			which = database_file(db, &st);
	}
	if (which && !*which)
		return gu_error_set(err, GU_EINVAL, f->target, 0, 0,
			_("this is the open database: writing here would destroy its cases; "
			  "choose another file name"));
	if (which)
		return gu_error_set(err, GU_EINVAL, f->target, 0, 0,
			_("this is the open database's %s file: writing here would destroy its cases; "
			  "choose another file name"), which);
	if (exists && S_ISDIR(st.st_mode))
		return gu_error_set(err, GU_EINVAL, f->target, 0, 0,
			_("this is a folder; give a file name inside it"));
	if (!replace && present)
		return exists_error(f, err);
	return 0;
}

/* Frees what f holds (closing its files). */
static void release(gu_safe_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->dir_fd >= 0)
		close(f->dir_fd);
	free(f->target);
	free(f->temp_name);
	free(f->temp_path);
	f->fd = f->dir_fd = -1;
	f->target = f->temp_name = f->temp_path = NULL;
	f->name = NULL;
}

/* Creates the temporary file (a new random name, O_EXCL, no symlink
 * followed, 0600) in f's folder; returns 0 or < 0. */
static int create_temp(gu_safe_file *f, const char *dir, gu_error *err)
{
	char id[GU_ID_SIZE], name[64];
	int tries, ret;

	for (tries = 0; tries < 8; tries++) {
		ret = gu_db_new_id(id, err);
		if (ret < 0)
			return ret;
		snprintf(name, sizeof name, ".guanai-%.12s.tmp", id);
		f->fd = openat(f->dir_fd, name,
			O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (f->fd >= 0)
			break;
		if (errno != EEXIST)
			return fail_errno(err, f->target, errno);
	}
	if (f->fd < 0)
		return fail_errno(err, f->target, EEXIST);
	f->temp_name = strdup(name);
	f->temp_path = malloc(strlen(dir) + strlen(name) + 2);
	if (!f->temp_name || !f->temp_path) {
		(void)unlinkat(f->dir_fd, name, 0);
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	}
	sprintf(f->temp_path, "%s/%s", dir, name);
	return 0;
}

/* Prepares to write path; returns 0 or < 0. */
int gu_safe_open(gu_db *db, const char *path, unsigned flags, gu_safe_file *f,
	gu_error *err)
{
	char *dir = NULL;
	const char *name;
	int ret;
	GU_ERR_LOCAL(err);

	memset(f, 0, sizeof *f);
	f->fd = f->dir_fd = -1;
	f->replace = (flags & GU_SAFE_REPLACE) != 0;
	f->db = db;
	if (!path || !*path)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("no file name was given"));
	f->target = strdup(path);
	dir = split_path(path, &name);
	if (!f->target || !dir) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto cleanup;
	}
	f->name = f->target + (name - path);
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		ret = gu_error_set(err, GU_EINVAL, path, 0, 0,
			_("this is a folder; give a file name inside it"));
		goto cleanup;
	}
	f->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (f->dir_fd < 0) {
		ret = errno == ENOENT
			? gu_error_set(err, GU_ENOTFOUND, path, 0, 0,
				_("the folder %s does not exist; create it or choose another"), dir)
			: fail_errno(err, path, errno);
		goto cleanup;
	}
	ret = check_target(db, f, f->replace, err);
	if (ret == 0)
		ret = create_temp(f, dir, err);
cleanup:
	free(dir);
	if (ret < 0)
		release(f);
	return ret;
}

/* Moves the temporary file to the target name, never over an existing
 * file unless f->replace; returns 0 or -1 with errno set. */
static int move_into_place(gu_safe_file *f)
{
	struct stat st;

	if (f->replace)
		return renameat(f->dir_fd, f->temp_name, f->dir_fd, f->name);
	if (renameat2(f->dir_fd, f->temp_name, f->dir_fd, f->name, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* A file system without RENAME_NOREPLACE: a hard link cannot replace. */
	if (linkat(f->dir_fd, f->temp_name, f->dir_fd, f->name, 0) == 0) {
		(void)unlinkat(f->dir_fd, f->temp_name, 0);
		return 0;
	}
	if (errno == EEXIST)
		return -1;
	/* Nor hard links (a USB stick's FAT): look, then rename. */
	if (fstatat(f->dir_fd, f->name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		errno = EEXIST;
		return -1;
	}
	return renameat(f->dir_fd, f->temp_name, f->dir_fd, f->name);
}

/* Syncs and renames the file into place; returns 0 or < 0. */
int gu_safe_commit(gu_safe_file *f, gu_error *err)
{
	int ret = 0;
	GU_ERR_LOCAL(err);

	if (fsync(f->fd) < 0 || close(f->fd) < 0) {
		f->fd = -1;
		ret = fail_errno(err, f->target, errno);
		goto cleanup;
	}
	f->fd = -1;
	/* The folder may have changed while the file was written. */
	ret = check_target(f->db, f, true, err);
	if (ret < 0)
		goto cleanup;
	if (move_into_place(f) < 0) {
		ret = errno == EEXIST
			? exists_error(f, err)
			: fail_errno(err, f->target, errno);
		goto cleanup;
	}
	free(f->temp_name);
	f->temp_name = NULL;
	if (fsync(f->dir_fd) < 0 && errno != EINVAL && errno != EROFS)
		ret = fail_errno(err, f->target, errno);
cleanup:
	gu_safe_abort(f);
	return ret;
}

/* Removes the temporary file this call created and frees f. */
void gu_safe_abort(gu_safe_file *f)
{
	if (f->temp_name && f->dir_fd >= 0)
		(void)unlinkat(f->dir_fd, f->temp_name, 0);
	release(f);
}
