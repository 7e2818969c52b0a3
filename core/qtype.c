/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* The question types: each one's check, its reading for the rules and its
 * value in words, and the table that names them. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/idcard.h"
#include "core/qtype.h"
#include "core/region.h"

/* Returns the index of the n bytes of s among q's choices, or -1 (the first
 * bytes are compared before whole values: this runs for every answer). */
int gu_choice_at(const gu_question *q, const char *s, size_t n)
{
	char first = n ? s[0] : '\0';
	size_t i;

	for (i = 0; i < q->nchoices; i++) {
		const char *cv = q->choices[i].value;
		size_t j = 1;

		if (cv[0] != first)
			continue;
		if (n == 0)
			return (int)i;
		/* s has no NUL in its n bytes: a shorter choice stops at its own. */
		while (j < n && cv[j] == s[j])
			j++;
		if (j == n && cv[n] == '\0')
			return (int)i;
	}
	return -1;
}

/* Returns the next item of a comma-separated list, or NULL at its end. */
const char *gu_list_next(const char **s, size_t *n)
{
	const char *t = *s, *e;

	while (*t == ' ' || *t == ',')
		t++;
	if (!*t) {
		*s = t;
		return NULL;
	}
	e = t;
	while (*e && *e != ',')
		e++;
	*n = (size_t)(e - t);
	while (*n && t[*n - 1] == ' ')
		(*n)--;
	*s = e;
	return t;
}

/* Returns buf holding the labels of q's choices in mask (see qtype.h). */
const char *gu_choice_labels(const gu_question *q, uint64_t mask, size_t max, char *buf,
	size_t size)
{
	size_t i, shown = 0, len = 0;

	snprintf(buf, size, "%s", mask ? "" : _("none"));
	for (i = 0; mask && i < q->nchoices && i < 64 && len < size; i++) {
		if (!(mask >> i & 1))
			continue;
		if (shown == max) {
			snprintf(buf + len, size - len, "%s…", _(", "));
			break;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s", shown ? _(", ") : "",
			gu_pick(q->choices[i].label_zh, q->choices[i].label_en));
		shown++;
	}
	return buf;
}

/* Reads a plain decimal (an optional minus and 1 to 18 digits, nothing
 * else) into *out; returns false for anything else. */
static inline bool plain_decimal(const char *s, int64_t *out)
{
	const char *d = s + (*s == '-');
	int64_t n = 0;
	int k = 0;

	while (d[k] >= '0' && d[k] <= '9') {
		if (k == 18)
			return false;
		n = n * 10 + (d[k] - '0');
		k++;
	}
	if (k == 0 || d[k] != '\0')
		return false;
	*out = *s == '-' ? -n : n;
	return true;
}

/* Writes "a, b, c" of q's choice values into buf; returns buf. */
static const char *choice_values(const gu_question *q, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < q->nchoices && len + 1 < size; i++) {
		int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", q->choices[i].value);

		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

/* Accepts any text; returns 0. */
static int check_text(const gu_question *q, const char *value, gu_error *err)
{
	(void)q;
	(void)value;
	(void)err;
	return 0;
}

/* Checks a phone number; returns 0 or an error. */
static int check_phone(const gu_question *q, const char *value, gu_error *err)
{
	(void)q;
	if (strspn(value, "0123456789 +-") != strlen(value) || strcspn(value, "0123456789") == strlen(value))
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
			_("\"%s\" is not a phone number: write only digits, spaces, + and -"), value);
	return 0;
}

/* Checks a date; returns 0 or an error. */
static int check_date(const gu_question *q, const char *value, gu_error *err)
{
	gu_date d;

	(void)q;
	if (!gu_date_parse(value, &d))
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
			_("%s is not a date (write YYYY-MM-DD, a real calendar day)"), value);
	return 0;
}

/* Checks one choice (or yes/no); returns 0 or an error. */
static int check_choice(const gu_question *q, const char *value, gu_error *err)
{
	char list[512];

	if (gu_choice_at(q, value, strlen(value)) < 0)
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
			_("\"%s\" is not one of: %s, unknown"), value, choice_values(q, list, sizeof list));
	return 0;
}

