## tests for db (included by tests/local.mk)
