# SPDX-License-Identifier: GPL-3.0-or-later
# TAP helpers for shell tests: source this file, call ok/not_ok/check, then done_testing.
tap_n=0
tap_failed=0
# ok DESCRIPTION: records a passing test.
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
# not_ok DESCRIPTION: records a failing test.
not_ok() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $*"; }
# check DESCRIPTION COMMAND...: runs COMMAND and records whether it succeeded.
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
# diag TEXT: a comment line in the TAP stream.
diag() { printf '%s\n' "$*" | sed 's/^/# /'; }
# done_testing: prints the plan and exits with the failure count.
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; exit $?; }
