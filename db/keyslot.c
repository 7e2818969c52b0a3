/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Key slots and failed-login counters (db/keyslot.h): wrapping the
 * database key with libsodium's AEAD under Argon2id keys, and the small
 * text file beside the database that holds them. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sodium.h>

#include "core/i18n.h"
#include "db/keyslot.h"

#define FILE_MAGIC "guanai-keys 1"
#define LINE_MAX_BYTES 512
#define RECOVERY_BYTES GU_CRYPT_KEY_BYTES

/* Writes the key-slot file's path into buf; returns 0 or -GU_EINVAL. */
int gu_keys_path(const char *db_path, char *buf, size_t size, gu_error *err)
{
	int n = snprintf(buf, size, "%s-keys", db_path);

	if (n < 0 || (size_t)n >= size)
		return gu_error_set(err, GU_EINVAL, db_path, 0, 0, _("the database path is too long"));
	return 0;
}

/* Fills ad with a slot's associated data (a label and the name); returns
 * its length. */
static size_t slot_ad(unsigned char ad[16 + GU_KEY_NAME_MAX], const char *name)
{
	static const char label[16] = "guanai key slot";
	size_t len = strlen(name);

	memcpy(ad, label, sizeof label);
	memcpy(ad + sizeof label, name, len);
	return sizeof label + len;
}

/* Derives a slot's key-encryption key from password into *kek, memory of
 * its own (sodium_malloc: locked, out of core dumps; sodium_free wipes and
 * gives it back).  Returns 0, or -GU_ENOMEM (Argon2id could not have its
 * memory) with *kek NULL. */
static int derive(const struct gu_keyslot *s, const char *password, unsigned char **kek,
	gu_error *err)
{
	*kek = sodium_init() < 0 ? NULL : sodium_malloc(32);
	if (*kek && crypto_pwhash(*kek, 32, password, strlen(password), s->salt, s->ops, s->mem,
		crypto_pwhash_ALG_ARGON2ID13) == 0)
		return 0;
	sodium_free(*kek);
	*kek = NULL;
	return gu_error_set(err, GU_ENOMEM, NULL, 0, 0,
		_("out of memory while checking the password; close other programs, then try again"));
}

/* Wraps key into s under kek. */
static void wrap(struct gu_keyslot *s, const unsigned char kek[32],
	const unsigned char key[GU_CRYPT_KEY_BYTES])
{
	unsigned char ad[16 + GU_KEY_NAME_MAX];
	size_t len = slot_ad(ad, s->name);

	randombytes_buf(s->nonce, sizeof s->nonce);
	crypto_aead_xchacha20poly1305_ietf_encrypt(s->wrapped, NULL, key, GU_CRYPT_KEY_BYTES,
		ad, len, NULL, s->nonce, kek);
}

/* Unwraps s under kek into key; returns 0 or -1 (another password). */
static int unwrap(const struct gu_keyslot *s, const unsigned char kek[32],
	unsigned char key[GU_CRYPT_KEY_BYTES])
{
	unsigned char ad[16 + GU_KEY_NAME_MAX];
	size_t len = slot_ad(ad, s->name);

	return crypto_aead_xchacha20poly1305_ietf_decrypt(key, NULL, NULL, s->wrapped,
		sizeof s->wrapped, ad, len, s->nonce, kek) == 0 ? 0 : -1;
}

/* Returns the slot of name, or NULL. */
static struct gu_keyslot *find_slot(const gu_keyring *ring, const char *name)
{
	size_t i;

	for (i = 0; i < ring->n; i++)
		if (strcmp(ring->slot[i].name, name) == 0)
			return (struct gu_keyslot *)&ring->slot[i];
	return NULL;
}

/* Returns true when name has a slot. */
bool gu_keyring_has(const gu_keyring *ring, const char *name)
{
	return find_slot(ring, name) != NULL;
}

