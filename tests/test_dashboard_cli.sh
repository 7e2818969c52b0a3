#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guanai dashboard on the screens' seed with alerts (tests/screens_seed
# alerts): the 强制报告 and 控辍保学 raised and reported, the cases by
# hukou county and by worker, for all time, for a period and for a worker,
# who sees only her own cases.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
unset GUANAI_USER GUANAI_PASSWORD_FILE
db="$work/db"
out="$work/out"
echo supervisor-pw > "$work/zhang.pw"
echo worker-wang-pw > "$work/wang.pw"
"$top_builddir/tests/screens_seed" "$db" "$GUANAI_POLICY" alerts > "$out" 2>&1
check "the seed with alerts is made" test $? -eq 0

"$GUANAI" --lang en --db "$db" dashboard --user zhang --password-file "$work/zhang.pw" > "$out" 2>&1
check "the dashboard runs" test $? -eq 0
check "two 强制报告, one reported" grep -q '^强制报告 (child safety): 2 raised, 1 reported$' "$out"
check "one 控辍保学, none reported" grep -q '^控辍保学 (out of school): 1 raised, 0 reported$' "$out"
check "nine townships" test "$(sed -n '/^Townships$/,/^$/p' "$out" | grep -c '^  ')" -eq 9
check "Jianping County has three cases" grep -q '^  Jianping County  *3 #' "$out"
check "a draft without the hukou county is counted as none" grep -q '^  (none)  *1 #' "$out"
check "li has eight cases" grep -q '^  li  *8 #' "$out"
check "wang has two" grep -q '^  wang  *2 #' "$out"

"$GUANAI" --lang en --db "$db" dashboard --from 2026-11-04 --to 2026-11-06 \
	--user zhang --password-file "$work/zhang.pw" > "$out" 2>&1
check "a period counts the interviews of its days" grep -q 'from 2026-11-04 to 2026-11-06: 3$' "$out"
check "the 强制报告 of the 4th, not reported" grep -q '^强制报告 (child safety): 1 raised, 0 reported$' "$out"
check "the 控辍保学 of the 6th" grep -q '^控辍保学 (out of school): 1 raised, 0 reported$' "$out"

"$GUANAI" --lang zh --db "$db" dashboard --user wang --password-file "$work/wang.pw" > "$out" 2>&1
check "wang's dashboard runs" test $? -eq 0
check "wang sees none of li's alerts" grep -q '^强制报告：发现 0 例，已报告 0 例$' "$out"
check "wang sees only her own cases" grep -q '^  wang  *2 #' "$out"
check "and not li's" sh -c "! grep -q '^  li ' '$out'"
done_testing
