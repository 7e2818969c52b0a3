#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guanai report: a case's 强制报告 (police) or 控辍保学 (education) report is
# recorded from the command line; what is missing is said and refused; an
# override is a supervisor's, with a reason.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
GUANAI_DB="$work/guanai.db"
export GUANAI_DB
out="$work/out"
echo 'supervisor-secret' > "$work/sup.pw"
echo 'worker-secret-1' > "$work/li.pw"
sup="--user wang --password-file $work/sup.pw"
li="--user li --password-file $work/li.pw"

"$GUANAI" --lang en users add wang --role supervisor --password-file "$work/sup.pw" > "$out" 2>&1
"$GUANAI" --lang en users add li --role worker $sup --new-password-file "$work/li.pw" > "$out" 2>&1
check "the users are added" test $? -eq 0
id=$(cd "$top_srcdir/tests/profiles" && "$GUANAI" --lang en import p07-defacto-hiv.answers $sup 2>"$out")
check "a case whose child's safety is at risk is imported" test -n "$id"

"$GUANAI" --lang en report "$id" police $sup > "$out" 2>&1
check "a report without a unit is refused (status 2)" test $? -eq 2
check "the message says what is missing" grep -q 'say to which unit the report was made, or why it is not made yet' "$out"
"$GUANAI" --lang en report "$id" fire --to x $sup > "$out" 2>&1
check "an unknown kind is refused (status 2)" test $? -eq 2
check "the message names the kinds" grep -q 'police (强制报告) or education (控辍保学)' "$out"
"$GUANAI" --lang en report "$id" police --to 双塔派出所 --date 2026-13-01 $sup > "$out" 2>&1
check "a wrong date is refused (status 2)" test $? -eq 2
"$GUANAI" --lang en report "$id" police --to 双塔派出所 --receipt 2026-0042 $sup > "$out" 2>&1
check "a report is recorded" test $? -eq 0
check "it says to whom" grep -q "reported to 双塔派出所" "$out"
"$GUANAI" --lang en report "$id" education --not-yet 学校放假，周一联系 $sup > "$out" 2>&1
check "a report not made yet is recorded with its reason" test $? -eq 0
"$GUANAI" --lang en report "$id" education --override 已转学 $li > "$out" 2>&1
check "a worker cannot override" test $? -ne 0
check "the message asks for a supervisor" grep -q supervisor "$out"
"$GUANAI" --lang en report "$id" education --override 已转学 $sup > "$out" 2>&1
check "a supervisor overrides with a reason" test $? -eq 0
"$GUANAI" --lang en report "$id" education --override '  ' $sup > "$out" 2>&1
check "an override without a reason is refused" test $? -eq 2
"$GUANAI" --lang en report "$id" police --to x --user nobody --password-file "$work/li.pw" > "$out" 2>&1
check "a wrong login records nothing" test $? -ne 0
done_testing
