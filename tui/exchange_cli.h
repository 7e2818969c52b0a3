/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the exchange's commands share: reading a file a user named and
 * writing a text file through the safe writer, each saying what is wrong. */
#ifndef GUANAI_TUI_EXCHANGE_CLI_H
#define GUANAI_TUI_EXCHANGE_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"

/* The largest bundle read, in bytes. */
#define GU_CLI_BUNDLE_MAX (1024UL * 1024 * 1024)

/* Reads the whole file at path (at most max bytes) into a malloc'd buffer
 * with a NUL after it; returns 0, or 1 after printing what is wrong. */
int gu_cli_read_file(const char *path, size_t max, unsigned char **data, size_t *len);

/* Writes text to the new file path (over an existing one only with
 * replace) through the safe writer; returns 0, or 1 after printing what is
 * wrong. */
int gu_cli_write_text(gu_db *db, const char *path, const char *text, bool replace);

/* Prints the message of err and returns 1 (2 for a bad value). */
int gu_cli_fail(const gu_error *err);

#endif
