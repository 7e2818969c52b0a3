#include "config.h"
/* Pinyin search keys for names through ICU's Han-Latin transliterator, and name matching. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "core/i18n.h"
#include "core/pinyin.h"

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

/* Returns the open transliterator, opening it if needed, or NULL with err set. */
static UTransliterator *get_trans(gu_error *err)
{
	static const char id[] = "Han-Latin; Latin-ASCII; Lower";
	UChar uid[sizeof id];
	UErrorCode st = U_ZERO_ERROR;

	if (trans)
		return trans;
	u_uastrcpy(uid, id);
	trans = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		if (trans)
			utrans_close(trans);
		trans = NULL;
		gu_error_set(err, GU_ENOTFOUND, NULL, 0, 0,
			_("pinyin search is not available: the ICU transliterator cannot be loaded (%s); search by the Chinese name instead"),
			u_errorName(st));
		return NULL;
	}
	return trans;
}

/* Closes the transliterator if it is open; returns nothing. */
void gu_pinyin_close(void)
{
	if (trans)
		utrans_close(trans);
	trans = NULL;
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
	u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)tlen, &st);
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
		u_strFromUTF8(u, cap, &ulen, text, (int32_t)tlen, &st);
		limit = ulen;
		utrans_transUChars(t, u, &ulen, cap, 0, &limit, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR || cap > INT32_MAX / 2)
			break;
		st = U_ZERO_ERROR;
		cap *= 2;
	}
	if (U_FAILURE(st)) {
		rc = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the name cannot be turned into pinyin (%s)"), u_errorName(st));
		goto cleanup;
	}
	u_strToUTF8(NULL, 0, &blen, u, ulen, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR)
		st = U_ZERO_ERROR;
	b = malloc((size_t)blen + 1);
	if (!b) {
		rc = gu_error_set(err, GU_ENOMEM, NULL, 0, 0, "%s", gu_code_text(GU_ENOMEM));
		goto cleanup;
	}
	u_strToUTF8(b, blen + 1, NULL, u, ulen, &st);
	if (U_FAILURE(st)) {
		rc = gu_error_set(err, GU_EINVAL, NULL, 0, 0,
			_("the name cannot be turned into pinyin (%s)"), u_errorName(st));
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

/* Frees the keys; returns nothing. */
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
