#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The configuration file: "guanai config" shows each setting and where it
# came from; a mistake stops guanai with file:line and what to write; and
# each setting has its effect: the language, the township and interviewer
# offered in a new interview, the export folder, and the idle lock that
# hides the case data until the password is typed again.
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
seed="$top_builddir/tests/screens_seed"
XDG_CONFIG_HOME=$work/config
export XDG_CONFIG_HOME
conf=$XDG_CONFIG_HOME/guanai/config
mkdir -p "$XDG_CONFIG_HOME/guanai" "$work/out"

# run_tui KEYS DB: runs the screens under the script KEYS on database DB,
# dumping into $work/out; returns guanai's status.  On the seeded database
# with users (users.db) they log in on the screen, not the tests' user.
run_tui() {
	(case $2 in */users.db) unset GUANAI_USER GUANAI_PASSWORD_FILE ;; esac
	GUANAI_TEST_SCRIPT=$1 GUANAI_TEST_DUMP_DIR=$work/out GUANAI_TEST_TODAY=2026-11-20 \
		GUANAI_TEST_TIMEOUT=120 COLUMNS=80 LINES=24 \
		"$GUANAI" --lang en --db "$2" > "$work/log" 2>&1)
}

"$GUANAI" --lang en config > "$work/none" 2>&1
check "config runs without configuration files" test $? -eq 0
check "config names the files it reads" grep -q "^# read: .*/guanai/config, then $conf\$" "$work/none"
check "without files the lock is off by default" grep -q '^idle_lock_minutes = 0 .*# default' "$work/none"
check "without files the township is not set" grep -q '^township = .*# not set' "$work/none"
"$GUANAI" config > "$work/none-zh" 2>&1
check "under C.UTF-8 the language is Chinese, said to come from the locale" \
	grep -q '^language = zh .*C.UTF-8' "$work/none-zh"

printf '# the office\nlanguage = en\n\ntownship = 大平房镇\ninterviewer = 王芳\nidle_lock_minutes = 5\ncolors = off\nexport_dir = ~/exports\n' > "$conf"
"$GUANAI" config > "$work/set" 2>&1
check "config reads the user's file" test $? -eq 0
check "the language comes from the file, with its line" grep -q "^language = en .*# $conf:2\$" "$work/set"
check "the township and its line" grep -q "^township = 大平房镇 .*# $conf:4\$" "$work/set"
check "the idle lock and its line" grep -q "^idle_lock_minutes = 5 .*# $conf:6\$" "$work/set"
check "the export folder is shown from the home folder" grep -q "^export_dir = $HOME/exports/ .*# $conf:8\$" "$work/set"
check "colors = off is shown with its line" grep -q "^colors = off .*# $conf:7\$" "$work/set"
NO_COLOR=1 "$GUANAI" config > "$work/nocolor" 2>&1
check "NO_COLOR is shown to turn colours off" grep -q '^colors = off .*# the NO_COLOR environment variable' "$work/nocolor"
"$GUANAI" --help > "$work/help" 2>&1
check "language = en makes the help English" grep -q '^Usage: guanai' "$work/help"
"$GUANAI" --lang zh config > "$work/lang" 2>&1
check "--lang overrides the file" grep -q '^language = zh .*--lang' "$work/lang"

printf 'language = en\ncolour = off\n' > "$conf"
LANGUAGE=en "$GUANAI" --help > "$work/bad" 2>&1
check "an unknown setting stops guanai with status 2" test $? -eq 2
check "the message names the file and line and lists the settings" \
	grep -q "^guanai: $conf:2: unknown setting \"colour\"; the settings are language, township" "$work/bad"
printf 'idle_lock_minutes = soon\n' > "$conf"
LANGUAGE=en "$GUANAI" config > "$work/bad" 2>&1
check "a bad value stops guanai with status 2" test $? -eq 2
check "the message says what the value must be" \
	grep -q "$conf:1: idle_lock_minutes takes a whole number of minutes from 0 (no lock) to 1440, not \"soon\"" "$work/bad"
