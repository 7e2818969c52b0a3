/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The exchange screen (docs/exchange.md).  On a laptop: the changes not yet
 * sent, the last bundle written and the last the office acknowledged; F5
 * writes a bundle into the folder typed (a USB stick under /media), F6
 * reads the office's bundles from it.  At the office: the devices with
 * their last bundle, the conflicts and possible duplicates to decide; F5
 * writes a bundle for every active laptop, F6 reads the laptops' bundles. */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/exchange.h"
#include "db/rescreen.h"
#include "tui/paint.h"
#include "tui/screen_exchange.h"
#include "tui/screens_util.h"

/* The most received bundles the office's screen lists (as many as fit). */
#define BUNDLES_SHOWN 40

typedef struct xstate {
	gu_xchg_self self;
	long long pending, last_sent, last_acked;
	gu_xchg_device *devs;
	size_t ndevs, nconflicts, nduplicates;
	gu_xchg_bundle *bundles;     /* the last ones received, newest first */
	size_t nbundles;
	char policy_version[64];     /* a laptop: the office's policy that came, "" none */
	gu_edit folder;
	char msg[900];
	bool msg_error;
} xstate;

/* Reloads what the screen shows. */
static void load(gu_app *a, xstate *s)
{
	gu_xchg_conflict *c = NULL;
	gu_xchg_duplicate *d = NULL;
	gu_error err;
	size_t n = 0;

	gu_xchg_devices_free(s->devs, s->ndevs);
	free(s->bundles);
	s->devs = NULL;
	s->bundles = NULL;
	s->ndevs = s->nconflicts = s->nduplicates = s->nbundles = 0;
	if (gu_xchg_self_get(a->db, &s->self, &err) < 0) {
		snprintf(s->msg, sizeof s->msg, "%s", err.message);
		s->msg_error = true;
		return;
	}
	if (s->self.role == GU_XROLE_LAPTOP) {
		if (gu_xchg_pending(a->db, &s->pending, &s->last_sent, &s->last_acked, &err) < 0) {
			snprintf(s->msg, sizeof s->msg, "%s", err.message);
			s->msg_error = true;
		}
		return;
	}
	if (s->self.role != GU_XROLE_OFFICE)
		return;
	if (gu_xchg_device_list(a->db, &s->devs, &s->ndevs, &err) < 0) {
		s->devs = NULL;
		s->ndevs = 0;
	}
	if (gu_xchg_bundle_list(a->db, BUNDLES_SHOWN, &s->bundles, &s->nbundles, &err) < 0) {
		s->bundles = NULL;
		s->nbundles = 0;
	}
	if (gu_xchg_conflict_list(a->db, false, &c, &n, &err) == 0) {
		s->nconflicts = n;
		gu_xchg_conflicts_free(c, n);
	}
	if (gu_xchg_duplicate_list(a->db, false, &d, &n, &err) == 0) {
		s->nduplicates = n;
		free(d);
	}
}

/* Returns the translated word for a received bundle's state. */
static const char *bundle_state(const gu_xchg_bundle *b)
{
	return strcmp(b->state, "applied") == 0 ? _("applied")
		: strcmp(b->state, "held") == 0 ? _("held") : _("refused");
}

/* Draws one row of the bundles' table at row y: worker, device, number
 * and cases right-aligned, the day read, the state; in attribute a. */
static void bundle_row(int y, int x, int w, const char *const col[6], attr_t a)
{
	/* where each column starts and how wide it is, from x */
	static const int at[6] = { 2, 13, 22, 30, 42, 49 }, width[6] = { 10, 8, 6, 10, 5, 0 };
	int i;

	for (i = 0; i < 6 && at[i] < w; i++) {
		int cw = width[i] ? width[i] : w - at[i];

		if (cw > w - at[i])
			cw = w - at[i];
		if (i == 2 || i == 4)
			gu_put_right(y, x + at[i], cw, col[i], a);
		else
			gu_put(y, x + at[i], cw, col[i], a);
	}
}

/* Draws the bundles received, newest first, from row y as far as they fit
 * above the folder; returns the next row. */
