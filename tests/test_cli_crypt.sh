#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Encryption at rest, as a user meets it: the first supervisor encrypts the
# database and sees the recovery key once; nothing of a child is readable
# in the database or a backup; every command asks for a login; wrong
# passwords are refused and, after 5, must wait; the failures reach the
# audit at the next login; passwords change and are recovered, users are
# disabled and change roles, never the last supervisor; the sqlite3 shell
# reads the database only with the extension and the recovery key.
. "$top_srcdir/tests/tap.sh"
unset GUANAI_USER GUANAI_PASSWORD_FILE # this test names its users itself
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
GUANAI_DB="$work/guanai.db"
export GUANAI_DB
out="$work/out"
profile="$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"
echo 'supervisor-secret' > "$work/sup.pw"
echo 'worker-secret-1' > "$work/li.pw"
echo 'wrong-secret-9' > "$work/bad.pw"
sup="--user wang --password-file $work/sup.pw"

# A database of before (made by a test program, as guanai no longer makes
# one): plain, reported as not yet encrypted, opened by no command until
# its first supervisor is named.
"$top_builddir/tests/screens_seed" "$GUANAI_DB" "$GUANAI_POLICY" nousers > "$out" 2>&1
check "the plain database shows a child's name" grep -q '张小红' "$GUANAI_DB"
"$GUANAI" --lang en check > "$out" 2>&1
check "check reports a plain database as not yet encrypted" grep -q 'not yet encrypted' "$out"
check "check leaves it plain" grep -q '张小红' "$GUANAI_DB"
"$GUANAI" --lang en cases > "$out" 2>&1
check "cases without --user on a plain database exits 2" test $? -eq 2
check "saying it is not yet encrypted and naming --user" sh -c \
	"grep -q 'not yet encrypted' '$out' && grep -q -- '--user' '$out'"
check "and lists nothing" sh -c "! grep -q '张小红' '$out'"

# The first supervisor encrypts it.
"$GUANAI" --lang en users add wang --role supervisor --password-file "$work/sup.pw" > "$out" 2>&1
check "the first supervisor is added" test $? -eq 0
check "the recovery key is shown once" grep -Eq '^ *([0-9a-f]{4} ){7}[0-9a-f]{4}$' "$out"
grep -E '^ *([0-9a-f]{4} ){7}[0-9a-f]{4}$' "$out" | tr -d ' \n' > "$work/recovery.txt"
grep -E '^ *([0-9a-f]{4} ){7}[0-9a-f]{4}$' "$out" > "$work/recovery-printed.txt"
check "the key slots sit beside the database, readable by its owner only" \
	sh -c "ls -l '$GUANAI_DB-keys' | grep -q '^-rw-------'"
check "the database no longer shows the child's name" sh -c "! grep -q '张小红' '$GUANAI_DB'"
check "nor her ID number" sh -c "! grep -q '201503150429' '$GUANAI_DB'"
check "no plain copy is left beside it" sh -c "! ls '$work' | grep -q encrypting"

"$GUANAI" --lang en users add li --role worker $sup --new-password-file "$work/li.pw" > "$out" 2>&1
check "a worker is added with a key slot of her own" test $? -eq 0
"$GUANAI" --lang en import "$profile" $sup > "$out" 2>&1
check "the supervisor imports a case into the encrypted database" test $? -eq 0
echo 'li' > "$work/li-name.pw"
"$GUANAI" --lang en users add zhao --role worker $sup --new-password-file "$work/li-name.pw" > "$out" 2>&1
check "a password of under 8 characters is refused" test $? -eq 2
check "the message says how long a password must be" grep -q '8' "$out"

# Every command asks who is working.
"$GUANAI" --lang en cases > "$out" 2>&1
check "cases without --user exits 2" test $? -eq 2
check "the message names --user" grep -q -- '--user' "$out"
"$GUANAI" --lang en check > "$out" 2>&1
check "check asks for a login on an encrypted database" test $? -eq 2
"$GUANAI" --lang en check $sup > "$out" 2>&1
check "check with a login finds the database sound" grep -q 'sound' "$out"
"$GUANAI" --lang en cases $sup > "$out" 2>&1
check "the supervisor lists the case" grep -q '张欣怡' "$out"
"$GUANAI" --lang en cases --user li --password-file "$work/li.pw" > "$out" 2>&1
check "the worker logs in with her own password" test $? -eq 0

