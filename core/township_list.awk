# SPDX-License-Identifier: GPL-3.0-or-later
# Turns data/townships-chaoyang.tsv (9-digit code, Chinese name;
# tab-separated, # comments) into the C table of core/township.h.
# Stops with file:line: message on a malformed or out-of-order row.
BEGIN {
	FS = "\t"
	print "/* Generated from data/townships-chaoyang.tsv by core/township_list.awk: do not edit. */"
	print "#include \"config.h\""
	print ""
	print "#include <stddef.h>"
	print ""
	print "#include \"core/township.h\""
	print ""
	print "static const gu_township table[] = {"
	last = ""
}
/^#/ || /^[ \t]*$/ { next }
{
	if (NF != 2 || $1 !~ /^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/ || $2 == "" \
			|| $2 ~ /["\\ ]/) {
		printf "%s:%d: expected a 9-digit code<TAB>Chinese name\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 1
	}
	if ($1 <= last) {
		printf "%s:%d: %s is not after %s: keep the rows sorted by code\n", \
			FILENAME, FNR, $1, last > "/dev/stderr"
		bad = 1
		exit 1
	}
	last = $1
	printf "\t{ \"%s\", \"%s\" },\n", $1, $2
}
END {
	if (bad)
		exit 1
	print "};"
	print ""
	print "/* Returns the table rows, sorted by code, and their count in *n. */"
	print "const gu_township *gu_township_table(size_t *n)"
	print "{"
	print "\t*n = sizeof table / sizeof table[0];"
	print "\treturn table;"
	print "}"
}