static int draw_bundles(gu_app *a, xstate *s, int y, int x, int w)
{
	int last = a->lay.body.y + a->lay.body.h - 4;
	const char *head[6] = { _("worker"), _("device"), _("no."), _("read on"), _("cases"),
		_("state") };
	char line[600], when[16], seq[24], cases[24], state[400];
	size_t k;

	if (y + 2 > last)
		return y;
	y++;
	snprintf(line, sizeof line, _("Bundles received: %zu%s"), s->nbundles,
		s->nbundles == BUNDLES_SHOWN ? _(" (the last ones)") : "");
	gu_put(y++, x, w, line, gu_attr(GU_R_LABEL));
	if (s->nbundles > 0)
		bundle_row(y++, x, w, head, gu_attr(GU_R_DIM));
	for (k = 0; k < s->nbundles && y < last; k++, y++) {
		const gu_xchg_bundle *b = &s->bundles[k];
		bool refused = strcmp(b->state, "refused") == 0;
		char dev[GU_ID_SIZE];
		const char *col[6];

		snprintf(dev, sizeof dev, "%.8s", b->sender[0] ? b->sender : "-");
		snprintf(seq, sizeof seq, b->seq > 0 ? "%lld" : "-", b->seq);
		snprintf(cases, sizeof cases, refused ? "-" : "%lld", b->cases);
		if (refused)
			snprintf(state, sizeof state, _("%s: %s"), bundle_state(b), b->reason);
		else
			snprintf(state, sizeof state, "%s", bundle_state(b));
		col[0] = b->worker[0] ? b->worker : "-";
		col[1] = dev;
		col[2] = seq;
		col[3] = gu_scr_date(b->at, when);
		col[4] = cases;
		col[5] = state;
		bundle_row(y, x, w, col, refused ? gu_attr(GU_R_ERROR)
			: strcmp(b->state, "held") == 0 ? gu_attr(GU_R_VERIFY) : A_NORMAL);
	}
	return y;
}

/* Draws the office's part from row y; returns the next row. */
static int draw_office(gu_app *a, xstate *s, int y, int x, int w)
{
	char line[600], when[16];
	size_t k;

	snprintf(line, sizeof line, _("Conflicts to decide: %zu    Possible duplicates: %zu"),
		s->nconflicts, s->nduplicates);
	gu_put(y++, x, w, line, gu_attr(s->nconflicts || s->nduplicates ? GU_R_VERIFY : GU_R_LABEL));
	gu_put(y++, x, w, _("(F7 and F8 show them to decide)"), gu_attr(GU_R_DIM));
	snprintf(line, sizeof line, _("Devices: %zu"), s->ndevs);
	gu_put(y++, x, w, line, gu_attr(GU_R_LABEL));
	for (k = 0; k < s->ndevs && y < a->lay.body.y + a->lay.body.h - 3; k++, y++) {
		const gu_xchg_device *d = &s->devs[k];

		snprintf(line, sizeof line, "  %-10s %-8.8s %s  %s %lld  %s", d->worker, d->id,
			d->revoked ? _("revoked") : _("active"), _("bundle"), d->last_seq,
			d->last_at ? gu_scr_date(d->last_at, when) : _("never"));
		gu_put(y, x, w, line, d->revoked ? gu_attr(GU_R_DIM) : A_NORMAL);
	}
	return draw_bundles(a, s, y, x, w);
}

/* Adds what one bundle did to the counts, keeping the first refusal. */
static void count_receipt(xstate *s, const char *name, int ret, const gu_xchg_receipt *r,
	const gu_error *err, long long counts[4], char *first_error, size_t size)
{
	if (ret < 0) {
		counts[3]++;
		if (!first_error[0])
			snprintf(first_error, size, "%s: %s", name, err->message);
		return;
	}
	counts[r->what == GU_XRECV_APPLIED ? 0 : r->what == GU_XRECV_ALREADY ? 1 : 2]++;
	counts[0] += r->held_applied;
	if (r->policy[0])
		snprintf(s->policy_version, sizeof s->policy_version, "%s", r->policy_version);
}

