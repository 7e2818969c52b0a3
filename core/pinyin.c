/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Pinyin search keys for names through ICU's Han-Latin transliterator, and name matching. */

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uvernum.h>

#include "core/i18n.h"
#include "core/pinyin.h"

/* ICU is loaded with dlopen on first use, not linked: loading it (and the
 * C++ library under it) would slow every start of the program.  The headers
 * give the types, the version and the exported names: they rename every
 * function (utrans_openU becomes utrans_openU_72), so stringifying a name
 * after that renaming gives the symbol to look up. */
#define GU_STR2(x) #x
#define GU_STR(x) GU_STR2(x)
#define ICU_SONAME "libicui18n.so." GU_STR(U_ICU_VERSION_MAJOR_NUM)
#define ICU_SONAME_FALLBACK "libicui18n.so"

typedef UTransliterator *icu_open_fn(const UChar *, int32_t, UTransDirection,
	const UChar *, int32_t, UParseError *, UErrorCode *);
typedef void icu_trans_fn(const UTransliterator *, UChar *, int32_t *, int32_t,
	int32_t, int32_t *, UErrorCode *);
typedef void icu_close_fn(UTransliterator *);
typedef UChar *icu_from_utf8_fn(UChar *, int32_t, int32_t *, const char *, int32_t,
	UErrorCode *);
typedef char *icu_to_utf8_fn(char *, int32_t, int32_t *, const UChar *, int32_t,
	UErrorCode *);
typedef const char *icu_error_name_fn(UErrorCode);

/* The pointer types must be those of ICU's own declarations (checked
 * without referring to the functions, which are not linked). */
