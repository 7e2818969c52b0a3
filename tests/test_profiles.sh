#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Frozen households: guanai screen on each answers file in tests/profiles/
# must print exactly its .expected lines; errors in answers files and in the
# policy file are reported as the answers contract says.
. "$top_srcdir/tests/tap.sh"
dir="$top_srcdir/tests/profiles"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=

for f in "$dir"/*.answers; do
	name=$(basename "$f" .answers)
	(cd "$dir" && "$GUANAI" --lang en screen --policy "$GUANAI_POLICY" "$name.answers") > "$tmp/out" 2> "$tmp/err"
	rc=$?
	# Warnings (standard error) are expected only where a .warnings file says so.
	if [ -f "$dir/$name.warnings" ]; then cp "$dir/$name.warnings" "$tmp/err.expected"
	else : > "$tmp/err.expected"; fi
	if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$dir/$name.expected" && cmp -s "$tmp/err" "$tmp/err.expected"; then
		ok "$name"
	else
		not_ok "$name (exit status $rc)"
		diff "$dir/$name.expected" "$tmp/out" | diag "$(cat)"
		diag "$(cat "$tmp/err")"
	fi
done

# The order of the lines does not matter: each household reversed, and
# sorted by key, gives the same lines.
mkdir "$tmp/reordered"
for f in "$dir"/*.answers; do
	name=$(basename "$f" .answers)
	for how in reversed sorted; do
		if [ "$how" = reversed ]; then tac "$f"; else LC_ALL=C sort "$f"; fi \
			> "$tmp/reordered/$name.answers"
		(cd "$tmp/reordered" && "$GUANAI" --lang en screen --policy "$GUANAI_POLICY" "$name.answers") \
			> "$tmp/out" 2> /dev/null
		check "$name: the same verdicts with the lines $how" cmp -s "$tmp/out" "$dir/$name.expected"
	done
done

# Several files: each one's lines in order, the items ascending.
(cd "$dir" && "$GUANAI" --lang en screen --policy "$GUANAI_POLICY" p01-floating-pupil.answers p08-vocational-agri.answers) > "$tmp/two"
cat "$dir/p01-floating-pupil.expected" "$dir/p08-vocational-agri.expected" > "$tmp/two.expected"
check "two files are screened one after the other" cmp -s "$tmp/two" "$tmp/two.expected"

# A file with an error: nothing on standard output for it, its error on
# standard error, exit status 2, and the other files still screened.
printf 'interview.date = 2024-09-10\nchild.dob = 2025-02-30\n' > "$tmp/bad.answers"
(cd "$dir" && "$GUANAI" --lang en screen --policy "$GUANAI_POLICY" p08-vocational-agri.answers "$tmp/bad.answers") \
	> "$tmp/out" 2> "$tmp/err"
rc=$?
check "an answers file with an error gives exit status 2" test "$rc" -eq 2
check "the good file is still screened" cmp -s "$tmp/out" "$dir/p08-vocational-agri.expected"
check "the error names the file, line and key" grep -q "bad.answers:2: child.dob: 2025-02-30 is not a date" "$tmp/err"
printf 'interview.date = 2024-09-10\nchild.dob = 2014-01-01\nchild.favourite = blue\n' > "$tmp/key.answers"
"$GUANAI" --lang en screen --policy "$GUANAI_POLICY" "$tmp/key.answers" > "$tmp/out" 2> "$tmp/err"
check "an unknown key is refused with status 2" test $? -eq 2
check "nothing is printed for a refused file" test ! -s "$tmp/out"
check "an unknown key is named" grep -q "key.answers:3: child.favourite: not a key of the answers format" "$tmp/err"
"$GUANAI" --lang en screen --policy "$GUANAI_POLICY" "$tmp/missing.answers" > "$tmp/out" 2> "$tmp/err"
check "a missing file gives exit status 2" test $? -eq 2

# A broken policy file: file:line:column and exit status 2.
sed 's/^  rule: in_groups and compulsory and student_hardship$/  rule: in_groups and compulsory and studnt_hardship/' \
	"$GUANAI_POLICY" > "$tmp/broken.policy"
line=$(grep -n 'studnt_hardship' "$tmp/broken.policy" | cut -d: -f1)
"$GUANAI" --lang en screen --policy "$tmp/broken.policy" "$dir/p08-vocational-agri.answers" > "$tmp/out" 2> "$tmp/err"
check "a broken policy file gives exit status 2" test $? -eq 2
check "a broken policy file is reported at file:line:column" \
	grep -q "broken.policy:$line:38: studnt_hardship: no such fact" "$tmp/err"
check "nothing is screened under a broken policy" test ! -s "$tmp/out"

# Files saved by other tools: GB18030 through --encoding, the same results
# (under the name given); CR-only line ends said so.
iconv -f UTF-8 -t GB18030 "$dir/p21-away-parents-defacto.answers" > "$tmp/p21-away-parents-defacto.answers"
(cd "$tmp" && "$GUANAI" --lang en screen --encoding gb18030 --policy "$GUANAI_POLICY" p21-away-parents-defacto.answers) > "$tmp/out"
check "a GB18030 file screens as its UTF-8 original with --encoding gb18030" \
	cmp -s "$tmp/out" "$dir/p21-away-parents-defacto.expected"
tr '\n' '\r' < "$dir/p21-away-parents-defacto.answers" > "$tmp/cr.answers"
"$GUANAI" --lang en screen --policy "$GUANAI_POLICY" "$tmp/cr.answers" > "$tmp/out" 2> "$tmp/err"
check "a file with CR-only line ends is refused" test $? -eq 2
check "and the message says the line ends are the problem" grep -q 'cr.answers:1: .*carriage return alone' "$tmp/err"

# JSON: one object per file with the results, groups and alerts.
(cd "$dir" && "$GUANAI" --lang en screen --format json --policy "$GUANAI_POLICY" p07-defacto-hiv.answers) > "$tmp/json"
check "json names the file" grep -q '^{"file":"p07-defacto-hiv.answers"' "$tmp/json"
check "json carries the alerts" grep -q '"id":"mandatory_report"' "$tmp/json"
check "json carries the dropout alert" grep -q '"id":"dropout"' "$tmp/json"
# The dropout alert follows school age (6 by the 31 August before the school
# year), whether or not the child is in one of the three groups.
(cd "$dir" && "$GUANAI" --lang en screen --format json --policy "$GUANAI_POLICY" p25-dropout-outside-groups.answers) > "$tmp/alerts"
check "a child out of school in none of the groups raises the dropout alert" grep -q '"id":"dropout"' "$tmp/alerts"
(cd "$dir" && "$GUANAI" --lang en screen --format json --policy "$GUANAI_POLICY" p24-turned-six-in-october.answers) > "$tmp/alerts2"
check "a child who turned 6 in October raises no dropout alert" sh -c "! grep -q '\"id\":\"dropout\"' '$tmp/alerts2'"
check "json carries item 26 as verify" grep -q '{"item":26,"verdict":"verify","persons":"child"' "$tmp/json"
check "json is one line per file" test "$(wc -l < "$tmp/json")" -eq 1
"$GUANAI" --lang en screen --format xml "$dir/p08-vocational-agri.answers" > "$tmp/out" 2> "$tmp/err"
check "an unknown format is refused" test $? -eq 2

# Reasons follow the language.
(cd "$dir" && "$GUANAI" --lang zh screen --policy "$GUANAI_POLICY" p08-vocational-agri.answers) > "$tmp/zh"
check "reasons are in Chinese with --lang zh" grep -q '中职一至三年级涉农专业或家庭经济困难学生' "$tmp/zh"
done_testing
