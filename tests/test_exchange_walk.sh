#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# "A first exchange, step by step" (docs/exchange.md), by the commands the
# README gives: an office and two laptops, each in a folder of its own as
# three machines would be, bundles carried both ways through a folder that
# stands for the USB stick.  The same child entered on both laptops is
# flagged; a case returned at the office is returned on its laptop, with
# the reason; an edit on a laptop after the office's return is a conflict,
# decided; the office's changed policy file travels to the laptops, whose
# commands then name and count the items by it.
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
mkdir office lap1 lap2 usb
# on MACHINE ARGS...: guanai run in that machine's folder, on its database
on() { m=$1; shift; (cd "$work/$m" && "$GUANAI" --lang en --db "$work/$m/guanai.db" "$@"); }
# sq MACHINE SQL: plain SQL on a machine's database, through the extension
sq() {
	m=$1; shift
	GUANAI_KEYS="$work/$m/guanai.db-keys" sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" \
		-cmd ".open file:$work/$m/guanai.db?vfs=guanai-crypt" ':memory:' "$@"
}

# 1. The office, once: its keys and the public file for the laptops.
on office office init --name 大平房镇 > "$out" 2>&1
check "the office is set up" test $? -eq 0
check "it writes its public file in its folder" test -s office/guanai-office.pub
fp=$(sed -n 's/^fingerprint //p' office/guanai-office.pub)
check "it prints the fingerprint to read aloud" grep -q "$fp" "$out"
cp office/guanai-office.pub usb/

# 2. Each laptop enrols with the office's public file, checking the fingerprint.
on lap1 enroll $work/usb/guanai-office.pub --worker 李娜 --township 大平房镇 --fingerprint "$fp" \
	> "$out" 2>&1
check "laptop 1 enrols" test $? -eq 0
check "it says to give its enrolment file to the office" grep -q 'guanai-device-李娜.enrol' "$out"
on lap2 enroll $work/usb/guanai-office.pub --worker 王芳 --township 大平房镇 --fingerprint "$fp" \
	> /dev/null 2>&1
check "laptop 2 enrols" test -s lap2/guanai-device-王芳.enrol
cp lap1/guanai-device-李娜.enrol lap2/guanai-device-王芳.enrol usb/
on office devices add $work/usb/guanai-device-李娜.enrol > "$out" 2>&1
check "the office registers laptop 1" test $? -eq 0
on office devices add $work/usb/guanai-device-王芳.enrol > /dev/null 2>&1
on office devices > "$out" 2>&1
check "the office lists both laptops, active" test "$(grep -c active "$out")" = 2

# 3. Interviews on the laptops (answers files stand for the screens): the
# same child on both.
id1=$(on lap1 import "$kid" 2>/dev/null)
id2=$(on lap1 import "$other" 2>/dev/null)
id3=$(on lap2 import "$kid" 2>/dev/null)
check "the laptops hold their cases" test -n "$id1" -a -n "$id2" -a -n "$id3"

# 4. The laptops write their bundles onto the stick; the office reads them.
on lap1 send --out $work/usb > "$out" 2>&1
check "laptop 1 writes its bundle" test -s usb/guanai-大平房镇-李娜-1.bundle
check "it says how many cases it carries" grep -q 'cases: 2' "$out"
on lap2 send --out $work/usb > /dev/null 2>&1
check "laptop 2 writes its bundle" test -s usb/guanai-大平房镇-王芳-1.bundle
on office receive $work/usb/guanai-大平房镇-*.bundle > "$out" 2>&1
check "the office receives both" test $? -eq 0
check "it names each laptop's bundle by its worker" \
	sh -c "grep -q 'bundle 1 of 李娜 applied' '$out' && grep -q 'bundle 1 of 王芳 applied' '$out'"
check "the same child from the two laptops is flagged on receive" \
	grep -q 'possible duplicates: 1' "$out"
on office duplicates > "$out" 2>&1
check "duplicates lists the two cases of the child" \
	sh -c "grep -q '$id1' '$out' && grep -q '$id3' '$out'"
on office devices bundles > "$out" 2>&1
check "devices bundles lists both as applied" test "$(grep -c applied "$out")" = 2

# 5. A supervisor returns a case; the office's policy file has changed (item
# 39 renamed): its bundles for the laptops carry the decision and the policy.
on office review "$id2" return --reason documents --note 请补充户口本 > "$out" 2>&1
check "the supervisor returns laptop 1's case" test $? -eq 0
sed -e 's/^  version: 2024.1$/  version: 2024.2/' \
	-e '/^item 39$/,$s/^  name_en: Employment and business services$/  name_en: Vocational training services/' \
	"$GUANAI_POLICY" > office/county.policy
GUANAI_POLICY="$work/office/county.policy" on office send --device 李娜 --out $work/usb > "$out" 2>&1
check "the office writes laptop 1's bundle" test $? -eq 0
check "with its policy file" grep -q 'with the policy file (version 2024.2)' "$out"
GUANAI_POLICY="$work/office/county.policy" on office send --device 王芳 --out $work/usb \
	> /dev/null 2>&1
