/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
/* Checking answers against the policy's questions, and writing them back as text. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/date.h"
#include "core/expr.h"
#include "core/i18n.h"
#include "core/idcard.h"
#include "core/keys.h"
#include "core/policy_internal.h"
#include "core/qtype.h"
#include "core/region.h"
#include "core/strbuf.h"
#include "core/township.h"

/* Checks one value for a concrete key; returns 0 or an error (no place). */
int gu_policy_check_value(const gu_policy *p, const char *key,
	const char *value, gu_error *err)
{
	int mno, q = gu_policy_resolve_key(p, key, &mno);

	gu_error_clear(err);
	if (q < 0) {
		const char *s = gu_policy_suggest(p, key);

		if (s && strncmp(s, "member.*.", 9) == 0 && strncmp(key, "member.", 7) == 0) {
			/* Suggest the member key with the member's own number. */
			const char *d = key + 7;
			int n = atoi(d);

			if (n > 0)
				return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
					_("not a key of the answers format; did you mean member.%d.%s?"), n, s + 9);
		}
		if (s)
			return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
				_("not a key of the answers format; did you mean %s?"), s);
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
			_("not a key of the answers format (see the answers contract)"));
	}
	if (mno > GU_MAX_MEMBERS)
		return gu_error_set(err, GU_EANSWERS, NULL, 0, 0,
			_("members are numbered 1 to %d"), GU_MAX_MEMBERS);
	if (strcmp(value, "unknown") == 0)
		return 0;
	return gu_qtype(p->questions[q].type)->check(&p->questions[q], value, err);
}

