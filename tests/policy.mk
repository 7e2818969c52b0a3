## tests for policy (included by tests/local.mk)