/* Compares two names for qsort; returns <0, 0 or >0. */
static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Reads a whole file; returns 0 with the malloc'd bytes, or -1. */
static int read_all(const char *path, unsigned char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	*data = NULL;
	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0
	    || !(*data = malloc((size_t)n + 1)) || fread(*data, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(*data);
		*data = NULL;
		return -1;
	}
	fclose(f);
	*len = (size_t)n;
	return 0;
}

/* Returns how many open drafts the office's policy changes (0 when it
 * cannot tell). */
static size_t drafts_changed(gu_app *a)
{
	gu_rescreen_summary *sum = calloc(1, sizeof *sum);
	gu_policy *p = NULL;
	gu_error err;
	size_t n = 0;

	if (sum && gu_xchg_office_policy(a->db, &p, &err) == 1
	    && gu_rescreen_drafts(a->db, p, NULL, NULL, sum, &err) == 0)
		n = sum->changed;
	gu_policy_free(p);
	free(sum);
	return n;
}

/* Returns true when the file named name is a bundle for this installation:
 * at the office, a laptop's; on a laptop, the office's written for this
 * device (guanai-office-<worker>-<first 8 of the device id>-<n>.bundle),
 * not those for the other laptops that share the stick. */
static bool meant_for_us(const xstate *s, const char *name)
{
	size_t len = strlen(name);
	bool office_file = strncmp(name, "guanai-office-", 14) == 0;
	char device[16];

	if (len < 8 || strcmp(name + len - 7, ".bundle") != 0 || strncmp(name, "guanai-", 7) != 0
	    || office_file != (s->self.role == GU_XROLE_LAPTOP))
		return false;
	if (!office_file)
		return true;
	snprintf(device, sizeof device, "-%.8s-", s->self.id);
	return strstr(name + 14, device) != NULL;
}

/* Reads the bundles meant for this installation from the folder. */
static int read_bundles(gu_app *a, void *st)
{
	xstate *s = st;
	long long counts[4] = { 0 };
	char first_error[700] = "", path[1024], policy[300] = "";
	char **names = NULL;
	size_t n = 0, i;
	struct dirent *e;
	DIR *dir = opendir(s->folder.buf[0] ? s->folder.buf : ".");

	s->msg_error = true;
	s->policy_version[0] = '\0';
	if (!dir) {
		snprintf(s->msg, sizeof s->msg, _("cannot read the folder %s"), s->folder.buf);
		return GU_SCREEN_STAY;
	}
	while ((e = readdir(dir))) {
		char **nv;

		if (!meant_for_us(s, e->d_name))
			continue;
		nv = realloc(names, (n + 1) * sizeof *nv);
		if (!nv || !(nv[n] = strdup(e->d_name))) {
			names = nv ? nv : names;
			break;
		}
		names = nv;
		n++;
	}
	closedir(dir);
	qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		gu_xchg_receipt r;
		gu_error err;
		unsigned char *data;
		size_t len;
		int ret;

		snprintf(path, sizeof path, "%s/%s", s->folder.buf[0] ? s->folder.buf : ".", names[i]);
		if (read_all(path, &data, &len) < 0) {
			ret = gu_error_set(&err, GU_EIO, NULL, 0, 0, _("cannot read the file"));
		} else {
			ret = gu_xchg_receive(a->db, data, len, &r, &err);
			free(data);
		}
		count_receipt(s, names[i], ret, &r, &err, counts, first_error, sizeof first_error);
		free(names[i]);
	}
	free(names);
	load(a, s);
	if (s->policy_version[0])
		snprintf(policy, sizeof policy, _("The office's policy %s came: new interviews use "
			"it from the next start; it changes %zu open drafts.  "), s->policy_version,
			drafts_changed(a));
	snprintf(s->msg, sizeof s->msg, _("Bundles read: %zu; applied %lld, received before %lld, "
		"held %lld, refused %lld.  %s%s"), n, counts[0], counts[1], counts[2], counts[3],
		policy, first_error);
	s->msg_error = counts[3] > 0;
	return GU_SCREEN_STAY;
}

