# Helpers for the golden-screen tests (tests/test_tui.sh, tests/test_screens.sh):
# source it after tests/tap.sh.

# check_dumped NAME SCRIPT OUTDIR LIST PREFIX: checks that every "dump FILE"
# line of the key SCRIPT made OUTDIR/FILE, and appends PREFIX FILE to the
# file LIST (check-*.txt, which are not pictured, are left out of LIST).
check_dumped() {
	for base in $(sed -n 's/^dump //p' "$2"); do
		case $base in check-*) ;; *) echo "$5$base" >> "$4" ;; esac
		check "$1 dumped $base" test -f "$3/$base"
	done
}

# check_no_orphans DESCRIPTION GOLDEN-DIR LIST: checks that every golden
# file in GOLDEN-DIR (NAME.txt, and its colour layer NAME.colors) is named
# in the file LIST, that is, some script dumps it.
check_no_orphans() {
	orphans=""
	for g in "$2"/*.txt "$2"/*.colors; do
		[ -f "$g" ] || continue
		base=$(basename "$g")
		case $base in *.colors) text=${base%.colors}.txt ;; *) text=$base ;; esac
		grep -qx "$text" "$3" || orphans="$orphans $base"
	done
	check "$1" test -z "$orphans"
	[ -z "$orphans" ] || diag "no script dumps:$orphans"
}

# check_colors DESCRIPTION DUMP GOLDEN UPDATE: the colour layer beside the
# text dump DUMP (NAME.txt's NAME.colors: a letter a column naming each
# cell's colour role, see gu_role_letter) must equal the one beside the
# golden file GOLDEN; with UPDATE "true" it is copied there first.  A lost
# colour fails here even when the text is right.
check_colors() {
	dump_c=${2%.txt}.colors
	gold_c=${3%.txt}.colors
	if [ "$4" = true ] && [ -f "$dump_c" ]; then
		cp "$dump_c" "$gold_c"
	fi
	if [ -f "$dump_c" ] && cmp -s "$dump_c" "$gold_c"; then
		ok "$1"
	else
		not_ok "$1"
		diag "$(diff -u "$gold_c" "$dump_c" 2>&1 | head -30)"
	fi
}

# check_bar DESCRIPTION DUMP: on a screen 80 columns wide or more, the key
# bar (DUMP's last line) shows every first-priority key the screen gave it
# (listed in NAME.bar beside NAME.txt by the harness: the bar's width,
# "cut" or "whole", then one "name what" a line), and a bar too narrow for
# all its keys ends in "F1 all keys".  Returns 1 when it checked nothing
# (no bar, or a narrower one).
check_bar() {
	bar=${2%.txt}.bar
	[ -f "$bar" ] || return 1
	width=$(sed -n 1p "$bar")
	[ "$width" -ge 80 ] || return 1
	last=$(tail -n 1 "$2" | sed 's/ *$//')
	missing=
	sed -n '3,$p' "$bar" > "$bar.first"
	while IFS= read -r key; do
		case $last in *"$key"*) ;; *) missing="$missing [$key]" ;; esac
	done < "$bar.first"
	if [ "$(sed -n 2p "$bar")" = cut ]; then
		case $last in *"F1 all keys" | *"F1 全部按键") ;; *) missing="$missing [F1 all keys at the end]" ;; esac
	fi
	check "$1" test -z "$missing"
	[ -z "$missing" ] || diag "the key bar \"$last\" lacks$missing"
	return 0
}
