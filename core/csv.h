/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV files for Excel: every field quoted, CRLF line ends, formula cells
 * neutralised, UTF-8 with a BOM (the default) or strict GB18030.
 *
 * A row is built field by field (gu_csv_field) and ended with
 * gu_csv_end_row, or written at once with gu_csv_row.  Output goes to a
 * FILE * (the caller creates the file, mode 0600) or, with out NULL, into
 * a memory buffer (gu_csv_data).  A row with text the encoding cannot hold
 * (invalid UTF-8, or a character GB18030 has no code for) is left out, its
 * 1-based data row number is recorded, and gu_csv_finish fails naming
 * every such row: a character is never replaced by '?'.  The caller then
 * removes the file. */
#ifndef GUANAI_CORE_CSV_H
#define GUANAI_CORE_CSV_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "core/error.h"

enum gu_csv_encoding {
	GU_CSV_UTF8_BOM = 0, /* UTF-8 starting with a byte order mark: Excel reads it as UTF-8 */
	GU_CSV_UTF8,         /* UTF-8 without a mark */
	GU_CSV_GB18030       /* GB18030 through iconv, no transliteration */
};

typedef struct gu_csv {
	enum gu_csv_encoding enc;
	FILE *out;          /* NULL: into data below */
	iconv_t cd;         /* for GB18030, else (iconv_t)-1 */
	char *row;          /* the row being built, in UTF-8 */
	size_t row_len, row_cap;
	size_t fields;      /* fields in the row being built */
	char *conv;         /* scratch buffer for the converted row */
	size_t conv_cap;
	char *data;         /* memory output */
	size_t data_len, data_cap;
	size_t rows;        /* data rows ended so far (written or not) */
	size_t *bad;        /* 1-based numbers of data rows left out; 0 = the header */
	size_t nbad, bad_cap;
	bool header_pending; /* the next row ended is the header, not a data row */
	bool started;       /* the BOM (if any) is written */
	bool io_failed;     /* writing to out failed */
	bool oom;           /* memory ran out */
} gu_csv;

/* Starts a writer in encoding enc writing to out (NULL: into memory).
 * Returns 0, or -GU_ENOMEM / -GU_EENCODING (iconv has no GB18030) with err set. */
int gu_csv_init(gu_csv *w, enum gu_csv_encoding enc, FILE *out, gu_error *err);
/* Frees what w holds (it does not close out). */
void gu_csv_free(gu_csv *w);
/* Marks the next row as the header row, which is not counted as a data row. */
void gu_csv_header_next(gu_csv *w);
/* Appends one text field of len bytes to the row being built, control
 * characters escaped (core/text.h) and what a spreadsheet would read as a
 * number or date kept text; returns 0 or -GU_ENOMEM. */
int gu_csv_field_n(gu_csv *w, const char *text, size_t len);
/* Appends one NUL-terminated field (NULL is an empty field); returns 0 or -GU_ENOMEM. */
int gu_csv_field(gu_csv *w, const char *text);
/* Appends a field the program itself wrote (a date such as 2024-01-02, a
 * count) as it is, for a spreadsheet to read as a date or number; returns
 * 0 or -GU_ENOMEM.  Stored text goes through gu_csv_field. */
int gu_csv_field_value(gu_csv *w, const char *text);
/* Appends an integer field; returns 0 or -GU_ENOMEM. */
int gu_csv_field_long(gu_csv *w, long value);
/* Ends the row: converts and writes it.  Returns 0; -GU_EENCODING when the
 * row could not be encoded (it is left out and recorded); -GU_ENOMEM;
 * -GU_EIO when writing failed. */
int gu_csv_end_row(gu_csv *w);
/* Writes n fields as one row; returns as gu_csv_end_row. */
int gu_csv_row(gu_csv *w, const char *const *fields, size_t n);
/* Flushes the output and reports: returns 0 when every row was written, or
 * -GU_EENCODING (the message names the rows left out), -GU_EIO or -GU_ENOMEM. */
int gu_csv_finish(gu_csv *w, gu_error *err);
/* Returns the memory output and its length in *len (out was NULL). */
const char *gu_csv_data(const gu_csv *w, size_t *len);
/* Returns the number of data rows ended so far. */
size_t gu_csv_rows(const gu_csv *w);
/* Returns the 1-based numbers of the data rows left out (0 = the header), count in *n. */
const size_t *gu_csv_bad_rows(const gu_csv *w, size_t *n);
/* Returns true when text would start a formula in a spreadsheet (=, +, -, @,
 * tab, carriage return, or their full-width forms), so it is written after a '. */
bool gu_csv_needs_guard(const char *text, size_t len);

/* Returns true when text would be read as a number or a date by a
 * spreadsheet (0012345, 1E5, 2024-01-02), so it is written after a '. */
bool gu_csv_looks_numeric(const char *text, size_t len);

#endif
