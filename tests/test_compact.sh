#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guanai compact on a database written before explanations were rebuilt on
# demand: it leaves out every stored explanation the policy gives back,
# says how far it is and how much smaller the file is, and a second run
# finds nothing left to do; it takes no arguments.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
db="$work/guanai.db"
echo 'supervisor-pw' > "$work/zhang.pw"
# g ARGS: guanai as the seeded supervisor.
g() { GUANAI_USER=zhang GUANAI_PASSWORD_FILE="$work/zhang.pw" "$GUANAI" --lang en --db "$db" "$@"; }
# stored: the results that store their explanation (the sqlite3 shell,
# through the extension, as zhang)
stored() {
	GUANAI_USER=zhang GUANAI_PASSWORD_FILE="$work/zhang.pw" GUANAI_KEYS="$db-keys" \
	sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" -cmd ".open file:$db?vfs=guanai-crypt" \
		':memory:' "SELECT count(*) FROM results WHERE explanation <> ''"
}

"$top_builddir/tests/screens_seed" "$db" "$GUANAI_POLICY" users > "$work/seed.log" 2>&1
check "a database with stored explanations is seeded" test $? -eq 0
before=$(stored)
check "its results store their explanations" test "${before:-0}" -gt 0

g compact > "$work/out" 2> "$work/err"
check "compact runs" test $? -eq 0
[ -s "$work/err" ] && diag "$(cat "$work/err")"
check "it says how many it left out" grep -q "^$db: $before explanations left out (rebuilt when shown), 0 kept, of 3 cases\$" "$work/out"
check "it says how far the comparison is" grep -q 'guanai: 3 of 3 cases compared' "$work/err"
check "and before rewriting the file" grep -q 'rewriting the database' "$work/err"
check "it gives the sizes before and after" grep -Eq "^$db: [0-9.]+ MB before, [0-9.]+ MB now\$" "$work/out"
check "no explanation is stored any more" test "$(stored)" = 0
g check > "$work/out" 2>&1
check "the compacted database is sound" test $? -eq 0

g compact > "$work/out" 2> "$work/err"
check "a second run succeeds" test $? -eq 0
check "and finds nothing left to do" grep -q ': 0 explanations left out' "$work/out"

g compact extra > "$work/out" 2>&1
check "an argument is refused" test $? -eq 2
check "saying so" grep -q 'takes no arguments' "$work/out"
done_testing
