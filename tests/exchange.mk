## SPDX-License-Identifier: GPL-3.0-or-later
## tests of the exchange between laptops and their office (docs/exchange.md)
CTESTS += tests/test_exchange_sim
CTESTS += tests/test_conflicts_real
CTESTS += tests/test_duplicates
CTESTS += tests/test_exchange_policy
CTESTS += tests/test_exchange_migrate
TESTS += tests/test_exchange.sh tests/test_office_screens.sh tests/test_exchange_policy.sh \
	tests/test_exchange_walk.sh tests/test_office_worker.sh tests/test_case_row.sh \
	tests/test_hand_over.sh
EXTRA_DIST += tests/test_exchange.sh tests/test_office_screens.sh tests/test_exchange_policy.sh \
	tests/test_exchange_walk.sh tests/test_office_worker.sh tests/test_case_row.sh \
	tests/test_hand_over.sh tests/office-scripts \
	tests/golden/office

## make bench: receiving 300 laptops' bundles beside import, a bundle's
## size per case, send with 500 cases.
check_PROGRAMS += tests/bench_exchange
tests_bench_exchange_LDADD = $(GU_LIBS)
BENCHES += tests/bench_exchange
clean-local: clean-bench-exchange
clean-bench-exchange:
	-rm -rf tests/bench-exchange
.PHONY: clean-bench-exchange
