/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Random 128-bit ids and the clock. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/internal.h"

/* Fills buf with n random bytes from the kernel; returns 0 or -1. */
static int random_bytes(unsigned char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)r;
	}
	if (got < n) {
		int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			return -1;
		while (got < n) {
			ssize_t r = read(fd, buf + got, n - got);

			if (r <= 0 && errno != EINTR)
				break;
			if (r > 0)
				got += (size_t)r;
		}
		close(fd);
	}
	return got == n ? 0 : -1;
}

/* Writes 32 random hex digits into id; returns 0 or -GU_EIO. */
int gu_db_new_id(char id[GU_ID_SIZE], gu_error *err)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	size_t i;

	if (random_bytes(b, sizeof b) < 0)
		return gu_error_set(err, GU_EIO, NULL, 0, 0,
			_("cannot read random numbers from the system: %s"), strerror(errno));
	for (i = 0; i < sizeof b; i++) {
		id[2 * i] = hex[b[i] >> 4];
		id[2 * i + 1] = hex[b[i] & 15];
	}
	id[32] = '\0';
	return 0;
}

/* Returns the time now in UTC milliseconds, never the same value twice in
 * one process: two writes in the same millisecond still sort in the order
 * they were made (lists are "newest first"). */
gu_time_ms gu_time_now(void)
{
	static gu_time_ms last;
	struct timespec ts;
	gu_time_ms now;

	clock_gettime(CLOCK_REALTIME, &ts);
	now = (gu_time_ms)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (now <= last)
		now = last + 1;
	last = now;
	return now;
}