# A backup stays encrypted and carries the key slots.
"$GUANAI" --lang en backup "$work/copy.db" $sup > "$out" 2>&1
check "a backup is made" test -s "$work/copy.db"
check "the backup shows no name" sh -c "! grep -q '张欣怡' '$work/copy.db'"
check "the backup carries its key slots" test -s "$work/copy.db-keys"
"$GUANAI" --lang en cases --db "$work/copy.db" $sup > "$out" 2>&1
check "the backup opens with the same password" grep -q '张欣怡' "$out"

# Passwords change without re-encrypting: one's own, and a supervisor's reset.
echo 'worker-secret-2' > "$work/li2.pw"
echo 'worker-secret-3' > "$work/li3.pw"
"$GUANAI" --lang en users passwd --user li --password-file "$work/li.pw" --new-password-file "$work/li2.pw" > "$out" 2>&1
check "li changes her own password" test $? -eq 0
"$GUANAI" --lang en cases --user li --password-file "$work/li.pw" > "$out" 2>&1
check "her old password no longer opens the database" test $? -eq 1
"$GUANAI" --lang en cases --user li --password-file "$work/li2.pw" > "$out" 2>&1
check "her new password does" test $? -eq 0
"$GUANAI" --lang en users passwd wang --user li --password-file "$work/li2.pw" --new-password-file "$work/li3.pw" > "$out" 2>&1
check "a worker cannot set a supervisor's password" test $? -eq 1
"$GUANAI" --lang en users passwd li $sup --new-password-file "$work/li3.pw" > "$out" 2>&1
check "the supervisor resets li's password" test $? -eq 0
"$GUANAI" --lang en cases --user li --password-file "$work/li3.pw" > "$out" 2>&1
check "the reset password opens the database" test $? -eq 0

# A supervisor disables a user who left (her cases go to another) and
# changes roles; the last supervisor stays one.
echo 'worker-secret-7' > "$work/zhao.pw"
"$GUANAI" --lang en users add zhao --role worker $sup --new-password-file "$work/zhao.pw" > "$out" 2>&1
sed -e '/^interview.worker/d' -e 's/^child.name = .*$/child.name = 王小东/' "$profile" > "$work/li.answers"
"$GUANAI" --lang en import "$work/li.answers" --user li --password-file "$work/li3.pw" > "$out" 2>&1
check "li imports a case of her own" test $? -eq 0
"$GUANAI" --lang en users disable li --to zhao --user li --password-file "$work/li3.pw" > "$out" 2>&1
check "a worker cannot disable a user" test $? -eq 1
"$GUANAI" --lang en users disable li --to zhao $sup > "$out" 2>&1
check "the supervisor disables li, her cases going to zhao" test $? -eq 0
"$GUANAI" --lang en cases --user li --password-file "$work/li3.pw" > "$out" 2>&1
check "li can no longer log in" test $? -eq 1
"$GUANAI" --lang en cases --user zhao --password-file "$work/zhao.pw" > "$out" 2>&1
check "zhao now has li's case" grep -q '王小东' "$out"
"$GUANAI" --lang en users role wang --role worker $sup > "$out" 2>&1
check "the last supervisor cannot become a worker" test $? -eq 1
check "the message says what to do first" grep -q 'last supervisor' "$out"
"$GUANAI" --lang en users disable wang --to zhao $sup > "$out" 2>&1
check "nor be disabled" test $? -eq 1
"$GUANAI" --lang en users role zhao --role supervisor $sup > "$out" 2>&1
check "the supervisor makes zhao a supervisor" test $? -eq 0
"$GUANAI" --lang en users role zhao --role worker $sup > "$out" 2>&1
check "and a worker again, wang staying supervisor" test $? -eq 0

