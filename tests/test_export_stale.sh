#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Answers that no longer count (their question stopped applying when an
# earlier answer changed) are left out of an exported answers file: a
# deceased father's age and months away are not exported.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
GUANAI_DB="$work/guanai.db"
export GUANAI_DB
echo 'supervisor-secret' > "$work/sup.pw"
sup="--user wang --password-file $work/sup.pw"
"$GUANAI" --lang en users add wang --role supervisor --password-file "$work/sup.pw" > "$work/out" 2>&1
cat > "$work/kid.answers" <<'ANSWERS'
interview.date = 2025-05-01
interview.township = 大平房镇
consent.basis = statutory_duty
consent.reason = 民政部门依法履职
child.name = 刘小宝
child.dob = 2018-06-01
child.hukou_county = 211321
child.residence_county = 211321
child.residence_kind = rural
child.lives_with = grandparents
father.status = deceased
father.age = 35
father.migrant_months = 10
mother.status = migrant
mother.age = 33
ANSWERS
id=$("$GUANAI" --lang en import "$work/kid.answers" $sup 2>"$work/out")
check "the case is imported" test -n "$id"
"$GUANAI" --lang en export "$id" $sup > "$work/exported" 2>"$work/out"
check "it is exported" test $? -eq 0
check "the father's status is exported" grep -q '^father.status = deceased$' "$work/exported"
check "the deceased father's age is not" sh -c "! grep -q '^father.age' '$work/exported'"
check "nor his months away" sh -c "! grep -q '^father.migrant_months' '$work/exported'"
check "the mother's age still is" grep -q '^mother.age = 33$' "$work/exported"
done_testing
