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
