#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The database commands: import, export, cases, check and backup, with
# their messages for a database that is missing, not a database or damaged.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
db="$work/data/guanai.db"

cat > "$work/a.answers" <<'ANSWERS'
# a left-behind child living with grandparents
interview.date = 2025-03-01
interview.township = 七道泉子镇
interview.worker = 王芳
consent.basis = guardian_consent
consent.by = 张建国
consent.relation = grandparent
consent.how = signed_paper
consent.date = 2025-03-01
child.name = 张小红
child.id_number = 211302201501010021
child.sex = female
child.hukou_county = 211302
child.hukou_kind = village
child.residence_county = 211302
child.residence_kind = rural
child.lives_with = grandparents
father.status = migrant
father.migrant_months = 12
mother.status = severe_illness
household.status = rural_dibao
ANSWERS
cat > "$work/b.answers" <<'ANSWERS'
interview.date = 2025-04-02
interview.township = 大平房镇
interview.worker = 李军
child.name = 刘洋
child.id_number = 211322201206150035
child.hukou_county = 211322
child.residence_county = 211322
father.status = home
mother.status = home
household.status =
ANSWERS
printf 'interview.date = 2025-02-30\n' > "$work/bad.answers"

"$GUANAI" --lang en --db "$db" import "$work/a.answers" > "$work/id1" 2> "$work/err"
rc=$?
check "import exits 0" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$work/err")"
id1=$(cat "$work/id1")
check "import prints a 32-digit case id" sh -c "echo '$id1' | grep -Eq '^[0-9a-f]{32}$'"
check "the database file is 0600" test "$(stat -c %a "$db")" = 600
check "its folder is 0700" test "$(stat -c %a "$work/data")" = 700

"$GUANAI" --lang en --db "$db" export "$id1" > "$work/e1" 2> "$work/err"
check "export exits 0" test $? -eq 0
# father.migrant_months is no longer asked (its question never applies):
# an answer that does not count stays in the case, out of the export.
grep -v '^#' "$work/a.answers" | grep -v '^father.migrant_months' | sed 's/ *= */ = /' | sort > "$work/orig.sorted"
sort "$work/e1" > "$work/e1.sorted"
check "export gives back every imported answer that counts" cmp -s "$work/orig.sorted" "$work/e1.sorted"

"$GUANAI" --lang en --db "$db" import --duplicate new "$work/e1" > "$work/id2"
"$GUANAI" --lang en --db "$db" export "$(cat "$work/id2")" > "$work/e2"
check "import then export of a file in canonical order is identical" cmp -s "$work/e1" "$work/e2"
short=$(printf '%.8s' "$id1")
"$GUANAI" --lang en --db "$db" export "$short" > "$work/e3" 2>&1
check "export takes the first digits of an id" cmp -s "$work/e1" "$work/e3"

"$GUANAI" --lang en --db "$db" import --status draft "$work/b.answers" "$work/bad.answers" > "$work/id3" 2> "$work/err"
rc=$?
check "a bad file among good ones exits 2" test "$rc" -eq 2
check "the bad file's error names the file and line" grep -q 'bad.answers:1' "$work/err"
check "the good file is still imported" test "$(wc -l < "$work/id3")" -eq 1

"$GUANAI" --lang en --db "$db" cases > "$work/list"
check "cases lists three cases" test "$(wc -l < "$work/list")" -eq 3
check "cases has eleven tab-separated fields" \
	sh -c "awk -F '\t' 'NF != 11 { exit 1 }' '$work/list'"
check "the newest case is first" sh -c "head -1 '$work/list' | grep -q '^$(cat "$work/id3")	draft	'"
check "cases masks the ID numbers it lists" grep -q '211302\*\*\*\*\*\*\*\*0021' "$work/list"
check "cases never lists a whole ID number" sh -c "! grep -q '211302201501010021' '$work/list'"
"$GUANAI" --lang en --db "$db" cases --status complete --search 张 > "$work/list"
check "cases filters by status and name" test "$(wc -l < "$work/list")" -eq 2
"$GUANAI" --lang en --db "$db" cases --worker 李军 > "$work/list"
check "cases filters by worker" sh -c "grep -q '刘洋' '$work/list' && test \$(wc -l < '$work/list') -eq 1"
"$GUANAI" --lang en --db "$db" cases --status finished > "$work/out" 2>&1
check "an unknown status is refused with status 2" test $? -eq 2
check "and the message names it" grep -q finished "$work/out"

