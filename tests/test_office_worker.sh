#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A case's worker at the office is the one it is assigned to, else its
# maker: cases received from a laptop and then handed to another worker
# are listed, filtered, counted, exported, shown on the dashboard and
# opened by that worker alone, and the case tally matches a plain count.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
[ -n "$GUANAI_TEST_KEEP" ] || trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
out="$work/out"
# The profiles record no legal basis: these copies record the guardian's
# consent, so that their cases may travel.
basis='consent.basis = guardian_consent\nconsent.by = 王秀兰\nconsent.relation = grandparent\nconsent.how = signed_paper\nconsent.date = 2025-04-18\n'
{ cat "$top_srcdir/tests/profiles/p01-floating-pupil.answers"; printf "$basis"; } > kid.answers
{ cat "$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"; printf "$basis"; } > other.answers
g() { db=$1; shift; "$GUANAI" --lang en --db "$work/$db" "$@"; }
# sq DB SQL: plain SQL on an encrypted database, through the extension
sq() {
	db=$1; shift
	GUANAI_KEYS="$work/$db-keys" sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" \
		-cmd ".open file:$work/$db?vfs=guanai-crypt" ':memory:' "$@"
}
# ids_of OUT: the case ids of a "guanai cases" listing, sorted, on one line
ids_of() { cut -f1 "$1" | sort | tr '\n' ' '; }

g office.db office init --name 大平房镇 > "$out" 2>&1
fp=$(sed -n 's/^fingerprint //p' guanai-office.pub)
g lap1.db enroll guanai-office.pub --worker 李娜 --township 大平房镇 --fingerprint "$fp" > "$out" 2>&1
g lap2.db enroll guanai-office.pub --worker 王芳 --township 大平房镇 --fingerprint "$fp" > "$out" 2>&1
g office.db devices add guanai-device-李娜.enrol > "$out" 2>&1
g office.db devices add guanai-device-王芳.enrol > "$out" 2>&1
dev2=$(sed -n 's/^Device \([0-9a-f]*\) .*/\1/p' "$out")
check "an office and two laptops are set up" test -n "$dev2"

# Laptop 1 imports two interviews; their maker is the laptop's user.
id1=$(g lap1.db import kid.answers 2>/dev/null)
id2=$(g lap1.db import other.answers 2>/dev/null)
mkdir usb
g lap1.db send --out usb > "$out" 2>&1
g office.db receive usb/guanai-大平房镇-李娜-1.bundle > "$out" 2>&1
check "the office receives laptop 1's two cases" \
	test "$(sq office.db 'SELECT count(*) FROM cases')" = 2
maker=$(sq office.db "SELECT worker FROM cases WHERE id = '$id1'")
check "the received cases keep their maker, who is not 李娜" test -n "$maker" -a "$maker" != 李娜

# The office hands case 1 to 王芳's laptop.
g office.db assign "$id1" "$dev2" > "$out" 2>&1
check "the office assigns case 1 to 王芳" test $? -eq 0
check "the case row keeps its maker" \
	test "$(sq office.db "SELECT worker FROM cases WHERE id = '$id1'")" = "$maker"

g office.db cases --worker 王芳 > "$out" 2>&1
check "guanai cases --worker 王芳 lists case 1 alone" test "$(ids_of "$out")" = "$id1 "
check "its row shows 王芳" test "$(cut -f7 "$out")" = 王芳
g office.db cases --worker 李娜 > "$out" 2>&1
check "guanai cases --worker 李娜 lists case 2 alone" test "$(ids_of "$out")" = "$id2 "
g office.db cases --worker "$maker" > "$out" 2>&1
check "the maker has no case left" test ! -s "$out"
g office.db cases > "$out" 2>&1
check "the whole list shows each case under its worker" \
	test "$(cut -f1,7 "$out" | sort | tr '\t\n' ':,')" = \
	"$(printf '%s\n' "$id1:王芳" "$id2:李娜" | sort | tr '\n' ',')"

# The tally behind the list's counts matches a plain count.
plain="SELECT c.township, coalesce(nullif(a.assigned_worker, ''), c.worker), c.status, count(*)
 FROM cases c LEFT JOIN assignments a ON a.case_id = c.id GROUP BY 1, 2, 3"
check "the case tally equals a plain count over cases and assignments" \
	test "$(sq office.db "SELECT count(*) FROM (SELECT township, worker, status, n FROM case_tally
	 EXCEPT $plain UNION ALL SELECT * FROM ($plain EXCEPT SELECT township, worker, status, n FROM case_tally))")" = 0
check "the tally counts one case for 王芳" \
	test "$(sq office.db "SELECT sum(n) FROM case_tally WHERE worker = '王芳'")" = 1

g office.db cases --csv --worker 王芳 > "$out" 2>&1
check "the CSV for 王芳 holds case 1 alone" \
	test "$(grep -c "$id1" "$out")" = 1 -a "$(grep -c "$id2" "$out")" = 0
check "under her name" grep -q "$id1.*王芳" "$out"

g office.db dashboard > "$out" 2>&1
check "the dashboard counts one case for 王芳" grep -Eq '^ *王芳 +1( |$)' "$out"
check "and one for 李娜" grep -Eq '^ *李娜 +1( |$)' "$out"
check "and none for the maker" sh -c "! grep -q '^ *$maker ' '$out'"

# The access check: each worker opens her own case, not the other's.
echo 'wang-secret-1' > wang.pw
echo 'li-secret-1' > li.pw
g office.db users add 王芳 --role worker --new-password-file wang.pw > "$out" 2>&1
g office.db users add 李娜 --role worker --new-password-file li.pw > "$out" 2>&1
g office.db cases --user 王芳 --password-file wang.pw > "$out" 2>&1
check "王芳 logged in lists case 1 alone" test "$(ids_of "$out")" = "$id1 "
g office.db export "$id1" --user 王芳 --password-file wang.pw > "$out" 2>&1
check "王芳 opens case 1, assigned to her" test $? -eq 0
g office.db export "$id2" --user 王芳 --password-file wang.pw > "$out" 2>&1
check "王芳 may not open case 2" grep -q 'belongs to another worker' "$out"
g office.db export "$id1" --user 李娜 --password-file li.pw > "$out" 2>&1
check "李娜 may not open case 1, assigned away from her" grep -q 'belongs to another worker' "$out"
g office.db dashboard --user 王芳 --password-file wang.pw > "$out" 2>&1
check "王芳's dashboard counts her one case" grep -Eq '^ *王芳 +1( |$)' "$out"

done_testing
