#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The privacy of the stored data from the command line: a worker reaches no
# whole ID number without an audit entry by any command (cases, its search,
# cases --csv, export, dashboard); export needs a recorded legal basis or a
# supervisor's override; stored control characters reach no terminal; a
# purge removes a closed case's personal data; check finds an audit entry
# removed, replaced or inserted with sqlite3.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
GUANAI_DB="$work/guanai.db"
export GUANAI_DB
out="$work/out"
full=211321201504180025
profile="$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"
# guanai with English messages, which the checks below read.
gu() { "$GUANAI" --lang en "$@"; }

echo 'supervisor-secret' > "$work/sup.pw"
echo 'worker-secret-1' > "$work/li.pw"
sup="--user wang --password-file $work/sup.pw"
li="--user li --password-file $work/li.pw"
gu users add wang --role supervisor --password-file "$work/sup.pw" > "$out" 2>&1
# The first supervisor encrypted the database; an administrator reads it
# with the sqlite3 shell through guanai's extension and the recovery key.
grep -E '^ *([0-9a-f]{4} ){7}[0-9a-f]{4}$' "$out" | tr -d ' \n' > "$work/recovery.txt"
check "the database is encrypted and its recovery key shown" test -s "$work/recovery.txt"
ext="$top_builddir/db/guanai_crypt"
sql() {
	GUANAI_KEYS="$GUANAI_DB-keys" GUANAI_RECOVERY_FILE="$work/recovery.txt" \
		sqlite3 -cmd ".load $ext" -cmd ".open file:$GUANAI_DB?vfs=guanai-crypt" ':memory:' "$@"
}
gu users add li --role worker $sup --new-password-file "$work/li.pw" > "$out" 2>&1

sed -e '/^interview.worker/d' -e "s/^child.id_number = none\$/child.id_number = $full/" \
	"$profile" > "$work/nobasis.answers"
{ cat "$work/nobasis.answers"
  printf 'consent.basis = guardian_consent\nconsent.by = 王秀兰\n'
  printf 'consent.relation = grandparent\nconsent.how = signed_paper\nconsent.date = 2025-04-18\n'
} > "$work/basis.answers"
id=$(gu import "$work/basis.answers" $li 2> "$out")
check "li imports a case with its legal basis" test -n "$id"
nb=$(gu import --duplicate new "$work/nobasis.answers" $li 2> "$out")
check "li imports a case without one" test -n "$nb"

# Audit entries of an action for a case, read as an administrator would.
audits() {
	sql "SELECT count(*) FROM audit WHERE action = '$1' AND case_id = '$2'"
}

gu cases $li > "$out" 2>&1
check "cases shows li no whole ID number" sh -c "! grep -q '$full' '$out'"
gu cases --csv $li > "$out" 2>&1
check "cases --csv shows li no whole ID number" sh -c "! grep -q '$full' '$out'"
sql "SELECT detail FROM audit WHERE action = 'cases.export' AND by = 'li'" > "$work/csv-audit" 2>&1
check "the CSV export is in the audit, with its counts and no name" sh -c \
	"grep -q '^csv; rows: [0-9]*; withheld: [0-9]*$' '$work/csv-audit' && ! grep -q '张' '$work/csv-audit'"
gu dashboard $li > "$out" 2>&1
check "the dashboard shows li no whole ID number" sh -c "! grep -q '$full' '$out'"
gu export "$id" $li > "$out" 2> "$work/err"
check "li exports li's case" test $? -eq 0
check "li's export masks the ID number" grep -q '^child.id_number = 211321\*\*\*\*\*\*\*\*0025$' "$out"
check "and never holds it whole" sh -c "! grep -q '$full' '$out'"
check "li is told the number is masked" grep -q 'masked' "$work/err"
check "li's export is an audit entry" test "$(audits case.export "$id")" -eq 1
check "li's export revealed no number" test "$(audits case.reveal_id "$id")" -eq 0

