/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* An answer's value in words (tui/answer_words.h). */

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/idcard.h"
#include "core/region.h"
#include "tui/answer_words.h"

/* Returns a choice's label for value, or value. */
const char *gu_choice_word(const gu_question *q, const char *value)
{
	size_t i;

	for (i = 0; i < q->nchoices; i++)
		if (strcmp(q->choices[i].value, value) == 0)
			return gu_pick(q->choices[i].label_zh, q->choices[i].label_en);
	return value;
}

/* Writes an answer's value in words into buf; returns buf. */
const char *gu_answer_words(const gu_question *q, const char *value, char *buf, size_t size)
{
	char copy[400], *tok, *save = NULL, masked[32], region[200];
	size_t o = 0;

	if (strcmp(value, "unknown") == 0) {
		snprintf(buf, size, "%s", _("not known"));
		return buf;
	}
	if (!q) {
		snprintf(buf, size, "%s", value);
		return buf;
	}
	switch (q->type) {
	case GU_Q_CHOICE:
		snprintf(buf, size, "%s", gu_choice_word(q, value));
		break;
	case GU_Q_MULTI:
		snprintf(copy, sizeof copy, "%s", value);
		buf[0] = '\0';
		for (tok = strtok_r(copy, ",", &save); tok && o < size; tok = strtok_r(NULL, ",", &save)) {
			while (*tok == ' ')
				tok++;
			o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? _(", ") : "",
				gu_choice_word(q, tok));
		}
		if (!buf[0])
			snprintf(buf, size, "%s", _("none"));
		break;
	case GU_Q_YESNO:
		snprintf(buf, size, "%s", strcmp(value, "yes") == 0 ? _("yes")
			: strcmp(value, "no") == 0 ? _("no") : value);
		break;
	case GU_Q_IDNUMBER:
		snprintf(buf, size, "%s", strcmp(value, "none") == 0 ? _("none")
			: gu_idcard_mask(value, masked));
		break;
	case GU_Q_CODE:
		if (strcmp(value, "none") == 0)
			snprintf(buf, size, "%s", _("none"));
		else if (gu_region_name(value, gu_lang() == GU_LANG_ZH, region, sizeof region))
			snprintf(buf, size, _("%s (%s)"), region, value);
		else
			snprintf(buf, size, "%s", value);
		break;
	default:
		snprintf(buf, size, "%s", value);
		break;
	}
	return buf;
}
