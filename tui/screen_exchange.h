/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exchange screen (tui/screen_exchange.c): a laptop's bundles to and
 * from its office, or the office's devices, conflicts and duplicates. */
#ifndef GUANAI_TUI_SCREEN_EXCHANGE_H
#define GUANAI_TUI_SCREEN_EXCHANGE_H

#include "tui/app.h"

/* Shows the exchange screen until the user leaves; returns a gu_screen_ret. */
int gu_screen_exchange(gu_app *a);
/* The conflicts at the office, decided by a supervisor (keep the office's
 * value, the laptop's, or a value typed); returns a gu_screen_ret. */
int gu_screen_conflicts(gu_app *a);
/* The possible duplicates at the office, merged or marked as different
 * children by a supervisor; returns a gu_screen_ret. */
int gu_screen_duplicates(gu_app *a);

#endif
