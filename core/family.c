/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Another child of the same family: the answers the family shares, and
 * the first child as one of the household's members. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/family.h"
#include "core/error.h"
#include "core/keys.h"

/* The prefixes of the keys a family shares (answers contract). */
static const char *const shared[] = { "household.", "father.", "mother.", "guardian.", "member." };

/* Returns true when key is shared by the family. */
bool gu_family_key_shared(const char *key)
{
	for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++)
		if (strncmp(key, shared[i], strlen(shared[i])) == 0)
			return true;
	return false;
}

/* Returns the member number key names (member.N.field), or 0. */
static int member_no(const char *key)
{
	char *end;
	long n;

	if (strncmp(key, "member.", 7) != 0)
		return 0;
	n = strtol(key + 7, &end, 10);
	return *end == '.' && n >= 1 && n <= GU_MAX_MEMBERS ? (int)n : 0;
}

/* Returns the number of a member of a named name whose relation is rel
 * (NULL: any), or 0. */
static int member_with(const gu_answers *a, const char *name, const char *rel)
{
	char key[64];

	if (!name || !*name)
		return 0;
	for (int n = 1; n <= GU_MAX_MEMBERS; n++) {
		const char *v, *r;

		snprintf(key, sizeof key, "member.%d.name", n);
		v = gu_answers_get(a, key);
		snprintf(key, sizeof key, "member.%d.relation", n);
		r = gu_answers_get(a, key);
		if (v && strcmp(v, name) == 0 && (!rel || (r && strcmp(r, rel) == 0)))
			return n;
	}
	return 0;
}

/* Returns the number of a sibling member called name, or 0. */
int gu_family_member_named(const gu_answers *a, const char *name)
{
	return member_with(a, name, "sibling");
}

/* Adds the child of from as member n of out; returns 0 or -GU_ENOMEM. */
static int add_child_as_member(const gu_answers *from, gu_date today, int n, gu_answers *out)
{
	const char *name = gu_answers_get(from, GU_KEY_CHILD_NAME);
	const char *sex = gu_answers_get(from, GU_KEY_CHILD_SEX);
	const char *dob = gu_answers_get(from, GU_KEY_CHILD_DOB);
	char key[64], age[16];
	gu_date d;

	snprintf(key, sizeof key, "member.%d.relation", n);
	if (gu_answers_set(out, key, "sibling") < 0)
		return -GU_ENOMEM;
	snprintf(key, sizeof key, "member.%d.name", n);
	if (gu_answers_set(out, key, name) < 0)
		return -GU_ENOMEM;
	if (sex && (strcmp(sex, "male") == 0 || strcmp(sex, "female") == 0)) {
		snprintf(key, sizeof key, "member.%d.sex", n);
		if (gu_answers_set(out, key, sex) < 0)
			return -GU_ENOMEM;
	}
	if (dob && gu_date_parse(dob, &d) && gu_age_on(d, today) >= 0) {
		snprintf(key, sizeof key, "member.%d.age", n);
		snprintf(age, sizeof age, "%d", gu_age_on(d, today));
		if (gu_answers_set(out, key, age) < 0)
			return -GU_ENOMEM;
	}
	return 0;
}

/* Fills out with what a sibling's interview starts with; returns 0 or
 * -GU_ENOMEM. */
int gu_family_answers(const gu_answers *from, gu_date today, gu_answers *out)
{
	const char *name = gu_answers_get(from, GU_KEY_CHILD_NAME);
	int last = 0, ret = 0;

	gu_answers_init(out);
	for (size_t i = 0; i < from->n && ret == 0; i++) {
		const gu_answer *a = &from->v[i];
		int n = member_no(a->key);

		if (!gu_family_key_shared(a->key))
			continue;
		if (n > last)
			last = n;
		ret = gu_answers_set(out, a->key, a->value);
	}
	/* the first child is a member of the household of the second, once:
	 * not when the members name it already */
	if (ret == 0 && name && *name && strcmp(name, "unknown") != 0
			&& !member_with(from, name, NULL) && last < GU_MAX_MEMBERS)
		ret = add_child_as_member(from, today, last + 1, out);
	if (ret < 0)
		gu_answers_free(out);
	return ret;
}
