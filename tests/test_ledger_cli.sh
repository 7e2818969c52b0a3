#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# guanai ledger: a month of example cases (the test profiles, some moved to
# another township or month), their follow-ups, visits, reports and a
# closing; every figure of the ledger's CSV is recomputed with plain SQL
# through the sqlite3 shell and compared, per township and in total; a
# worker counts their own cases; bad input is refused with a message.
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
profiles="$top_srcdir/tests/profiles"
this_month=$(date +%Y-%m)

# imported FILE [DATE TOWNSHIP]: imports a profile, its interview moved
# to DATE and TOWNSHIP when given; prints the case id
imported() {
	f="$profiles/$1.answers"
	if [ $# -gt 1 ]; then
		sed -e "s/^interview.date = .*/interview.date = $2/" \
			-e "s/^interview.township = .*/interview.township = $3/" "$f" > "$work/$1-$2.answers"
		f="$work/$1-$2.answers"
	fi
	g import "$f" 2>>"$out"
}
p01=$(imported p01-floating-pupil)
p02=$(imported p02-left-behind-dibao)
imported p03-orphan-beipiao > /dev/null
p07=$(imported p07-defacto-hiv)
imported p08-vocational-agri > /dev/null
p19=$(imported p19-infant-orphan)
# interviewed in August: registered in September and due a visit, not new
aug=$(imported p02-left-behind-dibao 2024-08-20 羊山镇)
# interviewed in October: not in September's ledger at all
imported p01-floating-pupil 2024-10-05 凌河街道 > /dev/null
check "eight cases are imported" test "$(sq 'SELECT count(*) FROM cases')" = 8
# 城关街道 of 北票市 and of 凌源市, picked in their counties (the picker
# writes a name two counties share with its county before it), in October
bp=$(imported p05-floating-highschool 2024-10-06 北票市城关街道)
ly=$(imported p08-vocational-agri 2024-10-07 凌源市城关街道)
check "a shared name is kept with its county after it" \
	test "$(sq "SELECT township FROM cases WHERE id = '$bp'")" = '城关街道（北票市）'
check "  each in its own county" \
	test "$(sq "SELECT township FROM cases WHERE id = '$ly'")" = '城关街道（凌源市）'

quiet() { "$@" > "$out" 2>&1 || { cat "$out" >&2; return 1; }; }
check "the follow-ups are recorded" quiet sh -c "
	$GUANAI --lang en --db $work/db followup $p02 4 referred --date 2024-09-11 --unit 市教育局 &&
	$GUANAI --lang en --db $work/db followup $p02 4 accepted --date 2024-09-12 --signed-by 张科长 &&
	$GUANAI --lang en --db $work/db followup $p02 4 delivered --date 2024-09-20 --signed-by 张科长 &&
	$GUANAI --lang en --db $work/db followup $p02 6 referred --date 2024-09-11 &&
	$GUANAI --lang en --db $work/db followup $p02 11 referred --date 2024-10-02 &&
	$GUANAI --lang en --db $work/db followup $p01 4 referred --date 2024-09-15 &&
	$GUANAI --lang en --db $work/db followup $aug 4 referred --date 2024-08-21 &&
	$GUANAI --lang en --db $work/db followup $aug 4 accepted --date 2024-09-02"
check "the visits are recorded" quiet sh -c "
	$GUANAI --lang en --db $work/db visit $aug --seen 孩子 --date 2024-09-25 &&
	$GUANAI --lang en --db $work/db visit $p02 --seen 祖母 --date 2024-10-12"
check "the reports are recorded" quiet sh -c "
	$GUANAI --lang en --db $work/db report $p07 police --to 龙城派出所 --date 2024-09-12 &&
	$GUANAI --lang en --db $work/db report $p07 education --not-yet 学校放假"
check "a case is closed" quiet g review "$p19" close --reason moved_out --note 迁往沈阳

# The lead department of each item, as the English policy names it first.
awk '/^item [0-9]+/ { n = $2 } /^  depts_en:/ { sub(/^  depts_en: */, ""); sub(/,.*/, "");
	gsub(/\047/, "\047\047"); printf "INSERT INTO dept VALUES (%d, \047%s\047);\n", n, $0 }' \
	"$GUANAI_POLICY" > "$work/depts.sql"

