/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the case store's tests: a scratch folder per test. */
#ifndef GUANAI_TESTS_TEST_DB_UTIL_H
#define GUANAI_TESTS_TEST_DB_UTIL_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Removes one file or folder for nftw; returns 0 to go on. */
static int tdb_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Makes a scratch folder into dir (at least 64 bytes); returns dir. */
static char *tdb_mkdir(char *dir)
{
	strcpy(dir, "/tmp/guanai-dbtest-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	return dir;
}

/* Removes the scratch folder and all it holds. */
static void tdb_rmdir(const char *dir)
{
	if (dir[0])
		nftw(dir, tdb_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
