/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The exchange's keys: an office's, a laptop's enrolment with its office,
 * and the office's register of devices.  Secret halves are read and
 * written here only, and only into the database (docs/exchange.md). */

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "db/access.h"
#include "db/exchange_internal.h"

#define OFFICE_FIRST "guanai-office 1"
#define DEVICE_FIRST "guanai-device 1"

/* Runs sql on db; returns 0 or < 0. */
int gu_xchg_exec(gu_db *db, const char *sql, gu_error *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Copies the value of the line "key value" of text into out (size bytes);
 * returns 0, or -1 when missing or too long. */
static int field(const char *text, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == ' ') {
			len -= klen + 1;
			if (len > 0 && p[klen + 1 + len - 1] == '\r')
				len--;
			if (len >= size)
				return -1;
			memcpy(out, p + klen + 1, len);
			out[len] = '\0';
			return 0;
		}
		p = nl ? nl + 1 : NULL;
	}
	return -1;
}

/* Reads hex column i into bin (n bytes); returns 0 or -1. */
static int column_key(sqlite3_stmt *st, int i, unsigned char *bin, size_t n)
{
	return gu_xunhex((const char *)sqlite3_column_text(st, i), bin, n, "", NULL);
}

/* Reads the keys; returns 0, -GU_ENOTFOUND or < 0. */
int gu_xchg_keys_load(gu_db *db, gu_xchg_keys *k, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;
	const char *role;

	memset(k, 0, sizeof *k);
	rc = sqlite3_prepare_v2(db->h,
		"SELECT role, sign_pk, sign_sk, box_pk, box_sk, township, worker, office_id,"
		" office_sign_pk, office_box_pk, xid FROM xchg_self", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		ret = -GU_ENOTFOUND;
		gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("this database is neither an office nor a laptop enrolled with one: "
			  "run \"%s office init\" at the office or \"%s enroll OFFICE.pub\" on a laptop"),
			PACKAGE, PACKAGE);
		goto cleanup;
	}
	if (rc != SQLITE_ROW) {
		ret = gu_db_fail(db, rc, err);
		goto cleanup;
	}
	role = (const char *)sqlite3_column_text(st, 0);
	k->self.role = role && strcmp(role, "office") == 0 ? GU_XROLE_OFFICE : GU_XROLE_LAPTOP;
	if (column_key(st, 1, k->keys.sign_pk, GU_XSIGN_PK) < 0
	    || column_key(st, 2, k->keys.sign_sk, GU_XSIGN_SK) < 0
	    || column_key(st, 3, k->keys.box_pk, GU_XBOX_PK) < 0
	    || column_key(st, 4, k->keys.box_sk, GU_XBOX_SK) < 0
	    || (k->self.role == GU_XROLE_LAPTOP
		&& (column_key(st, 8, k->office_sign_pk, GU_XSIGN_PK) < 0
		    || column_key(st, 9, k->office_box_pk, GU_XBOX_PK) < 0))) {
		ret = gu_error_set(err, GU_EDB_CORRUPT, NULL, 0, 0,
			_("the exchange keys stored in this database are damaged: restore it "
			  "from a backup, or enrol it again"));
		goto cleanup;
	}
	gu_column_copy(st, 5, k->self.township, sizeof k->self.township);
	gu_column_copy(st, 6, k->self.worker, sizeof k->self.worker);
	gu_column_copy(st, 7, k->self.office_id, sizeof k->self.office_id);
	gu_column_copy(st, 10, k->self.id, sizeof k->self.id);
	gu_xfingerprint(k->keys.sign_pk, k->keys.box_pk, k->self.fingerprint);
	if (k->self.role == GU_XROLE_LAPTOP)
		gu_xfingerprint(k->office_sign_pk, k->office_box_pk, k->self.office_fingerprint);
	else
		snprintf(k->self.office_fingerprint, sizeof k->self.office_fingerprint, "%s",
			k->self.fingerprint);
cleanup:
	sqlite3_finalize(st);
	if (ret < 0)
		gu_xchg_keys_wipe(k);
	return ret;
}

/* Wipes the secrets of k. */
void gu_xchg_keys_wipe(gu_xchg_keys *k)
{
	gu_xkeys_wipe(&k->keys);
}

