#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every database guanai makes is encrypted and has a supervisor from the
# start: "init" makes one and shows its recovery key once; any command given
# --user and --password-file (here the tests' defaults, $GUANAI_USER and
# $GUANAI_PASSWORD_FILE) on a missing database makes it without asking,
# with no recovery key until a supervisor makes one; without a user
# nothing is made.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
out="$work/out"
profile="$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"
key='^ *([0-9a-f]{4} ){7}[0-9a-f]{4}$'
echo 'supervisor-secret' > "$work/sup.pw"
echo 'wang' > "$work/short.pw"

# init: the first supervisor and the recovery key, shown once.
"$GUANAI" --lang en --db "$work/a.db" init --user wang --password-file "$work/sup.pw" > "$out" 2>&1
check "init exits 0" test $? -eq 0
check "init names the first supervisor" grep -q 'first supervisor is wang' "$out"
check "init shows the recovery key" grep -Eq "$key" "$out"
grep -E "$key" "$out" | tr -d ' \n' > "$work/a-recovery.txt"
check "init makes the key slots, readable by their owner only" \
	sh -c "ls -l '$work/a.db-keys' | grep -q '^-rw-------'"
"$GUANAI" --lang en --db "$work/a.db" users list --user wang --password-file "$work/sup.pw" > "$out" 2>&1
check "wang logs in to the new database as its supervisor" grep -q '^wang	supervisor	' "$out"
echo 'after-recovery-1' > "$work/new-a.pw"
"$GUANAI" --lang en --db "$work/a.db" users passwd wang --recovery-file "$work/a-recovery.txt" \
	--new-password-file "$work/new-a.pw" > "$work/a-recovered" 2>&1
check "init's recovery key opens the database" test $? -eq 0
"$GUANAI" --lang en --db "$work/a.db" init --user wang --password-file "$work/sup.pw" > "$out" 2>&1
check "init on a database with users exits 1" test $? -eq 1
check "saying it has users" grep -q 'already has users' "$out"
"$GUANAI" --lang en --db "$work/b.db" init --user wang --password-file "$work/short.pw" > "$out" 2>&1
check "init refuses a password that is the user's name" test $? -eq 2
check "and makes no database" sh -c "test ! -e '$work/b.db' && test ! -e '$work/b.db-keys'"
env -u GUANAI_USER "$GUANAI" --lang en --db "$work/c.db" init > "$out" 2>&1
check "init without a user exits 2" test $? -eq 2
check "saying to name one" grep -q -- '--user NAME' "$out"

# A command that writes, on a missing database, with the tests' user and
# password file.
"$GUANAI" --lang en --db "$work/e.db" import "$profile" > "$work/id" 2> "$work/err"
check "import on a missing database with a user creates it" test $? -eq 0
check "printing only the case id" sh -c "test ! -s '$work/err' && grep -Eq '^[0-9a-f]{32}$' '$work/id'"
check "the new database is encrypted" sh -c "! grep -q '张欣怡' '$work/e.db'"
"$GUANAI" --lang en --db "$work/e.db" users list > "$out" 2>&1
check "its first supervisor is the tests' user" grep -q '^tester	supervisor	' "$out"
"$GUANAI" --lang en --db "$work/e.db" check > "$out" 2>&1
check "check finds it sound" grep -q 'sound (cases: 1)' "$out"
check "check says it has no recovery key yet" grep -q 'no recovery key yet' "$out"
"$GUANAI" --lang en --db "$work/e.db" users recovery-key > "$out" 2>&1
check "a supervisor makes a recovery key" test $? -eq 0
check "shown once" grep -Eq "$key" "$out"
grep -E "$key" "$out" | tr -d ' \n' > "$work/recovery.txt"
"$GUANAI" --lang en --db "$work/e.db" check > "$out" 2>&1
check "check no longer misses it" sh -c "! grep -q 'no recovery key' '$out'"
echo 'worker-secret-1' > "$work/li.pw"
"$GUANAI" --lang en --db "$work/e.db" users add li --role worker --new-password-file "$work/li.pw" > "$out" 2>&1
"$GUANAI" --lang en --db "$work/e.db" users recovery-key --user li --password-file "$work/li.pw" > "$out" 2>&1
check "a worker cannot make a recovery key" test $? -eq 1
check "nor see one" sh -c "! grep -Eq '$key' '$out'"
"$GUANAI" --lang en --db "$work/e.db" users recovery-key > "$out" 2>&1
grep -E "$key" "$out" | tr -d ' \n' > "$work/recovery2.txt"
echo 'other-secret-1' > "$work/new.pw"
"$GUANAI" --lang en --db "$work/e.db" users passwd tester --recovery-file "$work/recovery.txt" \
	--new-password-file "$work/new.pw" > "$out" 2>&1
check "a new recovery key replaces the old one" test $? -eq 1
"$GUANAI" --lang en --db "$work/e.db" users passwd tester --recovery-file "$work/recovery2.txt" \
	--new-password-file "$GUANAI_PASSWORD_FILE" > "$out" 2>&1
