#include "config.h"
/* The one place keys come from: the terminal, or the test script. */

#include <curses.h>

#include "tui/harness.h"
#include "tui/input.h"

/* Returns k with Enter, Backspace and Delete made the same whatever the
 * terminal sends. */
static gu_key normalise(gu_key k)
{
	if (!k.fn) {
		if (k.ch == '\r' || k.ch == '\n') {
			k.fn = true;
			k.ch = KEY_ENTER;
		} else if (k.ch == 127 || k.ch == 8) {
			k.fn = true;
			k.ch = KEY_BACKSPACE;
		}
	}
	return k;
}

/* Returns the next key from the script or the terminal. */
gu_key gu_next_key(void)
{
	gu_key k = { false, 0 };

	if (gu_harness_active()) {
		if (!gu_harness_next(&k)) {
			k.fn = true;
			k.ch = GU_KEY_EOF;
		}
		return normalise(k);
	}
	for (;;) {
		int r = get_wch(&k.ch);

		if (r == ERR)
			continue;
		k.fn = r == KEY_CODE_YES;
		return normalise(k);
	}
}

/* Returns true when k is the function key code. */
bool gu_key_fn(const gu_key *k, int code)
{
	return k->fn && k->ch == (wint_t)code;
}

/* Returns true when k is the character c. */
bool gu_key_char(const gu_key *k, wint_t c)
{
	return !k->fn && k->ch == c;
}

/* Returns the digit 1-9 k is, or 0. */
int gu_key_digit(const gu_key *k)
{
	if (!k->fn && k->ch >= '1' && k->ch <= '9')
		return (int)(k->ch - '0');
	return 0;
}
