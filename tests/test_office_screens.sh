#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The office's conflicts and duplicates screens (tui/screen_conflicts.c,
# tui/screen_duplicates.c), reached from the exchange screen: an office and
# two laptops exchange bundles so that the office holds a pair of cases of
# one child and fields a laptop changed after the office returned the case;
# a supervisor decides them on the screens under
# tests/office-scripts/*.keys, in English and Chinese at 80x24, text and
# colour layer against tests/golden/office.  The decisions are checked in
# the database as the commands' are; a worker does not reach the lists.
# Only "make update-golden" (which gives --update-golden) rewrites the
# golden files.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/golden_checks.sh"
update=false
[ "${1-}" = --update-golden ] && update=true
work=$(mktemp -d) || exit 1
[ -n "$GUANAI_TEST_KEEP" ] || trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
scripts="$top_srcdir/tests/office-scripts"
golden="$top_srcdir/tests/golden/office"
today=$(date +%Y-%m-%d)
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

# make_office DIR: an office in DIR holding one child from two laptops (a
# possible duplicate) and laptop 1's later edit of another child's case the
# office returned meanwhile (conflicts); returns 0 when all went.
make_office() {
	d=$1
	mkdir -p "$work/$d/usb" && cd "$work/$d" || return 1
	g "$d/office.db" office init --name 大平房镇 > /dev/null 2>&1 || return 1
	fp=$(sed -n 's/^fingerprint //p' guanai-office.pub)
	g "$d/lap1.db" enroll guanai-office.pub --worker 李娜 --township 大平房镇 \
		--fingerprint "$fp" > /dev/null 2>&1 || return 1
	g "$d/lap2.db" enroll guanai-office.pub --worker 王芳 --township 大平房镇 \
		--fingerprint "$fp" > /dev/null 2>&1 || return 1
	g "$d/office.db" devices add guanai-device-李娜.enrol > /dev/null 2>&1 || return 1
	g "$d/office.db" devices add guanai-device-王芳.enrol > /dev/null 2>&1 || return 1
	g "$d/lap1.db" import "$kid" > /dev/null 2>&1 || return 1
	id1=$(g "$d/lap1.db" import "$other" 2>/dev/null)
	g "$d/lap2.db" import "$kid" > /dev/null 2>&1 || return 1
	g "$d/lap1.db" send --out usb > /dev/null 2>&1 || return 1
	g "$d/lap2.db" send --out usb > /dev/null 2>&1 || return 1
	g "$d/office.db" receive usb/guanai-大平房镇-李娜-1.bundle usb/guanai-大平房镇-王芳-1.bundle \
		> /dev/null 2>&1 || return 1
	g "$d/office.db" review "$id1" return --reason documents --note 请补充户口本 \
		> /dev/null 2>&1 || return 1
	sq "$d/lap1.db" "UPDATE answers SET value = '5' WHERE case_id = '$id1' AND key = 'child.grade'" \
		|| return 1
	g "$d/lap1.db" send --out usb > /dev/null 2>&1 || return 1
	g "$d/office.db" receive usb/guanai-大平房镇-李娜-2.bundle > /dev/null 2>&1 || return 1
	# a bundle cut short on the stick: refused, and listed so
	head -c 200 usb/guanai-大平房镇-王芳-1.bundle > cut.bundle
	"$GUANAI" --lang "$d" --db "$work/$d/office.db" receive cut.bundle > /dev/null 2>&1 && return 1
	g "$d/office.db" devices | cut -f1 > devices
	echo "$id1" > case1
	g "$d/office.db" duplicates | cut -f1,2 | tr '\t' '\n' > cases
	g "$d/office.db" conflicts | cut -f1 > conflicts
	cd "$work"
}

# stable DUMP: the dump with what differs from run to run named instead:
# today, the folder, the fingerprint, case, conflict and device ids (8 columns each:
# the pair's by their order, the conflicts' case apart)
stable() {
	r=$(cut -c1-8 "$work/$lang/case1")
	a=$(sed -n 1p "$work/$lang/cases" | cut -c1-8)
	b=$(sed -n 2p "$work/$lang/cases" | cut -c1-8)
	c1=$(sed -n 1p "$work/$lang/conflicts")
	c2=$(sed -n 2p "$work/$lang/conflicts")
	d1=$(sed -n 1p "$work/$lang/devices")
	d2=$(sed -n 2p "$work/$lang/devices")
	sed -e "s/$today/TODAY/g" -e "s/$d1/DEVICEID/g" -e "s/$d2/DEVICEID/g" -e "s|$work/$lang|FOLDER|" -e "s/$r/CASE-RET/g" -e "s/$a/CASE-AAA/g" -e "s/$b/CASE-BBB/g" \
		-e "s/$c1/CONFL-01/g" -e "s/$c2/CONFL-02/g" \
		-e 's/[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}/FINGERPRINT-XXXXXXXXXXX/' \
		-e 's/ [0-9a-f]\{8\} \(active\|在用\) / DEVICEID \1 /' "$1"
}

