#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one Criterion test binary and makes it speak TAP on standard output
# for automake's TAP driver; Criterion's own summary goes to standard error.
# Each test has its suite's .timeout; the whole binary has a deadline.
test_binary=$1
shift
exec sh "$(dirname "$0")/deadline.sh" "$test_binary" --tap=/dev/stdout "$@"
