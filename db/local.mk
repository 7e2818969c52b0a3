## SPDX-License-Identifier: GPL-3.0-or-later
## db: the SQLite case store, an internal library.
noinst_LIBRARIES += db/libdb.a
db_libdb_a_SOURCES =
db_libdb_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS) $(ICU_CFLAGS)
db_libdb_a_SOURCES += db/store.h db/internal.h \
	db/errors.c db/stmt.c db/rows.c db/ids.c db/names.c db/memory.c db/bench.h
db_libdb_a_SOURCES += db/schema.c db/schema.h db/migrate.c db/open.c db/open_lock.c \
	db/recover.c db/audit.c db/cases.c db/answers.c db/results.c db/followup.c \
	db/users.c db/backup.c db/import.c \
	db/safe_write.c db/safe_write.h db/wal_guard.c \
	db/crypt_vfs.c db/crypt_vfs.h db/keyslot.c db/keyslot.h db/keyslot_limits.c \
	db/crypt_store.c db/crypt_login.c db/crypt_login.h db/user_password.c \
	db/user_admin.c db/crypt_first.c db/crypt_first.h

## The shim as a loadable extension for the sqlite3 shell (db/crypt_ext.c).
## Installed in $(pkglibdir); built without the sanitizers: the shell that
## loads it has no ASan runtime.
shellextdir = $(pkglibdir)
shellext_PROGRAMS = db/guanai_crypt.so
db_guanai_crypt_so_SOURCES = db/crypt_ext.c db/crypt_vfs.c db/crypt_vfs.h \
	db/keyslot.c db/keyslot.h db/keyslot_limits.c core/error.c
db_guanai_crypt_so_CFLAGS = $(WARN_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS) -fPIC \
	-DGU_CRYPT_EXTENSION
db_guanai_crypt_so_LDFLAGS = -shared
db_guanai_crypt_so_LDADD = $(SODIUM_LIBS)
db_libdb_a_SOURCES += db/schema_v4.c db/schema_v4.h \
	db/auth.c db/auth.h db/access.c db/access.h db/groups.c db/groups.h \
	db/search.c db/search_keys.c db/search.h db/tally.c
db_libdb_a_SOURCES += db/review.c db/review.h db/reveal.c \
	db/dashboard.c db/dashboard.h
db_libdb_a_SOURCES += db/export.c db/export.h
db_libdb_a_SOURCES += db/rescreen.c db/rescreen.h

## The privacy of the stored data: the audit chain, the ID number rule,
## the consent gate and retention.
db_libdb_a_SOURCES += db/schema_v5.c db/schema_v5.h db/audit_chain.c db/audit_chain.h \
	db/id_rule.c db/id_rule.h db/release.c db/release.h db/purge.c db/purge.h

## The lists: indexes that serve each order, the case tally.
db_libdb_a_SOURCES += db/schema_list.c db/schema_list.h

## The mandatory reports of a case (强制报告, 控辍保学).
db_libdb_a_SOURCES += db/schema_county.c db/schema_county.h
db_libdb_a_SOURCES += db/schema_owner.c db/schema_owner.h
db_libdb_a_SOURCES += db/schema_derived.c db/schema_derived.h
db_libdb_a_SOURCES += db/schema_reports.c db/schema_reports.h db/reports.c db/reports.h
db_libdb_a_SOURCES += db/schema_difficulty.c db/schema_difficulty.h db/difficulty.c db/difficulty.h
db_libdb_a_SOURCES += db/reports_open.c
db_libdb_a_SOURCES += db/schema_recovery.c db/schema_recovery.h
db_libdb_a_SOURCES += db/schema_dupkeys.c db/schema_dupkeys.h db/duplicates.c db/duplicates.h
db_libdb_a_SOURCES += db/schema_policy_travel.c db/schema_policy_travel.h
db_libdb_a_SOURCES += db/schema_slim.c db/schema_slim.h db/schema_indexes.c db/schema_indexes.h db/schema_compact.c db/schema_compact.h db/explain_store.c db/compact.c db/compact.h

## Values a new interview is offered from those given before on this laptop.
db_libdb_a_SOURCES += db/prefill.c db/prefill.h

## The cases of one family: a sibling's interview started from a case.
db_libdb_a_SOURCES += db/schema_family.c db/schema_family.h db/family.c db/family.h

## Another case of the same child (the exchange's pairs, a new interview's warning).
db_libdb_a_SOURCES += db/same_child.c db/same_child.h

## The exchange between laptops and their office (docs/exchange.md).
db_libdb_a_SOURCES += db/schema_exchange.c db/schema_exchange.h \
	db/exchange.h db/exchange_internal.h db/exchange_capture.c db/exchange_keys.c db/exchange_recovery.c db/exchange_clock.c \
	db/exchange_send.c db/exchange_receive.c db/exchange_policy.c db/exchange_bundles.c db/exchange_apply.c db/exchange_conflicts.c \
	db/exchange_assign.c
## Paper: printed sheets (referral sheets with return slips, the consent
## form) and their record.
db_libdb_a_SOURCES += db/schema_sheets.c db/schema_sheets.h db/sheet.c db/sheet.h db/sheet_write.c \
	db/referral_check.c db/referral_check.h

## Paper: closing a case with a reason, and reopening it.
db_libdb_a_SOURCES += db/schema_closure.c db/schema_closure.h db/closure.c db/closure.h



## Regular visits (定期走访): the visits table, the lists, the month counts.
db_libdb_a_SOURCES += db/schema_visits.c db/schema_visits.h db/visits.c db/visits.h
db_libdb_a_SOURCES += db/schema_outcomes.c db/schema_outcomes.h db/reasons.c db/reasons.h
## The monthly ledger (台账): its figures per township.
db_libdb_a_SOURCES += db/ledger.c db/ledger.h
