/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers every benchmark uses: a monotonic clock, a fast
 * deterministic random generator, and sorting timings for percentiles. */
#ifndef GUANAI_TESTS_BENCH_UTIL_H
#define GUANAI_TESTS_BENCH_UTIL_H

#include <stdlib.h>
#include <time.h>

/* Returns a monotonic time in seconds. */
static inline double bench_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Returns a random number below n (xorshift, the same sequence every run). */
static inline unsigned bench_rnd(unsigned n)
{
	static unsigned long long s = 0x9e3779b97f4a7c15ULL;

	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return (unsigned)(s % n);
}

/* Compares doubles for qsort; returns <0, 0 or >0. */
static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts n timings in place so that percentiles can be read. */
static inline void bench_sort(double *t, size_t n)
{
	qsort(t, n, sizeof *t, bench_cmp_double);
}

/* Returns the p-th percentile (0-100) of n sorted timings (n > 0). */
static inline double bench_percentile(const double *sorted, size_t n, double p)
{
	size_t i = (size_t)((double)(n - 1) * p / 100.0);

	return sorted[i < n ? i : n - 1];
}

#endif
