#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A referral sheet as a department sees it: guanai sheet writes the HTML,
# headless Chromium prints it to PDF on A4 (with the Noto CJK fonts), and
# the PDF's text and page count are checked with poppler's tools.  On a
# machine without Chromium, the fonts or poppler-utils the test is skipped
# with the reason (.ci/run installs them and fails on any skip).
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

{
	cat "$top_srcdir/tests/profiles/p02-left-behind-dibao.answers"
	echo "child.id_number = 211321201504180025"
	echo "guardian.name = 张桂兰"
	echo "guardian.relation = grandparent"
	echo "guardian.phone = 139 0000 1234"
	echo "consent.basis = guardian_consent"
	echo "consent.by = 张桂兰"
} | grep -v '^child.id_number = none' > "$work/kid.answers"
id=$("$GUANAI" --lang en import "$work/kid.answers" 2> "$work/import.err")
check "the case is stored" test -n "$id"
[ -n "$id" ] || diag "$(cat "$work/import.err")"

# Renders FILE.html to FILE.pdf; returns the browser's status.
render() {
	timeout 180 "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--user-data-dir="$work/profile" --print-to-pdf="$1.pdf" "file://$1.html" \
		> "$work/browser.log" 2>&1
}

"$GUANAI" --lang zh sheet "$id" --dept 市教育局 --out "$work/edu.html" 2> "$work/sheet.err"
check "guanai sheet writes the 市教育局 sheet" test -s "$work/edu.html"
render "$work/edu"
check "Chromium prints it to PDF" test -s "$work/edu.pdf"
[ -s "$work/edu.pdf" ] || diag "$(tail -n 5 "$work/browser.log")"
pages=$(pdfinfo "$work/edu.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "the sheet and its return slip fit on one A4 page (pages: $pages)" test "$pages" = 1
size=$(pdfinfo "$work/edu.pdf" 2>/dev/null | sed -n 's/^Page size: *//p')
case "$size" in *"(A4)"*) ok "the page is A4 ($size)" ;;
*) not_ok "the page is A4 ($size)" ;; esac
pdftotext -layout "$work/edu.pdf" "$work/edu.txt"
for want in 关爱服务转介单 市教育局 张欣怡 张桂兰 "211321\*\+0025" 义务教育服务 回执 \
	已受理 不予受理 经办人 沿此线剪下 "流动、留守或困境儿童"; do
	check "the printed page says $want" grep -q "$want" "$work/edu.txt"
done
check "the whole ID number is not on the page" sh -c "! grep -q 211321201504180025 '$work/edu.txt'"
# Boxes instead of characters would mean the CJK font is missing.
check "the Chinese text is not drawn as missing glyphs" sh -c "! grep -q '□□□' '$work/edu.txt'"

# Every department of the case: one page each.
"$GUANAI" --lang zh sheet "$id" --out "$work/all.html" 2> "$work/sheet.err"
n=$(grep -c '<section class="page">' "$work/all.html")
render "$work/all"
pages=$(pdfinfo "$work/all.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "each of the $n departments' sheets starts a page ($pages pages)" \
	test -n "$pages" -a "$pages" -ge "$n" -a "$n" -gt 1

"$GUANAI" --lang zh sheet --consent --out "$work/consent.html" 2> "$work/sheet.err"
render "$work/consent"
pdftotext "$work/consent.pdf" "$work/consent.txt" 2>/dev/null
check "the blank consent form prints" grep -q 知情同意书 "$work/consent.txt"
check "it says how long the record is kept" grep -q 36 "$work/consent.txt"
done_testing
