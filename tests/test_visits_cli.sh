#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guanai visit and guanai visits: a visit recorded from the command line,
# the refusals (a date after today or before the interview, nobody seen)
# that record nothing, and the lists (all, --due, --overdue, --township),
# six fields a line.  tests/test_visits.c tests the schedule.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
GUANAI_DB="$work/guanai.db"
export GUANAI_DB
out="$work/out"
echo 'supervisor-secret' > "$work/sup.pw"
sup="--user wang --password-file $work/sup.pw"

"$GUANAI" --lang en users add wang --role supervisor --password-file "$work/sup.pw" > "$out" 2>&1
check "the supervisor is added" test $? -eq 0
# A left-behind child interviewed on 2024-09-10 (monthly visits), and a
# floating one (quarterly).
lb=$(cd "$top_srcdir/tests/profiles" && "$GUANAI" --lang en import p02-left-behind-dibao.answers $sup 2>"$out")
check "a left-behind child is imported" test -n "$lb"
fl=$(cd "$top_srcdir/tests/profiles" && "$GUANAI" --lang en import p01-floating-pupil.answers $sup 2>"$out")
check "a floating child is imported" test -n "$fl"

"$GUANAI" --lang en visits $sup > "$out" 2>&1
check "the list runs" test $? -eq 0
check "the left-behind child is due a month after the interview" grep -q "^2024-10-10	$lb	-	" "$out"
check "a line has six fields" test "$(grep "$lb" "$out" | awk -F '\t' '{print NF}')" -eq 6
check "the floating child is listed" grep -q "	$fl	-	" "$out"

"$GUANAI" --lang en visit "$lb" --seen 孩子 --date 2099-01-01 $sup > "$out" 2>&1
check "a visit after today is refused (status 2)" test $? -eq 2
check "the message says why" grep -q "is after today" "$out"
"$GUANAI" --lang en visit "$lb" --seen 孩子 --date 2024-09-09 $sup > "$out" 2>&1
check "a visit before the interview is refused (status 2)" test $? -eq 2
check "the message names the interview date" grep -q "before the case's interview (2024-09-10)" "$out"
"$GUANAI" --lang en visit "$lb" --date 2024-10-01 $sup > "$out" 2>&1
check "a visit without who was seen is refused (status 2)" test $? -eq 2
"$GUANAI" --lang zh visit "$lb" --date 2024-10-01 $sup > "$out" 2>&1
check "the refusal is translated" grep -q "走访" "$out"
"$GUANAI" --lang en visits $sup > "$out" 2>&1
check "nothing was recorded" grep -q "^2024-10-10	$lb	-	" "$out"

"$GUANAI" --lang en visit "$lb" --seen '孩子和奶奶' --date 2024-10-08 --note '父亲返乡' --changed $sup > "$out" 2>&1
check "a visit is recorded" test $? -eq 0
check "it says so" grep -q "visit of 2024-10-08 recorded" "$out"
"$GUANAI" --lang en visits $sup > "$out" 2>&1
check "the next visit is a month after it" grep -q "^2024-11-08	$lb	2024-10-08	" "$out"
"$GUANAI" --lang en visits --due --today 2024-11-03 $sup > "$out" 2>&1
check "--due lists the visit due this month" grep -q "$lb" "$out"
"$GUANAI" --lang en visits --overdue --today 2024-11-03 $sup > "$out" 2>&1
check "--overdue leaves it out" sh -c "! grep -q '$lb' '$out'"
"$GUANAI" --lang en visits --overdue --today 2024-11-09 $sup > "$out" 2>&1
check "--overdue lists it once its date has passed" grep -q "$lb" "$out"
"$GUANAI" --lang en visits --township 波罗赤镇 $sup > "$out" 2>&1
check "--township keeps that township's cases" grep -q "$lb" "$out"
check "--township leaves out the others" sh -c "! grep -q '$fl' '$out'"
"$GUANAI" --lang en visits --due --overdue $sup > "$out" 2>&1
check "--due with --overdue is refused (status 2)" test $? -eq 2
"$GUANAI" --lang en visits --today 2024-13-01 $sup > "$out" 2>&1
check "a wrong --today is refused (status 2)" test $? -eq 2

done_testing
