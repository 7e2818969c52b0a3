/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An answer's value in words, as the case view and the conflicts screen
 * show it: a choice's label, not its code. */
#ifndef GUANAI_TUI_ANSWER_WORDS_H
#define GUANAI_TUI_ANSWER_WORDS_H

#include <stddef.h>
#include "core/policy.h"

/* Returns a choice's label for value, or value. */
const char *gu_choice_word(const gu_question *q, const char *value);
/* Writes value, an answer to q (NULL: a key the policy does not know), in
 * words into buf (an ID number masked); returns buf. */
const char *gu_answer_words(const gu_question *q, const char *value, char *buf, size_t size);

#endif
