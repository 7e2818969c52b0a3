#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole interviews through the screens, checked in the database: a full
# interview finished with a referral; a power cut halfway and the resumed
# draft at the same question; a save that fails while another program
# holds the database, kept on screen and retried; household members added
# and removed from the roster; a power cut among a member's questions; the
# same child entered twice; another child of the same family; the
# relatives the child lives with added as members (declined in 1, which
# stores the same answers as before); a floating child's school county
# offered from the county of residence.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
scripts="$top_srcdir/tests/tui-scripts"
DB=$work/db
READY=$work/ready
LOCKER=$top_builddir/tests/test_tui_lock
export DB READY LOCKER

# tui SCRIPT: runs guanai in English under SCRIPT on $DB; returns its status.
tui() {
	GUANAI_TEST_SCRIPT=$1 GUANAI_TEST_DUMP_DIR=$work GUANAI_TEST_TODAY=2026-11-29 \
	GUANAI_TEST_TIMEOUT=60 COLUMNS=80 LINES=24 \
		"$GUANAI" --lang en --db "$DB" > "$work/out" 2>&1
}
dbdump() { "$top_builddir/tests/test_tui_dbdump" "$DB"; }

# 1. the whole interview
tui "$scripts/screens/interview.keys"
check "the whole interview runs to the end" test $? -eq 0
dbdump > "$work/stored" 2>&1
check "the database can be read back" test $? -eq 0
if cmp -s "$scripts/interview.expected" "$work/stored"; then
	ok "every answer, the status and the referral are stored"
else
	not_ok "every answer, the status and the referral are stored"
	diag "$(diff -u "$scripts/interview.expected" "$work/stored" | head -40)"
fi

# 2. a power cut halfway, then resume
rm -f "$DB" "$DB-wal" "$DB-shm"
tui "$scripts/resume-kill.keys"
check "the killed run died without cleaning up" test $? -eq 137
dbdump > "$work/stored" 2>&1
check "the draft remembers the question on screen" grep -q '^case draft resume=child.id_number ' "$work/stored"
check "the answers before the power cut are stored" grep -q '^child.dob = 2015-03-02$' "$work/stored"
check "the half-typed edit was never saved" grep -q '^child.id_number = 21132220150302123X$' "$work/stored"
tui "$scripts/resume-open.keys"
check "resuming runs" test $? -eq 0
check "the draft is listed with its name" grep -q '王小明' "$work/drafts.txt"
check "it resumes at the same question" grep -q "Child's ID number" "$work/resumed.txt"
check "with the answer given before" grep -q '21132220150302123X' "$work/resumed.txt"

