#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes the report reader with libFuzzer for SECONDS (default 60):
#   build-aux/fuzz-report.sh [SECONDS]
# Needs clang and its libFuzzer runtime (Debian: clang, libclang-rt-14-dev).
# New findings land in tests/fuzz/corpus/report-new/; a crash leaves crash-*.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build="$here/_build-fuzz"
[ -f "$build/build.ninja" ] || CC=clang meson setup "$build" "$here" -Dgui=disabled -Dbenchmarks=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
ninja -C "$build" data/librectify-data.a
mkdir -p "$here/tests/fuzz/corpus/report-new"
flags=$(pkg-config --cflags --libs glib-2.0 gio-2.0 sqlite3 libxml-2.0 libxslt json-glib-1.0 pangocairo cairo-pdf)
xlsx=$(pkg-config --libs xlsxwriter 2>/dev/null || true)
# shellcheck disable=SC2086
clang -g -O1 -fsanitize=fuzzer,address,undefined -I"$build" -I"$here/data" -I"$here/data/report" \
    -I"$build/data" -I"$build/data/report" "$here/tests/fuzz/fuzz-report.c" "$build/data/librectify-data.a" \
    $flags $xlsx -lm -o "$build/fuzz-report"
"$build/fuzz-report" -max_total_time="$seconds" -max_len=65536 \
    "$here/tests/fuzz/corpus/report-new" "$here/tests/fuzz/corpus/report" "$here/tests/report/hostile"
