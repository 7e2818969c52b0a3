#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command asks who is working and shows each user only what they may
# see: cases, cases --csv, export, import, backup.  Without a user no
# database is made.  (The tests' default user is not used here.)
. "$top_srcdir/tests/tap.sh"
unset GUANAI_USER GUANAI_PASSWORD_FILE
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
GUANAI_DB="$work/guanai.db"
export GUANAI_DB
out="$work/out"
profile="$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"

echo 'supervisor-secret' > "$work/sup.pw"
echo 'worker-secret-1' > "$work/li.pw"
echo 'worker-secret-2' > "$work/zhao.pw"
sup="--user wang --password-file $work/sup.pw"
li="--user li --password-file $work/li.pw"
zhao="--user zhao --password-file $work/zhao.pw"

# Without a user, no database is made, and guanai says how to make one.
"$GUANAI" --lang en import "$profile" > "$out" 2>&1
check "without --user, import on a missing database exits 2" test $? -eq 2
check "the message says how to create the database" grep -q 'init --user NAME' "$out"
check "no database is left" test ! -e "$GUANAI_DB"

"$GUANAI" users add wang --role supervisor --password-file "$work/sup.pw" > "$out" 2>&1
check "the first supervisor is added" test $? -eq 0
id0=$("$GUANAI" import "$profile" $sup 2>"$out")
check "the supervisor imports a case" test -n "$id0"
"$GUANAI" cases $sup > "$out" 2>&1
check "the supervisor lists it" grep -q "$id0" "$out"
"$GUANAI" users add li --role worker $sup --new-password-file "$work/li.pw" > "$out" 2>&1
check "a worker li is added" test $? -eq 0
"$GUANAI" users add zhao --role worker $sup --new-password-file "$work/zhao.pw" > "$out" 2>&1
check "a worker zhao is added" test $? -eq 0

sed -e '/^interview.worker/d' -e 's/^child.id_number = none$/child.id_number = 211321201504180025/' \
	"$profile" > "$work/li.answers"
printf 'consent.basis = statutory_duty\nconsent.reason = 强制报告\nconsent.date = 2025-04-18\n' \
	>> "$work/li.answers"
"$GUANAI" cases > "$out" 2>&1
check "cases without --user exits 2" test $? -eq 2
check "the message names --user" grep -q -- '--user' "$out"
"$GUANAI" import "$work/li.answers" > "$out" 2>&1
check "import without --user exits 2" test $? -eq 2
id=$("$GUANAI" import "$work/li.answers" $li 2>"$out")
check "li imports a case, which becomes li's" test -n "$id"

"$GUANAI" cases $li > "$out" 2>&1
check "li sees the case li made" grep -q "$id" "$out"
"$GUANAI" cases $zhao > "$out" 2>&1
check "zhao does not see li's case" sh -c "! grep -q '$id' '$out'"
"$GUANAI" cases $sup > "$out" 2>&1
check "the supervisor sees li's case" grep -q "$id" "$out"

"$GUANAI" export "$id" $zhao > "$out" 2>&1
check "zhao cannot export li's case" test $? -ne 0
"$GUANAI" export "$id" $li > "$out" 2>&1
check "li exports li's case" grep -q '^child.name = ' "$out"

"$GUANAI" cases --csv $zhao > "$out" 2>&1
check "cases --csv works through the cases command" test $? -eq 0
check "zhao's spreadsheet does not list li's child" sh -c "! grep -q '张欣怡' '$out'"
"$GUANAI" cases --csv $sup > "$out" 2>&1
check "the supervisor's spreadsheet lists the child" grep -q '张欣怡' "$out"
check "the spreadsheet shows the ID number masked" grep -q '211321\*\*\*\*\*\*\*\*0025' "$out"
check "the spreadsheet never shows the whole ID number" sh -c "! grep -q '211321201504180025' '$out'"

"$GUANAI" backup "$work/copy.db" $li > "$out" 2>&1
check "a worker cannot make a backup of every case" test $? -ne 0
check "no backup file is left by the refusal" test ! -e "$work/copy.db"
"$GUANAI" backup "$work/copy.db" $sup > "$out" 2>&1
check "the supervisor makes a backup" test -s "$work/copy.db"
done_testing
