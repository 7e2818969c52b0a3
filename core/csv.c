/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* A CSV writer for Excel: quoting, formula guards, UTF-8 with BOM or strict GB18030. */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/i18n.h"
#include "core/text.h"

/* How many row numbers an error message lists before it stops. */
#define LISTED_ROWS 20

/* Grows *buf (capacity *cap) to hold need bytes; returns 0 or -GU_ENOMEM. */
static int reserve(char **buf, size_t *cap, size_t need)
{
	size_t ncap = *cap ? *cap : 256;
	char *p;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return -GU_ENOMEM;
		ncap *= 2;
	}
	p = realloc(*buf, ncap);
	if (!p)
		return -GU_ENOMEM;
	*buf = p;
	*cap = ncap;
	return 0;
}

/* Appends len bytes to the row being built; returns 0 or -GU_ENOMEM. */
static int row_put(gu_csv *w, const char *s, size_t len)
{
	if (len > SIZE_MAX - w->row_len - 1 || reserve(&w->row, &w->row_cap, w->row_len + len + 1)) {
		w->oom = true;
		return -GU_ENOMEM;
	}
	memcpy(w->row + w->row_len, s, len);
	w->row_len += len;
	w->row[w->row_len] = '\0';
	return 0;
}

/* Writes len bytes to the output (file or memory); returns 0, -GU_EIO or -GU_ENOMEM. */
static int emit(gu_csv *w, const char *s, size_t len)
{
	if (w->out) {
		if (len && fwrite(s, 1, len, w->out) != len) {
			w->io_failed = true;
			return -GU_EIO;
		}
		return 0;
	}
	if (len > SIZE_MAX - w->data_len - 1
			|| reserve(&w->data, &w->data_cap, w->data_len + len + 1)) {
		w->oom = true;
		return -GU_ENOMEM;
	}
	memcpy(w->data + w->data_len, s, len);
	w->data_len += len;
	w->data[w->data_len] = '\0';
	return 0;
}

/* Starts a writer; returns 0, or -GU_ENOMEM / -GU_EENCODING with err set. */
int gu_csv_init(gu_csv *w, enum gu_csv_encoding enc, FILE *out, gu_error *err)
{
	memset(w, 0, sizeof *w);
	w->enc = enc;
	w->out = out;
	w->cd = (iconv_t)-1;
	gu_error_clear(err);
	if (enc == GU_CSV_GB18030) {
		w->cd = iconv_open("GB18030", "UTF-8");
		if (w->cd == (iconv_t)-1)
			return gu_error_set(err, GU_EENCODING, NULL, 0, 0,
				_("this system cannot convert text to GB18030: export as UTF-8 instead"));
	}
	return 0;
}

/* Frees what w holds. */
void gu_csv_free(gu_csv *w)
{
	if (!w)
		return;
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	free(w->row);
	free(w->conv);
	free(w->data);
	free(w->bad);
	memset(w, 0, sizeof *w);
	w->cd = (iconv_t)-1;
}

/* Marks the next row as the header. */
void gu_csv_header_next(gu_csv *w)
{
	w->header_pending = true;
}

/* Returns true when text would start a formula in a spreadsheet. */
bool gu_csv_needs_guard(const char *text, size_t len)
{
	/* Full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some
	 * spreadsheet input methods turn into their ASCII forms. */
	static const char wide[4][4] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0" };

	if (!text || len == 0)
		return false;
	switch (text[0]) {
	case '=':
	case '+':
	case '-':
	case '@':
	case '\t':
	case '\r':
		return true;
	default:
		break;
	}
	for (int i = 0; i < 4; i++)
		if (len >= 3 && memcmp(text, wide[i], 3) == 0)
			return true;
	return false;
}

/* Returns true when text would be read as a number, a date, a time or a
 * percentage by a spreadsheet (0012345, 1E5, 2024-01-02, 1/2, 12:30, 5%,
 * 2024年1月2日): digits with only signs, separators, an exponent and those
 * date words, so that it is written after a ' and stays text. */
bool gu_csv_looks_numeric(const char *text, size_t len)
{
	static const char *const words[] = { "\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5" };
	bool digit = false;
	size_t i = 0, k;

	while (text && i < len) {
		char c = text[i];

		if (c >= '0' && c <= '9') {
			digit = true;
			i++;
			continue;
		}
		if (c != '\0' && strchr(" .,+-/:%eE()$", c)) {
			i++;
			continue;
		}
		for (k = 0; k < 3; k++)
			if (len - i >= 3 && memcmp(text + i, words[k], 3) == 0)
				break;
		if (k == 3)
			return false;
		i += 3;
	}
	return digit;
}

/* Returns true when text holds a control character other than a tab or a
 * line end (C0, DEL, or C1 such as U+009B), which a terminal would obey. */
static bool has_control(const char *text, size_t len)
{
	for (size_t i = 0; text && i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
			return true;
		if (c == 0xC2 && i + 1 < len && (unsigned char)text[i + 1] >= 0x80
		    && (unsigned char)text[i + 1] <= 0x9F)
			return true;
	}
	return false;
}

