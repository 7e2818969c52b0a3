/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A conflict in words (tui/conflict_words.h). */

#include <stdio.h>
#include <stdlib.h>

#include "core/text.h"
#include "tui/answer_words.h"
#include "tui/app.h"
#include "tui/conflict_words.h"

/* Writes the field of c into buf; returns buf. */
const char *gu_conflict_field(const gu_policy *p, const gu_xchg_conflict *c, char *buf,
	size_t size)
{
	if (c->key[0])
		return gu_policy_key_label(p, c->key, buf, size);
	snprintf(buf, size, "%s.%s", c->tbl, c->col);
	return buf;
}

/* Writes one side's value of c into buf; returns buf. */
const char *gu_conflict_value(const gu_policy *p, const gu_xchg_conflict *c, bool office,
	char *buf, size_t size)
{
	const char *stored = office ? c->office_value : c->laptop_value;
	const char *answer = office ? c->office_answer : c->laptop_answer;
	char words[600], *safe;

	if (c->key[0] && answer)
		gu_answer_words(gu_policy_find_question(p, c->key), answer, words, sizeof words);
	else
		snprintf(words, sizeof words, "%s", stored ? stored : "-");
	safe = gu_text_escape_controls(words, GU_ESCAPE_FIELD);
	snprintf(buf, size, "%s", safe ? safe : "-");
	free(safe);
	return buf;
}