/* Writes the keyed hash a name's failures are kept under into who. */
static void name_hash(const gu_keyring *ring, const char *name, unsigned char who[16])
{
	crypto_generichash(who, 16, (const unsigned char *)name, strlen(name),
		ring->file_id, sizeof ring->file_id);
}

/* Returns the failure record for who, or NULL. */
static struct gu_key_fails *find_fails(const gu_keyring *ring, const unsigned char who[16])
{
	size_t i;

	for (i = 0; i < ring->n_fails; i++)
		if (sodium_memcmp(ring->fails[i].who, who, 16) == 0)
			return (struct gu_key_fails *)&ring->fails[i];
	return NULL;
}

/* Returns the number of characters (UTF-8 sequences) in s. */
static size_t count_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Returns true when s is one character repeated. */
static bool one_character(const char *s)
{
	size_t len = 1, i;

	while (s[len] && ((unsigned char)s[len] & 0xc0) == 0x80)
		len++;
	for (i = len; s[i]; i += len)
		if (strncmp(s + i, s, len) != 0)
			return false;
	return true;
}

/* Checks a new password; returns 0 or -GU_EINVAL. */
int gu_password_check(const char *name, const char *password, gu_error *err)
{
	if (count_chars(password) < 8)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the password is too short: use at least %d characters"), 8);
	if (one_character(password))
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the password repeats one character: use different characters"));
	if (name && strcasecmp(name, password) == 0)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the password is the user's name: choose something else"));
	return 0;
}

/* Checks that name can have a slot; returns 0 or -GU_EINVAL. */
static int check_name(const char *name, gu_error *err)
{
	size_t i;

	if (!name || !*name || strlen(name) >= GU_KEY_NAME_MAX)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("a user name needs 1 to %d bytes"), GU_KEY_NAME_MAX - 1);
	for (i = 0; name[i]; i++)
		if ((unsigned char)name[i] <= ' ' || name[i] == 0x7f)
			return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
				_("a user name cannot hold spaces or control characters"));
	return 0;
}

/* Sets name's slot to key wrapped under password; returns 0 or < 0. */
int gu_keyring_set(gu_keyring *ring, const char *name, const char *password,
	const unsigned char key[GU_CRYPT_KEY_BYTES], gu_error *err)
{
	struct gu_keyslot s, *old;
	unsigned char *kek = NULL;
	int ret = check_name(name, err);

	if (ret < 0)
		return ret;
	ret = gu_password_check(name, password, err);
	if (ret < 0)
		return ret;
	old = find_slot(ring, name);
	if (!old && ring->n >= GU_KEY_MAX_SLOTS)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("there are already %d users; remove one who has left first"), GU_KEY_MAX_SLOTS);
	memset(&s, 0, sizeof s);
	snprintf(s.name, sizeof s.name, "%s", name);
	s.ops = gu_keyslot_opslimit();
	s.mem = gu_keyslot_memlimit();
	randombytes_buf(s.salt, sizeof s.salt);
	ret = derive(&s, password, &kek, err);
	if (ret == 0) {
		wrap(&s, kek, key);
		if (old)
			*old = s;
		else
			ring->slot[ring->n++] = s;
	}
	sodium_free(kek);
	return ret;
}

/* Removes name's slot; returns 0 or -GU_ENOTFOUND. */
int gu_keyring_remove(gu_keyring *ring, const char *name, gu_error *err)
{
	struct gu_keyslot *s = find_slot(ring, name);

	if (!s)
		return gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0, _("there is no user called %s"), name);
	sodium_memzero(s, sizeof *s);
	*s = ring->slot[--ring->n];
	sodium_memzero(&ring->slot[ring->n], sizeof ring->slot[ring->n]);
	return 0;
}

/* Writes the recovery key r as text (hex digits in groups of 4); returns
 * nothing. */
