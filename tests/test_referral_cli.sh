#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A referral followed to its end from the command line: "guanai followup"
# records the department's answer and its return slip (--signed-by), a
# reason of the list for not accepted and declined (--reason), and refuses
# each kind of nonsense with a message, storing nothing of it.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
out="$work/out"
g() { "$GUANAI" --lang en --db "$work/db" "$@"; }
# sq SQL: plain SQL on the encrypted database, through the extension
sq() {
	GUANAI_KEYS="$work/db-keys" sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" \
		-cmd ".open file:$work/db?vfs=guanai-crypt" ':memory:' "$@"
}
today=$(date +%Y-%m-%d)
tomorrow=$(date -d tomorrow +%Y-%m-%d)

# p02 was interviewed on 2024-09-10; items 4, 6 and 11 are eligible, 3 is not.
id=$(g import "$top_srcdir/tests/profiles/p02-left-behind-dibao.answers" 2>"$out")
check "the case is imported" test -n "$id"
entries() { sq "SELECT count(*) FROM followups WHERE case_id = '$id'"; }

# refusal WORDS ARGS...: the follow-up is refused with exit 2 and WORDS
refusal() {
	words=$1; shift
	before=$(entries)
	g followup "$id" "$@" > "$out" 2>&1
	check "refused: $*" test $? -eq 2
	check "  saying \"$words\"" grep -q -- "$words" "$out"
	check "  storing nothing" test "$(entries)" = "$before"
}
# success WORDS ARGS...: the follow-up is recorded and says WORDS
success() {
	words=$1; shift
	g followup "$id" "$@" > "$out" 2>&1
	check "recorded: $*" test $? -eq 0
	check "  saying \"$words\"" grep -q -- "$words" "$out"
}

refusal "not eligible or to verify" 3 referred
refusal "has not been referred" 4 accepted --date 2024-09-12
refusal "has not been referred" 4 delivered --date 2024-09-12 --signed-by 张科长
success "referred" 4 referred --date 2024-09-11 --unit 市教育局 --due 2024-10-01
refusal "already referred" 4 referred --date 2024-09-12
refusal "before the referral" 4 accepted --date 2024-09-10
refusal "after today" 4 accepted --date "$tomorrow"
refusal "is not a date" 4 accepted --date 2024-02-30
refusal "needs a reason" 4 not_accepted --date 2024-09-12
refusal "is not a reason" 4 not_accepted --date 2024-09-12 --reason moved
refusal "in the note" 4 not_accepted --date 2024-09-12 --reason other
refusal "only for" 4 in_progress --date 2024-09-12 --reason quota
refusal "leave out who signed" 4 in_progress --date 2024-09-12 --signed-by 张科长
refusal "is not a referral status" 4 accept --date 2024-09-12
success "accepted" 4 accepted --date 2024-09-12 --signed-by 张科长 --note 回执已收
refusal "answered" 4 not_accepted --date 2024-09-13 --reason quota
success "in progress" 4 in_progress --date 2024-09-14
success "delivered" 4 delivered --date 2024-09-20 --signed-by 张科长 --note 已发放
refusal "has ended" 4 in_progress --date 2024-09-21

success "referred" 6 referred --date 2024-09-11 --unit 县民政局
success "not accepted" 6 not_accepted --date 2024-09-15 --reason documents --signed-by 李主任
check "not accepted is an end in the five-valued status column" \
	test "$(sq "SELECT status FROM referrals WHERE case_id = '$id' AND item = 6")" = "not_eligible"
refusal "has ended" 6 delivered --date 2024-09-16
success "referred" 6 referred --date 2024-09-16
refusal "needs a reason" 6 declined --date 2024-09-17
success "declined" 6 declined --date 2024-09-17 --reason other --note 家长另有安排

success "referred" 11 referred --date 2024-09-11
success "declined" 11 declined --date "$today" --reason elsewhere

check "item 4 is delivered, with its unit" \
	test "$(sq "SELECT coalesce(stage, status) || '|' || unit FROM referrals WHERE case_id = '$id' AND item = 4")" = "delivered|市教育局"
check "the five-valued status column still holds a value it knows" \
	test "$(sq "SELECT status FROM referrals WHERE case_id = '$id' AND item = 6")" = "declined"
check "every step of item 4 is kept, dated and in order" \
	test "$(sq "SELECT group_concat(status || '@' || on_date, ' ') FROM (SELECT status, on_date FROM followups WHERE case_id = '$id' AND item = 4 ORDER BY on_date, created_at)")" \
	= "referred@2024-09-11 accepted@2024-09-12 in_progress@2024-09-14 delivered@2024-09-20"
check "the return slips are kept with who signed them" \
	test "$(sq "SELECT count(*) FROM followups WHERE case_id = '$id' AND signed_by = '张科长'")" = 2
check "the department's reason is kept" \
	test "$(sq "SELECT reason FROM followups WHERE case_id = '$id' AND item = 6 AND status = 'not_accepted'")" = documents
check "the family's reason is kept with its note" \
	test "$(sq "SELECT reason || '|' || note FROM followups WHERE case_id = '$id' AND item = 6 AND status = 'declined'")" = "other|家长另有安排"
check "who entered each step is kept" \
	test "$(sq "SELECT count(*) FROM followups WHERE case_id = '$id' AND who <> 'tester'")" = 0
check "each step is audited" \
	test "$(sq "SELECT count(*) FROM audit WHERE action = 'followup.add' AND case_id = '$id'")" = "$(entries)"
check "the audit names the reason" \
	test "$(sq "SELECT count(*) FROM audit WHERE action = 'followup.add' AND detail = 'item 6: not_accepted (documents), return slip'")" = 1

g followup --help > "$out" 2>&1
check "the help lists the department's reasons" grep -q 'jurisdiction' "$out"
check "the help lists the family's reasons" grep -q 'not_needed' "$out"
check "the help names --signed-by" grep -q -- '--signed-by' "$out"
done_testing