#define ICU_CHECK_TYPE(f, T) \
	_Static_assert(_Generic((f), T *: 1, default: 0), #f " has ICU's type")
ICU_CHECK_TYPE(utrans_openU, icu_open_fn);
ICU_CHECK_TYPE(utrans_transUChars, icu_trans_fn);
ICU_CHECK_TYPE(utrans_close, icu_close_fn);
ICU_CHECK_TYPE(u_strFromUTF8, icu_from_utf8_fn);
ICU_CHECK_TYPE(u_strToUTF8, icu_to_utf8_fn);
ICU_CHECK_TYPE(u_errorName, icu_error_name_fn);

/* The ICU functions used here, found in the loaded library. */
static struct icu_api {
	icu_open_fn *open;
	icu_trans_fn *trans_uchars;
	icu_close_fn *close;
	icu_from_utf8_fn *from_utf8;
	icu_to_utf8_fn *to_utf8;
	icu_error_name_fn *error_name;
} icu;

/* The loaded library (kept until the program ends: ICU keeps caches in it). */
static void *icu_lib;
/* The library to load instead of the usual names, or NULL. */
static const char *icu_soname_override;
/* Why loading failed, once it has; it is not tried again. */
static bool icu_failed;
static char icu_failure[384];

/* The transliterator, opened on first use. */
static UTransliterator *trans;

/* Surnames whose reading differs from the character's most common one. */
static const struct surname {
	const char *zh;
	const char *reading;
} surnames[] = {
	{ "尉迟", "yu chi" }, { "万俟", "mo qi" },
	{ "单", "shan" }, { "曾", "zeng" }, { "解", "xie" }, { "仇", "qiu" },
	{ "区", "ou" }, { "朴", "piao" }, { "查", "zha" }, { "乐", "yue" },
	{ "覃", "qin" }, { "缪", "miao" }, { "盖", "ge" }, { "秘", "bi" },
	{ "种", "chong" }, { "折", "she" }, { "翟", "zhai" }, { "繁", "po" },
	{ "员", "yun" }, { "召", "shao" }, { "阚", "kan" }, { "重", "chong" },
	{ "隗", "wei" }, { "句", "gou" },
};

/* Looks up the symbol name in lib and stores it in the function pointer at
 * slot (size bytes); returns true when found. */
static bool load_symbol(void *lib, const char *name, void *slot, size_t size)
{
	void *sym = dlsym(lib, name);

	if (!sym)
		return false;
	/* ISO C has no conversion from void * to a function pointer; POSIX
	 * guarantees dlsym's result can be used as one. */
	memcpy(slot, &sym, size);
	return true;
}

/* Remembers the loader's message saying why ICU cannot be loaded. */
static void note_failure(void)
{
	const char *why = dlerror();
	size_t n;

	if (!why)
		why = "dlopen";
	n = strlen(why);
	if (n >= sizeof icu_failure) {
		/* Cut a long message between two UTF-8 characters. */
		n = sizeof icu_failure - 1;
		while (n > 0 && ((unsigned char)why[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(icu_failure, why, n);
	icu_failure[n] = '\0';
	icu_failed = true;
}

/* Returns the opened ICU i18n library, or NULL with icu_failure set. */
static void *open_library(void)
{
	void *lib;

	if (icu_soname_override) {
		lib = dlopen(icu_soname_override, RTLD_LAZY | RTLD_LOCAL);
		if (!lib)
			note_failure();
		return lib;
	}
	lib = dlopen(ICU_SONAME, RTLD_LAZY | RTLD_LOCAL);
	if (lib)
		return lib;
	/* Keep this first message: it names the library guanai was built for. */
	note_failure();
	lib = dlopen(ICU_SONAME_FALLBACK, RTLD_LAZY | RTLD_LOCAL);
	if (lib)
		icu_failed = false;
	else
		dlerror();
	return lib;
}

/* Loads ICU and finds its functions; returns true, or false with
 * icu_failure set.  After a failure it does not try again. */
static bool load_icu(void)
{
#define LOAD(member, fn) \
	load_symbol(lib, GU_STR(fn), &icu.member, sizeof icu.member)
	void *lib;

	if (icu_lib)
		return true;
	if (icu_failed)
		return false;
	lib = open_library();
	if (!lib)
		return false;
	/* The u_ functions live in libicuuc, which the i18n library needs:
	 * dlsym searches a library's dependencies too. */
	if (!LOAD(open, utrans_openU) || !LOAD(trans_uchars, utrans_transUChars)
	    || !LOAD(close, utrans_close) || !LOAD(from_utf8, u_strFromUTF8)
	    || !LOAD(to_utf8, u_strToUTF8) || !LOAD(error_name, u_errorName)) {
		note_failure();
		dlclose(lib);
		memset(&icu, 0, sizeof icu);
		return false;
	}
	icu_lib = lib;
	return true;
#undef LOAD
}

/* Sets err to say that ICU cannot be loaded and what still works; returns
 * -GU_ENOTFOUND. */
static int icu_missing(gu_error *err)
{
	return gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
		/* TRANSLATORS: %d is ICU's version (72 on Debian 12), %s the system's reason. */
		_("search by pinyin needs the ICU library, which cannot be loaded (%s); install it (on Debian and Ubuntu: sudo apt-get install libicu%d) and start guanai again; searching by a part of the name or by ID number still works"),
		icu_failure, U_ICU_VERSION_MAJOR_NUM);
}

/* Returns the open transliterator, opening it (and loading ICU) if needed,
 * or NULL with err set. */
static UTransliterator *get_trans(gu_error *err)
{
	static const char id[] = "Han-Latin; Latin-ASCII; Lower";
	UChar uid[sizeof id];
	UErrorCode st = U_ZERO_ERROR;

	if (trans)
		return trans;
	if (!load_icu()) {
		icu_missing(err);
		return NULL;
	}
	for (size_t i = 0; i < sizeof id; i++)
		uid[i] = (UChar)id[i];
	trans = icu.open(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		if (trans)
			icu.close(trans);
		trans = NULL;
		gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("pinyin search is not available: the ICU transliterator cannot be loaded (%s); search by the Chinese name instead"),
			icu.error_name(st));
		return NULL;
	}
	return trans;
}

/* Closes the transliterator if it is open. */
void gu_pinyin_close(void)
{
	if (trans)
		icu.close(trans);
	trans = NULL;
}

/* Returns true when ICU has been loaded into the program. */
bool gu_pinyin_icu_loaded(void)
{
	return icu_lib != NULL;
}

/* Sets the library to load ICU from; returns false once ICU is loaded. */
bool gu_pinyin_use_library(const char *soname)
{
	if (icu_lib)
		return false;
	gu_pinyin_close();
	icu_soname_override = soname;
	icu_failed = false;
	icu_failure[0] = '\0';
	return true;
}

/* Returns true while the transliterator is open. */
bool gu_pinyin_is_open(void)
{
	return trans != NULL;
}

/* Transliterates the UTF-8 text into a newly allocated UTF-8 string in *out;
 * returns 0, or -GU_EINVAL / -GU_ENOMEM / -GU_ENOTFOUND with err set. */
static int transliterate(const char *text, char **out, gu_error *err)
{
	UTransliterator *t = get_trans(err);
	UErrorCode st = U_ZERO_ERROR;
	UChar *u = NULL;
	int32_t ulen = 0, cap, limit, blen = 0;
	size_t tlen = strlen(text);
	char *b = NULL;
	int rc = 0;

	*out = NULL;
	if (!t)
		return -GU_ENOTFOUND;
	if (tlen > INT32_MAX / 16)
		return gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("the name is too long to search"));
	/* A Han character (one or two UTF-16 units) becomes at most seven
	 * letters and a space; other text keeps its length. */
	cap = (int32_t)tlen * 8 + 16;
	icu.from_utf8(NULL, 0, &ulen, text, (int32_t)tlen, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR)
		st = U_ZERO_ERROR;
	if (U_FAILURE(st)) {
		rc = gu_error_set(err, GU_EINVAL, NULL, 0, 0, _("the name is not valid UTF-8 text"));
		goto cleanup;
	}
	for (;;) {
		free(u);
		u = malloc((size_t)cap * sizeof *u);
		if (!u) {
			rc = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, "%s", gu_code_text(GU_ENOMEM));
			goto cleanup;
		}
		icu.from_utf8(u, cap, &ulen, text, (int32_t)tlen, &st);
		limit = ulen;
		icu.trans_uchars(t, u, &ulen, cap, 0, &limit, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR || cap > INT32_MAX / 2)
			break;
		st = U_ZERO_ERROR;
		cap *= 2;
	}
	if (U_FAILURE(st)) {
		rc = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the name cannot be turned into pinyin (%s)"), icu.error_name(st));
		goto cleanup;
	}
	icu.to_utf8(NULL, 0, &blen, u, ulen, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR)
		st = U_ZERO_ERROR;
	b = malloc((size_t)blen + 1);
	if (!b) {
		rc = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, "%s", gu_code_text(GU_ENOMEM));
		goto cleanup;
	}
	icu.to_utf8(b, blen + 1, NULL, u, ulen, &st);
	if (U_FAILURE(st)) {
		rc = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the name cannot be turned into pinyin (%s)"), icu.error_name(st));
		goto cleanup;
	}
	*out = b;
	b = NULL;
cleanup:
	free(u);
	free(b);
	return rc;
}

