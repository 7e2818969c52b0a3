/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one way guanai writes a file a user named (a backup, a CSV export,
 * later sheets and bundles): never the open database or its -wal, -shm or
 * -journal (compared by device and inode, so relative paths, symlinks and
 * hard links are caught), never through a symlink, never over an existing
 * file unless the caller was told to replace it, and atomically: the data
 * goes to a new 0600 file in the same folder, which is synced and renamed
 * over the target.  No path the user named is ever deleted. */
#ifndef GUANAI_DB_SAFE_WRITE_H
#define GUANAI_DB_SAFE_WRITE_H

#include <stdbool.h>

#include "db/store.h"

/* A file being written: write to fd (or to temp_path, for a program that
 * opens files by name), then gu_safe_commit or gu_safe_abort. */
typedef struct gu_safe_file {
	int fd;                 /* the temporary file, open for writing */
	gu_db *db;              /* the open database to protect, or NULL */
	int dir_fd;             /* the target's folder */
	char *target;           /* the path as the user gave it */
	char *name;             /* the target's name inside its folder */
	char *temp_name;        /* the temporary file's name inside that folder */
	char *temp_path;        /* the temporary file's path */
	bool replace;
} gu_safe_file;

/* Replace an existing target (the user confirmed, or gave --force). */
#define GU_SAFE_REPLACE 1u

/* Prepares to write path for db (may be NULL when no database is open):
 * refuses the database and its companion files, a folder and, without
 * GU_SAFE_REPLACE, an existing file (-GU_EEXIST, with a message saying how
 * to replace it), then creates the temporary file.  Returns 0 or < 0 with
 * err set and nothing left to free. */
int gu_safe_open(gu_db *db, const char *path, unsigned flags, gu_safe_file *f,
	gu_error *err);

/* Syncs the temporary file, renames it over the target (checked again:
 * without GU_SAFE_REPLACE a file that appeared meanwhile is kept) and syncs
 * the folder.  On failure removes the temporary file only.  Frees f either
 * way; returns 0 or < 0. */
int gu_safe_commit(gu_safe_file *f, gu_error *err);

/* Removes the temporary file and frees f. */
void gu_safe_abort(gu_safe_file *f);

#endif
