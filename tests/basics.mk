## SPDX-License-Identifier: GPL-3.0-or-later
## tests for basics (included by tests/local.mk)
if HAVE_CRITERION
check_PROGRAMS += tests/test_date tests/test_idcard tests/test_region
tests_test_date_SOURCES = tests/test_date.c
tests_test_date_CFLAGS = $(TEST_CFLAGS)
tests_test_date_LDADD = $(TEST_LIBS)
tests_test_idcard_SOURCES = tests/test_idcard.c
tests_test_idcard_CFLAGS = $(TEST_CFLAGS)
tests_test_idcard_LDADD = $(TEST_LIBS)
tests_test_region_SOURCES = tests/test_region.c
tests_test_region_CFLAGS = $(TEST_CFLAGS)
tests_test_region_LDADD = $(TEST_LIBS)
TESTS += tests/test_date tests/test_idcard tests/test_region
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_csv
tests_test_csv_SOURCES = tests/test_csv.c
tests_test_csv_CFLAGS = $(TEST_CFLAGS)
tests_test_csv_LDADD = $(TEST_LIBS)
TESTS += tests/test_csv
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_pinyin
tests_test_pinyin_SOURCES = tests/test_pinyin.c
tests_test_pinyin_CFLAGS = $(TEST_CFLAGS)
tests_test_pinyin_LDADD = $(TEST_LIBS)
TESTS += tests/test_pinyin
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_settings
tests_test_settings_SOURCES = tests/test_settings.c
tests_test_settings_CFLAGS = $(TEST_CFLAGS)
tests_test_settings_LDADD = $(TEST_LIBS)
TESTS += tests/test_settings
endif
