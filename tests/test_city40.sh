#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A list grown to 40 items and an eighth county (130102, 长安区 of
# Shijiazhuang, Hebei) by editing the policy file alone: it loads, an
# interview runs through the screens and picks the new county, the case is
# stored and screened again, the dashboard counts item 40 and the CSV has
# its column.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
DB=$work/db
POLICY=$work/city40.policy
sed -e 's/^  items: 39$/  items: 40/' -e 's/^  counties: .*/& 130102/' \
	"$top_srcdir/data/chaoyang-2024.policy" > "$POLICY"
cat "$top_srcdir/tests/city40/item40.policy" >> "$POLICY"
GUANAI_POLICY=$POLICY
export GUANAI_POLICY
check "the list says 40 items" grep -q '^  items: 40$' "$POLICY"
check "and eight counties" grep -q '^  counties: .* 130102$' "$POLICY"

# The whole interview of the screen tests, with the school in the new
# county: the eighth row of the picker, four below the hukou county
# offered (the fourth).
sed 's/^key Enter Enter 1 Enter$/key Enter Down Down Down Down\
dump county.txt\
key Enter 1 Enter/' "$top_srcdir/tests/tui-scripts/screens/interview.keys" > "$work/interview.keys"
check "the script picks the eighth county" grep -q 'Down Down Down Down' "$work/interview.keys"
GUANAI_TEST_SCRIPT=$work/interview.keys GUANAI_TEST_DUMP_DIR=$work GUANAI_TEST_TODAY=2026-11-29 \
GUANAI_TEST_TIMEOUT=60 COLUMNS=80 LINES=24 \
	"$GUANAI" --lang en --db "$DB" > "$work/out" 2>&1
check "the interview runs to the end" test $? -eq 0
check "the picker lists the new county by name" grep -q '(\*) 130102  长安区' "$work/county.txt"
"$top_builddir/tests/test_tui_dbdump" "$DB" > "$work/stored" 2>&1
check "the new county is stored" grep -q '^child.school_county = 130102$' "$work/stored"
check "the case is complete" grep -q '^case complete ' "$work/stored"

"$GUANAI" --lang en --db "$DB" cases > "$work/cases" 2>&1
id=$(cut -f 1 "$work/cases" | head -n 1)
"$GUANAI" --lang en --db "$DB" export "$id" > "$work/case.answers" 2>&1
check "the stored case exports" test $? -eq 0
"$GUANAI" --lang en screen "$work/case.answers" > "$work/screened" 2>&1
check "screening it finds item 40" grep -q "	40	eligible	child	" "$work/screened"

"$GUANAI" --lang en --db "$DB" dashboard > "$work/dash" 2>&1
check "the dashboard runs" test $? -eq 0
check "the dashboard has 40 item lines" \
	test "$(grep -c '^  *[0-9][0-9]* .* [0-9][0-9]* + [0-9]' "$work/dash")" -eq 40
check "item 40 is named and counted" grep -q "^  40 Children's readi  *1 + 0  *#" "$work/dash"

"$GUANAI" --lang en --db "$DB" cases --csv > "$work/csv" 2>&1
check "the CSV has a column for item 40, named" grep -q '","39 [^"]*","40 [^"]*"' "$work/csv"
tr -d '\r' < "$work/csv" > "$work/csv.lf"
check "where the case is eligible" grep -q ',"eligible"$' "$work/csv.lf"
"$GUANAI" --lang en --db "$DB" followup "$id" 40 referred > "$work/fu" 2>&1
check "item 40 can be followed up" test $? -eq 0
"$GUANAI" --lang en --db "$DB" followup "$id" 41 referred > "$work/fu" 2>&1
check "item 41 is refused" test $? -eq 2
done_testing
