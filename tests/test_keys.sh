#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Each screen's keys are one table that runs them, names them in the key
# bar and makes the F1 help: on every screen tried here, F1 names every key
# the key bar names, each with what it does (a bar cut short ends in
# "F1 all keys", the help itself), and a key no row names
# leaves the screen as it was.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
seed="$top_builddir/tests/screens_seed"

# The screens: how to reach each from the start screen (keys), how to go
# back to the start screen from it, and keys no row of it names (on a
# screen that takes typing, only a function key no row names).
screens="start:-:-:z Z F12
drafts:2:Esc:z Z F12
cases:3:Esc:F12
dashboard:d:Esc:z Z F12
caseview:3 Enter:Esc Esc:z Z F12
users:u:Esc:F12
exchange:x:Esc:F12
conflicts:x F7:Esc Esc:z Z F12
duplicates:x F8:Esc Esc:z Z F12"

"$seed" "$work/db" "$GUANAI_POLICY" nousers > "$work/seed.log" 2>&1
rc=$?
check "the database is seeded" test "$rc" -eq 0
# an office: the exchange screen and its conflicts and duplicates
(cd "$work" && "$GUANAI" --lang en --db "$work/db" office init --name 大平房镇 > office.log 2>&1)
rc=$?
check "the database is made an office" test "$rc" -eq 0
{
	echo "# seed: nousers"
	echo "$screens" | while IFS=: read -r name go back unnamed; do
		[ "$go" = - ] || echo "key $go"
		echo "dump $name.txt"
		echo "key F1"
		echo "dump $name-help.txt"
		echo "key Esc"
		echo "dump $name-back.txt"
		echo "key $unnamed"
		echo "dump $name-unnamed.txt"
		[ "$back" = - ] || echo "key $back"
	done
	echo "key q"
} > "$work/keys.keys"
mkdir -p "$work/out"
(cd "$work" && GUANAI_TEST_SCRIPT="$work/keys.keys" GUANAI_TEST_DUMP_DIR="$work/out" \
	GUANAI_TEST_TODAY=2026-11-20 GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 \
	"$GUANAI" --lang en --db "$work/db" > "$work/log" 2>&1)
rc=$?
check "the script runs to the end" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/log")"

# The report form: the interview of the screen tests up to the form, which
# finishing a case with 强制报告 opens; typing goes to its fields, so only
# a function key no row names is tried.
sed -n '1,/^dump report-form.txt$/p' "$top_srcdir/tests/tui-scripts/screens/interview.keys" \
	| sed 's/^dump report-form.txt$/dump report.txt/' > "$work/report.keys"
check "the interview script reaches the report form" grep -q '^dump report.txt$' "$work/report.keys"
printf '%s\n' "key F1" "dump report-help.txt" "key Esc" "dump report-back.txt" \
	"key F12" "dump report-unnamed.txt" "key Esc Esc" >> "$work/report.keys"
(cd "$work" && GUANAI_TEST_SCRIPT="$work/report.keys" GUANAI_TEST_DUMP_DIR="$work/out" \
	GUANAI_TEST_TODAY=2026-11-29 GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 \
	"$GUANAI" --lang en --db "$work/report.db" > "$work/report.log" 2>&1)
rc=$?
check "the interview runs to the report form" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/report.log")"
check "the report form is its own screen" grep -q 'Record the report' "$work/out/report.txt"

for name in $(echo "$screens" | cut -d: -f1) report; do
	out="$work/out"
	check "$name: F1 shows the keys" grep -q '^ guanai  Keys' "$out/$name-help.txt"
	# the key bar is the last line: "Enter open  Up/Down move  Esc back"
	named=0
	missing=
	while read -r keyname what; do
		[ -n "$keyname" ] || continue
		named=$((named + 1))
		# a bar cut short ends in "F1 all keys": the help itself
		if [ "$keyname $what" = "F1 all keys" ]; then
			continue
		fi
		grep -q "^    $keyname  *$what\$" "$out/$name-help.txt" || missing="$missing $keyname"
	done <<-BAR
	$(tail -n 1 "$out/$name.txt" | awk '{ n = split($0, p, "  "); for (i = 1; i <= n; i++) if (p[i] != "") print p[i] }')
	BAR
	check "$name: the key bar names keys" test "$named" -gt 1
	check "$name: F1 names every key of the key bar with what it does" test -z "$missing"
	[ -z "$missing" ] || diag "not in the help:$missing"
	if grep '^    [^ ]' "$out/$name-help.txt" | grep -qv '^    [^ ][^ ]*  *[^ ]'; then
		not_ok "$name: every key F1 names says what it does"
	else
		ok "$name: every key F1 names says what it does"
	fi
	check "$name: Esc leaves the help for the screen" cmp -s "$out/$name.txt" "$out/$name-back.txt"
	if cmp -s "$out/$name.txt" "$out/$name-unnamed.txt"; then
		ok "$name: keys no row names change nothing"
	else
		not_ok "$name: keys no row names change nothing"
		diag "$(diff "$out/$name.txt" "$out/$name-unnamed.txt")"
	fi
done
# the office's screens are the ones named, each in its empty state
check "exchange: the office's counts" grep -q 'Conflicts to decide: 0' "$work/out/exchange.txt"
check "conflicts: nothing to resolve" grep -q 'Nothing to resolve' "$work/out/conflicts.txt"
check "duplicates: nothing to decide" grep -q 'Nothing to decide' "$work/out/duplicates.txt"
done_testing
