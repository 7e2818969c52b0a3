/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exchange envelope (docs/exchange.md): key pairs, fingerprints, and a
 * bundle's body signed by its sender and sealed to its recipient, with
 * libsodium's high-level API only.  Bytes in, bytes out; no files. */
#ifndef GUANAI_CORE_BUNDLE_H
#define GUANAI_CORE_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

#define GU_XSIGN_PK 32       /* crypto_sign_PUBLICKEYBYTES */
#define GU_XSIGN_SK 64       /* crypto_sign_SECRETKEYBYTES */
#define GU_XSIG 64           /* crypto_sign_BYTES */
#define GU_XBOX_PK 32        /* crypto_box_PUBLICKEYBYTES */
#define GU_XBOX_SK 32        /* crypto_box_SECRETKEYBYTES */
#define GU_XSEAL 48          /* crypto_box_SEALBYTES */
#define GU_XMAGIC "GUANAIX1" /* its last character is the format version */
#define GU_XMAGIC_LEN 8
#define GU_XHEAD (GU_XMAGIC_LEN + GU_XBOX_PK)
/* A fingerprint: five groups of four hex digits and dashes, and a NUL. */
#define GU_XFP_SIZE 25
/* The largest body a bundle may unpack to (1 GiB). */
#define GU_XBODY_MAX ((size_t)1 << 30)
/* A bundle's hash as hex and a NUL. */
#define GU_XHASH_SIZE 65

/* One installation's two key pairs: Ed25519 to sign, X25519 to open. */
typedef struct gu_xkeys {
	unsigned char sign_pk[GU_XSIGN_PK], sign_sk[GU_XSIGN_SK];
	unsigned char box_pk[GU_XBOX_PK], box_sk[GU_XBOX_SK];
} gu_xkeys;

/* Makes two new key pairs; returns 0 or -GU_EIO when libsodium cannot start. */
int gu_xkeys_make(gu_xkeys *k, gu_error *err);
/* Overwrites the secret halves with zeros. */
void gu_xkeys_wipe(gu_xkeys *k);

/* Writes the fingerprint of a pair of public keys ("3f2a-91c0-...") into out. */
void gu_xfingerprint(const unsigned char sign_pk[GU_XSIGN_PK],
	const unsigned char box_pk[GU_XBOX_PK], char out[GU_XFP_SIZE]);

/* Writes n bytes as lower-case hex into out (2n + 1 bytes); returns out. */
char *gu_xhex(const unsigned char *bin, size_t n, char *out);
/* Reads exactly n bytes of hex from hex; returns 0, or -GU_EINVAL naming what. */
int gu_xunhex(const char *hex, unsigned char *bin, size_t n, const char *what, gu_error *err);

/* Writes the hex BLAKE2b-256 of n bytes into out; returns out. */
char *gu_xhash(const void *data, size_t n, char out[GU_XHASH_SIZE]);

/* Writes the hex Ed25519 signature of text under sk into out (2 * GU_XSIG + 1). */
void gu_xsign_text(const char *text, size_t n, const unsigned char sk[GU_XSIGN_SK], char *out);
/* Returns true when hex is a valid signature of text by pk. */
bool gu_xverify_text(const char *text, size_t n, const char *hex,
	const unsigned char pk[GU_XSIGN_PK]);

/* Signs body with sign_sk, compresses it and seals it to the recipient's box
 * key; returns 0
 * with the bundle in *out (malloc'd, *out_len bytes) or < 0. */
int gu_bundle_seal(const char *body, size_t n, const unsigned char sign_sk[GU_XSIGN_SK],
	const unsigned char to_box_pk[GU_XBOX_PK], unsigned char **out, size_t *out_len,
	gu_error *err);

/* A bundle opened with the recipient's keys, its signature not yet checked. */
typedef struct gu_bundle_opened {
	unsigned char to[GU_XBOX_PK];
	unsigned char sig[GU_XSIG];
	char *body;                  /* malloc'd, NUL-terminated */
	size_t body_len;
} gu_bundle_opened;

/* Opens a bundle sealed to keys: refuses another format, another recipient
 * and a damaged, altered or cut file, each with a message saying which.
 * Returns 0 with o filled (free with gu_bundle_opened_free) or < 0. */
int gu_bundle_open(const unsigned char *data, size_t n, const gu_xkeys *keys,
	gu_bundle_opened *o, gu_error *err);
/* Returns 0 when the opened bundle was signed by sign_pk, else -GU_EINVAL. */
int gu_bundle_verify(const gu_bundle_opened *o, const unsigned char sign_pk[GU_XSIGN_PK],
	gu_error *err);
/* Frees what gu_bundle_open allocated. */
void gu_bundle_opened_free(gu_bundle_opened *o);

#endif
