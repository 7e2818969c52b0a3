/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: the screens of questions a full interview of each family of
 * tests/profiles/ shows, before (the birth date and sex asked again after
 * a valid ID number, as the interview did) and now, counted by the same
 * code on the same plan.  A household member's questions are counted as
 * the roster asks them; the roster itself and the results are not. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/policy.h"

/* Compares two names for qsort; returns <0, 0 or >0. */
static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Prints the counts of one profile; returns 0, or 1 when it cannot be read. */
static int count_one(const gu_policy *p, const char *path, const char *name,
	size_t *before_all, size_t *after_all)
{
	gu_answers a;
	gu_plan plan;
	gu_error err;
	char buf[1024];
	size_t before, after;

	if (gu_answers_read_file(path, &a, &err) < 0) {
		fprintf(stderr, "%s\n", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	if (gu_plan_build(p, &a, &plan, &err) < 0) {
		fprintf(stderr, "%s\n", gu_error_text(&err, buf, sizeof buf));
		gu_answers_free(&a);
		return 1;
	}
	before = gu_plan_screens(&plan, &a, true);
	after = gu_plan_screens(&plan, &a, false);
	printf("  %-44s %6zu %6zu\n", name, before, after);
	*before_all += before;
	*after_all += after;
	gu_plan_free(&plan);
	gu_answers_free(&a);
	return 0;
}

/* Runs the benchmark; returns 0, or 1 when a file cannot be read. */
int main(void)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[8192], buf[1024];
	char *names[256];
	size_t n = 0, i, before = 0, after = 0;
	gu_policy *p = NULL;
	gu_error err;
	struct dirent *d;
	DIR *dp;
	int status = 0;

	top = top && *top ? top : TOP_SRCDIR;
	snprintf(path, sizeof path, "%s/data/chaoyang-2024.policy", top);
	if (gu_policy_load_file(path, &p, &err) < 0) {
		fprintf(stderr, "%s\n", gu_error_text(&err, buf, sizeof buf));
		return 1;
	}
	snprintf(dir, sizeof dir, "%s/tests/profiles", top);
	dp = opendir(dir);
	if (!dp) {
		perror(dir);
		gu_policy_free(p);
		return 1;
	}
	while ((d = readdir(dp)) && n < sizeof names / sizeof names[0]) {
		size_t len = strlen(d->d_name);

		if (len <= 8 || strcmp(d->d_name + len - 8, ".answers") != 0)
			continue;
		if (!(names[n] = strdup(d->d_name)))
			break;
		n++;
	}
	closedir(dp);
	qsort(names, n, sizeof names[0], cmp_name);
	printf("screens of questions in a full interview of each family (tests/profiles)\n");
	printf("  %-44s %6s %6s\n", "family", "before", "now");
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		status |= count_one(p, path, names[i], &before, &after);
		free(names[i]);
	}
	printf("  %-44s %6zu %6zu\n", "all", before, after);
	gu_policy_free(p);
	return status;
}