/* Checks a comma-separated set of choices; returns 0 or an error. */
static int check_multi(const gu_question *q, const char *value, gu_error *err)
{
	char list[512];
	const char *t;
	size_t n;

	uint64_t seen = 0;

	while ((t = gu_list_next(&value, &n)) != NULL) {
		int c = n ? gu_choice_at(q, t, n) : -1;

		if (n && c < 0)
			return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
				_("\"%.*s\" is not one of: %s (separate several with commas)"),
				(int)(n > 60 ? 60 : n), t, choice_values(q, list, sizeof list));
		if (c >= 0 && c < 64 && (seen >> c & 1))
			return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
				_("\"%.*s\" is given twice: give each choice once"), (int)n, t);
		if (c >= 0 && c < 64)
			seen |= (uint64_t)1 << c;
	}
	return 0;
}

/* Checks a whole number within the question's bounds; returns 0 or an error. */
static int check_integer(const gu_question *q, const char *value, gu_error *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (end == value || *end || errno || !((*value >= '0' && *value <= '9') || *value == '-'))
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0, _("%s is not a whole number"), value);
	if (v < q->min || v > q->max)
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
			_("%s is out of range (%ld to %ld)"), value, q->min, q->max);
	return 0;
}

/* Checks a county-level region code (or none); returns 0 or an error. */
static int check_code(const gu_question *q, const char *value, gu_error *err)
{
	char why[400];

	if (strcmp(value, "none") == 0) {
		if (q->allow_none)
			return 0;
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
			_("none is not allowed here: give a 6-digit region code"));
	}
	if (strlen(value) != 6 || strspn(value, "0123456789") != 6)
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
			_("%s is not a 6-digit region code%s"), value,
			q->allow_none ? _(" (or none)") : "");
	if (gu_region_problem(value, why, sizeof why))
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0, "%s", why);
	return 0;
}

/* Checks a resident ID number (or none); returns 0 or an error. */
static int check_idnumber(const gu_question *q, const char *value, gu_error *err)
{
	char why[400];
	const char *r;

	if (strcmp(value, "none") == 0 && q->allow_none)
		return 0;
	r = gu_idcard_reason(value, why, sizeof why);
	if (r)
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0, "%s", r);
	return 0;
}

/* Reads a value the rules see only as present; returns true. */
static bool read_present(const gu_question *q, const char *s, int64_t *v)
{
	(void)q;
	(void)s;
	*v = 0;
	return true;
}

/* Reads a date as yyyymmdd; returns false when it is not one. */
static bool read_date(const gu_question *q, const char *s, int64_t *v)
{
	gu_date d;

	(void)q;
	if (!gu_date_parse(s, &d))
		return false;
	*v = (int64_t)d.year * 10000 + d.month * 100 + d.day;
	return true;
}

/* Reads a choice as its index; returns false for an unknown choice. */
static bool read_choice(const gu_question *q, const char *s, int64_t *v)
{
	int i = gu_choice_at(q, s, strlen(s));

	*v = i;
	return i >= 0;
}

/* Reads yes as 1 and no as 0; returns false for anything else. */
static bool read_yesno(const gu_question *q, const char *s, int64_t *v)
{
	int i = gu_choice_at(q, s, strlen(s));

	*v = i == 0;
	return i >= 0;
}

/* Reads a set of choices as a bit mask; returns false for an unknown choice. */
static bool read_multi(const gu_question *q, const char *s, int64_t *v)
{
	uint64_t mask = 0;
	const char *t;
	size_t n;

	while ((t = gu_list_next(&s, &n)) != NULL) {
		int i;

		if (!n)
			continue;
		i = gu_choice_at(q, t, n);
		if (i < 0)
			return false;
		mask |= (uint64_t)1 << i;
	}
	*v = (int64_t)mask;
	return true;
}

/* Reads a whole number; returns false when it is not one. */
static bool read_integer(const gu_question *q, const char *s, int64_t *v)
{
	char *end;

	(void)q;
	if (plain_decimal(s, v))
		return true;
	*v = strtol(s, &end, 10);
	return end != s && *end == '\0';
}

/* Reads a region code as its number, none as 0; returns false otherwise. */
static bool read_code(const gu_question *q, const char *s, int64_t *v)
{
	char *end;

	(void)q;
	if (s[0] == 'n' && strcmp(s, "none") == 0) {
		*v = 0;
		return true;
	}
	if (strlen(s) != 6)
		return false;
	if (plain_decimal(s, v))
		return true;
	*v = strtol(s, &end, 10);
	return *end == '\0';
}

