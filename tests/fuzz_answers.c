/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: an answers file through everything guanai does with one.
 * The input is parsed; when it parses, it is checked against the city's
 * policy and evaluated, then written back as an answers file, and that text
 * must parse again into exactly the same answers (a worker's export, fed to
 * import, must give back the case).  A difference aborts, as a crash does. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers.h"
#include "core/eval.h"
#include "core/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns the policy the answers are checked with, loaded once (NULL when
 * it cannot be: then only the parser and the round trip are exercised). */
static const gu_policy *policy(void)
{
	static gu_policy *p;
	static int tried;
	const char *env = getenv("GUANAI_POLICY");
	gu_error err;

	if (!tried) {
		tried = 1;
		if (gu_policy_load_file(env && *env ? env : TOP_SRCDIR "/data/chaoyang-2024.policy",
				&p, &err) < 0) {
			fprintf(stderr, "fuzz_answers: %s\n", err.message);
			p = NULL;
		}
	}
	return p;
}

/* Stops the run when b does not hold exactly the answers of a. */
static void require_same(const gu_answers *a, const gu_answers *b, const char *text)
{
	size_t i;

	if (a->n != b->n) {
		fprintf(stderr, "round trip: %zu answers became %zu:\n%s", a->n, b->n, text);
		abort();
	}
	for (i = 0; i < a->n; i++) {
		const char *v = gu_answers_get(b, a->v[i].key);

		if (!v || strcmp(v, a->v[i].value) != 0) {
			fprintf(stderr, "round trip: %s = \"%s\" became \"%s\":\n%s", a->v[i].key,
				a->v[i].value, v ? v : "(missing)", text);
			abort();
		}
	}
}

/* Parses, checks, evaluates, writes back and parses again; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gu_policy *p = policy();
	gu_answers a, again;
	gu_results r;
	gu_error err;
	char *text = NULL;

	if (gu_answers_parse((const char *)data, size, "f.answers", &a, &err) < 0)
		return 0;
	gu_answers_init(&again);
	if (p) {
		(void)gu_policy_check_answers(p, &a, "f.answers", &err);
		if (gu_evaluate(p, &a, &r, &err) == 0)
			gu_results_free(&r);
		text = gu_policy_format_answers(p, &a);
		if (!text)
			goto cleanup;
		gu_answers_free(&again);
		if (gu_answers_parse(text, strlen(text), "again.answers", &again, &err) < 0) {
			fprintf(stderr, "round trip: the written answers do not parse (%s):\n%s",
				err.message, text);
			abort();
		}
		require_same(&a, &again, text);
	}
cleanup:
	free(text);
	gu_answers_free(&again);
	gu_answers_free(&a);
	return 0;
}