static void recovery_text(const unsigned char r[RECOVERY_BYTES], char *out)
{
	char hex[RECOVERY_BYTES * 2 + 1];
	size_t i, o = 0;

	sodium_bin2hex(hex, sizeof hex, r, RECOVERY_BYTES);
	for (i = 0; i < RECOVERY_BYTES * 2; i++) {
		if (i && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = hex[i];
	}
	out[o] = '\0';
	sodium_memzero(hex, sizeof hex);
}

/* Gives ring a new recovery slot for key; returns 0. */
int gu_keyring_new_recovery(gu_keyring *ring, const unsigned char key[GU_CRYPT_KEY_BYTES],
	char *recovery)
{
	static const unsigned char ad[] = "guanai recovery";
	unsigned char *r = sodium_init() < 0 ? NULL : sodium_malloc(RECOVERY_BYTES);

	if (!r) /* r is wiped when freed */
		return -GU_ENOMEM;
	crypto_aead_xchacha20poly1305_ietf_keygen(r);
	randombytes_buf(ring->recovery_nonce, sizeof ring->recovery_nonce);
	crypto_aead_xchacha20poly1305_ietf_encrypt(ring->recovery_wrapped, NULL, key,
		GU_CRYPT_KEY_BYTES, ad, sizeof ad, NULL, ring->recovery_nonce, r);
	ring->has_recovery = true;
	recovery_text(r, recovery);
	sodium_free(r);
	return 0;
}

/* Starts a keyring for a new database; returns 0 or < 0. */
int gu_keyring_create(gu_keyring *ring, const char *name, const char *password,
	unsigned char key[GU_CRYPT_KEY_BYTES], char *recovery, gu_error *err)
{
	int ret;

	memset(ring, 0, sizeof *ring);
	randombytes_buf(ring->file_id, sizeof ring->file_id);
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	ret = gu_keyring_set(ring, name, password, key, err);
	if (ret < 0) {
		sodium_memzero(key, GU_CRYPT_KEY_BYTES);
		return ret;
	}
	if (recovery && gu_keyring_new_recovery(ring, key, recovery) < 0) {
		sodium_memzero(key, GU_CRYPT_KEY_BYTES);
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	}
	return 0;
}

/* Unwraps the database key with the recovery key; returns 0 or -GU_EAUTH. */
int gu_keyring_recover(const gu_keyring *ring, const char *recovery,
	unsigned char key[GU_CRYPT_KEY_BYTES], gu_error *err)
{
	static const unsigned char ad[] = "guanai recovery";
	unsigned char *r = sodium_init() < 0 ? NULL : sodium_malloc(RECOVERY_BYTES);
	size_t len = 0;
	const char *end = NULL;
	int ok;

	if (!r)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, _("out of memory"));
	ok = ring->has_recovery
		&& sodium_hex2bin(r, RECOVERY_BYTES, recovery, strlen(recovery), " -\t\r\n", &len,
			&end) == 0
		&& len == RECOVERY_BYTES && *end == '\0'
		&& crypto_aead_xchacha20poly1305_ietf_decrypt(key, NULL, NULL, ring->recovery_wrapped,
			sizeof ring->recovery_wrapped, ad, sizeof ad, ring->recovery_nonce, r) == 0;
	sodium_free(r);
	if (!ok)
		return gu_error_set(err, GU_EAUTH, NULL, 0, 0,
			_("the recovery key does not open this database; type the 64 digits and letters "
			  "exactly as printed when the database was made"));
	return 0;
}

/* Returns the seconds a record of count failures, the last at last, still
 * makes its user wait at now. */
static long long wait_for(unsigned count, long long last, long long now)
{
	long long wait, until;
	unsigned doublings;

	if (count < GU_KEY_FREE_FAILS)
		return 0;
	doublings = count - GU_KEY_FREE_FAILS;
	if (doublings > 10)
		doublings = 10; /* at most 30 s * 1024, eight and a half hours */
	wait = (long long)GU_KEY_FIRST_WAIT << doublings;
	until = last + wait;
	return until > now ? until - now : 0;
}

