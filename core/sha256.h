/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SHA-256 (FIPS 180-4), to record which policy file a result came from. */
#ifndef GUANAI_CORE_SHA256_H
#define GUANAI_CORE_SHA256_H

#include <stddef.h>

/* Writes the SHA-256 of n bytes of data as 64 lower-case hex digits and a
 * NUL into hex (65 bytes). */
void gu_sha256_hex(const void *data, size_t n, char hex[65]);

#endif
