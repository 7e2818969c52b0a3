## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of tui: text width, the interview screens driven by key scripts
## (included by tests/local.mk).  A Criterion suite is one line.
CTESTS += tests/test_text

## The interview screens driven by key scripts: golden screens at two sizes
## in both languages, and whole interviews checked in the database.
check_PROGRAMS += tests/test_tui_dbdump tests/test_tui_lock
tests_test_tui_lock_LDADD = $(GU_LIBS)
TESTS += tests/test_tui.sh tests/test_tui_flow.sh tests/test_city40.sh tests/test_tui_keep.sh
EXTRA_DIST += tests/test_tui.sh tests/test_tui_flow.sh tests/golden_checks.sh tests/tui-scripts tests/golden \
	tests/test_city40.sh tests/city40 tests/test_tui_keep.sh

## make bench: start-up, memory and key latency beside dialog.
check_PROGRAMS += tests/bench_tui
tests_bench_tui_SOURCES = tests/bench_tui.c
tests_bench_tui_LDADD = -lutil
BENCHES += tests/bench_tui