# Searching: only the digits the mask shows match; guessed hidden digits
# find nothing, whole numbers are found.
gu cases --search 0025 $li > "$out" 2>&1
check "a search by the last 4 digits finds the case" grep -q "$id" "$out"
gu cases --search 80025 $li > "$out" 2>&1
check "a search with one hidden digit guessed finds nothing" sh -c "! grep -q '$id' '$out'"
gu cases --search 2015041 $li > "$out" 2>&1
check "a search by hidden middle digits finds nothing" sh -c "! grep -q '$id' '$out'"
gu cases --csv --search 80025 $li > "$out" 2>&1
check "nor does the spreadsheet's search" sh -c "! grep -q '211321\*' '$out'"
gu cases --search "$full" $li > "$out" 2>&1
check "the whole number typed finds the case" grep -q "$id" "$out"

gu export "$id" $sup > "$out" 2>&1
check "the supervisor's export holds the whole number" grep -q "^child.id_number = $full\$" "$out"
check "and the reveal is an audit entry" test "$(audits case.reveal_id "$id")" -eq 1

# The consent gate.
gu export "$nb" $li > "$out" 2>&1
check "a case without a legal basis is not exported" test $? -eq 1
check "the message says what to record" grep -q "guardian's consent" "$out"
check "and exports nothing" sh -c "! grep -q '^child.name' '$out'"
gu export --override-consent 'court order' "$nb" $li > "$out" 2>&1
check "a worker cannot override the gate" test $? -eq 1
gu export --override-consent 'court order 2025-17' "$nb" $sup > "$out" 2>&1
check "a supervisor overrides it with a reason" grep -q '^child.name' "$out"
check "the override is an audit entry with its reason" test "$(sql \
	"SELECT count(*) FROM audit WHERE action = 'consent.override' AND case_id = '$nb'
	 AND detail = 'export: court order 2025-17'")" -eq 1
gu cases --csv $sup > "$out" 2>&1
check "cases --csv withholds the name of a case without a legal basis" \
	sh -c "grep '^\"$nb\",' '$out' | grep -q 'withheld' && ! grep '^\"$nb\",' '$out' | grep -q 张欣怡"
gu cases --csv --override-consent 'court order 2025-18' $li > "$out" 2>&1
check "a worker cannot override the gate of the CSV" test $? -eq 1
check "it says only a supervisor may" grep -q 'only a supervisor' "$out"
check "and writes no row" sh -c "! grep -q '^\"$nb\",' '$out'"
gu cases --csv --override-consent '' $sup > "$out" 2>&1
check "a CSV override without a reason is refused" test $? -eq 2
gu cases --csv --override-consent 'court order 2025-18' $sup > "$out" 2>&1
check "a supervisor's override writes the name in the CSV" sh -c "grep '^\"$nb\",' '$out' | grep -q 张欣怡"
check "the CSV override is an audit entry with its reason" test "$(sql \
	"SELECT count(*) FROM audit WHERE action = 'consent.override' AND case_id = '$nb'
	 AND detail = 'csv: court order 2025-18'")" -eq 1
check "the CSV export's entry counts the cases overridden" test "$(sql \
	"SELECT count(*) FROM audit WHERE action = 'cases.export' AND by = 'wang'
	 AND detail LIKE '%; withheld: 0; overridden: 1'")" -eq 1

# Control characters put into stored text with sqlite3 never reach the
# terminal: ESC, DEL and the C1 CSI (U+009B) come out escaped.
sql "UPDATE cases SET child_name = '王' || char(27) || '[2J' || char(155) || '红',
	township = '镇' || char(127) || char(27) || ']0;x' WHERE id = '$id';
	UPDATE answers SET value = '王' || char(27) || '[2J' || char(155) || '红'
	WHERE case_id = '$id' AND key = 'child.name'"
