## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of supervision and follow-up: users and roles, access rules, case
## search, review decisions, the dashboard, re-screening and the CSV export,
## with their commands and benchmark.

EXTRA_DIST += tests/test_supervise_util.h
if HAVE_CRITERION
check_PROGRAMS += tests/test_auth
tests_test_auth_SOURCES = tests/test_auth.c
tests_test_auth_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_auth_LDADD = $(TEST_LIBS)
TESTS += tests/test_auth
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_supervise
tests_test_supervise_SOURCES = tests/test_supervise.c
tests_test_supervise_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_supervise_LDADD = $(TEST_LIBS)
TESTS += tests/test_supervise
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_search
tests_test_search_SOURCES = tests/test_search.c
tests_test_search_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_search_LDADD = $(TEST_LIBS)
TESTS += tests/test_search
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_export
tests_test_export_SOURCES = tests/test_export.c
tests_test_export_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_export_LDADD = $(TEST_LIBS)
TESTS += tests/test_export
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_rescreen
tests_test_rescreen_SOURCES = tests/test_rescreen.c
tests_test_rescreen_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_rescreen_LDADD = $(TEST_LIBS)
TESTS += tests/test_rescreen
endif
TESTS += tests/test_supervise_cli.sh
EXTRA_DIST += tests/test_supervise_cli.sh
## make bench: the case list, search keystrokes and the dashboard on
## 100,000 cases, beside the sqlite3 shell.
check_PROGRAMS += tests/bench_supervise
tests_bench_supervise_SOURCES = tests/bench_supervise.c
tests_bench_supervise_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_bench_supervise_LDADD = db/libdb.a core/libcore.a $(SQLITE_LIBS) $(SODIUM_LIBS) \
	$(LIBINTL) $(LIBICONV)
BENCHES += tests/bench_supervise
if HAVE_CRITERION
check_PROGRAMS += tests/test_cases_csv
tests_test_cases_csv_SOURCES = tests/test_cases_csv.c tui/cases_csv.c tui/login_cli.c \
	tui/options.c tui/locale.c
tests_test_cases_csv_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_cases_csv_LDADD = $(TEST_LIBS)
TESTS += tests/test_cases_csv
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_supervise_access
tests_test_supervise_access_SOURCES = tests/test_supervise_access.c
tests_test_supervise_access_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_supervise_access_LDADD = $(TEST_LIBS)
TESTS += tests/test_supervise_access
endif

## guanai report: a case's mandatory reports from the command line.
TESTS += tests/test_report_cli.sh
EXTRA_DIST += tests/test_report_cli.sh
TESTS += tests/test_export_stale.sh
EXTRA_DIST += tests/test_export_stale.sh