/* Returns true for a lower-case ASCII letter or a digit. */
static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Appends to p the keys of the reading text (syllables separated by
 * anything that is not a-z or 0-9); full and initials have room. */
static void add_keys(const char *reading, char *full, size_t *nf, char *initials, size_t *ni)
{
	bool in_word = false;

	for (const char *s = reading; *s; s++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!is_key_char(c)) {
			in_word = false;
			continue;
		}
		full[(*nf)++] = c;
		if (!in_word)
			initials[(*ni)++] = c;
		in_word = true;
	}
	full[*nf] = '\0';
	initials[*ni] = '\0';
}

/* Computes the search keys of a name; returns 0 or a negative gu_code with err set. */
int gu_pinyin_keys(const char *name, gu_pinyin *out, gu_error *err)
{
	const char *rest = name ? name : "";
	const char *surname = "";
	char *reading = NULL;
	size_t nf = 0, ni = 0, room;
	int rc;

	out->full = NULL;
	out->initials = NULL;
	gu_error_clear(err);
	for (size_t i = 0; i < sizeof surnames / sizeof surnames[0]; i++) {
		size_t n = strlen(surnames[i].zh);

		if (strncmp(rest, surnames[i].zh, n) == 0) {
			surname = surnames[i].reading;
			rest += n;
			break;
		}
	}
	rc = transliterate(rest, &reading, err);
	if (rc)
		goto cleanup;
	room = strlen(surname) + strlen(reading) + 1;
	out->full = malloc(room);
	out->initials = malloc(room);
	if (!out->full || !out->initials) {
		rc = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, "%s", gu_code_text(GU_ENOMEM));
		gu_pinyin_free(out);
		goto cleanup;
	}
	add_keys(surname, out->full, &nf, out->initials, &ni);
	add_keys(reading, out->full, &nf, out->initials, &ni);