printf 'language\n' > "$conf"
LANGUAGE=en "$GUANAI" config > "$work/bad" 2>&1
check "a line without = says how a setting is written" grep -q "$conf:1: a setting is written \"key = value\"" "$work/bad"

# The example shipped as /etc/guanai/config is valid once uncommented.
sed 's/^#\([a-z]\)/\1/' "$top_srcdir/docs/config.example" > "$conf"
"$GUANAI" config > "$work/example" 2>&1
check "the example settings, uncommented, are all valid" test $? -eq 0
check "the example sets every setting and two units" test "$(grep -c "# $conf:" "$work/example")" -eq 8
check "config shows a unit with its line" \
	grep -q "^unit = education | 大平房镇 | 大平房镇中心校（教育办） | Dapingfang Town education office  # $conf:" \
	"$work/example"
printf 'language = en\nunit = police | 大平房镇\n' > "$conf"
LANGUAGE=en "$GUANAI" config > "$work/bad" 2>&1
check "a unit line without its name stops guanai with status 2" test $? -eq 2
check "the message names the line and shows how a unit is written" \
	grep -q "$conf:2: a unit is written \"unit = police | TOWNSHIP | 中文名称 | English name\"" "$work/bad"

# A new interview offers the configured township and interviewer.
printf 'township = 大平房镇\ninterviewer = 王芳\n' > "$conf"
printf 'key 1\nkey Enter\ndump township.txt\nkey Enter\ndump worker.txt\n' > "$work/new.keys"
run_tui "$work/new.keys" "$work/new.db"
check "a new interview runs to the end" test $? -eq 0
check "the township question offers the configured township, chosen in its list" grep -q '^     (\*) 大平房镇$' "$work/out/township.txt"
check "the interviewer question offers the configured interviewer" grep -q '^    王芳$' "$work/out/worker.txt"

# The case list's export is offered in the export folder.
printf 'export_dir = %s/exports\n' "$work" > "$conf"
"$seed" "$work/nousers.db" "$GUANAI_POLICY" nousers > "$work/seed.log" 2>&1
printf 'key 3\nkey F9\nkey 1\ndump export.txt\n' > "$work/export.keys"
run_tui "$work/export.keys" "$work/nousers.db"
check "the export runs to the end" test $? -eq 0
check "the export file is offered in the export folder" grep -qF "$work/exports/cases-2026-11-20.csv" "$work/out/export.txt"

# The idle lock: the case list is hidden until the same user's password.
"$seed" "$work/users.db" "$GUANAI_POLICY" users > "$work/seed.log" 2>&1
printf 'type zhang\nkey Enter\ntype supervisor-pw\nkey Enter\nkey 3\ndump list.txt\nidle\ndump locked.txt\ntype wrong\nkey Enter\ndump wrong.txt\ntype supervisor-pw\nkey Enter\ndump unlocked.txt\n' > "$work/idle.keys"
printf 'idle_lock_minutes = 5\n' > "$conf"
run_tui "$work/idle.keys" "$work/users.db"
check "the idle lock script runs to the end" test $? -eq 0
check "before the lock the list shows a child's name" grep -q '张小红' "$work/out/list.txt"
check "the locked screen shows no child's name" sh -c "! grep -q '张小红' '$work/out/locked.txt'"
check "the locked screen asks the user's password" grep -q 'zhang, type' "$work/out/locked.txt"
check "a wrong password keeps it locked, saying why" grep -q 'wrong user name or password' "$work/out/wrong.txt"
check "the right password shows the list again" grep -q '张小红' "$work/out/unlocked.txt"
printf 'idle_lock_minutes = 0\n' > "$conf"
printf 'type zhang\nkey Enter\ntype supervisor-pw\nkey Enter\nkey 3\nidle\ndump open.txt\n' > "$work/nolock.keys"
run_tui "$work/nolock.keys" "$work/users.db"
check "with idle_lock_minutes = 0 the screens do not lock" grep -q '张小红' "$work/out/open.txt"
done_testing
