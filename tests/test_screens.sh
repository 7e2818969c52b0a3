#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Golden screens of the supervision screens (login, users, case list, case
# view, dashboard) at 80x24 in English and Chinese, each script on a new
# database filled by tests/screens_seed, text and colour layer; and the role rule: a worker sees
# only their own cases.  Every golden file must have been dumped.  Only
# "make update-golden" (which gives --update-golden) rewrites the golden
# files; make check never does.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/golden_checks.sh"
update=false
[ "${1-}" = --update-golden ] && update=true
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
scripts="$top_srcdir/tests/screens-scripts"
golden="$top_srcdir/tests/golden/screens"
seed="$top_builddir/tests/screens_seed"
today=$(date +%Y-%m-%d)

# run_script NAME LANG: runs guanai under tests/screens-scripts/NAME.keys
# on a new database (seeded as the script's "# seed:" line says), in
# $work/LANG-NAME, dumps into $work/LANG-NAME/out; returns guanai's status.
# A seeded database has its own users (zhang, li, wang), who log in on the
# screen, as does the user of a script saying "# login: ask"; otherwise the
# tests' user logs in by herself (a fresh database: its first supervisor).
run_script() {
	dir="$work/$2-$1"
	rm -rf "$dir"
	mkdir -p "$dir/out" || return 1
	mode=$(sed -n 's/^# seed: *//p' "$scripts/$1.keys" | head -n 1)
	ask=
	if [ "$mode" != fresh ]; then
		"$seed" "$dir/db" "$GUANAI_POLICY" "$mode" > "$dir/seed.log" 2>&1 || return 1
		[ "$mode" = nousers ] || ask=yes
	fi
	grep -q '^# login: ask' "$scripts/$1.keys" && ask=yes
	(cd "$dir" && { [ -z "$ask" ] || unset GUANAI_USER GUANAI_PASSWORD_FILE; } \
		&& GUANAI_TEST_SCRIPT="$scripts/$1.keys" GUANAI_TEST_DUMP_DIR="$dir/out" \
		GUANAI_TEST_TODAY=2026-11-20 GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 TERM=xterm-256color NO_COLOR= \
		"$GUANAI" --lang "$2" --db "$dir/db" > "$dir/log" 2>&1)
}

# Chinese is the product: without the Chinese catalogue the test fails.
run_script login zh
check "the Chinese catalogue has these screens' messages" grep -q '谁在工作' "$work/zh-login/out/login.txt"

