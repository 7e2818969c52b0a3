/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exchange screen (tui/screen_exchange.c): a laptop's bundles to and
 * from its office, or the office's devices, conflicts and duplicates. */
#ifndef GUANAI_TUI_SCREEN_EXCHANGE_H
#define GUANAI_TUI_SCREEN_EXCHANGE_H

#include "tui/app.h"

/* Shows the exchange screen until the user leaves; returns a gu_screen_ret. */
int gu_screen_exchange(gu_app *a);

#endif