/* Appends one quoted field, with a ' before a formula and, when guard_text
 * is set, before what a spreadsheet would read as a number or a date;
 * returns 0 or -GU_ENOMEM. */
static int put_quoted(gu_csv *w, const char *text, size_t len, bool guard_text)
{
	size_t start = 0;

	if (!text)
		len = 0;
	if (w->fields > 0 && row_put(w, ",", 1))
		return -GU_ENOMEM;
	if (row_put(w, "\"", 1))
		return -GU_ENOMEM;
	if ((gu_csv_needs_guard(text, len) || (guard_text && gu_csv_looks_numeric(text, len)))
	    && row_put(w, "'", 1))
		return -GU_ENOMEM;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '"')
			continue;
		/* Write up to and including the quote, then the quote again. */
		if (row_put(w, text + start, i + 1 - start) || row_put(w, "\"", 1))
			return -GU_ENOMEM;
		start = i + 1;
	}
	if (row_put(w, text ? text + start : "", len - start) || row_put(w, "\"", 1))
		return -GU_ENOMEM;
	w->fields++;
	return 0;
}

/* Appends one quoted text field, its control characters escaped
 * (core/text.h) and kept text; returns 0 or -GU_ENOMEM. */
int gu_csv_field_n(gu_csv *w, const char *text, size_t len)
{
	char *copy, *safe;
	int ret;

	if (!has_control(text, len))
		return put_quoted(w, text, len, true);
	copy = strndup(text, len);
	safe = copy ? gu_text_escape_controls(copy, GU_ESCAPE_CELL) : NULL;
	ret = safe ? put_quoted(w, safe, strlen(safe), true) : -GU_ENOMEM;
	free(safe);
	free(copy);
	return ret;
}

/* Appends a field the program wrote (a date, a count) that a spreadsheet
 * may read as a date or number; returns 0 or -GU_ENOMEM. */
int gu_csv_field_value(gu_csv *w, const char *text)
{
	return put_quoted(w, text, text ? strlen(text) : 0, false);
}

/* Appends one NUL-terminated field; returns 0 or -GU_ENOMEM. */
int gu_csv_field(gu_csv *w, const char *text)
{
	return gu_csv_field_n(w, text, text ? strlen(text) : 0);
}

/* Appends an integer field; returns 0 or -GU_ENOMEM. */
int gu_csv_field_long(gu_csv *w, long value)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%ld", value);

	return put_quoted(w, buf, (size_t)n, false);
}

/* Returns true when s[0..len) is well-formed UTF-8: shortest forms only, no
 * surrogates, nothing above U+10FFFF. */
