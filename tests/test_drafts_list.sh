#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The drafts list pages by the last row shown: with 451 drafts, Down at
# the bottom of a page of 200 reads the next one from where it ended,
# Up at the top reads the one before again, and no draft is shown twice
# or skipped on the way; with 400, Down on the last row of the second
# page stays there (no empty third page).  PgDn and PgUp move the cursor
# a screen (the shared list keys, tui/list_cursor.c).
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
seed="$top_builddir/tests/screens_seed"

"$seed" "$work/db" "$GUANAI_POLICY" drafts > "$work/seed.log" 2>&1
rc=$?
check "451 drafts are seeded" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/seed.log")"

# run KEYS DB: runs the key script KEYS.keys on the database DB, the
# screens dumped into out/; returns the program's status.
run() {
	(cd "$work" && GUANAI_TEST_SCRIPT="$work/$1.keys" GUANAI_TEST_DUMP_DIR="$work/out" \
		GUANAI_TEST_TODAY=2026-11-20 GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 \
		"$GUANAI" --lang en --db "$work/$2" > "$work/log" 2>&1)
}
# downs N: a key line of N Downs.
downs() { printf 'key'; i=0; while [ "$i" -lt "$1" ]; do printf ' Down'; i=$((i + 1)); done; echo; }
{
	echo "# seed: drafts"
	echo "key 2"
	echo "dump page1.txt"
	downs 199
	echo "dump page1-end.txt"
	downs 1
	echo "dump page2.txt"
	downs 200
	echo "dump page3.txt"
	downs 60
	echo "dump page3-end.txt"
	downs 1
	echo "dump page3-past.txt"
	downs 51 | sed 's/Down/Up/g'
	echo "dump page2-back.txt"
	echo "key Esc q"
} > "$work/pages.keys"
mkdir -p "$work/out"
run pages db
rc=$?
check "the script runs to the end" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/log")"

out="$work/out"
# at: FILE TEXT: the screen FILE shows TEXT.
at() { grep -q "$2" "$out/$1"; }
check "the first page is the newest 200" at page1.txt '1 to 200, newest first'
check "it starts with the newest draft" at page1.txt '草稿450'
check "its last row is the 200th newest" at page1-end.txt '草稿251'
check "Down at the bottom reads the next page" at page2.txt '201 to 400, newest first'
check "which starts right after the last row shown" at page2.txt '草稿250'
check "the third page holds the 51 left" at page3.txt '401 to 451, newest first'
check "it starts after the second page" at page3.txt '草稿050'
check "the oldest draft ends it" at page3-end.txt '赵磊'
check "Down past the last draft stays on it" cmp -s "$out/page3-end.txt" "$out/page3-past.txt"
check "Up at the top reads the page before again" at page2-back.txt '201 to 400, newest first'
check "with the cursor on its last row" at page2-back.txt '草稿051'
if at page2-back.txt '草稿050'; then
	not_ok "the page before holds none of the page after"
else
	ok "the page before holds none of the page after"
fi

# PgDn moves the cursor a screen down, the rows shown following it; PgUp
# moves it back.
{
	echo "# seed: drafts"
	echo "key 2"
	echo "dump screen-top.txt"
	echo "key PgDn"
	echo "dump screen-down.txt"
	echo "key PgDn"
	echo "dump screen-down2.txt"
	echo "key PgUp PgUp"
	echo "dump screen-up.txt"
	echo "key Esc q"
} > "$work/screens.keys"
run screens db
check "the PgDn script runs to the end" test $? -eq 0
# first FILE TEXT: the first row of the list in FILE shows TEXT.
first() { sed -n 5p "$out/$1" | grep -q "$2"; }
check "PgDn puts the cursor a screen down: the rows shown move by one" first screen-down.txt '草稿449'
check "a second PgDn moves it a screen further" first screen-down2.txt '草稿431'
check "PgUp twice brings it back to the first row" cmp -s "$out/screen-top.txt" "$out/screen-up.txt"

# 399 drafts and the one the seed always adds: two full pages.
"$seed" "$work/db2" "$GUANAI_POLICY" drafts 399 > "$work/seed.log" 2>&1
check "400 drafts are seeded" test $? -eq 0
{
	echo "# seed: drafts"
	echo "key 2"
	downs 399
	echo "dump full-end.txt"
	downs 1
	echo "dump full-past.txt"
	echo "key Esc q"
} > "$work/full.keys"
run full db2
check "the second script runs to the end" test $? -eq 0
check "the second page ends with the oldest draft" at full-end.txt '201 to 400, newest first'
check "on its last row" at full-end.txt '赵磊'
check "Down there stays on it" cmp -s "$out/full-end.txt" "$out/full-past.txt"
done_testing