cleanup:
	free(reading);
	return rc;
}

/* Frees the keys. */
void gu_pinyin_free(gu_pinyin *p)
{
	if (!p)
		return;
	free(p->full);
	free(p->initials);
	p->full = NULL;
	p->initials = NULL;
}

/* Returns true when needle occurs in hay, ASCII letters compared without case. */
static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n) {
			char a = hay[i], b = needle[i];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b || a == '\0')
				break;
			i++;
		}
		if (i == n)
			return true;
	}
	return n == 0;
}

/* Returns true when the letters-only query q matches the keys. */
static bool match_letters(const char *q, const char *full, const char *initials)
{
	if (full && strstr(full, q))
		return true;
	return initials && strncmp(initials, q, strlen(q)) == 0;
}

/* Returns true when query matches a name with the given keys. */
bool gu_pinyin_match_keys(const char *query, const char *name, const char *full,
	const char *initials)
{
	char q[128];
	size_t n = 0;
	bool ascii = true;

	if (!query)
		return true;
	while (*query == ' ' || *query == '\t')
		query++;
	if (*query == '\0')
		return true;
	for (const char *s = query; *s; s++)
		if ((unsigned char)*s >= 0x80)
			ascii = false;
	if (!ascii || !full) {
		/* Chinese (or other) text: part of the name itself, blanks at the ends ignored. */
		size_t len = strlen(query);

		while (len > 0 && (query[len - 1] == ' ' || query[len - 1] == '\t'))
			len--;
		if (len >= sizeof q)
			return false;
		memcpy(q, query, len);
		q[len] = '\0';
		return name && contains_nocase(name, q);
	}
	if (name && contains_nocase(name, query))
		return true;
	for (const char *s = query; *s; s++) {
		char c = *s;

		if (c == ' ' || c == '\t' || c == '\'')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (n + 1 >= sizeof q)
			return false;
		q[n++] = c;
	}
	q[n] = '\0';
	if (n == 0)
		return true;
	if (match_letters(q, full, initials))
		return true;
	/* v is how pinyin keyboards type ü, which the keys write as u. */
	if (strchr(q, 'v')) {
		for (size_t i = 0; i < n; i++)
			if (q[i] == 'v')
				q[i] = 'u';
		return match_letters(q, full, initials);
	}
	return false;
}

/* Returns true when query matches name, computing the name's keys. */
bool gu_pinyin_match(const char *query, const char *name)
{
	gu_pinyin keys = { NULL, NULL };
	bool m;

	if (gu_pinyin_keys(name, &keys, NULL) != 0)
		return gu_pinyin_match_keys(query, name, NULL, NULL);
	m = gu_pinyin_match_keys(query, name, keys.full, keys.initials);
	gu_pinyin_free(&keys);
	return m;
}