/* Fills s; returns 0 or < 0. */
int gu_xchg_self_get(gu_db *db, gu_xchg_self *s, gu_error *err)
{
	gu_xchg_keys k;
	int ret = gu_xchg_keys_load(db, &k, err);

	if (ret == -GU_ENOTFOUND) {
		memset(s, 0, sizeof *s);
		snprintf(s->id, sizeof s->id, "%s", db->device);
		return 0;
	}
	if (ret < 0)
		return ret;
	*s = k.self;
	gu_xchg_keys_wipe(&k);
	return 0;
}

/* Returns the role (GU_XROLE_NONE also on failure). */
enum gu_xrole gu_xchg_role(gu_db *db)
{
	sqlite3_stmt *st = NULL;
	enum gu_xrole role = GU_XROLE_NONE;

	if (sqlite3_prepare_v2(db->h, "SELECT role FROM xchg_self", -1, &st, NULL) == SQLITE_OK
	    && sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		role = r && strcmp(r, "office") == 0 ? GU_XROLE_OFFICE : GU_XROLE_LAPTOP;
	}
	sqlite3_finalize(st);
	return role;
}

/* Stores new keys for role inside the caller's transaction, with the
 * office's keys on a laptop; returns 0 or < 0. */
static int store_self(gu_db *db, const char *role, const gu_xkeys *keys, const char *township,
	const char *worker, const gu_xchg_office_file *o, gu_error *err)
{
	char sign_pk[2 * GU_XSIGN_PK + 1], sign_sk[2 * GU_XSIGN_SK + 1];
	char box_pk[2 * GU_XBOX_PK + 1], box_sk[2 * GU_XBOX_SK + 1];
	char osign[2 * GU_XSIGN_PK + 1] = "", obox[2 * GU_XBOX_PK + 1] = "";
	char xid[GU_ID_SIZE];
	sqlite3_stmt *st = NULL;
	int rc;

	if (gu_db_new_id(xid, err) < 0)
		return -GU_EIO;
	gu_xhex(keys->sign_pk, GU_XSIGN_PK, sign_pk);
	gu_xhex(keys->sign_sk, GU_XSIGN_SK, sign_sk);
	gu_xhex(keys->box_pk, GU_XBOX_PK, box_pk);
	gu_xhex(keys->box_sk, GU_XBOX_SK, box_sk);
	if (o) {
		gu_xhex(o->sign_pk, GU_XSIGN_PK, osign);
		gu_xhex(o->box_pk, GU_XBOX_PK, obox);
	}
	rc = sqlite3_prepare_v2(db->h,
		"INSERT INTO xchg_self (one, role, sign_pk, sign_sk, box_pk, box_sk, township,"
		" worker, office_id, office_sign_pk, office_box_pk, created_at, xid)"
		" VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", -1, &st, NULL);
	if (rc == SQLITE_OK
	    && (rc = GU_BIND(st, GU_TEXT(role), GU_TEXT(sign_pk), GU_TEXT(sign_sk), GU_TEXT(box_pk),
		GU_TEXT(box_sk), GU_TEXT(township ? township : ""), GU_TEXT(worker ? worker : ""),
		GU_TEXT(o ? o->id : ""), GU_TEXT(osign), GU_TEXT(obox), GU_INT(gu_time_now()),
		GU_TEXT(xid))) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	sodium_memzero(sign_sk, sizeof sign_sk);
	sodium_memzero(box_sk, sizeof box_sk);
	return rc == SQLITE_OK ? 0 : gu_db_fail(db, rc, err);
}

/* Refuses a database that already is an office or a laptop; returns 0 or < 0. */
static int refuse_second_role(gu_db *db, gu_error *err)
{
	enum gu_xrole r = gu_xchg_role(db);

	if (r == GU_XROLE_OFFICE)
		return gu_error_set(err, GU_EEXIST, NULL, 0, 0,
			_("this database already is an office; \"%s office public FILE\" writes its "
			  "public file again"), PACKAGE);
	if (r == GU_XROLE_LAPTOP)
		return gu_error_set(err, GU_EEXIST, NULL, 0, 0,
			_("this database is already enrolled with an office; a laptop restored from "
			  "a backup starts again from a new database"));
	return 0;
}

/* Makes new keys for role and the change log inside one transaction (again:
 * a laptop enrolled before starts a new chain as a new device, every row to
 * be sent again); returns 0 or < 0. */
static int become(gu_db *db, const char *role, const char *township, const char *worker,
	const gu_xchg_office_file *o, bool again, const char *audit_action, gu_xchg_keys *out,
	gu_error *err)
{
	gu_xkeys keys;
	char detail[300];
	int ret, rc;

	ret = gu_xkeys_make(&keys, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		goto cleanup;
	if (again && gu_xchg_role(db) == GU_XROLE_LAPTOP)
		ret = gu_xchg_exec(db, "DELETE FROM xchg_self; DELETE FROM xchg_sent;"
			" DELETE FROM xchg_received; UPDATE xchg_clock SET n = n + 1;"
			" UPDATE xchg_dirty SET ctr = (SELECT n FROM xchg_clock)", err);
	else if (again)
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("--again is for a laptop enrolled before; this database is not one"));
	else
		ret = refuse_second_role(db, err);
	if (ret == 0)
		ret = store_self(db, role, &keys, township, worker, o, err);
	if (ret == 0 && (rc = gu_xchg_capture_install(db->h, true)) != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret == 0) {
		char fp[GU_XFP_SIZE];

		gu_xfingerprint(keys.sign_pk, keys.box_pk, fp);
		snprintf(detail, sizeof detail, "fingerprint %s%s%s", fp,
			o ? " office " : "", o ? o->fingerprint : "");
		ret = gu_audit_add_in_tx(db, audit_action, NULL, detail, gu_time_now(), err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		goto cleanup;
	}
	ret = gu_db_commit(db, err);
	if (ret == 0)
		ret = gu_xchg_keys_load(db, out, err);
cleanup:
	gu_xkeys_wipe(&keys);
	return ret;
}

/* Makes this database an office; returns 0 or < 0. */
int gu_xchg_office_init(gu_db *db, const char *name, gu_xchg_self *s, gu_error *err)
{
	gu_xchg_keys k;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = become(db, "office", name, "", NULL, false, "exchange.office_init", &k, err);
	if (ret < 0)
		return ret;
	*s = k.self;
	gu_xchg_keys_wipe(&k);
	return 0;
}

/* Appends the office's public file to b; returns 0 or < 0. */
int gu_xchg_office_public(gu_db *db, gu_strbuf *b, gu_error *err)
{
	char sign[2 * GU_XSIGN_PK + 1], box[2 * GU_XBOX_PK + 1];
	gu_xchg_keys k;
	int ret;
	GU_ERR_LOCAL(err);

	ret = gu_xchg_keys_load(db, &k, err);
	if (ret < 0)
		return ret;
	if (k.self.role != GU_XROLE_OFFICE) {
		gu_xchg_keys_wipe(&k);
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this database is a laptop, not an office"));
	}
	gu_sb_printf(b, "%s\nid %s\nname %s\nsign %s\nbox %s\nfingerprint %s\n", OFFICE_FIRST,
		k.self.id, k.self.township, gu_xhex(k.keys.sign_pk, GU_XSIGN_PK, sign),
		gu_xhex(k.keys.box_pk, GU_XBOX_PK, box), k.self.fingerprint);
	gu_xchg_keys_wipe(&k);
	return b->failed ? gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory")) : 0;
}

/* Reads an office's public file; returns 0 or -GU_EINVAL. */
int gu_xchg_office_file_parse(const char *text, gu_xchg_office_file *o, gu_error *err)
{
	char sign[2 * GU_XSIGN_PK + 1], box[2 * GU_XBOX_PK + 1], fp[GU_XFP_SIZE];

	memset(o, 0, sizeof *o);
	if (strncmp(text, OFFICE_FIRST "\n", sizeof OFFICE_FIRST) != 0
	    || field(text, "id", o->id, sizeof o->id) < 0 || strlen(o->id) != 32
	    || field(text, "sign", sign, sizeof sign) < 0
	    || field(text, "box", box, sizeof box) < 0
	    || gu_xunhex(sign, o->sign_pk, GU_XSIGN_PK, "", NULL) < 0
	    || gu_xunhex(box, o->box_pk, GU_XBOX_PK, "", NULL) < 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this is not an office's public file (\"%s office public FILE\" writes one "
			  "at the office)"), PACKAGE);
	field(text, "name", o->name, sizeof o->name);
	gu_xfingerprint(o->sign_pk, o->box_pk, o->fingerprint);
	if (field(text, "fingerprint", fp, sizeof fp) == 0 && strcmp(fp, o->fingerprint) != 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the office's public file was altered: its keys do not match the "
			  "fingerprint written in it; ask the office for the file again"));
	return 0;
}

