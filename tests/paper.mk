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
