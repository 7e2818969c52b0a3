## SPDX-License-Identifier: GPL-3.0-or-later
## tests for policy (included by tests/local.mk)
if HAVE_CRITERION
check_PROGRAMS += tests/test_policy
tests_test_policy_SOURCES = tests/test_policy.c tests/test_policy_util.h
tests_test_policy_CFLAGS = $(TEST_CFLAGS)
tests_test_policy_LDADD = $(TEST_LIBS)
TESTS += tests/test_policy
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_expr
tests_test_expr_SOURCES = tests/test_expr.c tests/test_policy_util.h
tests_test_expr_CFLAGS = $(TEST_CFLAGS)
tests_test_expr_LDADD = $(TEST_LIBS)
TESTS += tests/test_expr
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_eval
tests_test_eval_SOURCES = tests/test_eval.c tests/test_policy_util.h
tests_test_eval_CFLAGS = $(TEST_CFLAGS)
tests_test_eval_LDADD = $(TEST_LIBS)
TESTS += tests/test_eval
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_plan
tests_test_plan_SOURCES = tests/test_plan.c tests/test_policy_util.h
tests_test_plan_CFLAGS = $(TEST_CFLAGS)
tests_test_plan_LDADD = $(TEST_LIBS)
TESTS += tests/test_plan
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_policy_answers
tests_test_policy_answers_SOURCES = tests/test_policy_answers.c tests/test_policy_util.h
tests_test_policy_answers_CFLAGS = $(TEST_CFLAGS)
tests_test_policy_answers_LDADD = $(TEST_LIBS)
TESTS += tests/test_policy_answers
endif

## The fuzz targets, each replayed over its corpus in make check and built
## for libFuzzer with --enable-fuzzing (clang): the policy reader and rule
## compiler; and answers (parse, check, evaluate, write back, parse again).
FUZZ_LIBS = core/libcore.a $(LIBINTL) $(LIBICONV)
FUZZ_MAIN = -fsanitize=fuzzer,address,undefined
check_PROGRAMS += tests/fuzz_replay tests/fuzz_replay_answers
tests_fuzz_replay_SOURCES = tests/fuzz_replay.c tests/fuzz_policy.c
tests_fuzz_replay_LDADD = $(FUZZ_LIBS)
tests_fuzz_replay_answers_SOURCES = tests/fuzz_replay.c tests/fuzz_answers.c
tests_fuzz_replay_answers_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_CORPUS=\"answers-corpus\"
tests_fuzz_replay_answers_LDADD = $(FUZZ_LIBS)
TESTS += tests/fuzz_replay tests/fuzz_replay_answers
EXTRA_DIST += tests/fuzz/corpus tests/fuzz/answers-corpus
if ENABLE_FUZZING
noinst_PROGRAMS += tests/fuzz_policy tests/fuzz_answers
tests_fuzz_policy_SOURCES = tests/fuzz_policy.c
tests_fuzz_policy_CFLAGS = $(AM_CFLAGS) $(FUZZ_MAIN)
tests_fuzz_policy_LDFLAGS = $(FUZZ_MAIN)
tests_fuzz_policy_LDADD = $(FUZZ_LIBS)
tests_fuzz_answers_SOURCES = tests/fuzz_answers.c
tests_fuzz_answers_CFLAGS = $(AM_CFLAGS) $(FUZZ_MAIN)
tests_fuzz_answers_LDFLAGS = $(FUZZ_MAIN)
tests_fuzz_answers_LDADD = $(FUZZ_LIBS)
endif

## make bench: policy load time, evaluations per second, screen beside cat.
check_PROGRAMS += tests/bench_eval
tests_bench_eval_SOURCES = tests/bench_eval.c
tests_bench_eval_LDADD = core/libcore.a $(LIBINTL) $(LIBICONV)
BENCHES += tests/bench_eval tests/bench_screen.sh
EXTRA_DIST += tests/bench_screen.sh

## Frozen households and their expected screening.
TESTS += tests/test_profiles.sh
EXTRA_DIST += tests/test_profiles.sh tests/profiles

## The policy's checks (core/checks.c), each triggered by a changed family.
if HAVE_CRITERION
check_PROGRAMS += tests/test_checks
tests_test_checks_SOURCES = tests/test_checks.c tests/test_policy_util.h
tests_test_checks_CFLAGS = $(TEST_CFLAGS)
tests_test_checks_LDADD = $(TEST_LIBS)
TESTS += tests/test_checks
endif
