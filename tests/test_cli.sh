#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The program's options: help and version in both languages, --lang, and
# clear errors for an unknown command or option.
. "$top_srcdir/tests/tap.sh"
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT

LANG=C.UTF-8 LC_ALL=C.UTF-8 "$GUANAI" --help > "$out" 2>&1
check "--help exits 0" test $? -eq 0
check "--help is Chinese under C.UTF-8, which names no language" grep -q '^用法' "$out"
env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE "$GUANAI" --help > "$out" 2>&1
check "--help is Chinese when LANG is unset" grep -q '^用法' "$out"
LANG=POSIX LC_ALL= "$GUANAI" --help > "$out" 2>&1
check "--help is Chinese under POSIX" grep -q '^用法' "$out"
LANG=en_US.UTF-8 LC_ALL= "$GUANAI" --help > "$out" 2>&1
check "--help is English when the locale names English" grep -q '^Usage: guanai' "$out"
LANG=C.UTF-8 LC_ALL= LANGUAGE=en "$GUANAI" --help > "$out" 2>&1
check "--help is English when LANGUAGE names English" grep -q '^Usage: guanai' "$out"

# Chinese is the product: the zh_CN.UTF-8 locale must exist (./bootstrap
# generates it); without it this test fails rather than skips.
check "the zh_CN.UTF-8 locale is generated (./bootstrap does it)" \
	sh -c "locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'"
LANG=zh_CN.UTF-8 LC_ALL= "$GUANAI" --help > "$out" 2>&1
check "--help is Chinese under zh_CN.UTF-8" grep -q '^用法' "$out"

LANG=C.UTF-8 LC_ALL=C.UTF-8 "$GUANAI" --lang zh --help > "$out" 2>&1
check "--lang zh gives Chinese help under C.UTF-8" grep -q '^用法' "$out"
LANG=zh_CN.UTF-8 LC_ALL= "$GUANAI" --lang en --help > "$out" 2>&1
check "--lang en gives English help" grep -q '^Usage: guanai' "$out"

"$GUANAI" --lang en --version > "$out" 2>&1
check "--version names the program" grep -q '^guanai [0-9]' "$out"
check "--version gives the copyright on the second line" sh -c "sed -n 2p '$out' | grep -q '^Copyright (C) [0-9]'"
check "--version names the licence" grep -q '^License GPLv3+' "$out"

"$GUANAI" --lang en --lang fr --help > "$out" 2>&1
rc=$?
check "--lang fr is refused with status 2" test "$rc" -eq 2
check "--lang fr says what --lang takes" grep -q 'zh or en' "$out"

"$GUANAI" --lang en no-such-command > "$out" 2>&1
check "an unknown command exits 2" test $? -eq 2
check "an unknown command is named in the message" grep -q 'no-such-command' "$out"

"$GUANAI" --lang en --no-such-option > "$out" 2>&1
check "an unknown option exits 2" test $? -eq 2
printf 'interview.date = 2025-03-01\nchild.dob = 2016-05-10\nchild.hukou_county = 110105\n' > "$out.answers"
LANG=C.UTF-8 LC_ALL=C.UTF-8 "$GUANAI" --lang en screen "$out.answers" > "$out" 2> "$out.err"
check "a 110105 hukou county is screened (exit 0)" test $? -eq 0
check "the 110105 trap is warned about on standard error, with the line" \
	grep -q "warning: .*answers:3: child.hukou_county: 110105 is 北京市朝阳区" "$out.err"
check "the warning stays out of the screening output" sh -c "! grep -q warning '$out'"
rm -f "$out.answers" "$out.err"
done_testing
