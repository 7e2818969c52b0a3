#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# No command can destroy cases: backup and CSV export refuse the open
# database and its files however they are named (absolute path, relative
# path, ./, a symlink, a hard link), an existing file is replaced only with
# --force, a symlinked database path is refused, and check calls a file
# that is not a guanai database damaged.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
mkdir "$work/cases" && chmod 700 "$work/cases"
db="$work/cases/live.db"

"$GUANAI" --lang en --db "$db" import "$top_srcdir"/tests/profiles/*.answers > "$work/ids" 2> "$work/err"
check "the profiles are imported" test $? -eq 0
[ -s "$work/err" ] && diag "$(cat "$work/err")"
total=$(wc -l < "$work/ids")
check "at least ten cases to lose" test "$total" -ge 10

# count: the number of cases guanai lists in the live database.
count() { "$GUANAI" --lang en --db "$db" cases 2> /dev/null | wc -l; }
# sound: check says the live database is sound with every case.
sound() { "$GUANAI" --lang en --db "$db" check > "$work/check" 2>&1 && grep -q "cases: $total)" "$work/check"; }

ln -s live.db "$work/cases/link.db"
ln "$db" "$work/cases/hard.db"
ln -s "$work/cases" "$work/linked-folder"
size=$(stat -c %s "$db")

# refused DESCRIPTION COMMAND...: the command run in the cases folder must
# fail, say why, and leave every case and the database file as they were.
refused() {
	what=$1; shift
	(cd "$work/cases" && "$@") > "$work/out" 2>&1
	rc=$?
	check "$what is refused" test "$rc" -ne 0
	check "$what: the message says it is the database" grep -q 'open database' "$work/out"
	[ "$rc" -ne 0 ] || diag "$(cat "$work/out")"
	check "$what: every case is still there" test "$(count)" -eq "$total"
	check "$what: the database is still sound" sound
}

for target in "$db" live.db ./live.db ../cases/live.db link.db hard.db \
	"$work/linked-folder/live.db" live.db-wal live.db-shm live.db-journal; do
	refused "backup onto $target" "$GUANAI" --lang en --db "$db" backup "$target"
	refused "backup --force onto $target" "$GUANAI" --lang en --db "$db" backup --force "$target"
	refused "cases --csv --force --output $target" \
		"$GUANAI" --lang en --db "$db" cases --csv --force --output "$target"
done
refused "backup from a relative --db onto its own name" \
	"$GUANAI" --lang en --db live.db backup --force ./live.db
check "the symlink is still a symlink" test -L "$work/cases/link.db"
check "the hard link is still the database" test "$(stat -c %i "$work/cases/hard.db")" = "$(stat -c %i "$db")"
check "the database file keeps its size" test "$(stat -c %s "$db")" -ge "$size"
check "no file is left behind" sh -c "! ls -A '$work/cases' | grep -q '^\.guanai-'"

# The case list's F9 export, typed as a person would: the database's own
# name is refused, an existing file is replaced only after "y".
cat > "$work/f9.keys" <<'KEYS'
key 3 F9 1 C-u
type live.db
key Enter
dump f9-db.txt
key C-u
type ./link.db
key Enter
dump f9-link.txt
key C-u
type list.csv
key Enter
dump f9-exists.txt
key n
dump f9-kept.txt
run cp list.csv "$WORK/kept.csv"
key Enter y
dump f9-replaced.txt
KEYS
echo "a list the user keeps" > "$work/cases/list.csv"
(cd "$work/cases" && WORK=$work GUANAI_TEST_SCRIPT="$work/f9.keys" GUANAI_TEST_DUMP_DIR="$work" \
	GUANAI_TEST_TIMEOUT=60 COLUMNS=80 LINES=24 "$GUANAI" --lang en --db live.db) > "$work/out" 2>&1
check "the F9 script runs to the end" test $? -eq 0
check "F9 onto the database's name is refused on screen" grep -q 'this is the open database' "$work/f9-db.txt"
check "F9 onto a symlink to the database is refused" grep -q 'this is the open database' "$work/f9-link.txt"
check "after F9 every case is still there" test "$(count)" -eq "$total"
check "after F9 the database is still sound" sound
check "F9 onto an existing file asks first" grep -q 'list.csv already exists. Replace it' "$work/f9-exists.txt"
check "n keeps the name on screen" grep -q 'list.csv' "$work/f9-kept.txt"
check "and the file as it was" sh -c "grep -q 'a list the user keeps' '$work/kept.csv' && test \$(wc -l < '$work/kept.csv') -eq 1"
check "y replaces it and says so" grep -q 'Saved list.csv' "$work/f9-replaced.txt"
check "with the list" test "$(wc -l < "$work/cases/list.csv")" -gt "$total"

# The -wal removed in the middle of an interview: the next answer is NOT
# saved (at once, never shown as saved), every answer shown as saved before
# is in the database after the program closes, and it says how to go on.
mkdir "$work/wal" && chmod 700 "$work/wal"
cat > "$work/wal.keys" <<'KEYS'
key 1 Enter
type 建平镇
key Enter F2
# the basis: the guardian's consent; then who consented, a text answer
key 1 Enter
dump wal-before.txt
run rm -f "$WORK/wal/db-wal"
type 王小明
key Enter
dump wal-gone.txt
key C-r
dump wal-retry.txt
key Esc
dump wal-leave.txt
key y
KEYS
WORK=$work GUANAI_TEST_SCRIPT="$work/wal.keys" GUANAI_TEST_DUMP_DIR="$work" \
	GUANAI_TEST_TIMEOUT=60 COLUMNS=80 LINES=24 "$GUANAI" --lang en --db "$work/wal/db" > "$work/out" 2>&1
check "the interview with the -wal removed runs to the end" test $? -eq 0
check "before the removal the answers are shown as saved" sh -c "head -1 '$work/wal-before.txt' | grep -q 'saved' && ! head -1 '$work/wal-before.txt' | grep -q 'NOT SAVED'"
check "the answer after the removal is shown NOT SAVED at once" sh -c "head -1 '$work/wal-gone.txt' | grep -q 'NOT SAVED'"
check "it stays on screen" grep -q '王小明' "$work/wal-gone.txt"
check "the screen says the log was removed and to start again" sh -c "grep -q 'log file' '$work/wal-gone.txt' && grep -q 'start it again' '$work/wal-gone.txt'"
check "a retry is still NOT SAVED" sh -c "head -1 '$work/wal-retry.txt' | grep -q 'NOT SAVED'"
check "leaving warns the answer is not saved" grep -q 'NOT saved' "$work/wal-leave.txt"
"$GUANAI" --lang en --db "$work/wal/db" check > "$work/out" 2>&1
check "after a restart the database is sound" test $? -eq 0
walcase=$("$GUANAI" --lang en --db "$work/wal/db" cases 2> /dev/null | cut -f1)
"$GUANAI" --lang en --db "$work/wal/db" export --override-consent "checking the saved answers" "$walcase" > "$work/wal.answers" 2> "$work/out"
check "the answer saved before the removal is in the database" grep -q '^interview.township = 建平镇$' "$work/wal.answers"
check "so is the one saved just before it" grep -q '^interview.worker = unknown$' "$work/wal.answers"
check "the answer shown NOT SAVED is not" sh -c "! grep -q '王小明' '$work/wal.answers'"

# The -wal replaced by a copy of itself (a careless restore) is caught too.
mkdir "$work/wal2" && chmod 700 "$work/wal2"
cat > "$work/wal2.keys" <<'KEYS'
key 1 Enter
type 建平镇
key Enter
run cp "$WORK/wal2/db-wal" "$WORK/wal2/copy" && mv "$WORK/wal2/copy" "$WORK/wal2/db-wal"
key F2
dump wal2-replaced.txt
KEYS
WORK=$work GUANAI_TEST_SCRIPT="$work/wal2.keys" GUANAI_TEST_DUMP_DIR="$work" \
	GUANAI_TEST_TIMEOUT=60 COLUMNS=80 LINES=24 "$GUANAI" --lang en --db "$work/wal2/db" > "$work/out" 2>&1
check "the interview with the -wal replaced runs to the end" test $? -eq 0
check "the answer after the replacement is shown NOT SAVED" sh -c "head -1 '$work/wal2-replaced.txt' | grep -q 'NOT SAVED'"
walcase=$("$GUANAI" --lang en --db "$work/wal2/db" cases 2> /dev/null | cut -f1)
"$GUANAI" --lang en --db "$work/wal2/db" export --override-consent "checking the saved answers" "$walcase" > "$work/wal2.answers" 2> "$work/out"
check "the answer saved before the replacement is in the database" \
	grep -q '^interview.township = 建平镇$' "$work/wal2.answers"

# Imports: each id is printed once its case is committed, so every id a
# killed import printed is stored; the rerun stores the rest and no second
# copy; the same interview again is skipped naming the stored case.
mkdir "$work/batch" "$work/imp" && chmod 700 "$work/imp"
i=0
while [ $i -lt 300 ]; do
	day=$(date -d "2020-01-01 + $i days" +%Y-%m-%d)
	{
		echo "interview.date = $day"
		echo "interview.township = 七道泉子镇"
		echo "interview.worker = 王芳"
		echo "child.name = 张小红"
		echo "child.id_number = 211302201501010021"
		echo "child.hukou_county = 211302"
		echo "child.residence_county = 211302"
	} > "$work/batch/$day.answers"
	i=$((i + 1))
done
idb="$work/imp/db"
: > "$work/printed"
"$GUANAI" --lang en --db "$idb" import "$work/batch"/*.answers > "$work/printed" 2> "$work/killed.err" &
pid=$!
n=0
while kill -0 "$pid" 2> /dev/null && [ "$(wc -l < "$work/printed")" -lt 10 ]; do
	sleep 0.05
	n=$((n + 1))
	[ $n -lt 2000 ] || break
done
kill -KILL "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
printed=$(grep -c . "$work/printed")
diag "the import was killed after printing $printed ids"
[ "$printed" -ge 1 ] || diag "$(cat "$work/killed.err")"
check "the killed import printed ids" test "$printed" -ge 1
"$GUANAI" --lang en --db "$idb" cases --limit 100000000 2> /dev/null | cut -f1 | sort > "$work/stored"
missing=$(sort "$work/printed" | comm -23 - "$work/stored" | wc -l)
check "every id the killed import printed is committed" test "$missing" -eq 0
"$GUANAI" --lang en --db "$idb" import "$work/batch"/*.answers > "$work/printed2" 2> "$work/imp.err"
check "the rerun completes" test $? -eq 0
check "the rerun names the cases already stored" grep -q 'already stored as case' "$work/imp.err"
check "the batch is stored once, no second copy" \
	test "$("$GUANAI" --lang en --db "$idb" cases --limit 100000000 2> /dev/null | wc -l)" -eq 300
check "the rerun printed only the cases it stored" \
	test "$(($(grep -c . "$work/printed2") + $(wc -l < "$work/stored")))" -eq 300
first=$(ls "$work/batch" | head -n 1)
cp "$work/batch/$first" "$work/same-child-same-day.answers"
echo "# typed again on another laptop" >> "$work/same-child-same-day.answers"
"$GUANAI" --lang en --db "$idb" import "$work/same-child-same-day.answers" > "$work/out" 2> "$work/imp.err"
check "the same child and interview date in another file is skipped" test ! -s "$work/out"
check "naming the stored case" grep -Eq 'already stored as case [0-9a-f]{32}' "$work/imp.err"
"$GUANAI" --lang en --db "$idb" import --duplicate new "$work/batch/$first" > "$work/out" 2> "$work/imp.err"
check "--duplicate new imports it anyway" grep -Eq '^[0-9a-f]{32}$' "$work/out"
sed 's/^interview.date = .*/interview.date = 2024-12-31/' "$work/batch/$first" > "$work/other-day.answers"
"$GUANAI" --lang en --db "$idb" import "$work/other-day.answers" > "$work/out" 2> "$work/imp.err"
check "the same child on another day is a new interview" grep -Eq '^[0-9a-f]{32}$' "$work/out"

