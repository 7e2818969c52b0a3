/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shell tests' exchange clock: the system's, moved by
 * $GUANAI_TEST_CLOCK_SHIFT_MS milliseconds (a laptop with a wrong date).
 * Linked into guanai-test before db/libdb.a, it takes the place of
 * db/exchange_clock.c, which the installed program has. */
#include "config.h"

#include <stdlib.h>

#include "db/exchange_internal.h"

/* Returns the time now in UTC milliseconds, shifted. */
gu_time_ms gu_xchg_clock_now(void)
{
	const char *shift = getenv("GUANAI_TEST_CLOCK_SHIFT_MS");

	return gu_time_now() + (shift ? strtoll(shift, NULL, 10) : 0);
}