/* Enrols this database as a laptop of office o; returns 0 or < 0. */
int gu_xchg_enroll(gu_db *db, const gu_xchg_office_file *o, const char *township,
	const char *worker, bool again, gu_strbuf *b, gu_xchg_self *s, gu_error *err)
{
	char sign[2 * GU_XSIGN_PK + 1], box[2 * GU_XBOX_PK + 1], sig[2 * GU_XSIG + 1];
	gu_strbuf body = { 0 };
	gu_xchg_keys k;
	char *text;
	int ret;
	GU_ERR_LOCAL(err);

	if (!worker || !*worker || strchr(worker, '\n') || (township && strchr(township, '\n')))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("enrolment needs the worker's name (--worker NAME) on one line"));
	ret = become(db, "laptop", township, worker, o, again,
		again ? "exchange.enroll_again" : "exchange.enroll", &k, err);
	if (ret < 0)
		return ret;
	gu_sb_printf(&body, "%s\nid %s\ntownship %s\nworker %s\nsign %s\nbox %s\noffice %s\n",
		DEVICE_FIRST, k.self.id, k.self.township, k.self.worker,
		gu_xhex(k.keys.sign_pk, GU_XSIGN_PK, sign), gu_xhex(k.keys.box_pk, GU_XBOX_PK, box),
		o->fingerprint);
	ret = gu_xchg_recovery_seal(db, o->box_pk, &body, err);
	text = gu_sb_take(&body);
	if (ret < 0 || !text) {
		free(text);
		gu_xchg_keys_wipe(&k);
		return ret < 0 ? ret : gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	}
	gu_xsign_text(text, strlen(text), k.keys.sign_sk, sig);
	gu_sb_printf(b, "%ssignature %s\n", text, sig);
	free(text);
	*s = k.self;
	gu_xchg_keys_wipe(&k);
	return b->failed ? gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory")) : 0;
}