/* Writes a bundle (laptop) or one for every active laptop (office). */
static int write_bundles(gu_app *a, void *st)
{
	xstate *s = st;
	gu_xchg_sent sent;
	gu_error err;
	size_t k, written = 0;

	s->msg_error = true;
	if (s->self.role == GU_XROLE_LAPTOP) {
		if (gu_xchg_send(a->db, NULL, s->folder.buf, NULL, &sent, &err) < 0) {
			snprintf(s->msg, sizeof s->msg, "%s", err.message);
			return GU_SCREEN_STAY;
		}
		if (sent.nheld > 0)
			snprintf(s->msg, sizeof s->msg, _("Held back, no legal basis recorded: %zu "
				"cases (the first %.8s); record the guardian's consent or the statutory "
				"duty in the interview.  Written: %s (changes: %lld)"),
				sent.nheld, sent.held[0], sent.path, sent.rows);
		else
			snprintf(s->msg, sizeof s->msg, _("Written: %s (changes: %lld)"), sent.path,
				sent.rows);
		if (sent.clock_warning[0])
			snprintf(s->msg, sizeof s->msg, _("Written: %s (changes: %lld).  Warning: %s"),
				sent.path, sent.rows, sent.clock_warning);
		gu_xchg_sent_free(&sent);
		s->msg_error = false;
		load(a, s);
		return GU_SCREEN_STAY;
	}
	for (k = 0; k < s->ndevs; k++) {
		if (s->devs[k].revoked)
			continue;
		if (gu_xchg_send(a->db, s->devs[k].id, s->folder.buf, NULL, &sent, &err) < 0) {
			snprintf(s->msg, sizeof s->msg, "%s", err.message);
			load(a, s);
			return GU_SCREEN_STAY;
		}
		gu_xchg_sent_free(&sent);
		written++;
	}
	snprintf(s->msg, sizeof s->msg, _("Bundles written for %zu laptops into %s"), written,
		s->folder.buf);
	s->msg_error = false;
	load(a, s);
	return GU_SCREEN_STAY;
}

/* Opens the conflicts (office); returns a gu_screen_ret or GU_SCREEN_STAY. */
static int open_conflicts(gu_app *a, void *st)
{
	xstate *s = st;
	int r;

	if (s->self.role != GU_XROLE_OFFICE)
		return GU_SCREEN_STAY;
	r = gu_screen_conflicts(a);
	load(a, s);
	return r == GU_SCREEN_BACK ? GU_SCREEN_STAY : r;
}

/* Opens the possible duplicates (office); returns a gu_screen_ret or
 * GU_SCREEN_STAY. */
static int open_duplicates(gu_app *a, void *st)
{
	xstate *s = st;
	int r;

	if (s->self.role != GU_XROLE_OFFICE)
		return GU_SCREEN_STAY;
	r = gu_screen_duplicates(a);
	load(a, s);
	return r == GU_SCREEN_BACK ? GU_SCREEN_STAY : r;
}

/* Leaves the screen. */
static int leave(gu_app *a, void *st)
{
	(void)a;
	(void)st;
	return GU_SCREEN_BACK;
}

/* The exchange screen's keys: they run it, name themselves in the key bar
 * and make its F1 help; every other key edits the folder. */
static const gu_scr_key exchange_keys[] = {
	{ 0, KEY_F(5), write_bundles, "F5", N_("write bundles"), false },
	{ 0, KEY_F(6), read_bundles, "F6", N_("read bundles"), false },
	{ GU_ESC, 0, leave, "Esc", N_("back"), false },
	{ 0, KEY_F(7), open_conflicts, "F7", N_("conflicts"), false },
	{ 0, KEY_F(8), open_duplicates, "F8", N_("duplicates"), false },
};
/* The keys a laptop has: all but the office's last two. */
#define LAPTOP_KEYS (sizeof exchange_keys / sizeof exchange_keys[0] - 2)

