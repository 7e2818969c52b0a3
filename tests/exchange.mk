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

## make bench: receiving 300 laptops' bundles beside import, a bundle's
## size per case, send with 500 cases.
check_PROGRAMS += tests/bench_exchange
tests_bench_exchange_SOURCES = tests/bench_exchange.c
tests_bench_exchange_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_bench_exchange_LDADD = db/libdb.a core/libcore.a $(SQLITE_LIBS) $(SODIUM_LIBS) \
	$(LIBINTL) $(LIBICONV)
BENCHES += tests/bench_exchange
clean-local: clean-bench-exchange
clean-bench-exchange:
	-rm -rf tests/bench-exchange
.PHONY: clean-bench-exchange
