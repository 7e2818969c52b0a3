#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A worker who leaves hands over all her cases at the office: "guanai users
# disable NAME --to OTHER" gives every case whose worker she is (assigned
# to her through the exchange, else made by her) to OTHER's laptop as
# "guanai assign" does (audited, the maker kept, the cases travelling to
# that laptop), and says how many.  To a user with no laptop there it
# refuses, saying why, and changes nothing.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
[ -n "$GUANAI_TEST_KEEP" ] || trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
out="$work/out"
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
echo 'li-secret-1' > li.pw
echo 'wang-secret-1' > wang.pw
echo 'zhao-secret-1' > zhao.pw
g office.db users add 李娜 --role worker --new-password-file li.pw > "$out" 2>&1
g office.db users add 王芳 --role worker --new-password-file wang.pw > "$out" 2>&1
g office.db users add 赵六 --role worker --new-password-file zhao.pw > "$out" 2>&1
check "an office, two laptops and three workers are set up" test -n "$dev2" -a $? -eq 0

# 李娜's laptop sends two cases; at the office they are hers by assignment,
# their maker being the laptop's user.
id1=$(g lap1.db import kid.answers 2>/dev/null)
id2=$(g lap1.db import other.answers 2>/dev/null)
mkdir usb usb2
g lap1.db send --out usb > "$out" 2>&1
g office.db receive usb/guanai-大平房镇-李娜-1.bundle > "$out" 2>&1
g office.db cases --worker 李娜 > "$out" 2>&1
check "the office lists 李娜's two received cases" test "$(ids_of "$out")" = \
	"$(printf '%s\n' "$id1" "$id2" | sort | tr '\n' ' ')"
maker=$(sq office.db "SELECT worker FROM cases WHERE id = '$id1'")
check "their maker is not 李娜" test -n "$maker" -a "$maker" != 李娜

# To a worker with no laptop at this office: refused, nothing changed.
g office.db users disable 李娜 --to 赵六 > "$out" 2>&1
check "a hand-over to a worker without a laptop is refused" test $? -eq 2
check "saying why and what to do" grep -q "赵六 has no laptop registered at this office" "$out"
g office.db cases --worker 李娜 > "$out" 2>&1
check "李娜 keeps both cases" test "$(wc -l < "$out")" -eq 2
g office.db cases --user 李娜 --password-file li.pw > "$out" 2>&1
check "and can still log in" test $? -eq 0

# To 王芳, who has a laptop: both cases, by assignment.
g office.db users disable 李娜 --to 王芳 > "$out" 2>&1
check "the supervisor disables 李娜, her cases going to 王芳" test $? -eq 0
check "it says how many" grep -q "李娜 is disabled; her cases handed over to 王芳: 2\.$" "$out"
g office.db cases --worker 王芳 > "$out" 2>&1
check "王芳 now has both cases" test "$(wc -l < "$out")" -eq 2
g office.db cases --worker 李娜 > "$out" 2>&1
check "李娜 has none" test ! -s "$out"
check "both are assigned to 王芳's laptop" test "$(sq office.db \
	"SELECT count(*) FROM assignments WHERE assigned_device LIKE '$dev2%' AND assigned_worker = '王芳'")" = 2
check "their maker is kept" test "$(sq office.db \
	"SELECT count(*) FROM cases WHERE worker = '$maker'")" = 2
check "each assignment is audited" test "$(sq office.db \
	"SELECT count(*) FROM audit WHERE action = 'case.assign' AND detail LIKE '%$dev2%'")" = 2
check "and the disabling, with the count" test "$(sq office.db \
	"SELECT count(*) FROM audit WHERE action = 'user.disable' AND detail = '李娜; 2 cases to 王芳'")" = 1
g office.db cases --user 李娜 --password-file li.pw > "$out" 2>&1
check "李娜 can no longer log in" test $? -eq 1

# The cases travel to 王芳's laptop with the office's next bundle.
g office.db send --device 王芳 --out usb2 > "$out" 2>&1
g lap2.db receive usb2/guanai-office-王芳-*.bundle > "$out" 2>&1
check "王芳's laptop receives the office's bundle" test $? -eq 0
check "and holds both cases" test "$(sq lap2.db \
	"SELECT count(*) FROM cases WHERE id IN ('$id1', '$id2')")" = 2

done_testing
