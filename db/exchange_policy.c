/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The policy travels (docs/exchange.md, "The policy travels"): every
 * bundle says which policy its sender uses (the header's "policy" line);
 * the office's bundle to a laptop that uses another one carries the
 * office's policy text in a section of its own, inside the signed, sealed
 * body; the laptop checks it (its hash, and that it reads as a policy
 * file), keeps it in policy_texts and screens its new interviews with it.
 * A laptop's results travel with the text of their policy as any row of
 * policy_texts does. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bundle_body.h"
#include "core/i18n.h"
#include "db/exchange_internal.h"

/* Reads the hash of the policy device said it uses into out ("" when it
 * said none); returns the SQLite result. */
static int device_policy(gu_db *db, const char *device, char *out, size_t size)
{
	sqlite3_stmt *st = NULL;
	int rc;

	out[0] = '\0';
	rc = sqlite3_prepare_v2(db->h, "SELECT policy FROM xchg_devices WHERE id = ?1", -1, &st,
		NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, device)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			gu_column_copy(st, 0, out, size);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Appends the office's policy section for device to b when the device
 * uses another policy than the one in use here; returns 1 when it did, 0
 * when not, or < 0. */
int gu_xchg_policy_put(gu_db *db, const char *device, gu_strbuf *b, gu_error *err)
{
	char theirs[GU_XHASH_SIZE];
	const char *text;
	int rc;

	if (!db->policy)
		return 0;
	rc = device_policy(db, device, theirs, sizeof theirs);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	if (strcmp(theirs, gu_policy_hash(db->policy)) == 0)
		return 0;
	text = gu_policy_text(db->policy);
	gu_sb_printf(b, GU_XBODY_POLICY "%s %zu\n", gu_policy_hash(db->policy), strlen(text));
	gu_sb_put(b, text, strlen(text));
	gu_sb_put(b, "\n", 1);
	return 1;
}

/* Refuses a bundle for its policy section; returns -GU_EINVAL. */
static int refuse(gu_error *err, const char *why)
{
	return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
		_("the policy file in this bundle %s: the bundle is refused whole, nothing of it was "
		  "applied; ask the office to correct its policy file and send again"), why);
}

/* Reads the policy section at *p ("P <hash> <bytes>\n<text>\n") into the
 * hash, the text and its length, and moves *p past it; returns 0 or < 0. */
static int read_section(const char **p, char hash[GU_XHASH_SIZE], const char **text,
	size_t *len, gu_error *err)
{
	const char *s = *p + strlen(GU_XBODY_POLICY), *nl = strchr(s, '\n');
	unsigned long long n;
	char *end;

	if (!nl || nl - s < GU_XHASH_SIZE || s[GU_XHASH_SIZE - 1] != ' ')
		return refuse(err, _("is not written as guanai writes it"));
	memcpy(hash, s, GU_XHASH_SIZE - 1);
	hash[GU_XHASH_SIZE - 1] = '\0';
	s += GU_XHASH_SIZE;
	n = strtoull(s, &end, 10);
	if (end == s || end != nl || *s == '-' || n > strlen(nl + 1) || nl[1 + n] != '\n')
		return refuse(err, _("is cut short"));
	*text = nl + 1;
	*len = (size_t)n;
	*p = nl + 1 + n + 1;
	return 0;
}

/* Keeps the office's policy p (its text in policy_texts, its hash as the
 * policy this laptop uses); sets changed when it was not the one in use.
 * Returns the SQLite result. */
static int keep_office_policy(gu_db *db, const char *office, const gu_policy *p, bool *changed)
{
	sqlite3_stmt *st = NULL;
	const char *text = gu_policy_text(p);
	int rc;

	rc = sqlite3_prepare_v2(db->h, "INSERT INTO policy_texts (hash, text, updated_at, device)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (hash) DO NOTHING", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, gu_policy_hash(p))) == SQLITE_OK
	    && (rc = sqlite3_bind_text(st, 2, text, (int)strlen(text), SQLITE_STATIC)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 3, gu_time_now())) == SQLITE_OK
	    && (rc = gu_bind_text(st, 4, office)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->h, "UPDATE xchg_self SET office_policy = ?1"
			" WHERE office_policy IS NOT ?1", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, gu_policy_hash(p))) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
			*changed = sqlite3_changes(db->h) > 0;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Records the policy a laptop said it uses; returns the SQLite result. */
