/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A laptop's recovery key kept at its office (docs/privacy.md): made when
 * the laptop enrols, sealed to the office's X25519 key (crypto_box_seal)
 * inside the signed enrolment file, stored per device at the office, and
 * opened there only by a supervisor who gives a reason, into a file. */

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "db/access.h"
#include "db/crypt_login.h"
#include "db/exchange_internal.h"
#include "db/keyslot.h"
#include "db/safe_write.h"

/* The most bytes a sealed recovery key takes. */
#define SEALED_MAX (GU_KEY_RECOVERY_TEXT + crypto_box_SEALBYTES)

/* Gives an encrypted laptop a new recovery key and appends it, sealed to
 * the office's box_pk, as a "recovery" line to b; a database without key
 * slots (never encrypted) appends nothing.  Returns 0 or < 0. */
int gu_xchg_recovery_seal(gu_db *db, const unsigned char box_pk[GU_XBOX_PK], gu_strbuf *b,
	gu_error *err)
{
	unsigned char sealed[SEALED_MAX];
	char hex[2 * SEALED_MAX + 1];
	char *recovery;
	size_t len;
	int ret;

	if (!gu_db_has_keys(gu_db_path(db)))
		return 0;
	recovery = sodium_init() < 0 ? NULL : sodium_malloc(GU_KEY_RECOVERY_TEXT);
	if (!recovery)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	ret = gu_db_keys_new_recovery(gu_db_path(db), recovery, err);
	if (ret == 0) {
		len = strnlen(recovery, GU_KEY_RECOVERY_TEXT - 1);
		if (crypto_box_seal(sealed, (const unsigned char *)recovery, len, box_pk) != 0)
			ret = gu_error_set(err, GU_EIO, NULL, 0, 0,
				_("cannot seal the recovery key to the office"));
		else
			gu_sb_printf(b, "recovery %s\n",
				gu_xhex(sealed, len + crypto_box_SEALBYTES, hex));
	}
	sodium_free(recovery);
	return ret;
}

/* Checks the hex of a sealed recovery key from an enrolment file; returns
 * 0 or -1. */
int gu_xchg_recovery_check(const char *hex)
{
	size_t n = strlen(hex);

	return n > 2 * crypto_box_SEALBYTES && n <= 2 * SEALED_MAX && n % 2 == 0
		&& strspn(hex, "0123456789abcdef") == n ? 0 : -1;
}

/* Reads device's sealed recovery key into sealed (*len bytes); returns 0,
 * or < 0 saying why not. */
static int read_sealed(gu_db *db, const char *device, unsigned char *sealed, size_t *len,
	gu_error *err)
{
	sqlite3_stmt *st = NULL;
	const char *hex;
	int rc, ret = 0;

	*len = 0;
	rc = sqlite3_prepare_v2(db->h, "SELECT recovery_sealed FROM xchg_devices WHERE id = ?1",
		-1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, device)) == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		hex = (const char *)sqlite3_column_text(st, 0);
		if (!hex || !*hex)
			ret = gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
				_("device %.8s sent no recovery key when it enrolled (its database was "
				  "not encrypted then): on the laptop, a supervisor makes one with "
				  "\"%s users recovery-key\""), device, PACKAGE);
		else if (gu_xchg_recovery_check(hex) < 0
			 || gu_xunhex(hex, sealed, strlen(hex) / 2, "", NULL) < 0)
			ret = gu_error_set(err, GU_EDB_CORRUPT, NULL, 0, 0,
				_("the recovery key of device %.8s is damaged"), device);
		else
			*len = strlen(hex) / 2;
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		ret = gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("no device %s: \"%s devices\" lists them"), device, PACKAGE);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? ret : gu_db_fail(db, rc, err);
}

/* Writes the text of recovery (n bytes) and a line end to the new file
 * path; returns 0 or < 0. */
static int write_key_file(gu_db *db, const char *path, const char *recovery, size_t n,
	gu_error *err)
{
	gu_safe_file f;
	const char *p = recovery;
	size_t left = n + 1;
	int ret = gu_safe_open(db, path, 0, &f, err);

	if (ret < 0)
		return ret;
	while (left > 0) {
		ssize_t w = write(f.fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			ret = gu_error_set(err, GU_EIO, path, 0, 0,
				_("cannot write the recovery key: %s"), strerror(errno));
			gu_safe_abort(&f);
			return ret;
		}
		p += w;
		left -= (size_t)w;
	}
	return gu_safe_commit(&f, err);
}

/* Opens device's recovery key at the office (a supervisor, for reason)
 * and writes it to the new file path (mode 0600, never over a file);
 * audited.  Returns 0 or < 0. */
int gu_xchg_recovery_write(gu_db *db, const char *device, const char *reason,
	const char *path, gu_error *err)
{
	unsigned char sealed[SEALED_MAX];
	char detail[600];
	char *recovery = NULL;
	gu_xchg_keys k;
	size_t len = 0;
	int ret;
	GU_ERR_LOCAL(err);

	if (!reason || !reason[strspn(reason, " \t")])
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("opening a laptop's recovery key needs a reason (--reason TEXT), kept in "
			  "the audit log"));
	ret = gu_access_require_supervisor(db, false, err);
	if (ret < 0)
		return ret;
	ret = gu_xchg_keys_load(db, &k, err);
	if (ret < 0)
		return ret;
	if (k.self.role != GU_XROLE_OFFICE) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("only the office holds laptops' recovery keys"));
		goto cleanup;
	}
	ret = read_sealed(db, device, sealed, &len, err);
	if (ret < 0)
		goto cleanup;
	recovery = sodium_init() < 0 ? NULL : sodium_malloc(len - crypto_box_SEALBYTES + 1);
	if (!recovery) {
		ret = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
		goto cleanup;
	}
	if (crypto_box_seal_open((unsigned char *)recovery, sealed, len, k.keys.box_pk,
			k.keys.box_sk) != 0) {
		ret = gu_error_set(err, GU_EDB_CORRUPT, NULL, 0, 0,
			_("the recovery key of device %.8s does not open with this office's key"),
			device);
		goto cleanup;
	}
	recovery[len - crypto_box_SEALBYTES] = '\n';
	snprintf(detail, sizeof detail, "device %s: %s", device, reason);
	ret = gu_audit_add(db, "exchange.recovery_key", NULL, detail, err);
	if (ret == 0)
		ret = write_key_file(db, path, recovery, len - crypto_box_SEALBYTES, err);
cleanup:
	sodium_free(recovery);
	gu_xchg_keys_wipe(&k);
	return ret;
}