# 3. a save that fails while the database is locked, then a retry
rm -f "$DB" "$DB-wal" "$DB-shm" "$READY"
tui "$scripts/save-fail.keys"
check "the locked run goes on" test $? -eq 0
check "the screen says the answer is not saved" grep -q 'NOT SAVED' "$work/notsaved.txt"
check "and why, with how to retry" grep -q 'Ctrl-R' "$work/notsaved.txt"
check "the answer stays on screen" grep -q "建平镇" "$work/notsaved.txt"
check "after the retry everything is saved" grep -q 'Everything is saved now' "$work/saved.txt"
dbdump > "$work/stored" 2>&1
check "the retried answer is in the database" grep -q '^interview.township = 建平镇$' "$work/stored"
# 4. the roster: two members added, the first removed, the second renumbered
rm -f "$DB" "$DB-wal" "$DB-shm"
tui "$scripts/roster-remove.keys"
check "the roster run goes to the end" test $? -eq 0
check "both members are listed before the removal" grep -q 'Member 2: sibling  王小红  14' "$work/roster2.txt"
check "the removal asks first" grep -q 'Remove this member?' "$work/remove.txt"
check "after the removal the sister is member 1" grep -q 'Member 1: sibling  王小红  14' "$work/removed.txt"
dbdump > "$work/stored" 2>&1
check "member 1 is the sister in the database" grep -q '^member.1.name = 王小红$' "$work/stored"
check "no member 2 is left in the database" sh -c "! grep -q '^member.2' '$work/stored'"
check "the grandmother's answers are gone" sh -c "! grep -q '王奶奶' '$work/stored'"
# 5. a power cut in the middle of a member's questions: resuming goes on
# with that member's questions (not with the next part), and PgUp steps
# back through them to the roster
rm -f "$DB" "$DB-wal" "$DB-shm"
tui "$scripts/member-kill.keys"
check "the run killed in a member's questions died" test $? -eq 137
dbdump > "$work/stored" 2>&1
check "the member's name before the power cut is stored" grep -q '^member.1.name = 王奶奶$' "$work/stored"
check "the half-typed age was never saved" sh -c "! grep -q '^member.1.age' '$work/stored'"
tui "$scripts/member-open.keys"
check "resuming in a member's questions runs to the end" test $? -eq 0
[ -f "$work/member-resumed.txt" ] || diag "$(cat "$work/out")"
check "it resumes at the member's age" grep -q 'Member 1: Age' "$work/member-resumed.txt"
check "then asks the same member's next question" grep -q 'Member 1: Disability' "$work/member-next.txt"
check "PgUp leads back to the roster" grep -q 'Member 1: grandparent  王奶奶  68' "$work/member-roster.txt"
check "the roster says the member has questions left" \
	grep -q 'Member 1: grandparent  王奶奶  68  ([0-9]* not answered)' "$work/member-roster.txt"
dbdump > "$work/stored" 2>&1
check "the age typed after resuming is stored" grep -q '^member.1.age = 68$' "$work/stored"
# 6. the same child entered again: the box opens the case there is; the
# new interview stays a draft and the pair is listed for a supervisor
rm -f "$DB" "$DB-wal" "$DB-shm"
tui "$scripts/same-child-open.keys"
check "the run with the same child twice goes to the end" test $? -eq 0
[ -f "$work/opened.txt" ] || diag "$(cat "$work/out")"
check "o opens the first interview at its question" grep -q 'Home address' "$work/opened.txt"
check "and says the new one is kept" grep -q 'The case of this child is open' "$work/opened.txt"
check "both interviews are drafts" test "$(grep -c '王小明' "$work/drafts.txt")" -eq 2
check "each with its progress, stored from its first answer" \
	test "$(grep -c '王小明  *建平镇  *[0-9][0-9]*/[0-9]' "$work/drafts.txt")" -eq 2
"$GUANAI" --lang en --db "$DB" duplicates > "$work/dups" 2>&1
check "guanai duplicates lists the pair by its ID number" grep -q 'same ID number' "$work/dups"
# 7. another child of this family: started from the first child's case,
# the family's answers copied and marked, the child's own not; both cases
# list the other
rm -f "$DB" "$DB-wal" "$DB-shm"
tui "$scripts/screens/sibling.keys"
check "the sibling run goes to the end" test $? -eq 0
[ -f "$work/sibling-view.txt" ] || diag "$(cat "$work/out")"
check "before her name is typed, the interview is titled after her brother" \
	grep -q "guanai  sibling of 王小明" "$work/sibling-copied.txt"
check "F3 to the members' part shows the roster" grep -q 'Other household members' "$work/sibling-roster.txt"
check "which marks the grandmother as copied" \
	grep -q "Member 1: grandparent  王奶奶  68  (copied from 王小明's case)" "$work/sibling-roster.txt"
check "and the brother as missing answers" \
	grep -q "Member 2: sibling  王小明  11  ([0-9]* not answered)" "$work/sibling-roster.txt"
check "a copied answer says where it came from" grep -q "copied from 王小明's case" "$work/sibling-copied.txt"
check "confirmed with Enter, it no longer does" sh -c "! grep -q 'copied from' '$work/sibling-confirmed.txt'"
check "the address is copied and marked" grep -q "copied from 王小明's case" "$work/sibling-address.txt"
check "her case view says she has no ID number, not a masked one" \
	grep -q '^    ID number: none$' "$work/sibling-view.txt"