# An existing file is kept unless --force.
echo "a note the user keeps" > "$work/note.txt"
"$GUANAI" --lang en --db "$db" backup "$work/note.txt" > "$work/out" 2>&1
check "backup over an existing file without --force fails" test $? -ne 0
check "it says the file exists and how to replace it" grep -q 'exists.*--force' "$work/out"
check "the existing file is untouched" grep -q 'a note the user keeps' "$work/note.txt"
"$GUANAI" --lang en --db "$db" cases --csv --output "$work/note.txt" > "$work/out" 2>&1
check "CSV over an existing file without --force fails" test $? -ne 0
check "the existing file is still untouched" grep -q 'a note the user keeps' "$work/note.txt"
"$GUANAI" --lang en --db "$db" cases --csv --force --output "$work/note.txt" > "$work/out" 2>&1
check "CSV with --force replaces it" test $? -eq 0
check "with the case list" test "$(wc -l < "$work/note.txt")" -gt "$total"
check "made readable by the user only" test "$(stat -c %a "$work/note.txt")" = 600
"$GUANAI" --lang en --db "$db" backup "$work/copy.db" > "$work/out" 2>&1
check "a backup to a new file works" test $? -eq 0
"$GUANAI" --lang en --db "$db" backup "$work/copy.db" > "$work/out" 2>&1
check "a second backup to the same file needs --force" test $? -ne 0
"$GUANAI" --lang en --db "$db" backup --force "$work/copy.db" > "$work/out" 2>&1
check "backup --force replaces the old backup" test $? -eq 0
check "the backup holds every case" \
	test "$("$GUANAI" --lang en --db "$work/copy.db" cases 2> /dev/null | wc -l)" -eq "$total"
