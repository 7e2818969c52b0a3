/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The Argon2id limits key slots are made with: libsodium's interactive
 * ones, as the password hashes use.  Kept alone in this file so that the
 * test programs can link cheaper limits in its place; the installed
 * program always has these. */

#include <sodium.h>

#include "db/keyslot.h"

/* Returns the work limit. */
unsigned long long gu_keyslot_opslimit(void)
{
	return crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

/* Returns the memory limit in bytes. */
size_t gu_keyslot_memlimit(void)
{
	return crypto_pwhash_MEMLIMIT_INTERACTIVE;
}