/* Reads the signed lines of an enrolment file (body, the text above its
 * signature line) into d and its keys; returns 0 or -1 when one is missing
 * or malformed. */
static int read_fields(const char *body, gu_xchg_device *d,
	unsigned char sign_pk[GU_XSIGN_PK], unsigned char box_pk[GU_XBOX_PK],
	char office[GU_XFP_SIZE])
{
	char sign[2 * GU_XSIGN_PK + 1], box[2 * GU_XBOX_PK + 1];

	if (strncmp(body, DEVICE_FIRST "\n", sizeof DEVICE_FIRST) != 0
	    || field(body, "id", d->id, sizeof d->id) < 0 || strlen(d->id) != 32
	    || field(body, "worker", d->worker, sizeof d->worker) < 0
	    || field(body, "sign", sign, sizeof sign) < 0
	    || field(body, "box", box, sizeof box) < 0
	    || field(body, "office", office, GU_XFP_SIZE) < 0
	    || gu_xunhex(sign, sign_pk, GU_XSIGN_PK, "", NULL) < 0
	    || gu_xunhex(box, box_pk, GU_XBOX_PK, "", NULL) < 0)
		return -1;
	field(body, "township", d->township, sizeof d->township);
	return 0;
}

/* Reads an enrolment file into d and its keys, and the sealed recovery key
 * (hex, "" when none; recovery_size bytes) when recovery is not NULL.
 * Every field is read from the lines the signature covers: a line added
 * below it counts for nothing.  Returns 0 or < 0. */