# The visit intervals of the policy, in months.
interval() { awk -v p="param visit_months_$1" '$0 == p { getline; print $2 }' "$GUANAI_POLICY"; }
m_floating=$(interval floating)
m_left_behind=$(interval left_behind)
m_difficult=$(interval difficult)
check "the policy's visit intervals are read" test "$m_floating$m_left_behind$m_difficult" -gt 0

# expected MONTH: every nonzero figure of MONTH as township|part|figure|count,
# recomputed here from the tables, then the same summed as "Total"
expected() {
	first="$1-01"
	sq "CREATE TEMP TABLE dept (item INTEGER, name TEXT);" ".read $work/depts.sql" "
	CREATE TEMP VIEW c AS SELECT id, township, status,
		(SELECT value FROM answers WHERE case_id = cases.id AND key = 'interview.date') AS iv,
		(SELECT on_date FROM closures WHERE case_id = cases.id AND action = 'close'
		 ORDER BY at DESC LIMIT 1) AS closed_on,
		(SELECT min(CASE grp WHEN 'floating' THEN $m_floating
		 WHEN 'left_behind' THEN $m_left_behind ELSE $m_difficult END)
		 FROM case_groups WHERE case_id = cases.id) AS months FROM cases;
	CREATE TEMP VIEW figures (t, part, fig, n) AS
	SELECT township, 'Children registered',
		CASE grp WHEN 'left_behind' THEN 'left-behind' ELSE grp END, count(*)
	 FROM c JOIN case_groups g ON g.case_id = c.id
	 WHERE status <> 'draft' AND iv <= date('$first', '+1 month', '-1 day')
	 AND NOT (status = 'closed' AND closed_on < '$first') GROUP BY 1, 3
	UNION ALL SELECT township, 'Children registered', CASE kind WHEN 'a'
		THEN 'difficult: family poverty' WHEN 'b' THEN 'difficult: own disability'
		ELSE 'difficult: guardianship' END, count(*)
	 FROM c JOIN case_difficulty k ON k.case_id = c.id
	 WHERE status <> 'draft' AND iv <= date('$first', '+1 month', '-1 day')
	 AND NOT (status = 'closed' AND closed_on < '$first') GROUP BY 1, 3
	UNION ALL SELECT township, 'New cases', 'interviewed', count(*) FROM c
	 WHERE status <> 'draft' AND substr(iv, 1, 7) = '$1' GROUP BY 1
	UNION ALL SELECT township, 'Regular visits', 'cases visited', count(DISTINCT v.case_id)
	 FROM visits v JOIN c ON c.id = v.case_id WHERE substr(visited_on, 1, 7) = '$1' GROUP BY 1
	UNION ALL SELECT township, 'Regular visits', 'visits due', count(*) FROM c
	 WHERE status <> 'draft' AND iv <= date('$first', '+1 month', '-1 day')
	 AND NOT (status = 'closed' AND closed_on < '$first')
	 AND months IS NOT NULL AND date(coalesce((SELECT max(visited_on) FROM visits
	  WHERE case_id = c.id AND visited_on < '$first'), iv), '+' || months || ' months')
	  <= date('$first', '+1 month', '-1 day') GROUP BY 1
	UNION ALL SELECT township, 'Referrals', d.name || ' ' || f.status, count(*)
	 FROM followups f JOIN c ON c.id = f.case_id JOIN dept d ON d.item = f.item
	 WHERE f.status IN ('referred', 'accepted', 'delivered')
	 AND substr(f.on_date, 1, 7) = '$1' GROUP BY 1, 3
	UNION ALL SELECT township, 'Alerts', CASE alert WHEN 'mandatory_report'
		THEN '强制报告' ELSE '控辍保学' END || ' raised', count(*)
	 FROM alerts a JOIN c ON c.id = a.case_id
	 WHERE alert IN ('mandatory_report', 'dropout') AND substr(iv, 1, 7) = '$1' GROUP BY 1, 3
	UNION ALL SELECT township, 'Alerts', CASE kind WHEN 'police'
		THEN '强制报告' ELSE '控辍保学' END || ' reported', count(*)
	 FROM reports r JOIN c ON c.id = r.case_id WHERE substr(reported_on, 1, 7) = '$1'
	 GROUP BY 1, 3
	UNION ALL SELECT township, 'Cases closed', CASE reason WHEN 'moved_out'
		THEN 'moved out of the city' ELSE reason END, count(*)
	 FROM closures x JOIN c ON c.id = x.case_id
	 WHERE action = 'close' AND substr(on_date, 1, 7) = '$1' GROUP BY 1, 3;
	SELECT t || '|' || part || '|' || fig || '|' || n FROM figures;
	SELECT 'Total|' || part || '|' || fig || '|' || sum(n) FROM figures GROUP BY part, fig;" |
	LC_ALL=C sort
}
# printed MONTH: the nonzero lines of the ledger's CSV as township|part|figure|count
printed() {
	g ledger --month "$1" --format csv | sed '1s/^\xef\xbb\xbf//' | tr -d '\r' |
		awk -F'","' 'NR > 1 { sub(/"$/, "", $5); if ($5 != "0") print $2 "|" $3 "|" $4 "|" $5 }' |
		LC_ALL=C sort
}

