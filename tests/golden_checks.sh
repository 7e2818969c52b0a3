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
# file in GOLDEN-DIR is named in the file LIST, that is, some script dumps it.
check_no_orphans() {
	orphans=""
	for g in "$2"/*.txt; do
		base=$(basename "$g")
		grep -qx "$base" "$3" || orphans="$orphans $base"
	done
	check "$1" test -z "$orphans"
	[ -z "$orphans" ] || diag "no script dumps:$orphans"
}