/* Returns NULL: the answer is shown as typed. */
static const char *words_typed(const gu_question *q, int64_t v, char *buf, size_t size)
{
	(void)q;
	(void)v;
	(void)buf;
	(void)size;
	return NULL;
}

/* Writes a number; returns buf. */
static const char *words_number(const gu_question *q, int64_t v, char *buf, size_t size)
{
	(void)q;
	snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

/* Writes a yyyymmdd date as YYYY-MM-DD; returns buf. */
static const char *words_date(const gu_question *q, int64_t v, char *buf, size_t size)
{
	(void)q;
	snprintf(buf, size, "%04lld-%02lld-%02lld", (long long)(v / 10000), (long long)(v / 100 % 100),
		(long long)(v % 100));
	return buf;
}

/* Writes a choice's label; returns buf. */
static const char *words_choice(const gu_question *q, int64_t v, char *buf, size_t size)
{
	buf[0] = '\0';
	if (v >= 0 && (size_t)v < q->nchoices)
		snprintf(buf, size, "%s", gu_pick(q->choices[v].label_zh, q->choices[v].label_en));
	return buf;
}

/* Writes yes or no; returns buf. */
static const char *words_yesno(const gu_question *q, int64_t v, char *buf, size_t size)
{
	(void)q;
	snprintf(buf, size, "%s", v ? _("yes") : _("no"));
	return buf;
}

/* Writes up to four chosen labels; returns buf. */
static const char *words_multi(const gu_question *q, int64_t v, char *buf, size_t size)
{
	return gu_choice_labels(q, (uint64_t)v, 4, buf, size);
}

/* Writes a region code with its place's name ("建平县 211322"), or "none";
 * returns buf. */
static const char *words_code(const gu_question *q, int64_t v, char *buf, size_t size)
{
	char digits[16];
	const gu_region_entry *e;

	(void)q;
	if (v == 0) {
		snprintf(buf, size, "%s", _("none"));
		return buf;
	}
	snprintf(digits, sizeof digits, "%06lld", (long long)v);
	e = gu_region_lookup(digits);
	if (e)
		snprintf(buf, size, "%s %s", gu_pick(e->zh, e->en), digits);
	else
		snprintf(buf, size, "%s", digits);
	return buf;
}

/* The table, in enum gu_qtype order. */
static const gu_qtype_ops types[] = {
	{ GU_Q_TEXT, "text", GU_QC_NONE, GU_VT_TEXT, check_text, read_present, words_typed },
	{ GU_Q_DATE, "date", GU_QC_NONE, GU_VT_DATE, check_date, read_date, words_date },
	{ GU_Q_CHOICE, "choice", GU_QC_LISTED, GU_VT_CHOICE, check_choice, read_choice, words_choice },
	{ GU_Q_MULTI, "multi", GU_QC_LISTED, GU_VT_MULTI, check_multi, read_multi, words_multi },
	{ GU_Q_YESNO, "yesno", GU_QC_YESNO, GU_VT_YESNO, check_choice, read_yesno, words_yesno },
	{ GU_Q_INTEGER, "integer", GU_QC_NONE, GU_VT_NUMBER, check_integer, read_integer, words_number },
	{ GU_Q_CODE, "code", GU_QC_NONE, GU_VT_CODE, check_code, read_code, words_code },
	{ GU_Q_IDNUMBER, "idnumber", GU_QC_NONE, GU_VT_TEXT, check_idnumber, read_present, words_typed },
	{ GU_Q_PHONE, "phone", GU_QC_NONE, GU_VT_TEXT, check_phone, read_present, words_typed },
	/* any name is valid (the answers contract takes text); one not in the
	 * list is a warning (core/check.c) */
	{ GU_Q_TOWNSHIP, "township", GU_QC_NONE, GU_VT_TEXT, check_text, read_present, words_typed },
};

_Static_assert(sizeof types / sizeof types[0] == GU_Q_COUNT,
	"one descriptor per question type");

/* Returns the descriptor of type t. */
const gu_qtype_ops *gu_qtype(enum gu_qtype t)
{
	return &types[t];
}

/* Returns the descriptor named name, or NULL. */
const gu_qtype_ops *gu_qtype_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(types[i].name, name) == 0)
			return &types[i];
	return NULL;
}

/* Writes "text, date, ..." into buf; returns buf. */
const char *gu_qtype_names(char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof types / sizeof types[0] && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", types[i].name);
	return buf;
}
