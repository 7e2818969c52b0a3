/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Another child of this family, on screen: its interview started from a
 * case with the answers the family shares, each marked as copied until
 * the worker confirms (Enter) or changes it. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/family.h"
#include "core/i18n.h"
#include "db/family.h"
#include "tui/family.h"
#include "tui/options.h"

/* Shows err on the message line. */
static void tell(gu_app *a, const gu_error *err)
{
	gu_app_message(a, GU_R_ERROR, err->message[0] ? err->message : gu_code_text(err->code));
}

/* Starts the sibling's interview; returns GU_SCREEN_JUMP or GU_SCREEN_STAY. */
int gu_family_begin(gu_app *a, const char *from_id)
{
	gu_case_new c;
	gu_error err;
	char id[GU_ID_SIZE], from[GU_ID_SIZE];
	const char *user = gu_opts.user;

	if (!a->db || !from_id || !*from_id)
		return GU_SCREEN_STAY;
	/* the open case may be the one it starts from: closing it frees its id */
	snprintf(from, sizeof from, "%s", from_id);
	if (a->ses && a->ses->id[0] && gu_session_flush(a) < 0) {
		gu_app_message(a, GU_R_ERROR, a->ses->save_err);
		return GU_SCREEN_STAY;
	}
	gu_session_close(a);
	memset(&c, 0, sizeof c);
	c.worker = user && *user ? user : getenv("USER");
	c.policy_id = gu_policy_id(a->pol);
	c.policy_version = gu_policy_version(a->pol);
	c.policy_hash = gu_policy_hash(a->pol);
	gu_error_clear(&err);
	if (gu_family_start(a->db, from, &c, gu_date_today(), id, &err) < 0) {
		tell(a, &err);
		return GU_SCREEN_STAY;
	}
	if (gu_session_open(a, id) < 0)
		return GU_SCREEN_STAY;
	gu_flow_go(a, GU_SCR_INTERVIEW);
	/* said once the interview is on screen (entering it clears the line) */
	gu_app_message(a, GU_R_OK,
		_("Another child of this family: the household, parents and members are copied; Enter confirms each."));
	return GU_SCREEN_JUMP;
}

/* Loads the marks of the open case; returns 0 or -1. */
int gu_family_load_marks(gu_app *a)
{
	gu_session *s = a->ses;
	gu_case_info from;
	gu_error err;

	gu_answers_free(&s->copied);
	s->copied_from[0] = '\0';
	if (!s->id[0])
		return 0;
	gu_error_clear(&err);
	if (gu_family_copied(a->db, s->id, &s->copied, &err) < 0) {
		tell(a, &err);
		return -1;
	}
	/* the marks name the case they came from: one case, the first child's */
	if (s->copied.n > 0 && gu_case_get(a->db, s->copied.v[0].value, &from, &err) == 0)
		snprintf(s->copied_from, sizeof s->copied_from, "%s",
			from.child_name[0] ? from.child_name : _("(no name)"));
	return 0;
}

/* Writes the mark of key into buf; returns buf or NULL. */
const char *gu_family_mark(const gu_app *a, const char *key, char *buf, size_t size)
{
	const gu_session *s = a->ses;

	if (!s || !gu_answers_get(&s->copied, key))
		return NULL;
	/* TRANSLATORS: beside an answer copied from the first child's case;
	 * %s is that child's name */
	snprintf(buf, size, _("copied from %s's case"), s->copied_from);
	return buf;
}

/* Writes the mark of member num into buf; returns buf or NULL. */
const char *gu_family_member_mark(const gu_app *a, int num, char *buf, size_t size)
{
	const gu_session *s = a->ses;
	char prefix[32];
	size_t i, plen;

	if (!s)
		return NULL;
	plen = (size_t)snprintf(prefix, sizeof prefix, "member.%d.", num);
	for (i = 0; i < s->copied.n; i++)
		if (strncmp(s->copied.v[i].key, prefix, plen) == 0)
			return gu_family_mark(a, s->copied.v[i].key, buf, size);
	return NULL;
}

/* Unmarks key in memory and in the database; returns 0 or -1. */
int gu_family_unmark(gu_app *a, const char *key)
{
	gu_session *s = a->ses;
	gu_error err;

	if (!gu_answers_get(&s->copied, key))
		return 0;
	gu_error_clear(&err);
	if (gu_family_copied_clear(a->db, s->id, key, &err) < 0) {
		tell(a, &err);
		return -1;
	}
	gu_answers_remove(&s->copied, key);
	return 0;
}

/* Takes out copied member n (the child itself); returns 0 or -1. */
static int drop_member(gu_app *a, int n)
{
	gu_session *s = a->ses;
	char prefix[32], key[64], m[300];
	size_t i = 0;

	snprintf(prefix, sizeof prefix, "member.%d.", n);
	while (i < s->ans.n) {
		if (strncmp(s->ans.v[i].key, prefix, strlen(prefix)) != 0) {
			i++;
			continue;
		}
		snprintf(key, sizeof key, "%s", s->ans.v[i].key);
		if (gu_family_unmark(a, key) < 0 || gu_session_set(a, key, NULL) < 0)
			return -1;
		i = 0;   /* the set changed: look again from the start */
	}
	snprintf(m, sizeof m, "%s",
		_("This child was listed among the members of the first child's household: taken out of the members here."));
	gu_app_message(a, GU_R_OK, m);
	return gu_session_rebuild(a);
}

/* Unmarks a confirmed answer, and takes the child out of the members;
 * returns 0 or -1. */
int gu_family_confirmed(gu_app *a, const char *key, const char *value)
{
	gu_session *s = a->ses;
	char mkey[64];
	int n;

	if (!s || s->copied.n == 0)
		return 0;
	if (gu_family_unmark(a, key) < 0)
		return -1;
	if (strcmp(key, GU_KEY_CHILD_NAME) != 0 || !value)
		return 0;
	n = gu_family_member_named(&s->ans, value);
	snprintf(mkey, sizeof mkey, "member.%d.name", n);
	if (n > 0 && gu_answers_get(&s->copied, mkey))
		return drop_member(a, n);
	return 0;
}
