#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The exchange between laptops and their office (docs/exchange.md), as a
# new user sets it up: an office, two laptops, bundles both ways by files;
# a return seen on the laptop, a conflict, a duplicate; and the attacks: a
# flipped byte anywhere, a cut bundle, a replayed or forged bundle, a revoked
# or unknown device, another office: each refused, nothing applied.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
[ -n "$GUANAI_TEST_KEEP" ] || trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
out="$work/out"
# The profiles record no legal basis: these copies record the guardian's
# consent, so their cases may travel (the consent gate).
nobasis="$top_srcdir/tests/profiles/p01-floating-pupil.answers"
nobasis2="$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"
basis='consent.basis = guardian_consent\nconsent.by = 王秀兰\nconsent.relation = grandparent\nconsent.how = signed_paper\nconsent.date = 2025-04-18\n'
kid="$work/p01.answers"
other="$work/p02.answers"
# the pupil's ID number left out: the two laptops' cases of her are then
# told to be one child by her name, date of birth and township
{ sed 's/^child\.id_number = .*/child.id_number = none/' "$nobasis"; printf "$basis"; } > "$kid"
{ cat "$nobasis2"; printf "$basis"; } > "$other"
g() { db=$1; shift; "$GUANAI" --lang en --db "$work/$db" "$@"; }
# sq DB SQL: plain SQL on an encrypted database, through the extension
# (it logs in as the tests' user, $GUANAI_USER and $GUANAI_PASSWORD_FILE)
sq() {
	db=$1; shift
	GUANAI_KEYS="$work/$db-keys" sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" \
		-cmd ".open file:$work/$db?vfs=guanai-crypt" ':memory:' "$@"
}
# count DB SQL: one number from a database
count() { sq "$1" "$2"; }
# flip FILE POS: changes one bit of the byte at POS
flip() {
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "\\$(printf %03o $((b ^ 4)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

mkdir usb
g office.db office init --name 大平房镇 > "$out" 2>&1
check "office init succeeds" test $? -eq 0
check "office init prints a fingerprint to read aloud" \
	grep -Eq 'fingerprint.*[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$' "$out"
fp=$(sed -n 's/^fingerprint //p' guanai-office.pub)
check "the public file carries the same fingerprint" grep -q "$fp" "$out"
check "the public file holds no secret key" sh -c "! grep -Eq 'sk|secret' guanai-office.pub"
g office.db office init > "$out" 2>&1
check "a second office init is refused" test $? -ne 0
check "no secret key is in the database's audit log" \
	test "$(count office.db "SELECT count(*) FROM audit WHERE detail LIKE '%' || (SELECT sign_sk FROM xchg_self) || '%'")" = 0

g lap1.db enroll guanai-office.pub --worker 李娜 --township 大平房镇 --fingerprint 0000-0000-0000-0000-0000 > "$out" 2>&1
check "enrolment with the wrong fingerprint is refused" test $? -eq 1
check "it says the file is not from the office" grep -q 'not from your office' "$out"
g lap1.db enroll guanai-office.pub --worker 李娜 --township 大平房镇 < /dev/null > "$out" 2>&1
check "enrolment without a terminal needs --fingerprint" test $? -eq 1
g lap1.db enroll guanai-office.pub --worker 李娜 --township 大平房镇 --fingerprint "$fp" > "$out" 2>&1
check "laptop 1 enrols" test $? -eq 0
check "the enrolment file is named after the worker" test -f guanai-device-李娜.enrol
g lap2.db enroll guanai-office.pub --worker 王芳 --township 大平房镇 --fingerprint "$fp" > "$out" 2>&1
check "laptop 2 enrols" test $? -eq 0
g office.db devices add guanai-device-李娜.enrol > "$out" 2>&1
check "the office registers laptop 1" test $? -eq 0
g office.db devices add guanai-device-王芳.enrol > "$out" 2>&1
check "the office registers laptop 2" test $? -eq 0
g office.db devices add guanai-device-王芳.enrol > "$out" 2>&1
check "a device registered twice is refused" test $? -ne 0
sed 's/^worker 王芳/worker 张三/' guanai-device-王芳.enrol > forged.enrol
g office.db devices add forged.enrol > "$out" 2>&1
check "an altered enrolment file is refused" grep -q 'altered' "$out"
g office.db devices > "$out" 2>&1
check "devices lists both laptops" test "$(grep -c active "$out")" = 2

# The laptop's recovery key went to the office sealed in the enrolment file.
check "the enrolment file carries a sealed recovery key" \
	grep -Eq '^recovery [0-9a-f]{200,}$' guanai-device-李娜.enrol
first=$(sed -n 's/^recovery \(.\).*/\1/p' guanai-device-李娜.enrol)
[ "$first" = a ] && new=b || new=a
sed "s/^recovery ./recovery $new/" guanai-device-李娜.enrol > swapped.enrol
g office.db devices add swapped.enrol > "$out" 2>&1
check "an enrolment file with an altered recovery key is refused" grep -q 'altered' "$out"
g office.db devices recovery-key 李娜 --out rk.txt > "$out" 2>&1
check "opening a recovery key without a reason is refused" test $? -ne 0
check "it asks for the reason" grep -q 'needs a reason' "$out"
echo 'clerk-secret-1' > clerk.pw
g office.db users add clerk --role worker --new-password-file clerk.pw > /dev/null 2>&1
g office.db devices recovery-key 李娜 --reason 忘记密码 --out rk.txt --user clerk \
	--password-file clerk.pw > "$out" 2>&1
check "a worker at the office cannot open a recovery key" grep -q 'only a supervisor' "$out"
check "and no file is written" test ! -e rk.txt
g office.db devices recovery-key 李娜 --reason '李娜忘记了密码' --out rk.txt > "$out" 2>&1
check "a supervisor opens laptop 1's recovery key into a file" test $? -eq 0 -a -s rk.txt
check "readable by her only" test "$(stat -c %a rk.txt)" = 600
check "nothing secret is printed" sh -c "! grep -qi \"\$(tr -d ' \n' < rk.txt | cut -c1-16)\" '$out'"
check "the opening is audited with its reason" \
	test "$(count office.db "SELECT count(*) FROM audit WHERE action = 'exchange.recovery_key' AND detail LIKE '%李娜忘记了密码'")" = 1
g office.db devices recovery-key 李娜 --reason again --out rk.txt > "$out" 2>&1
check "it never writes over a file" test $? -ne 0
g office.db devices recovery-key 赵某 --reason x --out rk2.txt > "$out" 2>&1
check "an unknown device has no recovery key" test $? -ne 0
for f in lap1.db*; do cp "$f" "lost${f#lap1}"; done
echo 'new-secret-99' > new.pw
g lost.db users passwd tester --recovery-file rk.txt --new-password-file new.pw > "$out" 2>&1
check "the office's copy resets a password on the laptop's database" test $? -eq 0
g lost.db cases --user tester --password-file new.pw > "$out" 2>&1
check "and the new password opens it" test $? -eq 0

# Laptop 1 interviews two children; laptop 2 the first of them again.
id1=$(g lap1.db import "$kid" 2>/dev/null)
id2=$(g lap1.db import "$other" 2>/dev/null)
id3=$(g lap2.db import "$kid" 2>/dev/null)
check "the laptops store their interviews" test -n "$id1" -a -n "$id2" -a -n "$id3"
g lap1.db review "$id1" approve > "$out" 2>&1
check "an enrolled laptop cannot review a case" test $? -ne 0
check "it says the office reviews" grep -q 'only the office reviews' "$out"
g lap1.db send --out usb > "$out" 2>&1
check "laptop 1 sends" test $? -eq 0
b1=usb/guanai-大平房镇-李娜-1.bundle
check "the bundle is named township-worker-sequence" test -f "$b1"
check "the bundle holds no name in the clear" sh -c "! grep -q 刘思雨 '$b1'"
g lap2.db send --out usb > "$out" 2>&1
check "laptop 2 sends" test $? -eq 0
b2=usb/guanai-大平房镇-王芳-1.bundle

# Attacks on laptop 1's first bundle: nothing may be applied.
size=$(wc -c < "$b1")
for pos in 0 7 8 20 39 40 60 87 88 100 151 152 $((size / 3)) $((size / 2)) $((size - 17)) $((size - 1)); do
	cp "$b1" bad.bundle
	flip bad.bundle "$pos"
	g office.db receive bad.bundle > "$out" 2>&1
	check "a flipped byte at $pos is refused" test $? -eq 1
done
check "no flipped bundle applied anything" test "$(count office.db 'SELECT count(*) FROM cases')" = 0
head -c $((size / 2)) "$b1" > cut.bundle
g office.db receive cut.bundle > "$out" 2>&1
check "a cut bundle is refused" test $? -eq 1
check "the message says it is damaged or cut short" grep -q 'cut short' "$out"
head -c 30 "$b1" > cut2.bundle
g office.db receive cut2.bundle > "$out" 2>&1
check "a bundle cut inside its header is refused" test $? -eq 1
check "nothing of a refused bundle was applied" test "$(count office.db 'SELECT count(*) FROM cases')" = 0

g office.db receive "$b1" > "$out" 2>&1
check "the office receives laptop 1's bundle" test $? -eq 0
check "it says what it applied" grep -q 'bundle 1 of 李娜 applied' "$out"
check "the office holds laptop 1's two cases" test "$(count office.db 'SELECT count(*) FROM cases')" = 2
# results travel without the explanations the policy rebuilds: the policy
# text and what each case's results were computed from travel with them
check "the laptop's results leave their explanations out" \
	test "$(count office.db "SELECT count(*) FROM results WHERE explanation = ''")" -gt 0
check "the policy text travels, once" test "$(count office.db 'SELECT count(*) FROM policy_texts')" = 1
check "with the bases of both cases' results" \
	test "$(count office.db 'SELECT count(*) FROM result_basis')" = 2
before=$(count office.db 'SELECT count(*) FROM answers')
g office.db receive "$b1" > "$out" 2>&1
check "the same bundle twice succeeds" test $? -eq 0
check "and says it changed nothing" grep -q 'received before: nothing changed' "$out"
check "the same bundle twice changes nothing" test "$(count office.db 'SELECT count(*) FROM answers')" = "$before"
g office.db receive "$b2" > "$out" 2>&1
check "the office receives laptop 2's bundle" test $? -eq 0
check "the same child from two laptops is flagged" grep -q 'possible duplicates: 1' "$out"
g office.db duplicates > "$out" 2>&1
check "duplicates lists the pair" grep -q 'same name, date of birth and township' "$out"
g office.db cases > "$out" 2>&1
check "the office's case list shows every worker's cases" test "$(wc -l < "$out")" = 3

# Out of order: laptop 1's bundles 2 and 3 arrive 3 first.
dob=$(count office.db "SELECT value FROM answers WHERE case_id = '$id2' AND key = 'child.dob'")
sq lap1.db "UPDATE answers SET value = '2015-11-03' WHERE case_id = '$id2' AND key = 'child.dob'"
g lap1.db send --out usb > /dev/null 2>&1
sq lap1.db "UPDATE answers SET value = '2015-11-04' WHERE case_id = '$id2' AND key = 'child.dob'"
g lap1.db send --out usb > /dev/null 2>&1
g office.db receive usb/guanai-大平房镇-李娜-3.bundle > "$out" 2>&1
check "a bundle before its predecessor is held" grep -q 'held until bundle 2 comes' "$out"
check "a held bundle applies nothing yet" \
	test "$(count office.db "SELECT value FROM answers WHERE case_id = '$id2' AND key = 'child.dob'")" = "$dob"
g office.db receive usb/guanai-大平房镇-李娜-2.bundle > "$out" 2>&1
check "the gap filled, the held bundle follows" grep -q 'held bundles applied after it: 1' "$out"
check "the office holds the latest value" \
	test "$(count office.db "SELECT value FROM answers WHERE case_id = '$id2' AND key = 'child.dob'")" = 2015-11-04

# A restored laptop: an old copy sends its bundle 4 again with other content.
cp lap1.db lap1-restored.db
cp lap1.db-keys lap1-restored.db-keys
sq lap1.db "UPDATE answers SET value = 'x1' WHERE case_id = '$id2' AND key = 'child.name'"
g lap1.db send --out usb > /dev/null 2>&1
mkdir usb2
sq lap1-restored.db "UPDATE answers SET value = 'x2' WHERE case_id = '$id2' AND key = 'child.name'"
g lap1-restored.db send --out usb2 > /dev/null 2>&1
g office.db receive usb/guanai-大平房镇-李娜-4.bundle > /dev/null 2>&1
g office.db receive usb2/guanai-大平房镇-李娜-4.bundle > "$out" 2>&1
check "a different bundle with a number received before is refused" test $? -eq 1
check "it tells a restored laptop to enrol again" grep -q 'enrol again' "$out"
check "the refused bundle changed nothing" \
	test "$(count office.db "SELECT value FROM answers WHERE case_id = '$id2' AND key = 'child.name'")" = x1
g office.db receive usb/guanai-大平房镇-李娜-1.bundle > "$out" 2>&1
check "a replayed old bundle changes nothing" grep -q 'nothing changed' "$out"
check "the replay did not bring the old value back" \
	test "$(count office.db "SELECT value FROM answers WHERE case_id = '$id2' AND key = 'child.dob'")" = 2015-11-04

# The office returns a case; the laptop edits it before hearing: a conflict.
g office.db review "$id1" return --reason documents --note 请补充户口本 > "$out" 2>&1
check "the office returns a case" test $? -eq 0
sq lap1.db "UPDATE answers SET value = '5' WHERE case_id = '$id1' AND key = 'child.grade'"
g lap1.db send --out usb > /dev/null 2>&1
g office.db receive usb/guanai-大平房镇-李娜-5.bundle > "$out" 2>&1
check "an edit after the office's return is received" test $? -eq 0
g office.db conflicts > "$out" 2>&1
check "it is listed as a conflict" grep -q 'office-changed' "$out"
check "the office's value is kept" \
	test "$(count office.db "SELECT value FROM answers WHERE case_id = '$id1' AND key = 'child.grade'")" = 3
check "the answer is named by its question, its values as answers, not JSON" \
	grep -q "$(printf 'answers\tvalue\tGrade\t3\t5\t')" "$out"
check "the rows that follow the answer are not listed beside it" \
	test "$(grep -c . "$out")" = 1
g office.db conflicts --all > "$out.all" 2>&1
check "they are listed under --all" grep -q 'result_basis' "$out.all"
cid=$(grep 'answers' "$out" | grep 'value' | head -1 | cut -f1)
g office.db conflicts resolve "$cid" 'x' > "$out" 2>&1
check "a typed value that is no answer is refused" test $? -ne 0
check "it says why and that nothing changed" grep -q 'whole number; nothing was changed' "$out"
check "the refused value changed nothing" \
	test "$(count office.db "SELECT value FROM answers WHERE case_id = '$id1' AND key = 'child.grade'")" = 3
check "and decided nothing" test "$(count office.db "SELECT count(*) FROM xchg_conflicts WHERE state = 'open'")" -ge 2
g office.db conflicts resolve "$cid" keep-laptop > "$out" 2>&1
check "a supervisor decides a conflict" test $? -eq 0
check "keeping the laptop's value writes it at the office" \
	test "$(count office.db "SELECT value FROM answers WHERE case_id = '$id1' AND key = 'child.grade'")" = 5
check "the rows that followed it are decided with it" \
	test "$(count office.db "SELECT count(*) FROM xchg_conflicts WHERE state = 'open'")" = 0
check "each decision is audited, the followers naming the answer's conflict" \
	test "$(count office.db "SELECT count(*) FROM audit WHERE action = 'exchange.conflict'")" -ge 2 -a \
	"$(count office.db "SELECT count(*) FROM audit WHERE action = 'exchange.conflict' AND detail NOT LIKE '%following $cid%' AND detail NOT LIKE 'conflict $cid%'")" = 0
check "the laptop's rows that followed are written" \
	test "$(count office.db "SELECT count(*) FROM xchg_conflicts WHERE state = 'resolved' AND decision <> 'keep-laptop'")" = 0

# The office's decisions travel back.
g office.db send --device 李娜 --out usb > "$out" 2>&1
check "the office writes a bundle for laptop 1" test $? -eq 0
ob=$(sed -n 's/: bundle.*//p' "$out")
check "it is named after the worker and the device" \
	sh -c "expr '$ob' : 'usb/guanai-office-李娜-[0-9a-f]\{8\}-1.bundle\$' > /dev/null"
g lap1.db receive "$ob" > "$out" 2>&1
check "laptop 1 receives the office's bundle" test $? -eq 0
check "the laptop holds the return" \
	test "$(count lap1.db "SELECT status FROM cases WHERE id = '$id1'")" = returned
check "the laptop holds the reason" \
	test "$(count lap1.db "SELECT note FROM reviews WHERE case_id = '$id1'")" = 请补充户口本
g lap2.db receive "$ob" > "$out" 2>&1
check "another laptop cannot open a bundle sealed to laptop 1" grep -q 'sealed to another' "$out"
g lap1.db send --out usb > "$out" 2>&1
check "after the acknowledgement no case's change is sent again" grep -q 'of cases: 0' "$out"

# A laptop cannot forge decisions.
sq lap2.db "UPDATE cases SET status = 'reviewed' WHERE id = '$id3'"
g lap2.db send --out usb > /dev/null 2>&1
g office.db receive usb/guanai-大平房镇-王芳-2.bundle > "$out" 2>&1
check "a laptop's bundle that reviews a case is refused" test $? -eq 1
check "it says only the office decides" grep -q 'only the office decides' "$out"
check "the case stays as it was" test "$(count office.db "SELECT status FROM cases WHERE id = '$id3'")" = complete

# Revoked, unknown, other office.
g office.db devices revoke 王芳 > "$out" 2>&1
check "the office revokes laptop 2" test $? -eq 0
sq lap2.db "UPDATE cases SET status = 'complete' WHERE id = '$id3'"
g lap2.db send --out usb > /dev/null 2>&1
g office.db receive usb/guanai-大平房镇-王芳-3.bundle > "$out" 2>&1
check "a revoked device's bundle is refused" test $? -eq 1
check "the message says it is revoked" grep -q 'revoked' "$out"
g lap3.db enroll guanai-office.pub --worker 赵敏 --fingerprint "$fp" > /dev/null 2>&1
g lap3.db import "$other" > /dev/null 2>&1
g lap3.db send --out usb > /dev/null 2>&1
g office.db receive usb/guanai-赵敏-1.bundle > "$out" 2>&1
check "an unregistered device's bundle is refused" test $? -eq 1
check "the message says how to register it" grep -q 'devices add' "$out"
mkdir other
(cd other && g other.db office init --name 别的乡 > /dev/null 2>&1)
fp2=$(sed -n 's/^fingerprint //p' other/guanai-office.pub)
g lap4.db enroll other/guanai-office.pub --worker 孙丽 --fingerprint "$fp2" > /dev/null 2>&1
g office.db devices add guanai-device-孙丽.enrol > "$out" 2>&1
check "a device enrolled with another office cannot be registered" grep -q 'another office' "$out"
g lap4.db import "$other" > /dev/null 2>&1
g lap4.db send --out usb > /dev/null 2>&1
g office.db receive usb/guanai-孙丽-1.bundle > "$out" 2>&1
check "a bundle sealed to another office is refused" grep -q 'sealed to another office' "$out"
check "nothing of the refused bundles was applied" test "$(count office.db 'SELECT count(*) FROM cases')" = 3
g office.db devices bundles > "$out" 2>&1
check "devices bundles lists the revoked device's bundle as refused, with why" \
	grep -q "王芳	3	.*	refused	.*revoked" "$out"
check "and the unregistered device's, by its number" grep -q '	1	.*	refused	.*devices add' "$out"
check "and those applied, with their cases" grep -q '李娜	5	.*	[0-9]*	applied$' "$out"
check "a refused bundle's rows are not kept" test "$(count office.db \
	"SELECT count(*) FROM xchg_received r JOIN xchg_devices d ON d.id = r.sender WHERE d.worker = '王芳' AND r.seq = 3")" = 0

g office.db devices > "$out" 2>&1
check "devices shows the last bundle of laptop 1" grep -q '李娜.*bundle 5' "$out"

# The restored laptop enrols again as a new device and gets the open cases.
old=$(grep 李娜 "$out" | cut -f1)
g lap1-restored.db receive "$ob" > "$out" 2>&1
check "a restored laptop is told to enrol again" grep -q 'enroll --again' "$out"
g lap1-restored.db enroll guanai-office.pub --again --worker 李娜 --township 大平房镇 \
	--fingerprint "$fp" --out again.enrol > "$out" 2>&1
check "the restored laptop enrols again" test $? -eq 0
g office.db devices add again.enrol > "$out" 2>&1
check "the office registers it as a new device" test $? -eq 0
new=$(sed -n 's/^Device \([0-9a-f]*\) .*/\1/p' "$out")
g office.db devices revoke "$old" > "$out" 2>&1
check "the office revokes the old device" test $? -eq 0
g office.db assign --from "$old" "$new" > "$out" 2>&1
check "the office hands the old device's open cases to the new one" grep -q 'given to device.*: 2' "$out"
check "the hand-over is audited" \
	test "$(count office.db "SELECT count(*) FROM audit WHERE action = 'case.assign'")" = 2
g office.db send --device "$new" --out usb > "$out" 2>&1
check "the office writes the new device's first bundle" grep -q "guanai-office-李娜-$new-1.bundle" "$out"
g lap1-restored.db receive "$(sed -n 's/: bundle.*//p' "$out")" > "$out" 2>&1
check "the new device receives its cases" test $? -eq 0
g lap1-restored.db send --out usb2 > "$out" 2>&1
g office.db receive usb2/guanai-大平房镇-李娜-1.bundle > "$out" 2>&1
check "the office accepts the new device's bundle" test $? -eq 0

# A bundle lost on the way is written again, byte for byte.
sq lap1-restored.db "UPDATE answers SET value = '2' WHERE key = 'child.grade'"
g lap1-restored.db send --out usb2 > /dev/null 2>&1
cp usb2/guanai-大平房镇-李娜-2.bundle lost.bundle
rm usb2/guanai-大平房镇-李娜-2.bundle
g lap1-restored.db send --out usb2 > /dev/null 2>&1
g office.db receive usb2/guanai-大平房镇-李娜-3.bundle > "$out" 2>&1
check "after a lost bundle the next one is held" grep -q 'held until bundle 2' "$out"
g lap1-restored.db send --again 2 --out usb2 > "$out" 2>&1
check "send --again writes the lost bundle again" test $? -eq 0
check "as it was, byte for byte" cmp -s lost.bundle usb2/guanai-大平房镇-李娜-2.bundle
g office.db receive usb2/guanai-大平房镇-李娜-2.bundle > "$out" 2>&1
check "the gap filled, the office applies both" grep -q 'held bundles applied after it: 1' "$out"
g lap1-restored.db send --again 9 --out usb2 > "$out" 2>&1
check "a bundle never written cannot be written again" test $? -ne 0

# A laptop cannot give a case to another worker.
sq lap1-restored.db "UPDATE cases SET worker = '王芳' WHERE id = '$id2'"
mkdir usb4
g lap1-restored.db send --out usb4 > /dev/null 2>&1
g office.db receive usb4/guanai-大平房镇-李娜-4.bundle > "$out" 2>&1
check "a laptop's bundle that gives a case to another worker is refused" grep -q 'another worker' "$out"
check "the case keeps its owner" test "$(count office.db "SELECT worker FROM cases WHERE id = '$id2'")" != 王芳

# The device enrolled again writes into the folder its old device used:
# its names take its own digits instead of clashing with the old ones.
cp usb/guanai-大平房镇-李娜-5.bundle old5.bundle
sq lap1-restored.db "UPDATE answers SET value = '3' WHERE key = 'child.grade'"
g lap1-restored.db send --out usb > "$out" 2>&1
check "the new device writes into the old device's folder" test $? -eq 0
check "under a name with its own digits" test -f "usb/guanai-大平房镇-李娜-$new-5.bundle"
check "the old device's bundle of that number is untouched" cmp -s old5.bundle usb/guanai-大平房镇-李娜-5.bundle
g office.db receive "usb/guanai-大平房镇-李娜-$new-5.bundle" > "$out" 2>&1
check "the office reads it by its content, whatever its name" test $? -eq 0

# The consent gate: a case that records no legal basis stays on the laptop.
g lap5.db enroll guanai-office.pub --worker 周丽 --township 大平房镇 --fingerprint "$fp" > /dev/null 2>&1
# Lines below the signature count for nothing: only what it covers is read.
sealed=$(sed -n 's/^recovery //p' guanai-device-周丽.enrol)
printf 'township 伪造镇\nrecovery 00\n' >> guanai-device-周丽.enrol
g office.db devices add guanai-device-周丽.enrol > "$out" 2>&1
check "an enrolment file with lines added below its signature registers" test $? -eq 0
check "the township is the signed one, not the line added below" \
	test "$(count office.db "SELECT township FROM xchg_devices WHERE worker = '周丽'")" = 大平房镇
check "the sealed recovery key is the signed one" \
	test "$(count office.db "SELECT recovery_sealed FROM xchg_devices WHERE worker = '周丽'")" = "$sealed"
nb1=$(g lap5.db import "$nobasis" 2>/dev/null)
nb2=$(g lap5.db import "$nobasis2" 2>/dev/null)
ok=$(g lap5.db import "$kid" 2>/dev/null)
check "laptop 5 stores two cases without a legal basis and one with" test -n "$nb1" -a -n "$nb2" -a -n "$ok"
mkdir usb5
g lap5.db send --out usb5 > "$out" 2>&1
check "a laptop sends while cases record no legal basis" test $? -eq 0
check "the send names the cases held back" \
	sh -c "grep -q '^  $nb1\$' '$out' && grep -q '^  $nb2\$' '$out' && ! grep -q '$ok' '$out'"
check "it says what to record" grep -q "guardian's consent (who gave it" "$out"
check "it says how a supervisor sends them now" grep -q 'override-consent REASON' "$out"
g office.db receive usb5/guanai-大平房镇-周丽-1.bundle > "$out" 2>&1
check "the office receives laptop 5's bundle" test $? -eq 0
check "it holds the case with a legal basis" \
	test "$(count office.db "SELECT count(*) FROM cases WHERE id = '$ok'")" = 1
check "and nothing of the cases held back" \
	test "$(count office.db "SELECT count(*) FROM answers WHERE case_id IN ('$nb1', '$nb2')")" = 0
g lap5.db send --out usb5 --override-consent ' ' > "$out" 2>&1
check "an override without a reason is refused" test $? -eq 2
check "it asks for a reason" grep -q 'needs a reason' "$out"
echo 'worker-secret-5' > w5.pw
g lap5.db users add xiaozhou --role worker --new-password-file w5.pw > /dev/null 2>&1
g lap5.db send --out usb5 --override-consent 派出所要求 --user xiaozhou --password-file w5.pw \
	> "$out" 2>&1
check "a worker cannot override the consent gate" test $? -eq 1
check "it says only a supervisor may" grep -q 'only a supervisor' "$out"
check "the refused send wrote no bundle" test ! -e usb5/guanai-大平房镇-周丽-2.bundle
check "and recorded no override" \
	test "$(count lap5.db "SELECT count(*) FROM audit WHERE action = 'consent.override'")" = 0
# the first case's basis is recorded later; it travels whole with the next bundle
sq lap5.db "INSERT INTO answers (case_id, key, value, seq, answered_at, updated_at, device)
	VALUES ('$nb1', 'consent.basis', 'statutory_duty', 900, 0, 0, 'd'),
	       ('$nb1', 'consent.reason', '强制报告', 901, 0, 0, 'd')"
g lap5.db send --out usb5 > "$out" 2>&1
check "the next send holds back only the case still without a basis" \
	sh -c "grep -q '^  $nb2\$' '$out' && ! grep -q '$nb1' '$out'"
g office.db receive usb5/guanai-大平房镇-周丽-2.bundle > /dev/null 2>&1
check "the case whose basis came later reaches the office whole" \
	test "$(count office.db "SELECT count(*) FROM answers WHERE case_id = '$nb1'")" = \
	"$(count lap5.db "SELECT count(*) FROM answers WHERE case_id = '$nb1'")"
check "the other is still not there" \
	test "$(count office.db "SELECT count(*) FROM cases WHERE id = '$nb2'")" = 0
g lap5.db send --out usb5 --override-consent '强制报告: 派出所要求' > "$out" 2>&1
check "a supervisor overrides the consent gate" test $? -eq 0
check "nothing is held back then" sh -c "! grep -q 'Held back' '$out'"
check "the override is audited with its reason" \
	test "$(count lap5.db "SELECT detail FROM audit WHERE action = 'consent.override' AND case_id = '$nb2'")" = \
	'send: 强制报告: 派出所要求'
g office.db receive usb5/guanai-大平房镇-周丽-3.bundle > /dev/null 2>&1
check "the overridden case reaches the office" \
	test "$(count office.db "SELECT count(*) FROM cases WHERE id = '$nb2'")" = 1

# Clocks: shown as warnings on both sides, never used to order.
day=86400000
sq lap5.db "UPDATE answers SET value = '4' WHERE case_id = '$ok' AND key = 'child.grade'"
GUANAI_TEST_CLOCK_SHIFT_MS=$((3 * day)) g lap5.db send --out usb5 > "$out" 2>&1
check "a laptop whose clock runs 3 days ahead still sends" test $? -eq 0
check "the laptop itself has nothing to compare its clock with yet" sh -c "! grep -q 'warning' '$out'"
g office.db receive usb5/guanai-大平房镇-周丽-4.bundle > "$out" 2>&1
check "the office applies it" grep -q 'bundle 4 of 周丽 applied' "$out"
check "and warns that the laptop's clock is days ahead" grep -q 'clock is 3 days ahead' "$out"
check "the warning is kept beside the bundle" test -n \
	"$(count office.db "SELECT clock_warning FROM xchg_received WHERE seq = 4 AND sender = (SELECT id FROM xchg_devices WHERE worker = '周丽')")"
sq lap5.db "UPDATE answers SET value = '5' WHERE case_id = '$ok' AND key = 'child.grade'"
g lap5.db send --out usb5 > "$out" 2>&1
check "the laptop set right warns that its clock went back" grep -q "clock went back" "$out"
g office.db receive usb5/guanai-大平房镇-周丽-5.bundle > "$out" 2>&1
check "the office warns that the sender's clock went back" grep -q 'went back since its bundle 4' "$out"
check "the later bundle's value stands: order is by sequence, not clock" \
	test "$(count office.db "SELECT value FROM answers WHERE case_id = '$ok' AND key = 'child.grade'")" = 5
GUANAI_TEST_CLOCK_SHIFT_MS=$((2 * day)) g office.db send --device 周丽 --out usb5 > "$out" 2>&1
check "an office whose clock runs ahead sends" test $? -eq 0
g lap5.db receive "$(sed -n 's/: bundle.*//p' "$out")" > "$out" 2>&1
check "the laptop warns that the office's clock is ahead" grep -q "office's clock is 2 days ahead" "$out"
sq lap5.db "UPDATE answers SET value = '6' WHERE case_id = '$ok' AND key = 'child.grade'"
g lap5.db send --out usb5 > "$out" 2>&1
check "and says so again when it next sends" grep -q "other side's clock is 2 days ahead" "$out"

# The same child written with other characters of the same sound.
sed 's/^child.name = 刘思雨$/child.name = 刘思宇/' "$kid" > sound.answers
sid=$(g lap5.db import sound.answers 2>/dev/null)
check "laptop 5 stores 刘思宇" test -n "$sid"
g lap5.db send --out usb5 > "$out" 2>&1
g office.db receive usb5/guanai-大平房镇-周丽-6.bundle "$(sed -n 's/: bundle.*//p' "$out")" \
	> "$out" 2>&1
check "the office flags the name of the same pinyin" grep -q 'possible duplicates: [1-9]' "$out"
g office.db duplicates > "$out" 2>&1
check "duplicates says it is the same name in pinyin" \
	sh -c "grep '$sid' '$out' | grep -q 'same name in pinyin, date of birth and township'"
done_testing