static int read_enrolment(gu_db *db, const char *text, gu_xchg_device *d,
	unsigned char sign_pk[GU_XSIGN_PK], unsigned char box_pk[GU_XBOX_PK], char *recovery,
	size_t recovery_size, gu_error *err)
{
	char sig[2 * GU_XSIG + 1], office[GU_XFP_SIZE];
	const char *sigline, *rline;
	char *body = NULL;
	size_t blen;
	gu_xchg_self self;
	int ret;

	memset(d, 0, sizeof *d);
	ret = gu_xchg_self_get(db, &self, err);
	if (ret < 0)
		return ret;
	if (self.role != GU_XROLE_OFFICE)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("only an office registers devices: run \"%s office init\" first"), PACKAGE);
	sigline = strstr(text, "\nsignature ");
	if (!sigline || field(sigline + 1, "signature", sig, sizeof sig) < 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this is not an enrolment file (\"%s enroll\" writes one on the laptop)"),
			PACKAGE);
	blen = (size_t)(sigline + 1 - text);
	body = malloc(blen + 1);
	if (!body)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	memcpy(body, text, blen);
	body[blen] = '\0';
	if (read_fields(body, d, sign_pk, box_pk, office) < 0) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this is not an enrolment file (\"%s enroll\" writes one on the laptop)"),
			PACKAGE);
		goto out;
	}
	/* the recovery key counts only above the signature, which covers it */
	if (recovery) {
		recovery[0] = '\0';
		rline = strstr(body, "\nrecovery ");
		if ((rline && (field(rline + 1, "recovery", recovery, recovery_size) < 0
			       || gu_xchg_recovery_check(recovery) < 0))
		    || (!rline && strstr(sigline, "\nrecovery "))) {
			ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
				_("the enrolment file's recovery key is damaged: enrol the laptop again"));
			goto out;
		}
	}
	if (!gu_xverify_text(text, blen, sig, sign_pk)) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the enrolment file was altered: its signature does not match; "
			  "enrol the laptop again"));
		goto out;
	}
	if (strcmp(office, self.fingerprint) != 0) {
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("this laptop enrolled with another office (fingerprint %s; this office "
			  "is %s)"), office, self.fingerprint);
		goto out;
	}
	gu_xfingerprint(sign_pk, box_pk, d->fingerprint);
	ret = 0;
out:
	if (ret < 0)
		memset(d, 0, sizeof *d);
	free(body);
	return ret;
}

/* Reads an enrolment file without registering it; returns 0 or < 0. */
int gu_xchg_device_read(gu_db *db, const char *text, gu_xchg_device *d, gu_error *err)
{
	unsigned char s[GU_XSIGN_PK], b[GU_XBOX_PK];
	GU_ERR_LOCAL(err);

	return read_enrolment(db, text, d, s, b, NULL, 0, err);
}

