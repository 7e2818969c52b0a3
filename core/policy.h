/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy file: one version of a city's list of care services, with
 * its questions, local parameters, group definitions and per-item rules.
 * Loaded and fully validated at start-up (docs/policy-format.md). */
#ifndef GUANAI_CORE_POLICY_H
#define GUANAI_CORE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include "core/answers.h"
#include "core/error.h"

typedef struct gu_policy gu_policy;

enum gu_qtype {
	GU_Q_TEXT,      /* free text */
	GU_Q_DATE,      /* YYYY-MM-DD */
	GU_Q_CHOICE,    /* one of choices */
	GU_Q_MULTI,     /* comma-separated subset of choices, "" for none */
	GU_Q_YESNO,     /* yes / no */
	GU_Q_INTEGER,   /* decimal, between min and max */
	GU_Q_CODE,      /* 6-digit county-level region code, or none when allowed */
	GU_Q_IDNUMBER,  /* 18-character resident ID number, or none */
	GU_Q_PHONE,     /* a phone number: digits, spaces, + and - */
	GU_Q_TOWNSHIP,  /* a township or street, picked from its county's list (core/township.h) */
	GU_Q_COUNT      /* the number of types: each has a row in core/qtype.c and tui/widget_field.c */
};

typedef struct gu_choice {
	const char *value;               /* "migrant" */
	const char *label_zh, *label_en; /* "外出务工", "working away" */
} gu_choice;

typedef struct gu_section {
	const char *id;                  /* "child", "hukou", "parents", ... */
	const char *title_zh, *title_en;
	const char *intro_zh, *intro_en; /* said before its first question, or NULL */
} gu_section;

typedef struct gu_question {
	const char *key;        /* "child.dob"; person questions use a pattern: "member.*.age" */
	enum gu_qtype type;
	size_t section;         /* index into the sections */
	const char *label_zh, *label_en;
	const char *help_zh, *help_en;
	const char *ask_zh, *ask_en;       /* F1: a plain question to say aloud, or NULL */
	const char *counts_zh, *counts_en; /* F1: what counts as yes (or as each answer), or NULL */
	const char *proof_zh, *proof_en;   /* F1: where it can be checked (户口簿, 残疾证), or NULL */
	const gu_choice *choices;
	size_t nchoices;
	long min, max;          /* GU_Q_INTEGER bounds */
	bool required;          /* interview.date, child.dob without an ID number */
	bool allow_none;        /* GU_Q_CODE and GU_Q_IDNUMBER accept "none" */
	bool is_person;         /* asked once per person (member.N, father, mother) */
	int line;               /* where it is defined in the policy file */
} gu_question;

typedef struct gu_item {
	int number;                         /* 1 .. the policy's item count */
	const char *group_id;               /* "early", "education", "health", "housing", "vulnerable", "development" */
	const char *group_zh, *group_en;    /* 幼有所育 ... */
	const char *target_zh, *target_en;  /* 服务对象 */
	const char *name_zh, *name_en;      /* 服务项目, shared by several items in a city's list */
	const char *short_zh, *short_en;    /* a short form of the target ("流动儿童入学"), or NULL */
	const char *shown_zh, *shown_en;    /* the name with its short form ("义务教育服务 · 流动儿童入学") */
	const char *content_zh, *content_en;/* 服务内容 */
	const char *depts_zh, *depts_en;    /* 牵头部门 */
	const char *source;                 /* the source text its rule implements */
	int line;
} gu_item;

/* Loads and validates a policy file; returns 0, or a negative code with
 * err->where "file:line:column" and a translated message. */
int gu_policy_load_file(const char *path, gu_policy **out, gu_error *err);
/* As gu_policy_load_file, from text in memory; name is used in messages. */
int gu_policy_load_text(const char *name, const char *text, size_t len,
	gu_policy **out, gu_error *err);
/* Frees a policy; NULL is allowed. */
void gu_policy_free(gu_policy *p);

/* Return the policy's id ("chaoyang-2024"), version, effective date,
 * file name and the SHA-256 of its bytes as 64 hex digits. */
