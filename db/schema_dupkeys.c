/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The same child written with other characters of the same sound (刘思雨,
 * 刘思宇) is a possible duplicate (db/duplicates.c, docs/exchange.md): the
 * index finds the cases whose name has a given pinyin without reading
 * every case.  Only adds. */

#include "db/schema_dupkeys.h"

const char gu_db_schema_dupkeys[] =
	"CREATE INDEX case_keys_by_pinyin ON case_keys (pinyin) WHERE pinyin <> '';";