check "and laptop 2's" test "$(ls usb/guanai-office-*.bundle | wc -l)" = 2

# 6. Laptop 1 reads its bundle: the return with its reason, the new policy.
on lap1 receive $work/usb/guanai-office-李娜-*.bundle > "$out" 2>&1
check "laptop 1 applies the office's bundle" test $? -eq 0
check "it calls it the office's bundle" grep -q "the office's bundle 1 applied" "$out"
check "it says the office's policy is used for new interviews" \
	grep -q "policy file (version 2024.2, .*) is used for new interviews" "$out"
on lap1 cases --status returned > "$out" 2>&1
check "the returned case is among laptop 1's returned cases" grep -q "^$id2	returned" "$out"
check "with the reason the start screen shows" \
	test "$(sq lap1 "SELECT note FROM reviews WHERE case_id = '$id2'")" = 请补充户口本
on lap1 receive $work/usb/guanai-office-王芳-*.bundle > "$out" 2>&1
check "laptop 1 cannot open laptop 2's bundle" grep -q 'sealed to another' "$out"
# the commands count and name the items by the office's policy too, not by
# the file on the disk (here one that names item 39 otherwise)
on lap1 cases --csv > "$out" 2>&1
check "the laptop's CSV names the items by the office's policy" \
	grep -q '39 Vocational training services' "$out"
GUANAI_POLICY="$work/missing.policy" on lap1 followup "$id2" 40 referred > "$out" 2>&1
check "followup checks item numbers against the office's policy, even without a file" \
	grep -q 'give a number from 1 to 39' "$out"

# 7. The office returns laptop 2's case; the worker edits it before she
# hears of it (the interview's edit: one answer): a conflict at the office.
on lap2 receive $work/usb/guanai-office-王芳-*.bundle > "$out" 2>&1
check "laptop 2 applies its bundle" grep -q "the office's bundle 1 applied" "$out"
on office review "$id3" return --reason documents --note 请补充学籍证明 > /dev/null 2>&1
sq lap2 "UPDATE answers SET value = '4' WHERE case_id = '$id3' AND key = 'child.grade'"
on lap2 send --out $work/usb > /dev/null 2>&1
on office receive $work/usb/guanai-大平房镇-王芳-2.bundle > "$out" 2>&1
check "the office receives the edit" grep -q 'bundle 2 of 王芳 applied; changes: [0-9]*, conflicts: [1-9]' "$out"
on office conflicts > "$out" 2>&1
check "conflicts lists the edit beside the office's change" \
	grep -q "^[0-9a-f]*	$(echo "$id3" | cut -c1-8)	.*office-changed" "$out"
for c in $(cut -f1 "$out"); do
	on office conflicts resolve "$c" keep-office > /dev/null 2>&1 || echo "resolve $c failed"
done > "$work/resolved"
check "the supervisor decides each" test ! -s "$work/resolved"
on office conflicts > "$out" 2>&1
check "no conflict is left" grep -q 'No conflict to decide' "$out"
check "the office's value is kept" \
	test "$(sq office "SELECT value FROM answers WHERE case_id = '$id3' AND key = 'child.grade'")" = 3

# 8. The supervisor merges the child's two cases (the older one kept).
on office duplicates merge "$id1" "$id3" > "$out" 2>&1
check "the two cases of the child are merged" grep -q 'merged into case' "$out"
on office duplicates > "$out" 2>&1
check "no duplicate is left" grep -q 'No possible duplicate to decide' "$out"
GUANAI_POLICY="$work/office/county.policy" on office send --device 王芳 --out $work/usb \
	> /dev/null 2>&1
on lap2 receive $work/usb/guanai-office-王芳-*-2.bundle > "$out" 2>&1
check "laptop 2 applies the decisions" grep -q "the office's bundle 2 applied" "$out"
check "laptop 2's copy of the merged case is closed" \
	test "$(sq lap2 "SELECT status FROM cases WHERE id = '$id3'")" = closed

# 9. The same stick on the laptop's exchange screen (x, F6 in the folder):
# it reads the office's bundles written for it and leaves laptop 2's alone.
GUANAI_POLICY="$work/office/county.policy" on office send --device 李娜 --out "$work/usb" \
	> /dev/null 2>&1
check "the stick holds bundles for both laptops" \
	test "$(ls usb/guanai-office-李娜-*.bundle | wc -l)" = 2 -a \
	"$(ls usb/guanai-office-王芳-*.bundle | wc -l)" = 2
printf 'key x\nkey F6\ndump read.txt\nkey Esc q\n' > "$work/read.keys"
mkdir "$work/screen"
(cd "$work/usb" && GUANAI_TEST_SCRIPT="$work/read.keys" GUANAI_TEST_DUMP_DIR="$work/screen" \
	GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 TERM=xterm-256color \
	"$GUANAI" --lang en --db "$work/lap1/guanai.db" > "$work/screen.log" 2>&1)
check "the laptop's exchange screen runs" test $? -eq 0
check "it reads its own two bundles, the new one applied, none refused" \
	grep -q 'Bundles read: 2; applied 1, received before 1, held 0, refused 0' "$work/screen/read.txt"
done_testing
