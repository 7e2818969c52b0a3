/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Migration 18: three indexes of cases are the leading columns of a longer
 * index that migration 7 added for the case list's order (db/schema_list.c),
 * so the longer one serves every query the shorter served, and each case
 * paid for both (docs/scale.md).  Dropping an index changes no row: the
 * exchange, the purge and the audit chain are untouched. */

#include "db/schema_indexes.h"

const char gu_db_schema_indexes[] =
	/* served by cases_in_list_order (updated_at, id) */
	"DROP INDEX cases_by_update;"
	/* served by cases_by_status_in_list_order (status, updated_at, id) */
	"DROP INDEX cases_by_status;"
	/* served by cases_by_township_in_list_order (township, updated_at DESC, id DESC) */
	"DROP INDEX cases_by_township;";
