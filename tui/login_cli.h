/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who is working, for the subcommands: once the database has users, every
 * command needs --user NAME and that user's password, from --password-file
 * or typed on the terminal without echo. */
#ifndef GUANAI_TUI_LOGIN_CLI_H
#define GUANAI_TUI_LOGIN_CLI_H

#include <stddef.h>
#include "db/store.h"

/* Reads a password into buf (size bytes): the first line of file when file
 * is not NULL, else typed on the terminal after prompt, without echo.
 * Returns 0, or -1 after printing what is wrong. */
int gu_cli_read_password(const char *file, const char *prompt, char *buf, size_t size);

/* Reads the password of --user for a new database (she will be its first
 * supervisor) into buf: from --password-file, or typed twice on the
 * terminal.  Returns 0, or an exit status after printing what is wrong. */
int gu_cli_read_new_password(char *buf, size_t size);

/* Prints a recovery key (as gu_db_keys_create writes it) on standard output
 * with what it is for and how to keep it. */
void gu_cli_print_recovery(const char *recovery);
/* Returns n bytes of memory of their own for a secret such as a recovery
 * key (sodium_malloc: out of ordinary memory, guarded; free with
 * sodium_free, which wipes them), or NULL. */
void *gu_cli_secret_alloc(size_t n);

/* Logs in the user of --user with the password of --password-file (or
 * asked for) when the database has users; does nothing when it has none.
 * Returns 0, or an exit status (1, or 2 when --user is missing) after
 * printing what is wrong. */
int gu_cli_login(gu_db *db);

/* Opens the database of --db (or the default) with flags
 * (GU_DB_OPEN_READONLY, ...) without logging in, and prints what the open
 * found worth telling (gu_db_notice).  Returns 0 with *out open, or 1 after
 * printing what is wrong. */
int gu_cli_open_only(unsigned flags, gu_db **out);

/* Opens the database of --db (or the default) with flags
 * (GU_DB_OPEN_READONLY, ...) as gu_cli_open_only, and logs in as gu_cli_login does.  Returns 0
 * with *out open, or an exit status after printing what is wrong. */
int gu_cli_open(unsigned flags, gu_db **out);

#endif
