#!/bin/sh
# Runs one Criterion test binary and makes it speak TAP on standard output
# for automake's TAP driver; Criterion's own summary goes to standard error.
test_binary=$1
shift
exec "$test_binary" --tap=/dev/stdout "$@"