static bool valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF
				|| (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

/* Converts the built row to GB18030 into w->conv; returns its length in
 * *outlen and 0, -GU_EENCODING for a character GB18030 cannot hold, or -GU_ENOMEM. */
static int to_gb18030(gu_csv *w, size_t *outlen)
{
	char *in = w->row;
	size_t inleft = w->row_len;
	size_t done = 0;

	/* GB18030 needs at most 4 bytes for each UTF-8 character, which takes at least 1. */
	if (reserve(&w->conv, &w->conv_cap, w->row_len * 2 + 16))
		return -GU_ENOMEM;
	for (;;) {
		char *out = w->conv + done;
		size_t outleft = w->conv_cap - done;
		size_t r = iconv(w->cd, &in, &inleft, &out, &outleft);

		done = (size_t)(out - w->conv);
		if (r != (size_t)-1) {
			/* Non-reversible conversions would be silent replacements. */
			if (r > 0) {
				iconv(w->cd, NULL, NULL, NULL, NULL);
				return -GU_EENCODING;
			}
			break;
		}
		if (errno == E2BIG) {
			if (w->conv_cap > SIZE_MAX / 2 || reserve(&w->conv, &w->conv_cap, w->conv_cap * 2))
				return -GU_ENOMEM;
			continue;
		}
		iconv(w->cd, NULL, NULL, NULL, NULL);
		return -GU_EENCODING;
	}
	*outlen = done;
	return 0;
}

/* Records row number n as left out; returns 0 or -GU_ENOMEM. */
static int record_bad(gu_csv *w, size_t n)
{
	if (w->nbad == w->bad_cap) {
		size_t ncap = w->bad_cap ? w->bad_cap * 2 : 16;
		size_t *p = realloc(w->bad, ncap * sizeof *p);

		if (!p) {
			w->oom = true;
			return -GU_ENOMEM;
		}
		w->bad = p;
		w->bad_cap = ncap;
	}
	w->bad[w->nbad++] = n;
	return 0;
}

/* Ends the row: converts and writes it; returns 0, -GU_EENCODING, -GU_ENOMEM or -GU_EIO. */
int gu_csv_end_row(gu_csv *w)
{
	size_t number = 0;
	size_t len = 0;
	int rc = 0;

	if (w->oom)
		return -GU_ENOMEM;
	if (w->header_pending)
		w->header_pending = false;
	else
		number = ++w->rows;
	if (row_put(w, "\r\n", 2))
		return -GU_ENOMEM;
	if (!w->started) {
		w->started = true;
		if (w->enc == GU_CSV_UTF8_BOM && emit(w, "\xEF\xBB\xBF", 3))
			return w->oom ? -GU_ENOMEM : -GU_EIO;
	}
	if (!valid_utf8((const unsigned char *)w->row, w->row_len)) {
		rc = -GU_EENCODING;
	} else if (w->enc == GU_CSV_GB18030) {
		rc = to_gb18030(w, &len);
		if (rc == 0)
			rc = emit(w, w->conv, len);
	} else {
		rc = emit(w, w->row, w->row_len);
	}
	if (rc == -GU_EENCODING && record_bad(w, number))
		rc = -GU_ENOMEM;
	if (rc == -GU_ENOMEM)
		w->oom = true;
	w->row_len = 0;
	if (w->row)
		w->row[0] = '\0';
	w->fields = 0;
	return rc;
}

/* Writes n fields as one row; returns as gu_csv_end_row. */
int gu_csv_row(gu_csv *w, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (gu_csv_field(w, fields[i]))
			return -GU_ENOMEM;
	return gu_csv_end_row(w);
}

/* Writes the first LISTED_ROWS data row numbers of w's bad list into buf,
 * comma-separated, ending in an ellipsis when there are more; returns the
 * number of data rows in the list. */
static size_t list_rows(const gu_csv *w, char *buf, size_t size)
{
	size_t used = 0, count = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < w->nbad; i++) {
		int n;

		if (w->bad[i] == 0)
			continue;
		count++;
		if (count > LISTED_ROWS) {
			if (count == LISTED_ROWS + 1 && used + 5 < size) {
				memcpy(buf + used, ", \xE2\x80\xA6", 6);
				used += 5;
			}
			continue;
		}
		n = snprintf(buf + used, size - used, "%s%zu", used ? ", " : "", w->bad[i]);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	return count;
}

/* Flushes and reports; returns 0, -GU_EENCODING, -GU_EIO or -GU_ENOMEM with err set. */
int gu_csv_finish(gu_csv *w, gu_error *err)
{
	char rows[256];
	size_t count;
	bool header_bad = false;

	gu_error_clear(err);
	if (!w->started && !w->oom) {
		/* An empty export still gets its mark, so Excel reads it right. */
		w->started = true;
		if (w->enc == GU_CSV_UTF8_BOM)
			emit(w, "\xEF\xBB\xBF", 3);
	}
	if (w->out && fflush(w->out) != 0)
		w->io_failed = true;
	if (w->oom)
		return gu_error_set(err, GU_ENOMEM, NULL, 0, 0, "%s", gu_code_text(GU_ENOMEM));
	if (w->io_failed || (w->out && ferror(w->out)))
		return gu_error_set(err, GU_EIO, NULL, 0, 0,
			_("the export could not be written completely: check the free space and try again"));
	if (w->nbad == 0)
		return 0;
	for (size_t i = 0; i < w->nbad; i++)
		if (w->bad[i] == 0)
			header_bad = true;
	count = list_rows(w, rows, sizeof rows);
	if (count == 0 && header_bad)
		return gu_error_set(err, GU_EENCODING, NULL, 0, 0,
			_("the header row cannot be written in this encoding: export as UTF-8"));
	/* Two messages rather than ngettext: the catalogues are English and
	 * Chinese only, and the list of rows is the point of the message. */
	if (w->enc == GU_CSV_GB18030 && count == 1)
		return gu_error_set(err, GU_EENCODING, NULL, 0, 0,
			_("data row %s has a character GB18030 cannot hold, or text that is not valid UTF-8: correct it, or export as UTF-8"),
			rows);
	if (w->enc == GU_CSV_GB18030)
		return gu_error_set(err, GU_EENCODING, NULL, 0, 0,
			_("%zu data rows have characters GB18030 cannot hold, or text that is not valid UTF-8 (rows %s): correct them, or export as UTF-8"),
			count, rows);
	if (count == 1)
		return gu_error_set(err, GU_EENCODING, NULL, 0, 0,
			_("data row %s is not valid UTF-8 text: correct it"), rows);
	return gu_error_set(err, GU_EENCODING, NULL, 0, 0,
		_("%zu data rows are not valid UTF-8 text (rows %s): correct them"), count, rows);
}

/* Returns the memory output and its length in *len. */
const char *gu_csv_data(const gu_csv *w, size_t *len)
{
	if (len)
		*len = w->data_len;
	return w->data ? w->data : "";
}

/* Returns the number of data rows ended so far. */
size_t gu_csv_rows(const gu_csv *w)
{
	return w->rows;
}

/* Returns the numbers of the rows left out and their count in *n. */
const size_t *gu_csv_bad_rows(const gu_csv *w, size_t *n)
{
	*n = w->nbad;
	return w->bad;
}
