/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The answer widgets: one per question type, all behind one field type.
 * A field holds the value being edited, knows how to draw itself in a
 * rectangle and how to take a key, and produces the answer text. */
#ifndef GUANAI_TUI_WIDGET_H
#define GUANAI_TUI_WIDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/policy.h"
#include "tui/input.h"
#include "tui/layout.h"

/* A one-line text editor over UTF-8 bytes; the cursor sits on a
 * character boundary and moves by characters. */
typedef struct gu_edit {
	char buf[400];
	size_t len, cur;
	size_t max;       /* bytes allowed (< sizeof buf) */
	int scroll;       /* first column shown */
	bool selected;    /* the text given is selected: typing replaces it */
} gu_edit;

/* Makes e hold s (cut to max bytes at a character boundary), selected:
 * the first character typed replaces it, as a line editor's selection. */
void gu_edit_set(gu_edit *e, const char *s, size_t max);
/* Takes an editing key; accept (may be NULL) says whether a character may
 * be typed.  Returns true when the key was used. */
bool gu_edit_key(gu_edit *e, const gu_key *k, bool (*accept)(wint_t c));
/* Draws e at y, x in w columns and, when focus, puts the cursor there. */
void gu_edit_draw(gu_edit *e, int y, int x, int w, bool focus);

/* What a key did to a field. */
enum gu_field_res {
	GU_FIELD_IGNORED = 0,   /* not a key for the field: the screen may use it */
	GU_FIELD_CHANGED,       /* used; redraw */
	GU_FIELD_CONFIRM        /* the answer is given: check and save it */
};

#define GU_FIELD_MAXROWS 64

typedef struct gu_field {
	const gu_policy *pol;
	const gu_question *q;
	char key[64];
	char on_date[11];       /* interview.date, for ages; "" when unknown */
	int cur;                /* highlighted row of a list */
	int top;                /* first row shown of a list */
	uint64_t mask;          /* multi-choice: chosen rows */
	bool unknown;           /* the answer is "unknown" */
	bool typing;            /* county: the code line has focus; township: "other" is chosen */
	bool touched;           /* a list: an answer is chosen (given, suggested or picked) */
	gu_edit ed;
	char err[640];          /* the last validation error, translated */
	int list_rows;          /* rows the list had when last drawn */
	int county;             /* township: the county chosen (1 = the first listed), 0 the whole city */
	char hidden[19];        /* ID number: the saved whole number, kept but not shown
	                           to a session that may not see it (db/id_rule.h); "" */
} gu_field;

/* Sets f up for question q at the concrete key, showing value (NULL when
 * not answered yet; "unknown" allowed). */
void gu_field_init(gu_field *f, const gu_policy *pol, const gu_question *q,
	const char *key, const char *value, const char *on_date);
/* Takes a key; returns what it did. */
enum gu_field_res gu_field_key(gu_field *f, const gu_key *k);
/* Draws the field inside r; returns the rows used. */
int gu_field_draw(gu_field *f, const gu_rect *r);
/* Writes the answer text into buf; returns 0, or -1 with f->err set when
 * nothing usable is entered yet. */
int gu_field_value(gu_field *f, char *buf, size_t size);
/* Hides the saved whole ID number of an ID number field: it shows masked,
 * Enter keeps it and typing replaces it. */
void gu_field_hide_saved_id(gu_field *f);
/* Sets f to unknown ("unknown" is always one key away). */
void gu_field_set_unknown(gu_field *f);
/* Returns true when typed letters go into the field (free text), so the
 * screen must not take them as commands. */
bool gu_field_takes_letters(const gu_field *f);

/* The per-type parts, in widget_*.c. */
enum gu_field_res gu_choice_key(gu_field *f, const gu_key *k);
int gu_choice_draw(gu_field *f, const gu_rect *r);
int gu_choice_value(gu_field *f, char *buf, size_t size);
void gu_choice_init(gu_field *f, const char *value);
int gu_choice_rows(const gu_field *f);
const char *gu_choice_label(const gu_field *f, int row);

enum gu_field_res gu_date_key(gu_field *f, const gu_key *k);
int gu_date_draw(gu_field *f, const gu_rect *r);

enum gu_field_res gu_idnum_key(gu_field *f, const gu_key *k);
int gu_idnum_draw(gu_field *f, const gu_rect *r);

enum gu_field_res gu_county_key(gu_field *f, const gu_key *k);
int gu_county_draw(gu_field *f, const gu_rect *r);
int gu_county_value(gu_field *f, char *buf, size_t size);
void gu_county_init(gu_field *f, const char *value);

enum gu_field_res gu_township_key(gu_field *f, const gu_key *k);
int gu_township_draw(gu_field *f, const gu_rect *r);
int gu_township_value(gu_field *f, char *buf, size_t size);
void gu_township_init(gu_field *f, const char *value);

enum gu_field_res gu_int_key(gu_field *f, const gu_key *k);
int gu_int_draw(gu_field *f, const gu_rect *r);

enum gu_field_res gu_text_key(gu_field *f, const gu_key *k);
int gu_text_draw(gu_field *f, const gu_rect *r);

/* Writes the name of a region code in the current language into buf (its
 * province alone when the county is not in the table); returns buf, or
 * NULL when the code names no known province. */
const char *gu_region_words(const char *code, char *buf, size_t size);

/* Draws the one-line "unknown" marker or the error under a field at row y;
 * returns rows used. */
int gu_field_draw_footer(gu_field *f, int y, int x, int w);

#endif
