## SPDX-License-Identifier: GPL-3.0-or-later
## tests for db (included by tests/local.mk)
EXTRA_DIST += tests/test_db_util.h tests/test_crypt_util.h
if HAVE_CRITERION
check_PROGRAMS += tests/test_db
tests_test_db_SOURCES = tests/test_db.c tests/test_db_util.h
tests_test_db_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS)
tests_test_db_LDADD = $(TEST_LIBS)
TESTS += tests/test_db
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_db_errors
tests_test_db_errors_SOURCES = tests/test_db_errors.c
tests_test_db_errors_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS)
tests_test_db_errors_LDADD = $(TEST_LIBS)
TESTS += tests/test_db_errors
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_faults
tests_test_faults_SOURCES = tests/test_faults.c
tests_test_faults_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_faults_LDADD = $(TEST_LIBS)
TESTS += tests/test_faults
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_crash
tests_test_crash_SOURCES = tests/test_crash.c
tests_test_crash_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_crash_LDADD = $(TEST_LIBS)
TESTS += tests/test_crash
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_db_merge
tests_test_db_merge_SOURCES = tests/test_db_merge.c
tests_test_db_merge_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) \
	-DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK
tests_test_db_merge_LDADD = $(TEST_LIBS)
TESTS += tests/test_db_merge
endif
TESTS += tests/test_db_cli.sh tests/test_safety.sh
EXTRA_DIST += tests/test_db_cli.sh tests/test_safety.sh

## make bench: saving one answer, opening, and size, on 100,000 cases.
check_PROGRAMS += tests/bench_db
tests_bench_db_SOURCES = tests/bench_db.c
tests_bench_db_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_bench_db_LDADD = db/libdb.a core/libcore.a $(SQLITE_LIBS) $(SODIUM_LIBS) \
	$(LIBINTL) $(LIBICONV)
BENCHES += tests/bench_db
clean-local: clean-bench-db
clean-bench-db:
	-rm -rf tests/bench-db
.PHONY: clean-bench-db
if HAVE_CRITERION
check_PROGRAMS += tests/test_audit_chain
tests_test_audit_chain_SOURCES = tests/test_audit_chain.c
tests_test_audit_chain_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_audit_chain_LDADD = $(TEST_LIBS)
TESTS += tests/test_audit_chain
endif
TESTS += tests/test_privacy_cli.sh
EXTRA_DIST += tests/test_privacy_cli.sh
## guanai purge: retention of closed cases (db/purge.c).
if HAVE_CRITERION
check_PROGRAMS += tests/test_purge
tests_test_purge_SOURCES = tests/test_purge.c
tests_test_purge_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_purge_LDADD = $(TEST_LIBS)
TESTS += tests/test_purge
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_crypt
tests_test_crypt_SOURCES = tests/test_crypt.c
tests_test_crypt_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_crypt_LDADD = $(TEST_LIBS)
TESTS += tests/test_crypt
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_keyslot
tests_test_keyslot_SOURCES = tests/test_keyslot.c tests/keyslot_cheap.c
tests_test_keyslot_CFLAGS = $(TEST_CFLAGS) $(SODIUM_CFLAGS)
tests_test_keyslot_LDADD = $(TEST_LIBS)
TESTS += tests/test_keyslot
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_crypt_store
tests_test_crypt_store_SOURCES = tests/test_crypt_store.c tests/keyslot_cheap.c
tests_test_crypt_store_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
tests_test_crypt_store_LDADD = $(TEST_LIBS)
TESTS += tests/test_crypt_store
endif
if HAVE_CRITERION
check_PROGRAMS += tests/test_reports
tests_test_reports_SOURCES = tests/test_reports.c tests/test_db_util.h
tests_test_reports_CFLAGS = $(TEST_CFLAGS) $(SQLITE_CFLAGS)
tests_test_reports_LDADD = $(TEST_LIBS)
TESTS += tests/test_reports
endif
