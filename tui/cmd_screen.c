/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* guanai screen: batch screening of answers files against the policy. */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/checks.h"
#include "core/eval.h"
#include "core/i18n.h"
#include "core/policy.h"
#include "core/recode.h"
#include "tui/commands.h"
#include "tui/options.h"

enum { OPT_FORMAT = 0x2000, OPT_ENCODING };

/* Prints the command's usage to f. */
static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s screen [--format tsv|json] [--encoding utf-8|gb18030] [--policy FILE] FILE...\n"),
		PACKAGE);
	fputs(_("Screen answers files against the policy: one line per item that is not\n"
		"\"no\": FILE, ITEM, VERDICT (eligible or verify), PERSONS, REASON, separated\n"
		"by tabs.  A file with an error prints its error and makes the exit status 2;\n"
		"the other files are still screened.\n"), f);
	fputs(_("  --format tsv|json   tab-separated lines (default) or one JSON object per file\n"), f);
	fputs(_("  --encoding ENC      the files' encoding: utf-8 (default) or gb18030, as\n"
		"                      Windows tools save them\n"), f);
}

/* Writes s as a JSON string to f. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The TSV lines of one file, gathered to be written with one fwrite. */
struct outbuf {
	char *s;
	size_t len, cap;
};

/* Makes room for n more bytes in ob; returns false when memory is short,
 * after writing out what ob holds (the caller then writes directly). */
static bool ob_room(struct outbuf *ob, size_t n)
{
	size_t cap;
	char *ns;

	if (ob->len + n <= ob->cap)
		return true;
	cap = ob->cap ? ob->cap : 16384;
	while (cap < ob->len + n)
		cap *= 2;
	ns = realloc(ob->s, cap);
	if (ns) {
		ob->s = ns;
		ob->cap = cap;
		return true;
	}
	if (ob->len)
		fwrite(ob->s, 1, ob->len, stdout);
	ob->len = 0;
	return false;
}

/* Appends n bytes of s to ob. */
static void ob_put(struct outbuf *ob, const char *s, size_t n)
{
	if (!ob_room(ob, n)) {
		fwrite(s, 1, n, stdout);
		return;
	}
	memcpy(ob->s + ob->len, s, n);
	ob->len += n;
}

/* Appends s to ob as a TSV field: tabs and line ends become spaces. */
static void ob_field(struct outbuf *ob, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "\t\n\r");

		ob_put(ob, s, n);
		s += n;
		if (!*s)
			return;
		ob_put(ob, " ", 1);
		s++;
	}
}

/* Gathers the results of one file as TSV lines in ob. */
static void print_tsv(const char *file, const gu_results *r, struct outbuf *ob)
{
	size_t i, flen = strlen(file);
	bool plain = strcspn(file, "\t\n\r") == flen;   /* the name needs no cleaning */

	for (i = 0; i < r->n; i++) {
		const gu_result *x = &r->v[i];
		const char *verdict, *reason;

		if (x->verdict == GU_NO)
			continue;
		char num[16];
		size_t k = sizeof num;
		unsigned v = x->item < 0 ? 0u - (unsigned)x->item : (unsigned)x->item;

		/* "\tN\t" written backwards, without printf: one line per item. */
		num[--k] = '\t';
		do {
			num[--k] = (char)('0' + v % 10);
			v /= 10;
		} while (v > 0 && k > 2);
		if (x->item < 0)
			num[--k] = '-';
		num[--k] = '\t';
		verdict = gu_tv_verdict(x->verdict);
		reason = x->reason ? x->reason : "";
		if (plain)
			ob_put(ob, file, flen);
		else
			ob_field(ob, file);
		ob_put(ob, num + k, sizeof num - k);
		ob_put(ob, verdict, strlen(verdict));
		ob_put(ob, "\t", 1);
		ob_put(ob, x->persons, strlen(x->persons));
		ob_put(ob, "\t", 1);
		ob_field(ob, reason);
		ob_put(ob, "\n", 1);
	}
}

/* Prints the results of one file as one JSON object on one line. */
static void print_json(const char *file, const gu_policy *p, const gu_results *r)
{
	size_t i, n = 0;

	fputs("{\"file\":", stdout);
	json_string(stdout, file);
	fputs(",\"policy\":{\"id\":", stdout);
	json_string(stdout, gu_policy_id(p));
	fputs(",\"version\":", stdout);
	json_string(stdout, gu_policy_version(p));
	fputs(",\"sha256\":", stdout);
	json_string(stdout, gu_policy_hash(p));
	fputs("},\"groups\":[", stdout);
	{
		const char *g = r->groups;

		while (*g) {
			const char *e = strchr(g, ',');
			size_t len = e ? (size_t)(e - g) : strlen(g);
			char buf[64];

			snprintf(buf, sizeof buf, "%.*s", (int)len, g);
			if (g != r->groups)
				putchar(',');
			json_string(stdout, buf);
			g += len;
			if (*g == ',')
				g++;
		}
	}
	fputs("],\"alerts\":[", stdout);
	for (i = 0; i < r->nalerts; i++) {
		fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
		json_string(stdout, r->alerts[i].id);
		fputs(",\"text\":", stdout);
		json_string(stdout, r->alerts[i].text);
		putchar('}');
	}
	fputs("],\"results\":[", stdout);
	for (i = 0; i < r->n; i++) {
		const gu_result *x = &r->v[i];
		size_t j;

		if (x->verdict == GU_NO)
			continue;
		printf("%s{\"item\":%d,\"verdict\":\"%s\",\"persons\":", n++ ? "," : "", x->item,
			gu_tv_verdict(x->verdict));
		json_string(stdout, x->persons);
		fputs(",\"reason\":", stdout);
		json_string(stdout, x->reason ? x->reason : "");
		fputs(",\"settle\":[", stdout);
		for (j = 0; j < x->nsettle; j++) {
			if (j)
				putchar(',');
			json_string(stdout, x->settle[j]);
		}
		fputs("]}", stdout);
	}
	fputs("],\"ask_next\":[", stdout);
	for (i = 0; i < r->nask; i++) {
		if (i)
			putchar(',');
		json_string(stdout, r->ask_next[i]);
	}
	fputs("]}\n", stdout);
}

