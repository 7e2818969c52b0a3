/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entry points for the benchmarks only: the SQL the list and the dashboard
 * run, as sqlite3 shell scripts, so that a benchmark can time the shell on
 * the same work.  Not part of the store's interface. */
#ifndef GUANAI_DB_BENCH_H
#define GUANAI_DB_BENCH_H

#include <stddef.h>
#include "db/search.h"

/* Writes into buf (size bytes) the SQL gu_case_list runs for the first
 * page of f on fresh keys, with its values as sqlite3 shell ".parameter
 * set" lines (the list of a supervisor: f->worker must be NULL).  Returns
 * 0 or -GU_EINVAL. */
int gu_case_list_script(const gu_case_filter *f, char *buf, size_t size, gu_error *err);

/* Writes into buf (size bytes) the queries gu_dashboard_load runs for a
 * supervisor, as sqlite3 shell input with ".parameter set" lines.  Returns
 * 0 or -GU_EINVAL. */
int gu_dashboard_script(const char *from, const char *to, const char *today, char *buf,
	size_t size, gu_error *err);

#endif