/* Returns the seconds name must still wait at now. */
long long gu_keyring_wait(const gu_keyring *ring, const char *name, long long now)
{
	unsigned char who[16];
	const struct gu_key_fails *f;

	name_hash(ring, name, who);
	f = find_fails(ring, who);
	return f ? wait_for(f->count, f->last, now) : 0;
}

/* Counts a failure under who at now. */
static void add_failure(gu_keyring *ring, const unsigned char who[16], long long now)
{
	struct gu_key_fails *f = find_fails(ring, who);

	if (!f) {
		size_t oldest = 0, i;

		if (ring->n_fails < GU_KEY_MAX_FAILS) {
			f = &ring->fails[ring->n_fails++];
		} else {
			for (i = 1; i < ring->n_fails; i++)
				if (ring->fails[i].last < ring->fails[oldest].last)
					oldest = i;
			f = &ring->fails[oldest];
		}
		memset(f, 0, sizeof *f);
		memcpy(f->who, who, 16);
	}
	f->count++;
	f->last = now;
}

/* Clears name's failures and those under names without a slot, counting
 * them into report. */
static void take_failures(gu_keyring *ring, const unsigned char own[16],
	struct gu_unlock_report *report)
{
	size_t i = 0, j;

	memset(report, 0, sizeof *report);
	while (i < ring->n_fails) {
		struct gu_key_fails *f = &ring->fails[i];
		bool known = false, mine = sodium_memcmp(f->who, own, 16) == 0;

		for (j = 0; !mine && !known && j < ring->n; j++) {
			unsigned char who[16];

			name_hash(ring, ring->slot[j].name, who);
			known = sodium_memcmp(who, f->who, 16) == 0;
		}
		if (known) {
			i++;
			continue;
		}
		if (mine)
			report->own_fails += f->count;
		else
			report->unknown_fails += f->count;
		*f = ring->fails[--ring->n_fails];
	}
}

/* Unwraps the database key with name's password; returns 0, -GU_EAUTH or
 * -GU_EPERM. */
int gu_keyring_unlock(gu_keyring *ring, const char *name, const char *password, long long now,
	unsigned char key[GU_CRYPT_KEY_BYTES], struct gu_unlock_report *report, gu_error *err)
{
	const struct gu_keyslot *s = find_slot(ring, name);
	struct gu_keyslot dummy;
	unsigned char who[16], *kek = NULL;
	long long wait;
	int ret;

	name_hash(ring, name, who);
	wait = gu_keyring_wait(ring, name, now);
	if (wait > 0)
		return gu_error_set(err, GU_EPERM, NULL, 0, 0,
			_("too many wrong passwords for %s; wait %lld seconds, then try again"),
			name, wait);
	if (!s) {
		/* The same Argon2id work as a real slot, so the time tells nothing. */
		memset(&dummy, 0, sizeof dummy);
		dummy.ops = ring->n ? ring->slot[0].ops : gu_keyslot_opslimit();
		dummy.mem = ring->n ? ring->slot[0].mem : gu_keyslot_memlimit();
		randombytes_buf(dummy.salt, sizeof dummy.salt);
		randombytes_buf(dummy.wrapped, sizeof dummy.wrapped);
		s = &dummy;
	}
	ret = derive(s, password, &kek, err);
	if (ret < 0)
		return ret;
	if (unwrap(s, kek, key) == 0 && s != &dummy) {
		take_failures(ring, who, report);
		ret = 0;
	} else {
		sodium_memzero(key, GU_CRYPT_KEY_BYTES);
		add_failure(ring, who, now);
		ret = gu_error_set(err, GU_EAUTH, NULL, 0, 0,
			_("wrong user name or password; check both and try again"));
	}
	sodium_free(kek);
	return ret;
}

