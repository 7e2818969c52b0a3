/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* How much memory SQLite may keep for its caches in this process. */

#include <sqlite3.h>

#include "db/store.h"

/* Sets SQLite's soft heap limit for the process. */
void gu_db_limit_memory(long long bytes)
{
	sqlite3_soft_heap_limit64(bytes);
}
