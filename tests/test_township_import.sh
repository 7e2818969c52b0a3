#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# An answers file's township not written as the list writes it is taken
# (the answers contract) with a warning that says how it is counted; one
# written with its county before it is counted with the listed one, in the
# ledger and for --township (ledger, cases and visits); a name two
# counties share is counted in its county when written with it.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
g() { "$GUANAI" --lang en --db "$work/db" "$@"; }
profiles="$top_srcdir/tests/profiles"

# moved FILE TOWNSHIP: a profile with its township changed, as NAME.answers
moved() {
	sed "s/^interview.township = .*/interview.township = $2/" "$profiles/$1.answers" > "$work/$3.answers"
}
moved p01-floating-pupil 龙城区大平房镇 prefixed
moved p02-left-behind-dibao 大平房镇 listed
moved p07-defacto-hiv 龙城区龙城街道 unlisted-prefixed
moved p19-infant-orphan 龙城街道 unlisted
for f in prefixed listed unlisted-prefixed unlisted; do
	check "$f: imported" sh -c "'$GUANAI' --lang en --db '$work/db' import '$work/$f.answers' > /dev/null 2> '$work/$f.err'"
done
check "the listed name: no warning" test ! -s "$work/listed.err"
check "written with its county: a warning names the listed one" \
	grep -q 'prefixed.answers:[0-9]*: interview.township: "龙城区大平房镇" is counted as the listed 大平房镇' "$work/prefixed.err"
check "not in the list: a warning says so and how it is counted" \
	grep -q 'interview.township: "龙城区龙城街道" is not in the list.*counted as 龙城街道' "$work/unlisted-prefixed.err"
check "not in the list, no county: counted apart" \
	grep -q 'interview.township: "龙城街道" is not in the list.*counted apart' "$work/unlisted.err"
# sq SQL: plain SQL on the encrypted database, through the extension
sq() {
	GUANAI_KEYS="$work/db-keys" sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" \
		-cmd ".open file:$work/db?vfs=guanai-crypt" ':memory:' "$@"
}
check "the answer is kept as written" test "$(sq "SELECT count(*) FROM answers
	WHERE key = 'interview.township' AND value = '龙城区大平房镇'")" = 1
check "the case is counted under the listed name" test "$(sq "SELECT count(*) FROM cases
	WHERE township = '大平房镇'")" = 2

# interview.date of these profiles; the ledger of that month
month=$(sed -n 's/^interview.date = \(.......\).*/\1/p' "$profiles/p01-floating-pupil.answers")
for f in p02-left-behind-dibao p07-defacto-hiv p19-infant-orphan; do
	check "$f is of the same month" grep -q "^interview.date = $month" "$profiles/$f.answers"
done
g ledger --month "$month" --format csv > "$work/ledger.csv" 2> "$work/ledger.err"
check "the ledger is written" test -s "$work/ledger.csv"
check "大平房镇 counts both of its cases" grep -q '"大平房镇","New cases","interviewed","2"' "$work/ledger.csv"
check "龙城街道 counts both of its cases" grep -q '"龙城街道","New cases","interviewed","2"' "$work/ledger.csv"
check "no township is written with its county" sh -c "! grep -q '龙城区' '$work/ledger.csv'"
g ledger --month "$month" --township 龙城区大平房镇 --format csv > "$work/one.csv" 2>&1
check "--township written with its county finds the listed one" \
	grep -q '"大平房镇","New cases","interviewed","2"' "$work/one.csv"
check "--township shows that township alone" sh -c "! grep -q '龙城街道' '$work/one.csv'"
# lines TOWNSHIP COMMAND...: how many lines the command prints for --township TOWNSHIP
lines() {
	t=$1
	shift
	g "$@" --township "$t" > "$work/lines.out" 2> "$work/lines.err" || return 1
	wc -l < "$work/lines.out"
}
for c in cases visits; do
	check "$c --township: the listed name finds both cases" test "$(lines 大平房镇 $c)" = 2
	check "$c --township written with its county finds them too" test "$(lines 龙城区大平房镇 $c)" = 2
	check "  as with the city's name before it" test "$(lines 朝阳市龙城区大平房镇 $c)" = 2
	check "  and leaves out the other township" sh -c "! grep -q 龙城街道 '$work/lines.out'"
	check "$c --township: an unlisted name with its county finds its cases" \
		test "$(lines 龙城区龙城街道 $c)" = 2
done

# 城关街道 and 红山街道 are each the name of a township in two counties: with
# its county before it, as the picker writes it, a case is counted in its
# county; without it, a warning asks for the county
moved p03-orphan-beipiao 北票市城关街道 beipiao
moved p05-floating-highschool 凌源市城关街道 lingyuan
moved p08-vocational-agri 城关街道 bare
for f in beipiao lingyuan bare; do
	check "$f: imported" sh -c "'$GUANAI' --lang en --db '$work/db' import '$work/$f.answers' > /dev/null 2> '$work/$f.err'"
done
check "a shared name with its county: no warning" test ! -s "$work/beipiao.err"
check "  nor for the other county's" test ! -s "$work/lingyuan.err"
check "a shared name alone: a warning asks for its county" \
	grep -q 'interview.township: "城关街道" names a township in more than one county; write its county before it (as 北票市城关街道)' "$work/bare.err"
g dashboard > "$work/dash.out" 2>&1
check "the dashboard runs" test $? -eq 0
for t in 城关街道（北票市） 城关街道（凌源市） 城关街道; do
	check "the dashboard counts $t apart" grep -q "^  $t  *1 " "$work/dash.out"
done
check "cases --township with the county finds that one alone" \
	test "$(lines 凌源市城关街道 cases)" = 1
check "  the other county's" grep -q "城关街道（凌源市）" "$work/lines.out"
done_testing