const char *gu_policy_id(const gu_policy *p);
const char *gu_policy_version(const gu_policy *p);
const char *gu_policy_effective(const gu_policy *p);
const char *gu_policy_name(const gu_policy *p);
const char *gu_policy_hash(const gu_policy *p);
/* Returns the policy's text as it was loaded (the bytes its hash is of),
 * NUL-terminated. */
const char *gu_policy_text(const gu_policy *p);
/* Returns the policy's title (title_zh or title_en, by the language in
 * effect), or "". */
const char *gu_policy_title(const gu_policy *p);
/* Sets *out to the whole-number parameter name (param blocks); returns 0,
 * or -1 when the policy has no such parameter or it is not a number. */
int gu_policy_param_long(const gu_policy *p, const char *name, long *out);
/* Returns parameter name's value as written ("{a, b}" for a set), or NULL
 * when there is no such parameter. */
const char *gu_policy_param_text(const gu_policy *p, const char *name);

/* A unit a mandatory report goes to, of one township: a police station
 * (kind "police") or a school or education office (kind "education"). */
typedef struct gu_report_unit {
	const char *id, *kind, *township, *zh, *en;
} gu_report_unit;
/* The units of the policy's unit blocks, in the file's order. */
size_t gu_policy_unit_count(const gu_policy *p);
const gu_report_unit *gu_policy_unit(const gu_policy *p, size_t i);

/* Items in ascending number. */
size_t gu_policy_item_count(const gu_policy *p);
const gu_item *gu_policy_item(const gu_policy *p, size_t i);
/* Returns the item with that number, or NULL. */
const gu_item *gu_policy_item_by_number(const gu_policy *p, int number);

/* Returns the name an item is shown by, in the language in effect: its
 * name, followed by " · " and its short form when it has one, so that
 * items sharing a name are told apart; "" for NULL. */
const char *gu_item_name(const gu_item *it);

/* The county-level codes the region picker offers (the header's
 * "counties:"), in the order it shows them. */
size_t gu_policy_county_count(const gu_policy *p);
const char *gu_policy_county(const gu_policy *p, size_t i);

/* Sections and questions in the order they are asked. */
size_t gu_policy_section_count(const gu_policy *p);
const gu_section *gu_policy_section(const gu_policy *p, size_t i);
size_t gu_policy_question_count(const gu_policy *p);
const gu_question *gu_policy_question(const gu_policy *p, size_t i);
/* Returns the question a concrete key belongs to ("member.3.age" finds
 * "member.*.age"), or NULL for a key the policy does not know. */
const gu_question *gu_policy_find_question(const gu_policy *p, const char *key);

/* Checks one value for a concrete key: known key, type, allowed choices,
 * range, date, ID number check character, region code.  Returns 0, or a
 * negative code with a translated message in err (no place set). */
int gu_policy_check_value(const gu_policy *p, const char *key,
	const char *value, gu_error *err);
/* Checks a whole set of answers (each value, and that they agree: the date
 * of birth with the ID number, interview.date present).  err->where is
 * "file:line" of the first bad answer, and the message starts "key: ". */
int gu_policy_check_answers(const gu_policy *p, const gu_answers *a,
	const char *filename, gu_error *err);

/* Finds the next answer at or after index *from (into a->v) that is valid
 * but deserves a warning: a region code, or an ID number's region, that is
 * a known trap (110105 is Beijing's Chaoyang District, not Chaoyang City);
 * past the last answer, each of the policy's warning checks that holds
 * (core/checks.h), placed at the last answer it reads.  Returns 1 with the warning in warn ("file:line", "key: message") and
 * *from moved past it, or 0 when there is no further warning. */
int gu_policy_answer_warning(const gu_policy *p, const gu_answers *a,
	const char *filename, size_t *from, gu_error *warn);

/* Writes answers as answers-file text in the policy's question order (one
 * "key = value" line each, unknown keys last in their own order); returns a
 * malloc'd string or NULL when out of memory. */
char *gu_policy_format_answers(const gu_policy *p, const gu_answers *a);

#endif
