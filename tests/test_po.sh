#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The translation files are complete and agree with the sources: every
# source file that marks strings is in po/POTFILES.in, every listed file
# exists, and zh_CN.po translates every current message, none fuzzy.
. "$top_srcdir/tests/tap.sh"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort > "$tmp/listed"
grep -lE '(^|[^A-Za-z0-9_])(N_|P_|_)\(' core/*.[ch] db/*.[ch] tui/*.[ch] tui/*.def 2>/dev/null | sort > "$tmp/marked"
missing=$(comm -13 "$tmp/listed" "$tmp/marked")
if [ -z "$missing" ]; then ok "every file that marks strings is in po/POTFILES.in"
else not_ok "files that mark strings but are missing from po/POTFILES.in:"; diag "$missing"; fi

gone=""
for f in $(cat "$tmp/listed"); do [ -f "$f" ] || gone="$gone $f"; done
if [ -z "$gone" ]; then ok "every file in po/POTFILES.in exists"
else not_ok "po/POTFILES.in lists files that do not exist:$gone"; fi

xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	--add-comments=TRANSLATORS: --language=C -o "$tmp/current.pot" \
	-f "$tmp/listed" 2>"$tmp/xgettext.err"
check "xgettext reads every listed file" test -s "$tmp/current.pot"

msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" po/zh_CN.po "$tmp/current.pot" 2>"$tmp/merge.err"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1 | tail -n 1)
case "$stats" in
*untranslated*|*fuzzy*|*rror*) not_ok "po/zh_CN.po translates every message of the sources"; diag "$stats"
	msgattrib --untranslated --no-obsolete "$tmp/merged.po" 2>/dev/null | grep '^msgid' | head -n 20 | while read -r l; do diag "$l"; done ;;
*) ok "po/zh_CN.po translates every message of the sources ($stats)" ;;
esac

stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/zh_CN.po 2>&1 | tail -n 1)
case "$stats" in
*untranslated*|*fuzzy*|*rror*) not_ok "po/zh_CN.po has no untranslated or fuzzy entry"; diag "$stats" ;;
*) ok "po/zh_CN.po has no untranslated or fuzzy entry" ;;
esac

# The build makes the catalogue from zh_CN.po merged with po/guanai.pot, so a
# message missing from the committed template shows in English: the template
# must hold every message of the sources (make -C po guanai.pot-update).
msgcomm --more-than=1 "$tmp/current.pot" po/guanai.pot -o "$tmp/both.pot" 2>/dev/null
fresh=$(msgcat --no-wrap "$tmp/current.pot" 2>/dev/null | grep -c '^msgid ')
kept=$(msgcat --no-wrap "$tmp/both.pot" 2>/dev/null | grep -c '^msgid ')
if [ "$fresh" -gt 1 ] && [ "$fresh" = "$kept" ]; then
	ok "po/guanai.pot holds every message of the sources ($fresh)"
else
	not_ok "po/guanai.pot misses $((fresh - kept)) messages of the sources: run make -C po guanai.pot-update"
fi
done_testing