/* Reads hex text into n bytes at out; returns true when it is exactly that. */
static bool read_hex(const char *text, unsigned char *out, size_t n)
{
	size_t len = 0;
	const char *end = NULL;

	return text && sodium_hex2bin(out, n, text, strlen(text), NULL, &len, &end) == 0
		&& len == n && *end == '\0';
}

/* Parses one line of the key-slot file into ring; returns true when it is
 * well formed. */
static bool parse_line(char *line, gu_keyring *ring)
{
	char *f[8] = { 0 }, *save = NULL, *tok;
	size_t n = 0, name_len = 0;

	for (tok = strtok_r(line, " \n", &save); tok && n < 8; tok = strtok_r(NULL, " \n", &save))
		f[n++] = tok;
	if (n == 7 && strcmp(f[0], "slot") == 0 && ring->n < GU_KEY_MAX_SLOTS) {
		struct gu_keyslot *s = &ring->slot[ring->n];
		const char *end = NULL;
		char *stop1, *stop2;

		memset(s, 0, sizeof *s);
		if (sodium_hex2bin((unsigned char *)s->name, sizeof s->name - 1, f[1], strlen(f[1]),
			NULL, &name_len, &end) != 0 || *end != '\0' || name_len == 0
		    || memchr(s->name, '\0', name_len))
			return false;
		s->ops = strtoull(f[2], &stop1, 10);
		s->mem = (size_t)strtoull(f[3], &stop2, 10);
		if (*stop1 || *stop2 || s->ops < crypto_pwhash_OPSLIMIT_MIN
		    || s->mem < crypto_pwhash_MEMLIMIT_MIN
		    || !read_hex(f[4], s->salt, sizeof s->salt)
		    || !read_hex(f[5], s->nonce, sizeof s->nonce)
		    || !read_hex(f[6], s->wrapped, sizeof s->wrapped))
			return false;
		ring->n++;
		return true;
	}
	if (n == 3 && strcmp(f[0], "recovery") == 0) {
		ring->has_recovery = read_hex(f[1], ring->recovery_nonce, sizeof ring->recovery_nonce)
			&& read_hex(f[2], ring->recovery_wrapped, sizeof ring->recovery_wrapped);
		return ring->has_recovery;
	}
	if (n == 4 && strcmp(f[0], "fails") == 0 && ring->n_fails < GU_KEY_MAX_FAILS) {
		struct gu_key_fails *k = &ring->fails[ring->n_fails];
		char *stop1, *stop2;

		if (!read_hex(f[1], k->who, sizeof k->who))
			return false;
		k->count = (unsigned)strtoul(f[2], &stop1, 10);
		k->last = strtoll(f[3], &stop2, 10);
		if (*stop1 || *stop2)
			return false;
		ring->n_fails++;
		return true;
	}
	return false;
}