ln -s "$work/note.txt" "$work/note-link"
"$GUANAI" --lang en --db "$db" backup "$work/note-link" > "$work/out" 2>&1
check "a symlink is an existing file too" test $? -ne 0
check "and the file it points to is untouched" test "$(wc -l < "$work/note.txt")" -gt "$total"
"$GUANAI" --lang en --db "$db" backup "$work/no-such-folder/copy.db" > "$work/out" 2>&1
check "a missing folder is named" grep -q 'no-such-folder does not exist' "$work/out"
"$GUANAI" --lang en --db "$db" backup "$work/cases" > "$work/out" 2>&1
check "a folder is not a file to write" grep -q 'folder' "$work/out"

# Opening: a symlinked database path or folder is refused with the path to use.
"$GUANAI" --lang en --db "$work/cases/link.db" cases > "$work/out" 2>&1
check "a symlinked --db is refused" test $? -ne 0
check "the message gives the real path" grep -q -- "--db $db" "$work/out"
"$GUANAI" --lang en --db "$work/linked-folder/live.db" check > "$work/out" 2>&1
check "a database in a symlinked folder is refused" test $? -ne 0
check "that message gives the real path too" grep -q -- "--db $db" "$work/out"
chmod 644 "$db"
"$GUANAI" --lang en --db "$db" cases > /dev/null 2> "$work/out"
check "a database others can read is tightened to 0600" test "$(stat -c %a "$db")" = 600
check "and the user is told" grep -q 'readable by you only' "$work/out"
"$GUANAI" --lang en --db "$db" cases > /dev/null 2> "$work/out"
check "and told once" test ! -s "$work/out"
mkdir "$work/shared" && chmod 777 "$work/shared"
cp "$work/copy.db" "$work/shared/s.db"
cp "$work/copy.db-keys" "$work/shared/s.db-keys" # an encrypted database travels with its key slots
"$GUANAI" --lang en --db "$work/shared/s.db" cases > /dev/null 2> "$work/out"
check "a folder others may write is warned about" grep -q 'other users may write' "$work/out"

