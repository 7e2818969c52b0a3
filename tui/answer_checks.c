/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The policy's checks on the open case, at the question and on the result
 * screen. */

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/keys.h"
#include "core/stale.h"
#include "tui/answer_checks.h"
#include "tui/harness.h"

/* The answer a warning was shown for: given again, it is kept. */
static char warned[800];

/* Returns true when the check id is among the n hits. */
static bool held(const gu_check_hit *hits, int n, const char *id)
{
	int i;

	for (i = 0; i < n && i < 32; i++)
		if (strcmp(hits[i].id, id) == 0)
			return true;
	return false;
}

/* Returns 0 when value may be saved for key, else -1 with msg set. */
int gu_answer_checks(gu_app *a, const char *key, const char *value, char *msg, size_t size)
{
	gu_answers trial;
	gu_check_hit hits[32], before[32];
	char what[800];
	int n, nbefore, i, rc = 0;

	gu_answers_init(&trial);
	if (gu_answers_copy(&trial, &a->ses->ans) < 0 || gu_answers_set(&trial, key, value) < 0) {
		gu_answers_free(&trial);
		return 0;   /* out of memory: the save itself will say so */
	}
	n = gu_checks_find(a->pol, &trial, gu_today(), hits, 32);
	nbefore = gu_checks_find(a->pol, &a->ses->ans, gu_today(), before, 32);
	snprintf(what, sizeof what, "%s=%s", key, value);
	for (i = 0; i < n && i < 32; i++) {
		if (!gu_check_reads(a->pol, hits[i].id, key))
			continue;
		if (!hits[i].error && held(before, nbefore, hits[i].id))
			continue;   /* shown, and kept, at an earlier answer */
		if (hits[i].error) {
			/* TRANSLATORS: a check of the answers refuses one; %s says why. */
			snprintf(msg, size, _("Not saved: %s"), hits[i].text);
			rc = -1;
			break;
		}
		if (strcmp(warned, what) != 0) {
			/* TRANSLATORS: a check of the answers asks to confirm; %s says what to check. */
			snprintf(msg, size, _("%s. Press Enter again to keep this answer."),
				hits[i].text);
			snprintf(warned, sizeof warned, "%s", what);
			rc = -1;
			break;
		}
	}
	if (rc == 0)
		warned[0] = '\0';
	gu_answers_free(&trial);
	return rc;
}

/* Returns true when the child's ID number was not at hand at the
 * interview (answered "not known"): it is still to be added. */
bool gu_id_number_to_add(const char *value)
{
	return value && strcmp(value, "unknown") == 0;
}

/* Writes the checks that hold for the open case into out, then a reminder
 * when the ID number is still to be added; returns how many. */
size_t gu_case_checks(const gu_app *a, gu_check_hit *out, size_t max)
{
	int n;
	size_t k;

	if (!a->ses || max == 0)
		return 0;
	n = gu_checks_find(a->pol, &a->ses->ans, gu_today(), out, max);
	k = n < 0 ? 0 : (size_t)n < max ? (size_t)n : max;
	if (k < max && gu_id_number_to_add(gu_answers_get(&a->ses->ans, GU_KEY_CHILD_ID))) {
		out[k].id = "id_number_to_add";
		out[k].error = false;
		out[k].text = _("The ID number was not at hand: add it from the household register or the ID card");
		out[k].line = 0;
		k++;
	}
	return k;
}

#define MAX_STALE 64

/* The answers that did not count before the last answer. */
static char stale_before[MAX_STALE][64];
static size_t nstale_before;

/* Notes the answers that do not count now. */
void gu_stale_note(gu_app *a)
{
	const char *keys[MAX_STALE];
	size_t n = gu_answers_stale(a->pol, &a->ses->ans, keys, MAX_STALE), i;

	nstale_before = n < MAX_STALE ? n : MAX_STALE;
	for (i = 0; i < nstale_before; i++)
		snprintf(stale_before[i], sizeof stale_before[i], "%s", keys[i]);
}

/* Says which answers the last answer made stop counting. */
void gu_stale_tell(gu_app *a)
{
	const char *keys[MAX_STALE];
	size_t n = gu_answers_stale(a->pol, &a->ses->ans, keys, MAX_STALE), i, j, told = 0;
	char list[600] = "", label[200], m[800];

	for (i = 0; i < n && i < MAX_STALE; i++) {
		bool before = false;

		for (j = 0; j < nstale_before; j++)
			before = before || strcmp(stale_before[j], keys[i]) == 0;
		if (before)
			continue;
		gu_key_label(a, keys[i], label, sizeof label);
		if (strlen(list) + strlen(label) + 8 < sizeof list)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
				told ? _(", ") : "", label);
		told++;
	}
	if (!told)
		return;
	/* TRANSLATORS: %s lists the answers an earlier answer made irrelevant */
	snprintf(m, sizeof m, _("No longer counts (kept in the history): %s"), list);
	gu_app_message(a, GU_R_VERIFY, m);
}
