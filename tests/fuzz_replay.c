/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays the fuzz corpus through the fuzz target, so every input that
 * once found a bug is checked in make check; speaks TAP. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The folder under tests/fuzz holding the target's corpus. */
#ifndef FUZZ_CORPUS
#define FUZZ_CORPUS "corpus"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Compares two names for qsort; returns their order. */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file; returns a malloc'd buffer with its size, or NULL. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* Runs every file of the corpus folder; returns 0 when all ran. */
int main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[8192];
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *e;
	DIR *d;
	int failed = 0;

	snprintf(dir, sizeof dir, "%s/tests/fuzz/" FUZZ_CORPUS, top && *top ? top : TOP_SRCDIR);
	for (i = 1; i < (size_t)argc; i++)
		if (strncmp(argv[i], "--", 2) != 0)
			snprintf(dir, sizeof dir, "%s", argv[i]);
	d = opendir(dir);
	if (!d) {
		/* The corpus is part of the tree: without it nothing is replayed. */
		printf("Bail out! no corpus at %s\n", dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nv = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *nv);

			if (!nv)
				return 1;
			names = nv;
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		size_t size = 0;
		uint8_t *buf;

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		buf = slurp(path, &size);
		if (!buf) {
			printf("not ok %zu - %s cannot be read\n", i + 1, names[i]);
			failed = 1;
		} else {
			LLVMFuzzerTestOneInput(buf, size);
			printf("ok %zu - %s\n", i + 1, names[i]);
		}
		free(buf);
		free(names[i]);
	}
	free(names);
	printf("1..%zu\n", n);
	return failed;
}
