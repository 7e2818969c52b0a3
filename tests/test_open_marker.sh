#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The mark of an open database after a program died with it open: the next
# command says so once, even one that only reads (it logs in through a
# writable open of its own), and the one after says nothing.  (Another
# live process's open is not mistaken for it: tests/test_db.c.)
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
db="$work/guanai.db"
out="$work/out"
# sq SQL: plain SQL on the database, through the extension
sq() {
	GUANAI_KEYS="$db-keys" sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" \
		-cmd ".open file:$db?vfs=guanai-crypt" ':memory:' "$@"
}

id=$("$GUANAI" --lang en --db "$db" import "$top_srcdir/tests/profiles/p01-floating-pupil.answers" \
	2>"$out")
check "a case is stored" test -n "$id"
check "a clean close leaves no mark" test "$(sq "SELECT value FROM meta WHERE key = 'open_count'")" = 0
# a program killed with the database open leaves the mark
sq "UPDATE meta SET value = '1' WHERE key = 'open_count'"
"$GUANAI" --lang en --db "$db" cases > /dev/null 2>"$out"
check "the next command, which only reads, says it was not closed cleanly" \
	grep -q 'Not closed cleanly last time' "$out"
check "and the recovery is audited" \
	test "$(sq "SELECT count(*) FROM audit WHERE action = 'db.recovered'")" = 1
"$GUANAI" --lang en --db "$db" cases > /dev/null 2>"$out"
check "the command after it says nothing" test ! -s "$out"
done_testing
