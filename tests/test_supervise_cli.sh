#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The supervision commands: users, review, followup, dashboard and
# rescreen, with logins from --user and --password-file (not the tests'
# default user: this test names its own).
. "$top_srcdir/tests/tap.sh"
unset GUANAI_USER GUANAI_PASSWORD_FILE
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
GUANAI_DB="$work/guanai.db"
export GUANAI_DB
out="$work/out"

cat > "$work/kid.answers" <<'ANSWERS'
interview.date = 2025-05-01
interview.township = 大平房镇
child.name = 刘小宝
child.dob = 2018-06-01
child.hukou_county = 211321
child.hukou_kind = village
child.residence_county = 211321
child.residence_kind = rural
child.lives_with = grandparents
father.status = migrant
mother.status = migrant
ANSWERS
echo 'supervisor-secret' > "$work/sup.pw"
echo 'worker-secret-1' > "$work/li.pw"
echo 'worker-secret-2' > "$work/zhao.pw"
sup="--user wang --password-file $work/sup.pw"
li="--user li --password-file $work/li.pw"
zhao="--user zhao --password-file $work/zhao.pw"

"$GUANAI" --lang en users add li --role worker --password-file "$work/li.pw" > "$out" 2>&1
check "the first user cannot be a worker" test $? -ne 0
check "the message asks for a supervisor" grep -q supervisor "$out"
# Before any user exists there is no database to read.
"$GUANAI" --lang en dashboard > "$out" 2>&1
check "without a database the dashboard reads nothing" test $? -ne 0
"$GUANAI" --lang en users add wang --role supervisor --password-file "$work/sup.pw" > "$out" 2>&1
check "the first supervisor is added" test $? -eq 0
"$GUANAI" --lang en users add li --role worker $sup --new-password-file "$work/li.pw" > "$out" 2>&1
check "a supervisor adds a worker" test $? -eq 0
"$GUANAI" --lang en users add zhao --role worker $sup --new-password-file "$work/zhao.pw" > "$out" 2>&1
check "a supervisor adds a second worker" test $? -eq 0
"$GUANAI" --lang en users add sun --role worker $li --new-password-file "$work/li.pw" > "$out" 2>&1
check "a worker cannot add users" test $? -eq 1

"$GUANAI" --lang en users list > "$out" 2>&1
check "once users exist a command needs --user" test $? -eq 2
check "the message names --user" grep -q -- '--user' "$out"
"$GUANAI" --lang en users list --user wang --password-file "$work/li.pw" > "$out" 2>&1
check "a wrong password is refused" test $? -eq 1
check "the message says the password is wrong" grep -q 'wrong user name or password' "$out"
"$GUANAI" --lang en users list $sup > "$out" 2>&1
check "users list works after a login" grep -q '^li	worker' "$out"
check "users list shows the supervisor" grep -q '^wang	supervisor' "$out"

id=$("$GUANAI" --lang en import "$work/kid.answers" $li 2>"$out")
check "li imports a case" test -n "$id"

"$GUANAI" --lang en review "$id" approve $li > "$out" 2>&1
check "a worker cannot review" test $? -eq 1
"$GUANAI" --lang en review "$id" return --reason documents $sup > "$out" 2>&1
check "returning needs a note" test $? -eq 2
"$GUANAI" --lang en review "$id" return --reason documents --note "请补充户口本" $sup > "$out" 2>&1
check "a supervisor returns a complete case" test $? -eq 0
"$GUANAI" --lang en review "$id" approve $sup > "$out" 2>&1
check "a returned case cannot be approved" test $? -eq 2

"$GUANAI" --lang en followup "$id" 12 referred --date 2025-05-02 --due 2025-06-01 --note 转介 $zhao > "$out" 2>&1
check "another worker cannot follow up li's case" test $? -eq 1
"$GUANAI" --lang en followup "$id" 12 referred --date 2025-05-02 --due 2025-06-01 --note 转介 $li > "$out" 2>&1
check "li records a follow-up" test $? -eq 0
"$GUANAI" --lang en followup "$id" 40 referred $li > "$out" 2>&1
check "item 40 is refused" test $? -eq 2
"$GUANAI" --lang en followup "$id" 12 sent $li > "$out" 2>&1
check "an unknown referral status is refused" test $? -eq 2

