/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The test programs' Argon2id limits for key slots: the least libsodium
 * allows, so a test unlocks in milliseconds.  Linked before db/libdb.a, it
 * takes the place of db/keyslot_limits.c, which the installed program has. */
#include "config.h"

#include <sodium.h>

#include "db/keyslot.h"

/* Returns the least work limit. */
unsigned long long gu_keyslot_opslimit(void)
{
	return crypto_pwhash_OPSLIMIT_MIN;
}

/* Returns the least memory limit. */
size_t gu_keyslot_memlimit(void)
{
	return crypto_pwhash_MEMLIMIT_MIN;
}
