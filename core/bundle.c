/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The exchange envelope: key pairs, fingerprints, sign then seal, open then
 * verify.  libsodium's crypto_sign, crypto_box_seal and crypto_generichash;
 * the body is compressed with zlib (deflate) inside the seal. */

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/bundle.h"
#include "core/i18n.h"

/* Starts libsodium; returns 0 or -GU_EIO. */
static int start(gu_error *err)
{
	if (sodium_init() < 0)
		return gu_error_set(err, GU_EIO, NULL, 0, 0,
			_("the cryptography library cannot start"));
	return 0;
}

/* Makes two new key pairs; returns 0 or < 0. */
int gu_xkeys_make(gu_xkeys *k, gu_error *err)
{
	int ret = start(err);

	if (ret < 0)
		return ret;
	if (crypto_sign_keypair(k->sign_pk, k->sign_sk) != 0
	    || crypto_box_keypair(k->box_pk, k->box_sk) != 0)
		return gu_error_set(err, GU_EIO, NULL, 0, 0, _("cannot make new keys"));
	return 0;
}

/* Overwrites the secret halves of k with zeros. */
void gu_xkeys_wipe(gu_xkeys *k)
{
	sodium_memzero(k->sign_sk, sizeof k->sign_sk);
	sodium_memzero(k->box_sk, sizeof k->box_sk);
}

/* Writes the fingerprint of two public keys into out. */
void gu_xfingerprint(const unsigned char sign_pk[GU_XSIGN_PK],
	const unsigned char box_pk[GU_XBOX_PK], char out[GU_XFP_SIZE])
{
	static const char word[] = "guanai fingerprint 1";
	crypto_generichash_state st;
	unsigned char h[10];
	char hex[21];
	int i, o = 0;

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)word, sizeof word - 1);
	crypto_generichash_update(&st, sign_pk, GU_XSIGN_PK);
	crypto_generichash_update(&st, box_pk, GU_XBOX_PK);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	for (i = 0; i < 20; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = hex[i];
	}
	out[o] = '\0';
}

/* Writes bin as hex into out; returns out. */
char *gu_xhex(const unsigned char *bin, size_t n, char *out)
{
	return sodium_bin2hex(out, 2 * n + 1, bin, n);
}

/* Reads exactly n bytes of hex; returns 0 or -GU_EINVAL. */
int gu_xunhex(const char *hex, unsigned char *bin, size_t n, const char *what, gu_error *err)
{
	size_t got = 0;

	if (!hex || strlen(hex) != 2 * n
	    || sodium_hex2bin(bin, n, hex, strlen(hex), NULL, &got, NULL) != 0 || got != n)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%s is not a key guanai made (%zu hexadecimal digits expected)"),
			what, 2 * n);
	return 0;
}

/* Writes the hex BLAKE2b-256 of data; returns out. */
char *gu_xhash(const void *data, size_t n, char out[GU_XHASH_SIZE])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, data, n, NULL, 0);
	return gu_xhex(h, sizeof h, out);
}

/* Writes the hex signature of text into out. */
void gu_xsign_text(const char *text, size_t n, const unsigned char sk[GU_XSIGN_SK], char *out)
{
	unsigned char sig[GU_XSIG];

	crypto_sign_detached(sig, NULL, (const unsigned char *)text, n, sk);
	gu_xhex(sig, sizeof sig, out);
}

/* Returns true when hex signs text under pk. */
bool gu_xverify_text(const char *text, size_t n, const char *hex,
	const unsigned char pk[GU_XSIGN_PK])
{
	unsigned char sig[GU_XSIG];

	if (gu_xunhex(hex, sig, sizeof sig, "", NULL) < 0)
		return false;
	return crypto_sign_verify_detached(sig, (const unsigned char *)text, n, pk) == 0;
}

/* Signs magic, recipient and body together: writes the signature into sig;
 * returns 0 or < 0. */
static int sign_body(const char *body, size_t n, const unsigned char to[GU_XBOX_PK],
	const unsigned char sign_sk[GU_XSIGN_SK], unsigned char sig[GU_XSIG], gu_error *err)
{
	crypto_sign_state st;

	if (crypto_sign_init(&st) != 0
	    || crypto_sign_update(&st, (const unsigned char *)GU_XMAGIC, GU_XMAGIC_LEN) != 0
	    || crypto_sign_update(&st, to, GU_XBOX_PK) != 0
	    || crypto_sign_update(&st, (const unsigned char *)body, n) != 0
	    || crypto_sign_final_create(&st, sig, NULL, sign_sk) != 0)
		return gu_error_set(err, GU_EIO, NULL, 0, 0, _("cannot sign the bundle"));
	return 0;
}

/* Signs, compresses and seals body; returns 0 with the bundle in *out or < 0. */
int gu_bundle_seal(const char *body, size_t n, const unsigned char sign_sk[GU_XSIGN_SK],
	const unsigned char to_box_pk[GU_XBOX_PK], unsigned char **out, size_t *out_len,
	gu_error *err)
{
	unsigned char *inner = NULL, *file = NULL;
	uLongf packed = compressBound((uLong)n);
	size_t inner_len = GU_XSIG + packed;
	int ret;

	*out = NULL;
	*out_len = 0;
	ret = start(err);
	if (ret < 0)
		return ret;
	inner = malloc(inner_len);
	if (!inner) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto cleanup;
	}
	ret = sign_body(body, n, to_box_pk, sign_sk, inner, err);
	if (ret < 0)
		goto cleanup;
	if (compress2(inner + GU_XSIG, &packed, (const Bytef *)body, (uLong)n, 6) != Z_OK) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto cleanup;
	}
	inner_len = GU_XSIG + packed;
	file = malloc(GU_XHEAD + GU_XSEAL + inner_len);
	if (!file) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto cleanup;
	}
	memcpy(file, GU_XMAGIC, GU_XMAGIC_LEN);
	memcpy(file + GU_XMAGIC_LEN, to_box_pk, GU_XBOX_PK);
	if (crypto_box_seal(file + GU_XHEAD, inner, inner_len, to_box_pk) != 0) {
		ret = gu_error_set(err, GU_EIO, NULL, 0, 0, _("cannot seal the bundle"));
		goto cleanup;
	}
	*out = file;
	*out_len = GU_XHEAD + GU_XSEAL + inner_len;
	file = NULL;