# A database on a disk mounted read-only (a write-protected USB stick):
# reading commands work, writing ones say the disk is read-only.  The
# mount is made in a private namespace, where the system allows one.
mkdir "$work/rodisk"
cp "$db" "$work/ro-source.db"
cp "$db-keys" "$work/ro-source.db-keys"
if unshare -rm sh -c "mount -t tmpfs tmpfs '$work/rodisk'" 2> /dev/null; then
	unshare -rm sh -c '
		mount -t tmpfs tmpfs "$1/rodisk" && cp "$1/ro-source.db" "$1/rodisk/db" &&
		cp "$1/ro-source.db-keys" "$1/rodisk/db-keys" &&
		mount -o remount,ro "$1/rodisk" || exit 1
		"$2" --lang en --db "$1/rodisk/db" cases > "$1/ro-cases" 2> "$1/ro-cases.err"
		echo $? > "$1/ro-cases.rc"
		"$2" --lang en --db "$1/rodisk/db" import "$3" > "$1/ro-import" 2>&1
		echo $? > "$1/ro-import.rc"
		"$2" --lang en --db "$1/rodisk/db" backup "$1/rodisk/copy.db" > "$1/ro-backup" 2>&1
		echo $? > "$1/ro-backup.rc"' sh "$work" "$GUANAI" "$work/batch/$first"
	check "a database on a read-only disk can be listed" test "$(cat "$work/ro-cases.rc")" = 0
	check "with every case" test "$(wc -l < "$work/ro-cases")" -eq "$total"
	check "importing into it fails" test "$(cat "$work/ro-import.rc")" != 0
	check "saying the disk is read-only" grep -q 'read-only' "$work/ro-import"
	check "not to check the permissions" sh -c "! grep -q 'permissions' '$work/ro-import'"
	check "a backup onto that disk says read-only" grep -q 'read-only' "$work/ro-backup"
