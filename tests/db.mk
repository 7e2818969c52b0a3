## SPDX-License-Identifier: GPL-3.0-or-later
## Tests of db: the case store, its errors and faults, a crash, merging,
## the audit chain, purge, encryption and key slots; the store's commands
## and safe writer (included by tests/local.mk).  A Criterion suite is one
## line, built from tests/NAME.c.
EXTRA_DIST += tests/test_db_util.h tests/test_crypt_util.h
CTESTS += tests/test_db
CTESTS += tests/test_case_worker
CTESTS += tests/test_case_columns
CTESTS += tests/test_db_errors
CTESTS += tests/test_faults
CTESTS += tests/test_crash
CTESTS += tests/test_audit_chain
CTESTS += tests/test_purge
CTESTS += tests/test_crypt
## merging laptops' databases needs the session extension's declarations
CTESTS += tests/test_db_merge
tests_test_db_merge_CFLAGS = $(AM_CFLAGS) -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK
## key slots with cheap key derivation, so that the tests run in seconds
CTESTS += tests/test_keyslot
tests_test_keyslot_SOURCES = tests/test_keyslot.c tests/keyslot_cheap.c
CTESTS += tests/test_crypt_store
tests_test_crypt_store_SOURCES = tests/test_crypt_store.c tests/keyslot_cheap.c

TESTS += tests/test_db_cli.sh tests/test_safety.sh tests/test_privacy_cli.sh
EXTRA_DIST += tests/test_db_cli.sh tests/test_safety.sh tests/test_privacy_cli.sh

## make bench: saving one answer, opening, and size, on 100,000 cases.
check_PROGRAMS += tests/bench_db
tests_bench_db_LDADD = $(GU_LIBS)
BENCHES += tests/bench_db tests/bench_size.sh
## make bench: a county's 20,000 cases made by guanai import, warm and cold.
check_PROGRAMS += tests/bench_county
tests_bench_county_LDADD = $(GU_LIBS)
BENCHES += tests/bench_county
EXTRA_DIST += tests/bench_size.sh
clean-local: clean-bench-db
clean-bench-db:
	-rm -rf tests/bench-db
.PHONY: clean-bench-db
CTESTS += tests/test_reports
CTESTS += tests/test_reports_open
CTESTS += tests/test_explain_rebuild
CTESTS += tests/test_prefill
CTESTS += tests/test_family
