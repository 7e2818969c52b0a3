# SPDX-License-Identifier: GPL-3.0-or-later
# Turns data/regions-gb2260.tsv (code, Chinese name, English name, current
# or "former CODE"; tab-separated, # comments) into the C table of
# core/region.h.
# Stops with file:line: message on a malformed or out-of-order row.
BEGIN {
	FS = "\t"
	print "/* Generated from data/regions-gb2260.tsv by core/region_list.awk: do not edit. */"
	print "#include \"config.h\""
	print ""
	print "#include <stddef.h>"
	print ""
	print "#include \"core/region.h\""
	print ""
	print "static const gu_region_entry table[] = {"
	last = ""
}
/^#/ || /^[ \t]*$/ { next }
{
	if (NF != 4 || $1 !~ /^[0-9][0-9][0-9][0-9][0-9][0-9]$/ || $2 == "" \
			|| ($4 != "current" && $4 !~ /^former( [0-9][0-9][0-9][0-9][0-9][0-9])?$/) \
			|| $2 ~ /["\\]/ || $3 ~ /["\\]/) {
		printf "%s:%d: expected code<TAB>Chinese name<TAB>English name<TAB>current or former [CODE]\n", \
			FILENAME, FNR > "/dev/stderr"
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
	now = $4 ~ /^former / ? substr($4, 8) : ""
	printf "\t{ \"%s\", \"%s\", \"%s\", %s, \"%s\" },\n", $1, $2, $3, \
		$4 == "current" ? "false" : "true", now
	n++
}
END {
	if (bad)
		exit 1
	print "};"
	print ""
	print "/* Returns the table rows, sorted by code, and their count in *n. */"
	print "const gu_region_entry *gu_region_table(size_t *n)"
	print "{"
	print "\t*n = sizeof table / sizeof table[0];"
	print "\treturn table;"
	print "}"
}
