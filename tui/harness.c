/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The test mode: scripted keys, drawing to /dev/null, screen dumps, a
 * watchdog and key timings. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/colors.h"
#include "tui/harness.h"
#include "tui/paint.h"

#define MAX_TIMINGS 100000

static FILE *script;
static char line[4096];
static size_t line_pos;          /* next byte of a "type" line; 0 when none */
static const char *pending;      /* rest of a "key" line */
static struct timespec key_start;
static bool key_timing;
static double *timings;
static size_t ntimings;
static char where[96];
static int script_line;

/* Remembers which question is on screen. */
void gu_harness_where(const char *key)
{
	snprintf(where, sizeof where, "%s", key ? key : "");
}

/* Returns true under a test script. */
bool gu_harness_active(void)
{
	return script != NULL;
}

/* Opens the script and arms the watchdog; returns 0 or -1. */
int gu_harness_start(void)
{
	const char *path = getenv("GUANAI_TEST_SCRIPT");
	const char *limit = getenv("GUANAI_TEST_TIMEOUT");

	if (!path || !*path)
		return 0;
	script = fopen(path, "r");
	if (!script) {
		fprintf(stderr, PACKAGE ": ");
		fprintf(stderr, _("cannot open the test script %s: %s"), path, strerror(errno));
		fputc('\n', stderr);
		return -1;
	}
	/* The watchdog: a script that never ends the program kills it. */
	alarm(limit && atoi(limit) > 0 ? (unsigned)atoi(limit) : 60u);
	return 0;
}

/* Starts curses writing to /dev/null; returns the screen or NULL. */
SCREEN *gu_harness_newterm(void)
{
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	const char *term = getenv("TERM");
	SCREEN *s;

	if (!out || !in) {
		if (out)
			fclose(out);
		if (in)
			fclose(in);
		return NULL;
	}
	s = newterm(term && *term ? term : "xterm-256color", out, in);
	if (s)
		set_term(s);
	return s;
}

/* Returns the curses code for a key name, or 0. */
static int key_code(const char *name)
{
	static const struct { const char *name; int code; } names[] = {
		{ "Enter", KEY_ENTER }, { "Tab", '\t' }, { "BTab", KEY_BTAB },
		{ "Space", ' ' }, { "Backspace", KEY_BACKSPACE }, { "Delete", KEY_DC },
		{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT },
		{ "Right", KEY_RIGHT }, { "Home", KEY_HOME }, { "End", KEY_END },
		{ "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Esc", 27 },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].code;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int n = atoi(name + 1);

		if (n >= 1 && n <= 12)
			return KEY_F(n);
	}
	return 0;
}

/* Turns one key name into k; returns false for an unknown name. */
static bool parse_key(const char *name, gu_key *k)
{
	int code = key_code(name);
	uint32_t cp;
	size_t len = strlen(name);

	if (code == '\t' || code == ' ' || code == 27) {
		k->fn = false;
		k->ch = (wint_t)code;
		return true;
	}
	if (code) {
		k->fn = true;
		k->ch = (wint_t)code;
		return true;
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && !name[3]) {
		k->fn = false;
		k->ch = (wint_t)(name[2] - 'a' + 1);
		return true;
	}
	if (len > 0 && gu_utf8_decode(name, len, &cp) == len) {
		k->fn = false;
		k->ch = (wint_t)cp;
		return true;
	}
	return false;
}

/* Writes beside a dump (path, its name without ".txt" len bytes long) the
 * key bar the screen drew, NAME.bar (path is size bytes): its width, "cut" or "whole", then
 * each first-priority key ("name what") a line, which a test finds on the
 * screen's last line. */
static void dump_bar(char *path, size_t size, size_t len)
{
	const char *first;
	int width;
	bool cut;
	FILE *f;

	if (!gu_keys_line_last(&width, &cut, &first))
		return;
	snprintf(path + len, size - len, ".bar");
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, PACKAGE ": cannot write %s: %s\n", path, strerror(errno));
		return;
	}
	fprintf(f, "%d\n%s\n%s", width, cut ? "cut" : "whole", first);
	fclose(f);
}

