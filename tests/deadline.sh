#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test with a deadline: no test may hang.  Usage:
#   deadline.sh COMMAND [ARGUMENT...]
# The limit is $GUANAI_TEST_DEADLINE seconds (900 unless set).  A test that
# is still running then is stopped with its whole process group and fails
# with a TAP "Bail out!" line that says so.
limit=${GUANAI_TEST_DEADLINE:-900}
case $limit in
	''|*[!0-9]*) echo "Bail out! GUANAI_TEST_DEADLINE=$limit is not a number of seconds"; exit 1 ;;
esac
timeout -k 10 "$limit" "$@"
rc=$?
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "Bail out! $* did not finish within $limit seconds: it hangs (GUANAI_TEST_DEADLINE sets the limit)"
	exit 1
fi
exit "$rc"
