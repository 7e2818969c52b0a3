#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The report form on screen: a supervisor's override (F2) needs a reason,
# then lets the case with 强制报告 finish without the report; a worker's
# form has no override key.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
out="$work/out"
mkdir -p "$out"

# the interview of the screen tests up to the report form
sed -n '1,/^dump report-form.txt$/p' "$top_srcdir/tests/tui-scripts/screens/interview.keys" \
	> "$work/form.keys"
check "the interview script reaches the report form" grep -q '^dump report-form.txt$' "$work/form.keys"

# run_form NAME DB [OPTIONS]: runs NAME.keys on DB, dumps into $out
run_form() {
	name=$1
	db=$2
	shift 2
	(cd "$work" && GUANAI_TEST_SCRIPT="$work/$name.keys" GUANAI_TEST_DUMP_DIR="$out/$name" \
		GUANAI_TEST_TODAY=2026-11-29 GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 \
		"$GUANAI" --lang en --db "$db" "$@" > "$work/$name.log" 2>&1)
}

# no user accounts: the one user is a supervisor
{
	cat "$work/form.keys"
	echo "key F2"
	echo "key Enter"
	echo "dump no-reason.txt"
	echo "type 家长已带孩子到派出所报案"
	echo "key Enter"
	echo "dump back.txt"
	echo "key Enter"
	echo "dump finished.txt"
	echo "key 3 Enter"
	echo "dump caseview.txt"
} > "$work/override.keys"
mkdir -p "$out/override"
run_form override "$work/override.db"
rc=$?
check "the override script runs to the end" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/override.log")"
check "a supervisor's key bar offers the override" grep -q 'F2 override' "$out/override/report-form.txt"
check "an override without a reason is refused, saying why" \
	grep -q 'an override needs its reason' "$out/override/no-reason.txt"
check "the override is recorded" grep -q 'the case may finish without the report' "$out/override/back.txt"
check "the case then finishes" grep -q 'The case is finished and saved.' "$out/override/finished.txt"
tr '\n' ' ' < "$out/override/caseview.txt" | tr -s ' ' > "$work/override.joined"
check "the case view shows the override, who made it and its reason" grep -q \
	'强制报告: finishes without the report, by tester: 家长已带孩子到派出所报案' "$work/override.joined"

# a report made to the township's police station, with its receipt
{
	cat "$work/form.keys"
	echo "key Tab Tab"
	echo "type 2026112901"
	echo "key Enter Enter"
	echo "key 3 Enter"
	echo "dump caseview.txt"
} > "$work/made.keys"
mkdir -p "$out/made"
run_form made "$work/made.db"
rc=$?
check "the report script runs to the end" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/made.log")"
# the case view's lines joined: a long line wraps at 80 columns
tr '\n' ' ' < "$out/made/caseview.txt" | tr -s ' ' > "$work/made.joined"
check "the case view shows when, to which unit, by whom and the receipt" grep -q \
	'强制报告: reported on 2026-11-29 to 建平县公安局建平镇派出所 by tester, receipt 2026112901' \
	"$work/made.joined"

# a worker: the form has no override, and F2 changes nothing
echo 'supervisor-secret' > "$work/sup.pw"
echo 'worker-secret-1' > "$work/li.pw"
"$GUANAI" --lang en --db "$work/worker.db" users add wang --role supervisor \
	--password-file "$work/sup.pw" > "$work/users.log" 2>&1
"$GUANAI" --lang en --db "$work/worker.db" users add li --role worker --user wang \
	--password-file "$work/sup.pw" --new-password-file "$work/li.pw" >> "$work/users.log" 2>&1
check "a supervisor and a worker are added" test $? -eq 0
{
	cat "$work/form.keys"
	echo "key F2"
	echo "dump f2.txt"
} > "$work/worker.keys"
mkdir -p "$out/worker"
run_form worker "$work/worker.db" --user li --password-file "$work/li.pw"
rc=$?
check "the worker's script runs to the end" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/worker.log")"
check "the worker's form is the report form" grep -q 'Record the report' "$out/worker/report-form.txt"
if grep -q 'F2' "$out/worker/report-form.txt"; then
	not_ok "a worker's key bar has no override"
else
	ok "a worker's key bar has no override"
fi
check "F2 changes nothing for a worker" cmp -s "$out/worker/report-form.txt" "$out/worker/f2.txt"
done_testing
