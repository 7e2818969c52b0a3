#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The monthly ledger as the bureau reads it on paper: guanai ledger writes
# the HTML, headless Chromium prints it to PDF on A4 (with the Noto CJK
# fonts), and the PDF's text and page count are checked with poppler's
# tools.  On a machine without Chromium, the fonts or poppler-utils the
# test is skipped with the reason (.ci/run installs them and fails on any
# skip).
. "$top_srcdir/tests/tap.sh"
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
GUANAI_DB="$work/guanai.db"
export GUANAI_DB

browser=""
for b in chromium chromium-browser google-chrome; do
	if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
missing=""
[ -n "$browser" ] || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 \
	|| missing="$missing poppler-utils"
fc-list 2>/dev/null | grep -q 'Noto S[a-z]* CJK' || missing="$missing fonts-noto-cjk"
if [ -n "$missing" ]; then
	echo "1..0 # SKIP missing:$missing (apt-get install chromium fonts-noto-cjk poppler-utils)"
	exit 0
fi

for p in p01-floating-pupil p02-left-behind-dibao p07-defacto-hiv; do
	"$GUANAI" --lang en import "$top_srcdir/tests/profiles/$p.answers" > "$work/$p.id" \
		2> "$work/import.err"
done
id=$(cat "$work/p02-left-behind-dibao.id")
check "three cases are stored" test -n "$id"
"$GUANAI" --lang en followup "$id" 4 referred --date 2024-09-11 > "$work/f.out" 2>&1
check "a referral is made in the month" test $? -eq 0

# Renders FILE.html to FILE.pdf; returns the browser's status.
render() {
	timeout 180 "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--user-data-dir="$work/profile" --print-to-pdf="$1.pdf" "file://$1.html" \
		> "$work/browser.log" 2>&1
}

"$GUANAI" --lang zh ledger --month 2024-09 --format html --out "$work/l.html" 2> "$work/l.err"
check "guanai ledger writes the month's HTML" test -s "$work/l.html"
render "$work/l"
check "Chromium prints it to PDF" test -s "$work/l.pdf"
[ -s "$work/l.pdf" ] || diag "$(tail -n 5 "$work/browser.log")"
pages=$(pdfinfo "$work/l.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "three townships and the total fit on one A4 page (pages: $pages)" test "$pages" = 1
size=$(pdfinfo "$work/l.pdf" 2>/dev/null | sed -n 's/^Page size: *//p')
case "$size" in *"(A4)"*) ok "the page is A4 ($size)" ;;
*) not_ok "the page is A4 ($size)" ;; esac
pdftotext -layout "$work/l.pdf" "$work/l.txt"
for want in "2024-09" 凌河街道 波罗赤镇 西大营子镇 强制报告 控辍保学 市教育局; do
	check "the printed page says $want" grep -q "$want" "$work/l.txt"
done
check "the total counts the three new cases" grep -q "本月访谈 *3" "$work/l.txt"
check "the Chinese text is not drawn as missing glyphs" sh -c "! grep -q '□□□' '$work/l.txt'"
done_testing