/* Draws the screen. */
static void draw(gu_app *a, void *st)
{
	xstate *s = st;
	int x = a->lay.margin, w = a->lay.text_w, y = a->lay.body.y, lw;
	char line[600];
	const char *label = _("Folder:");

	gu_frame_title(a, _("exchange"));
	gu_scr_who(a);
	if (s->self.role == GU_XROLE_NONE) {
		gu_put_wrapped(y, x, w, 4, _("This database is neither an office nor a laptop "
			"enrolled with one.  At the office run \"guanai office init\"; on a laptop "
			"\"guanai enroll OFFICE.pub\"."), A_NORMAL);
		gu_scr_keys_bottom(a, exchange_keys + 2, 1);
		return;
	}
	if (s->self.role == GU_XROLE_LAPTOP) {
		snprintf(line, sizeof line, _("This laptop: %s, fingerprint %s"), s->self.worker,
			s->self.fingerprint);
		gu_put(y++, x, w, line, A_NORMAL);
		snprintf(line, sizeof line, _("Its office: fingerprint %s"), s->self.office_fingerprint);
		gu_put(y++, x, w, line, A_NORMAL);
		y++;
		snprintf(line, sizeof line, _("Changes not yet sent: %lld"), s->pending);
		gu_put(y++, x, w, line, gu_attr(s->pending ? GU_R_VERIFY : GU_R_LABEL));
		snprintf(line, sizeof line, _("Last bundle written: %lld    acknowledged by the office: %lld"),
			s->last_sent, s->last_acked);
		gu_put(y++, x, w, line, A_NORMAL);
	} else {
		snprintf(line, sizeof line, _("This office: %s, fingerprint %s"), s->self.township,
			s->self.fingerprint);
		gu_put(y++, x, w, line, A_NORMAL);
		y = draw_office(a, s, y, x, w);
	}
	y = a->lay.body.y + a->lay.body.h - 3;
	lw = 10;
	gu_put(y, x, lw - 1, label, gu_attr(GU_R_LABEL));
	gu_edit_draw(&s->folder, y, x + lw, w - lw, true);
	if (s->msg[0])
		gu_put_wrapped(y + 1, x, w, 2, s->msg, gu_attr(s->msg_error ? GU_R_ERROR : GU_R_LABEL));
	gu_scr_keys_bottom(a, exchange_keys, s->self.role == GU_XROLE_OFFICE
		? sizeof exchange_keys / sizeof exchange_keys[0] : LAPTOP_KEYS);
}

/* Takes a key; returns a gu_screen_ret or GU_SCREEN_STAY. */
static int key(gu_app *a, void *st, const gu_key *k)
{
	xstate *s = st;
	int r = gu_scr_keys_run(a, st, exchange_keys, s->self.role == GU_XROLE_OFFICE
		? sizeof exchange_keys / sizeof exchange_keys[0] : LAPTOP_KEYS, k);

	if (r != GU_SCREEN_STAY)
		return r;
	if (s->self.role != GU_XROLE_NONE && gu_edit_key(&s->folder, k, NULL))
		s->msg[0] = '\0';
	return GU_SCREEN_STAY;
}

/* The exchange screen. */
static const gu_screen exchange_screen = { NULL, draw, key, NULL, exchange_keys,
	sizeof exchange_keys / sizeof exchange_keys[0] };

/* Shows the exchange screen, its folder the one typed there last in this
 * run (the stick the bundles were written to), else the current folder;
 * returns a gu_screen_ret. */
int gu_screen_exchange(gu_app *a)
{
	static char last_folder[sizeof ((xstate *)0)->folder.buf];
	xstate s;
	char cwd[380];
	int r;

	if (!a->db)
		return gu_scr_notice(a, _("exchange"), a->db_err);
	memset(&s, 0, sizeof s);
	a->msg[0] = '\0';
	gu_edit_set(&s.folder, last_folder[0] ? last_folder : getcwd(cwd, sizeof cwd) ? cwd : ".",
		sizeof s.folder.buf - 1);
	load(a, &s);
	if (s.self.role == GU_XROLE_OFFICE && !gu_scr_is_supervisor(a))
		return gu_scr_notice(a, _("exchange"),
			_("Only a supervisor exchanges bundles at the office."));
	r = gu_screen_run(a, &exchange_screen, &s);
	snprintf(last_folder, sizeof last_folder, "%s", s.folder.buf);
	gu_xchg_devices_free(s.devs, s.ndevs);
	free(s.bundles);
	return r;
}
