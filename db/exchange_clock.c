/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The clock a bundle carries and its receiver compares (docs/exchange.md):
 * the system's.  A file of its own so the shell tests' program can link a
 * shifted clock in its place (tests/exchange_clock_shift.c), as it does
 * the Argon2id limits; the installed program always has this one. */

#include "db/exchange_internal.h"

/* Returns the time now in UTC milliseconds (gu_time_now). */
gu_time_ms gu_xchg_clock_now(void)
{
	return gu_time_now();
}