else
	ok "# SKIP no private read-only mount can be made here"
fi

# check: files that are not a guanai database are damaged, never sound.
# damaged DESCRIPTION FILE: check on FILE must fail and not call it sound.
damaged() {
	"$GUANAI" --lang en --db "$2" check > "$work/out" 2>&1
	rc=$?
	check "check on $1 fails" test "$rc" -ne 0
	check "check on $1 does not call it sound" sh -c "! grep -q sound '$work/out'"
	[ "$rc" -ne 0 ] || diag "$(cat "$work/out")"
}
: > "$work/empty.db"
damaged "a 0-byte file" "$work/empty.db"
check "the 0-byte file is left empty" test ! -s "$work/empty.db"
printf 'name,age\nzhang,9\n' > "$work/text.db"
damaged "a text file" "$work/text.db"
if command -v sqlite3 > /dev/null; then
	sqlite3 "$work/plain.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
	damaged "a plain SQLite file" "$work/plain.db"
	sqlite3 "$work/noschema.db" 'PRAGMA application_id = 1198866793;'
	sqlite3 "$work/noschema.db" 'PRAGMA user_version = 1; CREATE TABLE t (x);'
	damaged "a guanai file without its tables" "$work/noschema.db"
else
	ok "# SKIP sqlite3 is not installed: plain SQLite files not checked"
fi
check "check on a missing file fails" sh -c "! '$GUANAI' --db '$work/none.db' check > /dev/null 2>&1"
check "and does not create it" test ! -e "$work/none.db"

done_testing