/* Registers a device; returns 0 or < 0. */
int gu_xchg_device_add(gu_db *db, const char *text, gu_xchg_device *d, gu_error *err)
{
	unsigned char sign_pk[GU_XSIGN_PK], box_pk[GU_XBOX_PK];
	char sign[2 * GU_XSIGN_PK + 1], box[2 * GU_XBOX_PK + 1], detail[400], recovery[512];
	sqlite3_stmt *st = NULL;
	gu_time_ms now = gu_time_now();
	int ret, rc;
	GU_ERR_LOCAL(err);

	ret = gu_access_require_supervisor(db, true, err);
	if (ret == 0)
		ret = read_enrolment(db, text, d, sign_pk, box_pk, recovery, sizeof recovery, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	rc = sqlite3_prepare_v2(db->h,
		"INSERT INTO xchg_devices (id, worker, township, sign_pk, box_pk, added_at, added_by,"
		" recovery_sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &st, NULL);
	if (rc == SQLITE_OK
	    && (rc = GU_BIND(st, GU_TEXT(d->id), GU_TEXT(d->worker), GU_TEXT(d->township),
		GU_TEXT(gu_xhex(sign_pk, GU_XSIGN_PK, sign)), GU_TEXT(gu_xhex(box_pk, GU_XBOX_PK, box)),
		GU_INT(now), GU_TEXT(gu_db_user(db)), GU_TEXT(recovery))) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		ret = gu_error_set(err, GU_EEXIST, NULL, 0, 0,
			_("device %.8s is registered already"), d->id);
	else if (rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "device %s worker %s fingerprint %s%s", d->id,
			d->worker, d->fingerprint, recovery[0] ? " recovery key sealed" : "");
		ret = gu_audit_add_in_tx(db, "exchange.device_add", NULL, detail, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}

/* Fills one device from a row (a gu_row_fill_fn). */
static void fill_device(sqlite3_stmt *st, void *elem, bool *oom)
{
	gu_xchg_device *d = elem;
	unsigned char s[GU_XSIGN_PK], b[GU_XBOX_PK];
	const char *state = (const char *)sqlite3_column_text(st, 5);

	(void)oom;
	gu_column_copy(st, 0, d->id, sizeof d->id);
	gu_column_copy(st, 1, d->worker, sizeof d->worker);
	gu_column_copy(st, 2, d->township, sizeof d->township);
	if (column_key(st, 3, s, sizeof s) == 0 && column_key(st, 4, b, sizeof b) == 0)
		gu_xfingerprint(s, b, d->fingerprint);
	d->revoked = state && strcmp(state, "revoked") == 0;
	d->last_seq = sqlite3_column_int64(st, 6);
	d->last_at = sqlite3_column_int64(st, 7);
	d->held = sqlite3_column_int64(st, 8);
	d->sent_seq = sqlite3_column_int64(st, 9);
}

/* Lists the devices; returns 0 or < 0. */
int gu_xchg_device_list(gu_db *db, gu_xchg_device **out, size_t *n, gu_error *err)
{
	void *v = NULL;
	int ret;
	GU_ERR_LOCAL(err);

	*out = NULL;
	*n = 0;
	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_list_rows(db, GU_ST_XCHG_DEVICES,
		"SELECT d.id, d.worker, d.township, d.sign_pk, d.box_pk, d.state,"
		" (SELECT max(seq) FROM xchg_received r WHERE r.sender = d.id AND state = 'applied'),"
		" (SELECT max(received_at) FROM xchg_received r WHERE r.sender = d.id),"
		" (SELECT count(*) FROM xchg_received r WHERE r.sender = d.id AND state = 'held'),"
		" (SELECT max(seq) FROM xchg_sent s WHERE s.peer = d.id)"
		" FROM xchg_devices d ORDER BY d.worker, d.added_at", NULL, 0,
		sizeof **out, fill_device, gu_rows_free_flat, &v, n, err);
	*out = v;
	return ret;
}

/* Frees a device list. */
void gu_xchg_devices_free(gu_xchg_device *v, size_t n)
{
	(void)n;
	free(v);
}

/* Finds one device by id prefix or worker; returns 0 or < 0. */
int gu_xchg_device_resolve(gu_db *db, const char *prefix, char id[GU_ID_SIZE], gu_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, found = 0;
	GU_ERR_LOCAL(err);

	rc = sqlite3_prepare_v2(db->h,
		"SELECT id FROM xchg_devices WHERE (length(?1) >= 4 AND substr(id, 1, length(?1)) = ?1)"
		" OR worker = ?1 ORDER BY state = 'revoked', added_at DESC", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = gu_bind_text(st, 1, prefix);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++ == 0)
			gu_column_copy(st, 0, id, GU_ID_SIZE);
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return gu_db_fail(db, rc, err);
	if (found == 0)
		return gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("no device %s: \"%s devices\" lists them"), prefix, PACKAGE);
	if (found > 1 && strlen(prefix) != 32)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("%s names %d devices: give more digits of the device id"), prefix, found);
	return 0;
}

/* Revokes a device; returns 0 or < 0. */
int gu_xchg_device_revoke(gu_db *db, const char *id, gu_error *err)
{
	sqlite3_stmt *st = NULL;
	gu_time_ms now = gu_time_now();
	char detail[100];
	int ret, rc;
	GU_ERR_LOCAL(err);

	ret = gu_access_require_supervisor(db, true, err);
	if (ret < 0)
		return ret;
	ret = gu_db_begin(db, err);
	if (ret < 0)
		return ret;
	rc = sqlite3_prepare_v2(db->h, "UPDATE xchg_devices SET state = 'revoked', revoked_at = ?2"
		" WHERE id = ?1 AND state = 'active'", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = gu_bind_text(st, 1, id)) == SQLITE_OK
	    && (rc = sqlite3_bind_int64(st, 2, now)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		ret = gu_db_fail(db, rc, err);
	else if (sqlite3_changes(db->h) == 0)
		ret = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("device %.8s is not an active device"), id);
	if (ret == 0) {
		snprintf(detail, sizeof detail, "device %s", id);
		ret = gu_audit_add_in_tx(db, "exchange.device_revoke", NULL, detail, now, err);
	}
	if (ret < 0) {
		gu_db_rollback(db);
		return ret;
	}
	return gu_db_commit(db, err);
}