for month in 2024-09 2024-10 "$this_month"; do
	expected "$month" > "$work/expected"
	printed "$month" > "$work/printed"
	check "$month: every figure of the ledger is the one plain SQL finds" \
		cmp "$work/expected" "$work/printed"
	check "  and it has figures" test -s "$work/printed"
done
# the two 城关街道 are counted apart, by plain SQL and by the ledger
expected 2024-10 > "$work/oct"
printed 2024-10 > "$work/oct-printed"
for t in 城关街道（北票市） 城关街道（凌源市）; do
	check "October: $t counts its case by plain SQL" \
		grep -q "^$t|New cases|interviewed|1$" "$work/oct"
	check "  and in the ledger" grep -q "^$t|New cases|interviewed|1$" "$work/oct-printed"
done
check "  and no 城关街道 without its county" sh -c "! grep -q '^城关街道|' '$work/oct-printed'"
g ledger --month 2024-10 --township 北票市城关街道 --format csv > "$work/bp.csv" 2>&1
check "--township with the county finds that 城关街道 alone" sh -c "
	grep -q '\"城关街道（北票市）\",\"New cases\",\"interviewed\",\"1\"' '$work/bp.csv' &&
	! grep -q 凌源市 '$work/bp.csv'"
# figures the scenario makes sure of, so the comparison above compares something
expected 2024-09 > "$work/sep"
check "September counts a visit due and done" grep -q '^羊山镇|Regular visits|visits due|1$' "$work/sep"
check "  the referral accepted in September of an August referral" \
	grep -q '^Total|Referrals|City Education Bureau accepted|2$' "$work/sep"
check "  the report made and the alerts raised" \
	grep -q '^Total|Alerts|强制报告 reported|1$' "$work/sep"
check "  the August case among the registered, not the new" \
	grep -q '^Total|New cases|interviewed|6$' "$work/sep"
check "  the difficult children by kind: (a) poverty, (c) guardianship" sh -c "
	grep -q '^Total|Children registered|difficult: family poverty|[1-9]' '$work/sep' &&
	grep -q '^Total|Children registered|difficult: guardianship|[1-9]' '$work/sep'"
# the kinds stored agree with the group and with the answers they come from
# (with a disabled child too, imported after the months above are compared)
p04=$(imported p04-autism-preschool)
check "(b) holds for the child with autism diagnosed" test "$(sq "
	SELECT count(*) FROM case_difficulty WHERE kind = 'b' AND case_id = '$p04'")" = 1
check "every case with a kind of difficulty is in the group difficult" test "$(sq "
	SELECT count(*) FROM case_difficulty k WHERE NOT EXISTS (SELECT 1 FROM case_groups
	 WHERE case_id = k.case_id AND grp = 'difficult')")" = 0
check "every difficult child has at least one kind" test "$(sq "
	SELECT count(*) FROM case_groups g WHERE grp = 'difficult' AND NOT EXISTS
	 (SELECT 1 FROM case_difficulty WHERE case_id = g.case_id)")" = 0