cleanup:
	if (inner)
		sodium_memzero(inner, inner_len);
	free(inner);
	free(file);
	return ret;
}

/* Inflates n bytes of packed into a malloc'd, NUL-terminated body of at
 * most GU_XBODY_MAX bytes; returns 0 or -GU_EINVAL. */
static int inflate_body(const unsigned char *packed, size_t n, char **body, size_t *len,
	gu_error *err)
{
	z_stream z;
	size_t cap = 4 * n + 4096;
	char *buf = malloc(cap + 1), *nb;
	int zr = Z_BUF_ERROR;

	*body = NULL;
	*len = 0;
	if (!buf)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK) {
		free(buf);
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	}
	z.next_in = (Bytef *)packed;
	z.avail_in = (uInt)n;
	do {
		if (z.total_out == cap) {
			if (cap >= GU_XBODY_MAX)
				break;
			cap = cap * 2 > GU_XBODY_MAX ? GU_XBODY_MAX : cap * 2;
			nb = realloc(buf, cap + 1);
			if (!nb)
				break;
			buf = nb;
		}
		z.next_out = (Bytef *)buf + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		zr = inflate(&z, Z_NO_FLUSH);
	} while (zr == Z_OK);
	*len = z.total_out;
	inflateEnd(&z);
	if (zr != Z_STREAM_END || z.avail_in != 0) {
		free(buf);
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the bundle's contents cannot be read (damaged, or larger than guanai "
			  "reads): nothing of it was applied"));
	}
	buf[*len] = '\0';
	*body = buf;
	return 0;
}

/* Opens a bundle sealed to keys; returns 0 or < 0. */
int gu_bundle_open(const unsigned char *data, size_t n, const gu_xkeys *keys,
	gu_bundle_opened *o, gu_error *err)
{
	unsigned char *inner = NULL;
	size_t inner_len;
	int ret;

	memset(o, 0, sizeof *o);
	ret = start(err);
	if (ret < 0)
		return ret;
	if (n < GU_XMAGIC_LEN || memcmp(data, GU_XMAGIC, GU_XMAGIC_LEN - 1) != 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this is not a guanai bundle (or its first bytes are damaged)"));
	if (data[GU_XMAGIC_LEN - 1] != (unsigned char)GU_XMAGIC[GU_XMAGIC_LEN - 1])
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this bundle is of another format version (%c): install the guanai "
			  "of the office that wrote it"), data[GU_XMAGIC_LEN - 1]);
	if (n < GU_XHEAD + GU_XSEAL + GU_XSIG)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the bundle is cut short (%zu bytes): copy it again from the sender"), n);
	memcpy(o->to, data + GU_XMAGIC_LEN, GU_XBOX_PK);
	if (sodium_memcmp(o->to, keys->box_pk, GU_XBOX_PK) != 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this bundle is sealed to another office or laptop, not to this one: "
			  "give it to the installation it was written for"));
	inner_len = n - GU_XHEAD - GU_XSEAL;
	inner = malloc(inner_len + 1);
	if (!inner)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	if (crypto_box_seal_open(inner, data + GU_XHEAD, n - GU_XHEAD, keys->box_pk,
			keys->box_sk) != 0) {
		free(inner);
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the bundle is damaged, altered or cut short: nothing of it was applied; "
			  "copy it again from the sender"));
	}
	memcpy(o->sig, inner, GU_XSIG);
	ret = inflate_body(inner + GU_XSIG, inner_len - GU_XSIG, &o->body, &o->body_len, err);
	sodium_memzero(inner, inner_len);
	free(inner);
	return ret;
}

/* Returns 0 when the bundle was signed by sign_pk, else -GU_EINVAL. */
int gu_bundle_verify(const gu_bundle_opened *o, const unsigned char sign_pk[GU_XSIGN_PK],
	gu_error *err)
{
	crypto_sign_state st;

	if (crypto_sign_init(&st) != 0
	    || crypto_sign_update(&st, (const unsigned char *)GU_XMAGIC, GU_XMAGIC_LEN) != 0
	    || crypto_sign_update(&st, o->to, GU_XBOX_PK) != 0
	    || crypto_sign_update(&st, (const unsigned char *)o->body, o->body_len) != 0
	    || crypto_sign_final_verify(&st, o->sig, sign_pk) != 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the bundle's signature does not match the device it names: it was "
			  "altered or made elsewhere; nothing of it was applied"));
	return 0;
}

/* Frees what gu_bundle_open allocated. */
void gu_bundle_opened_free(gu_bundle_opened *o)
{
	if (o->body) {
		sodium_memzero(o->body, o->body_len);
		free(o->body);
	}
	memset(o, 0, sizeof *o);
}
