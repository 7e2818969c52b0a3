/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Changing a password: one's own, or any user's by a supervisor (a reset).
 * The password hash and the user's key slot change together, so the new
 * password both logs in and opens the encrypted database; nothing is
 * re-encrypted. */

#include <sodium.h>
#include <string.h>

#include "core/i18n.h"
#include "db/auth.h"
#include "db/crypt_login.h"
#include "db/internal.h"

/* Sets name's password hash (audited as user.password) and key slot, and
 * audits action too unless NULL; returns 0 or < 0. */
static int set_password(gu_db *db, const char *name, const char *password, const char *action,
	gu_error *err)
{
	char hash[GU_PASSWORD_HASH_SIZE];
	enum gu_role role;
	int ret = gu_user_get(db, name, &role, NULL, 0, err);

	if (ret < 0)
		return ret;
	ret = gu_password_check(name, password, err);
	if (ret == 0)
		ret = gu_auth_hash(password, hash, sizeof hash, err);
	if (ret == 0)
		ret = gu_user_set_password_hash(db, name, hash, err);
	sodium_memzero(hash, sizeof hash);
	if (ret == 0 && gu_db_has_keys(db->path))
		ret = gu_db_keys_set(db->path, name, password, err);
	if (ret == 0 && action)
		ret = gu_audit_add(db, action, NULL, name, err);
	return ret;
}

/* Sets name's password; returns 0, -GU_EPERM, -GU_EINVAL, -GU_ENOTFOUND or < 0. */
int gu_auth_set_password(gu_db *db, const char *name, const char *password, gu_error *err)
{
	GU_ERR_LOCAL(err);

	if (!db->logged_in || (strcmp(gu_db_user(db), name) != 0 && db->role != GU_ROLE_SUPERVISOR))
		return gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("only a supervisor can set another user's password; log in as one with --user"));
	return set_password(db, name, password, NULL, err);
}

/* Sets name's password on a database opened with the recovery key;
 * returns 0, -GU_EINVAL, -GU_ENOTFOUND or < 0. */
int gu_auth_recover_password(gu_db *db, const char *name, const char *password, gu_error *err)
{
	GU_ERR_LOCAL(err);

	return set_password(db, name, password, "user.password_recovered", err);
}
