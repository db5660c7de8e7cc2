#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Times the XML report at N problems (default 100,000) beside the sqlite3
# shell doing the comparable work on the same ledger:
#   export-report            vs  sqlite3 -json dumping the same tables
#   import-report (empty)    vs  xmllint --stream --noout + sqlite3 loading a .dump of them,
#                                and + sqlite3 loading the same rows into an empty ledger
# and the peak memory of each of ours (/usr/bin/time -v). Each figure is
# wall seconds, peak resident MB and CPU seconds (user + system): on a
# loaded machine the wall time waits for the CPU and the CPU time does not.
# The ratios are of wall times, then of CPU times.
#   [REPORT_BENCH_QUICK=1] tests/bench/report-bench.sh [BUILD_DIR] [N]
set -eu
build=${1:-_build}
n=${2:-100000}
cli="$build/app/rectify-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RECTIFY_TODAY=2025-06-01

seconds () {  # command... -> prints wall seconds, peak RSS (MB) and CPU seconds of the command
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > /dev/null
    awk '{ printf "%.2f s, %.0f MB, CPU %.2f s", $1, $2 / 1024, $3 + $4 }' "$work/time"
}

echo "Generating a ledger of $n problems..."
"$cli" --db "$work/src.db" init --synthetic "$n" > /dev/null
tables="unit person working_group problem measure"

printf '| step | Rectify | comparison | ratio |\n|---|---|---|---|\n'
ours=$(seconds "$cli" --db "$work/src.db" export-report "$work/report.xml")
theirs=$(seconds sqlite3 -json "$work/src.db" "SELECT * FROM unit; SELECT * FROM person; SELECT * FROM working_group; SELECT * FROM problem; SELECT * FROM measure;")
echo "| export ($(du -m "$work/report.xml" | cut -f1) MB of XML) | $ours | sqlite3 -json: $theirs | $(echo "$ours $theirs" | awk '{ printf "%.2f (CPU %.2f)", $1 / $8, $6 / $13 }') |"

"$cli" --db "$work/empty.db" init > /dev/null
# The office accepts the generated ledger's key once (issue 21), untimed.
"$cli" --db "$work/empty.db" trust add "$work/report.xml" --yes > /dev/null
ours=$(seconds "$cli" --db "$work/empty.db" import-report "$work/report.xml")
sqlite3 "$work/src.db" ".dump $tables" | grep -v -e '^CREATE TRIGGER' -e '_fts' > "$work/dump.sql"
lint=$(seconds xmllint --stream --noout "$work/report.xml")
load=$(seconds sqlite3 "$work/load.db" ".read $work/dump.sql")
echo "| import into an empty ledger | $ours | xmllint --stream: $lint; sqlite3 loading a .dump: $load | $(echo "$ours $lint $load" | awk '{ printf "%.2f (CPU %.2f)", $1 / ($8 + $15), $6 / ($13 + $20) }') |"
# (REPORT_BENCH_QUICK=1 stops here: the line below takes minutes at a million.)
[ -z "${REPORT_BENCH_QUICK:-}" ] || exit 0
# The same rows loaded by the shell into an empty ledger of the same schema
# (its indexes, the running totals' and full-text triggers), in one
# transaction: the .dump above loads bare tables with their two unique
# indexes and no trigger.
"$cli" --db "$work/same.db" init > /dev/null
{ echo "BEGIN;"; grep '^INSERT' "$work/dump.sql"; echo "COMMIT;"; } > "$work/inserts.sql"
same=$(seconds sqlite3 "$work/same.db" ".read $work/inserts.sql")
echo "| the same, against the shell loading the rows into an empty ledger (same schema) | $ours | xmllint --stream: $lint; sqlite3: $same | $(echo "$ours $lint $same" | awk '{ printf "%.2f (CPU %.2f)", $1 / ($8 + $15), $6 / ($13 + $20) }') |"