: > "$work/dumped"
for lang in en zh; do
	make_office "$lang"
	check "the office holds conflicts and a pair ($lang)" \
		test "$(g "$lang/office.db" conflicts | wc -l)" -ge 1 -a \
		"$(g "$lang/office.db" duplicates | wc -l)" = 1
	mkdir -p "$work/$lang/out"
	for script in "$scripts"/*.keys; do
		name=$(basename "$script" .keys)
		out="$work/$lang/out"
		(cd "$work/$lang" && GUANAI_TEST_SCRIPT="$script" GUANAI_TEST_DUMP_DIR="$out" \
			GUANAI_TEST_TODAY=2026-11-20 GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 \
			TERM=xterm-256color NO_COLOR= \
			"$GUANAI" --lang "$lang" --db "$work/$lang/office.db" > "$work/$lang/log" 2>&1)
		rc=$?
		check "$name ($lang) runs to the end" test "$rc" -eq 0
		[ "$rc" -eq 0 ] || diag "$(cat "$work/$lang/log")"
		check_dumped "$name ($lang)" "$script" "$out" "$work/dumped" "$lang-"
		for dump in "$out"/*.txt; do
			[ -f "$dump" ] || continue
			base=$lang-$(basename "$dump")
			stable "$dump" > "$dump.cmp"
			if $update; then
				mkdir -p "$golden"
				cp "$dump.cmp" "$golden/$base"
			fi
			if cmp -s "$dump.cmp" "$golden/$base"; then
				ok "$base matches the golden screen"
			else
				not_ok "$base matches the golden screen"
				diag "$(diff -u "$golden/$base" "$dump.cmp" 2>&1 | head -40)"
			fi
			check_colors "$base has the golden colours" "$dump" "$golden/$base" "$update"
			check_bar "$base: the key bar keeps its first keys" "$dump"
		done
	done
	# what the screens decided, as the commands would have
	id1=$(cat "$work/$lang/case1")
	check "the typed value is the office's answer now ($lang)" test "$(sq "$lang/office.db" \
		"SELECT value FROM answers WHERE case_id = '$id1' AND key = 'child.grade'")" = 6
	check "the answer and the row that followed it are decided, audited ($lang)" \
		test "$(sq "$lang/office.db" \
		"SELECT count(*) FROM audit WHERE action = 'exchange.conflict'")" = 2
	check "no conflict is left ($lang)" test "$(g "$lang/office.db" conflicts)" = 'No conflict to decide.'
	check "the pair is marked as different children ($lang)" \
		sh -c "'$GUANAI' --db '$work/$lang/office.db' duplicates --all | grep -q different"
	check "the cancelled merge closed no case ($lang)" test "$(sq "$lang/office.db" \
		"SELECT count(*) FROM cases WHERE status = 'closed'")" = 0
done

# A worker at the office does not reach the lists.
echo 'clerk-secret-1' > clerk.pw
g en/office.db users add clerk --role worker --new-password-file clerk.pw > /dev/null 2>&1
printf 'key x\ndump worker.txt\nkey Enter q\n' > worker.keys
mkdir -p worker
(GUANAI_USER=clerk GUANAI_PASSWORD_FILE="$work/clerk.pw" GUANAI_TEST_SCRIPT="$work/worker.keys" \
	GUANAI_TEST_DUMP_DIR="$work/worker" GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 \
	"$GUANAI" --lang en --db "$work/en/office.db" > worker.log 2>&1)
check "a worker at the office is told only a supervisor decides there" \
	grep -q 'Only a supervisor' "$work/worker/worker.txt"
check "and sees no conflict nor pair" sh -c "! grep -q 'F7\\|conflicts\\|CASE' '$work/worker/worker.txt'"
check_no_orphans "every golden screen is dumped by a script" "$golden" "$work/dumped"
done_testing
