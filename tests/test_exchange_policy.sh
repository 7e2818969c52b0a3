#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The policy travels (docs/exchange.md): a laptop's bundle names the policy
# it uses and carries its text, which the office keeps by hash; the
# office's bundle carries the office's policy file while the laptop uses
# another; the laptop keeps it, says what it changes for its open drafts
# and screens its next interview with it; the office stops sending it once
# the laptop uses it.  A policy file that does not load is refused before
# any bundle is written.  (Bundles altered or carrying an invalid policy:
# tests/test_exchange_policy.c.)
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
[ -n "$GUANAI_TEST_KEEP" ] || trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
out="$work/out"
basis='consent.basis = guardian_consent\nconsent.by = 王秀兰\nconsent.relation = grandparent\nconsent.how = signed_paper\nconsent.date = 2025-04-18\n'
kid="$work/p01.answers"
other="$work/p02.answers"
{ cat "$top_srcdir/tests/profiles/p01-floating-pupil.answers"; printf "$basis"; } > "$kid"
{ cat "$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"; printf "$basis"; } > "$other"
g() { db=$1; shift; "$GUANAI" --lang en --db "$work/$db" "$@"; }
# sq DB SQL: plain SQL on an encrypted database, through the extension
sq() {
	db=$1; shift
	GUANAI_KEYS="$work/$db-keys" sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" \
		-cmd ".open file:$work/$db?vfs=guanai-crypt" ':memory:' "$@"
}
hash() { sha256sum "$1" | cut -c1-64; }

# the laptop's own copy (another version), and the office's changed file:
# floating children only up to 5, so the pupil of p01 is floating no more
lap="$work/lap.policy"
new="$work/new.policy"
sed -e 's/^  version: 2024.1$/  version: 2024.1-lap/' "$GUANAI_POLICY" > "$lap"
sed -e 's/^  version: 2024.1$/  version: 2024.2/' \
	-e '/^param minor_max_age$/,/^param /s/^  value: 17$/  value: 5/' "$GUANAI_POLICY" > "$new"
laphash=$(hash "$lap")
newhash=$(hash "$new")
short=$(echo "$newhash" | cut -c1-12)

mkdir usb
g office.db office init --name 大平房镇 > /dev/null 2>&1
fp=$(sed -n 's/^fingerprint //p' guanai-office.pub)
g lap1.db enroll guanai-office.pub --worker 李娜 --township 大平房镇 --fingerprint "$fp" \
	> /dev/null 2>&1
g office.db devices add guanai-device-李娜.enrol > /dev/null 2>&1
check "an office and a laptop are set up" test -s lap1.db -a -s office.db

id=$(g lap1.db --policy "$lap" import "$kid" 2>"$out")
check "the laptop interviews under its own policy file" \
	test "$(sq lap1.db "SELECT policy_hash FROM cases WHERE id = '$id'")" = "$laphash"
g lap1.db --policy "$lap" send --out usb > "$out" 2>&1
check "the laptop sends" test $? -eq 0
check "the office lacks the laptop's policy" \
	test "$(sq office.db "SELECT count(*) FROM policy_texts WHERE hash = '$laphash'")" = 0
g office.db receive usb/guanai-大平房镇-李娜-1.bundle > "$out" 2>&1
check "the office receives it" test $? -eq 0
check "the laptop's bundle names the policy it uses" \
	test "$(sq office.db "SELECT policy FROM xchg_devices")" = "$laphash"
check "and carries its text: the office keeps it by hash to rebuild explanations" \
	test "$(sq office.db "SELECT count(*) FROM policy_texts WHERE hash = '$laphash'")" = 1
g office.db review "$id" return --reason documents --note 请补充户口本 > /dev/null 2>&1

printf 'policy broken\n  version: 1\n' > "$work/bad.policy"
g office.db --policy "$work/bad.policy" send --device 李娜 --out usb > "$out" 2>&1
check "an office whose policy file does not load sends nothing" test $? -eq 1
check "and says to correct the policy file" grep -q 'correct the policy file' "$out"
check "no bundle is written" sh -c '! ls usb/guanai-office-* 2>/dev/null'

GUANAI_POLICY="$new" g office.db send --device 李娜 --out usb > "$out" 2>&1
check "the office with a changed policy file sends to the laptop" test $? -eq 0
check "its bundle carries the policy file the laptop does not use" \
	grep -q 'with the policy file (version 2024.2)' "$out"
ob=$(ls usb/guanai-office-*-1.bundle)
g lap1.db receive "$ob" > "$out" 2>&1
check "the laptop receives it" test $? -eq 0
check "it says the office's policy is used for new interviews" \
	grep -q "policy file (version 2024.2, $short) is used for new interviews" "$out"
s8=$(echo "$id" | cut -c1-8)
check "the returned draft's verdict change is listed" \
	grep -q "case $s8 (.*): item 5 lost, was eligible" "$out"
check "with the count of drafts re-screened" \
	grep -q 'Open drafts re-screened under it: 1, with changes: 1' "$out"
check "the laptop keeps the office's policy by hash" \
	test "$(sq lap1.db "SELECT s.office_policy = t.hash FROM xchg_self s JOIN policy_texts t ON t.hash = '$newhash'")" = 1
g lap1.db receive "$ob" > "$out" 2>&1
check "the same bundle again says nothing of the policy" sh -c "! grep -q 'policy' '$out'"

id2=$(g lap1.db import "$other" 2>"$out")
check "the laptop's next interview uses the office's version" \
	test "$(sq lap1.db "SELECT policy_version || ' ' || policy_hash FROM cases WHERE id = '$id2'")" \
	= "2024.2 $newhash"
g lap1.db send --out usb > "$out" 2>&1
g office.db receive usb/guanai-大平房镇-李娜-2.bundle > "$out" 2>&1
check "the office learns the laptop uses its policy" \
	test "$(sq office.db "SELECT policy FROM xchg_devices")" = "$newhash"
GUANAI_POLICY="$new" g office.db send --device 李娜 --out usb > "$out" 2>&1
check "the office's next bundle does not carry it again" \
	sh -c "grep -q 'bundle 2' '$out' && ! grep -q 'policy file' '$out'"
done_testing
