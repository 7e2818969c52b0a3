#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark: bytes per case of a database made by the real import path
# (guanai init, then guanai import of the profiles of tests/profiles again
# and again), encrypted as users have it, beside the answers files' own
# bytes per case in the same run; where the bytes go, table by table (the
# sqlite3 shell through the extension).  Target: at most 8 KB per case.
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
rounds=${BENCH_SIZE_ROUNDS:-40}
HOME=$dir GUANAI_USER=bench GUANAI_PASSWORD_FILE=$dir/pw GUANAI_DB=$dir/guanai.db
GUANAI_POLICY=$top_srcdir/data/chaoyang-2024.policy
export HOME GUANAI_USER GUANAI_PASSWORD_FILE GUANAI_DB GUANAI_POLICY
echo 'bench-password-1' > "$dir/pw"
"$GUANAI" init --user bench > "$dir/init.log" 2>&1 || { cat "$dir/init.log"; exit 1; }
files=$(ls "$top_srcdir"/tests/profiles/*.answers)
i=0
t0=$(date +%s)
while [ "$i" -lt "$rounds" ]; do
	# shellcheck disable=SC2086
	"$GUANAI" import --duplicate new $files >> "$dir/ids" 2>> "$dir/warnings" || exit 1
	i=$((i + 1))
done
t1=$(date +%s)
cases=$(wc -l < "$dir/ids")
# the log folded in, so that the file's size is all of it
sq() {
	GUANAI_KEYS="$GUANAI_DB-keys" sqlite3 -cmd ".load $top_builddir/db/guanai_crypt" \
		-cmd ".open file:$GUANAI_DB?vfs=guanai-crypt" ':memory:' "$@"
}
if command -v sqlite3 > /dev/null 2>&1; then
	sq 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
fi
bytes=$(wc -c < "$GUANAI_DB")
input=0
for f in $files; do input=$((input + $(wc -c < "$f"))); done
nfiles=$(echo "$files" | wc -l)
per=$((bytes / cases))
printf 'size: %d cases imported in %d s (%d rounds of %d profiles), %d bytes\n' \
	"$cases" $((t1 - t0)) "$rounds" "$nfiles" "$bytes"
printf 'size: %d bytes per imported case (target <= 8192: %s); the answers files: %d bytes per case\n' \
	"$per" "$([ "$per" -le 8192 ] && echo met || echo missed)" $((input / nfiles))
if command -v sqlite3 > /dev/null 2>&1; then
	echo "size: where the bytes go (bytes per case, table with its indexes, and of them the free space inside their pages):"
	sq "SELECT '  ' || coalesce(t.tbl_name, s.name) || ' ' || (sum(s.pgsize) / $cases)
		|| ' (unused ' || (sum(s.unused) / $cases) || ')'
		FROM dbstat s LEFT JOIN sqlite_schema t ON t.name = s.name
		GROUP BY coalesce(t.tbl_name, s.name) ORDER BY sum(s.pgsize) DESC LIMIT 8"
fi