check "(b) is the difficult children with a disability certified, diagnosed or suspected" \
	test "$(sq "SELECT group_concat(case_id) FROM (SELECT case_id FROM case_difficulty
	 WHERE kind = 'b' ORDER BY 1)")" = "$(sq "SELECT group_concat(id) FROM (SELECT g.case_id
	 AS id FROM case_groups g JOIN answers a ON a.case_id = g.case_id WHERE g.grp = 'difficult'
	 AND a.key = 'child.disability' AND a.value IN ('certified', 'diagnosed', 'suspected')
	 ORDER BY 1)")"
check "(c) holds for the de facto unsupported child with HIV and the orphan" test "$(sq "
	SELECT count(*) FROM case_difficulty WHERE kind = 'c' AND case_id IN ('$p07', '$p19')")" = 2
check "(a) holds for the left-behind child of a dibao family" test "$(sq "
	SELECT count(*) FROM case_difficulty WHERE kind = 'a' AND case_id = '$p02'")" = 1
check "this month counts the case closed" \
	grep -q "^羊山镇|Cases closed|moved out of the city|1$" "$work/printed"

g ledger --month 2024-09 --township 羊山镇 > "$out"
check "one township: its heading and the total" test "$(grep -c '^【' "$out")" = 2
check "  no other township" test "$(grep -c 凌河街道 "$out")" = 0
check "the text names the parts" grep -q 'Regular visits' "$out"

# refusals, each with its message and exit status 2
refusal() {
	words=$1; shift
	g ledger "$@" > "$out" 2>&1
	check "refused: $*" test $? -eq 2
	check "  saying \"$words\"" grep -q -- "$words" "$out"
}
refusal 'is not a month; write it as YYYY-MM' --month 2024-13
refusal 'is not a month; write it as YYYY-MM' --month 2024-9
refusal 'is not a month; write it as YYYY-MM' --month 2024-09-01
refusal 'say which month with --month' --format csv
refusal 'is not a format; say text, html or csv' --month 2024-09 --format pdf
refusal 'takes utf-8 or gb18030' --month 2024-09 --encoding latin1
echo keep > "$work/taken.csv"
refusal 'exists' --month 2024-09 --format csv --out "$work/taken.csv"
check "  the file is kept" test "$(cat "$work/taken.csv")" = keep

# files: 0600, replaced only with --force, CSV in GB18030 when asked
g ledger --month 2024-09 --format csv --out "$work/taken.csv" --force > "$out" 2>&1
check "--force replaces the file" test $? -eq 0
check "  with the ledger, a byte order mark first" \
	test "$(head -c 3 "$work/taken.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "  readable by its owner only" test "$(stat -c %a "$work/taken.csv")" = 600
check "  the month stays text for a spreadsheet" grep -q "\"'2024-09\"" "$work/taken.csv"
g ledger --month 2024-09 --format csv --encoding gb18030 --out "$work/gb.csv" > "$out" 2>&1
check "GB18030 is written" test "$(iconv -f GB18030 -t UTF-8 "$work/gb.csv" | grep -c 羊山镇)" -ge 4
g ledger --month 2024-09 --format html --out "$work/l.html" > "$out" 2>&1
check "the HTML is written" grep -q '<h2>羊山镇</h2>' "$work/l.html"
check "the ledger is audited, with counts only" \
	test "$(sq "SELECT count(*) FROM audit WHERE action = 'ledger.print' AND detail NOT LIKE '%朝阳%'")" -ge 4

# a worker counts their own cases
echo 'worker-secret-1' > "$work/li.pw"
g users add li --role worker --new-password-file "$work/li.pw" > "$out" 2>&1
check "a worker is added" test $? -eq 0
sed 's/^interview.worker = .*/interview.worker = li/' "$profiles/p05-floating-highschool.answers" \
	> "$work/li.answers"
li_case=$(GUANAI_USER=li GUANAI_PASSWORD_FILE="$work/li.pw" \
	"$GUANAI" --lang en --db "$work/db" import "$work/li.answers" 2>"$out")
check "  who imports a case" test -n "$li_case"
GUANAI_USER=li GUANAI_PASSWORD_FILE="$work/li.pw" "$GUANAI" --lang en --db "$work/db" \
	ledger --month 2024-09 --format csv > "$out" 2>&1
check "  and prints the ledger" test $? -eq 0
check "  counting that one case alone" grep -q '"Total","New cases","interviewed","1"' "$out"
check "  of its township alone" test "$(grep -c '"New cases"' "$out")" = 2
done_testing
