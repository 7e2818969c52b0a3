#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# An answer changed on screen and not confirmed with Enter is not lost
# when the worker leaves the question: PgDn and PgUp save a choice marked
# with a number key and typed text as Enter would; a date that is not
# valid is refused with the reason (the same key again leaves it unsaved);
# Ctrl-C asks, offering to save it (s), to leave without it (y) or to stay
# (n); the draft left so opens again at that question.  Checked on the
# screens and in the database.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
scripts="$top_srcdir/tests/tui-scripts"
DB=$work/db

# tui SCRIPT: runs guanai in English under SCRIPT on a new $DB; returns its status.
tui() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	GUANAI_TEST_SCRIPT=$1 GUANAI_TEST_DUMP_DIR=$work GUANAI_TEST_TODAY=2026-11-29 \
	GUANAI_TEST_TIMEOUT=60 COLUMNS=80 LINES=24 \
		"$GUANAI" --lang en --db "$DB" > "$work/out" 2>&1
}
dbdump() { "$top_builddir/tests/test_tui_dbdump" "$DB"; }

tui "$scripts/keep.keys"
rc=$?
check "moving on without Enter runs to the end" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/out")"
check "a date that is not valid is refused on PgDn, with the reason" \
	grep -q '2026-02-30 is not a date' "$work/keep-refused.txt"
check "and the way on" grep -q 'press the key' "$work/keep-refused.txt"
check "a choice marked with 3 and left by PgDn is shown saved on PgUp" \
	grep -q '3 (\*) grandparent' "$work/keep-back.txt"
check "text typed and left by PgUp is saved" grep -q "Saved: Carer's name" "$work/keep-back.txt"
check "Ctrl-C on a changed answer says it is not saved" \
	grep -q 'The answer on screen is not saved yet' "$work/keep-leave.txt"
check "and offers to save it" grep -q 's save it and leave' "$work/keep-leave.txt"
check "s leaves for the start screen" grep -q 'The draft is kept' "$work/keep-left.txt"
dbdump > "$work/stored" 2>&1
check "the date typed again and left by PgDn is stored" grep -qx 'interview.date = 2026-11-29' "$work/stored"
check "the name left by PgUp is stored" grep -qx 'guardian.name = 王奶奶' "$work/stored"
check "the choice changed to 2 and saved on leaving is stored" \
	grep -qx 'guardian.relation = mother' "$work/stored"

tui "$scripts/keep-drop.keys"
rc=$?
check "leaving without the choice runs to the end" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/out")"
check "n stays with the choice still marked" grep -q '3 (\*) grandparent' "$work/drop-stay.txt"
check "y leaves for the start screen" grep -q 'The draft is kept' "$work/drop-left.txt"
dbdump > "$work/stored" 2>&1
check "the answers confirmed before are stored" grep -qx 'consent.date = 2026-11-29' "$work/stored"
check "the choice left with y is not" sh -c "! grep -q '^guardian.relation' '$work/stored'"
check "the draft stores no question to resume at (the first open one is)" \
	grep -q '^case draft resume= ' "$work/stored"
GUANAI_TEST_SCRIPT=$scripts/keep-drop-open.keys GUANAI_TEST_DUMP_DIR=$work GUANAI_TEST_TODAY=2026-11-29 \
GUANAI_TEST_TIMEOUT=60 COLUMNS=80 LINES=24 "$GUANAI" --lang en --db "$DB" > "$work/out" 2>&1
rc=$?
check "the draft opens again" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/out")"
check "at the question left without its choice" grep -q 'Who cares for the child day to day' "$work/drop-resumed.txt"
check "with nothing chosen" sh -c "! grep -q '(\*)' '$work/drop-resumed.txt'"
done_testing