"$GUANAI" --lang en dashboard --today 2025-07-01 $sup > "$out" 2>&1
check "the dashboard runs for a supervisor" test $? -eq 0
check "the dashboard counts the case by its interview date" grep -q 'Cases by interview date, from the start to now: 1' "$out"
check "the dashboard counts the case in its hukou county" grep -q '^  Chaoyang County  *1 #' "$out"
check "the dashboard counts the case for li, who made it" grep -q '^  li  *1 #' "$out"
check "the dashboard counts no 强制报告" grep -q '^强制报告 (child safety): 0 raised, 0 reported$' "$out"
check "the dashboard counts no 控辍保学" grep -q '^控辍保学 (out of school): 0 raised, 0 reported$' "$out"
check "the dashboard counts one overdue follow-up" grep -q '1 open, 1 overdue' "$out"
check "the dashboard counts the left-behind child" grep -q '^  left-behind  *1 #' "$out"
check "the dashboard has 39 item lines" test "$(grep -c '^  *[0-9][0-9]* .* [0-9][0-9]* + [0-9]' "$out")" -eq 39
check "item 1 is named and has a bar" grep -q '^   1 Child health ser  *1 + 0  *#' "$out"
"$GUANAI" --lang en dashboard --from 2025-02-30 $sup > "$out" 2>&1
check "a bad date is refused" test $? -eq 2
"$GUANAI" --lang en dashboard $zhao > "$out" 2>&1
check "zhao's dashboard has none of li's cases" grep -q 'to now: 0' "$out"

"$GUANAI" --lang en rescreen "$id" --date 2025-07-01 $sup > "$out" 2>&1
check "rescreen runs" test $? -eq 0
check "the child who turned 7 loses item 1" grep -q "^$id	1	lost	eligible	no" "$out"
check "and item 2" grep -q "^$id	2	lost	eligible	no" "$out"
"$GUANAI" --lang en rescreen --all --date 2025-07-01 $sup > "$out" 2>&1
check "rescreen --all prints a summary" grep -q '^1 cases re-screened, 1 with changes' "$out"
"$GUANAI" --lang en rescreen "$id" $zhao > "$out" 2>&1
check "zhao cannot rescreen li's case" test $? -eq 1
"$GUANAI" --lang en review "$id" close --reason moved_out $li > "$out" 2>&1
check "a worker cannot close a case" test $? -eq 1
"$GUANAI" --lang en review "$id" close $sup > "$out" 2>&1
check "closing needs a reason" test $? -eq 2
check "the message names --reason" grep -q -- '--reason CODE' "$out"
"$GUANAI" --lang en review "$id" close --reason gone $sup > "$out" 2>&1
check "an unknown closing reason is refused" test $? -eq 2
check "the message lists the reasons" grep -q 'turned_18, moved_out' "$out"
"$GUANAI" --lang en review "$id" close --reason moved_out --note "迁往沈阳" $sup > "$out" 2>&1
check "a supervisor closes the case" grep -q "^Case $id is closed" "$out"
"$GUANAI" --lang en cases $sup > "$out" 2>&1
check "the case list shows it closed" grep -q "^$id	closed	" "$out"
"$GUANAI" --lang en review "$id" reopen $sup > "$out" 2>&1
check "reopening needs a note" test $? -eq 2
"$GUANAI" --lang en review "$id" reopen --note "回到朝阳" $sup > "$out" 2>&1
check "a supervisor reopens the case" test $? -eq 0
"$GUANAI" --lang en cases $sup > "$out" 2>&1
check "the reopened case is returned again" grep -q "^$id	returned	" "$out"
"$GUANAI" review "$id" close --reason turned_18 $sup > "$out" 2>&1
check "the Chinese message says the case is closed" grep -q "已结案" "$out"
done_testing
