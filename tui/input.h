/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keys: every key the screens see comes from gu_next_key(), read from the
 * terminal or, in test mode, from a script (tui/harness.h). */
#ifndef GUANAI_TUI_INPUT_H
#define GUANAI_TUI_INPUT_H

#include <stdbool.h>
#include <wchar.h>

/* A key: a character (fn false) or a curses KEY_ code (fn true). */
typedef struct gu_key {
	bool fn;
	wint_t ch;
} gu_key;

/* Function-key codes of our own, beyond curses's. */
#define GU_KEY_EOF 0x7ff0    /* the test script has ended: leave at once */
#define GU_ESC 27
#define GU_KEY_IDLE 0x7ff1   /* test scripts: as if the idle time had passed */

/* What runs when no key came for the idle time; returns false when the
 * program is to end. */
typedef bool (*gu_idle_fn)(void *ctx);

/* Sets the idle lock: after minutes (0: never) without a key, gu_next_key
 * runs fn(ctx) and then returns KEY_RESIZE, so the screen is drawn again,
 * or GU_KEY_EOF when fn returned false. */
void gu_input_set_idle(int minutes, gu_idle_fn fn, void *ctx);

/* Returns the next key.  Enter, Backspace and Delete come as curses codes
 * (KEY_ENTER, KEY_BACKSPACE, KEY_DC) whatever the terminal sends; Escape
 * is the character GU_ESC. */
gu_key gu_next_key(void);

/* Returns true when k is the function key code. */
bool gu_key_fn(const gu_key *k, int code);
/* Returns true when k is the character c. */
bool gu_key_char(const gu_key *k, wint_t c);
/* Returns the digit 1-9 the key is, or 0. */
int gu_key_digit(const gu_key *k);

#endif