# Every password lost: the recovery key resets one.
echo 'supervisor-new-1' > "$work/sup-new.pw"
"$GUANAI" --lang en users passwd wang --recovery-file "$work/recovery-printed.txt" --new-password-file "$work/sup-new.pw" > "$out" 2>&1
check "the recovery key, as printed, resets the supervisor's password" test $? -eq 0
"$GUANAI" --lang en cases --user wang --password-file "$work/sup-new.pw" > "$out" 2>&1
check "the new password opens the database" grep -q '张欣怡' "$out"
echo '0000 1111' > "$work/bad-recovery.txt"
"$GUANAI" --lang en users passwd wang --recovery-file "$work/bad-recovery.txt" --new-password-file "$work/sup.pw" > "$out" 2>&1
check "a wrong recovery key resets nothing" test $? -eq 1
check "and says what to type" grep -q '64' "$out"
"$GUANAI" --lang en users passwd wang --recovery-file "$work/recovery-printed.txt" --new-password-file "$work/sup.pw" > "$out" 2>&1
check "the supervisor's first password is set back" test $? -eq 0

# Wrong passwords.
"$GUANAI" --lang en cases --user wang --password-file "$work/bad.pw" > "$out" 2>&1
check "a wrong password is refused" test $? -eq 1
check "with a clear message" grep -q 'wrong user name or password' "$out"
"$GUANAI" --lang en cases --user nobody --password-file "$work/bad.pw" > "$out" 2>&1
check "an unknown name gets the same message" grep -q 'wrong user name or password' "$out"
for i in 2 3 4 5; do
	"$GUANAI" --lang en cases --user wang --password-file "$work/bad.pw" > /dev/null 2>&1
done
"$GUANAI" --lang en cases $sup > "$out" 2>&1
check "after 5 failures even the right password waits" test $? -eq 1
check "the message says how long" grep -Eq 'wait [0-9]+ seconds' "$out"

# Zhao mistypes once, then logs in: the failure counted beside the key
# slots goes into the audit.
"$GUANAI" --lang en cases --user zhao --password-file "$work/bad.pw" > /dev/null 2>&1
"$GUANAI" --lang en cases --user zhao --password-file "$work/zhao.pw" > "$out" 2>&1
check "zhao logs in after a failure" test $? -eq 0

# The shell reads it only with the extension and the recovery key.
ext="$top_builddir/db/guanai_crypt"
if ! command -v sqlite3 > /dev/null 2>&1; then
	not_ok "the sqlite3 shell is installed (./bootstrap installs it)"
elif [ ! -f "$ext.so" ]; then
	not_ok "the shell extension $ext.so is built"
else
	sqlite3 "$GUANAI_DB" 'SELECT count(*) FROM cases' > "$out" 2>&1
	check "sqlite3 alone reads nothing" sh -c "! grep -q '^1$' '$out'"
	GUANAI_KEYS="$GUANAI_DB-keys" GUANAI_RECOVERY_FILE="$work/recovery.txt" \
		sqlite3 -cmd ".load $ext" -cmd ".open file:$GUANAI_DB?vfs=guanai-crypt" ':memory:' \
		'SELECT count(*) FROM cases' > "$out" 2>&1
	check "sqlite3 with the extension and the recovery key reads the database" grep -q '^6$' "$out"
	GUANAI_KEYS="$GUANAI_DB-keys" GUANAI_RECOVERY_FILE="$work/recovery.txt" \
		sqlite3 -cmd ".load $ext" -cmd ".open file:$GUANAI_DB?vfs=guanai-crypt" ':memory:' \
		"SELECT group_concat(by) FROM (SELECT by FROM audit WHERE action = 'user.login_failed'
		 AND detail LIKE 'failed before: 1;%' ORDER BY at)" > "$out" 2>&1
	check "li's and zhao's failures reached the audit at their next logins" grep -q '^li,zhao$' "$out"
	echo '0000' > "$work/bad-recovery.txt"
	GUANAI_KEYS="$GUANAI_DB-keys" GUANAI_RECOVERY_FILE="$work/bad-recovery.txt" \
		sqlite3 -cmd ".load $ext" ':memory:' 'SELECT 1' > "$out" 2>&1
	check "a wrong recovery key loads nothing" grep -q 'recovery key does not open' "$out"
fi
done_testing