check "the new one opens the database" test $? -eq 0

# The sqlite3 shell reads it through the extension with the tests' user
# and password file, as well as with the recovery key.
ext="$top_builddir/db/guanai_crypt"
if ! command -v sqlite3 > /dev/null 2>&1; then
	not_ok "the sqlite3 shell is installed (./bootstrap installs it)"
else
	GUANAI_KEYS="$work/e.db-keys" sqlite3 -cmd ".load $ext" -cmd ".open file:$work/e.db?vfs=guanai-crypt" \
		':memory:' 'SELECT count(*) FROM cases' > "$out" 2>&1
	check "sqlite3 with the extension, a user and her password file reads the database" grep -q '^1$' "$out"
	GUANAI_KEYS="$work/e.db-keys" GUANAI_PASSWORD_FILE="$work/short.pw" sqlite3 -cmd ".load $ext" \
		':memory:' 'SELECT 1' > "$out" 2>&1
	check "a wrong password loads nothing" grep -q 'wrong user name or password' "$out"
fi

# The options given come before the environment's.
"$GUANAI" --lang en --db "$work/f.db" --user zhou --password-file "$work/sup.pw" cases > "$out" 2>&1
check "cases, which only reads, makes no database" sh -c "test ! -e '$work/f.db' && test ! -e '$work/f.db-keys'"
"$GUANAI" --lang en --db "$work/f.db" --user zhou --password-file "$work/sup.pw" import "$profile" > "$out" 2>&1
check "import on a missing database with --user creates it" test $? -eq 0
"$GUANAI" --lang en --db "$work/f.db" --user zhou --password-file "$work/sup.pw" users list > "$out" 2>&1
check "with that user as its supervisor" grep -q '^zhou	supervisor	' "$out"
check "and not the tests' user" sh -c "! grep -q '^tester' '$out'"
"$GUANAI" --lang en --db "$work/f.db" cases > "$out" 2>&1
check "the tests' user cannot open another's database" test $? -eq 1
check "told the name or password is wrong" grep -q 'wrong user name or password' "$out"

# Without a user, nothing is made.
env -u GUANAI_USER -u GUANAI_PASSWORD_FILE "$GUANAI" --lang en --db "$work/g.db" import "$profile" > "$out" 2>&1
check "import without a user on a missing database exits 2" test $? -eq 2
check "saying how to make the database" grep -q 'init --user NAME' "$out"
check "and makes none" test ! -e "$work/g.db"
env -u GUANAI_USER -u GUANAI_PASSWORD_FILE "$GUANAI" --lang en --db "$work/e.db" cases > "$out" 2>&1
check "an encrypted database without a user exits 2" test $? -eq 2

# A database of before encryption with users (made by a test program) is
# encrypted by a supervisor's login, not a worker's; the other users get
# their key slots when the supervisor sets their passwords.
old="$work/old.db"
"$top_builddir/tests/screens_seed" "$old" "$GUANAI_POLICY" plainusers > "$out" 2>&1
check "the old database is plain" grep -q '张小红' "$old"
echo 'worker-li-pw' > "$work/old-li.pw"
echo 'supervisor-pw' > "$work/old-zhang.pw"
"$GUANAI" --lang en --db "$old" cases --user li --password-file "$work/old-li.pw" > "$out" 2>&1
check "a worker's login does not encrypt it" test $? -eq 1
check "saying a supervisor logs in first" grep -q 'a supervisor logs in once first' "$out"
check "it stays plain and whole" sh -c "grep -q '张小红' '$old' && test ! -e '$old-keys'"
"$GUANAI" --lang en --db "$old" cases --user zhang --password-file "$work/old-zhang.pw" > "$out" 2>&1
check "the supervisor's login encrypts it and lists its cases" grep -q '张小红' "$out"
check "no name is left readable in it" sh -c "! grep -q '张小红' '$old'"
check "no copy of it is left beside it" sh -c "! ls '$work' | grep -q encrypting"
"$GUANAI" --lang en --db "$old" cases --user li --password-file "$work/old-li.pw" > "$out" 2>&1
check "the worker has no key slot yet" test $? -eq 1
"$GUANAI" --lang en --db "$old" users passwd li --user zhang --password-file "$work/old-zhang.pw" \
	--new-password-file "$work/li.pw" > "$out" 2>&1
check "the supervisor sets her password" test $? -eq 0
"$GUANAI" --lang en --db "$old" cases --user li --password-file "$work/li.pw" > "$out" 2>&1
check "then she logs in and sees her cases" grep -q '张小红' "$out"

# The installed program's help names the environment's defaults.
"$GUANAI" --lang en --help > "$out" 2>&1
check "--help names GUANAI_USER and GUANAI_PASSWORD_FILE" \
	sh -c "grep -q 'GUANAI_USER' '$out' && grep -q 'GUANAI_PASSWORD_FILE' '$out'"
done_testing
