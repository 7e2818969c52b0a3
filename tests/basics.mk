## tests for basics (included by tests/local.mk)
