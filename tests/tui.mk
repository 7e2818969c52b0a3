## tests for tui (included by tests/local.mk)