/* Reads the key-slot file; returns 0, 1 when absent, or < 0. */
int gu_keyring_load(const char *path, gu_keyring *ring, gu_error *err)
{
	char line[LINE_MAX_BYTES];
	FILE *fp;
	int lineno = 1, fd, ret = 0;

	memset(ring, 0, sizeof *ring);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 1;
	fp = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!fp) {
		ret = gu_error_set(err, GU_EIO, path, 0, 0,
			_("cannot read the database's key slots: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		return ret;
	}
	if (!fgets(line, sizeof line, fp) || strncmp(line, FILE_MAGIC " ", sizeof FILE_MAGIC) != 0
	    || !read_hex(strtok(line + sizeof FILE_MAGIC, " \n"), ring->file_id, sizeof ring->file_id))
		ret = gu_error_set(err, GU_EDB_CORRUPT, path, 1, 0,
			_("the database's key slots are damaged; restore this file from the backup "
			  "made with the database, or unlock with the recovery key"));
	while (ret == 0 && fgets(line, sizeof line, fp)) {
		lineno++;
		if (!strchr(line, '\n') || !parse_line(line, ring))
			ret = gu_error_set(err, GU_EDB_CORRUPT, path, lineno, 0,
				_("the database's key slots are damaged; restore this file from the backup "
				  "made with the database, or unlock with the recovery key"));
	}
	fclose(fp);
	if (ret == 0 && ring->n == 0 && !ring->has_recovery)
		ret = gu_error_set(err, GU_EDB_CORRUPT, path, 0, 0,
			_("the database's key slots are damaged; restore this file from the backup "
			  "made with the database, or unlock with the recovery key"));
	if (ret < 0)
		sodium_memzero(ring, sizeof *ring);
	return ret;
}

/* Writes n bytes as hex to fp followed by end. */
static void put_hex(FILE *fp, const unsigned char *p, size_t n, const char *end)
{
	char hex[2 * GU_KEY_NAME_MAX + 1];

	sodium_bin2hex(hex, sizeof hex, p, n);
	fputs(hex, fp);
	fputs(end, fp);
}

/* Writes ring's lines to fp. */
static void put_ring(FILE *fp, const gu_keyring *ring)
{
	size_t i;

	fputs(FILE_MAGIC " ", fp);
	put_hex(fp, ring->file_id, sizeof ring->file_id, "\n");
	for (i = 0; i < ring->n; i++) {
		const struct gu_keyslot *s = &ring->slot[i];

		fputs("slot ", fp);
		put_hex(fp, (const unsigned char *)s->name, strlen(s->name), " ");
		fprintf(fp, "%llu %zu ", s->ops, s->mem);
		put_hex(fp, s->salt, sizeof s->salt, " ");
		put_hex(fp, s->nonce, sizeof s->nonce, " ");
		put_hex(fp, s->wrapped, sizeof s->wrapped, "\n");
	}
	if (ring->has_recovery) {
		fputs("recovery ", fp);
		put_hex(fp, ring->recovery_nonce, sizeof ring->recovery_nonce, " ");
		put_hex(fp, ring->recovery_wrapped, sizeof ring->recovery_wrapped, "\n");
	}
	for (i = 0; i < ring->n_fails; i++) {
		fputs("fails ", fp);
		put_hex(fp, ring->fails[i].who, sizeof ring->fails[i].who, " ");
		fprintf(fp, "%u %lld\n", ring->fails[i].count, ring->fails[i].last);
	}
}

/* Flushes the folder holding path. */
static void sync_folder_of(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int fd;

	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd); /* some file systems cannot sync a folder */
		close(fd);
	}
}

/* Writes ring to path through a new file; returns 0 or < 0. */
int gu_keyring_save(const char *path, const gu_keyring *ring, gu_error *err)
{
	char temp[4200];
	FILE *fp = NULL;
	int fd, n, ret = 0;

	n = snprintf(temp, sizeof temp, "%s.new", path);
	if (n < 0 || (size_t)n >= sizeof temp)
		return gu_error_set(err, GU_EINVAL, path, 0, 0, _("the database path is too long"));
	(void)unlink(temp); /* left by a save that a power cut stopped */
	fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || !(fp = fdopen(fd, "w"))) {
		ret = gu_error_set(err, errno == ENOSPC ? GU_EDB_FULL : GU_EIO, path, 0, 0,
			_("cannot write the database's key slots: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		goto cleanup;
	}
	put_ring(fp, ring);
	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0) {
		ret = gu_error_set(err, errno == ENOSPC ? GU_EDB_FULL : GU_EIO, path, 0, 0,
			_("cannot write the database's key slots: %s"), strerror(errno));
		fclose(fp);
		goto cleanup;
	}
	if (fclose(fp) != 0 || rename(temp, path) != 0) {
		ret = gu_error_set(err, GU_EIO, path, 0, 0,
			_("cannot write the database's key slots: %s"), strerror(errno));
		goto cleanup;
	}
	sync_folder_of(path);
cleanup:
	if (ret < 0)
		(void)unlink(temp);
	return ret;
}
