#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Golden screens: each key script in tests/tui-scripts/screens/ is run in
# English and Chinese at 80x24 and 120x40 (some at 60x18 too); every screen it dumps must equal
# tests/golden/LANG-COLSxLINES/NAME, its colour layer (NAME.colors) the
# golden one beside it, and every golden file must have been dumped.  Only "make update-golden" (which gives --update-golden) rewrites
# them; make check never does.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/golden_checks.sh"
update=false
[ "${1-}" = --update-golden ] && update=true
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
scripts="$top_srcdir/tests/tui-scripts/screens"

# run_script SCRIPT LANG COLS LINES OUTDIR: runs guanai under SCRIPT on a new
# database; a script's "# config: FILE" line makes FILE (beside the scripts)
# the user's configuration file, else there is none.
run_script() {
	rm -f "$work/db" "$work/db-wal" "$work/db-shm"
	rm -rf "$work/config"
	mkdir -p "$5" "$work/config/guanai"
	conf=$(sed -n 's/^# config: *//p' "$1" | head -n 1)
	[ -z "$conf" ] || cp "$scripts/$conf" "$work/config/guanai/config"
	XDG_CONFIG_HOME=$work/config GUANAI_TEST_SCRIPT=$1 GUANAI_TEST_DUMP_DIR=$5 GUANAI_TEST_TODAY=2026-11-29 \
	GUANAI_TEST_TIMEOUT=60 COLUMNS=$3 LINES=$4 TERM=xterm-256color NO_COLOR= \
		"$GUANAI" --lang "$2" --db "$work/db" > "$work/out" 2>&1
}

# Chinese is the product: without the Chinese catalogue the test fails.
run_script "$scripts/start.keys" zh 80 24 "$work/probe"
check "the Chinese catalogue has the screens' messages" grep -q '新的访谈' "$work/probe/start.txt"

# At 60x18, the smallest size the program draws, the scripts of every
# kind of question, of the result screen, of a roster longer than the screen,
# of another child of the family and of the report form's scrolled units.
small_scripts="widgets interview id-later members sibling relatives units"
bars=0

for lang in en zh; do
	for size in 80x24 120x40 60x18; do
		cols=${size%x*}
		lines=${size#*x}
		golden="$top_srcdir/tests/golden/$lang-$size"
		: > "$work/dumped"
		for script in "$scripts"/*.keys; do
			name=$(basename "$script" .keys)
			if [ "$size" = 60x18 ]; then
				case " $small_scripts " in *" $name "*) ;; *) continue ;; esac
			fi
			out="$work/$lang-$size-$name"
			run_script "$script" "$lang" "$cols" "$lines" "$out"
			rc=$?
			check "$name ($lang, $size) runs to the end" test "$rc" -eq 0
			[ "$rc" -eq 0 ] || diag "$(cat "$work/out")"
			check_dumped "$name ($lang, $size)" "$script" "$out" "$work/dumped" ""
			for dump in "$out"/*.txt; do
				[ -f "$dump" ] || continue
				base=$(basename "$dump")
				if $update; then
					mkdir -p "$golden"
					cp "$dump" "$golden/$base"
				fi
				# the interview's key-help line keeps its main keys at 80 columns
				# (an interview screen's second line reaches the right edge)
				w2=$(sed -n 2p "$dump" | wc -L)
				if [ "$w2" -gt 70 ] && [ "$w2" -le 80 ] && tail -n 1 "$dump" | grep -q 'PgUp/PgDn'; then
					check "$lang $base: the key-help line shows Esc and F10" \
						sh -c "tail -n 1 '$dump' | grep 'Esc ' | grep -q 'F10 '"
				fi
				if cmp -s "$dump" "$golden/$base"; then
					ok "$lang $size $base matches the golden screen"
				else
					not_ok "$lang $size $base matches the golden screen"
					diag "$(diff -u "$golden/$base" "$dump" 2>&1 | head -40)"
				fi
				check_colors "$lang $size $base has the golden colours" "$dump" "$golden/$base" "$update"
				check_bar "$lang $size $base: the key bar keeps its first keys" "$dump" \
					&& bars=$((bars + 1))
			done
		done
		check_no_orphans "every golden file of $lang-$size is dumped by a script" "$golden" "$work/dumped"
	done
done
check "key bars 80 columns wide or more were checked" test "$bars" -gt 100

# the units of the configuration (units.config): offered first, in its
# order, the policy's unit of the same name once, all reachable, the chosen
# one recorded
for lang in en zh; do
	form="$work/$lang-80x24-units/units-form.txt"
	check "$lang: the configuration's first unit comes first, chosen" \
		grep -q '(\*) \(Jianping police post 1\|建平镇第1警务室\)$' "$form"
	check "$lang: the list cut short says how many are below" \
		grep -q '(1[0-9] more below\|（下面还有 1[0-9] 项' "$form"
	check "$lang: a unit of another township is not offered" \
		sh -c "! cat '$work/$lang-80x24-units/'units-*.txt | grep -q 'Dapingfang\|大平房'"
	check "$lang: the policy's unit, named in the configuration too, is offered once, in its place" \
		test "$(cat "$work/$lang-80x24-units/units-middle.txt" "$work/$lang-80x24-units/units-last.txt" \
			| grep -c '( ) \(Jianping Town police station\|建平县公安局建平镇派出所\)$')" -eq 1
	check "$lang: the twentieth unit is reached and chosen" \
		grep -q '(\*) \(Jianping police post 19\|建平镇第19警务室\)$' "$work/$lang-80x24-units/units-last.txt"
	check "$lang: at 60x18 the last unit is reached too" \
		grep -q '(\*) \(Jianping police post 19\|建平镇第19警务室\)$' "$work/$lang-60x18-units/units-last.txt"
	tr '\n' ' ' < "$work/$lang-80x24-units/units-caseview.txt" | tr -s ' ' > "$work/$lang-units.joined"
	check "$lang: the case records the chosen unit and the receipt" \
		sh -c "grep -q '建平镇第19警务室' '$work/$lang-units.joined' && grep -q 2026112920 '$work/$lang-units.joined'"
done

# items sharing a service's name are told apart at 80 columns in English:
# each keeps its short form whole, the name cut after a word
result="$work/en-80x24-interview/result.txt"
for short in 'free tuition' 'living allowance' 'nutritious meals'; do
	check "en 80x24: an item of compulsory education shows its short form, $short" \
		grep -q "Compulsory education\(…\| services\) · $short " "$result"
done
done_testing
