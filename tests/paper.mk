## SPDX-License-Identifier: GPL-3.0-or-later
## tests for paper: sheets, their record (included by tests/local.mk)
if HAVE_CRITERION
check_PROGRAMS += tests/test_sheet
tests_test_sheet_SOURCES = tests/test_sheet.c
tests_test_sheet_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_sheet_LDADD = $(TEST_LIBS)
TESTS += tests/test_sheet
endif
TESTS += tests/test_sheet_browser.sh
EXTRA_DIST += tests/test_sheet_browser.sh
if HAVE_CRITERION
check_PROGRAMS += tests/test_referral
tests_test_referral_SOURCES = tests/test_referral.c
tests_test_referral_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_referral_LDADD = $(TEST_LIBS)
TESTS += tests/test_referral
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_dashboard_dates
tests_test_dashboard_dates_SOURCES = tests/test_dashboard_dates.c
tests_test_dashboard_dates_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_dashboard_dates_LDADD = $(TEST_LIBS)
TESTS += tests/test_dashboard_dates
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_closure
tests_test_closure_SOURCES = tests/test_closure.c
tests_test_closure_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_closure_LDADD = $(TEST_LIBS)
TESTS += tests/test_closure
endif
