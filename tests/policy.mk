## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of the policy: the file, expressions, evaluation, the plan, answers
## (included by tests/local.mk).  A Criterion suite is one line, built from
## tests/NAME.c.
EXTRA_DIST += tests/test_policy_util.h
CTESTS += tests/test_policy
CTESTS += tests/test_expr
CTESTS += tests/test_eval
CTESTS += tests/test_plan
CTESTS += tests/test_policy_answers

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

## make bench: the screens of a full interview of each family, before and now.
check_PROGRAMS += tests/bench_screens
tests_bench_screens_SOURCES = tests/bench_screens.c
tests_bench_screens_LDADD = core/libcore.a $(LIBINTL) $(LIBICONV)
BENCHES += tests/bench_screens
EXTRA_DIST += tests/bench_screen.sh

## Frozen households and their expected screening.
TESTS += tests/test_profiles.sh
EXTRA_DIST += tests/test_profiles.sh tests/profiles

## The policy's checks (core/checks.c), each triggered by a changed family.
CTESTS += tests/test_checks
