#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The ledger benchmark on the office's server: a throwaway PostgreSQL
# cluster of its own (tests/pg/pg-cluster.sh), the synthetic ledger of N
# problems copied into it by `rectify-cli copy-ledger` (timed), then
# rct-bench-ledger through the store beside psql running the same SQL.
# The cluster is stopped and removed at the end, whatever happens.
#
#   tests/bench/ledger-bench-pg.sh BUILDDIR [PROBLEMS [RUNS [LEDGER]]]
#
# PROBLEMS defaults to a million, RUNS to 5; LEDGER (the file copied in)
# to /tmp/rectify-bench-PROBLEMS.db, made by `rectify-cli init --synthetic`
# when missing (minutes at a million). The machine's load is printed
# before and after: the figures mean little on a busy machine.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 BUILDDIR [PROBLEMS [RUNS [LEDGER]]]" >&2; exit 2; }
build=$(cd "$1" && pwd)
problems=${2:-1000000}
runs=${3:-5}
ledger=${4:-/tmp/rectify-bench-$problems.db}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/app/rectify-cli"

if [ ! -f "$ledger" ]; then
    echo "Generating $problems problems into $ledger …"
    "$cli" --db "$ledger" init --synthetic "$problems"
fi

dir=$(mktemp -d /tmp/rct-pgb.XXXXXX)
trap '"$here/../pg/pg-cluster.sh" stop "$dir"' EXIT INT TERM
PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-512MB} "$here/../pg/pg-cluster.sh" start "$dir" >/dev/null
cluster="host=$dir port=5432 user=postgres"
location="$cluster dbname=rectify_bench"
psql -X -q -d "$cluster dbname=postgres" -c "CREATE DATABASE rectify_bench"
"$cli" --db "$location" server init >/dev/null

echo "Load before the copy: $(uptime)"
start=$(date +%s%N)
"$cli" copy-ledger "$ledger" "$location"
end=$(date +%s%N)
echo "copy-ledger of $problems problems: $(( (end - start) / 1000000 )) ms"
# The planner's statistics, as autovacuum would gather them soon after.
psql -X -q -d "$location" -c "VACUUM ANALYZE"
echo "Size on the server: $(psql -X -A -t -d "$location" -c "SELECT pg_size_pretty (pg_database_size (current_database ()))")"

echo "Load before the queries: $(uptime)"
"$build/tests/bench/rct-bench-ledger" --db "$location" --runs "$runs"
echo "Load after: $(uptime)"