/* A buffer reused for every file read. */
struct readbuf {
	char *s;
	size_t cap;
};

/* Reads a small file whole into rb with plain read(2) (one call for most
 * answers files); returns its length, or -1 with errno set. */
static long read_small(const char *file, struct readbuf *rb)
{
	int fd = open(file, O_RDONLY);
	size_t len = 0;

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t got;

		if (len + 4096 > rb->cap) {
			size_t cap = rb->cap ? rb->cap * 2 : 65536;
			char *ns = cap <= ((size_t)64 << 20) ? realloc(rb->s, cap) : NULL;

			if (!ns) {
				close(fd);
				errno = EFBIG;
				return -1;
			}
			rb->s = ns;
			rb->cap = cap;
		}
		got = read(fd, rb->s + len, rb->cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;

			close(fd);
			errno = e;
			return -1;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	return (long)len;
}

/* Screens one file; returns 0, or 2 after printing its error. */
static int screen_file(const gu_policy *p, gu_evaluator *ev, struct readbuf *rb,
	struct outbuf *ob, const char *file, const char *encoding, bool json)
{
	gu_answers a;
	gu_results r;
	gu_error err;
	char buf[1024], *utf8 = NULL;
	const char *text;
	size_t n;
	int status = 0;
	long len;

	memset(&r, 0, sizeof r);
	gu_answers_init(&a);
	len = read_small(file, rb);
	if (len < 0) {
		gu_error_set(&err, GU_EIO, file, 0, 0, _("cannot open the file: %s"), strerror(errno));
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 2;
		goto cleanup;
	}
	text = rb->s;
	n = (size_t)len;
	if (encoding && gu_recode_to_utf8(encoding, rb->s, n, file, &utf8, &n, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 2;
		goto cleanup;
	}
	if (utf8)
		text = utf8;
	if (gu_answers_parse(text, n, file, &a, &err) < 0
			|| gu_policy_check_answers(p, &a, file, &err) < 0
			|| gu_checks_reject(p, &a, file, &err) < 0
			|| gu_evaluator_run(ev, &a, &r, json ? GU_EVAL_ASK_NEXT : 0, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		status = 2;
		goto cleanup;
	}
	/* Valid but suspicious answers: said on standard error, output unchanged. */
	{
		size_t from = 0;

		while (gu_policy_answer_warning(p, &a, file, &from, &err) > 0)
			gu_complain(_("warning: %s"), gu_error_text(&err, buf, sizeof buf));
	}
	if (json)
		print_json(file, p, &r);
	else {
		print_tsv(file, &r, ob);
		if (ob->len)
			fwrite(ob->s, 1, ob->len, stdout);
		ob->len = 0;
	}
cleanup:
	free(utf8);
	gu_results_free(&r);
	gu_answers_free(&a);
	return status;
}

/* What the command's own options say. */
struct opts {
	bool json;
	const char *encoding;
};

/* Takes one of the command's own options into ctx; returns 0 or the exit
 * status after a message. */
static int take(int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;

	if (opt == OPT_FORMAT) {
		if (strcmp(arg, "json") == 0)
			o->json = true;
		else if (strcmp(arg, "tsv") == 0)
			o->json = false;
		else {
			gu_complain(_("--format takes tsv or json, not \"%s\""), arg);
			return 2;
		}
	} else if (opt == OPT_ENCODING) {
		return gu_encoding_option(arg, &o->encoding);
	}
	return 0;
}

/* Runs "guanai screen"; returns the exit status. */
int cmd_screen(int argc, char **argv)
{
	static const struct option own[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { 0 };
	gu_policy *p = NULL;
	gu_evaluator *ev;
	struct readbuf rb = { NULL, 0 };
	struct outbuf ob = { NULL, 0, 0 };
	gu_error err;
	char buf[1024];
	bool json = false;
	const char *encoding = NULL;
	int status = 0, i;

	status = gu_command_options(argc, argv, "screen", usage, own, take, &o);
	if (status >= 0)
		return status;
	status = 0;
	json = o.json;
	encoding = o.encoding;
	if (optind >= argc) {
		gu_complain(_("screen needs at least one answers file; see \"%s screen --help\""), PACKAGE);
		return 2;
	}
	if (gu_policy_load_file(gu_policy_path(), &p, &err) < 0) {
		gu_complain("%s", gu_error_text(&err, buf, sizeof buf));
		return 2;
	}
	ev = gu_evaluator_new(p);
	if (!ev) {
		gu_complain("%s", gu_code_text(GU_ENOMEM));
		gu_policy_free(p);
		return 2;
	}
	for (i = optind; i < argc; i++)
		if (screen_file(p, ev, &rb, &ob, argv[i], encoding, json) != 0)
			status = 2;
	free(rb.s);
	free(ob.s);
	gu_evaluator_free(ev);
	gu_policy_free(p);
	if (fflush(stdout) != 0) {
		gu_complain(_("cannot write the results"));
		status = 2;
	}
	return status;
}
