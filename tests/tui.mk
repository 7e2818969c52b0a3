## SPDX-License-Identifier: GPL-3.0-or-later
## tests for tui (included by tests/local.mk)
if HAVE_CRITERION
check_PROGRAMS += tests/test_text
tests_test_text_SOURCES = tests/test_text.c
tests_test_text_CFLAGS = $(TEST_CFLAGS)
tests_test_text_LDADD = $(TEST_LIBS)
TESTS += tests/test_text
endif

## The interview screens driven by key scripts: golden screens at two sizes
## in both languages, and whole interviews checked in the database.
check_PROGRAMS += tests/test_tui_dbdump tests/test_tui_lock
tests_test_tui_dbdump_SOURCES = tests/test_tui_dbdump.c
tests_test_tui_dbdump_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_test_tui_dbdump_LDADD = $(TEST_LIBS)
tests_test_tui_lock_SOURCES = tests/test_tui_lock.c
tests_test_tui_lock_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_test_tui_lock_LDADD = $(TEST_LIBS)
TESTS += tests/test_tui.sh tests/test_tui_flow.sh tests/test_city40.sh
EXTRA_DIST += tests/test_tui.sh tests/test_tui_flow.sh tests/golden_checks.sh tests/tui-scripts tests/golden \
	tests/test_city40.sh tests/city40

## make bench: start-up, memory and key latency beside dialog.
check_PROGRAMS += tests/bench_tui
tests_bench_tui_SOURCES = tests/bench_tui.c
tests_bench_tui_LDADD = -lutil
BENCHES += tests/bench_tui