/* Writes the screen into the file named by arg. */
static void dump_to(const char *arg)
{
	const char *dir = getenv("GUANAI_TEST_DUMP_DIR");
	char path[4200];
	size_t len;
	FILE *f;

	if (dir && *dir && arg[0] != '/')
		snprintf(path, sizeof path, "%s/%s", dir, arg);
	else
		snprintf(path, sizeof path, "%s", arg);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, PACKAGE ": cannot write %s: %s\n", path, strerror(errno));
		return;
	}
	gu_screen_dump(f);
	fclose(f);
	/* The colour layer beside it: NAME.txt gets NAME.colors. */
	len = strlen(path);
	if (len > 4 && strcmp(path + len - 4, ".txt") == 0)
		len -= 4;
	snprintf(path + len, sizeof path - len, ".colors");
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, PACKAGE ": cannot write %s: %s\n", path, strerror(errno));
		return;
	}
	gu_screen_dump_colors(f);
	fclose(f);
	dump_bar(path, sizeof path, len);
}

/* Takes the next key from a pending "key" line; returns true when one was there. */
static bool next_named(gu_key *k)
{
	char name[64];
	size_t n;

	while (pending && *pending == ' ')
		pending++;
	if (!pending || !*pending) {
		pending = NULL;
		return false;
	}
	n = strcspn(pending, " ");
	if (n >= sizeof name)
		n = sizeof name - 1;
	memcpy(name, pending, n);
	name[n] = '\0';
	pending += n;
	if (!parse_key(name, k)) {
		fprintf(stderr, PACKAGE ": test script: unknown key \"%s\"\n", name);
		exit(3);
	}
	return true;
}

/* Returns the next scripted key in k; false at the end of the script. */
bool gu_harness_next(gu_key *k)
{
	for (;;) {
		size_t len;

		if (next_named(k))
			goto got;
		if (line_pos) {
			len = strlen(line);
			if (line_pos < len) {
				uint32_t cp;

				line_pos += gu_utf8_decode(line + line_pos, len - line_pos, &cp);
				k->fn = false;
				k->ch = (wint_t)cp;
				goto got;
			}
			line_pos = 0;
		}
		if (!fgets(line, sizeof line, script))
			return false;
		script_line++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strncmp(line, "key ", 4) == 0) {
			pending = line + 4;
		} else if (strncmp(line, "type ", 5) == 0) {
			line_pos = 5;
		} else if (strncmp(line, "dump ", 5) == 0) {
			dump_to(line + 5);
		} else if (strncmp(line, "resize ", 7) == 0) {
			int c = 0, l = 0;

			if (sscanf(line + 7, "%d %d", &c, &l) == 2 && c > 0 && l > 0) {
				resizeterm(l, c);
				k->fn = true;
				k->ch = KEY_RESIZE;
				goto got;
			}
		} else if (strncmp(line, "expect ", 7) == 0) {
			const char *want = line + 7;

			if (strcmp(want, where[0] ? where : "-") != 0) {
				endwin();
				fprintf(stderr, PACKAGE ": test script line %d: expected the question %s, "
					"the screen shows %s\n", script_line, want, where[0] ? where : "-");
				exit(3);
			}
		} else if (strcmp(line, "idle") == 0) {
			k->fn = true;
			k->ch = GU_KEY_IDLE;
			goto got;
		} else if (strcmp(line, "kill") == 0) {
			_exit(137);
		} else if (strncmp(line, "run ", 4) == 0) {
			int rc = system(line + 4);

			if (rc != 0)
				fprintf(stderr, PACKAGE ": test script: \"%s\" exited with %d\n", line + 4, rc);
		} else {
			fprintf(stderr, PACKAGE ": test script: cannot read \"%s\"\n", line);
			exit(3);
		}
	}
got:
	clock_gettime(CLOCK_MONOTONIC, &key_start);
	key_timing = true;
	return true;
}