# clean FILE: FILE holds no ESC, DEL or U+009B.
clean() {
	! LC_ALL=C grep -q "$(printf '[\033\177]')" "$1" && ! LC_ALL=C grep -q "$(printf '\302\233')" "$1"
}
gu cases $sup > "$out" 2>&1
check "cases prints the name escaped" grep -q '王\\x1B\[2J\\u009B红' "$out"
check "cases prints no control character" clean "$out"
gu cases --csv $sup > "$out" 2>&1
check "cases --csv prints no control character" clean "$out"
gu export "$id" $sup > "$out" 2>&1
check "export prints the name escaped" grep -q '^child.name = 王\\x1B\[2J\\u009B红$' "$out"
check "export prints no control character" clean "$out"
gu dashboard $sup > "$out" 2>&1
check "the dashboard prints no control character" clean "$out"
printf 'child.name = a\033[2Jb\n' > "$work/esc.answers"
gu import "$work/esc.answers" $li > "$out" 2>&1
check "an answers file with ESC in a value is refused (2)" test $? -eq 2
check "its message names the file and line" grep -q 'esc.answers:1' "$out"
gu export "$(printf 'x\033[2J')" $sup > "$out" 2>&1
check "an error message quoting its argument prints no control character" clean "$out"

# Retention: a closed case past the period loses its personal data to a
# supervisor's purge, keeps its place in the counts, and the chain holds.
sql "UPDATE cases SET status = 'closed' WHERE id = '$id'"
later=$(date -d '+4 years' +%Y-%m-%d)
gu purge --today "$later" $li > "$out" 2>&1
check "a worker cannot purge (1)" test $? -eq 1
gu purge --today "$(date +%Y-%m-%d)" $sup > "$out" 2>&1
check "a case closed today is kept" sh -c "! grep -q '$id' '$out'"
gu purge --today "$later" $sup > "$out" 2>&1
check "the supervisor sees the case past its retention" grep -q "^$id	" "$out"
check "and is told how to remove its data" grep -q -- 'purge --yes' "$out"
gu purge --yes --today "$later" $sup > "$out" 2>&1
check "purge --yes removes it" test $? -eq 0
check "the name is gone" test -z "$(sql "SELECT child_name FROM cases WHERE id = '$id'")"
check "the answers are gone" test "$(sql "SELECT count(*) FROM answers WHERE case_id = '$id'")" -eq 0
gu dashboard $sup > "$out" 2>&1
check "the dashboard still counts both cases" grep -q 'Cases by interview date, from the start to now: 2' "$out"

# The audit chain, tampered with as a worker with sqlite3 could.
gu check $sup > "$out" 2>&1
check "check calls the chain unbroken" grep -q 'unbroken' "$out"
# The database as it is now, with its log, to put back between tamperings.
keep() { rm -f "$work/good.db-wal"; cp "$GUANAI_DB" "$work/good.db"
	if [ -f "$GUANAI_DB-wal" ]; then cp "$GUANAI_DB-wal" "$work/good.db-wal"; fi; }
restore() { rm -f "$GUANAI_DB-wal" "$GUANAI_DB-shm"; cp "$work/good.db" "$GUANAI_DB"
	if [ -f "$work/good.db-wal" ]; then cp "$work/good.db-wal" "$GUANAI_DB-wal"; fi; }
keep
sql "DELETE FROM audit WHERE seq = 3" 2> /dev/null
check "the guard refuses a delete" test "$(sql 'SELECT count(*) FROM audit WHERE seq = 3')" -eq 1
sql "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3"
gu check $sup > "$out" 2>&1
check "check finds a deleted entry (1)" test $? -eq 1
check "and names the first broken entry" grep -q 'entry 3 ' "$out"
restore
sql "INSERT OR REPLACE INTO audit SELECT id, at, 'wang', action, case_id,
	detail, updated_at, device, seq, prev_hash, detail_hash, hash FROM audit WHERE seq = 5"
gu check $sup > "$out" 2>&1
check "check finds a replaced entry (1)" test $? -eq 1
check "and names it" grep -q 'entry 5 ' "$out"
restore
sql "INSERT INTO audit (id, at, by, action, updated_at, device)
	VALUES ('0123456789abcdef0123456789abcdef', 1, 'li', 'user.add', 1, 'x')"
gu check $sup > "$out" 2>&1
check "check finds an inserted entry (1)" test $? -eq 1
check "and names it" grep -q '0123456789abcdef0123456789abcdef' "$out"
done_testing
