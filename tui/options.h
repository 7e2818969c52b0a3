/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Options every entry point understands: --lang, --db, --policy, --user,
 * --password-file.  Given before or after the command name. */
#ifndef GUANAI_TUI_OPTIONS_H
#define GUANAI_TUI_OPTIONS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "db/store.h"

struct gu_options {
	const char *lang;          /* "zh", "en" or NULL for the locale's */
	const char *db_path;       /* --db, else $GUANAI_DB, else the default */
	const char *policy_path;   /* --policy, else the installed or build-tree file */
	const char *user;          /* --user, else $GUANAI_USER */
	const char *password_file; /* --password-file, else $GUANAI_PASSWORD_FILE */
};

extern struct gu_options gu_opts;

enum {
	GU_OPT_LANG = 0x1000,
	GU_OPT_DB,
	GU_OPT_POLICY,
	GU_OPT_USER,
	GU_OPT_PASSWORD_FILE,
	GU_OPT_HELP,
	GU_OPT_VERSION
};

#define GU_COMMON_LONGOPTS \
	{ "lang", required_argument, NULL, GU_OPT_LANG }, \
	{ "db", required_argument, NULL, GU_OPT_DB }, \
	{ "policy", required_argument, NULL, GU_OPT_POLICY }, \
	{ "user", required_argument, NULL, GU_OPT_USER }, \
	{ "password-file", required_argument, NULL, GU_OPT_PASSWORD_FILE }

/* Sets the defaults of --user and --password-file from the environment
 * ($GUANAI_USER, $GUANAI_PASSWORD_FILE: a file's name, never a password);
 * the options given override them.  Returns nothing. */
void gu_options_from_env(void);

/* Takes one of the common options; returns 0, or -1 (with a message
 * printed) when its argument is wrong, or 1 when opt is not a common one. */
int gu_common_option(int opt, const char *arg);

/* Takes one of a command's own options (opt: its value in the command's
 * table, arg: its argument or NULL) into ctx; returns 0, or the exit
 * status (2) after a message saying what is wrong. */
typedef int (*gu_option_fn)(int opt, const char *arg, void *ctx);

/* A gu_option_fn's answer for an option that has done all there is to do
 * (--version): parsing stops and the exit status is 0. */
#define GU_OPTION_DONE (-2)

/* The most options a command may have of its own. */
#define GU_MAX_OWN_OPTIONS 24
/* The value of a command's first own option; the others follow it. */
#define GU_OPT_OWN 0x2000

/* A gu_option_fn for options that are only kept: ctx is an array of
 * strings indexed by the option's value minus GU_OPT_OWN, where each
 * option's argument ("" for one that takes none) is put; returns 0. */
int gu_option_keep(int opt, const char *arg, void *ctx);

/* Parses a command's options: the common ones, --help (shows usage(stdout))
 * and its own (own: a table ended by a zero row, or NULL), each handed to
 * take with ctx; complains about an unknown option.  Returns -1 when the
 * command is to go on (its arguments start at optind), else the exit
 * status to return. */
int gu_command_options(int argc, char **argv, const char *command, void (*usage)(FILE *),
	const struct option *own, gu_option_fn take, void *ctx);

/* Parses the program's options, those before the command's name, as
 * gu_command_options does a command's; returns -1 when the program is to
 * go on (the command's name, if any, at optind), else the exit status. */
int gu_program_options(int argc, char **argv, void (*usage)(FILE *),
	const struct option *own, gu_option_fn take, void *ctx);

/* Returns the path of the policy file to use: --policy, $GUANAI_POLICY,
 * the build tree's data/ when run uninstalled, else a county's edited copy
 * in $(sysconfdir)/guanai/, else the one installed under $(pkgdatadir). */
const char *gu_policy_path(void);
/* Loads the policy the new interviews of db (NULL: none open) use: the
 * file of --policy; else, on an enrolled laptop, the policy its office
 * sent last; else the file gu_policy_path names (tui/policy_office.c).
 * Returns 0 with *out (free with gu_policy_free) or < 0. */
int gu_policy_load_for(gu_db *db, gu_policy **out, gu_error *err);
/* Replaces *pol with the policy db's office sent when db is a laptop
 * holding one and --policy was not given; returns 1 when it did, 0 when
 * not, or < 0 (*pol unchanged). */
int gu_policy_take_office(gu_db *db, gu_policy **pol, gu_error *err);
/* Returns the number of items of the policy db's new interviews use
 * (gu_policy_load_for: on an enrolled laptop, its office's; db NULL
 * before a database is open: the file's), or 0 when it cannot be loaded. */
int gu_policy_items(gu_db *db);
/* Returns gu_policy_items(db), or GU_ITEMS_MAX without a policy: the
 * highest item number a command accepts. */
int gu_policy_items_or_max(gu_db *db);

/* Takes the argument of --encoding for answers files (utf-8 or gb18030);
 * returns 0 with *encoding set, or 2 (the exit status) after a message. */
int gu_encoding_option(const char *arg, const char **encoding);

/* Prints "guanai: message" to standard error, translated by the caller. */
void gu_complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