/* Records how long the last key took. */
void gu_harness_key_done(void)
{
	struct timespec now;

	if (!key_timing || !getenv("GUANAI_TEST_TIMING"))
		return;
	key_timing = false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!timings)
		timings = malloc(MAX_TIMINGS * sizeof *timings);
	if (timings && ntimings < MAX_TIMINGS)
		timings[ntimings++] = (double)(now.tv_sec - key_start.tv_sec) * 1e3
			+ (double)(now.tv_nsec - key_start.tv_nsec) / 1e6;
}

/* Writes the timings and closes the script. */
void gu_harness_finish(void)
{
	const char *path = getenv("GUANAI_TEST_TIMING");
	size_t i;

	if (path && *path && timings) {
		FILE *f = fopen(path, "w");

		if (f) {
			for (i = 0; i < ntimings; i++)
				fprintf(f, "%.4f\n", timings[i]);
			fclose(f);
		}
	}
	free(timings);
	timings = NULL;
	if (script)
		fclose(script);
	script = NULL;
}

/* Writes the screen as text; returns 0 or -1. */
int gu_screen_dump(FILE *f)
{
	cchar_t *cells = malloc(((size_t)COLS + 1) * sizeof *cells);
	int y;

	if (!cells)
		return -1;
	for (y = 0; y < LINES; y++) {
		char out[4096];
		size_t o = 0, keep = 0;
		int col = 0, i;

		memset(cells, 0, ((size_t)COLS + 1) * sizeof *cells);
		mvin_wchnstr(y, 0, cells, COLS);
		for (i = 0; i < COLS && col < COLS; i++) {
			wchar_t wc[CCHARW_MAX + 1] = { 0 };
			attr_t a;
			short pair;
			int k;

			if (getcchar(&cells[i], wc, &a, &pair, NULL) == ERR || wc[0] == 0)
				break;
			for (k = 0; wc[k] && o + 8 < sizeof out; k++)
				o += gu_utf8_encode((uint32_t)wc[k], out + o);
			col += gu_char_width((uint32_t)wc[0]) ? gu_char_width((uint32_t)wc[0]) : 1;
			if (wc[0] != ' ')
				keep = o;
		}
		fwrite(out, 1, keep, f);
		fputc('\n', f);
	}
	free(cells);
	return 0;
}

/* Writes each cell's colour role or attribute letter (gu_role_letter), one
 * letter a column and one line a screen line, trailing plain cells left
 * out; returns 0 or -1. */
int gu_screen_dump_colors(FILE *f)
{
	cchar_t *cells = malloc(((size_t)COLS + 1) * sizeof *cells);
	char *out = malloc((size_t)COLS + 1);
	int y;

	if (!cells || !out) {
		free(cells);
		free(out);
		return -1;
	}
	for (y = 0; y < LINES; y++) {
		size_t keep = 0;
		int col = 0, i;

		memset(cells, 0, ((size_t)COLS + 1) * sizeof *cells);
		mvin_wchnstr(y, 0, cells, COLS);
		for (i = 0; i < COLS && col < COLS; i++) {
			wchar_t wc[CCHARW_MAX + 1] = { 0 };
			attr_t a;
			short pair;
			int w;
			char c;

			if (getcchar(&cells[i], wc, &a, &pair, NULL) == ERR || wc[0] == 0)
				break;
			if (pair == 0)
				pair = (short)PAIR_NUMBER(a);
			c = gu_role_letter(pair, a);
			w = gu_char_width((uint32_t)wc[0]) ? gu_char_width((uint32_t)wc[0]) : 1;
			while (w-- > 0 && col < COLS) {
				out[col++] = c;
				if (c != '.')
					keep = (size_t)col;
			}
		}
		fwrite(out, 1, keep, f);
		fputc('\n', f);
	}
	free(cells);
	free(out);
	return 0;
}

/* Returns today's date, or $GUANAI_TEST_TODAY under a test script. */
const char *gu_today(void)
{
	static char buf[16];
	const char *fixed = getenv("GUANAI_TEST_TODAY");

	if (fixed && *fixed && gu_harness_active()) {
		snprintf(buf, sizeof buf, "%s", fixed);
		return buf;
	}
	return gu_date_format(gu_date_today(), buf);
}
