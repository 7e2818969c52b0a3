#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Closing a case is the office's decision: on an enrolled laptop even its
# supervisor is refused, with a message saying where it is done; the same
# case closes and reopens on a database that is no laptop.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
out="$work/out"
g() { db=$1; shift; "$GUANAI" --lang en --db "$work/$db" "$@"; }
kid="$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"

g office.db office init --name 大平房镇 > "$out" 2>&1
check "the office is made" test $? -eq 0
fp=$(sed -n 's/^fingerprint //p' guanai-office.pub)
g lap.db enroll guanai-office.pub --worker 李娜 --township 大平房镇 --fingerprint "$fp" > "$out" 2>&1
check "the laptop enrols" test $? -eq 0
id=$(g lap.db import "$kid" 2>"$out")
check "a case is imported on the laptop" test -n "$id"
g lap.db users list > "$out" 2>&1
check "the laptop's user is a supervisor there" grep -q "^$GUANAI_USER	supervisor" "$out"
g lap.db review "$id" close --reason moved_out --note 迁往沈阳 > "$out" 2>&1
check "closing on the laptop is refused" test $? -eq 1
check "  saying it is done at the office" grep -q 'closed or reopened at the office' "$out"
g lap.db cases > "$out" 2>&1
check "  and the case stays complete" grep -q 'complete' "$out"

id=$(g plain.db import "$kid" 2>"$out")
g plain.db review "$id" close --reason moved_out --note 迁往沈阳 > "$out" 2>&1
check "on a database that is no laptop the case closes" test $? -eq 0
g plain.db review "$id" reopen --note 家庭迁回 > "$out" 2>&1
check "and reopens" test $? -eq 0
done_testing
