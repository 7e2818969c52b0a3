/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A suite that never ends, run only by tests/test_timeouts.sh: its
 * .timeout must stop it and fail it, as it would any suite that hangs. */
#include "config.h"

#include <criterion/criterion.h>
#include <unistd.h>

TestSuite(hang, .timeout = 2);

Test(hang, waits_forever)
{
	for (;;)
		sleep(1);
}
