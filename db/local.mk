## db: the SQLite case store, an internal library.
noinst_LIBRARIES += db/libdb.a
db_libdb_a_SOURCES =
db_libdb_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS) $(ICU_CFLAGS)
