/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The box after "lives with" names grandparents or other relatives: add
 * them as household members now, their relation filled in, so the worker
 * types only what is missing when the members are asked.  Declining adds
 * nothing and changes nothing. */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/interview.h"
#include "tui/paint.h"

#define LIVES_WITH "child.lives_with"

/* The relatives lives_with may name, and the member relation each is. */
static const struct {
	const char *lives_with, *relation;
	unsigned bit;
} kin[] = {
	{ "grandparents", "grandparent", 1u },
	{ "other_relative", "other_relative", 2u },
};

/* Returns true when the comma-separated list names choice. */
static bool names(const char *list, const char *choice)
{
	size_t n = strlen(choice);

	for (const char *p = list; p && *p; ) {
		p += strspn(p, " ,");
		if (strncmp(p, choice, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return true;
		p += strcspn(p, ",");
	}
	return false;
}

/* Returns true when a member of the open case has relation rel. */
static bool has_member(const gu_app *a, const char *rel)
{
	int nums[GU_MAX_MEMBERS];
	size_t n = gu_roster_members(a, nums, GU_MAX_MEMBERS);
	char key[64];

	for (size_t i = 0; i < n; i++) {
		const char *v;

		snprintf(key, sizeof key, "member.%d.relation", nums[i]);
		v = gu_answers_get(&a->ses->ans, key);
		if (v && strcmp(v, rel) == 0)
			return true;
	}
	return false;
}

/* After key was saved: notes in iv which relatives the child lives with
 * that are no member yet; returns true when the box is to show. */
bool gu_relatives_check(gu_app *a, gu_interview *iv, const char *key)
{
	const char *v = gu_answers_get(&a->ses->ans, LIVES_WITH);

	iv->relatives = 0;
	if (strcmp(key, LIVES_WITH) != 0 || !v
			|| !gu_policy_find_question(a->pol, "member.1.relation"))
		return false;
	for (size_t i = 0; i < sizeof kin / sizeof kin[0]; i++)
		if (names(v, kin[i].lives_with) && !has_member(a, kin[i].relation))
			iv->relatives |= kin[i].bit;
	return iv->relatives != 0;
}

/* Draws the box. */
void gu_relatives_draw(gu_app *a, const gu_interview *iv)
{
	const char *which = iv->relatives == 3u ? _("grandparents and other relatives")
		: iv->relatives == 1u ? _("grandparents") : _("other relatives");
	const char *how = _("Their relation is filled in; their name, age and the rest are asked with the household members.");
	char line[400];
	int w = (a->lay.text_w < 60 ? a->lay.text_w : 60) - 4, y;
	gu_rect r;

	/* TRANSLATORS: %s is "grandparents", "other relatives" or both */
	snprintf(line, sizeof line, _("The child lives with %s. Add them as household members now?"), which);
	r = gu_layout_popup(&a->lay, 2 + gu_wrapped_rows(line, w) + 1 + gu_wrapped_rows(how, w) + 3, 60);
	w = r.w - 4;
	y = r.y + 2;
	gu_box(r, _("Household members"));
	y += gu_put_wrapped(y, r.x + 2, w, 3, line, A_NORMAL) + 1;
	gu_put_wrapped(y, r.x + 2, w, r.y + r.h - 3 - y, how, gu_attr(GU_R_DIM));
	gu_put(r.y + r.h - 2, r.x + 2, w, _("Enter/y add them    n not now"), gu_attr(GU_R_LABEL));
}

/* Adds one member of each relative noted; returns how many were added. */
static int add_members(gu_app *a, const gu_interview *iv)
{
	int nums[GU_MAX_MEMBERS], next, added = 0;
	size_t n = gu_roster_members(a, nums, GU_MAX_MEMBERS);
	char key[64];

	next = n ? nums[n - 1] + 1 : 1;
	for (size_t i = 0; i < sizeof kin / sizeof kin[0]; i++) {
		if (!(iv->relatives & kin[i].bit))
			continue;
		if (next > GU_MAX_MEMBERS) {
			gu_app_message(a, GU_R_ERROR, _("No more members can be added."));
			break;
		}
		snprintf(key, sizeof key, "member.%d.relation", next);
		if (gu_session_set(a, key, kin[i].relation) < 0)
			break;
		next++;
		added++;
	}
	return added;
}

/* Takes a key in the box; returns true when the box closes. */
bool gu_relatives_key(gu_app *a, gu_interview *iv, const gu_key *k)
{
	if (gu_key_fn(k, KEY_ENTER) || gu_key_char(k, 'y') || gu_key_char(k, 'Y')) {
		int added = add_members(a, iv);

		gu_session_rebuild(a);
		a->ses->pos = gu_session_find(a->ses, LIVES_WITH);
		if (added > 0 && !a->ses->save_err[0])
			gu_app_message(a, GU_R_OK,
				_("Added as household members: their other answers are asked with the members."));
		iv->relatives = 0;
		return true;
	}
	if (gu_key_char(k, 'n') || gu_key_char(k, 'N') || gu_key_char(k, GU_ESC)) {
		iv->relatives = 0;
		return true;
	}
	return false;
}
