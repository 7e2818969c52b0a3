#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# No test can hang: every Criterion suite has a .timeout, and a suite that
# hangs fails within it; every test runs under tests/deadline.sh, which
# stops one that hangs and fails it with a message; the key-script
# watchdog stops a guanai whose script waits for ever.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# 1. Every suite that a Test() names is declared with a .timeout.
missing=""
for f in "$top_srcdir"/tests/test_*.c; do
	for suite in $(sed -n 's/^Test(\([a-z_0-9]*\),.*/\1/p' "$f" | sort -u); do
		grep -q "^TestSuite($suite,.*\.timeout = [1-9]" "$f" || missing="$missing $(basename "$f"):$suite"
	done
done
check "every Criterion suite has a .timeout" test -z "$missing"
[ -z "$missing" ] || diag "no .timeout:$missing"

# 2. A suite that hangs fails within its 2-second limit.
start=$(date +%s)
"$top_builddir/tests/test_hang" --tap="$work/hang.tap" > "$work/hang.out" 2>&1
rc=$?
took=$(( $(date +%s) - start ))
check "a hanging suite fails" test "$rc" -ne 0
check "the hanging test is reported as failed" grep -q '^not ok .*waits_forever' "$work/hang.tap"
check "it fails within its limit (took ${took}s)" test "$took" -lt 20

# 3. A test that hangs is stopped by the deadline, with a message.
printf 'echo "1..1"\nsleep 600\n' > "$work/sleeper.sh"
start=$(date +%s)
GUANAI_TEST_DEADLINE=2 sh "$top_srcdir/tests/deadline.sh" sh "$work/sleeper.sh" > "$work/deadline.out" 2>&1
rc=$?
took=$(( $(date +%s) - start ))
check "a hanging test fails under the deadline" test "$rc" -ne 0
check "the deadline says the test hangs" grep -q '^Bail out! .*did not finish within 2 seconds' "$work/deadline.out"
check "it is stopped within the deadline (took ${took}s)" test "$took" -lt 20
GUANAI_TEST_DEADLINE=soon sh "$top_srcdir/tests/deadline.sh" true > "$work/deadline.out" 2>&1
check "a deadline that is not a number is refused" grep -q '^Bail out! GUANAI_TEST_DEADLINE=soon' "$work/deadline.out"

# 4. A key script that waits for ever: the watchdog ends guanai.
printf 'run sleep 8\nkey Esc\n' > "$work/wait.keys"
start=$(date +%s)
GUANAI_TEST_SCRIPT="$work/wait.keys" GUANAI_TEST_TIMEOUT=1 GUANAI_TEST_TODAY=2026-11-29 \
	"$GUANAI" --lang en --db "$work/db" > "$work/tui.out" 2>&1
rc=$?
took=$(( $(date +%s) - start ))
check "a waiting key script is stopped by the watchdog (status $rc)" test "$rc" -ne 0
check "the watchdog strikes before the script's wait ends (took ${took}s)" test "$took" -lt 6
done_testing
