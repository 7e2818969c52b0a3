#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The idle lock (docs/privacy.md): after the idle time the screens hide the
# case data and the database's key leaves memory: the database is closed
# while locked (the program holds no file of it open), a wrong password
# keeps it locked, and the right one unwraps the key again and opens it.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
XDG_CONFIG_HOME=$work/config
export XDG_CONFIG_HOME
mkdir -p "$XDG_CONFIG_HOME/guanai" "$work/out"
printf 'idle_lock_minutes = 5\n' > "$XDG_CONFIG_HOME/guanai/config"
db=$work/guanai.db

# the database, made by the tests' user (its first supervisor)
"$GUANAI" --lang en --db "$db" import "$top_srcdir/tests/profiles/p01-floating-pupil.answers" \
	> /dev/null 2>&1
check "a database to lock" test -s "$db"

# open_files NAME: the script line writing the files the program has
# open (its descriptors' targets) into $work/NAME
open_files() {
	echo "run ls -l /proc/\$PPID/fd > '$work/$1' 2>&1"
}
{
	open_files fds-before
	echo idle
	echo "dump locked.txt"
	open_files fds-locked
	echo "type wrong-password-1"
	echo "key Enter"
	echo "dump wrong.txt"
	open_files fds-wrong
	echo "type $(head -n 1 "$GUANAI_PASSWORD_FILE")"
	echo "key Enter"
	echo "dump unlocked.txt"
	open_files fds-after
} > "$work/lock.keys"
GUANAI_TEST_SCRIPT=$work/lock.keys GUANAI_TEST_DUMP_DIR=$work/out GUANAI_TEST_TODAY=2026-11-20 \
	GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 \
	"$GUANAI" --lang en --db "$db" > "$work/log" 2>&1
check "the screens run to the end" test $? -eq 0
check "before the lock the database is open" grep -q "$db" "$work/fds-before"
check "after the idle time the screen is locked" grep -q 'No key was pressed for a while' \
	"$work/out/locked.txt"
check "the locked screen shows no case data" sh -c "! grep -q 刘思雨 '$work/out/locked.txt'"
check "while locked the database is closed, its key gone with it" \
	sh -c "test -s '$work/fds-locked' && ! grep -q '$db' '$work/fds-locked'"
check "a wrong password is refused" grep -q 'wrong user name or password' "$work/out/wrong.txt"
check "and keeps it locked" grep -q 'No key was pressed for a while' "$work/out/wrong.txt"
check "and the database closed" sh -c "test -s '$work/fds-wrong' && ! grep -q '$db' '$work/fds-wrong'"
check "the right password unlocks" sh -c "! grep -q 'No key was pressed' '$work/out/unlocked.txt'"
check "and opens the database again" grep -q "$db" "$work/fds-after"
done_testing