static int note_device_policy(gu_db *db, const gu_bundle_head *h)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (!h->policy[0])
		return SQLITE_OK;
	rc = sqlite3_prepare_v2(db->h, "UPDATE xchg_devices SET policy = ?2 WHERE id = ?1", -1,
		&st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, h->from)) == SQLITE_OK
	    && (rc = gu_bind_text(st, 2, h->policy)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Takes the policy part of a verified bundle inside the receiver's
 * transaction; returns 0 or < 0 (the caller rolls back). */
int gu_xchg_policy_take(gu_db *db, const gu_xchg_keys *k, const gu_bundle_head *h,
	const char **records, gu_xchg_receipt *r, gu_error *err)
{
	char hash[GU_XHASH_SIZE];
	const char *text = NULL;
	gu_policy *p = NULL;
	gu_error perr;
	bool changed = false;
	size_t len = 0;
	int ret, rc;

	if (k->self.role == GU_XROLE_OFFICE) {
		if (strncmp(*records, GU_XBODY_POLICY, strlen(GU_XBODY_POLICY)) == 0)
			return gu_error_set(err, GU_EPERM, NULL, 0, 0,
				_("this bundle from a laptop carries a policy file, which only the office "
				  "sends: nothing of it was applied"));
		rc = note_device_policy(db, h);
		return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
	}
	if (strncmp(*records, GU_XBODY_POLICY, strlen(GU_XBODY_POLICY)) != 0)
		return 0;
	ret = read_section(records, hash, &text, &len, err);
	if (ret < 0)
		return ret;
	gu_error_clear(&perr);
	if (gu_policy_load_text(_("the office's policy file"), text, len, &p, &perr) < 0) {
		char why[900];

		snprintf(why, sizeof why, _("is not a valid policy file (%s)"), perr.message);
		return refuse(err, why);
	}
	if (strcmp(gu_policy_hash(p), hash) != 0) {
		gu_policy_free(p);
		return refuse(err, _("does not match the hash it is sent under"));
	}
	rc = keep_office_policy(db, h->from, p, &changed);
	if (rc == SQLITE_OK && changed) {
		snprintf(r->policy, sizeof r->policy, "%s", hash);
		snprintf(r->policy_version, sizeof r->policy_version, "%s", gu_policy_version(p));
	}
	gu_policy_free(p);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Loads the policy this laptop's office sent; returns 1 with *out, 0 when
 * none came (or this is no laptop), or < 0. */
int gu_xchg_office_policy(gu_db *db, gu_policy **out, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	char hash[GU_XHASH_SIZE] = "";
	int rc, ret = 0;
	GU_ERR_LOCAL(err);

	*out = NULL;
	rc = sqlite3_prepare_v2(db->h, "SELECT s.office_policy, t.text FROM xchg_self s"
		" JOIN policy_texts t ON t.hash = s.office_policy WHERE s.role = 'laptop'", -1, &st,
		NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 1);
		int len = sqlite3_column_bytes(st, 1);

		gu_column_copy(st, 0, hash, sizeof hash);
		rc = SQLITE_OK;
		ret = gu_policy_load_text(_("the office's policy file"), text ? text : "",
			(size_t)len, out, err);
		if (ret == 0 && strcmp(gu_policy_hash(*out), hash) != 0) {
			gu_policy_free(*out);
			*out = NULL;
			ret = gu_error_set(err, GU_EDB_CORRUPT, NULL, 0, 0,
				_("the office's policy file kept in this database is damaged: ask the "
				  "office for a new bundle"));
		}
		if (ret == 0)
			ret = 1;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	return ret;
}
