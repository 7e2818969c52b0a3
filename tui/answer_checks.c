/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The policy's checks on the open case, at the question and on the result
 * screen. */

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
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

/* Writes the checks that hold for the open case into out; returns how many. */
size_t gu_case_checks(const gu_app *a, gu_check_hit *out, size_t max)
{
	int n;

	if (!a->ses)
		return 0;
	n = gu_checks_find(a->pol, &a->ses->ans, gu_today(), out, max);
	if (n < 0)
		return 0;
	return (size_t)n < max ? (size_t)n : max;
}
