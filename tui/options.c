/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Options every entry point understands, and finding the policy file. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "core/policy.h"
#include "core/recode.h"
#include "core/text.h"
#include "tui/locale.h"
#include "tui/options.h"

#define POLICY_FILE "chaoyang-2024.policy"

struct gu_options gu_opts;

/* Prints "guanai: message" and a newline to standard error, with the
 * control characters of the message (which may quote stored text or a file
 * name) escaped. */
void gu_complain(const char *fmt, ...)
{
	char buf[4096], *safe;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	safe = gu_text_escape_controls(buf, GU_ESCAPE_KEEP_LINES);
	fputs(PACKAGE ": ", stderr);
	fputs(safe ? safe : _("out of memory"), stderr);
	fputc('\n', stderr);
	free(safe);
}

/* Sets --user's and --password-file's defaults from the environment. */
void gu_options_from_env(void)
{
	const char *user = getenv("GUANAI_USER"), *file = getenv("GUANAI_PASSWORD_FILE");

	gu_opts.user = user && *user ? user : NULL;
	gu_opts.password_file = file && *file ? file : NULL;
}

/* Takes one common option; returns 0, -1 on a bad argument, 1 if not common. */
int gu_common_option(int opt, const char *arg)
{
	switch (opt) {
	case GU_OPT_LANG:
		if (gu_locale_set_lang(arg) < 0) {
			gu_complain(_("--lang takes zh or en, not \"%s\""), arg);
			return -1;
		}
		gu_opts.lang = arg;
		return 0;
	case GU_OPT_DB:
		gu_opts.db_path = arg;
		return 0;
	case GU_OPT_POLICY:
		gu_opts.policy_path = arg;
		return 0;
	case GU_OPT_USER:
		gu_opts.user = arg;
		return 0;
	case GU_OPT_PASSWORD_FILE:
		gu_opts.password_file = arg;
		return 0;
	default:
		return 1;
	}
}

/* Says that an option is not known, for the program (command NULL) or a
 * command; returns 2, the exit status. */
static int unknown_option(char **argv, const char *command)
{
	if (command)
		gu_complain(_("unknown option or missing argument \"%s\"; see \"%s %s --help\""),
			argv[optind - 1], PACKAGE, command);
	else if (optopt)
		gu_complain(_("unknown option -%c; see \"%s --help\""), optopt, PACKAGE);
	else
		gu_complain(_("unknown option or missing argument \"%s\"; see \"%s --help\""),
			argv[optind - 1], PACKAGE);
	return 2;
}

/* Parses the options of the program (command NULL: up to the command
 * name) or of a command; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, const char *command, void (*usage)(FILE *),
	const struct option *own, gu_option_fn take, void *ctx)
{
	static const struct option common[] = {
		GU_COMMON_LONGOPTS,
		{ "help", no_argument, NULL, GU_OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	struct option longopts[GU_MAX_OWN_OPTIONS + sizeof common / sizeof common[0]];
	size_t n = 0, i;
	int opt, rc;

	for (i = 0; own && own[i].name && n < GU_MAX_OWN_OPTIONS; i++)
		longopts[n++] = own[i];
	for (i = 0; i < sizeof common / sizeof common[0]; i++)
		longopts[n++] = common[i];
	opterr = 0;
	/* "+": the program's options end at the command's name */
	while ((opt = getopt_long(argc, argv, command ? "" : "+", longopts, NULL)) != -1) {
		switch (opt) {
		case GU_OPT_HELP:
			usage(stdout);
			return 0;
		case '?':
			return unknown_option(argv, command);
		default:
			rc = gu_common_option(opt, optarg);
			if (rc == 1)
				rc = take ? take(opt, optarg, ctx) : 2;
			if (rc == GU_OPTION_DONE)
				return 0;
			if (rc != 0)
				return rc < 0 ? 2 : rc;
		}
	}
	return -1;
}

/* Parses a plain command's options; returns -1 to go on, else the status. */
int gu_command_options(int argc, char **argv, const char *command, void (*usage)(FILE *),
	const struct option *own, gu_option_fn take, void *ctx)
{
	return parse_options(argc, argv, command, usage, own, take, ctx);
}

/* Parses the program's options before the command name; returns -1 to go
 * on, else the status. */
int gu_program_options(int argc, char **argv, void (*usage)(FILE *),
	const struct option *own, gu_option_fn take, void *ctx)
{
	return parse_options(argc, argv, NULL, usage, own, take, ctx);
}

/* Keeps an option's argument in the array ctx; returns 0. */
int gu_option_keep(int opt, const char *arg, void *ctx)
{
	const char **v = ctx;

	v[opt - GU_OPT_OWN] = arg ? arg : "";
	return 0;
}

/* Returns true when path names an existing regular file. */
static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Returns the policy file to use (see options.h). */
const char *gu_policy_path(void)
{
	static char path[PATH_MAX + 64];
	const char *env = getenv("GUANAI_POLICY");

	if (gu_opts.policy_path)
		return gu_opts.policy_path;
	if (env && *env)
		return env;
	/* Run from the build tree: the data folder beside the program. */
	snprintf(path, sizeof path, "%s/data/" POLICY_FILE, gu_program_dir());
	if (gu_program_dir()[0] && is_file(path))
		return path;
	snprintf(path, sizeof path, "%s/data/" POLICY_FILE, TOP_SRCDIR);
	if (is_file(path) && !is_file(PKGDATADIR "/" POLICY_FILE))
		return path;
	/* A county's own edited copy comes before the shipped one. */
	if (is_file(SYSCONFDIR "/" PACKAGE "/" POLICY_FILE))
		return SYSCONFDIR "/" PACKAGE "/" POLICY_FILE;
	return PKGDATADIR "/" POLICY_FILE;
}

/* Takes the argument of --encoding for answers files; returns 0 with
 * *encoding set, or 2 (the exit status) after saying what is accepted. */
int gu_encoding_option(const char *arg, const char **encoding)
{
	if (!gu_recode_known(arg)) {
		gu_complain(_("--encoding takes utf-8 or gb18030, not \"%s\""), arg);
		return 2;
	}
	*encoding = arg;
	return 0;
}
