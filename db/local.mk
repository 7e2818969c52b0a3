## db: the SQLite case store, an internal library.
noinst_LIBRARIES += db/libdb.a
db_libdb_a_SOURCES =
db_libdb_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS) $(ICU_CFLAGS)
db_libdb_a_SOURCES += db/store.h db/internal.h \
	db/errors.c db/stmt.c db/rows.c db/ids.c db/names.c db/memory.c db/bench.h
db_libdb_a_SOURCES += db/schema.c db/schema.h db/migrate.c db/open.c \
	db/audit.c db/cases.c db/answers.c db/results.c db/followup.c \
	db/users.c db/backup.c db/import.c \
	db/safe_write.c db/safe_write.h db/wal_guard.c
db_libdb_a_SOURCES += db/schema_v4.c db/schema_v4.h \
	db/auth.c db/auth.h db/access.c db/access.h db/groups.c db/groups.h \
	db/search.c db/search.h
db_libdb_a_SOURCES += db/review.c db/review.h db/reveal.c \
	db/dashboard.c db/dashboard.h
db_libdb_a_SOURCES += db/export.c db/export.h
db_libdb_a_SOURCES += db/rescreen.c db/rescreen.h
## The privacy of the stored data: the audit chain, the ID number rule,
## the consent gate and retention.
db_libdb_a_SOURCES += db/schema_v5.c db/schema_v5.h db/audit_chain.c db/audit_chain.h \
	db/id_rule.c db/id_rule.h db/release.c db/release.h db/purge.c db/purge.h