"$GUANAI" --lang en --db "$db" check > "$work/out" 2>&1
check "check of a sound database exits 0" test $? -eq 0
check "check says it is sound" grep -q 'sound' "$work/out"

"$GUANAI" --lang en --db "$db" backup "$work/copy.db" > "$work/out" 2>&1
check "backup exits 0" test $? -eq 0
check "the backup is 0600" test "$(stat -c %a "$work/copy.db")" = 600
"$GUANAI" --lang en --db "$work/copy.db" export "$id1" > "$work/e4"
check "the backup holds the cases" cmp -s "$work/e1" "$work/e4"

"$GUANAI" --lang en --db "$work/none.db" cases > "$work/out" 2>&1
check "a missing database is an error (1)" test $? -eq 1
check "the message names the file" grep -q 'none.db' "$work/out"
test ! -e "$work/none.db"
check "listing does not create a database" test $? -eq 0

echo "not a database, just some text that is long enough to fill a header page" > "$work/text.db"
"$GUANAI" --lang en --db "$work/text.db" cases > "$work/out" 2>&1
check "a text file is not a database (1)" test $? -eq 1
check "the message says so" grep -q 'not a guanai database' "$work/out"

"$GUANAI" --lang en --db "$db" export 0000 > "$work/out" 2>&1
check "export of an unknown case exits 2" test $? -eq 2
check "and says there is no such case" grep -q 'no case' "$work/out"

GUANAI_DB="$db" "$GUANAI" --lang en cases > "$work/list"
check "GUANAI_DB chooses the database" test "$(wc -l < "$work/list")" -eq 3

# An answers file saved by a Windows tool in GB18030: imported through
# --encoding, its Chinese kept; without it, the error says what to do.
iconv -f UTF-8 -t GB18030 "$work/a.answers" > "$work/gb.answers"
"$GUANAI" --db "$work/gb.db" import "$work/gb.answers" > "$work/out" 2>&1
check "a GB18030 file without --encoding is refused" test $? -eq 2
check "and the message names --encoding gb18030" grep -q 'encoding gb18030' "$work/out"
"$GUANAI" --db "$work/gb.db" import --encoding gb18030 "$work/gb.answers" > "$work/gbid" 2> "$work/err"
check "import --encoding gb18030 stores it" test $? -eq 0
"$GUANAI" --db "$work/gb.db" export "$(cat "$work/gbid")" > "$work/gbout"
check "its Chinese comes back as UTF-8" grep -q '^child.name = 张小红$' "$work/gbout"
"$GUANAI" --db "$work/gb.db" import --encoding latin1 "$work/gb.answers" > "$work/out" 2>&1
check "an encoding other than utf-8 or gb18030 is refused" test $? -eq 2
# Many files in one run are stored in few transactions: the same file twice
# is still found (in the batch not yet committed), each id is printed once
# committed, and every printed id is stored.
for i in 1 2 3 4 5; do
	sed -e "s/^child.name = .*/child.name = 批量$i/" -e "s/^interview.date = .*/interview.date = 2025-05-1$i/" \
		"$work/b.answers" > "$work/m$i.answers"
done
"$GUANAI" --lang en --db "$work/m.db" import "$work/m1.answers" "$work/m2.answers" \
	"$work/m1.answers" "$work/m3.answers" "$work/m4.answers" "$work/m5.answers" \
	> "$work/mids" 2> "$work/err"
check "a run of files exits 0" test $? -eq 0
check "prints one id per stored file" test "$(wc -l < "$work/mids")" -eq 5
check "the file given twice is skipped, naming the case of its first" \
	grep -q "m1.answers: the same interview is already stored as case $(head -n 1 "$work/mids")" "$work/err"
"$GUANAI" --lang en --db "$work/m.db" cases > "$work/mlist"
sort "$work/mids" > "$work/mids.sorted"
cut -f 1 "$work/mlist" | sort > "$work/mlist.sorted"
check "every printed id is stored, and nothing else" cmp -s "$work/mids.sorted" "$work/mlist.sorted"
done_testing
