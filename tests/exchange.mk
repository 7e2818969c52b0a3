## SPDX-License-Identifier: GPL-3.0-or-later
## tests of the exchange between laptops and their office (docs/exchange.md)
if HAVE_CRITERION
check_PROGRAMS += tests/test_exchange_sim
tests_test_exchange_sim_SOURCES = tests/test_exchange_sim.c tests/test_db_util.h
tests_test_exchange_sim_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS)
tests_test_exchange_sim_LDADD = $(TEST_LIBS)
TESTS += tests/test_exchange_sim
endif
TESTS += tests/test_exchange.sh
EXTRA_DIST += tests/test_exchange.sh