/* Sets err for answer x with "key: message"; returns the negative code. */
static int answer_error(gu_error *err, const char *filename, const gu_answer *x,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int answer_error(gu_error *err, const char *filename, const gu_answer *x,
	const char *fmt, ...)
{
	char msg[560];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return gu_error_set(err, GU_EANSWERS, filename, x ? x->line : 0, 0, "%s: %s",
		x ? x->key : "", msg);
}

/* Returns the answer to key when it is given and not "unknown", else NULL. */
static const gu_answer *known(const gu_answers *a, const char *key)
{
	const gu_answer *x = gu_answers_find(a, key);

	return x && strcmp(x->value, "unknown") != 0 ? x : NULL;
}

/* Checks that the child's date of birth and sex agree with the ID number. */
static int check_child(const gu_policy *p, const gu_answers *a, const char *filename, gu_error *err)
{
	const gu_answer *id = known(a, GU_KEY_CHILD_ID);
	const gu_answer *dob = known(a, GU_KEY_CHILD_DOB);
	const gu_answer *sex = known(a, GU_KEY_CHILD_SEX);
	const gu_answer *on = known(a, GU_KEY_INTERVIEW_DATE);
	const gu_answer *any_dob = gu_answers_find(a, GU_KEY_CHILD_DOB);
	gu_idcard card;
	bool valid = id && strcmp(id->value, "none") != 0
		&& gu_idcard_parse(id->value, &card) == GU_ID_OK;
	gu_date d, o;
	char buf[16];

	(void)p;
	if (valid && dob && gu_date_parse(dob->value, &d) && gu_date_cmp(d, card.dob) != 0)
		return answer_error(err, filename, dob,
			_("%s does not agree with the date of birth in child.id_number (%s); correct one of them"),
			dob->value, gu_date_format(card.dob, buf));
	if (valid && sex && strcmp(sex->value, card.sex == 'm' ? "male" : "female") != 0)
		return answer_error(err, filename, sex,
			card.sex == 'm' ? _("%s does not agree with child.id_number, whose 17th digit (odd) says male")
				: _("%s does not agree with child.id_number, whose 17th digit (even) says female"),
			sex->value);
	if (!valid && !any_dob) {
		gu_answer fake = { (char *)GU_KEY_CHILD_DOB, (char *)"", 0 };

		return answer_error(err, filename, &fake,
			_("missing: give the date of birth (YYYY-MM-DD) or a valid child.id_number"));
	}
	if (valid && on && gu_date_parse(on->value, &o) && gu_date_cmp(card.dob, o) > 0)
		return answer_error(err, filename, id,
			_("its date of birth (%s) is after interview.date (%s): check the ID number or the interview date"),
			gu_date_format(card.dob, buf), on->value);
	if (dob && on && gu_date_parse(dob->value, &d) && gu_date_parse(on->value, &o)
			&& gu_date_cmp(d, o) > 0)
		return answer_error(err, filename, dob,
			_("%s is after interview.date (%s): the child was not born yet"), dob->value, on->value);
	return 0;
}

/* Checks a whole set of answers; returns 0 or an error at file:line. */
int gu_policy_check_answers(const gu_policy *p, const gu_answers *a,
	const char *filename, gu_error *err)
{
	size_t i;
	int rc;

	gu_error_clear(err);
	for (i = 0; i < a->n; i++) {
		const gu_answer *x = &a->v[i];
		gu_error e;

		if (gu_policy_check_value(p, x->key, x->value, &e) < 0)
			return answer_error(err, filename, x, "%s", e.message);
	}
	for (i = 0; i < p->nquestions; i++) {
		const gu_question *q = &p->questions[i];

		if (q->required && p->qx[i].owner != GU_OWN_MEMBER && !gu_answers_find(a, q->key)) {
			gu_answer fake = { (char *)q->key, (char *)"", 0 };

			return answer_error(err, filename, &fake, "%s",
				_("missing: this answer is required"));
		}
	}
	rc = check_child(p, a, filename, err);
	if (rc)
		return rc;
	return 0;
}

/* Returns NULL when value is a township as the list writes it (a name two
 * counties share with its county before it), else a translated warning in
 * buf: the listed name it is counted as, that its county is missing, or
 * that it is not in the list. */
static const char *township_warning(const char *value, char *buf, size_t size)
{
	const gu_township *t = gu_township_find(NULL, value);
	char example[128];

	if (t && gu_township_shared(t->name)) {
		snprintf(buf, size, _("\"%s\" names a township in more than one county; write its county before it (as %s) so that it is counted in its county"),
			value, gu_township_written(t, example, sizeof example));
		return buf;
	}
	if (t)
		return NULL;
	t = gu_township_canonical(value);
	/* a name two counties share, written with its county: as the picker
	 * writes it */
	if (t && gu_township_shared(t->name))
		return NULL;
	if (t)
		snprintf(buf, size, _("\"%s\" is counted as the listed %s; write the township as the list writes it"),
			value, t->name);
	else if (strcmp(gu_township_counted(value), value) != 0)
		snprintf(buf, size, _("\"%s\" is not in the list of the city's townships and streets; it is kept as written, and counted as %s"),
			value, gu_township_counted(value));
	else
		snprintf(buf, size, _("\"%s\" is not in the list of the city's townships and streets; it is kept as written, and counted apart"),
			value);
	return buf;
}

/* Returns the next warning about a valid answer (see policy.h): 1 or 0. */
int gu_policy_answer_warning(const gu_policy *p, const gu_answers *a,
	const char *filename, size_t *from, gu_error *warn)
{
	size_t i;

	for (i = *from; i < a->n; i++) {
		const gu_answer *x = &a->v[i];
		const gu_question *q = gu_policy_find_question(p, x->key);
		const char *trap = NULL;
		gu_idcard card;
		char why[400];

		if (!q)
			continue;
		if (q->type == GU_Q_CODE)
			trap = gu_region_trap(x->value);
		else if (q->type == GU_Q_IDNUMBER && gu_idcard_parse(x->value, &card) == GU_ID_OK) {
			trap = gu_region_trap(card.region);
			if (!trap)
				trap = gu_region_id_warning(card.region, why, sizeof why);
		}
		else if (q->type == GU_Q_TOWNSHIP && strcmp(x->value, "unknown") != 0)
			trap = township_warning(x->value, why, sizeof why);
		if (trap) {
			*from = i + 1;
			answer_error(warn, filename, x, "%s", trap);
			return 1;
		}
	}
	/* Then the policy's warning checks, counted on past the answers. */
	if (i < a->n)
		i = a->n;
	if (gu_checks_warning(p, a, filename, i - a->n, warn)) {
		*from = i + 1;
		return 1;
	}
	*from = i;
	return 0;
}

/* Appends "key = value\n" to the buffer. */
static void put_line(gu_strbuf *b, const gu_answer *x)
{
	gu_sb_printf(b, "%s = %s\n", x->key, x->value);
}

/* Writes answers as text in question order; returns a malloc'd string or NULL. */
char *gu_policy_format_answers(const gu_policy *p, const gu_answers *a)
{
	gu_strbuf buf = { 0 };
	char *done = calloc(a->n ? a->n : 1, 1);
	size_t i, j;
	int *qof = malloc((a->n ? a->n : 1) * sizeof *qof), *mof = malloc((a->n ? a->n : 1) * sizeof *mof);

	if (!done || !qof || !mof)
		goto fail;
	for (j = 0; j < a->n; j++)
		qof[j] = gu_policy_resolve_key(p, a->v[j].key, &mof[j]);
	i = 0;
	while (i < p->nquestions) {
		size_t run;

		if (p->qx[i].owner != GU_OWN_MEMBER) {
			for (j = 0; j < a->n; j++)
				if (!done[j] && qof[j] == (int)i) {
					put_line(&buf, &a->v[j]);
					done[j] = 1;
				}
			i++;
			continue;
		}
		for (run = i; run < p->nquestions && p->qx[run].owner == GU_OWN_MEMBER
				&& p->questions[run].section == p->questions[i].section; run++)
			;
		for (;;) {
			/* The lowest member number not yet written in this run. */
			int low = 0;

			for (j = 0; j < a->n; j++)
				if (!done[j] && qof[j] >= (int)i && qof[j] < (int)run
						&& (low == 0 || mof[j] < low))
					low = mof[j];
			if (low == 0)
				break;
			for (size_t k = i; k < run; k++)
				for (j = 0; j < a->n; j++)
					if (!done[j] && qof[j] == (int)k && mof[j] == low) {
						put_line(&buf, &a->v[j]);
						done[j] = 1;
					}
		}
		i = run;
	}
	for (j = 0; j < a->n; j++)
		if (!done[j])
			put_line(&buf, &a->v[j]);
	free(done);
	free(qof);
	free(mof);
	return gu_sb_take(&buf);
fail:
	free(buf.s);
	free(done);
	free(qof);
	free(mof);
	return NULL;
}