check "the sister's case lists her brother" grep -q '王小明  complete  interviewed 2026-11-29' "$work/sibling-view.txt"
check "and his case lists her" grep -q '王小红  draft  interviewed 2026-11-29' "$work/sibling-view-first.txt"
dbdump > "$work/stored" 2>&1
# the second case's answers: those after its "case" line
sed -n '/^case draft/,$p' "$work/stored" > "$work/second"
check "the second case has the family's address" grep -q '^household.address = 建平县建平镇一村三组$' "$work/second"
check "its father" grep -q '^father.name = 王强$' "$work/second"
check "the grandmother as its member 1" grep -q '^member.1.name = 王奶奶$' "$work/second"
check "and the brother as a sibling member" grep -q '^member.2.relation = sibling$' "$work/second"
check "named" grep -q '^member.2.name = 王小明$' "$work/second"
check "of his age" grep -q '^member.2.age = 11$' "$work/second"
check "but its own name, not the brother's" grep -q '^child.name = 王小红$' "$work/second"
check "and none of his school answers" sh -c "! grep -q '^child.school_stage' '$work/second'"
"$GUANAI" --lang en --db "$DB" cases > "$work/cases" 2>&1
first=$(awk -F '\t' '$4 == "王小明" { print $1 }' "$work/cases")
second=$(awk -F '\t' '$4 == "王小红" { print $1 }' "$work/cases")
"$GUANAI" --lang en --db "$DB" case "$first" > "$work/case1" 2>&1
check "guanai case lists the sister" grep -q "^  $(echo "$second" | cut -c1-8)  draft  2026-11-29  王小红$" "$work/case1"
"$GUANAI" --lang en --db "$DB" case "$second" > "$work/case2" 2>&1
check "and, for her, the brother" grep -q "^  $(echo "$first" | cut -c1-8)  complete  2026-11-29  王小明$" "$work/case2"
check "it says how many" grep -q '^other children of this family: 1$' "$work/case2"
"$GUANAI" --lang en --db "$DB" case 0000 > "$work/case0" 2>&1
check "guanai case of no case fails with status 2" test $? -eq 2
# 8. living with grandparents and other relatives: the box adds them as
# members, their relation filled in
rm -f "$DB" "$DB-wal" "$DB-shm"
tui "$scripts/screens/relatives.keys"
check "the relatives run goes to the end" test $? -eq 0
[ -f "$work/relatives-roster.txt" ] || diag "$(cat "$work/out")"
check "the box names whom the child lives with" \
	grep -q 'The child lives with grandparents and other relatives' "$work/relatives.txt"
check "yes is the default (Enter)" grep -q 'Enter/y add them' "$work/relatives.txt"
check "the roster lists the grandparent" grep -q 'Member 1: grandparent ' "$work/relatives-roster.txt"
check "and the other relative" grep -q 'Member 2: other relative ' "$work/relatives-roster.txt"
check "each with its questions still open" grep -q '(15 not answered)' "$work/relatives-roster.txt"
dbdump > "$work/stored" 2>&1
check "the grandparent's relation is stored" grep -q '^member.1.relation = grandparent$' "$work/stored"
check "the other relative's too" grep -q '^member.2.relation = other_relative$' "$work/stored"
check "and nothing else of them" sh -c "! grep -q '^member.1.name' '$work/stored'"
# 9. a floating family (hukou in Jianping, living in Shuangta): the
# school's county is offered from where the child lives, not the hukou's
rm -f "$DB" "$DB-wal" "$DB-shm"
tui "$scripts/floating-school.keys"
check "the floating family's run goes to the end" test $? -eq 0
[ -f "$work/floating-school.txt" ] || diag "$(cat "$work/out")"
check "the county of residence is offered for the school" \
	grep -q '(\*) 211302  Shuangta District' "$work/floating-school.txt"
check "not the hukou's" sh -c "! grep -q '(\*) 211322' '$work/floating-school.txt'"
done_testing
