## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of the supervision screens (included by tests/local.mk): a
## program that fills a database with users and cases, and golden screens.
check_PROGRAMS += tests/screens_seed
tests_screens_seed_SOURCES = tests/screens_seed.c tests/keyslot_cheap.c
tests_screens_seed_LDADD = $(GU_LIBS)

TESTS += tests/test_screens.sh tests/test_keys.sh tests/test_drafts_list.sh
EXTRA_DIST += tests/test_screens.sh tests/screens-scripts tests/golden/screens tests/test_keys.sh \
	tests/test_drafts_list.sh
