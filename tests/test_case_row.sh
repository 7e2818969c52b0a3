#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The case row's columns read from its answers (the child's name and ID
# number, the number of answers, the interview date, the hukou county, the
# township) equal what plain SQL recomputes from the answers, after
# imports, answer edits by the sqlite3 shell, and received bundles, on the
# laptop and at the office.
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
# answer KEY: a case's answer to KEY by plain SQL, '' when none
answer() {
	echo "coalesce((SELECT value FROM answers a WHERE a.case_id = c.id AND a.key = '$1'), '')"
}
# The cases whose row differs from its answers (the profiles' townships are
# each one county's, counted under the name written).
differ="SELECT count(*) FROM cases c WHERE
 c.answered IS NOT (SELECT count(*) FROM answers a WHERE a.case_id = c.id)
 OR c.child_name IS NOT $(answer child.name)
 OR c.child_id_number IS NOT $(answer child.id_number)
 OR c.interviewed IS NOT $(answer interview.date)
 OR c.hukou_county IS NOT $(answer child.hukou_county)
 OR c.township IS NOT $(answer interview.township)"
# rows DB WHEN: checks that every case row of DB follows its answers
rows() {
	n=$(sq "$1" "$differ")
	check "$2: every case row of $1 follows its answers" test "$n" = 0
	[ "$n" = 0 ] || sq "$1" "SELECT id, answered, child_name, child_id_number, interviewed,
	 hukou_county, township FROM cases" | sed 's/^/# /'
}

g office.db office init --name 大平房镇 > "$out" 2>&1
fp=$(sed -n 's/^fingerprint //p' guanai-office.pub)
g lap1.db enroll guanai-office.pub --worker 李娜 --township 大平房镇 --fingerprint "$fp" > "$out" 2>&1
g office.db devices add guanai-device-李娜.enrol > "$out" 2>&1
id1=$(g lap1.db import kid.answers 2>/dev/null)
id2=$(g lap1.db import other.answers 2>/dev/null)
check "laptop 1 imports two interviews" test -n "$id1" -a -n "$id2"
rows lap1.db "after imports"
check "an imported case counts its answers" \
	test "$(sq lap1.db "SELECT answered FROM cases WHERE id = '$id1'")" -gt 20

# Edits by the sqlite3 shell: a name changed, an ID number removed, a
# hukou county added, the interview date changed.
sq lap1.db "UPDATE answers SET value = '刘小雨' WHERE case_id = '$id1' AND key = 'child.name';
 DELETE FROM answers WHERE case_id = '$id2' AND key = 'child.id_number';
 DELETE FROM answers WHERE case_id = '$id2' AND key = 'child.hukou_county';
 INSERT INTO answers (case_id, key, value, seq, answered_at, answered_by, updated_at, device)
  SELECT id, 'child.hukou_county', '211381', 999, 1, '', 1, device FROM cases WHERE id = '$id2';
 UPDATE answers SET value = '2025-04-19' WHERE case_id = '$id1' AND key = 'interview.date'"
check "the shell's name reaches the case row" \
	test "$(sq lap1.db "SELECT child_name FROM cases WHERE id = '$id1'")" = 刘小雨
check "the removed ID number leaves the case row" \
	test -z "$(sq lap1.db "SELECT child_id_number FROM cases WHERE id = '$id2'")"
rows lap1.db "after edits by the shell"

mkdir usb
g lap1.db send --out usb > "$out" 2>&1
g office.db receive usb/guanai-大平房镇-李娜-1.bundle > "$out" 2>&1
check "the office receives the two cases" test "$(sq office.db 'SELECT count(*) FROM cases')" = 2
rows office.db "after a received bundle"
check "the received name is the edited one" \
	test "$(sq office.db "SELECT child_name FROM cases WHERE id = '$id1'")" = 刘小雨

# A later bundle with an edit of a case the office has.
sq lap1.db "UPDATE answers SET value = '刘思雨' WHERE case_id = '$id1' AND key = 'child.name';
 DELETE FROM answers WHERE case_id = '$id1' AND key = 'child.hukou_county'"
g lap1.db send --out usb > "$out" 2>&1
g office.db receive usb/guanai-大平房镇-李娜-2.bundle > "$out" 2>&1
check "the office receives the edit" test $? -eq 0
rows office.db "after an edit received"
check "the office's row has the edited name" \
	test "$(sq office.db "SELECT child_name FROM cases WHERE id = '$id1'")" = 刘思雨

# An import at the office itself.
id3=$(g office.db import "$top_srcdir/tests/profiles/p03-orphan-beipiao.answers" 2>/dev/null)
check "the office imports a third case" test -n "$id3"
rows office.db "after an import at the office"

done_testing