: > "$work/dumped"
bars=0
for lang in en zh; do
	for script in "$scripts"/*.keys; do
		name=$(basename "$script" .keys)
		run_script "$name" "$lang"
		rc=$?
		check "$name ($lang) runs to the end" test "$rc" -eq 0
		[ "$rc" -eq 0 ] || diag "$(cat "$work/$lang-$name/seed.log" "$work/$lang-$name/log" 2>/dev/null)"
		check_dumped "$name ($lang)" "$script" "$work/$lang-$name/out" "$work/dumped" "$lang-"
		for dump in "$work/$lang-$name/out"/*.txt; do
			[ -f "$dump" ] || continue
			# check-*.txt show other screens: checked below, not pictured.
			case $(basename "$dump") in check-*) continue ;; esac
			base=$lang-$(basename "$dump")
			# A review decision is dated today: the golden says TODAY.
			sed "s/$today/TODAY/g" "$dump" > "$dump.cmp"
			if $update; then
				mkdir -p "$golden"
				cp "$dump.cmp" "$golden/$base"
			fi
			if cmp -s "$dump.cmp" "$golden/$base"; then
				ok "$base matches the golden screen"
			else
				not_ok "$base matches the golden screen"
				diag "$(diff -u "$golden/$base" "$dump.cmp" 2>&1 | head -40)"
			fi
			check_colors "$base has the golden colours" "$dump" "$golden/$base" "$update"
			check_bar "$base: the key bar keeps its first keys" "$dump" && bars=$((bars + 1))
		done
	done
done
check_no_orphans "every golden screen is dumped by a script" "$golden" "$work/dumped"
check "key bars were checked" test "$bars" -gt 50

# The role rule, checked apart from the pictures.
list="$work/en-role/out/role-cases.txt"
check "a worker's list shows their own cases" grep -q '张小红' "$list"
check "a worker's list shows their other case" grep -q '李明' "$list"
if grep -q '王芳' "$list" || grep -q '赵磊' "$list"; then
	not_ok "a worker's list hides another worker's cases"
else
	ok "a worker's list hides another worker's cases"
fi
check "a worker's search does not find another worker's case" \
	grep -q 'No case matches the search' "$work/en-role/out/role-search.txt"
check "a worker cannot reveal an ID number" grep -q "Only a supervisor" "$work/en-role/out/role-reveal.txt"
"$seed" "$work/en-cases/db" "$GUANAI_POLICY" audit > "$work/audit" 2>&1
check "revealing the ID number is in the audit log, by the supervisor" \
	grep -q '^case.reveal_id zhang$' "$work/audit"
check "the CSV export (F9) is in the audit log, by the supervisor" \
	grep -q '^cases.export zhang$' "$work/audit"
check "the revealed ID number is whole" grep -q '211322201503150429' "$work/en-cases/out/cases-reveal.txt"
csv="$work/en-cases/cases-2026-11-20.csv"
check "the export wrote the file" test -s "$csv"
check "the export is GB18030 with every name" sh -c \
	"iconv -f GB18030 -t UTF-8 '$csv' | grep -q '张小红' && iconv -f GB18030 -t UTF-8 '$csv' | grep -q '王芳'"
check "a fresh database asks for its first supervisor" \
	grep -q 'There are no users yet' "$work/en-firstrun/out/firstrun-form.txt"
check "the new database is encrypted: no name in it" sh -c "! grep -q '李明' '$work/en-firstrun/db'"
check "the new database has key slots" test -s "$work/en-firstrun/db-keys"
check "the first user makes the database encrypted and sees its recovery key once" \
	grep -Eq '^ *([0-9a-f]{4} ){7}[0-9a-f]{4}$' "$work/en-firstrun/out/check-firstrun-recovery.txt"
check "the first user is a supervisor, logged in at once" \
	grep -q 'zhang (supervisor)' "$work/en-firstrun/out/firstrun-first.txt"
check "a supervisor sets a worker's password" grep -q 'The password of li is changed' "$work/en-users-admin/out/users-reset.txt"
check "a supervisor changes a role" grep -q 'wang is now a supervisor' "$work/en-users-admin/out/users-role.txt"
check "a supervisor disables a user, her cases going to the supervisor" \
	grep -q "li is disabled; her cases are now zhang's" "$work/en-users-admin/out/users-disabled.txt"
check "switch user shows the login form" grep -q 'Who is working' "$work/en-users-admin/out/users-switch.txt"
check "the disabled user cannot log in" grep -q 'wrong user name or password' \
	"$work/en-users-admin/out/check-users-li-gone.txt"
check "a worker's users screen offers only her own password" sh -c \
	"grep -q 'Change my password' '$work/en-users-own/out/users-own.txt' && ! grep -q 'zhang' '$work/en-users-own/out/users-own.txt'"
check "she changes it" grep -q 'The password of li is changed' "$work/en-users-own/out/users-own-changed.txt"
check "and logs in again with it after switching user" grep -q ' li$' "$work/en-users-own/out/check-users-own-again.txt"
check "--user and --password-file open a new database without a form" \
	grep -q 'No case matches' "$work/en-skip/out/skip-cases.txt"
check "the database of before lists its cases to its first supervisor" \
	grep -q '张小红' "$work/en-nologin/out/nologin-cases.txt"
check "the database of before is now encrypted" sh -c "! grep -q '张小红' '$work/en-nologin/db'"
# A list row shows the ID number masked, never whole, until it is revealed.
list="$work/en-cases/out/cases.txt"
check "a list row shows the masked ID number" grep -q '^ returned 张小红 .* 211322\*\*\*\*\*\*\*\*0429 ' "$list"
check "a list row never shows the whole ID number" sh -c "! grep -q '211322201503150429' '$list'"
# A name wider than its column is cut at the column's edge: the ID number
# column starts right after it, one space on.
list="$work/en-longnames/out/longnames-cases.txt"
check "a long Latin name is cut at the name column" grep -q '^ draft    Alexandrin 211322\*' "$list"
check "a long Chinese name is cut between characters" grep -q '^ draft    欧阳娜娜丽 211322\*' "$list"
check "the case view shows the long name whole" grep -q 'Alexandrina 李' "$work/en-longnames/out/longnames-view.txt"
done_testing
