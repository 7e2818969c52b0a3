## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of the supervision screens (included by Makefile.am): a
## program that fills a database with users and cases, and golden screens.
check_PROGRAMS += tests/screens_seed
tests_screens_seed_SOURCES = tests/screens_seed.c tests/keyslot_cheap.c
tests_screens_seed_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_screens_seed_LDADD = db/libdb.a core/libcore.a $(SQLITE_LIBS) $(SODIUM_LIBS) \
	$(LIBINTL) $(LIBICONV)

TESTS += tests/test_screens.sh
EXTRA_DIST += tests/test_screens.sh tests/screens-scripts tests/golden/screens
